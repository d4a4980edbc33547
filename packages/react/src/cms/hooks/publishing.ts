import { skipToken, useMutation, type UseMutationResult, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { EntryReadiness } from '@spokestack/core/cms';
import { useSpokeStack } from '../../provider.js';
import { useEntryChanged } from './cache.js';
import { type Cms, cmsKeys, type CmsMutationOptions } from './keys.js';

/**
 * What stands between an entry (or one translation) and going live, what an edit will do to its review state, and
 * the caller's action row — the server's one readiness check, which submit, approve, publish and schedules run too.
 * Refreshed after every save, workflow, publish and schedule action of the entry.
 *
 * @example const { data } = useEntryReadiness(entry.id); data?.actions.filter((a) => a.available)
 */
export function useEntryReadiness(entryId: string | null | undefined, locale?: string): UseQueryResult<EntryReadiness, SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.readiness(entryId ?? '', locale ?? ''),
    queryFn: entryId ? ({ signal }) => sdk.cms.entries.readiness(entryId, locale ? { locale } : {}, { signal }) : skipToken,
  });
}

/** The entry (and translation) after a publish action. */
export type PublishResult = Awaited<ReturnType<Cms['entries']['publish']>>;

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
