import * as t from './schema.js';

/** Analytics tables exposed as resources under `/v1/analytics/…`. */
export const analyticsTables = {
  platforms: t.analyticsPlatforms,
  syncLogs: t.platformSyncLogs,
  adCampaigns: t.adCampaigns,
  adSets: t.adSets,
  ads: t.ads,
  campaignMetrics: t.campaignMetrics,
  adSetMetrics: t.adSetMetrics,
  adMetrics: t.adMetrics,
  platformMetrics: t.platformMetrics,
  listeningQueries: t.listeningQueries,
  mentions: t.socialMentions,
  alerts: t.listeningAlerts,
  summaries: t.listeningSummaries,
  webProperties: t.webProperties,
  pageMetrics: t.webPageMetrics,
  eventMetrics: t.webEventMetrics,
  conversions: t.webConversions,
  sessionAggregates: t.webSessionAggregates,
  reports: t.analyticsReports,
  reportSnapshots: t.reportSnapshots,
  attributionModels: t.attributionModels,
  attributionResults: t.attributionResults,
  currencyRates: t.currencyRates,
  dashboards: t.analyticsDashboards,
};
