import {
  keepPreviousData,
  skipToken,
  useInfiniteQuery,
  type UseInfiniteQueryResult,
  useMutation,
  type UseMutationOptions,
  type UseMutationResult,
  useQuery,
  useQueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { SpokeStack, SpokeStackError } from '@spokestack/core';
import type {
  CategoryRow,
  CommentRow,
  ContentTypeRow,
  EntryListItem,
  EntryRow,
  FieldChange,
  LocalizationRow,
  RevisionRow,
  ScheduleRow,
  TagRow,
  VersionSummary,
  WorkflowRow,
} from '@spokestack/core/cms';
import { useSpokeStack } from '../provider.js';
import { type PagedData, spokestackKeys, withRows } from '../shared/query.js';

type Cms = SpokeStack['cms'];
/** Filters, search and sort of `useContentEntries` (the hook manages the cursor). */
export type ContentEntriesQuery = Omit<NonNullable<Parameters<Cms['entries']['list']>[0]>, 'cursor'>;
/** Filters of `useContentTypes`. */
export type ContentTypesQuery = Omit<NonNullable<Parameters<Cms['contentTypes']['list']>[0]>, 'cursor'>;
/** What `useSaveEntry().mutate` takes. */
export type SaveEntryVariables = { id: string } & Parameters<Cms['entries']['update']>[1];
/** What `useCreateEntry().mutate` takes. */
export type CreateEntryVariables = Parameters<Cms['entries']['create']>[0];
/** What `useSaveTranslation().mutate` takes. */
export type SaveTranslationVariables = { id: string; locale: string } & Parameters<Cms['entries']['translations']['put']>[2];

/** The entry and review state after a workflow action. */
export type WorkflowState = Awaited<ReturnType<Cms['entries']['submit']>>;
/** The entry (and translation) after a publish action. */
export type PublishResult = Awaited<ReturnType<Cms['entries']['publish']>>;

/**
 * Query keys of the CMS hooks, under `spokestackKeys` so `invalidateQueries({ queryKey: spokestackKeys.feature('cms') })`
 * refreshes all of them.
 *
 * @example queryClient.invalidateQueries({ queryKey: cmsKeys.entry(entry.id) }) // the entry, its versions and translations
 */
export const cmsKeys = {
  contentTypes: (query: object = {}) => spokestackKeys.list('cms', 'contentTypes', query),
  contentType: (id: string) => spokestackKeys.detail('cms', 'contentTypes', id),
  entryLists: () => spokestackKeys.lists('cms', 'entries'),
  entries: (query: object = {}) => spokestackKeys.list('cms', 'entries', query),
  entry: (id: string) => spokestackKeys.detail('cms', 'entries', id),
  versions: (id: string) => [...spokestackKeys.detail('cms', 'entries', id), 'versions'] as const,
  diff: (id: string, from: number, to: number) => [...spokestackKeys.detail('cms', 'entries', id), 'diff', from, to] as const,
  translations: (id: string) => [...spokestackKeys.detail('cms', 'entries', id), 'translations'] as const,
  tags: () => spokestackKeys.list('cms', 'tags'),
  categories: () => spokestackKeys.list('cms', 'categories'),
  revisions: (id: string) => [...spokestackKeys.detail('cms', 'entries', id), 'revisions'] as const,
  schedules: (id: string) => [...spokestackKeys.detail('cms', 'entries', id), 'schedules'] as const,
  comments: (id: string) => [...spokestackKeys.detail('cms', 'entries', id), 'comments'] as const,
  workflows: () => spokestackKeys.list('cms', 'workflows'),
};

/**
 * The organization's content types, page by page (`data.rows`), e.g. for a "new entry" menu or a type filter.
 *
 * @example
 * const types = useContentTypes({ isActive: true })
 * types.data?.rows.map((type) => <option key={type.id} value={type.id}>{type.name}</option>)
 */
export function useContentTypes(query: ContentTypesQuery = {}): UseInfiniteQueryResult<PagedData<ContentTypeRow>, SpokeStackError> {
  const sdk = useSpokeStack();
  return useInfiniteQuery({
    queryKey: cmsKeys.contentTypes(query),
    queryFn: ({ pageParam, signal }) => sdk.cms.contentTypes.list({ limit: 100, sort: 'name', ...query, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: withRows,
  });
}

/**
 * One content type with its field schema. Pass `null` while the id is unknown.
 *
 * @example const { data: type } = useContentType(entry?.contentTypeId)
 */
export function useContentType(id: string | null | undefined): UseQueryResult<ContentTypeRow, SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.contentType(id ?? ''),
    queryFn: id ? ({ signal }) => sdk.cms.contentTypes.get(id, { signal }) : skipToken,
    // A schema changes rarely and every field of an open editor hangs off it.
    staleTime: 60_000,
  });
}

/**
 * Lists and searches entries: filters (`type`, `status`, `locale`, `tag`, `category`, …), `q` for ranked
 * full-text search (each row then has a `highlight` with `<mark>`ed matches), and "load more" pagination
 * through `fetchNextPage()`. While new filters load, the previous rows stay on screen.
 *
 * @example
 * const entries = useContentEntries({ type: 'blog-post', q: search, status: 'PUBLISHED', limit: 20 })
 * entries.data?.rows.map((entry) => <li key={entry.id}>{entry.title}</li>)
 */
export function useContentEntries(
  query: ContentEntriesQuery = {},
  options: { enabled?: boolean } = {},
): UseInfiniteQueryResult<PagedData<EntryListItem>, SpokeStackError> {
  const sdk = useSpokeStack();
  return useInfiniteQuery({
    queryKey: cmsKeys.entries(query),
    queryFn: ({ pageParam, signal }) => sdk.cms.entries.list({ ...query, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: withRows,
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

/**
 * One entry (draft data, status, `version`). Pass `null` while the id is unknown.
 *
 * @example const { data: entry, isPending } = useContentEntry(entryId)
 */
export function useContentEntry(id: string | null | undefined): UseQueryResult<EntryRow, SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({ queryKey: cmsKeys.entry(id ?? ''), queryFn: id ? ({ signal }) => sdk.cms.entries.get(id, { signal }) : skipToken });
}

/** TanStack mutation options of the CMS mutation hooks, minus `mutationFn`. */
export type CmsMutationOptions<TData, TVariables> = Omit<UseMutationOptions<TData, SpokeStackError, TVariables>, 'mutationFn'>;

/** Puts a saved entry in the cache and refreshes lists and its history, so every view shows the new draft. */
function useEntrySaved() {
  const queryClient = useQueryClient();
  return (entry: EntryRow) => {
    queryClient.setQueryData(cmsKeys.entry(entry.id), entry);
    void queryClient.invalidateQueries({ queryKey: cmsKeys.entryLists() });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.versions(entry.id) });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.translations(entry.id) });
  };
}

/**
 * Creates an entry; the new entry lands in the cache and lists refresh.
 *
 * @example
 * const create = useCreateEntry({ onSuccess: (entry) => navigate(`/content/${entry.id}`) })
 * create.mutate({ contentTypeId: type.id, data: { title: 'Hello' } })
 */
export function useCreateEntry(
  options: CmsMutationOptions<EntryRow, CreateEntryVariables> = {},
): UseMutationResult<EntryRow, SpokeStackError, CreateEntryVariables> {
  const sdk = useSpokeStack();
  const saved = useEntrySaved();
  return useMutation({
    ...options,
    mutationFn: (body) => sdk.cms.entries.create(body),
    onSuccess: (entry, ...rest) => {
      saved(entry);
      return options.onSuccess?.(entry, ...rest);
    },
  });
}

/**
 * Saves an entry draft with optimistic concurrency: pass the `version` you edited. When someone saved in the
 * meantime the server refuses with 409 (`error.extensions.currentVersion`) and nothing is written, so the caller
 * can offer to reload or to overwrite. A 400 names each invalid field (`error.errors[].path`, `body.data.<field>`).
 *
 * @example
 * const save = useSaveEntry({ onError: (e) => e.status === 409 && setConflict(e) })
 * save.mutate({ id: entry.id, version: entry.version, data: { title: 'New title' } })
 */
export function useSaveEntry(
  options: CmsMutationOptions<EntryRow, SaveEntryVariables> = {},
): UseMutationResult<EntryRow, SpokeStackError, SaveEntryVariables> {
  const sdk = useSpokeStack();
  const saved = useEntrySaved();
  return useMutation({
    ...options,
    mutationFn: ({ id, ...body }) => sdk.cms.entries.update(id, body),
    onSuccess: (entry, ...rest) => {
      saved(entry);
      return options.onSuccess?.(entry, ...rest);
    },
  });
}

/**
 * The saved versions of an entry, newest first, page by page (`data.rows`).
 *
 * @example
 * const versions = useEntryVersions(entry.id)
 * versions.data?.rows.map((v) => <li key={v.id}>v{v.versionNumber} · {v.changedFields.join(', ')}</li>)
 */
export function useEntryVersions(
  entryId: string | null | undefined,
  options: { enabled?: boolean } = {},
): UseInfiniteQueryResult<PagedData<VersionSummary>, SpokeStackError> {
  const sdk = useSpokeStack();
  return useInfiniteQuery({
    queryKey: cmsKeys.versions(entryId ?? ''),
    queryFn: entryId
      ? ({ pageParam, signal }) => sdk.cms.entries.versions.list(entryId, { limit: 50, cursor: pageParam }, { signal })
      : skipToken,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: withRows,
    enabled: options.enabled,
  });
}

/**
 * The field-by-field difference between two versions of an entry (`changes: [{ field, before, after, change }]`).
 * Waits while either number is missing.
 *
 * @example const { data: diff } = useVersionDiff(entry.id, 3, 5)
 */
export function useVersionDiff(
  entryId: string | null | undefined,
  from: number | null | undefined,
  to: number | null | undefined,
): UseQueryResult<{ from: number; to: number; changes: FieldChange[] }, SpokeStackError> {
  const sdk = useSpokeStack();
  const ready = entryId && from && to;
  return useQuery({
    queryKey: cmsKeys.diff(entryId ?? '', from ?? 0, to ?? 0),
    queryFn: ready ? ({ signal }) => sdk.cms.entries.versions.diff(entryId, from, to, { signal }) : skipToken,
    // Versions never change once written.
    staleTime: Infinity,
  });
}

/** What `useRestoreVersion().mutate` takes. */
export interface RestoreVersionVariables {
  /** The entry. */
  id: string;
  /** The version to bring back. */
  versionNumber: number;
  /** The entry version the restore is based on; a stale one is refused with 409. */
  version?: number;
  /** Stored on the new version. */
  changeNote?: string;
}

/**
 * Restores an old version into the draft as a new version (it never publishes). The restored entry replaces the
 * cached one and the history refreshes.
 *
 * @example
 * const restore = useRestoreVersion({ onSuccess: () => toast({ title: 'Version restored' }) })
 * restore.mutate({ id: entry.id, versionNumber: 2, version: entry.version })
 */
export function useRestoreVersion(
  options: CmsMutationOptions<EntryRow, RestoreVersionVariables> = {},
): UseMutationResult<EntryRow, SpokeStackError, RestoreVersionVariables> {
  const sdk = useSpokeStack();
  const saved = useEntrySaved();
  return useMutation({
    ...options,
    mutationFn: ({ id, versionNumber, version, changeNote }) =>
      sdk.cms.entries.versions.restore(id, versionNumber, { version, changeNote }),
    onSuccess: (entry, ...rest) => {
      saved(entry);
      return options.onSuccess?.(entry, ...rest);
    },
  });
}

/**
 * The translations of an entry (one per locale other than its own), with their status.
 *
 * @example
 * const { data } = useTranslations(entry.id)
 * data?.map((t) => <Badge key={t.locale}>{t.locale}: {t.status}</Badge>)
 */
export function useTranslations(entryId: string | null | undefined): UseQueryResult<LocalizationRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.translations(entryId ?? ''),
    queryFn: entryId ? async ({ signal }) => (await sdk.cms.entries.translations.list(entryId, { signal })).data : skipToken,
  });
}

/**
 * Creates or replaces the translation of an entry in one locale (`data` holds the localized fields; `status`
 * moves it through PENDING → IN_PROGRESS → REVIEW → APPROVED).
 *
 * @example
 * const save = useSaveTranslation()
 * save.mutate({ id: entry.id, locale: 'fr', data: { title: 'Bonjour' }, status: 'REVIEW' })
 */
export function useSaveTranslation(
  options: CmsMutationOptions<LocalizationRow, SaveTranslationVariables> = {},
): UseMutationResult<LocalizationRow, SpokeStackError, SaveTranslationVariables> {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, locale, ...body }) => sdk.cms.entries.translations.put(id, locale, body),
    onSuccess: (row, ...rest) => {
      queryClient.setQueryData<LocalizationRow[]>(cmsKeys.translations(row.entryId), (rows) =>
        rows ? upsertBy(rows, row, 'locale') : rows,
      );
      void queryClient.invalidateQueries({ queryKey: cmsKeys.translations(row.entryId) });
      return options.onSuccess?.(row, ...rest);
    },
  });
}

function upsertBy<T, K extends keyof T>(rows: T[], row: T, key: K): T[] {
  const index = rows.findIndex((r) => r[key] === row[key]);
  return index === -1 ? [...rows, row] : rows.map((r, i) => (i === index ? row : r));
}

/** The rows of a list, page after page, up to `max` (what a picker or a filter menu can show). */
async function upTo<T>(rows: AsyncIterable<T>, max: number): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) if (out.push(row) >= max) break;
  return out;
}

/**
 * The organization's tags by name, for pickers and filters. Pages through all of them, up to 1,000.
 *
 * @example const { data: tags } = useTags()
 */
export function useTags(): UseQueryResult<TagRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.tags(),
    queryFn: ({ signal }) => upTo(sdk.cms.tags.iterate({ limit: 200, sort: 'name' }, { signal }), 1000),
    staleTime: 30_000,
  });
}

/**
 * Creates a tag (its slug comes from the name); the tag list refreshes.
 *
 * @example
 * const create = useCreateTag()
 * const tag = await create.mutateAsync({ name: 'Product launch' })
 */
export function useCreateTag(
  options: CmsMutationOptions<TagRow, Parameters<Cms['tags']['create']>[0]> = {},
): UseMutationResult<TagRow, SpokeStackError, Parameters<Cms['tags']['create']>[0]> {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body) => sdk.cms.tags.create(body),
    onSuccess: (tag, ...rest) => {
      queryClient.setQueryData<TagRow[]>(cmsKeys.tags(), (rows) =>
        rows ? [...rows, tag].sort((a, b) => a.name.localeCompare(b.name)) : rows,
      );
      return options.onSuccess?.(tag, ...rest);
    },
  });
}

/**
 * The organization's categories in tree order (`path`; each with its `depth`), for pickers and filters. Pages
 * through all of them, up to 1,000.
 *
 * @example const { data: categories } = useCategories()
 */
export function useCategories(): UseQueryResult<CategoryRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.categories(),
    queryFn: ({ signal }) => upTo(sdk.cms.categories.iterate({ limit: 200, sort: 'path' }, { signal }), 1000),
    staleTime: 30_000,
  });
}

// ---------------------------------------------------------------- workflow, publishing, schedules, comments

/** Puts an entry a workflow or publish action returned in the cache and refreshes what depends on its status. */
function useEntryChanged() {
  const queryClient = useQueryClient();
  return (entry: EntryRow) => {
    queryClient.setQueryData(cmsKeys.entry(entry.id), entry);
    void queryClient.invalidateQueries({ queryKey: cmsKeys.entryLists() });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.revisions(entry.id) });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.translations(entry.id) });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.schedules(entry.id) });
  };
}

/**
 * The organization's active approval workflows (for "does this type go through review?").
 *
 * @example const { data: workflows } = useWorkflows()
 */
export function useWorkflows(): UseQueryResult<WorkflowRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.workflows(),
    queryFn: async ({ signal }) => (await sdk.cms.workflows.list({ isActive: true, limit: 200 }, { signal })).data,
    staleTime: 60_000,
  });
}

/**
 * The review history of an entry, oldest first; the last PENDING revision is the stage it waits in.
 *
 * @example const pending = useEntryRevisions(entry.id).data?.findLast((r) => r.status === 'PENDING')
 */
export function useEntryRevisions(entryId: string | null | undefined): UseQueryResult<RevisionRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.revisions(entryId ?? ''),
    queryFn: entryId ? async ({ signal }) => (await sdk.cms.entries.revisions(entryId, { signal })).data : skipToken,
  });
}

/** What `useSubmitEntry().mutate` takes. */
export interface SubmitEntryVariables {
  id: string;
  /** Shown to the reviewers. */
  note?: string;
}

/**
 * Submits an entry for review (the first stage of its type's workflow); 409 when it is already in review or its
 * type has no workflow.
 *
 * @example useSubmitEntry().mutate({ id: entry.id, note: 'Ready for legal' })
 */
export function useSubmitEntry(
  options: CmsMutationOptions<WorkflowState, SubmitEntryVariables> = {},
): UseMutationResult<WorkflowState, SpokeStackError, SubmitEntryVariables> {
  const sdk = useSpokeStack();
  const changed = useEntryChanged();
  return useMutation({
    ...options,
    mutationFn: ({ id, note }) => sdk.cms.entries.submit(id, note ? { note } : {}),
    onSuccess: (state, ...rest) => {
      changed(state.entry);
      return options.onSuccess?.(state, ...rest);
    },
  });
}

/** What `useDecideRevision().mutate` takes. */
export interface DecideRevisionVariables {
  revisionId: string;
  decision: 'approve' | 'reject' | 'requestChanges' | 'skip';
  /** Required to reject or request changes. */
  feedback?: string;
}

/**
 * Decides a pending review stage: approve (or skip) moves the entry to the next stage or to APPROVED; reject and
 * request changes (with feedback) send it back to DRAFT. Only the stage's assignee or an OWNER/ADMIN may (403).
 *
 * @example useDecideRevision().mutate({ revisionId: pending.id, decision: 'reject', feedback: 'Too long' })
 */
export function useDecideRevision(
  options: CmsMutationOptions<WorkflowState, DecideRevisionVariables> = {},
): UseMutationResult<WorkflowState, SpokeStackError, DecideRevisionVariables> {
  const sdk = useSpokeStack();
  const changed = useEntryChanged();
  return useMutation({
    ...options,
    mutationFn: ({ revisionId, decision, feedback }) => {
      const revisions = sdk.cms.revisions;
      if (decision === 'reject') return revisions.reject(revisionId, feedback ?? '');
      if (decision === 'requestChanges') return revisions.requestChanges(revisionId, feedback ?? '');
      return decision === 'skip'
        ? revisions.skip(revisionId, feedback ? { feedback } : {})
        : revisions.approve(revisionId, feedback ? { feedback } : {});
    },
    onSuccess: (state, ...rest) => {
      changed(state.entry);
      return options.onSuccess?.(state, ...rest);
    },
  });
}

/** What `usePublishEntry().mutate` takes. */
export interface PublishVariables {
  id: string;
  /** One translation; default the entry's own locale. */
  locale?: string;
  /** Publish only if the draft is still at this version (what the publisher saw). */
  version?: number;
}

/**
 * Publishes an entry (or one translation) now. A 400 names the fields that keep it from going live (`data.<field>`),
 * a 409 says it needs approval first.
 *
 * @example usePublishEntry().mutate({ id: entry.id, version: entry.version })
 */
export function usePublishEntry(
  options: CmsMutationOptions<PublishResult, PublishVariables> = {},
): UseMutationResult<PublishResult, SpokeStackError, PublishVariables> {
  const sdk = useSpokeStack();
  const changed = useEntryChanged();
  return useMutation({
    ...options,
    mutationFn: ({ id, locale, version }) => sdk.cms.entries.publish(id, { ...(locale && { locale }), ...(version && { version }) }),
    onSuccess: (result, ...rest) => {
      changed(result.entry);
      return options.onSuccess?.(result, ...rest);
    },
  });
}

/**
 * Takes an entry (or one translation) offline now.
 *
 * @example useUnpublishEntry().mutate({ id: entry.id, locale: 'fr' })
 */
export function useUnpublishEntry(
  options: CmsMutationOptions<PublishResult, { id: string; locale?: string }> = {},
): UseMutationResult<PublishResult, SpokeStackError, { id: string; locale?: string }> {
  const sdk = useSpokeStack();
  const changed = useEntryChanged();
  return useMutation({
    ...options,
    mutationFn: ({ id, locale }) => sdk.cms.entries.unpublish(id, locale ? { locale } : {}),
    onSuccess: (result, ...rest) => {
      changed(result.entry);
      return options.onSuccess?.(result, ...rest);
    },
  });
}

/**
 * The publishing schedule of an entry (every status), soonest first.
 *
 * @example const { data: schedules } = useSchedules(entry.id)
 */
export function useSchedules(entryId: string | null | undefined): UseQueryResult<ScheduleRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.schedules(entryId ?? ''),
    queryFn: entryId
      ? async ({ signal }) => (await sdk.cms.schedules.list({ entryId, sort: 'scheduledFor', limit: 100 }, { signal })).data
      : skipToken,
  });
}

/** What `useCreateSchedule().mutate` takes. */
export type CreateScheduleVariables = Parameters<Cms['schedules']['create']>[0];

/**
 * Schedules PUBLISH, UPDATE, UNPUBLISH or ARCHIVE of an entry (optionally one locale) at a future time.
 *
 * @example useCreateSchedule().mutate({ entryId, action: 'PUBLISH', scheduledFor: '2025-06-01T09:00:00Z' })
 */
export function useCreateSchedule(
  options: CmsMutationOptions<ScheduleRow, CreateScheduleVariables> = {},
): UseMutationResult<ScheduleRow, SpokeStackError, CreateScheduleVariables> {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body) => sdk.cms.schedules.create(body),
    onSuccess: (schedule, ...rest) => {
      void queryClient.invalidateQueries({ queryKey: cmsKeys.schedules(schedule.entryId) });
      // Scheduling a publish sets the entry SCHEDULED.
      void queryClient.invalidateQueries({ queryKey: cmsKeys.entry(schedule.entryId), exact: true });
      void queryClient.invalidateQueries({ queryKey: cmsKeys.entryLists() });
      return options.onSuccess?.(schedule, ...rest);
    },
  });
}

/**
 * Cancels a pending schedule (the history keeps it as CANCELLED).
 *
 * @example useCancelSchedule().mutate(schedule.id)
 */
export function useCancelSchedule(
  options: CmsMutationOptions<ScheduleRow, string> = {},
): UseMutationResult<ScheduleRow, SpokeStackError, string> {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id) => sdk.cms.schedules.cancel(id),
    onSuccess: (schedule, ...rest) => {
      void queryClient.invalidateQueries({ queryKey: cmsKeys.schedules(schedule.entryId) });
      void queryClient.invalidateQueries({ queryKey: cmsKeys.entry(schedule.entryId), exact: true });
      return options.onSuccess?.(schedule, ...rest);
    },
  });
}

/**
 * Every comment of an entry (threads: `parentId` points at the thread's first comment), oldest first.
 *
 * @example const byField = Map.groupBy(useComments(entry.id).data ?? [], (c) => c.fieldName)
 */
export function useComments(entryId: string | null | undefined): UseQueryResult<CommentRow[], SpokeStackError>;
/** With `select`: a part of the comments, re-rendering only when that part changes (one field's count among hundreds). */
export function useComments<T>(
  entryId: string | null | undefined,
  select: (comments: CommentRow[]) => T,
): UseQueryResult<T, SpokeStackError>;
export function useComments<T>(
  entryId: string | null | undefined,
  select?: (comments: CommentRow[]) => T,
): UseQueryResult<T | CommentRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.comments(entryId ?? ''),
    queryFn: entryId
      ? async ({ signal }) => {
          const rows: CommentRow[] = [];
          for await (const comment of sdk.cms.comments.iterate({ entryId, limit: 200 }, { signal })) rows.push(comment);
          return rows;
        }
      : skipToken,
    select,
  });
}

/** What `useCommentAction().mutate` takes. */
export type CommentAction =
  | { kind: 'create'; body: Parameters<Cms['comments']['create']>[0] }
  | { kind: 'resolve' | 'reopen' | 'delete'; id: string }
  | { kind: 'edit'; id: string; content: string };

/**
 * Writes comments: create (on the entry, a field, a text selection, or as a reply), edit, resolve, reopen,
 * delete. The entry's comments refetch after each.
 *
 * @example useCommentAction(entry.id).mutate({ kind: 'create', body: { entryId, fieldName: 'title', content: 'Shorter?' } })
 */
export function useCommentAction(
  entryId: string,
  options: CmsMutationOptions<unknown, CommentAction> = {},
): UseMutationResult<unknown, SpokeStackError, CommentAction> {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (action): Promise<unknown> => {
      const comments = sdk.cms.comments;
      switch (action.kind) {
        case 'create':
          return comments.create(action.body);
        case 'edit':
          return comments.update(action.id, { content: action.content });
        case 'resolve':
          return comments.resolve(action.id);
        case 'reopen':
          return comments.reopen(action.id);
        case 'delete':
          return comments.delete(action.id);
      }
    },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: cmsKeys.comments(entryId) });
      return options.onSuccess?.(...args);
    },
  });
}
