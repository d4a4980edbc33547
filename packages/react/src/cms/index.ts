// `@spokestack/react/cms`: the content editor, the content list, their parts and the CMS data hooks. A separate
// entry point, so a host showing only a pipeline board never downloads Tiptap or Uppy.
export { ContentEditor, type ContentEditorProps } from './ContentEditor.js';
export {
  ContentList,
  Highlight,
  contentListStrings,
  type HighlightProps,
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
export { cmsKeys, type CmsMutationOptions } from './hooks/keys.js';
export { useContentTypes, useContentType, type ContentTypesQuery } from './hooks/content-types.js';
export {
  useContentEntries,
  useContentEntry,
  useCreateEntry,
  useSaveEntry,
  type ContentEntriesQuery,
  type SaveEntryVariables,
  type CreateEntryVariables,
} from './hooks/entries.js';
export { useEntryVersions, useVersionDiff, useRestoreVersion, type RestoreVersionVariables } from './hooks/versions.js';
export { useTranslations, useSaveTranslation, type SaveTranslationVariables } from './hooks/localization.js';
export { useTags, useCreateTag, useCategories } from './hooks/taxonomy.js';
export {
  useWorkflows,
  useEntryRevisions,
  useSubmitEntry,
  useDecideRevision,
  type WorkflowState,
  type SubmitEntryVariables,
  type DecideRevisionVariables,
} from './hooks/workflows.js';
export { usePublishEntry, useUnpublishEntry, type PublishResult, type PublishVariables } from './hooks/publishing.js';
export { useSchedules, useCreateSchedule, useCancelSchedule, type CreateScheduleVariables } from './hooks/schedules.js';
export { useComments, useCommentAction, type CommentAction } from './hooks/comments.js';
export { VersionHistory, type VersionHistoryProps } from './VersionHistory.js';
export { LocaleSwitcher, type LocaleSwitcherProps } from './LocaleSwitcher.js';
export { SeoPanel, type SeoPanelProps } from './SeoPanel.js';
export { WorkflowActions, mayDecide, type WorkflowActionsProps } from './Workflows.js';
export { PublishActions, type PublishActionsProps } from './Publishing.js';
export { SchedulePanel, type SchedulePanelProps } from './Schedules.js';
export {
  CommentThreads,
  FieldComments,
  CommentsPanel,
  type CommentThreadsProps,
  type CommentsPanelProps,
  type FieldCommentsProps,
} from './Comments.js';
export { TagPicker, type TagPickerProps } from './fields/TagPicker.js';
export { defaultFieldInputs, type FieldInputs } from './fields/FieldInput.js';
export type { FieldInputProps, FieldOf } from './fields/types.js';
export { contentEditorStrings, statusLabels, translationStatusLabels, type ContentEditorStrings } from './strings.js';
export { statusTone } from './status.js';
export { directionOf, localeName } from './locale.js';
export { diffWords, plainText, type DiffPart } from './diff.js';
