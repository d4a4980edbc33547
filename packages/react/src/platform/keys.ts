import { spokestackKeys } from '../shared/query.js';

/**
 * Query keys of the platform hooks (organization, members, files), under `spokestackKeys.feature('platform')`.
 * Every feature that shows files or people uses these, so an upload in the DAM refreshes the CMS's media picker.
 *
 * @example queryClient.invalidateQueries({ queryKey: platformKeys.files() }) // every file list
 */
export const platformKeys = {
  organization: () => ['spokestack', 'platform', 'organization'] as const,
  memberNames: () => ['spokestack', 'platform', 'users', 'names'] as const,
  files: (query: object = {}) => spokestackKeys.list('platform', 'files', query),
  file: (id: string) => spokestackKeys.detail('platform', 'files', id),
};
