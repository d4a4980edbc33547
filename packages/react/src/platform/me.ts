import { skipToken, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { Me, SpokeStackError } from '@spokestack/core';
import { useSpokeStack } from '../provider.js';
import { spokestackKeys } from '../shared/query.js';

/**
 * Who the SDK's credentials belong to: the organization and the actor (a user through a session token, or an
 * API key) with their role. Use it to greet the user or hide what a CLIENT role may not do.
 *
 * @example
 * const { data: me, isPending } = useMe()
 * if (me?.actor.role === 'CLIENT') return <ReadOnlyBoard />
 */
export function useMe(options: { enabled?: boolean } = {}): UseQueryResult<Me, SpokeStackError> {
  const sdk = useSpokeStack();
  // `enabled: false` for views without credentials (a public share link), which must not ask.
  const queryFn = options.enabled === false ? skipToken : ({ signal }: { signal: AbortSignal }) => sdk.platform.me({ signal });
  return useQuery({ queryKey: spokestackKeys.me(), queryFn });
}
