import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { allRoles, base, currency, id, money, staff, tag, writers } from './common.js';
import { type dealActivityType, dealContactRole } from './enums.js';
import { contacts, dealActivities, dealCompetitors, dealContacts, deals, dealStageHistory, pipelines } from './rows.gen.js';

// Pipelines (validated stages) and deals: moves with stage history, won/lost/reopen, concurrent moves
// refused, deal contacts with roles, activities, competitors, the board and the forecast.

export const pipelineStage = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'Expected a stage id like "qualified" (lowercase letters, digits, - and _)'),
  name: f.text().min(1).max(100),
  order: z.number().int().min(0).max(1000),
  /** The win probability (0–100) a deal entering this stage takes. */
  probability: z.number().int().min(0).max(100),
  color: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'Expected a colour like "#6B7280"')
    .optional(),
  isClosed: z.boolean().optional(),
  /** The one closed stage that means won; every other closed stage means lost. */
  isWon: z.boolean().optional(),
});
export type PipelineStage = z.output<typeof pipelineStage>;

/** Stages: unique ids and orders, at least one open stage, and exactly one won stage among the closed ones. */
export const pipelineStages = z
  .array(pipelineStage)
  .min(2)
  .max(50)
  .superRefine((stages, ctx) => {
    const seen = new Set<string>();
    const orders = new Set<number>();
    stages.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Stage id "${s.id}" appears twice` });
      if (orders.has(s.order)) ctx.addIssue({ code: 'custom', path: [i, 'order'], message: `Order ${s.order} appears twice` });
      if (s.isWon && !s.isClosed) ctx.addIssue({ code: 'custom', path: [i, 'isClosed'], message: 'A won stage is a closed stage' });
      seen.add(s.id);
      orders.add(s.order);
    });
    const won = stages.filter((s) => s.isClosed && s.isWon).length;
    if (won !== 1) ctx.addIssue({ code: 'custom', path: [], message: `Exactly one closed stage must be the won stage (found ${won})` });
    if (!stages.some((s) => !s.isClosed)) ctx.addIssue({ code: 'custom', path: [], message: 'At least one stage must be open' });
  })
  .transform((stages) => [...stages].sort((a, b) => a.order - b.order));

export const pipelineRow = pipelines.row.extend({ stages: z.array(pipelineStage) });
export const pipelineCreate = z.strictObject({
  name: f.text().min(1).max(200),
  description: f.text().max(2000).nullable().optional(),
  stages: pipelineStages,
  /** The organization's default pipeline; setting it unsets the previous one. */
  isDefault: z.boolean().optional(),
  isActive: z.boolean().optional(),
  defaultCurrency: currency.optional(),
});
export const pipelineUpdate = pipelineCreate.partial().extend({
  /** Where the deals of removed stages go: `{ removedStageId: remainingStageId }`. Without it, removing a stage that holds deals is 409. */
  moveDeals: z.record(z.string().max(64), z.string().max(64)).optional(),
});

const dealFields = deals.create
  .omit({ stageId: true, actualCloseDate: true, probability: true, amount: true, currency: true, ownerId: true })
  .extend({
    amount: money.nullable().optional(),
    currency: currency.optional(),
    /** Overrides the stage's probability (0–100). */
    probability: z.number().int().min(0).max(100).nullable().optional(),
    /** A user of the organization; the caller by default. */
    ownerId: id.optional(),
  });
export const dealCreate = dealFields.extend({
  /** A stage of the pipeline; the first open stage by default. */
  stageId: z.string().max(64).optional(),
});
export const dealUpdate = dealFields.omit({ pipelineId: true }).partial();
export const dealMove = z.strictObject({
  stageId: z.string().min(1).max(64),
  /** The stage you saw the deal in: if it moved meanwhile, the move is 409 and nothing changes. */
  fromStageId: z.string().min(1).max(64),
  /** Required when the target stage is a lost stage. */
  lostReason: f.text().min(1).max(500).optional(),
  lostReasonDetails: f.longText().max(20_000).optional(),
  /**
   * Where the deal goes within the target stage: right after this deal of that stage, or first with `null`.
   * Left out, a deal moved to another stage goes after the stage's ranked deals, and one "moved" to its own
   * stage stays where it is. The server keeps the order (`boardRank`); the board lists deals in it.
   */
  afterDealId: id.nullable().optional(),
});
export const dealReopen = z.strictObject({
  /** An open stage to reopen into; the first open stage by default. */
  stageId: z.string().min(1).max(64).optional(),
});

export const dealContactCreate = z.strictObject({
  dealId: id,
  contactId: id,
  role: z.enum(dealContactRole).optional(),
  /** Makes the contact the deal's primary contact (`primaryContactId`). */
  isPrimary: z.boolean().optional(),
});
export const dealContactUpdate = dealContactCreate.omit({ dealId: true, contactId: true }).partial();
/** What people log on a deal by hand; the other activity types are written by the rules. */
export const manualDealActivityType = [
  'NOTE_ADDED',
  'MEETING_SCHEDULED',
  'PROPOSAL_SENT',
] as const satisfies readonly (typeof dealActivityType)[number][];
export const dealActivityCreate = z.strictObject({
  dealId: id,
  activityType: z.enum(manualDealActivityType),
  subject: f.text().min(1).max(500),
  description: f.longText().max(100_000).nullable().optional(),
});
export const dealCompetitorStatus = ['ACTIVE', 'ELIMINATED', 'WON', 'LOST'] as const;
export const dealCompetitorCreate = z.strictObject({
  dealId: id,
  competitorId: id,
  /** Defaults to the competitor's name. */
  name: f.text().min(1).max(200).optional(),
  strengthsWeaknesses: f.longText().max(20_000).nullable().optional(),
  pricing: f.text().max(500).nullable().optional(),
  status: z.enum(dealCompetitorStatus).optional(),
});
export const dealCompetitorUpdate = dealCompetitorCreate.omit({ dealId: true, competitorId: true }).partial();

export const boardQuery = z.object({
  ownerId: id.optional(),
  /** Deals expected to close in this month, `YYYY-MM`. */
  closeMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month like "2025-06"')
    .optional(),
});
export const boardDeal = deals.row.pick({
  id: true,
  name: true,
  stageId: true,
  amount: true,
  currency: true,
  probability: true,
  ownerId: true,
  expectedCloseDate: true,
  clientId: true,
  primaryContactId: true,
  updatedAt: true,
});
export const board = z.object({
  pipeline: pipelineRow,
  /** The currency of totals: the organization's (deals in others converted at the stored rates). */
  currency: z.string(),
  stages: z.array(
    pipelineStage.extend({
      count: z.number().int(),
      /** Sum of the amounts, and of amount × probability, as decimal strings. */
      total: z.string(),
      weighted: z.string(),
      deals: z.array(boardDeal),
    }),
  ),
  /** Currencies of deals left out of the totals for want of a rate. */
  missingRates: z.array(z.string()),
});

export const forecastQuery = z.object({
  pipelineId: id.optional(),
  ownerId: id.optional(),
  /** First and last month of expected close, `YYYY-MM`. */
  from: boardQuery.shape.closeMonth,
  to: boardQuery.shape.closeMonth,
});
export const forecast = z.object({
  currency: z.string(),
  rows: z.array(
    z.object({
      pipelineId: z.string(),
      stageId: z.string(),
      ownerId: z.string(),
      /** `YYYY-MM` of the expected close; null for deals without a date. */
      month: z.string().nullable(),
      count: z.number().int(),
      amount: z.string(),
      weighted: z.string(),
    }),
  ),
  total: z.object({ count: z.number().int(), amount: z.string(), weighted: z.string() }),
  missingRates: z.array(z.string()),
});

const totals = z.object({ count: z.number().int(), amount: z.string(), weighted: z.string() });
/** A company (a client) with its contacts, its deals and their totals. */
export const companySummary = z.object({
  company: z.object({ id: z.string(), name: z.string() }),
  /** The organization's currency, in which every total is given (deals in others converted at the stored rates). */
  currency: z.string(),
  /** Its contacts (`count` of them all; `data`: the first 50 by name). */
  contacts: z.object({ count: z.number().int(), data: z.array(contacts.row) }),
  /** Its deals (`count` of them all; `data`: the 50 newest). */
  deals: z.object({ count: z.number().int(), data: z.array(deals.row) }),
  /** Every deal of the company, and the open ones: amounts and probability-weighted amounts. */
  total: totals,
  open: totals,
  missingRates: z.array(z.string()),
});

const readonlyLog = 'the log is written by the rules (moves, wins, losses, contact changes)';
const refusedOp = (name: string, path: string, method: 'POST' | 'PATCH' | 'DELETE') =>
  defineOperation({
    id: `crm.${name}.${method === 'POST' ? 'create' : method === 'PATCH' ? 'update' : 'delete'}`,
    method,
    path: method === 'POST' ? path : `${path}/:id`,
    tag,
    summary: `Not allowed: ${readonlyLog}`,
    description: refusedDescription,
    ...(method === 'POST' ? {} : { params: idParams }),
    ...(method === 'DELETE' ? {} : { body: z.unknown() }),
    response: z.never(),
    roles: writers,
  });

const pipelinesBase = `${base}/pipelines`;
const dealsBase = `${base}/deals`;
export const dealOps = {
  createPipeline: defineOperation({
    id: 'crm.pipelines.create',
    description:
      'Creates a sales pipeline with its stages: unique ids, in order, each with a win probability from 0 ' +
      'to 100, and exactly one won stage.',
    method: 'POST',
    path: pipelinesBase,
    tag,
    summary: 'Create a pipeline (stages: unique ids, ordered, probabilities 0–100, exactly one won stage)',
    body: pipelineCreate,
    response: pipelineRow,
    status: 201,
    roles: ['OWNER', 'ADMIN'],
  }),
  updatePipeline: defineOperation({
    id: 'crm.pipelines.update',
    description:
      "Changes a pipeline's name or stages. Removing a stage that still holds deals needs `moveDeals` to " + 'say where they go.',
    method: 'PATCH',
    path: `${pipelinesBase}/:id`,
    tag,
    summary: 'Change a pipeline; removing a stage that holds deals needs `moveDeals`',
    params: idParams,
    body: pipelineUpdate,
    response: pipelineRow,
    roles: ['OWNER', 'ADMIN'],
  }),
  getBoard: defineOperation({
    id: 'crm.pipelines.board',
    description:
      'A pipeline as a board: each stage with its deals, their count, total amount and probability-weighted ' +
      "total. CLIENT members see only their client's deals.",
    method: 'GET',
    path: `${pipelinesBase}/:id/board`,
    tag,
    summary: 'A pipeline as a board: each stage with its deals, count, total and weighted total (CLIENT members: their deals, read-only)',
    params: idParams,
    query: boardQuery,
    response: board,
    roles: allRoles,
  }),
  createDeal: defineOperation({
    id: 'crm.deals.create',
    description:
      'Creates a deal in a stage of a pipeline; its probability comes from the stage unless given. Amounts ' + 'are decimal strings.',
    method: 'POST',
    path: dealsBase,
    tag,
    summary: 'Create a deal in a pipeline stage (probability from the stage unless given)',
    body: dealCreate,
    response: deals.row,
    status: 201,
    roles: writers,
  }),
  updateDeal: defineOperation({
    id: 'crm.deals.update',
    description: "Changes a deal's fields. To change its stage use the move operation, which keeps the stage history.",
    method: 'PATCH',
    path: `${dealsBase}/:id`,
    tag,
    summary: 'Change a deal (move it between stages with /move)',
    params: idParams,
    body: dealUpdate,
    response: deals.row,
    roles: writers,
  }),
  moveDeal: defineOperation({
    id: 'crm.deals.move',
    description:
      'Moves a deal to another stage and writes its stage history. The won and lost stages close it (lost ' +
      'needs `lostReason`). If the deal moved since you read it, the reply is 409. `afterDealId` places it within ' +
      'the stage (a drag within a column moves it there and writes no stage history).',
    method: 'POST',
    path: `${dealsBase}/:id/move`,
    tag,
    summary: 'Move a deal to another stage: writes its stage history; won/lost close it (lost needs lostReason); 409 if it moved meanwhile',
    params: idParams,
    body: dealMove,
    response: deals.row,
    roles: writers,
  }),
  reopenDeal: defineOperation({
    id: 'crm.deals.reopen',
    description: 'Reopens a won or lost deal into an open stage of its pipeline.',
    method: 'POST',
    path: `${dealsBase}/:id/reopen`,
    tag,
    summary: 'Reopen a won or lost deal into an open stage',
    params: idParams,
    body: dealReopen,
    response: deals.row,
    roles: writers,
  }),
  getForecast: defineOperation({
    id: 'crm.forecast.get',
    description: 'Open deals summed by pipeline, stage, owner and expected close month: amounts, and amounts weighted ' + 'by probability.',
    method: 'GET',
    path: `${base}/forecast`,
    tag,
    summary: 'Open deals by pipeline, stage, owner and month of expected close: amounts and probability-weighted amounts',
    query: forecastQuery,
    response: forecast,
    roles: allRoles,
  }),
  companySummary: defineOperation({
    id: 'crm.companies.summary',
    description:
      'A company (a client of the agency, the spec’s ContactCompany) with its contacts and deals and what the deals add ' +
      'up to: all of them and the open ones, in the organization’s currency (SQL numeric; deals in a currency without a ' +
      'stored rate left out and listed in `missingRates`). Another organization’s client answers 404.',
    method: 'GET',
    path: `${base}/companies/:id/summary`,
    tag,
    summary: 'A company’s contacts, deals and their total',
    params: idParams,
    response: companySummary,
    roles: staff,
  }),
  createDealContact: defineOperation({
    id: 'crm.dealContacts.create',
    description: 'Adds a contact of the organization to a deal with their role in it (decision maker, champion, …).',
    method: 'POST',
    path: `${base}/deal-contacts`,
    tag,
    summary: 'Add a contact to a deal with their role',
    body: dealContactCreate,
    response: dealContacts.row,
    status: 201,
    roles: writers,
  }),
  updateDealContact: defineOperation({
    id: 'crm.dealContacts.update',
    description: "Changes a deal contact's role, or makes them the deal's primary contact.",
    method: 'PATCH',
    path: `${base}/deal-contacts/:id`,
    tag,
    summary: "Change a deal contact's role, or make them the primary contact",
    params: idParams,
    body: dealContactUpdate,
    response: dealContacts.row,
    roles: writers,
  }),
  deleteDealContact: defineOperation({
    id: 'crm.dealContacts.delete',
    description: 'Removes a contact from a deal; the contact itself stays.',
    method: 'DELETE',
    path: `${base}/deal-contacts/:id`,
    tag,
    summary: 'Remove a contact from a deal',
    params: idParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    roles: writers,
  }),
  createDealActivity: defineOperation({
    id: 'crm.dealActivities.create',
    description: "Logs a note, a scheduled meeting or a sent proposal on a deal's activity log.",
    method: 'POST',
    path: `${base}/deal-activities`,
    tag,
    summary: 'Log a note, a scheduled meeting or a sent proposal on a deal',
    body: dealActivityCreate,
    response: dealActivities.row,
    status: 201,
    roles: writers,
  }),
  updateDealActivityRefused: refusedOp('dealActivities', `${base}/deal-activities`, 'PATCH'),
  deleteDealActivityRefused: refusedOp('dealActivities', `${base}/deal-activities`, 'DELETE'),
  createStageHistoryRefused: refusedOp('dealStageHistory', `${base}/deal-stage-history`, 'POST'),
  updateStageHistoryRefused: refusedOp('dealStageHistory', `${base}/deal-stage-history`, 'PATCH'),
  deleteStageHistoryRefused: refusedOp('dealStageHistory', `${base}/deal-stage-history`, 'DELETE'),
  createDealCompetitor: defineOperation({
    id: 'crm.dealCompetitors.create',
    description: 'Records a competitor on a deal, with its status, pricing and notes.',
    method: 'POST',
    path: `${base}/deal-competitors`,
    tag,
    summary: 'Record a competitor on a deal, with its status and notes',
    body: dealCompetitorCreate,
    response: dealCompetitors.row,
    status: 201,
    roles: writers,
  }),
  updateDealCompetitor: defineOperation({
    id: 'crm.dealCompetitors.update',
    description: "Changes a deal competitor's status, pricing or notes.",
    method: 'PATCH',
    path: `${base}/deal-competitors/:id`,
    tag,
    summary: "Change a deal competitor's status, pricing or notes",
    params: idParams,
    body: dealCompetitorUpdate,
    response: dealCompetitors.row,
    roles: writers,
  }),
  listDealHistory: defineOperation({
    id: 'crm.deals.history',
    description: "A deal's stage history, oldest first, with the days it spent in each stage.",
    method: 'GET',
    path: `${dealsBase}/:id/history`,
    tag,
    summary: "A deal's stage history, oldest first, with the days spent in each stage",
    params: idParams,
    query: listQuery.omit({ sort: true }),
    response: pageOf(dealStageHistory.row),
    roles: allRoles,
  }),
};
