import { skipToken, useInfiniteQuery, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { SpokeStack, SpokeStackError } from '@spokestack/core';
import { useSpokeStack } from '../provider.js';
import { withRows } from '../shared/query.js';

/** The CRM part of the SDK. */
export type Crm = SpokeStack['crm'];
/** A pipeline as a board: its stages, each with its deals, count, total and weighted total. */
export type PipelineBoardData = Awaited<ReturnType<Crm['pipelines']['board']>>;
/** One stage column of a board. */
export type BoardStage = PipelineBoardData['stages'][number];
/** One deal card of a board. */
export type BoardDeal = BoardStage['deals'][number];
/** The board's filters: one owner, one month of expected close (`YYYY-MM`). */
export type BoardFilters = NonNullable<Parameters<Crm['pipelines']['board']>[1]>;
/** A move of one deal, as the board asks it: where it was seen, where it goes, why it was lost. */
export type DealMove = Parameters<Crm['deals']['move']>[1] & { dealId: string };

/**
 * Query keys of the CRM hooks, under `spokestackKeys` (`['spokestack', 'crm', …]`), so invalidating
 * `spokestackKeys.feature('crm')` refreshes every board.
 *
 * @example queryClient.invalidateQueries({ queryKey: crmKeys.boards(pipelineId) })
 */
export const crmKeys = {
  myTasks: () => ['spokestack', 'crm', 'tasks', 'mine'] as const,
  boards: (pipelineId: string) => ['spokestack', 'crm', 'pipelines', 'detail', pipelineId, 'board'] as const,
  board: (pipelineId: string, filters: BoardFilters = {}) => [...crmKeys.boards(pipelineId), filters] as const,
};

/**
 * A pipeline's board (stages with their deals and sums), with the given filters. Pass `null` while the id is
 * unknown.
 *
 * @example const { data } = usePipelineBoard(pipelineId, { closeMonth: '2026-06' }) // data.stages[0].weighted
 */
export function usePipelineBoard(
  pipelineId: string | null | undefined,
  filters: BoardFilters = {},
): UseQueryResult<PipelineBoardData, SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: crmKeys.board(pipelineId ?? '', filters),
    queryFn: pipelineId ? ({ signal }) => sdk.crm.pipelines.board(pipelineId, filters, { signal }) : skipToken,
  });
}

/**
 * The board with `move` applied: the deal leaves its stage and joins the target right after `afterDealId` (first
 * for `null`), or, without a place, after the stage's ranked deals in close-date order (the server's order);
 * counts follow, and the deal takes the stage's probability. Totals are the server's to recompute (deals in other
 * currencies are converted there), so they refresh when the move settles.
 */
export function applyMove(board: PipelineBoardData, move: DealMove): PipelineBoardData {
  const deal = board.stages.flatMap((stage) => stage.deals).find((d) => d.id === move.dealId);
  const target = board.stages.find((stage) => stage.id === move.stageId);
  if (!deal || !target || (deal.stageId === move.stageId && move.afterDealId === undefined)) return board;
  const moved = { ...deal, stageId: target.id, probability: target.id === deal.stageId ? deal.probability : target.probability };
  const closes = (d: BoardDeal) => d.expectedCloseDate ?? '9999-12-31';
  const place = (deals: BoardDeal[]) => {
    const rest = deals.filter((d) => d.id !== deal.id);
    if (move.afterDealId === undefined) return [...rest, moved].sort((a, b) => closes(a).localeCompare(closes(b)));
    const at = move.afterDealId === null ? 0 : rest.findIndex((d) => d.id === move.afterDealId) + 1;
    return [...rest.slice(0, at), moved, ...rest.slice(at)];
  };
  return {
    ...board,
    stages: board.stages.map((stage) => {
      if (stage.id === target.id) return { ...stage, count: stage.count + (stage.id === deal.stageId ? 0 : 1), deals: place(stage.deals) };
      if (stage.id === deal.stageId) return { ...stage, count: stage.count - 1, deals: stage.deals.filter((d) => d.id !== deal.id) };
      return stage;
    }),
  };
}

/**
 * Moves a deal to another stage, optimistically on every cached board of the pipeline: the card moves at once,
 * and goes back where it was if the server refuses (a 409 when someone else moved it first, a 400 when a lost
 * stage gets no reason). Every board of the pipeline is refetched when the move settles.
 *
 * @example
 * const move = useMoveDeal(pipelineId)
 * move.mutate({ dealId, fromStageId: 'lead', stageId: 'lost', lostReason: 'Budget cut' }, { onError: (e) => alert(e.detail) })
 */
export function useMoveDeal(pipelineId: string) {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation<unknown, SpokeStackError, DealMove, { previous: [readonly unknown[], PipelineBoardData | undefined][] }>({
    mutationFn: ({ dealId, ...body }) => sdk.crm.deals.move(dealId, body),
    onMutate: async (move) => {
      await queryClient.cancelQueries({ queryKey: crmKeys.boards(pipelineId) });
      const previous = queryClient.getQueriesData<PipelineBoardData>({ queryKey: crmKeys.boards(pipelineId) });
      for (const [key, board] of previous) if (board) queryClient.setQueryData(key, applyMove(board, move));
      return { previous };
    },
    onError: (_error, _move, context) => {
      for (const [key, board] of context?.previous ?? []) queryClient.setQueryData(key, board);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: crmKeys.boards(pipelineId) }),
  });
}

/** One entry of a deal's stage history. */
export type DealHistoryEntry = Awaited<ReturnType<Crm['deals']['history']>>['data'][number];
/** One entry of a contact's timeline: a note or an activity. */
export type TimelineEntry = Awaited<ReturnType<Crm['timelines']['contact']>>['data'][number];

/**
 * A deal's stage history, newest first: every move with the stage it left, the days it spent there and who moved it.
 *
 * @example const { data } = useDealHistory(deal.id) // data[0].daysInStage
 */
export function useDealHistory(dealId: string | null | undefined): UseQueryResult<DealHistoryEntry[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: ['spokestack', 'crm', 'deals', 'detail', dealId ?? '', 'history'],
    queryFn: dealId ? async ({ signal }) => (await sdk.crm.deals.history(dealId, { limit: 200 }, { signal })).data : skipToken,
  });
}

/**
 * A contact's timeline, pinned notes first, then newest first, a page at a time (`fetchNextPage` for more).
 *
 * @example const { data, fetchNextPage, hasNextPage } = useContactTimeline(contact.id)
 */
export function useContactTimeline(contactId: string | null | undefined, pageSize = 25) {
  const sdk = useSpokeStack();
  return useInfiniteQuery({
    queryKey: ['spokestack', 'crm', 'contacts', 'detail', contactId ?? '', 'timeline', pageSize],
    queryFn: contactId
      ? ({ pageParam, signal }) => sdk.crm.timelines.contact(contactId, { limit: pageSize, cursor: pageParam }, { signal })
      : skipToken,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: withRows,
  });
}

/** The query of the contact list: search (`q`), tags, a saved filter, page size. */
export type ContactsQuery = NonNullable<Parameters<Crm['contacts']['list']>[0]>;

/**
 * The organization's contacts (search by name, email or company with `q`), a page at a time.
 *
 * @example const { data } = useContacts({ q: 'acme' }); data?.rows.map((c) => c.email)
 */
export function useContacts(query: Omit<ContactsQuery, 'cursor'> = {}) {
  const sdk = useSpokeStack();
  return useInfiniteQuery({
    queryKey: ['spokestack', 'crm', 'contacts', 'list', query],
    queryFn: ({ pageParam, signal }) => sdk.crm.contacts.list({ ...query, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: withRows,
  });
}

/** A contact import as the server reports it: status, counters, progress and the first errors. */
export type ContactImportRow = Awaited<ReturnType<Crm['contactImports']['get']>>;
/** What starts an import: the uploaded file, the column mapping, dedupe, dry run. */
export type ContactImportInput = Parameters<Crm['contactImports']['create']>[0];

/** Whether an import's job is still going (the UI keeps polling until it is not). */
export const importRunning = (row: ContactImportRow | undefined) => row?.status === 'QUEUED' || row?.status === 'RUNNING';

/**
 * One contact import, polled every `pollInterval` ms while its job runs (QUEUED or RUNNING), then left alone.
 *
 * @example const { data } = useContactImport(started.id) // data.processedBytes / data.totalBytes
 */
export function useContactImport(importId: string | null | undefined, pollInterval = 1000) {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: ['spokestack', 'crm', 'contactImports', 'detail', importId ?? ''],
    queryFn: importId ? ({ signal }) => sdk.crm.contactImports.get(importId, { signal }) : skipToken,
    refetchInterval: (query) => (importRunning(query.state.data) ? pollInterval : false),
  });
}

/**
 * The lines a finished import refused, as CSV text (line, column, field, message); nothing is asked while
 * `importId` is null.
 */
export function useContactImportErrors(importId: string | null | undefined) {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: ['spokestack', 'crm', 'contactImports', 'detail', importId ?? '', 'errors.csv'],
    queryFn: importId ? ({ signal }) => sdk.crm.contactImports.errorsCsv(importId, { signal }) : skipToken,
  });
}

/** One task of "my open tasks". */
export type MyTask = Awaited<ReturnType<Crm['tasks']['mine']>>['data'][number];

/**
 * The caller's open tasks, soonest due first (undated last), up to 200.
 *
 * @example const { data } = useMyTasks(); data?.[0]?.dueDate
 */
export function useMyTasks(): UseQueryResult<MyTask[], SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: crmKeys.myTasks(),
    queryFn: async ({ signal }) => (await sdk.crm.tasks.mine({ limit: 200 }, { signal })).data,
  });
}

/** What a task list does to one task: complete it, defer it to a date, or hand it to someone else. */
export type TaskAction =
  | { kind: 'complete'; taskId: string }
  | { kind: 'defer'; taskId: string; dueDate: string }
  | { kind: 'reassign'; taskId: string; assignedToId: string };

/**
 * Completes, defers or reassigns a task, then refreshes "my open tasks" (a completed or reassigned task leaves it,
 * a deferred one moves down, a recurring one comes back as its next occurrence).
 *
 * @example const act = useTaskAction(); act.mutate({ kind: 'defer', taskId, dueDate: '2026-03-12T09:00:00Z' })
 */
export function useTaskAction() {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation<unknown, SpokeStackError, TaskAction>({
    mutationFn: (action) =>
      action.kind === 'complete'
        ? sdk.crm.tasks.complete(action.taskId)
        : action.kind === 'defer'
          ? sdk.crm.tasks.defer(action.taskId, { dueDate: action.dueDate })
          : sdk.crm.tasks.reassign(action.taskId, { assignedToId: action.assignedToId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: crmKeys.myTasks() }),
  });
}
