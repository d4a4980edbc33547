import type { CampaignPacing, pacingListQuery } from '@spokestack/core/analytics';
import { Decimal } from 'decimal.js';
import { and, asc, eq, gt, isNotNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../cms/delivery-sql.js';
import type { Db } from '../db/client.js';
import { badRequest, notFound } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { utcDay } from './ingest/index.js';
import { adCampaigns, campaignMetrics } from './schema.js';

// Budget pacing. A lifetime budget is paced over the campaign's flight (start to end date); a daily
// budget over the calendar month (clipped to the flight), as agencies report it: the daily budget
// times the days is the month's budget. The pace so far is projected linearly to the period's end;
// more than 10 % over or under the budget flags it.

type Campaign = typeof adCampaigns.$inferSelect;
const dayMs = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs) + 1;
const tolerance = new Decimal('0.10');
const money = (d: Decimal) => d.toFixed(2, Decimal.ROUND_HALF_UP);

/** The budget's period and amount at `asOf`, or null when the campaign has no budget to pace. */
function budgetPeriod(c: Campaign, asOf: string): { from: string; to: string; budget: Decimal } | null {
  const start = c.startDate ? utcDay(c.startDate) : null;
  const end = c.endDate ? utcDay(c.endDate) : null;
  const lifetime = c.budgetType === 'LIFETIME' || (c.budgetType === null && c.lifetimeBudget !== null && c.dailyBudget === null);
  if (lifetime) {
    if (c.lifetimeBudget === null || !start || !end) return null;
    return { from: start, to: end, budget: new Decimal(c.lifetimeBudget) };
  }
  if (c.dailyBudget === null) return null;
  const month = asOf.slice(0, 7);
  const monthEnd = utcDay(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)));
  const from = start && start > `${month}-01` ? start : `${month}-01`;
  const to = end && end < monthEnd ? end : monthEnd;
  if (from > to) return { from: start ?? from, to: end ?? to, budget: new Decimal(0) };
  return { from, to, budget: new Decimal(c.dailyBudget).times(days(from, to)) };
}

/**
 * The pacing of one campaign from its budget period and the spend in it so far (pure: what the
 * endpoints and tests share).
 *
 * @example pace(campaign, new Decimal('450.00'), '2026-09-15')
 */
export function pace(c: Campaign, spend: Decimal, asOf: string): CampaignPacing {
  const period = budgetPeriod(c, asOf);
  const base = { campaignId: c.id, name: c.name, clientId: c.clientId, budgetType: c.budgetType, currency: c.currency, asOf };
  const empty = { expectedToDate: null, projectedSpend: null, pacing: null };
  if (!period) return { ...base, ...empty, period: null, budget: null, spendToDate: money(spend), status: 'no_budget' };
  const { from, to, budget } = period;
  const common = { ...base, period: { from, to }, budget: money(budget), spendToDate: money(spend) };
  if (asOf < from) return { ...common, ...empty, status: 'not_started' };
  const total = days(from, to);
  const elapsed = Math.min(days(from, asOf), total);
  const expected = budget.times(elapsed).div(total);
  const projected = spend.div(elapsed).times(total);
  const status = spend.gt(budget)
    ? 'overspent'
    : asOf > to
      ? 'ended'
      : projected.gt(budget.times(tolerance.plus(1)))
        ? 'over'
        : projected.lt(budget.times(new Decimal(1).minus(tolerance)))
          ? 'under'
          : 'on_track';
  return {
    ...common,
    expectedToDate: money(expected),
    projectedSpend: money(projected),
    pacing: expected.isZero() ? null : spend.div(expected).toFixed(4, Decimal.ROUND_HALF_UP),
    status,
  };
}

const visible = (ctx: TenantContext) =>
  and(
    eq(adCampaigns.organizationId, ctx.organizationId),
    ctx.actor.role === 'CLIENT' ? eq(adCampaigns.clientId, ctx.actor.clientId ?? '') : undefined,
  );

/** Spend of each campaign within its own window, in one statement. */
async function spendIn(db: Db, ctx: TenantContext, windows: { id: string; from: string; to: string }[]): Promise<Map<string, Decimal>> {
  if (!windows.length) return new Map();
  const values = sql.join(
    windows.map((w) => sql`(${w.id}, ${w.from}::date, ${w.to}::date)`),
    sql`, `,
  );
  const rows = rowsOf<{ id: string; spend: string }>(
    await db.execute(sql`select w.id, coalesce(sum(m.spend), 0)::text as spend from (values ${values}) as w(id, f, t)
      left join ${campaignMetrics} m on m.campaign_id = w.id and m.organization_id = ${ctx.organizationId} and m.date between w.f and w.t
      group by w.id`),
  );
  return new Map(rows.map((r) => [r.id, new Decimal(r.spend)]));
}

async function pacingOf(db: Db, ctx: TenantContext, campaigns: Campaign[], asOf: string): Promise<CampaignPacing[]> {
  const windows = campaigns.flatMap((c) => {
    const period = budgetPeriod(c, asOf);
    return period && asOf >= period.from ? [{ id: c.id, from: period.from, to: asOf < period.to ? asOf : period.to }] : [];
  });
  const spend = await spendIn(db, ctx, windows);
  return campaigns.map((c) => pace(c, spend.get(c.id) ?? new Decimal(0), asOf));
}

/**
 * One campaign's pacing at `date` (default today).
 *
 * @example const { status, projectedSpend } = await campaignPacing(db, ctx, campaign.id, '2026-09-15')
 */
export async function campaignPacing(db: Db, ctx: TenantContext, id: string, date?: string): Promise<CampaignPacing> {
  const [campaign] = await db
    .select()
    .from(adCampaigns)
    .where(and(visible(ctx), eq(adCampaigns.id, id)));
  if (!campaign) throw notFound('Ad campaign');
  const [result] = await pacingOf(db, ctx, [campaign], date ?? utcDay(ctx.now));
  return result!;
}

/**
 * The pacing of every campaign with a budget (optionally one client's), paged by campaign id.
 *
 * @example const { data, nextCursor } = await listPacing(db, ctx, { clientId, limit: 50 })
 */
export async function listPacing(db: Db, ctx: TenantContext, q: z.output<typeof pacingListQuery>) {
  let after: string | undefined;
  if (q.cursor) {
    after = Buffer.from(q.cursor, 'base64url').toString('utf8');
    if (!after) throw badRequest([{ path: 'query.cursor', message: 'Not a cursor of this list' }]);
  }
  const campaigns = await db
    .select()
    .from(adCampaigns)
    .where(
      and(
        visible(ctx),
        or(isNotNull(adCampaigns.dailyBudget), isNotNull(adCampaigns.lifetimeBudget)),
        q.clientId ? eq(adCampaigns.clientId, q.clientId) : undefined,
        after ? gt(adCampaigns.id, after) : undefined,
      ),
    )
    .orderBy(asc(adCampaigns.id))
    .limit(q.limit + 1);
  const page = campaigns.slice(0, q.limit);
  const data = await pacingOf(db, ctx, page, q.date ?? utcDay(ctx.now));
  const nextCursor = campaigns.length > q.limit ? Buffer.from(page.at(-1)!.id).toString('base64url') : null;
  return { data, nextCursor };
}
