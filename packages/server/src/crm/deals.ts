import type {
  PipelineStage,
  boardQuery,
  dealActivityCreate,
  dealCompetitorCreate,
  dealCompetitorUpdate,
  dealContactCreate,
  dealContactUpdate,
  dealCreate,
  dealMove,
  dealUpdate,
  forecastQuery,
  pipelineCreate,
  pipelineUpdate,
} from '@spokestack/core/crm';
import { crmResources } from '@spokestack/core/crm';
import { type SQL, and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../cms/delivery-sql.js';
import { type Db, transaction } from '../db/client.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { resourceService, tableInfo } from '../db/resource-service.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { clients, organizations, users } from '../platform/schema.js';
import { recordContactActivity } from './activities.js';
import {
  competitors,
  contacts,
  crmDeals,
  crmExchangeRates,
  dealActivities,
  dealCompetitors,
  dealContacts,
  dealStageHistory,
  salesPipelines,
} from './schema.js';

type Deal = typeof crmDeals.$inferSelect;
type Pipeline = Omit<typeof salesPipelines.$inferSelect, 'stages'> & { stages: PipelineStage[] };
type DealActivityType = (typeof dealActivities.$inferInsert)['activityType'];

const pipelineService = resourceService(salesPipelines, crmResources.pipelines);
export const dealService = resourceService(crmDeals, crmResources.deals);
const dealContactService = resourceService(dealContacts, crmResources.dealContacts);
const dealCompetitorService = resourceService(dealCompetitors, crmResources.dealCompetitors);
const dealActivityService = resourceService(dealActivities, crmResources.dealActivities);

const day = 86_400_000;
const isLost = (s: PipelineStage) => !!s.isClosed && !s.isWon;
const firstOpen = (p: Pipeline) => p.stages.find((s) => !s.isClosed)!;
/** Stored stages passed `pipelineStages` when written. */
const asPipeline = (row: typeof salesPipelines.$inferSelect) => row as unknown as Pipeline;

async function findPipeline(db: Db, ctx: TenantContext, id: string): Promise<Pipeline | undefined> {
  const row = await pipelineService.find(db, ctx, id);
  return row && asPipeline(row);
}

/** Only one default pipeline per organization: making one the default unsets the others. */
async function unsetDefaults(tx: Db, ctx: TenantContext, except: string) {
  await tx
    .update(salesPipelines)
    .set({ isDefault: false })
    .where(and(eq(salesPipelines.organizationId, ctx.organizationId), eq(salesPipelines.isDefault, true), ne(salesPipelines.id, except)));
}

/** @example await createPipeline(db, ctx, { name: 'New business', stages }) */
export async function createPipeline(db: Db, ctx: TenantContext, input: z.output<typeof pipelineCreate>): Promise<Pipeline> {
  return transaction(db, async (tx) => {
    const row = asPipeline(await pipelineService.create(tx, ctx, input));
    if (row.isDefault) await unsetDefaults(tx, ctx, row.id);
    return row;
  });
}

/**
 * Changes a pipeline. Removing a stage that still holds deals is 409 (`extensions.stagesWithDeals`)
 * unless `moveDeals` names a remaining stage for each; those deals move there with their history.
 *
 * @example await updatePipeline(db, ctx, id, { stages: withoutDemo, moveDeals: { demo: 'proposal' } })
 */
export async function updatePipeline(db: Db, ctx: TenantContext, id: string, input: z.output<typeof pipelineUpdate>): Promise<Pipeline> {
  return transaction(db, async (tx) => {
    const [locked] = await tx
      .select()
      .from(salesPipelines)
      .where(and(eq(salesPipelines.organizationId, ctx.organizationId), eq(salesPipelines.id, id)))
      .for('update');
    if (!locked) throw notFound('Pipeline');
    const before = asPipeline(locked);
    const { moveDeals = {}, ...values } = input;
    if (values.stages) {
      const kept = new Set(values.stages.map((s) => s.id));
      const removed = before.stages.filter((s) => !kept.has(s.id)).map((s) => s.id);
      const held = removed.length
        ? await tx
            .select({ stageId: crmDeals.stageId, n: count() })
            .from(crmDeals)
            .where(and(eq(crmDeals.organizationId, ctx.organizationId), eq(crmDeals.pipelineId, id), inArray(crmDeals.stageId, removed)))
            .groupBy(crmDeals.stageId)
        : [];
      const errors = Object.entries(moveDeals)
        .filter(([from, to]) => !removed.includes(from) || !kept.has(to))
        .map(([from]) => ({ path: `body.moveDeals.${from}`, message: 'Map a removed stage to a stage the pipeline keeps' }));
      if (errors.length) throw badRequest(errors);
      const stuck = held.filter((h) => !moveDeals[h.stageId]);
      if (stuck.length)
        throw conflict(
          `Stages still holding deals cannot be removed: ${stuck.map((h) => `${h.stageId} (${h.n})`).join(', ')}; move them with moveDeals`,
          { stagesWithDeals: Object.fromEntries(stuck.map((h) => [h.stageId, h.n])) },
        );
      const after = { ...before, stages: values.stages };
      for (const h of held) {
        const dealsThere = await tx
          .select()
          .from(crmDeals)
          .where(and(eq(crmDeals.organizationId, ctx.organizationId), eq(crmDeals.pipelineId, id), eq(crmDeals.stageId, h.stageId)))
          .for('update');
        for (const deal of dealsThere) await applyMove(tx, ctx, after, deal, stageOf(after, moveDeals[h.stageId]!, 'body.moveDeals'), {});
      }
    }
    const row = asPipeline(await pipelineService.update(tx, ctx, id, values));
    if (row.isDefault) await unsetDefaults(tx, ctx, row.id);
    return row;
  });
}

function stageOf(pipeline: Pipeline, stageId: string, path: string): PipelineStage {
  const stage = pipeline.stages.find((s) => s.id === stageId);
  if (!stage) throw badRequest([{ path, message: `No stage "${stageId}" in the pipeline "${pipeline.name}"` }]);
  return stage;
}

async function checkOwner(db: Db, ctx: TenantContext, ownerId: string | undefined) {
  if (!ownerId) return;
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, ctx.organizationId), eq(users.id, ownerId)));
  if (!user) throw badRequest([{ path: 'body.ownerId', message: 'No user of this organization with this id' }]);
}

const writeDealActivity = (
  tx: Db,
  ctx: TenantContext,
  deal: Pick<Deal, 'id'>,
  activityType: DealActivityType,
  subject: string,
  values: { oldValue?: string | null; newValue?: string | null; description?: string | null } = {},
) =>
  tx.insert(dealActivities).values({
    organizationId: ctx.organizationId,
    dealId: deal.id,
    activityType,
    subject,
    performedById: ctx.actor.id,
    createdAt: ctx.now,
    ...values,
  });

/** The deal's contacts: its primary contact and those on `deal_contacts`. */
async function contactIdsOf(tx: Db, ctx: TenantContext, deal: Deal): Promise<string[]> {
  const rows = await tx
    .select({ id: dealContacts.contactId })
    .from(dealContacts)
    .where(and(eq(dealContacts.organizationId, ctx.organizationId), eq(dealContacts.dealId, deal.id)));
  return [...new Set([deal.primaryContactId, ...rows.map((r) => r.id)].filter((v): v is string => !!v))];
}

/**
 * Creates a deal in a stage of its pipeline (the first open one by default), with the stage's
 * probability unless one is given; a closed stage closes it (lost needs `lostReason`).
 *
 * @example await createDeal(db, ctx, { pipelineId, name: 'Acme rebrand', amount: '25000.00', currency: 'EUR' })
 */
export async function createDeal(db: Db, ctx: TenantContext, input: z.output<typeof dealCreate>): Promise<Deal> {
  return transaction(db, async (tx) => {
    const pipeline = await findPipeline(tx, ctx, input.pipelineId);
    if (!pipeline) throw badRequest([{ path: 'body.pipelineId', message: 'No pipeline with this id' }]);
    const stage = input.stageId ? stageOf(pipeline, input.stageId, 'body.stageId') : firstOpen(pipeline);
    if (isLost(stage) && !input.lostReason) throw badRequest([{ path: 'body.lostReason', message: 'A lost deal needs a lost reason' }]);
    await checkOwner(tx, ctx, input.ownerId);
    const deal = await dealService.create(tx, ctx, {
      ...input,
      stageId: stage.id,
      probability: input.probability ?? stage.probability,
      currency: input.currency ?? pipeline.defaultCurrency,
      ownerId: input.ownerId ?? ctx.actor.id,
      actualCloseDate: stage.isClosed ? ctx.now : null,
      lostReason: isLost(stage) ? input.lostReason : null,
      lostReasonDetails: isLost(stage) ? (input.lostReasonDetails ?? null) : null,
    });
    await tx
      .insert(dealStageHistory)
      .values({ organizationId: ctx.organizationId, dealId: deal.id, toStageId: stage.id, changedById: ctx.actor.id, changedAt: ctx.now });
    await writeDealActivity(tx, ctx, deal, 'CREATED', `Created in ${stage.name}`, { newValue: stage.id });
    if (deal.primaryContactId)
      await recordContactActivity(tx, ctx, {
        contactId: deal.primaryContactId,
        activityType: 'DEAL_CREATED',
        subject: `Deal “${deal.name}” created`,
        dealId: deal.id,
      });
    return deal;
  });
}

/** @example await updateDeal(db, ctx, id, { amount: '30000.00' }) */
export async function updateDeal(db: Db, ctx: TenantContext, id: string, input: z.output<typeof dealUpdate>): Promise<Deal> {
  return transaction(db, async (tx) => {
    const before = await lockDeal(tx, ctx, id);
    await checkOwner(tx, ctx, input.ownerId);
    const deal = await dealService.update(tx, ctx, id, input);
    if (before.amount !== deal.amount || before.currency !== deal.currency)
      await writeDealActivity(tx, ctx, deal, 'AMOUNT_CHANGED', 'Amount changed', {
        oldValue: before.amount && `${before.amount} ${before.currency}`,
        newValue: deal.amount && `${deal.amount} ${deal.currency}`,
      });
    if (before.ownerId !== deal.ownerId)
      await writeDealActivity(tx, ctx, deal, 'OWNER_CHANGED', 'Owner changed', { oldValue: before.ownerId, newValue: deal.ownerId });
    return deal;
  });
}

async function lockDeal(tx: Db, ctx: TenantContext, id: string): Promise<Deal> {
  const [deal] = await tx
    .select()
    .from(crmDeals)
    .where(and(eq(crmDeals.organizationId, ctx.organizationId), eq(crmDeals.id, id)))
    .for('update');
  if (!deal) throw notFound('Deal');
  return deal;
}

/**
 * Moves a locked deal to a stage: the history row with the days it spent in the stage it leaves,
 * probability and close date from the new stage, the deal activity, and won/lost on its contacts'
 * timelines.
 */
async function applyMove(
  tx: Db,
  ctx: TenantContext,
  pipeline: Pipeline,
  deal: Deal,
  to: PipelineStage,
  input: { lostReason?: string; lostReasonDetails?: string; boardRank?: number | null },
): Promise<Deal> {
  const from = pipeline.stages.find((s) => s.id === deal.stageId);
  const [last] = await tx
    .select({ at: dealStageHistory.changedAt })
    .from(dealStageHistory)
    .where(and(eq(dealStageHistory.organizationId, ctx.organizationId), eq(dealStageHistory.dealId, deal.id)))
    .orderBy(desc(dealStageHistory.changedAt))
    .limit(1);
  const since = last?.at ?? deal.createdAt;
  await tx.insert(dealStageHistory).values({
    organizationId: ctx.organizationId,
    dealId: deal.id,
    fromStageId: deal.stageId,
    toStageId: to.id,
    daysInStage: Math.max(0, Math.floor((ctx.now.getTime() - since.getTime()) / day)),
    changedById: ctx.actor.id,
    changedAt: ctx.now,
  });
  const [moved] = await tx
    .update(crmDeals)
    .set({
      stageId: to.id,
      // Unplaced (null), a moved deal follows the ranked ones in close-date order.
      boardRank: input.boardRank ?? null,
      probability: to.probability,
      actualCloseDate: to.isClosed ? ctx.now : null,
      lostReason: isLost(to) ? input.lostReason : null,
      lostReasonDetails: isLost(to) ? (input.lostReasonDetails ?? null) : null,
      lastActivityAt: ctx.now,
      updatedAt: ctx.now,
    })
    .where(eq(crmDeals.id, deal.id))
    .returning();
  const wasClosed = !!from?.isClosed;
  const kind: DealActivityType = to.isWon ? 'WON' : isLost(to) ? 'LOST' : wasClosed ? 'REOPENED' : 'STAGE_CHANGED';
  const subject =
    { WON: 'Won', LOST: `Lost: ${input.lostReason}`, REOPENED: `Reopened in ${to.name}` }[kind as string] ?? `Moved to ${to.name}`;
  await writeDealActivity(tx, ctx, deal, kind, subject, { oldValue: deal.stageId, newValue: to.id });
  if (to.isClosed) {
    const contactIds = await contactIdsOf(tx, ctx, moved!);
    await recordContactActivity(
      tx,
      ctx,
      contactIds.map((contactId) => ({
        contactId,
        activityType: to.isWon ? ('DEAL_WON' as const) : ('DEAL_LOST' as const),
        subject: `Deal “${deal.name}” ${to.isWon ? 'won' : 'lost'}`,
        description: isLost(to) ? (input.lostReason ?? null) : null,
        dealId: deal.id,
      })),
    );
  }
  await recordActivity(tx, ctx, {
    action: kind === 'STAGE_CHANGED' ? 'stage_changed' : kind.toLowerCase(),
    entityType: 'crm_deals',
    entityId: deal.id,
    entityTitle: deal.name,
    clientId: deal.clientId,
    metadata: { fromStageId: deal.stageId, toStageId: to.id },
  });
  return moved!;
}

const rankGap = 1024;
/** The order of a stage's deals on the board: ranked ones first, the rest by expected close (as `getBoard` lists them). */
const boardOrder = sql`board_rank asc nulls last, expected_close_date asc nulls last, created_at asc, id asc`;

/**
 * The rank that puts `deal` right after `afterDealId` in a stage (first with null): halfway between its new
 * neighbours, so a move writes one row. When there is no room (neighbours one apart, or unranked ones on the
 * way) the stage is renumbered in its current order, 1024 apart, and the halfway rank taken then. Moves in one
 * stage take turns (a transaction lock on the stage), so two drags never compute the same rank.
 */
async function rankAfter(tx: Db, ctx: TenantContext, deal: Deal, stageId: string, afterDealId: string | null): Promise<number> {
  if (afterDealId === deal.id) throw badRequest([{ path: 'body.afterDealId', message: 'A deal cannot go after itself' }]);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`crm.board:${ctx.organizationId}:${deal.pipelineId}:${stageId}`}))`);
  const stage = sql`organization_id = ${ctx.organizationId} and pipeline_id = ${deal.pipelineId} and stage_id = ${stageId}
    and id <> ${deal.id}`;
  for (let renumbered = false; ; renumbered = true) {
    const rows = rowsOf<{ id: string; board_rank: number | null; n: string | number }>(
      await tx.execute(sql`with ordered as (
          select id, board_rank, row_number() over (order by ${boardOrder}) as n from ${crmDeals} where ${stage})
        select o.id, o.board_rank, o.n from ordered o
        where o.n in (select n from ordered where id = ${afterDealId})
           or o.n = coalesce((select n from ordered where id = ${afterDealId}), 0) + 1`),
    );
    const prev = afterDealId === null ? undefined : rows.find((r) => r.id === afterDealId);
    if (afterDealId !== null && !prev)
      throw badRequest([{ path: 'body.afterDealId', message: 'No deal with this id in the target stage' }]);
    const next = rows.find((r) => r.id !== afterDealId);
    const [p, q] = [prev?.board_rank ?? null, next?.board_rank ?? null];
    if (!prev && !next) return rankGap;
    if (!prev && q !== null) return q - rankGap;
    if (p !== null && (q === null || !next) && p < 2 ** 31 - 1 - rankGap) return p + rankGap;
    if (p !== null && q !== null && q - p >= 2) return Math.floor((p + q) / 2);
    if (renumbered) throw new Error('rankAfter: no room after renumbering');
    await tx.execute(sql`update ${crmDeals} d set board_rank = r.n * ${rankGap}
      from (select id, row_number() over (order by ${boardOrder}) as n from ${crmDeals} where ${stage}) r where d.id = r.id`);
  }
}

/**
 * Moves a deal between stages. `fromStageId` is the stage the caller saw it in: when another move
 * got there first, this one is 409 and changes nothing (the deal row is locked, so of two concurrent
 * moves exactly one wins).
 *
 * @example await moveDeal(db, ctx, deal.id, { fromStageId: 'proposal', stageId: 'lost', lostReason: 'Budget cut' })
 */
export async function moveDeal(db: Db, ctx: TenantContext, id: string, input: z.output<typeof dealMove>): Promise<Deal> {
  return transaction(db, async (tx) => {
    const deal = await lockDeal(tx, ctx, id);
    if (deal.stageId !== input.fromStageId)
      throw conflict(`The deal is in the stage "${deal.stageId}" now, not "${input.fromStageId}": it moved meanwhile`, {
        stageId: deal.stageId,
      });
    const pipeline = (await findPipeline(tx, ctx, deal.pipelineId))!;
    const to = stageOf(pipeline, input.stageId, 'body.stageId');
    if (to.id === deal.stageId) {
      if (input.afterDealId === undefined) return deal;
      // A drag within the column: its place changes, its stage (and so its history) does not.
      const [placed] = await tx
        .update(crmDeals)
        .set({ boardRank: await rankAfter(tx, ctx, deal, to.id, input.afterDealId), updatedAt: ctx.now })
        .where(eq(crmDeals.id, deal.id))
        .returning();
      await recordActivity(tx, ctx, {
        action: 'reordered',
        entityType: 'crm_deals',
        entityId: deal.id,
        entityTitle: deal.name,
        clientId: deal.clientId,
        metadata: { stageId: to.id, afterDealId: input.afterDealId },
      });
      return placed!;
    }
    if (isLost(to) && !input.lostReason) throw badRequest([{ path: 'body.lostReason', message: 'A lost deal needs a lost reason' }]);
    const boardRank = input.afterDealId === undefined ? null : await rankAfter(tx, ctx, deal, to.id, input.afterDealId);
    return applyMove(tx, ctx, pipeline, deal, to, { ...input, boardRank });
  });
}

/** Reopens a won or lost deal into an open stage (the first by default). @example await reopenDeal(db, ctx, id, {}) */
export async function reopenDeal(db: Db, ctx: TenantContext, id: string, input: { stageId?: string }): Promise<Deal> {
  return transaction(db, async (tx) => {
    const deal = await lockDeal(tx, ctx, id);
    const pipeline = (await findPipeline(tx, ctx, deal.pipelineId))!;
    if (!pipeline.stages.find((s) => s.id === deal.stageId)?.isClosed)
      throw conflict('The deal is open already', { stageId: deal.stageId });
    const to = input.stageId ? stageOf(pipeline, input.stageId, 'body.stageId') : firstOpen(pipeline);
    if (to.isClosed) throw badRequest([{ path: 'body.stageId', message: 'Reopen into an open stage' }]);
    return applyMove(tx, ctx, pipeline, deal, to, {});
  });
}

const historyInfo = tableInfo(dealStageHistory);
/** @example await listDealHistory(db, ctx, deal.id, {}) */
export async function listDealHistory(db: Db, ctx: TenantContext, id: string, query: { limit?: number; cursor?: string }) {
  await dealService.get(db, ctx, id);
  const keys = parseSort('changedAt', historyInfo.columns, ['changedAt'], 'changedAt', dealStageHistory.id);
  const rows = await db
    .select()
    .from(dealStageHistory)
    .where(and(eq(dealStageHistory.organizationId, ctx.organizationId), eq(dealStageHistory.dealId, id), cursorWhere(keys, query.cursor)))
    .orderBy(...orderBy(keys))
    .limit(pageLimit(query.limit) + 1);
  return toPage(rows, pageLimit(query.limit), keys);
}

async function dealOf(tx: Db, ctx: TenantContext, id: string): Promise<Deal> {
  const deal = await dealService.find(tx, ctx, id);
  if (!deal) throw badRequest([{ path: 'body.dealId', message: 'No deal with this id' }]);
  return deal;
}

/** One primary contact per deal, mirrored in `primaryContactId`. */
async function makePrimary(tx: Db, ctx: TenantContext, row: typeof dealContacts.$inferSelect) {
  await tx
    .update(dealContacts)
    .set({ isPrimary: false })
    .where(and(eq(dealContacts.organizationId, ctx.organizationId), eq(dealContacts.dealId, row.dealId), ne(dealContacts.id, row.id)));
  await tx.update(crmDeals).set({ primaryContactId: row.contactId }).where(eq(crmDeals.id, row.dealId));
}

/** @example await addDealContact(db, ctx, { dealId, contactId, role: 'DECISION_MAKER' }) */
export async function addDealContact(db: Db, ctx: TenantContext, input: z.output<typeof dealContactCreate>) {
  return transaction(db, async (tx) => {
    const deal = await dealOf(tx, ctx, input.dealId);
    const row = await dealContactService.create(tx, ctx, { ...input, addedAt: ctx.now });
    if (row.isPrimary) await makePrimary(tx, ctx, row);
    await writeDealActivity(tx, ctx, deal, 'CONTACT_ADDED', `Contact added as ${row.role}`, { newValue: row.contactId });
    return row;
  });
}

export async function updateDealContact(db: Db, ctx: TenantContext, id: string, input: z.output<typeof dealContactUpdate>) {
  return transaction(db, async (tx) => {
    const row = await dealContactService.update(tx, ctx, id, input);
    if (input.isPrimary) await makePrimary(tx, ctx, row);
    return row;
  });
}

export async function removeDealContact(db: Db, ctx: TenantContext, id: string) {
  return transaction(db, async (tx) => {
    const row = await dealContactService.get(tx, ctx, id);
    await dealContactService.remove(tx, ctx, id);
    await tx
      .update(crmDeals)
      .set({ primaryContactId: null })
      .where(and(eq(crmDeals.id, row.dealId), eq(crmDeals.primaryContactId, row.contactId)));
    await writeDealActivity(tx, ctx, { id: row.dealId }, 'CONTACT_REMOVED', 'Contact removed', { oldValue: row.contactId });
    return { id, deleted: true as const };
  });
}

/** @example await logDealActivity(db, ctx, { dealId, activityType: 'PROPOSAL_SENT', subject: 'Proposal v2' }) */
export async function logDealActivity(db: Db, ctx: TenantContext, input: z.output<typeof dealActivityCreate>) {
  return transaction(db, async (tx) => {
    await dealOf(tx, ctx, input.dealId);
    const row = await dealActivityService.create(tx, ctx, { ...input, performedById: ctx.actor.id, createdAt: ctx.now });
    await tx.update(crmDeals).set({ lastActivityAt: ctx.now }).where(eq(crmDeals.id, input.dealId));
    return row;
  });
}

/** @example await addDealCompetitor(db, ctx, { dealId, competitorId, status: 'ACTIVE', pricing: '20% below us' }) */
export async function addDealCompetitor(db: Db, ctx: TenantContext, input: z.output<typeof dealCompetitorCreate>) {
  return transaction(db, async (tx) => {
    await dealOf(tx, ctx, input.dealId);
    const [competitor] = await tx
      .select({ name: competitors.name })
      .from(competitors)
      .where(and(eq(competitors.organizationId, ctx.organizationId), eq(competitors.id, input.competitorId)));
    if (!competitor) throw badRequest([{ path: 'body.competitorId', message: 'No competitor with this id' }]);
    return dealCompetitorService.create(tx, ctx, { ...input, name: input.name ?? competitor.name, status: input.status ?? 'ACTIVE' });
  });
}

export const updateDealCompetitor = (db: Db, ctx: TenantContext, id: string, input: z.output<typeof dealCompetitorUpdate>) =>
  dealCompetitorService.update(db, ctx, id, input);

/** The deals a caller sees: the organization's, and for CLIENT members only their client's. */
const dealScope = (ctx: TenantContext) =>
  and(
    eq(crmDeals.organizationId, ctx.organizationId),
    ctx.actor.role === 'CLIENT' ? eq(crmDeals.clientId, ctx.actor.clientId ?? '') : undefined,
  );

/** The organization's currency for totals: `settings.currency`, USD by default. */
async function baseCurrency(db: Db, ctx: TenantContext): Promise<string> {
  const [org] = await db.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, ctx.organizationId));
  const value = (org?.settings as { currency?: unknown } | null)?.currency;
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : 'USD';
}

/** SQL numeric: a deal's amount in the base currency (null when its currency has no rate). */
const converted = (base: string) =>
  sql`coalesce(${crmDeals.amount}, 0) * (case when ${crmDeals.currency} = ${base} then 1 else ${crmExchangeRates.rate} end)`;
const weightedSql = (base: string) => sql`${converted(base)} * coalesce(${crmDeals.probability}, 0) / 100`;
const rateJoin = and(eq(crmExchangeRates.organizationId, crmDeals.organizationId), eq(crmExchangeRates.currency, crmDeals.currency));
const monthSql = sql<string | null>`to_char(${crmDeals.expectedCloseDate} at time zone 'UTC', 'YYYY-MM')`;
const money = (s: SQL) => sql<string>`coalesce(round(sum(${s}), 2), 0)::numeric(16, 2)::text`;
/** Open deals: not in a closed stage of their pipeline. */
const openDeal = sql`not exists (select 1 from ${salesPipelines} p, jsonb_array_elements(p.stages) s
  where p.id = ${crmDeals.pipelineId} and s->>'id' = ${crmDeals.stageId} and coalesce((s->>'isClosed')::boolean, false))`;

async function missingRates(db: Db, base: string, where: SQL | undefined): Promise<string[]> {
  const rows = await db
    .selectDistinct({ currency: crmDeals.currency })
    .from(crmDeals)
    .leftJoin(crmExchangeRates, rateJoin)
    .where(and(where, ne(crmDeals.currency, base), sql`${crmExchangeRates.id} is null`));
  return rows.map((r) => r.currency).sort();
}

/**
 * A pipeline as a board: every stage with its deals and their count, total and weighted total
 * (decimal sums in SQL, converted to the organization's currency at the stored rates).
 *
 * @example const { stages } = await getBoard(db, ctx, pipelineId, { ownerId })
 */
export async function getBoard(db: Db, ctx: TenantContext, id: string, query: z.output<typeof boardQuery>) {
  // Pipelines carry no client: a CLIENT member reads the stages of any, and sees only their own deals on it.
  const [row] = await db
    .select()
    .from(salesPipelines)
    .where(and(eq(salesPipelines.organizationId, ctx.organizationId), eq(salesPipelines.id, id)));
  const pipeline = row && asPipeline(row);
  if (!pipeline) throw notFound('Pipeline');
  const base = await baseCurrency(db, ctx);
  const where = and(
    dealScope(ctx),
    eq(crmDeals.pipelineId, id),
    query.ownerId ? eq(crmDeals.ownerId, query.ownerId) : undefined,
    query.closeMonth ? sql`${monthSql} = ${query.closeMonth}` : undefined,
  );
  const [deals, sums, missing] = await Promise.all([
    db
      .select({
        id: crmDeals.id,
        name: crmDeals.name,
        stageId: crmDeals.stageId,
        amount: crmDeals.amount,
        currency: crmDeals.currency,
        probability: crmDeals.probability,
        ownerId: crmDeals.ownerId,
        expectedCloseDate: crmDeals.expectedCloseDate,
        clientId: crmDeals.clientId,
        primaryContactId: crmDeals.primaryContactId,
        updatedAt: crmDeals.updatedAt,
      })
      .from(crmDeals)
      .where(where)
      .orderBy(sql`${crmDeals.boardRank} asc nulls last`, asc(crmDeals.expectedCloseDate), asc(crmDeals.createdAt), asc(crmDeals.id)),
    db
      .select({ stageId: crmDeals.stageId, n: count(), total: money(converted(base)), weighted: money(weightedSql(base)) })
      .from(crmDeals)
      .leftJoin(crmExchangeRates, rateJoin)
      .where(where)
      .groupBy(crmDeals.stageId),
    missingRates(db, base, where),
  ]);
  const byStage = new Map(sums.map((s) => [s.stageId, s]));
  return {
    pipeline,
    currency: base,
    stages: pipeline.stages.map((stage) => ({
      ...stage,
      count: byStage.get(stage.id)?.n ?? 0,
      total: byStage.get(stage.id)?.total ?? '0.00',
      weighted: byStage.get(stage.id)?.weighted ?? '0.00',
      deals: deals.filter((d) => d.stageId === stage.id),
    })),
    missingRates: missing,
  };
}

/**
 * The forecast: open deals grouped by pipeline, stage, owner and month of expected close, with their
 * amounts and probability-weighted amounts in the organization's currency (SQL numeric throughout).
 * Deals in a currency without a stored rate are left out and their currencies listed.
 *
 * @example const { rows, total } = await getForecast(db, ctx, { from: '2025-01', to: '2025-06' })
 */
export async function getForecast(db: Db, ctx: TenantContext, query: z.output<typeof forecastQuery>) {
  const base = await baseCurrency(db, ctx);
  const where = and(
    dealScope(ctx),
    openDeal,
    query.pipelineId ? eq(crmDeals.pipelineId, query.pipelineId) : undefined,
    query.ownerId ? eq(crmDeals.ownerId, query.ownerId) : undefined,
    query.from ? sql`${monthSql} >= ${query.from}` : undefined,
    query.to ? sql`${monthSql} <= ${query.to}` : undefined,
  );
  const convertible = and(where, sql`(${crmDeals.currency} = ${base} or ${crmExchangeRates.id} is not null)`);
  const rows = await db
    .select({
      pipelineId: crmDeals.pipelineId,
      stageId: crmDeals.stageId,
      ownerId: crmDeals.ownerId,
      month: monthSql,
      count: count(),
      amount: money(converted(base)),
      weighted: money(weightedSql(base)),
    })
    .from(crmDeals)
    .leftJoin(crmExchangeRates, rateJoin)
    .where(convertible)
    .groupBy(crmDeals.pipelineId, crmDeals.stageId, crmDeals.ownerId, monthSql)
    .orderBy(sql`4 nulls last`, crmDeals.pipelineId, crmDeals.stageId, crmDeals.ownerId);
  const [total] = await db
    .select({ count: count(), amount: money(converted(base)), weighted: money(weightedSql(base)) })
    .from(crmDeals)
    .leftJoin(crmExchangeRates, rateJoin)
    .where(convertible);
  return { currency: base, rows, total: total!, missingRates: await missingRates(db, base, where) };
}

/**
 * A company (a client) with its contacts, its deals and their totals — all deals and the open ones, amounts and
 * weighted amounts — in the organization's currency, each query scoped to the organization.
 *
 * @example const { contacts, deals, total, open } = await getCompanySummary(db, ctx, clientId)
 */
export async function getCompanySummary(db: Db, ctx: TenantContext, id: string) {
  const [company] = await db
    .select({ id: clients.id, name: clients.name })
    .from(clients)
    .where(and(eq(clients.organizationId, ctx.organizationId), eq(clients.id, id)));
  if (!company) throw notFound('Company');
  const base = await baseCurrency(db, ctx);
  const where = and(dealScope(ctx), eq(crmDeals.clientId, id));
  const convertible = and(where, sql`(${crmDeals.currency} = ${base} or ${crmExchangeRates.id} is not null)`);
  const sums = (filter: SQL | undefined) =>
    db
      .select({ count: count(), amount: money(converted(base)), weighted: money(weightedSql(base)) })
      .from(crmDeals)
      .leftJoin(crmExchangeRates, rateJoin)
      .where(and(convertible, filter));
  const contactWhere = and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.companyId, id));
  const [[total], [open], [contactCount], [dealCount], contactRows, dealRows] = await Promise.all([
    sums(undefined),
    sums(openDeal),
    db.select({ n: count() }).from(contacts).where(contactWhere),
    db.select({ n: count() }).from(crmDeals).where(where),
    db.select().from(contacts).where(contactWhere).orderBy(contacts.lastName, contacts.firstName, contacts.id).limit(50),
    db.select().from(crmDeals).where(where).orderBy(desc(crmDeals.createdAt), desc(crmDeals.id)).limit(50),
  ]);
  return {
    company,
    currency: base,
    contacts: { count: contactCount!.n, data: contactRows },
    deals: { count: dealCount!.n, data: dealRows },
    total: total!,
    open: open!,
    missingRates: await missingRates(db, base, where),
  };
}
