import type { z } from 'zod';
import type { HttpClient, RequestOptions } from '../shared/http.js';
import type { Operation } from '../shared/operation.js';
import type {
  DashboardShare,
  DashboardWidget,
  PublicDashboard,
  WidgetData,
  WidgetDataQuery,
  dashboardShareCreate,
  widgetCreate,
  widgetUpdate,
} from './dashboards.js';
import type { ImportResult, connectionSync, metricsPush } from './imports.js';
import type { MetricsQuery, MetricsResult, MetricsUpsert } from './metrics.js';
import type { CampaignPacing, pacingListQuery, pacingQuery } from './pacing.js';
import type { RollupResult, rollupQuery } from './rollups.js';
import type { realtimeVisitors, webRollupResult } from './web.js';
import { resourceClients } from '../shared/resource-client.js';
import { analyticsOps as ops } from './operations.js';
import { analyticsResources, type PlatformSyncLog } from './rows.gen.js';

type Body<O extends Operation> = z.input<NonNullable<O['body']>>;
type Query<O extends Operation> = z.input<NonNullable<O['query']>>;

/** What `sdk.analytics.platforms.import` reads the file with, besides the file. */
export interface ImportSettings {
  platform?: 'META_ADS' | 'GOOGLE_ADS';
  currency?: string;
  dateOrder?: 'mdy' | 'dmy';
  decimalSeparator?: '.' | ',';
  /** Per field, the header to read it from instead of the detected one; null leaves the field out. */
  columns?: Record<string, string | null>;
  dryRun?: boolean;
}

/** The connection operations beside the generic CRUD of `sdk.analytics.platforms`. */
export interface PlatformOperations {
  import(id: string, file: Blob, settings?: ImportSettings, options?: RequestOptions): Promise<ImportResult>;
  push(id: string, body: z.input<typeof metricsPush>, options?: RequestOptions): Promise<ImportResult>;
  sync(id: string, body: z.input<typeof connectionSync>, options?: RequestOptions): Promise<PlatformSyncLog>;
}

/** `sdk.analytics.metrics`: the bulk daily upsert and the query engine. */
export interface MetricsClient {
  upsert(body: MetricsUpsert, options?: RequestOptions): Promise<{ level: string; upserted: number }>;
  query(query: MetricsQuery, options?: RequestOptions): Promise<MetricsResult>;
}

/** `sdk.analytics.webProperties` beside its generic CRUD: the daily rollup and real-time visitors. */
export interface WebPropertyOperations {
  rollup(id: string, date: string, options?: RequestOptions): Promise<z.output<typeof webRollupResult>>;
  realtime(id: string, options?: RequestOptions): Promise<z.output<typeof realtimeVisitors>>;
}

/** `sdk.analytics.rollups`: totals across clients, ad accounts and web properties. */
export interface RollupsClient {
  /** @example const { rows, totals } = await sdk.analytics.rollups.query({ from: '2026-09-01', to: '2026-09-30', currency: 'USD' }) */
  query(query: z.input<typeof rollupQuery>, options?: RequestOptions): Promise<RollupResult>;
}

/** `sdk.analytics.dashboards` beside its generic CRUD: a dashboard's widgets and their data. */
export interface DashboardOperations {
  /** @example const { data } = await sdk.analytics.dashboards.widgets(dashboard.id) */
  widgets(id: string, options?: RequestOptions): Promise<{ data: DashboardWidget[] }>;
  /** @example await sdk.analytics.dashboards.addWidget(dashboard.id, { title: 'Spend', config: { metric: 'spend', chart: 'kpi' } }) */
  addWidget(id: string, body: z.input<typeof widgetCreate>, options?: RequestOptions): Promise<DashboardWidget>;
  updateWidget(id: string, widgetId: string, body: z.input<typeof widgetUpdate>, options?: RequestOptions): Promise<DashboardWidget>;
  removeWidget(id: string, widgetId: string, options?: RequestOptions): Promise<{ id: string; deleted: true }>;
  /**
   * A widget's figures; `query` picks another range or comparison for this answer only (nothing is saved).
   * @example const { total, points } = await sdk.analytics.dashboards.widgetData(dashboard.id, widget.id, { dateRange: 'last_7_days' })
   */
  widgetData(id: string, widgetId: string, query?: WidgetDataQuery, options?: RequestOptions): Promise<WidgetData>;
  /**
   * Shares the dashboard read-only through a signed public link, until `expiresAt` or until revoked.
   * @example const { token } = await sdk.analytics.dashboards.share(dashboard.id, { expiresAt: '2026-12-31T00:00:00Z' })
   */
  share(id: string, body?: z.input<typeof dashboardShareCreate>, options?: RequestOptions): Promise<DashboardShare>;
  /** @example const { data } = await sdk.analytics.dashboards.shares(dashboard.id) */
  shares(id: string, options?: RequestOptions): Promise<{ data: DashboardShare[] }>;
  /** Stops a share's link at once. @example await sdk.analytics.dashboards.revokeShare(dashboard.id, share.id) */
  revokeShare(id: string, shareId: string, options?: RequestOptions): Promise<{ id: string; deleted: true }>;
  /**
   * A shared dashboard with its widgets' figures, without credentials (the token is the credential).
   * @example const { dashboard, widgets } = await sdk.analytics.dashboards.viewShared(token)
   */
  viewShared(token: string, query?: WidgetDataQuery, options?: RequestOptions): Promise<PublicDashboard>;
}

/** `sdk.analytics.pacing`: spend against budgets. */
export interface PacingClient {
  /** @example const { status, projectedSpend } = await sdk.analytics.pacing.get(campaign.id, { date: '2026-09-15' }) */
  get(campaignId: string, query?: z.input<typeof pacingQuery>, options?: RequestOptions): Promise<CampaignPacing>;
  /** @example const { data } = await sdk.analytics.pacing.list({ clientId }) */
  list(query?: z.input<typeof pacingListQuery>, options?: RequestOptions): Promise<{ data: CampaignPacing[]; nextCursor: string | null }>;
}

/** `sdk.analytics`: a typed client per analytics resource, with the media metrics' write path and query engine. */
export function createAnalyticsClient(http: HttpClient) {
  const resources = resourceClients(http, analyticsResources);
  const platformOperations: PlatformOperations = {
    /**
     * Imports a Meta Ads Manager or Google Ads CSV export into the connection (detected platform, mapped
     * columns, campaigns/ad sets/ads and their days); `dryRun: true` only previews the mapping and first rows.
     * @example const result = await sdk.analytics.platforms.import(connection.id, file, { dryRun: true })
     */
    import: (id: string, file: Blob, settings: ImportSettings = {}, options?: RequestOptions) => {
      const form = new FormData();
      form.set('file', file, file instanceof File ? file.name : 'report.csv');
      for (const [key, value] of Object.entries(settings)) {
        if (value !== undefined) form.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
      }
      return http.request<ImportResult>('POST', `/v1/analytics/platforms/${encodeURIComponent(id)}/imports`, {
        body: form,
        ...options,
      });
    },
    /**
     * Pushes campaigns and daily metrics from any source (a CUSTOM_API connection); a day pushed again replaces it.
     * @example
     * await sdk.analytics.platforms.push(connection.id, {
     *   rows: [{ date: '2026-03-01', campaign: { externalId: 'c-1', name: 'Spring' }, spend: '12.00' }],
     * })
     */
    push: (id: string, body: Body<typeof ops.pushMetrics>, options?: RequestOptions) =>
      http.call(ops.pushMetrics, { params: { id }, body }, options),
    /**
     * Queues a background import of an uploaded export into the connection; the reply is its sync log,
     * whose `status` (queued, running, success, partial, failed) and counts tell the progress.
     * @example
     * const file = await sdk.platform.files.upload(csv, { name: 'meta.csv' })
     * const log = await sdk.analytics.platforms.sync(connection.id, { fileId: file.id })
     * const { status, recordsProcessed } = await sdk.analytics.syncLogs.get(log.id)
     */
    sync: (id: string, body: Body<typeof ops.syncPlatform>, options?: RequestOptions) =>
      http.call(ops.syncPlatform, { params: { id }, body }, options),
  };
  const metrics: MetricsClient = {
    /**
     * Writes daily metrics of one level in bulk; a day sent again replaces the stored one.
     * @example
     * await sdk.analytics.metrics.upsert({
     *   level: 'campaign', rows: [{ campaignId, date: '2026-03-01', spend: '120.50', impressions: 48000, clicks: 960 }],
     * })
     */
    upsert: (body: Body<typeof ops.upsertMetrics>, options?: RequestOptions) => http.call(ops.upsertMetrics, { body }, options),
    /**
     * Sums and re-derived ratios over a date range, by day/week/month × campaign/ad set/platform/client, with the previous period.
     * @example const { totals } = await sdk.analytics.metrics.query({ from: '2026-03-01', to: '2026-03-31', dimension: 'platform' })
     */
    query: (query: Query<typeof ops.queryMetrics>, options?: RequestOptions) => http.call(ops.queryMetrics, { query }, options),
  };
  const webOperations: WebPropertyOperations = {
    /** Re-rolls a day now (idempotent). @example await sdk.analytics.webProperties.rollup(property.id, '2026-09-01') */
    rollup: (id, date, options) => http.call(ops.rollupWebDay, { params: { id }, body: { date } }, options),
    /** @example const { visitors } = await sdk.analytics.webProperties.realtime(property.id) */
    realtime: (id, options) => http.call(ops.realtime, { params: { id } }, options),
  };
  const pacing: PacingClient = {
    get: (campaignId, query, options) => http.call(ops.campaignPacing, { params: { id: campaignId }, query }, options),
    list: (query, options) => http.call(ops.listPacing, { query }, options),
  };
  const dashboardOperations: DashboardOperations = {
    widgets: (id, options) => http.call(ops.listWidgets, { params: { id } }, options),
    addWidget: (id, body, options) => http.call(ops.createWidget, { params: { id }, body }, options),
    updateWidget: (id, widgetId, body, options) => http.call(ops.updateWidget, { params: { id, widgetId }, body }, options),
    removeWidget: (id, widgetId, options) => http.call(ops.deleteWidget, { params: { id, widgetId } }, options),
    widgetData: (id, widgetId, query, options) => http.call(ops.widgetData, { params: { id, widgetId }, query }, options),
    share: (id, body = {}, options) => http.call(ops.createShare, { params: { id }, body }, options),
    shares: (id, options) => http.call(ops.listShares, { params: { id } }, options),
    revokeShare: (id, shareId, options) => http.call(ops.revokeShare, { params: { id, shareId } }, options),
    viewShared: (token, query, options) => http.call(ops.viewSharedDashboard, { params: { token }, query }, options),
  };
  const rollups: RollupsClient = {
    query: (query, options) => http.call(ops.queryRollup, { query }, options),
  };
  return {
    ...resources,
    pacing,
    rollups,
    dashboards: Object.assign(resources.dashboards, dashboardOperations),
    platforms: Object.assign(resources.platforms, platformOperations),
    webProperties: Object.assign(resources.webProperties, webOperations),
    metrics,
  };
}
