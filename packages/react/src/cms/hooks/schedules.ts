import { skipToken, useMutation, type UseMutationResult, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { ScheduleRow } from '@spokestack/core/cms';
import { useSpokeStack } from '../../provider.js';
import { type Cms, cmsKeys, type CmsMutationOptions } from './keys.js';

/**
 * The publishing schedule of an entry (every status), soonest first.
 *
 * @example const { data: schedules } = useSchedules(entry.id)
 */
export function useSchedules(entryId: string | null | undefined): UseQueryResult<ScheduleRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.schedules(entryId ?? ''),
    queryFn: entryId
      ? async ({ signal }) => (await sdk.cms.schedules.list({ entryId, sort: 'scheduledFor', limit: 100 }, { signal })).data
      : skipToken,
  });
}

/** What `useCreateSchedule().mutate` takes. */
export type CreateScheduleVariables = Parameters<Cms['schedules']['create']>[0];

/**
 * Schedules PUBLISH, UPDATE, UNPUBLISH or ARCHIVE of an entry (optionally one locale) at a future time.
 *
 * @example useCreateSchedule().mutate({ entryId, action: 'PUBLISH', scheduledFor: '2025-06-01T09:00:00Z' })
 */
export function useCreateSchedule(
  options: CmsMutationOptions<ScheduleRow, CreateScheduleVariables> = {},
): UseMutationResult<ScheduleRow, SpokeStackError, CreateScheduleVariables> {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body) => sdk.cms.schedules.create(body),
    onSuccess: (schedule, ...rest) => {
      void queryClient.invalidateQueries({ queryKey: cmsKeys.schedules(schedule.entryId) });
      // Scheduling a publish sets the entry SCHEDULED.
      void queryClient.invalidateQueries({ queryKey: cmsKeys.entry(schedule.entryId), exact: true });
      void queryClient.invalidateQueries({ queryKey: cmsKeys.readiness(schedule.entryId) });
      void queryClient.invalidateQueries({ queryKey: cmsKeys.entryLists() });
      return options.onSuccess?.(schedule, ...rest);
    },
  });
}

/**
 * Cancels a pending schedule (the history keeps it as CANCELLED).
 *
 * @example useCancelSchedule().mutate(schedule.id)
 */
export function useCancelSchedule(
  options: CmsMutationOptions<ScheduleRow, string> = {},
): UseMutationResult<ScheduleRow, SpokeStackError, string> {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (id) => sdk.cms.schedules.cancel(id),
    onSuccess: (schedule, ...rest) => {
      void queryClient.invalidateQueries({ queryKey: cmsKeys.schedules(schedule.entryId) });
      void queryClient.invalidateQueries({ queryKey: cmsKeys.entry(schedule.entryId), exact: true });
      void queryClient.invalidateQueries({ queryKey: cmsKeys.readiness(schedule.entryId) });
      return options.onSuccess?.(schedule, ...rest);
    },
  });
}
