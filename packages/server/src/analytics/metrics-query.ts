import type { MetricValues, MetricsResult, metricsQuery } from '@spokestack/core/analytics';
import { Decimal } from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { badRequest } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { clients } from '../platform/schema.js';
import { rowsOf } from '../cms/delivery-sql.js';
import { type BaseMetric, baseMetrics, derivedMetrics, derivedMetricsSql } from './metrics.js';
import { adCampaigns, adSetMetrics, adSets, analyticsPlatforms, campaignMetrics, currencyRates } from './schema.js';

// The one query engine over media metrics: the metrics endpoint, dashboard widgets, cross-client rollups
// and the benchmark all run `queryMetrics`. One statement scans the asked period and the previous one
// together, sums the base metrics (money converted at the stored rates), and re-derives every ratio from
// those sums with `derivedMetricsSql`; GROUPING SETS add the totals of each period in the same scan.

export type MetricsQueryInput = z.output<typeof metricsQuery>;

const day = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(date) + days * day).toISOString().slice(0, 10);

/** The period compared with: as many days as `[from, to]`, ending the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = Math.round((Date.parse(to) - Date.parse(from)) / day) + 1;
  return { from: shift(from, -length), to: shift(from, -1) };
}

/** The campaigns a query covers: the caller's organization (a CLIENT member: their client's), narrowed by the filters. */
function campaignScope(ctx: TenantContext, q: MetricsQueryInput): SQL {
  const c = adCampaigns;
  const parts: SQL[] = [sql`${c.organizationId} = ${ctx.organizationId}`];
  if (ctx.actor.role === 'CLIENT') parts.push(sql`${c.clientId} = ${ctx.actor.clientId ?? ''}`);
  if (q.clientId) parts.push(sql`${c.clientId} = ${q.clientId}`);
  if (q.platformId) parts.push(sql`${c.platformId} = ${q.platformId}`);
  if (q.campaignId) parts.push(sql`${c.id} = ${q.campaignId}`);
  if (q.platform)
    parts.push(
      sql`${c.platformId} in (select ${analyticsPlatforms.id} from ${analyticsPlatforms}
        where ${analyticsPlatforms.platform} = ${q.platform})`,
    );
  return sql.join(parts, sql` and `);
}

/**
 * The currency to report in (the one asked, else the one currency of the campaigns covered; 400 when
 * they mix) and the stored rate of every other currency among them (400 naming any without one). From
 * the campaigns alone, so the metrics scan multiplies by constants instead of joining rates per row.
 */
async function reportCurrency(db: Db, ctx: TenantContext, q: MetricsQueryInput): Promise<{ currency: string; rates: Map<string, string> }> {
  const r = currencyRates;
  const rows = rowsOf<{ currency: string; rate: string | null }>(
    await db.execute(sql`select c.currency, ${r.rate}::text as rate
      from (select distinct ${adCampaigns.currency} as currency from ${adCampaigns}
      where ${campaignScope(ctx, q)}) c left join ${r} on ${r.organizationId} = ${ctx.organizationId} and ${r.fromCurrency} = c.currency
      and ${r.toCurrency} = ${q.currency ?? ''}`),
  );
  if (!q.currency && rows.length > 1)
    throw badRequest([{ path: 'query.currency', message: 'The campaigns covered use several currencies: name the one to report in' }]);
  const currency = q.currency ?? rows[0]?.currency ?? 'USD';
  const missing = rows.filter((row) => row.currency !== currency && row.rate === null).map((row) => row.currency);
  if (missing.length)
    throw badRequest([
      {
        path: 'query.currency',
        message: `No stored rate from ${missing.sort().join(', ')} to ${currency} (see /v1/analytics/currency-rates)`,
      },
    ]);
  return { currency, rates: new Map(rows.filter((row) => row.currency !== currency).map((row) => [row.currency, row.rate!])) };
}

interface SumRow {
  period: 'current' | 'previous';
  total: boolean;
  date: string | null;
  key: string | null;
  label: string | null;
  [metric: string]: string | boolean | null;
}

/**
 * Media metrics over `[from, to]`: one row per time bucket (day, ISO week from Monday, month, or the
 * whole period) × dimension value (campaign, ad set, platform type, client), the totals, and — unless
 * `compare` is false — the previous period of the same length per bucket × dimension value and in total, with
 * the relative change. Ratios are derived from the summed bases, never averaged. Money is in
 * `currency`, converted at the stored rates (400 naming a missing rate).
 *
 * @example
 * const { totals, rows } = await queryMetrics(db, ctx, {
 *   from: '2026-03-01', to: '2026-03-31', interval: 'week', dimension: 'platform', compare: true,
 * })
 */
export async function queryMetrics(db: Db, ctx: TenantContext, q: MetricsQueryInput): Promise<MetricsResult> {
  const { currency, rates } = await reportCurrency(db, ctx, q);
  const previous = q.compare ? previousPeriod(q.from, q.to) : null;
  const c = adCampaigns;
  const adSetLevel = q.dimension === 'adSet';
  // The organization's whole account in one currency needs nothing of the campaigns: the metrics rows
  // carry the tenant, so the scan skips the join (the dashboard's most common query).
  const needsCampaigns =
    ctx.actor.role === 'CLIENT' || !!(q.clientId || q.platformId || q.platform || q.campaignId) || q.dimension !== 'none' || rates.size > 0;
  const source = adSetLevel
    ? sql`${adSetMetrics} m join ${adSets} s on s.id = m.ad_set_id join ${c} on ${c.id} = s.campaign_id`
    : needsCampaigns
      ? sql`${campaignMetrics} m join ${c} on ${c.id} = m.campaign_id`
      : sql`${campaignMetrics} m`;
  const rate = rates.size
    ? sql`case ${c.currency} ${sql.join(
        [...rates].map(([from, value]) => sql`when ${from} then ${value}::numeric`),
        sql` `,
      )} else 1 end`
    : null;
  const converted = (value: SQL) => (rate ? sql`${value} * ${rate}` : value);
  const bucketOf = (date: SQL) =>
    q.interval === 'total' ? sql`null::date` : q.interval === 'day' ? date : sql`date_trunc(${q.interval}, ${date})::date`;
  // A previous-period day counts in the bucket of the day it is compared with (`length` days later), so
  // each bucket of the series has its own previous figures and they add up to the previous totals.
  const length = Math.round((Date.parse(q.to) - Date.parse(q.from)) / day) + 1;
  const dims: Record<typeof q.dimension, { key: SQL; label: SQL; join?: SQL }> = {
    none: { key: sql`null::text`, label: sql`null::text` },
    campaign: { key: sql`${c.id}`, label: sql`${c.name}` },
    adSet: { key: sql`s.id`, label: sql`s.name` },
    platform: {
      key: sql`p.platform::text`,
      label: sql`p.platform::text`,
      join: sql`join ${analyticsPlatforms} p on p.id = ${c.platformId}`,
    },
    account: { key: sql`${c.platformId}`, label: sql`p.name`, join: sql`join ${analyticsPlatforms} p on p.id = ${c.platformId}` },
    client: { key: sql`${c.clientId}`, label: sql`cl.name`, join: sql`left join ${clients} cl on cl.id = ${c.clientId}` },
  };
  const dim = dims[q.dimension];
  const conversionValue = adSetLevel ? sql`0::numeric` : sql`m.conversion_value`;
  const counted = new Set<BaseMetric>(['impressions', 'reach', 'clicks', 'conversions']);
  const sumOf = (name: BaseMetric, of: SQL) => (counted.has(name) ? sql`sum(${of})::numeric` : sql`sum(${of})`);
  const column = (name: string) => sql.identifier(name);
  // One aggregate per period, each over its own date range with the period a constant, so PostgreSQL
  // scans and sums the two in parallel (as the hand-written SQL does) and no per-row CASE sorts rows
  // into periods; GROUPING SETS would have kept the aggregate from running in parallel.
  const arm = (period: 'current' | 'previous', from: string, to: string, shiftDays: number) => {
    const values: Record<BaseMetric, SQL> = {
      spend: converted(sql`m.spend`),
      impressions: sql`m.impressions`,
      reach: sql`m.reach`,
      clicks: sql`m.clicks`,
      conversions: sql`m.conversions`,
      conversionValue: converted(sql`coalesce(${conversionValue}, 0)`),
    };
    return sql`
    select ${period}::text as period, ${bucketOf(shiftDays ? sql`(m.date + ${shiftDays}::int)` : sql`m.date`)} as bucket,
      ${dim.key} as key, ${dim.label} as label,
      ${sql.join(
        baseMetrics.map((name) => sql`${sumOf(name, values[name])} as ${column(name)}`),
        sql`, `,
      )}
    from ${source} ${dim.join ?? sql``}
    where m.organization_id = ${ctx.organizationId} and m.date between ${from} and ${to}
      ${needsCampaigns || adSetLevel ? sql`and ${campaignScope(ctx, q)}` : sql``}
    group by 2, 3, 4`;
  };
  const arms = previous
    ? sql`${arm('current', q.from, q.to, 0)} union all ${arm('previous', previous.from, previous.to, length)}`
    : arm('current', q.from, q.to, 0);
  const rounded = (name: BaseMetric, value: SQL) => sql`${counted.has(name) ? value : sql`round(${value}, 2)`} as ${column(name)}`;
  const s = Object.fromEntries(baseMetrics.map((name) => [name, sql`g.${column(name)}`])) as Record<BaseMetric, SQL>;
  const derived = derivedMetricsSql(s);
  const outerSelect = sql.join(
    [
      ...baseMetrics.map((name) => sql`${s[name]}::text as ${column(name)}`),
      ...derivedMetrics.map((name) => sql`${derived[name]}::text as ${column(name)}`),
    ],
    sql`, `,
  );
  // Each period's totals are the sums of its few bucket rows (exact in numeric), not a second pass.
  const statement = sql`
    with b as (${arms})
    select g.period, g.total, g.bucket::text as date, g.key, g.label, ${outerSelect}
    from (
      select b.period, false as total, b.bucket, b.key, b.label,
        ${sql.join(
          baseMetrics.map((name) => rounded(name, sql`b.${column(name)}`)),
          sql`, `,
        )}
      from b
      union all
      select b.period, true, null, null, null,
        ${sql.join(
          baseMetrics.map((name) => rounded(name, sumOf(name, sql`b.${column(name)}`))),
          sql`, `,
        )}
      from b group by b.period
    ) g
    order by g.period, g.total, g.bucket nulls first, g.key nulls first`;
  const result = rowsOf<SumRow>(await db.execute(statement));
  const current = result.filter((r) => r.period === 'current');
  const before = result.filter((r) => r.period === 'previous');
  const slot = (r: SumRow) => `${r.date}|${r.key}`;
  const previousBySlot = new Map(before.filter((r) => !r.total).map((r) => [slot(r), r]));
  // A bucket × key with figures only in the previous period is a row too (zero now), so nothing drops out of the comparison.
  const seen = new Set(current.map(slot));
  const onlyBefore = before.filter((r) => !r.total && !seen.has(slot(r)));
  const byDateKey = (a: SumRow, b: SumRow) => compareText(a.date, b.date) || compareText(a.key, b.key);
  const slots = [...current.filter((r) => !r.total), ...onlyBefore].sort(byDateKey);
  const totals = valuesOf(current.find((r) => r.total));
  const previousTotals = previous ? valuesOf(before.find((r) => r.total)) : null;
  return {
    currency,
    from: q.from,
    to: q.to,
    previousPeriod: previous,
    interval: q.interval,
    dimension: q.dimension,
    rows: slots.map((r) => {
      const metrics = valuesOf(r.period === 'current' ? r : undefined);
      const prev = previous ? valuesOf(previousBySlot.get(slot(r))) : null;
      return { date: r.date, key: r.key, label: r.label, metrics, previous: prev, change: prev && changeOf(metrics, prev) };
    }),
    totals: { metrics: totals, previous: previousTotals, change: previousTotals && changeOf(totals, previousTotals) },
  };
}

/** Nulls first, then code-unit order (as the SQL sorted them before). */
const compareText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

const zeroSums: Record<BaseMetric, string> = {
  spend: '0.00',
  impressions: '0',
  reach: '0',
  clicks: '0',
  conversions: '0',
  conversionValue: '0.00',
};

/** A summed row as the contract's values; no row (nothing in the period) is all zeros and no ratios. */
function valuesOf(row: SumRow | undefined): MetricValues {
  const values = {} as Record<string, string | null>;
  for (const name of baseMetrics) values[name] = (row?.[name] as string | null) ?? zeroSums[name];
  for (const name of derivedMetrics) values[name] = (row?.[name] as string | null) ?? null;
  return values as MetricValues;
}

/** The figures of nothing: zero sums, no ratios (a client with web properties but no ad spend). */
export const noMetrics = (): MetricValues => valuesOf(undefined);

/** (current − previous) / previous per metric, to 4 places; null when previous is 0 or missing. */
export function changeOf(current: Record<string, string | null>, previous: Record<string, string | null>): Record<string, string | null> {
  const change: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(current)) {
    const before = previous[name] ?? null;
    change[name] =
      value === null || before === null || new Decimal(before).isZero()
        ? null
        : new Decimal(value).minus(before).div(before).toFixed(4, Decimal.ROUND_HALF_UP);
  }
  return change;
}
