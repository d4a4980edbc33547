// STORY FIXTURE ONLY. An in-memory stand-in for the few SDK methods the analytics dashboard calls, so stories show
// realistic figures without a server. It is not the API: the real query engine (and every component test) runs on
// the reference server. Never import this outside stories/.
import { type Me, problemTypes, type SpokeStack, SpokeStackError } from '@spokestack/core';
import type {
  AnalyticsDashboard,
  DashboardWidget,
  ImportResult,
  WidgetConfig,
  WidgetData,
  WidgetDataQuery,
} from '@spokestack/core/analytics';

export interface FakeAnalyticsOptions {
  /** The caller's role: CLIENT is a client's read-only view. */
  role?: Me['actor']['role'];
  /** How many days of data exist, ending on the story's "yesterday" (default 120; 730 is two years). */
  days?: number;
  /** No widgets on the dashboard. */
  noWidgets?: boolean;
  /** Widgets, but nothing imported yet: every figure is zero. */
  noData?: boolean;
  /** The last day spent nothing (ratios over it are "—"). */
  zeroSpendDay?: boolean;
  /** Every call waits forever: the loading state. */
  hang?: boolean;
  /** Every call fails like an unreachable server: the error state. */
  offline?: boolean;
  /** The import wizard's answers: a Meta Ads export read with refused lines, or a file that is no export. */
  importAnswer?: 'meta' | 'unreadable';
}

const today = '2026-09-10';
const dayMs = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(date) + days * dayMs).toISOString().slice(0, 10);
const span = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs) + 1;

const campaigns = [
  { key: 'cmp_spring', label: 'Spring sale', client: 'Northwind', platform: 'META_ADS', scale: 1.4 },
  { key: 'cmp_brand', label: 'Brand search', client: 'Northwind', platform: 'GOOGLE_ADS', scale: 0.9 },
  { key: 'cmp_retarget', label: 'Retargeting', client: 'Contoso', platform: 'META_ADS', scale: 0.6 },
  { key: 'cmp_launch', label: 'App launch', client: 'Contoso', platform: 'TIKTOK_ADS', scale: 0.45 },
];

/** One campaign's day: a weekly rhythm and slow growth, so charts look like real accounts. */
function dayOf(index: number, date: string, scale: number) {
  const t = Date.parse(date) / dayMs;
  const weekly = 1 + 0.25 * Math.sin((t * 2 * Math.PI) / 7);
  const trend = 1 + 0.0015 * (t % 1000);
  const impressions = Math.round(12_000 * scale * weekly * trend * (1 + 0.08 * Math.sin(t + index)));
  const clicks = Math.round(impressions * (0.011 + 0.002 * Math.cos(t / 3 + index)));
  const spend = Math.round(impressions * 0.0092 * 100) / 100;
  const conversions = Math.round(clicks * 0.045);
  return { impressions, clicks, spend, conversions, conversionValue: conversions * 61.5, reach: Math.round(impressions / 1.7) };
}

type Sums = ReturnType<typeof dayOf>;
const zero = (): Sums => ({ impressions: 0, clicks: 0, spend: 0, conversions: 0, conversionValue: 0, reach: 0 });
const add = (a: Sums, b: Sums): Sums => ({
  impressions: a.impressions + b.impressions,
  clicks: a.clicks + b.clicks,
  spend: a.spend + b.spend,
  conversions: a.conversions + b.conversions,
  conversionValue: a.conversionValue + b.conversionValue,
  reach: a.reach + b.reach,
});
const ratio = (n: number, d: number, scale = 1, places = 4) => (d === 0 ? null : ((n / d) * scale).toFixed(places));

/** A metric of summed figures, as the API spells it (decimal strings; ratios re-derived from the sums, null over 0). */
function valueOf(metric: WidgetConfig['metric'], s: Sums): string | null {
  switch (metric) {
    case 'spend':
      return s.spend.toFixed(2);
    case 'conversionValue':
    case 'webConversionValue':
      return s.conversionValue.toFixed(2);
    case 'ctr':
      return ratio(s.clicks, s.impressions);
    case 'cpm':
      return ratio(s.spend, s.impressions, 1000);
    case 'cpc':
      return ratio(s.spend, s.clicks);
    case 'cpa':
      return ratio(s.spend, s.conversions);
    case 'roas':
      return ratio(s.conversionValue, s.spend);
    case 'frequency':
      return ratio(s.impressions, s.reach, 1, 2);
    case 'sessions':
      return String(Math.round(s.clicks * 0.9));
    case 'pageviews':
      return String(Math.round(s.clicks * 2.4));
    case 'webConversions':
      return String(s.conversions);
    case 'webConversionRate':
      return ratio(s.conversions, Math.round(s.clicks * 0.9));
    default:
      return String(s[metric as keyof Sums]);
  }
}
const change = (value: string | null, previous: string | null) =>
  value === null || previous === null || Number(previous) === 0 ? null : ((Number(value) - Number(previous)) / Number(previous)).toFixed(4);

function rangeOf(range: WidgetConfig['dateRange'] = 'last_30_days') {
  if (typeof range === 'object') return range;
  const n = { last_7_days: 7, last_30_days: 30, last_90_days: 90 }[range as string];
  if (n) return { from: shift(today, -n), to: shift(today, -1) };
  if (range === 'this_month') return { from: `${today.slice(0, 7)}-01`, to: today };
  const to = shift(`${today.slice(0, 7)}-01`, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

const bucketOf = (date: string, interval: string) =>
  interval === 'month' ? `${date.slice(0, 7)}-01` : interval === 'week' ? shift(date, -((new Date(date).getUTCDay() + 6) % 7)) : date;

/**
 * Builds the story SDK for one dashboard, `dsh_story`, with the widgets of an agency's Monday report.
 *
 * @example parameters: { spokestack: { client: fakeAnalyticsSdk({ role: 'CLIENT' }) } }
 */
export function fakeAnalyticsSdk(options: FakeAnalyticsOptions = {}): SpokeStack {
  const { role = 'ADMIN', days = 120, noWidgets, noData, zeroSpendDay, hang, offline, importAnswer = 'meta' } = options;
  const firstDay = shift(today, -days);
  const me: Me = {
    organizationId: 'org_story',
    actor: { type: 'user', id: 'usr_alex', name: 'Alex Morgan', role, clientId: role === 'CLIENT' ? 'cli_northwind' : null },
  };
  const dashboard = {
    id: 'dsh_story',
    organizationId: 'org_story',
    name: role === 'CLIENT' ? 'Northwind — weekly results' : 'Agency overview',
    description: null,
    clientId: role === 'CLIENT' ? 'cli_northwind' : null,
    createdById: 'usr_alex',
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
  } as AnalyticsDashboard;
  const configs: [string, WidgetConfig][] = [
    ['Spend', { metric: 'spend', chart: 'kpi' }],
    ['Conversions', { metric: 'conversions', chart: 'kpi' }],
    ['Cost per click', { metric: 'cpc', chart: 'kpi' }],
    ['ROAS', { metric: 'roas', chart: 'kpi' }],
    ['Clicks by day', { metric: 'clicks', chart: 'line', interval: 'day' }],
    ['Spend by platform', { metric: 'spend', chart: 'pie', dimension: 'platform' }],
    ['Spend by campaign', { metric: 'spend', chart: 'bar', dimension: 'campaign' }],
    ['Conversions by week', { metric: 'conversions', chart: 'area', interval: 'week', dimension: 'client' }],
    ['Daily figures', { metric: 'cpc', chart: 'table', interval: 'day' }],
  ];
  const widgets: DashboardWidget[] = noWidgets
    ? []
    : configs.map(([title, config], position) => ({
        id: `wdg_${position}`,
        organizationId: 'org_story',
        dashboardId: dashboard.id,
        title,
        position,
        config: { dimension: 'none', interval: 'total', dateRange: 'last_30_days', compare: true, filters: {}, ...config } as never,
        createdAt: dashboard.createdAt,
        updatedAt: dashboard.updatedAt,
      }));

  const rowsOf = (from: string, to: string, view: WidgetDataQuery = {}) => {
    const rows: (Sums & { date: string; key: (typeof campaigns)[number] })[] = [];
    if (noData) return rows;
    for (let i = 0; i < span(from, to); i++) {
      const date = shift(from, i);
      if (date < firstDay || date >= today) continue;
      for (const [index, c] of campaigns.entries()) {
        if (role === 'CLIENT' && c.client !== 'Northwind') continue;
        if (view.platform && c.platform !== view.platform) continue;
        if (view.clientId && `cli_${c.client.toLowerCase()}` !== view.clientId) continue;
        const day = dayOf(index, date, c.scale);
        rows.push({ ...(zeroSpendDay && date === shift(today, -1) ? zero() : day), date, key: c });
      }
    }
    return rows;
  };

  const widgetData = (widgetId: string, view: WidgetDataQuery = {}): WidgetData => {
    const widget = widgets.find((w) => w.id === widgetId);
    if (!widget) throw problem(404, 'Not Found');
    const c = widget.config;
    const range = view.from && view.to ? { from: view.from, to: view.to } : rangeOf(view.dateRange ?? c.dateRange);
    const compare = view.compare ?? c.compare;
    const length = span(range.from, range.to);
    const previousPeriod = compare ? { from: shift(range.from, -length), to: shift(range.from, -1) } : null;
    const dimensionOf = (row: ReturnType<typeof rowsOf>[number]) =>
      c.dimension === 'campaign'
        ? { key: row.key.key, label: row.key.label }
        : c.dimension === 'client'
          ? { key: row.key.client, label: row.key.client }
          : c.dimension === 'platform'
            ? { key: row.key.platform, label: { META_ADS: 'Meta', GOOGLE_ADS: 'Google Ads', TIKTOK_ADS: 'TikTok' }[row.key.platform]! }
            : { key: null, label: null };
    const group = (rows: ReturnType<typeof rowsOf>, shiftDays = 0, interval = c.interval, byDimension = true) => {
      const groups = new Map<string, { date: string | null; key: string | null; label: string | null; sums: Sums }>();
      for (const row of rows) {
        const dim = byDimension ? dimensionOf(row) : { key: null, label: null };
        const date = interval === 'total' ? null : bucketOf(shift(row.date, shiftDays), interval);
        const id = `${date}|${dim.key}`;
        const g = groups.get(id) ?? { date, ...dim, sums: zero() };
        g.sums = add(g.sums, row);
        groups.set(id, g);
      }
      return groups;
    };
    const current = rowsOf(range.from, range.to, view);
    const before = previousPeriod ? rowsOf(previousPeriod.from, previousPeriod.to, view) : [];
    const now = group(current);
    const then = group(before, length);
    const total = current.reduce(add, zero());
    const totalBefore = before.reduce(add, zero());
    const points = [...now.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, g]) => {
        const value = valueOf(c.metric, g.sums);
        const previous = previousPeriod ? valueOf(c.metric, then.get(id)?.sums ?? zero()) : null;
        return { date: g.date, key: g.key, label: g.label, value, previous, change: change(value, previous) };
      });
    const value = valueOf(c.metric, total);
    const previous = previousPeriod ? valueOf(c.metric, totalBefore) : null;
    return {
      widgetId,
      metric: c.metric,
      ...range,
      previousPeriod,
      currency: 'USD',
      points:
        c.dimension === 'none' && c.interval === 'total'
          ? [{ date: null, key: null, label: null, value, previous, change: change(value, previous) }]
          : points,
      total: { value, previous, change: change(value, previous) },
      sparkline: c.chart === 'kpi' && c.dimension === 'none' ? sparkline() : null,
    };

    /** The KPI's trend, by day (week past 92 days, month past two years), as the server buckets it. */
    function sparkline() {
      const interval = length > 731 ? 'month' : length > 92 ? 'week' : 'day';
      const days = group(current, 0, interval, false);
      const daysBefore = group(before, length, interval, false);
      const dates = [...new Set([...days.values(), ...daysBefore.values()].map((g) => g.date!))].sort();
      return dates.map((date) => ({
        date,
        value: valueOf(c.metric, days.get(`${date}|null`)?.sums ?? zero()),
        previous: previousPeriod ? valueOf(c.metric, daysBefore.get(`${date}|null`)?.sums ?? zero()) : null,
      }));
    }
  };

  // The import wizard's two calls: a dry run (mapping and first rows, nothing written), then the import.
  const importResult = (dryRun: boolean): ImportResult => {
    if (importAnswer === 'unreadable')
      throw new SpokeStackError({
        type: problemTypes.validation,
        title: 'Bad Request',
        status: 400,
        detail: 'body.file: No column of this file is a day or a date range',
        errors: [{ path: 'body.file', message: 'No column of this file is a day or a date range' }],
      });
    return {
      platform: 'META_ADS',
      confidence: 0.92,
      columns: {
        campaignName: 'Campaign name',
        adSetName: 'Ad set name',
        adName: 'Ad name',
        date: 'Day',
        spend: 'Amount spent (USD)',
        impressions: 'Impressions',
        reach: 'Reach',
        clicks: 'Link clicks',
        conversions: 'Purchases',
        conversionValue: 'Purchases conversion value',
      },
      unmapped: ['Ad delivery', 'Frequency', 'CTR (link click-through rate)'],
      level: 'ad',
      rows: 6,
      errors: [{ line: 9, field: 'date', column: 'Day', value: 'someday', message: 'Not a date (expected YYYY-MM-DD)' }],
      errorCount: 1,
      skippedTotals: 1,
      complete: true,
      period: { from: '2026-09-01', to: '2026-09-02' },
      written: dryRun
        ? { campaigns: 0, adSets: 0, ads: 0, campaignDays: 0, adSetDays: 0, adDays: 0, accountDays: 0 }
        : { campaigns: 2, adSets: 2, ads: 3, campaignDays: 4, adSetDays: 4, adDays: 6, accountDays: 0 },
      totals: { spend: '214.57', impressions: '23918', clicks: '235', conversions: '15' },
      preview: dryRun
        ? [
            ['Fall Sale — Prospecting', 'Lookalike 1% US', 'Carousel — Boots', '2026-09-01', '48.67', '4025', '61'],
            ['Fall Sale — Prospecting', 'Lookalike 1% US', 'Carousel — Boots', '2026-09-02', '46.73', '3786', '54'],
            ['Retargeting, 30 days', 'Site visitors 30d', 'Static — Free shipping', '2026-09-01', '20.50', '1980', '27'],
          ].map(([campaign, adSet, ad, date, spend, impressions, clicks], i) => ({
            line: i + 3,
            level: 'ad',
            campaign: { externalId: null, name: campaign },
            adSet: { externalId: null, name: adSet },
            ad: { externalId: null, name: ad },
            date,
            currency: 'USD',
            spend,
            impressions,
            clicks,
          }))
        : null,
      syncLogId: dryRun ? null : 'log_story',
    };
  };

  const call = async <T>(answer: () => T, latency = 300): Promise<T> => {
    if (hang) return new Promise<T>(() => {});
    await new Promise((resolve) => setTimeout(resolve, latency));
    if (offline) throw problem(0, 'Network error', 'TypeError: Failed to fetch (this story has no server on purpose)');
    return structuredClone(answer());
  };
  const sdk = {
    http: { url: (path: string) => path },
    platform: {
      me: () => call(() => me),
      clients: {
        list: () =>
          call(() => ({
            data: [
              { id: 'cli_contoso', name: 'Contoso' },
              { id: 'cli_northwind', name: 'Northwind' },
            ],
            nextCursor: null,
          })),
      },
    },
    analytics: {
      platforms: {
        list: () =>
          call(() => ({
            data: [
              { id: 'plt_meta', name: 'Northwind Meta', platform: 'META_ADS' },
              { id: 'plt_google', name: 'Northwind Google', platform: 'GOOGLE_ADS' },
            ],
            nextCursor: null,
          })),
        import: (_id: string, _file: Blob, settings: { dryRun?: boolean } = {}) =>
          call(() => importResult(Boolean(settings.dryRun)), settings.dryRun ? 400 : 1500),
      },
      dashboards: {
        get: (id: string) => call(() => (id === dashboard.id ? dashboard : raise(problem(404, 'Not Found')))),
        widgets: () => call(() => ({ data: widgets })),
        widgetData: (_id: string, widgetId: string, view?: WidgetDataQuery) =>
          call(() => widgetData(widgetId, view), 300 + Math.random() * 400),
        // A share link's public answer: the dashboard and every widget's figures at once.
        viewShared: (_token: string, view?: WidgetDataQuery) =>
          call(() => ({
            dashboard: { id: dashboard.id, name: dashboard.name, description: dashboard.description },
            widgets: widgets.map(({ organizationId: _, ...w }) => ({ ...w, data: widgetData(w.id, view) })),
          })),
      },
    },
  };
  return sdk as unknown as SpokeStack;
}

const raise = (error: Error): never => {
  throw error;
};

const problem = (status: number, title: string, detail?: string) =>
  new SpokeStackError({ type: status === 404 ? problemTypes.notFound : problemTypes.network, title, status, detail });
