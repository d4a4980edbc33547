// STORY FIXTURE ONLY. An in-memory stand-in for the few SDK methods the pipeline board calls, so stories show a
// realistic board without a server. It is not the API: the real board, its sums and its moves (and every
// component test) run on the reference server. Never import this outside stories/.
import { type Me, problemTypes, type SpokeStack, SpokeStackError } from '@spokestack/core';
import type { BoardDeal, ContactImportRow, PipelineBoardData } from '@spokestack/react/crm';

export interface FakeCrmOptions {
  /** The caller's role: CLIENT is a client's read-only view. */
  role?: Me['actor']['role'];
  /** How many deals the pipeline holds (default 18; 2000 shows the virtualized columns). */
  deals?: number;
  /** Every move is refused with a 409, as when someone else moved the deal first. */
  refuseMoves?: boolean;
  /** Every call waits forever: the loading state. */
  hang?: boolean;
  /** Every call fails like an unreachable server: the error state. */
  offline?: boolean;
  /** How many open tasks the caller has (default 6; 0 is the empty list). */
  tasks?: number;
}

const taskTitles = ['Send the proposal', 'Call back about budget', 'Prepare the pitch deck', 'Book the kickoff', 'Chase the invoice'];

/** `count` open tasks of the caller, the first one overdue, one in ten without a due date, soonest due first. */
function tasksOf(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `task_${i}`,
    organizationId: 'org_story',
    title: `${taskTitles[i % taskTitles.length]} (${companies[i % companies.length]})`,
    description: null,
    taskType: 'TODO' as const,
    priority: 'MEDIUM' as const,
    status: 'PENDING' as const,
    dueDate: i % 10 === 9 ? null : new Date(Date.UTC(2026, 2, 10 + i * 2 - (i === 0 ? 20 : 0), 9)).toISOString(),
    reminderAt: null,
    contactId: null,
    dealId: null,
    assignedToId: 'usr_alex',
    completedAt: null,
    completedById: null,
    recurrence: null,
    recurrenceDay: null,
    remindedAt: null,
    createdById: 'usr_alex',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
  })).sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
}

const stages = [
  { id: 'lead', name: 'Lead', order: 0, probability: 10, color: '#64748B' },
  { id: 'qualified', name: 'Qualified', order: 1, probability: 30, color: '#2563EB' },
  { id: 'proposal', name: 'Proposal', order: 2, probability: 60, color: '#7C3AED' },
  { id: 'negotiation', name: 'Negotiation', order: 3, probability: 80, color: '#D97706' },
  { id: 'won', name: 'Won', order: 4, probability: 100, isClosed: true, isWon: true, color: '#15803D' },
  { id: 'lost', name: 'Lost', order: 5, probability: 0, isClosed: true, color: '#DC2626' },
];
const companies = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Wonka',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Aperture',
];
const work = ['rebrand', 'website', 'retainer', 'launch campaign', 'social content', 'video series', 'SEO audit', 'annual report'];
const owners = [
  { id: 'usr_alex', name: 'Alex Morgan' },
  { id: 'usr_sam', name: 'Sam Lee' },
  { id: 'usr_kim', name: 'Kim Okafor' },
];

/** `count` deals spread over the stages (fewer in the closed ones), with amounts, owners and close dates. */
/** A contact import of `leads.csv` (4,200 lines): RUNNING at `percent`, or finished with three refused lines. */
export function fakeImport(id: string, over: Partial<ContactImportRow> = {}): ContactImportRow {
  return {
    id,
    organizationId: 'org_story',
    fileId: 'file_story',
    fileName: 'leads.csv',
    mapping: { 'First name': 'firstName', 'Last name': 'lastName', Email: 'email', Company: 'companyName' },
    dedupe: 'skip',
    dryRun: false,
    status: 'COMPLETED',
    totalBytes: 268_800,
    processedBytes: 268_800,
    processedRows: 4200,
    createdCount: 4105,
    updatedCount: 0,
    skippedCount: 92,
    errorCount: 3,
    errors: [
      { line: 18, column: 'Email', field: 'email', message: 'Not an email address' },
      { line: 243, column: 'Last name', field: 'lastName', message: 'Required' },
      { line: 3977, column: 'Email', field: 'email', message: 'This address was erased on request and cannot be imported' },
    ],
    failureReason: null,
    jobId: 'job_story',
    createdById: 'usr_alex',
    startedAt: '2026-03-01T09:00:00.000Z',
    completedAt: '2026-03-01T09:00:41.000Z',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:41.000Z',
    ...over,
  };
}
const importErrorsCsv =
  'line,column,field,message\n18,Email,email,Not an email address\n243,Last name,lastName,Required\n' +
  '3977,Email,email,This address was erased on request and cannot be imported\n';

function dealsOf(count: number): BoardDeal[] {
  return Array.from({ length: count }, (_, i) => {
    const stage = stages[[0, 0, 1, 1, 2, 3, 4, 5][i % 8]!]!;
    const month = String(((i * 7) % 12) + 1).padStart(2, '0');
    return {
      id: `deal_${i}`,
      name: `${companies[i % companies.length]} ${work[(i * 5) % work.length]}${count > 100 ? ` #${i}` : ''}`,
      stageId: stage.id,
      amount: i % 11 === 10 ? null : (((i * 7919) % 90) * 500 + 2500).toFixed(2),
      currency: 'USD',
      probability: stage.probability,
      ownerId: owners[i % owners.length]!.id,
      expectedCloseDate: i % 9 === 8 ? null : `2026-${month}-${String((i % 27) + 1).padStart(2, '0')}T00:00:00.000Z`,
      clientId: i % 3 === 0 ? 'cli_acme' : null,
      primaryContactId: null,
      updatedAt: '2026-03-01T09:00:00.000Z',
    };
  });
}

/**
 * A story SDK for the pipeline board: `pipelines.board` (with the owner and month filters and the sums),
 * `deals.move` (409 when `refuseMoves`), `platform.me` and the member names; and for the contact import:
 * `files.upload`, `crm.contactImports` (see `fakeImport`).
 *
 * @example parameters: { spokestack: { client: fakeCrmSdk({ deals: 2000 }) } }
 */
export function fakeCrmSdk(options: FakeCrmOptions = {}): SpokeStack {
  const { role = 'ADMIN', deals: count = 18, refuseMoves, hang, offline, tasks: taskCount = 6 } = options;
  let tasks = tasksOf(taskCount);
  const me: Me = {
    organizationId: 'org_story',
    actor: { type: 'user', id: 'usr_alex', name: 'Alex Morgan', role, clientId: role === 'CLIENT' ? 'cli_acme' : null },
  };
  // Imports: `imp_running` creeps towards 70% on every poll and never ends; anything else is finished with errors.
  let polls = 0;
  const importOf = (id: string, dryRun = false) => {
    if (id !== 'imp_running') return fakeImport(id, { dryRun });
    const processedBytes = Math.min(188_000, 104_000 + 8_000 * polls++);
    return fakeImport(id, {
      status: 'RUNNING',
      processedBytes,
      processedRows: Math.round(processedBytes / 64),
      createdCount: 0,
      skippedCount: 0,
      errorCount: 0,
      errors: [],
      completedAt: null,
    });
  };
  let deals = dealsOf(count).filter((deal) => role !== 'CLIENT' || deal.clientId === 'cli_acme');
  const ranks = new Map<string, number>();

  const board = (filters: { ownerId?: string; closeMonth?: string } = {}): PipelineBoardData => {
    const shown = deals.filter(
      (d) =>
        (!filters.ownerId || d.ownerId === filters.ownerId) && (!filters.closeMonth || d.expectedCloseDate?.startsWith(filters.closeMonth)),
    );
    const closes = (d: BoardDeal) => d.expectedCloseDate ?? '9999';
    return {
      pipeline: {
        id: 'pip_story',
        organizationId: 'org_story',
        name: 'New business',
        description: null,
        stages,
        isDefault: true,
        isActive: true,
        defaultCurrency: 'USD',
        createdAt: '2026-01-05T09:00:00.000Z',
        updatedAt: '2026-01-05T09:00:00.000Z',
      } as PipelineBoardData['pipeline'],
      currency: 'USD',
      stages: stages.map((stage) => {
        // As the server: deals placed by a drag first, in their places, then the rest by close date.
        const inStage = shown
          .filter((d) => d.stageId === stage.id)
          .sort((a, b) => (ranks.get(a.id) ?? 1e9) - (ranks.get(b.id) ?? 1e9) || closes(a).localeCompare(closes(b)));
        // Cents as integers: the story's sums are exact like the server's numeric ones.
        const cents = inStage.reduce((sum, d) => sum + Math.round(Number(d.amount ?? 0) * 100), 0);
        const weighted = inStage.reduce((sum, d) => sum + Math.round(Number(d.amount ?? 0) * (d.probability ?? 0)), 0);
        return { ...stage, count: inStage.length, total: (cents / 100).toFixed(2), weighted: (weighted / 100).toFixed(2), deals: inStage };
      }),
      missingRates: [],
    };
  };

  const call = async <T>(answer: () => T, latency = 250): Promise<T> => {
    if (hang) return new Promise<T>(() => {});
    await new Promise((resolve) => setTimeout(resolve, latency));
    if (offline) throw problem(0, 'Network error', 'TypeError: Failed to fetch (this story has no server on purpose)');
    return structuredClone(answer());
  };
  const sdk = {
    http: { url: (path: string) => path },
    platform: {
      me: () => call(() => me),
      users: { list: () => call(() => ({ data: role === 'CLIENT' ? [] : owners, nextCursor: null })) },
      files: { upload: () => call(() => ({ id: 'file_story' })) },
    },
    crm: {
      contactImports: {
        create: (body: { dryRun?: boolean }) => call(() => importOf(body.dryRun ? 'imp_check' : 'imp_done', body.dryRun)),
        get: (id: string) => call(() => importOf(id)),
        errorsCsv: () => call(() => importErrorsCsv),
      },
      tasks: {
        mine: () => call(() => ({ data: tasks, nextCursor: null })),
        complete: (id: string) =>
          call(() => {
            tasks = tasks.filter((task) => task.id !== id);
            return { task: null, next: null };
          }),
        defer: (id: string, body: { dueDate: string }) =>
          call(() => {
            tasks = tasks
              .map((task) => (task.id === id ? { ...task, status: 'PENDING' as const, dueDate: body.dueDate } : task))
              .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
            return tasks.find((task) => task.id === id);
          }),
        reassign: (id: string) =>
          call(() => {
            tasks = tasks.filter((task) => task.id !== id);
            return null;
          }),
      },
      pipelines: {
        board: (_id: string, filters?: { ownerId?: string; closeMonth?: string }) => call(() => board(filters)),
        get: () => call(() => board().pipeline),
      },
      dealContacts: {
        list: () =>
          call(() => ({
            data: [{ id: 'dc_1', dealId: 'deal_0', contactId: 'ct_ada', role: 'DECISION_MAKER', isPrimary: true }],
            nextCursor: null,
          })),
      },
      contacts: { get: () => call(() => ({ id: 'ct_ada', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' })) },
      timelines: {
        contact: () =>
          call(() => ({
            data: [
              {
                kind: 'note',
                id: 'n1',
                at: '2026-03-02T10:00:00.000Z',
                pinned: true,
                note: { id: 'n1', content: 'Prefers calls after 4pm' },
              },
              {
                kind: 'activity',
                id: 'a1',
                at: '2026-03-01T15:30:00.000Z',
                pinned: false,
                activity: { id: 'a1', activityType: 'DEAL_WON', subject: 'Deal “Acme rebrand” won', description: null, duration: null },
              },
              {
                kind: 'activity',
                id: 'a2',
                at: '2026-02-20T09:00:00.000Z',
                pinned: false,
                activity: { id: 'a2', activityType: 'CALL_OUTBOUND', subject: 'Intro call', description: 'Budget confirmed', duration: 20 },
              },
            ],
            nextCursor: null,
          })),
      },
      deals: {
        get: (id: string) => call(() => ({ ...deals.find((d) => d.id === id)!, pipelineId: 'pip_story', lostReason: null })),
        history: () =>
          call(() => ({
            data: [
              {
                id: 'h2',
                fromStageId: 'lead',
                toStageId: 'qualified',
                daysInStage: 6,
                changedById: 'usr_sam',
                changedAt: '2026-02-12T09:00:00.000Z',
              },
              {
                id: 'h1',
                fromStageId: null,
                toStageId: 'lead',
                daysInStage: null,
                changedById: 'usr_alex',
                changedAt: '2026-02-06T09:00:00.000Z',
              },
            ],
            nextCursor: null,
          })),
        move: (id: string, body: { stageId: string; fromStageId: string; afterDealId?: string | null }) =>
          call(() => {
            if (refuseMoves) throw problem(409, 'Conflict', 'The deal left that stage meanwhile.');
            const stage = stages.find((s) => s.id === body.stageId)!;
            if (body.afterDealId !== undefined) {
              const order = board()
                .stages.find((s) => s.id === stage.id)!
                .deals.filter((d) => d.id !== id);
              const at = body.afterDealId === null ? 0 : order.findIndex((d) => d.id === body.afterDealId) + 1;
              [...order.slice(0, at).map((d) => d.id), id, ...order.slice(at).map((d) => d.id)].forEach((d, i) => ranks.set(d, i));
            } else ranks.delete(id);
            deals = deals.map((d) => (d.id === id ? { ...d, stageId: stage.id, probability: stage.probability } : d));
            return deals.find((d) => d.id === id);
          }, 400),
      },
    },
  };
  return sdk as unknown as SpokeStack;
}

const problem = (status: number, title: string, detail?: string) =>
  new SpokeStackError({
    type: status === 404 ? problemTypes.notFound : status === 409 ? problemTypes.conflict : problemTypes.network,
    title,
    status,
    detail,
  });
