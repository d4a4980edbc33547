import {
  analyticsResources,
  type datePresets,
  type MetricValues,
  type WidgetData,
  type widgetConfig,
  type widgetCreate,
  type widgetDataQuery,
  type widgetUpdate,
  webWidgetMetrics,
} from '@spokestack/core/analytics';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { clients } from '../platform/schema.js';
import { utcDay } from './ingest/index.js';
import { changeOf, previousPeriod, queryMetrics } from './metrics-query.js';
import { webSums } from './rollups.js';
import { adCampaigns, analyticsDashboards, analyticsDashboardWidgets, analyticsPlatforms } from './schema.js';

// Dashboard widgets: stored under their dashboard (whoever may read the dashboard may read them), each
// config validated by core's `widgetConfig` on the way in, and run by the one metrics query engine (media
// metrics) or the rollups' web sums (web metrics). A client's dashboard shows that client's figures only,
// whatever a widget's filters say.

type Config = z.output<typeof widgetConfig>;
type Widget = typeof analyticsDashboardWidgets.$inferSelect;
const dashboards = resourceService(analyticsDashboards, analyticsResources.dashboards);
const w = analyticsDashboardWidgets;
const widgetWhere = (ctx: TenantContext, dashboardId: string, widgetId: string) =>
  and(eq(w.organizationId, ctx.organizationId), eq(w.dashboardId, dashboardId), eq(w.id, widgetId));

const day = 86_400_000;
const shift = (date: string, days: number) => utcDay(new Date(Date.parse(date) + days * day));

/**
 * The days a widget's range covers on `today` (UTC): `last_N_days` ends yesterday, `this_month` today.
 *
 * @example resolveRange('last_7_days', new Date('2026-09-10T08:00:00Z')) // { from: '2026-09-03', to: '2026-09-09' }
 */
export function resolveRange(range: Config['dateRange'], now: Date): { from: string; to: string } {
  if (typeof range === 'object') return range;
  const today = utcDay(now);
  const lastDays: Partial<Record<(typeof datePresets)[number], number>> = { last_7_days: 7, last_30_days: 30, last_90_days: 90 };
  const n = lastDays[range];
  if (n) return { from: shift(today, -n), to: shift(today, -1) };
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  if (range === 'this_month') return { from: firstOfMonth, to: today };
  const to = shift(firstOfMonth, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** The ids a config filters by must be the organization's (another tenant's answers like a made-up one). */
async function checkFilters(db: Db, ctx: TenantContext, config: Config): Promise<void> {
  const checks = [
    { key: 'clientId', table: clients, id: clients.id, org: clients.organizationId, label: 'client' },
    {
      key: 'platformId',
      table: analyticsPlatforms,
      id: analyticsPlatforms.id,
      org: analyticsPlatforms.organizationId,
      label: 'connection',
    },
    { key: 'campaignId', table: adCampaigns, id: adCampaigns.id, org: adCampaigns.organizationId, label: 'campaign' },
  ] as const;
  for (const check of checks) {
    const value = config.filters[check.key];
    if (!value) continue;
    const found = await db
      .select({ id: check.id })
      .from(check.table)
      .where(and(eq(check.id, value), eq(check.org, ctx.organizationId)));
    if (!found.length) throw badRequest([{ path: `body.config.filters.${check.key}`, message: `No ${check.label} with this id` }]);
  }
}

const present = (row: Widget) => ({ ...row, config: row.config as Config });

/** @example const { data } = await listWidgets(db, ctx, dashboard.id) */
export async function listWidgets(db: Db, ctx: TenantContext, dashboardId: string) {
  await dashboards.get(db, ctx, dashboardId);
  const rows = await db
    .select()
    .from(w)
    .where(and(eq(w.organizationId, ctx.organizationId), eq(w.dashboardId, dashboardId)))
    .orderBy(asc(w.position), asc(w.createdAt), asc(w.id));
  return { data: rows.map(present) };
}

/**
 * Adds a widget, by default after the dashboard's last one.
 *
 * @example await createWidget(db, ctx, dashboard.id, { title: 'Spend', config: { metric: 'spend', chart: 'kpi' } })
 */
export async function createWidget(db: Db, ctx: TenantContext, dashboardId: string, input: z.output<typeof widgetCreate>) {
  const dashboard = await dashboards.get(db, ctx, dashboardId);
  await checkFilters(db, ctx, input.config);
  return transaction(db, async (tx) => {
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${w.position}), -1)::int` })
      .from(w)
      .where(and(eq(w.organizationId, ctx.organizationId), eq(w.dashboardId, dashboardId)));
    const [row] = await tx
      .insert(w)
      .values({
        organizationId: ctx.organizationId,
        dashboardId,
        title: input.title,
        position: input.position ?? (last?.position ?? -1) + 1,
        config: input.config,
      })
      .returning();
    await recordActivity(tx, ctx, {
      action: 'widget_added',
      entityType: 'analytics_dashboards',
      entityId: dashboardId,
      entityTitle: dashboard.name,
      clientId: dashboard.clientId,
      metadata: { widgetId: row!.id, title: input.title },
    });
    return present(row!);
  });
}

/** @example await updateWidget(db, ctx, dashboard.id, widget.id, { position: 0 }) */
export async function updateWidget(
  db: Db,
  ctx: TenantContext,
  dashboardId: string,
  widgetId: string,
  input: z.output<typeof widgetUpdate>,
) {
  const dashboard = await dashboards.get(db, ctx, dashboardId);
  if (input.config) await checkFilters(db, ctx, input.config);
  return transaction(db, async (tx) => {
    const [row] = await tx
      .update(w)
      .set(input)
      .where(widgetWhere(ctx, dashboardId, widgetId))
      .returning();
    if (!row) throw notFound('Widget');
    await recordActivity(tx, ctx, {
      action: 'widget_updated',
      entityType: 'analytics_dashboards',
      entityId: dashboardId,
      entityTitle: dashboard.name,
      clientId: dashboard.clientId,
      metadata: { widgetId, changedFields: Object.keys(input) },
    });
    return present(row);
  });
}

/** @example await deleteWidget(db, ctx, dashboard.id, widget.id) */
export async function deleteWidget(db: Db, ctx: TenantContext, dashboardId: string, widgetId: string) {
  const dashboard = await dashboards.get(db, ctx, dashboardId);
  return transaction(db, async (tx) => {
    const [row] = await tx
      .delete(w)
      .where(widgetWhere(ctx, dashboardId, widgetId))
      .returning({ id: w.id });
    if (!row) throw notFound('Widget');
    await recordActivity(tx, ctx, {
      action: 'widget_removed',
      entityType: 'analytics_dashboards',
      entityId: dashboardId,
      entityTitle: dashboard.name,
      clientId: dashboard.clientId,
      metadata: { widgetId },
    });
    return { id: widgetId, deleted: true as const };
  });
}

const webColumns = {
  sessions: 'sessions',
  pageviews: 'pageviews',
  webConversions: 'conversions',
  webConversionValue: 'conversion_value',
  webConversionRate: 'conversion_rate',
} as const;

/**
 * Runs a widget's query for today's date range: its metric per bucket and dimension value, the total,
 * and the previous period with the change when the config compares. `view` (a viewer's date-range
 * picker) replaces the saved range and comparison for this answer only.
 *
 * @example const { total, points } = await widgetData(db, ctx, dashboard.id, widget.id, { dateRange: 'last_7_days' })
 */
export async function widgetData(
  db: Db,
  ctx: TenantContext,
  dashboardId: string,
  widgetId: string,
  view: z.output<typeof widgetDataQuery> = {},
): Promise<WidgetData> {
  const dashboard = await dashboards.get(db, ctx, dashboardId);
  const [widget] = await db
    .select()
    .from(w)
    .where(widgetWhere(ctx, dashboardId, widgetId));
  if (!widget) throw notFound('Widget');
  const saved = widget.config as Config;
  const dateRange = view.from && view.to ? { from: view.from, to: view.to } : (view.dateRange ?? saved.dateRange);
  const config: Config = { ...saved, dateRange, compare: view.compare ?? saved.compare };
  const range = resolveRange(config.dateRange, ctx.now);
  // A viewer's filter narrows; a client's dashboard stays on its client whatever the view or the config say.
  const clientId = dashboard.clientId ?? view.clientId ?? config.filters.clientId;
  const metric = config.metric;
  const change = (value: string | null, previous: string | null) => changeOf({ value }, { value: previous }).value ?? null;

  if ((webWidgetMetrics as readonly string[]).includes(metric)) {
    const column = webColumns[metric as keyof typeof webColumns];
    const previous = config.compare ? previousPeriod(range.from, range.to) : null;
    const q = { ...range, dimension: config.dimension === 'property' ? 'property' : 'client', clientId, compare: config.compare } as const;
    const rows = await webSums(db, ctx, { ...q, currency: config.currency }, previous?.from ?? range.from);
    // `key` undefined asks for the period's total row.
    const find = (period: 'current' | 'previous', key?: string | null) =>
      rows.find((r) => r.period === period && (key === undefined ? r.total : !r.total && r.key === key));
    const valueOf = (row: (typeof rows)[number] | undefined) => (row ? row[column] : zeroOf(metric));
    const totalValue = valueOf(find('current'));
    const totalPrevious = previous ? valueOf(find('previous')) : null;
    const point = (key: string | null, label: string | null, value: string | null) => {
      const before = previous ? valueOf(find('previous', key === null && config.dimension === 'none' ? undefined : key)) : null;
      return { date: null, key, label, value, previous: before, change: previous ? change(value, before) : null };
    };
    const points =
      config.dimension === 'none'
        ? [point(null, null, totalValue)]
        : rows.filter((r) => r.period === 'current' && !r.total).map((r) => point(r.key, r.label, r[column]));
    return {
      widgetId,
      metric,
      ...range,
      previousPeriod: previous,
      currency: null,
      points,
      total: { value: totalValue, previous: totalPrevious, change: previous ? change(totalValue, totalPrevious) : null },
      sparkline: null,
    };
  }

  // A KPI asks the engine by day (week, month over long ranges) for its sparkline: the same statement's
  // totals are the tile's figures, so the tile and its trend can never disagree.
  const kpi = config.chart === 'kpi' && config.dimension === 'none';
  const length = (Date.parse(range.to) - Date.parse(range.from)) / day + 1;
  const sparkInterval = length > 731 ? 'month' : length > 92 ? 'week' : 'day';

  const result = await queryMetrics(db, ctx, {
    ...range,
    interval: kpi ? sparkInterval : config.interval,
    dimension: config.dimension as Exclude<Config['dimension'], 'property'>,
    clientId,
    platformId: config.filters.platformId,
    platform: view.platform ?? config.filters.platform,
    campaignId: config.filters.campaignId,
    currency: config.currency,
    compare: config.compare,
  });
  const key = metric as keyof MetricValues;
  const total = {
    value: result.totals.metrics[key],
    previous: result.totals.previous?.[key] ?? null,
    change: result.totals.change?.[key] ?? null,
  };
  return {
    widgetId,
    metric,
    from: result.from,
    to: result.to,
    previousPeriod: result.previousPeriod,
    currency: result.currency,
    // A KPI's one point is its total (as an interval of `total` answers it), present when the range has figures.
    points: kpi
      ? result.rows.length
        ? [{ date: null, key: null, label: null, ...total }]
        : []
      : result.rows.map((r) => ({
          date: r.date,
          key: r.key,
          label: r.label,
          value: r.metrics[key],
          previous: r.previous?.[key] ?? null,
          change: r.change?.[key] ?? null,
        })),
    total,
    sparkline: kpi ? result.rows.map((r) => ({ date: r.date!, value: r.metrics[key], previous: r.previous?.[key] ?? null })) : null,
  };
}

/** What a web metric is over no sessions: zero counts, no rate. */
const zeroOf = (metric: string) => (metric === 'webConversionRate' ? null : metric === 'webConversionValue' ? '0.00' : '0');
