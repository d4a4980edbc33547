import { useMutation, type UseMutationResult, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { CategoryRow, TagRow } from '@spokestack/core/cms';
import { useSpokeStack } from '../../provider.js';
import { type Cms, cmsKeys, type CmsMutationOptions } from './keys.js';

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
