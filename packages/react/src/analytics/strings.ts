// Type imports only: core's analytics module is zod schemas, which a browser showing charts must not download.
import type { datePresets, widgetMetrics } from '@spokestack/core/analytics';

type Preset = (typeof datePresets)[number];
type MetricName = (typeof widgetMetrics)[number];

/** The names of the date-range presets, by preset. */
export const presetLabels: Record<Preset, string> = {
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  this_month: 'This month',
  last_month: 'Last month',
};

/**
 * Names of the ad platforms a "by platform" widget shows (the API answers the enum); others read as sent.
 * Override them as `platform_META_ADS`, … in `overrides`.
 */
export const platformLabels = {
  platform_META_ADS: 'Meta',
  platform_GOOGLE_ADS: 'Google Ads',
  platform_TIKTOK_ADS: 'TikTok',
  platform_LINKEDIN_ADS: 'LinkedIn',
  platform_TWITTER_ADS: 'X',
  platform_SNAPCHAT_ADS: 'Snapchat',
  platform_PINTEREST_ADS: 'Pinterest',
  platform_DV360: 'Display & Video 360',
  platform_CUSTOM_API: 'Custom',
};

/** The presets in the order a picker lists them. */
export const presets = Object.keys(presetLabels) as Preset[];

/** The names of the metrics, by metric (the spec's short names where people use them). */
export const metricLabels: Record<MetricName, string> = {
  spend: 'Spend',
  impressions: 'Impressions',
  reach: 'Reach',
  clicks: 'Clicks',
  conversions: 'Conversions',
  conversionValue: 'Conversion value',
  ctr: 'CTR',
  cpm: 'CPM',
  cpc: 'CPC',
  cpa: 'CPA',
  roas: 'ROAS',
  frequency: 'Frequency',
  sessions: 'Sessions',
  pageviews: 'Pageviews',
  webConversions: 'Conversions',
  webConversionValue: 'Conversion value',
  webConversionRate: 'Conversion rate',
};

/**
 * Every string the analytics dashboard shows; presets and metric names are keys too, so one `overrides`
 * translates all of it.
 *
 * @example <AnalyticsDashboard dashboardId={id} overrides={{ range: 'Période', last_7_days: '7 derniers jours', spend: 'Dépenses' }} />
 */
export const analyticsDashboardStrings = {
  range: 'Date range',
  saved: 'As saved',
  custom: 'Custom',
  from: 'From',
  to: 'To',
  compare: 'Compare with previous period',
  loading: 'Loading dashboard…',
  loadingWidget: 'Loading figures…',
  empty: 'No widgets yet',
  emptyHint: 'Widgets added to this dashboard show up here.',
  noData: 'No data for this period',
  noDataHint: 'Try a longer date range.',
  readOnly: 'View only',
  vsPrevious: 'vs {range}',
  previous: 'Previous period',
  showTable: 'Show as table',
  showChart: 'Show as chart',
  date: 'Date',
  name: 'Name',
  value: 'Value',
  change: 'Change',
  total: 'Total',
  other: 'Other',
  trend: 'Trend',
  filters: 'Filters',
  platform: 'Platform',
  allPlatforms: 'All platforms',
  client: 'Client',
  allClients: 'All clients',
  page: 'Page {page} of {pages}',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  downloadCsv: 'Download CSV',
  ...presetLabels,
  ...metricLabels,
  ...platformLabels,
};
export type AnalyticsDashboardStrings = typeof analyticsDashboardStrings;

/** The ad platforms the dashboard's platform filter offers (the ones the report imports and connectors feed). */
export const filterPlatforms = ['META_ADS', 'GOOGLE_ADS', 'TIKTOK_ADS', 'LINKEDIN_ADS'] as const;
