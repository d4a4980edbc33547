import { skipToken, useMutation, type UseMutationResult, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { LocalizationRow } from '@spokestack/core/cms';
import { useSpokeStack } from '../../provider.js';
import { type Cms, cmsKeys, type CmsMutationOptions } from './keys.js';

/** What `useSaveTranslation().mutate` takes. */
export type SaveTranslationVariables = { id: string; locale: string } & Parameters<Cms['entries']['translations']['put']>[2];

/**
 * The translations of an entry (one per locale other than its own), with their status.
 *
 * @example
 * const { data } = useTranslations(entry.id)
 * data?.map((t) => <Badge key={t.locale}>{t.locale}: {t.status}</Badge>)
 */
export function useTranslations(entryId: string | null | undefined): UseQueryResult<LocalizationRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.translations(entryId ?? ''),
    queryFn: entryId ? async ({ signal }) => (await sdk.cms.entries.translations.list(entryId, { signal })).data : skipToken,
  });
}

/**
 * Creates or replaces the translation of an entry in one locale (`data` holds the localized fields; `status`
 * moves it through PENDING → IN_PROGRESS → REVIEW → APPROVED).
 *
 * @example
 * const save = useSaveTranslation()
 * save.mutate({ id: entry.id, locale: 'fr', data: { title: 'Bonjour' }, status: 'REVIEW' })
 */
export function useSaveTranslation(
  options: CmsMutationOptions<LocalizationRow, SaveTranslationVariables> = {},
): UseMutationResult<LocalizationRow, SpokeStackError, SaveTranslationVariables> {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, locale, ...body }) => sdk.cms.entries.translations.put(id, locale, body),
    onSuccess: (row, ...rest) => {
      queryClient.setQueryData<LocalizationRow[]>(cmsKeys.translations(row.entryId), (rows) =>
        rows ? upsertBy(rows, row, 'locale') : rows,
      );
      void queryClient.invalidateQueries({ queryKey: cmsKeys.translations(row.entryId) });
      void queryClient.invalidateQueries({ queryKey: cmsKeys.readiness(row.entryId) });
      return options.onSuccess?.(row, ...rest);
    },
  });
}

function upsertBy<T, K extends keyof T>(rows: T[], row: T, key: K): T[] {
  const index = rows.findIndex((r) => r[key] === row[key]);
  return index === -1 ? [...rows, row] : rows.map((r, i) => (i === index ? row : r));
}
