import { skipToken, useMutation, type UseMutationResult, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { RevisionRow, WorkflowRow } from '@spokestack/core/cms';
import { useSpokeStack } from '../../provider.js';
import { useEntryChanged } from './cache.js';
import { type Cms, cmsKeys, type CmsMutationOptions } from './keys.js';

/** The entry and review state after a workflow action. */
export type WorkflowState = Awaited<ReturnType<Cms['entries']['submit']>>;

/**
 * The organization's active approval workflows (for "does this type go through review?").
 *
 * @example const { data: workflows } = useWorkflows()
 */
export function useWorkflows(): UseQueryResult<WorkflowRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.workflows(),
    queryFn: async ({ signal }) => (await sdk.cms.workflows.list({ isActive: true, limit: 200 }, { signal })).data,
    staleTime: 60_000,
  });
}

/**
 * The review history of an entry, oldest first; the last PENDING revision is the stage it waits in.
 *
 * @example const pending = useEntryRevisions(entry.id).data?.findLast((r) => r.status === 'PENDING')
 */
export function useEntryRevisions(entryId: string | null | undefined): UseQueryResult<RevisionRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.revisions(entryId ?? ''),
    queryFn: entryId ? async ({ signal }) => (await sdk.cms.entries.revisions(entryId, { signal })).data : skipToken,
  });
}

/** What `useSubmitEntry().mutate` takes. */
export interface SubmitEntryVariables {
  id: string;
  /** Shown to the reviewers. */
  note?: string;
}

/**
 * Submits an entry for review (the first stage of its type's workflow); 409 when it is already in review or its
 * type has no workflow.
 *
 * @example useSubmitEntry().mutate({ id: entry.id, note: 'Ready for legal' })
 */
export function useSubmitEntry(
  options: CmsMutationOptions<WorkflowState, SubmitEntryVariables> = {},
): UseMutationResult<WorkflowState, SpokeStackError, SubmitEntryVariables> {
  const sdk = useSpokeStack();
  const changed = useEntryChanged();
  return useMutation({
    ...options,
    mutationFn: ({ id, note }) => sdk.cms.entries.submit(id, note ? { note } : {}),
    onSuccess: (state, ...rest) => {
      changed(state.entry);
      return options.onSuccess?.(state, ...rest);
    },
  });
}

/** What `useDecideRevision().mutate` takes. */
export interface DecideRevisionVariables {
  revisionId: string;
  decision: 'approve' | 'reject' | 'requestChanges' | 'skip';
  /** Required to reject or request changes. */
  feedback?: string;
}

/**
 * Decides a pending review stage: approve (or skip) moves the entry to the next stage or to APPROVED; reject and
 * request changes (with feedback) send it back to DRAFT. Only the stage's assignee or an OWNER/ADMIN may (403).
 *
 * @example useDecideRevision().mutate({ revisionId: pending.id, decision: 'reject', feedback: 'Too long' })
 */
export function useDecideRevision(
  options: CmsMutationOptions<WorkflowState, DecideRevisionVariables> = {},
): UseMutationResult<WorkflowState, SpokeStackError, DecideRevisionVariables> {
  const sdk = useSpokeStack();
  const changed = useEntryChanged();
  return useMutation({
    ...options,
    mutationFn: ({ revisionId, decision, feedback }) => {
      const revisions = sdk.cms.revisions;
      if (decision === 'reject') return revisions.reject(revisionId, feedback ?? '');
      if (decision === 'requestChanges') return revisions.requestChanges(revisionId, feedback ?? '');
      return decision === 'skip'
        ? revisions.skip(revisionId, feedback ? { feedback } : {})
        : revisions.approve(revisionId, feedback ? { feedback } : {});
    },
    onSuccess: (state, ...rest) => {
      changed(state.entry);
      return options.onSuccess?.(state, ...rest);
    },
  });
}
