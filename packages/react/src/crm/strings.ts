/**
 * Every string the pipeline board shows, screen-reader announcements included (`{deal}`, `{stage}`, … are filled
 * in), so one `overrides` translates all of it.
 *
 * @example <PipelineBoard pipelineId={id} overrides={{ count: '{count} affaires', lostTitle: 'Affaire perdue' }} />
 */
export const pipelineBoardStrings = {
  loading: 'Loading pipeline…',
  empty: 'No deals yet',
  emptyHint: 'Deals added to this pipeline show up here, one column per stage.',
  emptyStage: 'No deals',
  readOnly: 'View only',
  filters: 'Filters',
  owner: 'Owner',
  anyOwner: 'All owners',
  closeMonth: 'Closing in',
  clearFilters: 'Clear filters',
  count: '{count} deals',
  countOne: '1 deal',
  total: 'Total',
  weighted: 'Weighted',
  probability: '{probability}%',
  noAmount: 'No amount',
  noCloseDate: 'No close date',
  closes: 'Closes {date}',
  missingRates: 'Totals leave out deals in {currencies} (no exchange rate).',
  moveTo: 'Move {deal} to…',
  lostTitle: 'Why was {deal} lost?',
  lostDescription: 'The reason is kept on the deal and its stage history.',
  lostReason: 'Reason',
  lostDetails: 'Details (optional)',
  lostConfirm: 'Mark as lost',
  cancel: 'Cancel',
  dismiss: 'Dismiss',
  moved: '{deal} moved to {stage}.',
  refused: '{deal} could not be moved',
  conflict: 'Someone else moved it meanwhile; the board shows where it is now.',
  roleDescription: 'draggable deal',
  instructions:
    'To pick up a deal, press Space or Enter. Use the arrow keys to move it between stages, Space or Enter to drop it, Escape to cancel.',
  pickedUp: 'Picked up {deal} in {stage}.',
  over: '{deal} is over {stage}.',
  dropped: '{deal} dropped in {stage}.',
  droppedBack: '{deal} stays in {stage}.',
  cancelled: 'Moving {deal} was cancelled.',
};
export type PipelineBoardStrings = typeof pipelineBoardStrings;
