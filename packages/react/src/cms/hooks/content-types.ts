import { skipToken, useInfiniteQuery, type UseInfiniteQueryResult, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { ContentTypeRow } from '@spokestack/core/cms';
import { useSpokeStack } from '../../provider.js';
import { type PagedData, withRows } from '../../shared/query.js';
import { type Cms, cmsKeys } from './keys.js';

/** Filters of `useContentTypes`. */
export type ContentTypesQuery = Omit<NonNullable<Parameters<Cms['contentTypes']['list']>[0]>, 'cursor'>;

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
