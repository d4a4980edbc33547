import {
  skipToken,
  useInfiniteQuery,
  type UseInfiniteQueryResult,
  useMutation,
  type UseMutationResult,
  useQuery,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { EntryRow, FieldChange, VersionSummary } from '@spokestack/core/cms';
import { useSpokeStack } from '../../provider.js';
import { type PagedData, withRows } from '../../shared/query.js';
import { useEntrySaved } from './cache.js';
import { cmsKeys, type CmsMutationOptions } from './keys.js';

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
