import {
  keepPreviousData,
  skipToken,
  useInfiniteQuery,
  type UseInfiniteQueryResult,
  useMutation,
  type UseMutationResult,
  useQuery,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { EntryListItem, EntryRow } from '@spokestack/core/cms';
import { useSpokeStack } from '../../provider.js';
import { type PagedData, withRows } from '../../shared/query.js';
import { useEntrySaved } from './cache.js';
import { type Cms, cmsKeys, type CmsMutationOptions } from './keys.js';

/** Filters, search and sort of `useContentEntries` (the hook manages the cursor). */
export type ContentEntriesQuery = Omit<NonNullable<Parameters<Cms['entries']['list']>[0]>, 'cursor'>;
/** What `useSaveEntry().mutate` takes. */
export type SaveEntryVariables = { id: string } & Parameters<Cms['entries']['update']>[1];
/** What `useCreateEntry().mutate` takes. */
export type CreateEntryVariables = Parameters<Cms['entries']['create']>[0];

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
