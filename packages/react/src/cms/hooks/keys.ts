import type { UseMutationOptions } from '@tanstack/react-query';
import type { SpokeStack, SpokeStackError } from '@spokestack/core';
import { spokestackKeys } from '../../shared/query.js';

/** The CMS part of the SDK, whose method signatures the hooks' variables are derived from. */
export type Cms = SpokeStack['cms'];

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
  /** One locale's readiness (`''` for the source); without `locale`, every locale's, to invalidate. */
  readiness: (id: string, locale?: string) =>
    [...spokestackKeys.detail('cms', 'entries', id), 'readiness', ...(locale === undefined ? [] : [locale])] as const,
  comments: (id: string) => [...spokestackKeys.detail('cms', 'entries', id), 'comments'] as const,
  workflows: () => spokestackKeys.list('cms', 'workflows'),
};

/** TanStack mutation options of the CMS mutation hooks, minus `mutationFn`. */
export type CmsMutationOptions<TData, TVariables> = Omit<UseMutationOptions<TData, SpokeStackError, TVariables>, 'mutationFn'>;
