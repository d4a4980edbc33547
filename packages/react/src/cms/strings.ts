import { createContext, useContext } from 'react';
import type { ContentStatus, LocalizationStatus } from '@spokestack/core/cms';

/**
 * How entry statuses read in badges and filters (the defaults of the `status…` strings).
 *
 * @example <Badge>{statusLabels[entry.status]}</Badge>
 */
export const statusLabels: Record<ContentStatus, string> = {
  DRAFT: 'Draft',
  IN_REVIEW: 'In review',
  APPROVED: 'Approved',
  SCHEDULED: 'Scheduled',
  PUBLISHED: 'Published',
  UNPUBLISHED: 'Unpublished',
  ARCHIVED: 'Archived',
};

/**
 * How translation statuses read in the language switcher (the defaults of the `translation…` strings).
 *
 * @example <Badge>{translationStatusLabels[translation.status]}</Badge>
 */
export const translationStatusLabels: Record<LocalizationStatus, string> = {
  PENDING: 'Pending',
  IN_PROGRESS: 'In progress',
  REVIEW: 'In review',
  APPROVED: 'Approved',
  OUTDATED: 'Outdated',
};

const prefixed = <P extends string, K extends string>(prefix: P, labels: Record<K, string>) =>
  Object.fromEntries(Object.entries(labels).map(([key, label]) => [`${prefix}${key}`, label])) as Record<`${P}${K}`, string>;

/**
 * Every string the content editor shows; pass some through `overrides` to translate or rename them. Statuses are
 * `status<STATUS>` (e.g. `statusIN_REVIEW`) and `translation<STATUS>` (e.g. `translationOUTDATED`).
 *
 * @example <ContentEditor entryId={id} overrides={{ save: 'Enregistrer', statusDRAFT: 'Brouillon' }} />
 */
export const contentEditorStrings = {
  // Save state (the indicator in the header, `data-state` on the root)
  stateNew: 'Not saved yet',
  stateSaved: 'All changes saved',
  stateDirty: 'Unsaved changes',
  stateSaving: 'Saving…',
  stateError: 'Not saved: fix the highlighted fields',
  stateConflict: 'Someone else saved this entry',
  save: 'Save',
  create: 'Create entry',
  loading: 'Loading the entry…',
  readOnly: 'Read only',
  readOnlyHint: 'You can read this entry but not change it.',
  conflictTitle: 'This entry changed while you were editing',
  conflictDescription:
    'Someone saved version {version}. Your changes are still here: reload to see theirs (yours are discarded), or overwrite to save ' +
    'yours on top of it.',
  reload: 'Reload their version',
  overwrite: 'Overwrite with my changes',
  saveFailed: 'The entry could not be saved',
  // Fields
  fieldGroups: 'Sections of the form',
  required: 'required',
  optional: 'optional',
  sharedField: 'Shared by every language: edit it in {locale}.',
  sourceValue: '{locale} (source)',
  characters: '{count} characters',
  charactersOf: '{count} / {max} characters',
  noValue: '—',
  yes: 'Yes',
  no: 'No',
  choose: 'Choose…',
  invalidNumber: 'Enter a number',
  invalidJson: 'Not valid JSON: {message}',
  slugFrom: 'Generate from {field}',
  slugHint: 'Lowercase letters and digits, words joined by "-".',
  remove: 'Remove',
  moveUp: 'Move up',
  moveDown: 'Move down',
  // Rich text toolbar
  toolbar: 'Formatting',
  paragraph: 'Paragraph',
  heading: 'Heading {level}',
  bold: 'Bold',
  italic: 'Italic',
  strike: 'Strikethrough',
  bulletList: 'Bulleted list',
  orderedList: 'Numbered list',
  blockquote: 'Quote',
  link: 'Link',
  linkPrompt: 'Link address (https://…); leave empty to remove the link',
  unlink: 'Remove link',
  linkApply: 'Apply',
  linkNewTab: 'Open in a new tab',
  linkRel_nofollow: 'nofollow: not an endorsement',
  linkRel_sponsored: 'sponsored: paid or affiliate',
  linkRel_ugc: 'ugc: written by users',
  table: 'Insert table',
  addRowAfter: 'Add row',
  addColumnAfter: 'Add column',
  deleteTable: 'Delete table',
  image: 'Insert image',
  undo: 'Undo',
  redo: 'Redo',
  // Media
  upload: 'Upload',
  dropFiles: 'Drop files here or press to choose',
  uploading: 'Uploading {name}… {percent}%',
  uploadFailed: 'Upload of {name} failed: {message}',
  library: 'Choose from library',
  libraryTitle: 'Media library',
  libraryEmpty: 'Nothing uploaded yet',
  select: 'Select',
  loadMore: 'Load more',
  altText: 'Alt text',
  caption: 'Caption',
  // Relations and tags
  searchEntries: 'Search entries',
  noMatches: 'No matches',
  addTag: 'Add tag',
  createTag: 'Create "{name}"',
  // Blocks
  addBlock: 'Add block',
  blockType: 'Block type',
  blockData: 'Block data (JSON)',
  sharedBlock: 'Shared block {id}',
  // Locales
  language: 'Language',
  sourceLocale: 'source',
  translationMissing: 'Not translated',
  translationStatus: 'Translation status',
  // History
  history: 'History',
  historyTitle: 'Version history',
  historyDescription: 'Every save keeps a version. Compare any two and restore one into the draft; restoring never publishes.',
  historyEmpty: 'No versions yet',
  version: 'Version {number}',
  restored: 'restored',
  compareWith: 'Compare with',
  noChanges: 'No field changed between these versions.',
  before: 'Before',
  after: 'After',
  added: 'added',
  removedChange: 'removed',
  changed: 'changed',
  restore: 'Restore version {number}',
  restoreConfirmTitle: 'Restore version {number}?',
  restoreConfirm:
    'The draft becomes what version {number} held, saved as a new version; later versions stay in the history. Nothing is published.',
  restoreUnsaved: 'Your unsaved changes will be replaced.',
  versionCurrent: 'current',
  versionCreated: 'Created',
  versionBy: 'by {name}',
  entryTitle: 'Title',
  entrySlug: 'Slug',
  fileMissing: 'Deleted file',
  restoredToast: 'Version {number} restored into the draft',
  close: 'Close',
  // SEO and social
  seo: 'SEO & social',
  seoTitle: 'SEO title',
  seoDescription: 'Meta description',
  seoKeywords: 'Keywords',
  seoKeywordsHint: 'Separate keywords with commas.',
  canonicalUrl: 'Canonical URL',
  noIndex: 'Hide from search engines (noindex)',
  ogTitle: 'Social title',
  ogDescription: 'Social description',
  ogImage: 'Social image',
  seoPerLocale: 'SEO for this language; empty fields use the {locale} ones, shown greyed.',
  taxonomy: 'Tags',
  categories: 'Categories',
  categoriesEmpty: 'No categories yet',
  // Workflow, publishing, schedules, comments
  status: 'Status',
  submit: 'Submit for review',
  submitNote: 'Note for the reviewers',
  submitted: 'Submitted for review',
  approve: 'Approve',
  reject: 'Reject',
  requestChanges: 'Request changes',
  feedback: 'Feedback',
  feedbackRequired: 'Say what should change.',
  pendingReview: 'Waiting for {stage}',
  publish: 'Publish',
  publishLocale: 'Publish {locale}',
  unpublish: 'Unpublish',
  published: 'Published',
  unpublished: 'Unpublished',
  decided: 'Review decision recorded',
  scheduled: 'Scheduled',
  archived: 'Archived',
  unarchived: 'Unarchived',
  failedPublish: 'Not published',
  failedUnpublish: 'Not unpublished',
  failedSubmit: 'Not submitted for review',
  failedApprove: 'The review decision was not recorded',
  failedSchedule: 'Not scheduled',
  failedFields: 'Fix the highlighted fields, then try again.',
  blockersTitle: 'Before this can go live, fix:',
  schedule: 'Schedule',
  scheduleTitle: 'Schedule',
  scheduleAction: 'Action',
  scheduleAt: 'At',
  scheduleAdd: 'Add to schedule',
  scheduleEmpty: 'Nothing scheduled',
  scheduleCancel: 'Cancel',
  scheduleFailed: 'failed: {error}',
  scheduleWhy: 'Publishing cannot be scheduled yet: {reason}.',
  scheduleAddFailed: 'Not scheduled: {reason}',
  scheduleCancelFailed: 'Not cancelled: {reason}',
  expiresAt: 'Unpublish automatically at',
  expiresNever: 'Never',
  comments: 'Comments',
  commentsOnEntry: 'General',
  commentOn: 'Comment on {field}',
  you: 'You',
  someone: 'Someone',
  showResolved: 'Show resolved',
  commentsOn: 'Comments on {field}',
  openComments: 'Open comments: {count}',
  sidebar: 'Entry settings',
  commentsCount: '{count} comments',
  commentPlaceholder: 'Write a comment…',
  commentSend: 'Comment',
  commentOnSelection: 'About the selected text:',
  commentWholeField: 'Comment on the whole field instead',
  reply: 'Reply',
  resolve: 'Resolve',
  reopen: 'Reopen',
  resolved: 'Resolved',
  commentsEmpty: 'No comments yet',
  cancel: 'Cancel',
  confirm: 'Confirm',
  ...prefixed('status', statusLabels),
  ...prefixed('translation', translationStatusLabels),
};

export type ContentEditorStrings = typeof contentEditorStrings;

export { format } from '../shared/format.js';

/**
 * The editor strings in effect; `ContentEditor` provides its `overrides` merged over the defaults.
 *
 * @example <StringsContext.Provider value={{ ...contentEditorStrings, ...overrides }}>…</StringsContext.Provider>
 */
export const StringsContext = createContext<ContentEditorStrings>(contentEditorStrings);

/**
 * The editor strings in effect (defaults merged with the nearest editor's `overrides`).
 *
 * @example const t = useStrings(); <span>{t[`status${entry.status}`]}</span>
 */
export function useStrings(): ContentEditorStrings {
  return useContext(StringsContext);
}
