// `@spokestack/react/crm`: the pipeline board, its Board parts and the CRM data hooks. A separate entry point, so
// a page that shows a pipeline downloads neither the editor, the uploader nor the charts.
export { PipelineBoard, type PipelineBoardProps } from './PipelineBoard.js';
export * as Board from './Board.js';
export type { BoardContextValue } from './Board.js';
export {
  applyMove,
  crmKeys,
  useMoveDeal,
  usePipelineBoard,
  type BoardDeal,
  type BoardFilters,
  type BoardStage,
  type Crm,
  type DealMove,
  type PipelineBoardData,
} from './hooks.js';
export { formatDate, formatMoney } from './format.js';
export { pipelineBoardStrings, type PipelineBoardStrings } from './strings.js';
