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

/**
 * Every string the import wizard shows.
 *
 * @example <ImportWizard overrides={{ title: 'Importer un export', import: 'Importer' }} />
 */
export const importWizardStrings = {
  title: 'Import a report export',
  connection: 'Ad account',
  noConnections: 'Connect a Meta Ads or Google Ads account first.',
  file: 'CSV export',
  fileHint: 'As downloaded from Meta Ads Manager or Google Ads (Reports → Export → CSV).',
  reading: 'Reading the file…',
  detected: 'Detected: {platform}',
  confidence: '{percent} sure',
  mapping: 'Columns',
  field: 'Field',
  column: 'Column in the file',
  notInFile: 'Not in the file',
  unmapped: 'Columns left out: {columns}',
  preview: 'First rows',
  period: 'Days {from} to {to}',
  lines: '{rows} lines read, {totals} total lines skipped',
  import: 'Import',
  importing: 'Importing {rows} lines…',
  progress: 'Import progress',
  done: 'Imported',
  again: 'Import another file',
  refused: 'Refused lines',
  noneRefused: 'No line was refused.',
  refusedLine: 'Line {line}',
  report: 'Download refused lines (CSV)',
  incomplete: 'The file stops being readable CSV part-way: nothing after the last listed line was read.',
  campaigns: 'Campaigns',
  adSets: 'Ad sets',
  ads: 'Ads',
  days: 'Daily rows',
  rows: 'Lines read',
  spend: 'Spend',
  impressions: 'Impressions',
  clicks: 'Clicks',
  conversions: 'Conversions',
  field_accountId: 'Account ID',
  field_accountName: 'Account name',
  field_date: 'Day',
  field_week: 'Week',
  field_month: 'Month',
  field_dateStart: 'Reporting starts',
  field_dateEnd: 'Reporting ends',
  field_resultType: 'Result type',
  field_campaignName: 'Campaign name',
  field_campaignId: 'Campaign ID',
  field_adSetName: 'Ad set name',
  field_adSetId: 'Ad set ID',
  field_adName: 'Ad name',
  field_adId: 'Ad ID',
  field_spend: 'Spend',
  field_impressions: 'Impressions',
  field_reach: 'Reach',
  field_clicks: 'Clicks',
  field_conversions: 'Conversions',
  field_conversionValue: 'Conversion value',
  field_currency: 'Currency',
  ...platformLabels,
};
export type ImportWizardStrings = typeof importWizardStrings;
