import type { RollupResult, rollupQuery, WebValues } from '@spokestack/core/analytics';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../cms/delivery-sql.js';
import type { Db } from '../db/client.js';
import type { TenantContext } from '../platform/context.js';
import { clients } from '../platform/schema.js';
import { changeOf, noMetrics, previousPeriod, queryMetrics } from './metrics-query.js';
import { analyticsPlatforms, webConversions, webProperties, webSessionAggregates } from './schema.js';

// Cross-client rollups: the media side is the one query engine grouped by client or ad account (sums
// converted at the stored rates, ratios re-derived); the web side sums the daily web aggregates of
// every property in one statement, per client or property and period, with GROUPING SETS adding the
// totals. Sessions come from the `source` breakdown, where each session is counted exactly once.

type RollupQuery = z.output<typeof rollupQuery>;
type Row = RollupResult['rows'][number];
export interface WebRow {
  period: 'current' | 'previous';
  total: boolean;
  key: string | null;
  label: string | null;
  client_id: string | null;
  sessions: string;
  pageviews: string;
  conversions: string;
  conversion_value: string;
  conversion_rate: string | null;
}

const noWeb = (): WebValues => ({ sessions: '0', pageviews: '0', conversions: '0', conversionValue: '0.00', conversionRate: null });
const webOf = (row: WebRow | undefined): WebValues =>
  row
    ? {
        sessions: row.sessions,
        pageviews: row.pageviews,
        conversions: row.conversions,
        conversionValue: row.conversion_value,
        conversionRate: row.conversion_rate,
      }
    : noWeb();

/** Web sums per client or property and period, with each period's total (GROUPING SETS), in one statement. */
export async function webSums(db: Db, ctx: TenantContext, q: RollupQuery, start: string): Promise<WebRow[]> {
  const org = ctx.organizationId;
  const byClient = q.dimension === 'client';
  const p = webProperties;
  const scope = [sql`${p.organizationId} = ${org}`];
  if (ctx.actor.role === 'CLIENT') scope.push(sql`${p.clientId} = ${ctx.actor.clientId ?? ''}`);
  if (q.clientId) scope.push(sql`${p.clientId} = ${q.clientId}`);
  const s = webSessionAggregates;
  const v = webConversions;
  return rowsOf<WebRow>(
    await db.execute(sql`
      select g.period, g.total, g.key, g.label, g.client_id, g.sessions::text as sessions, g.pageviews::text as pageviews,
        g.conversions::text as conversions, g.conversion_value::text as conversion_value,
        (case when g.sessions = 0 then null else round(g.conversions::numeric / g.sessions, 4) end)::text as conversion_rate
      from (
        select x.period, grouping(x.key) = 1 as total, x.key, x.label, x.client_id, sum(x.sessions) as sessions,
          sum(x.pageviews) as pageviews, sum(x.conversions) as conversions, round(sum(x.value), 2) as conversion_value
        from (
          select case when a.date >= ${q.from} then 'current' else 'previous' end as period,
            ${byClient ? sql`${p.clientId}` : sql`${p.id}`} as key, ${byClient ? sql`cl.name` : sql`${p.name}`} as label,
            ${p.clientId} as client_id, a.sessions, a.pageviews, a.conversions, a.value
          from (
            select ${s.propertyId} as property_id, ${s.date} as date, ${s.sessions} as sessions, ${s.pageviews} as pageviews,
              0 as conversions, 0::numeric as value
            from ${s} where ${s.organizationId} = ${org} and ${s.dimensionType} = 'source' and ${s.date} between ${start} and ${q.to}
            union all
            select ${v.propertyId}, ${v.date}, 0, 0, ${v.completions}, coalesce(${v.value}, 0)
            from ${v} where ${v.organizationId} = ${org} and ${v.date} between ${start} and ${q.to}
          ) a join ${p} on ${p.id} = a.property_id left join ${clients} cl on cl.id = ${p.clientId}
          where ${sql.join(scope, sql` and `)}
        ) x
        group by grouping sets ((x.period, x.key, x.label, x.client_id), (x.period))
      ) g`),
  );
}

/**
 * Media and web totals over `[from, to]` across the organization's clients (one row per client, one
 * for what no client owns) or its properties (a row per ad account and per web property), with the
 * totals and — unless `compare` is false — the previous period and the change. A CLIENT member sees
 * only their client. Money is in `currency`, converted at the stored rates (400 naming a missing rate).
 *
 * @example
 * const { rows, totals } = await queryRollup(db, ctx, { from: '2026-09-01', to: '2026-09-30', dimension: 'client', compare: true })
 */
export async function queryRollup(db: Db, ctx: TenantContext, q: RollupQuery): Promise<RollupResult> {
  const previous = q.compare ? previousPeriod(q.from, q.to) : null;
  const media = await queryMetrics(db, ctx, {
    from: q.from,
    to: q.to,
    interval: 'total',
    dimension: q.dimension === 'client' ? 'client' : 'account',
    clientId: q.clientId,
    currency: q.currency,
    compare: q.compare,
  });
  const web = await webSums(db, ctx, q, previous?.from ?? q.from);
  const webCurrent = web.filter((r) => r.period === 'current' && !r.total);
  const webPrevious = new Map(web.filter((r) => r.period === 'previous' && !r.total).map((r) => [r.key, r]));

  // An ad account's client is the connection's.
  const accountClients = new Map<string, string | null>();
  if (q.dimension === 'property' && media.rows.length) {
    const ids = media.rows.map((r) => r.key!);
    const found = await db
      .select({ id: analyticsPlatforms.id, clientId: analyticsPlatforms.clientId })
      .from(analyticsPlatforms)
      .where(and(eq(analyticsPlatforms.organizationId, ctx.organizationId), inArray(analyticsPlatforms.id, ids)));
    for (const r of found) accountClients.set(r.id, r.clientId);
  }

  const row = (
    kind: Row['kind'],
    key: string | null,
    label: string | null,
    clientId: string | null,
    m: (typeof media.rows)[number] | undefined,
    w: WebRow | undefined,
  ): Row => {
    const current = { media: m?.metrics ?? noMetrics(), web: webOf(w) };
    const before = previous
      ? { media: m?.previous ?? noMetrics(), web: webOf(kind === 'adAccount' ? undefined : webPrevious.get(key)) }
      : null;
    return {
      kind,
      key,
      label,
      clientId,
      ...current,
      previous: before,
      change: before && { media: changeOf(current.media, before.media), web: changeOf(current.web, before.web) },
    };
  };

  const webByKey = new Map(webCurrent.map((r) => [r.key, r]));
  let rows: Row[];
  if (q.dimension === 'client') {
    const mediaByKey = new Map(media.rows.map((r) => [r.key, r]));
    const keys = new Set([...mediaByKey.keys(), ...webByKey.keys(), ...webPrevious.keys()]);
    rows = [...keys].map((key) => {
      const m = mediaByKey.get(key);
      const w = webByKey.get(key);
      return row('client', key, m?.label ?? w?.label ?? webPrevious.get(key)?.label ?? null, key, m, w);
    });
  } else {
    const webKeys = new Set([...webByKey.keys(), ...webPrevious.keys()]);
    rows = [
      ...media.rows.map((m) => row('adAccount', m.key, m.label, accountClients.get(m.key!) ?? null, m, undefined)),
      ...[...webKeys].map((key) => {
        const w = webByKey.get(key);
        const label = w?.label ?? webPrevious.get(key)?.label ?? null;
        return row('webProperty', key, label, w?.client_id ?? webPrevious.get(key)?.client_id ?? null, undefined, w);
      }),
    ];
  }
  rows.sort((a, b) => (a.label ?? '\uffff').localeCompare(b.label ?? '\uffff') || a.kind.localeCompare(b.kind));

  const webTotal = webOf(web.find((r) => r.period === 'current' && r.total));
  const webTotalBefore = previous ? webOf(web.find((r) => r.period === 'previous' && r.total)) : null;
  const before = previous && { media: media.totals.previous ?? noMetrics(), web: webTotalBefore ?? noWeb() };
  return {
    currency: media.currency,
    from: q.from,
    to: q.to,
    previousPeriod: previous,
    dimension: q.dimension,
    rows,
    totals: {
      media: media.totals.metrics,
      web: webTotal,
      previous: before,
      change: before && { media: changeOf(media.totals.metrics, before.media), web: changeOf(webTotal, before.web) },
    },
  };
}
