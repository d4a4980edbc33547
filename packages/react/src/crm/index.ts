// `@spokestack/react/crm`: the pipeline board and its Board parts, the deal dialog, the contact timeline and the
// CRM data hooks. A separate entry point, so a page that shows a pipeline downloads neither the editor, the
// uploader nor the charts.
export { PipelineBoard, type PipelineBoardProps } from './PipelineBoard.js';
export * as Board from './Board.js';
export type { BoardContextValue } from './Board.js';
export { DealDialog, type DealDialogProps } from './DealDialog.js';
export { ContactTimeline, type ContactTimelineProps } from './ContactTimeline.js';
export { TaskList, type TaskListProps } from './TaskList.js';
export { ContactImport, guessMapping, readColumns, type ContactImportProps } from './ContactImport.js';
export {
  applyMove,
  crmKeys,
  importRunning,
  useContactImport,
  useContactImportErrors,
  useContacts,
  useContactTimeline,
  useDealHistory,
  useMoveDeal,
  useMyTasks,
  useTaskAction,
  usePipelineBoard,
  type BoardDeal,
  type BoardFilters,
  type BoardStage,
  type ContactImportInput,
  type ContactImportRow,
  type ContactsQuery,
  type Crm,
  type DealHistoryEntry,
  type DealMove,
  type MyTask,
  type TaskAction,
  type PipelineBoardData,
  type TimelineEntry,
} from './hooks.js';
export { formatDate, formatMoney } from './format.js';
export {
  contactImportStrings,
  contactTimelineStrings,
  dealDialogStrings,
  pipelineBoardStrings,
  taskListStrings,
  type ContactImportStrings,
  type ContactTimelineStrings,
  type DealDialogStrings,
  type PipelineBoardStrings,
  type TaskListStrings,
} from './strings.js';
export { SegmentBuilder, type SegmentBuilderProps } from './SegmentBuilder.js';
export { ListEditor, type ListEditorProps } from './ListEditor.js';
export {
  asGroup,
  emptyGroups,
  problemPath,
  ruleAt,
  updateAt,
  useContactList,
  useSaveDynamicList,
  useSegmentChoices,
  useSegmentCount,
  type ContactListRow,
  type CustomFieldDefinition,
  type DynamicListInput,
  type RulePath,
  type SegmentGroup,
  type SegmentPreviewResult,
} from './segments.js';
export { listEditorStrings, segmentBuilderStrings, type ListEditorStrings, type SegmentBuilderStrings } from './strings.js';
