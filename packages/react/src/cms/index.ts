// `@spokestack/react/cms`: the content editor, the content list, their parts and the CMS data hooks. A separate
// entry point, so a host showing only a pipeline board never downloads Tiptap or Uppy.
export { ContentEditor, type ContentEditorProps } from './ContentEditor.js';
export {
  ContentList,
  Highlight,
  contentListStrings,
  type ContentListProps,
  type ContentListFilters,
  type ContentListStrings,
} from './ContentList.js';
export * as EntryForm from './EntryForm.js';
export { useEntryEditor, useEntryEditorContext, type EntryEditorController, type UseEntryEditorOptions } from './controller.js';
export {
  createEntryEditorStore,
  useEntryEditorStore,
  useDraftValue,
  useDraftError,
  useDraftDirty,
  useSaveState,
  fieldErrorsOf,
  sameValue,
  metaKey,
  type SaveState,
  type Draft,
  type DraftKey,
  type EntryMeta,
  type MetaKey,
  type EntryEditorState,
  type EntryEditorActions,
  type EntryEditorStore,
} from './store.js';
export {
  cmsKeys,
  useContentTypes,
  useContentType,
  useContentEntries,
  useContentEntry,
  useCreateEntry,
  useSaveEntry,
  useEntryVersions,
  useVersionDiff,
  useRestoreVersion,
  useTranslations,
  useSaveTranslation,
  useTags,
  useCreateTag,
  useWorkflows,
  useEntryRevisions,
  useSubmitEntry,
  useDecideRevision,
  usePublishEntry,
  useUnpublishEntry,
  useSchedules,
  useCreateSchedule,
  useCancelSchedule,
  useComments,
  useCommentAction,
  type WorkflowState,
  type PublishResult,
  type SubmitEntryVariables,
  type DecideRevisionVariables,
  type PublishVariables,
  type CreateScheduleVariables,
  type CommentAction,
  type ContentEntriesQuery,
  type ContentTypesQuery,
  type SaveEntryVariables,
  type CreateEntryVariables,
  type SaveTranslationVariables,
  type RestoreVersionVariables,
  type CmsMutationOptions,
} from './hooks.js';
export { VersionHistory, type VersionHistoryProps } from './VersionHistory.js';
export { LocaleSwitcher, type LocaleSwitcherProps } from './LocaleSwitcher.js';
export { SeoPanel, type SeoPanelProps } from './SeoPanel.js';
export { WorkflowActions, PublishActions, mayDecide, type WorkflowActionsProps, type PublishActionsProps } from './Review.js';
export { SchedulePanel, type SchedulePanelProps } from './Schedules.js';
export { CommentThreads, FieldComments, CommentsPanel, type CommentThreadsProps, type CommentsPanelProps } from './Comments.js';
export { TagPicker, type TagPickerProps } from './fields/TagPicker.js';
export { defaultFieldInputs, type FieldInputs } from './fields/FieldInput.js';
export type { FieldInputProps, FieldOf } from './fields/types.js';
export { contentEditorStrings, statusLabels, translationStatusLabels, type ContentEditorStrings } from './strings.js';
export { statusTone } from './status.js';
export { directionOf, localeName } from './locale.js';
export { diffWords, plainText, type DiffPart } from './diff.js';
