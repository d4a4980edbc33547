import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { Organization, SpokeStackError } from '@spokestack/core';
import { useSpokeStack } from '../provider.js';
import { platformKeys } from './keys.js';

/**
 * The organization (its locales and default locale), for locale switchers.
 *
 * @example const { data: org } = useOrganization(); org?.locales // ['en', 'fr', 'ar']
 */
export function useOrganization(): UseQueryResult<Organization, SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: platformKeys.organization(),
    queryFn: ({ signal }) => sdk.platform.organization.get({ signal }),
    staleTime: 5 * 60_000,
  });
}
