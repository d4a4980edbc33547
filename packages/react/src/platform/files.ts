import { skipToken, type UseInfiniteQueryResult, type UseQueryResult, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { FileRow, SpokeStackError } from '@spokestack/core';
import { useSpokeStack } from '../provider.js';
import { type PagedData, withRows } from '../shared/query.js';
import { platformKeys } from './keys.js';

/** Filters of `useFiles`. */
export interface FilesQuery {
  /** An exact type, or a prefix such as `image/`. */
  mimeType?: string;
  /** Page size (default 50). */
  limit?: number;
}

/**
 * Uploaded files, newest first, page by page: the library a media field picks earlier uploads from.
 *
 * @example const images = useFiles({ mimeType: 'image/' })
 */
export function useFiles(
  query: FilesQuery = {},
  options: { enabled?: boolean } = {},
): UseInfiniteQueryResult<PagedData<FileRow>, SpokeStackError> {
  const sdk = useSpokeStack();
  return useInfiniteQuery({
    queryKey: platformKeys.files(query),
    queryFn: ({ pageParam, signal }) =>
      sdk.platform.files.list({ sort: '-createdAt', limit: query.limit ?? 50, mimeType: query.mimeType, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: withRows,
    enabled: options.enabled,
  });
}

/** Signed URLs live one to two hours; refetching every half hour keeps thumbnails loading. */
export const fileStaleTime = 30 * 60_000;

/**
 * One file with a signed URL an `<img>` can load (refreshed before it expires). Pass `null` while unknown.
 *
 * @example const { data: file } = useFile(value.fileId); <img src={file && sdk.http.url(file.url)} alt="" />
 */
export function useFile(id: string | null | undefined): UseQueryResult<FileRow, SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: platformKeys.file(id ?? ''),
    queryFn: id ? ({ signal }) => sdk.platform.files.get(id, { signal }) : skipToken,
    staleTime: fileStaleTime,
  });
}
