import { skipToken, useMutation, type UseMutationResult, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { CommentRow } from '@spokestack/core/cms';
import { useSpokeStack } from '../../provider.js';
import { type Cms, cmsKeys, type CmsMutationOptions } from './keys.js';

/**
 * Every comment of an entry (threads: `parentId` points at the thread's first comment), oldest first.
 *
 * @example const byField = Map.groupBy(useComments(entry.id).data ?? [], (c) => c.fieldName)
 */
export function useComments(entryId: string | null | undefined): UseQueryResult<CommentRow[], SpokeStackError>;
/** With `select`: a part of the comments, re-rendering only when that part changes (one field's count among hundreds). */
export function useComments<T>(
  entryId: string | null | undefined,
  select: (comments: CommentRow[]) => T,
): UseQueryResult<T, SpokeStackError>;
export function useComments<T>(
  entryId: string | null | undefined,
  select?: (comments: CommentRow[]) => T,
): UseQueryResult<T | CommentRow[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: cmsKeys.comments(entryId ?? ''),
    queryFn: entryId
      ? async ({ signal }) => {
          const rows: CommentRow[] = [];
          for await (const comment of sdk.cms.comments.iterate({ entryId, limit: 200 }, { signal })) rows.push(comment);
          return rows;
        }
      : skipToken,
    select,
  });
}

/** What `useCommentAction().mutate` takes. */
export type CommentAction =
  | { kind: 'create'; body: Parameters<Cms['comments']['create']>[0] }
  | { kind: 'resolve' | 'reopen' | 'delete'; id: string }
  | { kind: 'edit'; id: string; content: string };

/**
 * Writes comments: create (on the entry, a field, a text selection, or as a reply), edit, resolve, reopen,
 * delete. The entry's comments refetch after each.
 *
 * @example useCommentAction(entry.id).mutate({ kind: 'create', body: { entryId, fieldName: 'title', content: 'Shorter?' } })
 */
export function useCommentAction(
  entryId: string,
  options: CmsMutationOptions<unknown, CommentAction> = {},
): UseMutationResult<unknown, SpokeStackError, CommentAction> {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (action): Promise<unknown> => {
      const comments = sdk.cms.comments;
      switch (action.kind) {
        case 'create':
          return comments.create(action.body);
        case 'edit':
          return comments.update(action.id, { content: action.content });
        case 'resolve':
          return comments.resolve(action.id);
        case 'reopen':
          return comments.reopen(action.id);
        case 'delete':
          return comments.delete(action.id);
      }
    },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: cmsKeys.comments(entryId) });
      return options.onSuccess?.(...args);
    },
  });
}
