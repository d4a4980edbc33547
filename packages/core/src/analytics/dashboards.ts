import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation } from '../shared/operation.js';
import { platformType } from './enums.js';
import { analyticsBase, analyticsId, analyticsTag, metricDimensions, metricIntervals } from './metrics.js';

// Dashboard widgets: a validated config that the server runs through the metrics query engine (media
// metrics) or the cross-client rollups (web metrics), answered as one chart-ready series shape. The
// dashboards themselves are the generic `dashboards` resource; widgets live under their dashboard so
// that whoever may read a dashboard (a client's member, for a client's dashboard) may read its widgets.

const writers = ['OWNER', 'ADMIN', 'MEMBER'] as const;
const readers = ['OWNER', 'ADMIN', 'MEMBER', 'CLIENT'] as const;

export const mediaWidgetMetrics = ['spend', 'impressions', 'reach', 'clicks', 'conversions', 'conversionValue'] as const;
export const derivedWidgetMetrics = ['ctr', 'cpm', 'cpc', 'cpa', 'roas', 'frequency'] as const;
/** Web metrics come from the rollups' daily web aggregates (no time buckets; by client or property). */
export const webWidgetMetrics = ['sessions', 'pageviews', 'webConversions', 'webConversionValue', 'webConversionRate'] as const;
export const widgetMetrics = [...mediaWidgetMetrics, ...derivedWidgetMetrics, ...webWidgetMetrics] as const;
export const widgetCharts = ['kpi', 'line', 'bar', 'area', 'pie', 'table'] as const;
export const datePresets = ['last_7_days', 'last_30_days', 'last_90_days', 'this_month', 'last_month'] as const;
export const widgetDimensions = [...metricDimensions, 'property'] as const;

export const widgetConfig = z
  .strictObject({
    metric: z.enum(widgetMetrics),
    chart: z.enum(widgetCharts),
    /** `property` (ad accounts and web properties) is for web metrics; media metrics take the query engine's dimensions. */
    dimension: z.enum(widgetDimensions).default('none'),
    interval: z.enum(metricIntervals).default('total'),
    /** A preset, relative to the day the data is asked (UTC), or fixed days. */
    dateRange: z.union([z.enum(datePresets), z.strictObject({ from: f.date(), to: f.date() })]).default('last_30_days'),
    compare: z.boolean().default(true),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code like "EUR"')
      .optional(),
    filters: z
      .strictObject({
        clientId: analyticsId.optional(),
        platformId: analyticsId.optional(),
        platform: z.enum(platformType).optional(),
        campaignId: analyticsId.optional(),
      })
      .default({}),
  })
  .superRefine((c, ctx) => {
    const web = (webWidgetMetrics as readonly string[]).includes(c.metric);
    if (web && !['none', 'client', 'property'].includes(c.dimension))
      ctx.addIssue({ code: 'custom', path: ['dimension'], message: 'Web metrics are grouped by none, client or property' });
    if (!web && c.dimension === 'property')
      ctx.addIssue({
        code: 'custom',
        path: ['dimension'],
        message: 'Media metrics are grouped by campaign, adSet, platform, account or client',
      });
    if (web && c.interval !== 'total')
      ctx.addIssue({ code: 'custom', path: ['interval'], message: 'Web metrics are totals over the range (interval: total)' });
    if (web && (c.filters.platformId || c.filters.platform || c.filters.campaignId))
      ctx.addIssue({ code: 'custom', path: ['filters'], message: 'Web metrics filter by clientId only' });
    if (['line', 'area'].includes(c.chart) && c.interval === 'total')
      ctx.addIssue({ code: 'custom', path: ['interval'], message: 'A line or area chart needs an interval: day, week or month' });
    if (typeof c.dateRange === 'object' && c.dateRange.from > c.dateRange.to)
      ctx.addIssue({ code: 'custom', path: ['dateRange', 'from'], message: 'Must not be after `to`' });
  });
export type WidgetConfig = z.input<typeof widgetConfig>;

export const widgetRow = z.object({
  id: z.string(),
  organizationId: z.string(),
  dashboardId: z.string(),
  title: z.string(),
  position: z.number().int(),
  config: widgetConfig,
  createdAt: f.timestamp(),
  updatedAt: f.timestamp(),
});
export type DashboardWidget = z.output<typeof widgetRow>;
export const widgetCreate = z.strictObject({
  title: z.string().min(1).max(200),
  position: f.int().min(0).optional(),
  config: widgetConfig,
});
export const widgetUpdate = widgetCreate.partial();

export const widgetParams = z.object({ id: analyticsId, widgetId: analyticsId });

/**
 * What a viewer picks on top of the saved config, for this view only (a date-range picker; a client's
 * read-only view may pick too, since nothing is saved): a preset or fixed days, whether to compare, and a
 * platform or client to narrow to.
 */
export const widgetDataQuery = z
  .strictObject({
    dateRange: z.enum(datePresets).optional(),
    from: f.date().optional(),
    to: f.date().optional(),
    compare: z.union([z.boolean(), f.queryBool()]).optional(),
    /** Only this platform's campaigns (media metrics; web metrics have no platform and ignore it). */
    platform: z.enum(platformType).optional(),
    /** Only this client's figures; a client's dashboard stays on its own client whatever this says. */
    clientId: analyticsId.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.from !== !q.to) ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: 'Give both `from` and `to`' });
    if (q.from && q.dateRange) ctx.addIssue({ code: 'custom', path: ['dateRange'], message: 'Give a preset or `from`/`to`, not both' });
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Must not be after `to`' });
  });
export type WidgetDataQuery = z.input<typeof widgetDataQuery>;

/** A widget's figures: one point per bucket × dimension value, the total, each with the previous period. */
export const widgetData = z.object({
  widgetId: z.string(),
  metric: z.enum(widgetMetrics),
  from: z.string(),
  to: z.string(),
  previousPeriod: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** The currency of money metrics; null for web metrics (the tracker's values carry none). */
  currency: z.string().nullable(),
  points: z.array(
    z.object({
      date: z.string().nullable(),
      key: z.string().nullable(),
      label: z.string().nullable(),
      value: z.string().nullable(),
      previous: z.string().nullable(),
      change: z.string().nullable(),
    }),
  ),
  total: z.object({ value: z.string().nullable(), previous: z.string().nullable(), change: z.string().nullable() }),
  /**
   * A KPI's trend over the range (media metrics): the metric per day (per week past 92 days, per month past two
   * years) with the previous period's figure of the bucket it is compared with; null for other widgets.
   */
  sparkline: z.array(z.object({ date: z.string(), value: z.string().nullable(), previous: z.string().nullable() })).nullable(),
});
export type WidgetData = z.output<typeof widgetData>;

/** A public share of one dashboard: its signed link shows the dashboard read-only until it expires or is revoked. */
export const dashboardShare = z.object({
  id: z.string(),
  dashboardId: z.string(),
  /** The signed token (the `dashboard` purpose), the credential of the public view. */
  token: z.string(),
  /** The public address, relative to the API. */
  url: z.string(),
  expiresAt: f.timestamp().nullable(),
  createdById: z.string(),
  createdAt: f.timestamp(),
});
export type DashboardShare = z.output<typeof dashboardShare>;
export const dashboardShareCreate = z.strictObject({
  /** When the link stops working; never when absent (until revoked). */
  expiresAt: f.timestamp().optional(),
});
export const shareParams = z.object({ id: analyticsId, shareId: analyticsId });
const tokenParams = z.object({ token: z.string().min(1).max(500) });

/** What a share link shows: the dashboard, and each widget with its figures. */
export const publicDashboard = z.object({
  dashboard: z.object({ id: z.string(), name: z.string(), description: z.string().nullable() }),
  widgets: z.array(widgetRow.omit({ organizationId: true }).extend({ data: widgetData })),
});
export type PublicDashboard = z.output<typeof publicDashboard>;

const widgets = `${analyticsBase}/dashboards/:id/widgets`;
const shares = `${analyticsBase}/dashboards/:id/shares`;
export const dashboardOps = {
  listWidgets: defineOperation({
    id: 'analytics.dashboards.widgets.list',
    method: 'GET',
    path: widgets,
    tag: analyticsTag,
    summary: "A dashboard's widgets, in order",
    description:
      'Widgets are returned in their position order with their validated config; a dashboard of another organization answers 404.',
    params: z.object({ id: analyticsId }),
    response: z.object({ data: z.array(widgetRow) }),
    roles: readers,
  }),
  createWidget: defineOperation({
    id: 'analytics.dashboards.widgets.create',
    method: 'POST',
    path: widgets,
    tag: analyticsTag,
    summary: 'Add a widget to a dashboard (its config is validated)',
    description:
      'Adds a widget after the last one unless a position is given. The config (metric, chart, dimension, ' +
      'interval, date preset or range, comparison, filters, currency) is validated by the widget contract; ids ' +
      'in filters must belong to the organization. Errors name the config field.',
    params: z.object({ id: analyticsId }),
    body: widgetCreate,
    response: widgetRow,
    status: 201,
    roles: writers,
  }),
  updateWidget: defineOperation({
    id: 'analytics.dashboards.widgets.update',
    method: 'PATCH',
    path: `${widgets}/:widgetId`,
    tag: analyticsTag,
    summary: "Change a widget's title, position or config",
    description: 'A changed config is validated like on create.',
    params: widgetParams,
    body: widgetUpdate,
    response: widgetRow,
    roles: writers,
  }),
  deleteWidget: defineOperation({
    id: 'analytics.dashboards.widgets.delete',
    method: 'DELETE',
    path: `${widgets}/:widgetId`,
    tag: analyticsTag,
    summary: 'Remove a widget from its dashboard',
    description: 'The dashboard and its other widgets stay.',
    params: widgetParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    roles: writers,
  }),
  widgetData: defineOperation({
    id: 'analytics.dashboards.widgets.data',
    method: 'GET',
    path: `${widgets}/:widgetId/data`,
    tag: analyticsTag,
    summary: "Run a widget's query: its metric over its date range, by its dimension and interval, with the previous period",
    description:
      "Runs the widget's saved query for the caller: a CLIENT always gets only their own client's figures, " +
      "whatever the widget's filters say. `dateRange` (a preset) or `from` and `to`, and `compare`, replace the " +
      'saved ones for this answer only (nothing is saved, so a read-only viewer can change the range); `platform` ' +
      "and `clientId` narrow it further, never widening a client's dashboard. KPI widgets carry a sparkline.",
    params: widgetParams,
    query: widgetDataQuery,
    response: widgetData,
    roles: readers,
  }),
  createShare: defineOperation({
    id: 'analytics.dashboards.shares.create',
    method: 'POST',
    path: shares,
    tag: analyticsTag,
    summary: 'Share a dashboard read-only through a signed public link',
    description:
      'Mints a share of the dashboard with an optional expiry; its token (signed for the dashboard-share purpose) ' +
      'opens the dashboard and its widgets’ figures without credentials. Revoking the share, or its expiry, stops ' +
      'the link at once. A dashboard of another organization answers 404.',
    params: z.object({ id: analyticsId }),
    body: dashboardShareCreate,
    response: dashboardShare,
    status: 201,
    roles: writers,
  }),
  listShares: defineOperation({
    id: 'analytics.dashboards.shares.list',
    method: 'GET',
    path: shares,
    tag: analyticsTag,
    summary: "A dashboard's public shares, newest first, with their links",
    description: 'Expired shares are listed too (their links no longer open); revoked ones are gone.',
    params: z.object({ id: analyticsId }),
    response: z.object({ data: z.array(dashboardShare) }),
    roles: writers,
  }),
  revokeShare: defineOperation({
    id: 'analytics.dashboards.shares.revoke',
    method: 'DELETE',
    path: `${shares}/:shareId`,
    tag: analyticsTag,
    summary: 'Revoke a public share: its link stops working at once',
    description: 'Every use of a link reads its share, so the next request through it answers 404.',
    params: shareParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    roles: writers,
  }),
  viewSharedDashboard: defineOperation({
    id: 'analytics.dashboards.public.view',
    method: 'GET',
    path: `${analyticsBase}/public/dashboards/:token`,
    tag: analyticsTag,
    summary: 'A shared dashboard, read-only: its widgets and their figures',
    description:
      'No credentials: the signed link is the credential (forged, of another kind, or expired: 401; its share ' +
      'revoked: 404). Figures are those of the dashboard’s organization, and of its client for a client’s ' +
      'dashboard. `dateRange` or `from`/`to`, and `compare`, pick another range for this answer only.',
    params: tokenParams,
    query: widgetDataQuery,
    response: publicDashboard,
    auth: 'public',
  }),
};
