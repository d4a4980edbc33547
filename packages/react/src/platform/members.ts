import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSpokeStack } from '../provider.js';
import { platformKeys } from './keys.js';

/**
 * The organization's members by id (for comment authors, reviewers, deal owners); empty for credentials that may
 * not list them.
 *
 * @example const names = useMemberNames(); names.get(comment.authorId)
 */
export function useMemberNames(): Map<string, string> {
  const sdk = useSpokeStack();
  const users = useQuery({
    queryKey: platformKeys.memberNames(),
    queryFn: async ({ signal }) => (await sdk.platform.users.list({ limit: 200 }, { signal })).data,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return useMemo(() => new Map((users.data ?? []).map((user) => [user.id, user.name])), [users.data]);
}
