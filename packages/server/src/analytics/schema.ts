import { bigint, boolean, date, index, integer, numeric, pgEnum, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import {
  platformType,
  adCampaignStatus,
  budgetType,
  adFormat,
  listeningSource,
  sentiment,
  alertType,
  alertSeverity,
  alertStatus,
  analyticsReportType,
  attributionType,
} from '@spokestack/core/analytics';
import { id, json, longText, timestamptz, updatedAt } from '../db/columns.js';
import { briefs, clients, organizationId, projects } from '../platform/schema.js';

export const platformTypeEnum = pgEnum('platform_type', platformType);
export const adCampaignStatusEnum = pgEnum('ad_campaign_status', adCampaignStatus);
export const budgetTypeEnum = pgEnum('budget_type', budgetType);
export const adFormatEnum = pgEnum('ad_format', adFormat);
export const listeningSourceEnum = pgEnum('listening_source', listeningSource);
export const sentimentEnum = pgEnum('sentiment', sentiment);
export const alertTypeEnum = pgEnum('alert_type', alertType);
export const alertSeverityEnum = pgEnum('alert_severity', alertSeverity);
export const alertStatusEnum = pgEnum('alert_status', alertStatus);
export const analyticsReportTypeEnum = pgEnum('analytics_report_type', analyticsReportType);
export const attributionTypeEnum = pgEnum('attribution_type', attributionType);

/** Spec `AnalyticsPlatform`. */
export const analyticsPlatforms = pgTable(
  'analytics_platforms',
  {
    id: id(),
    organizationId: organizationId(),
    platform: platformTypeEnum('platform').notNull(),
    name: text('name').notNull(),
    credentials: json('credentials').notNull(),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    tokenExpiresAt: timestamptz('token_expires_at'),
    accountId: text('account_id'),
    accountName: text('account_name'),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    isActive: boolean('is_active').notNull().default(true),
    syncEnabled: boolean('sync_enabled').notNull().default(true),
    syncFrequency: integer('sync_frequency').notNull().default(60),
    lastSyncAt: timestamptz('last_sync_at'),
    lastSyncStatus: text('last_sync_status'),
    lastSyncError: text('last_sync_error'),
    dataRetentionDays: integer('data_retention_days').notNull().default(365),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('analytics_platforms_organization_id_platform_account_id_key').on(t.organizationId, t.platform, t.accountId),
    index('analytics_platforms_organization_id_idx').on(t.organizationId),
    index('analytics_platforms_client_id_idx').on(t.clientId),
  ],
);

/** Spec `PlatformSyncLog`. */
export const platformSyncLogs = pgTable(
  'platform_sync_logs',
  {
    id: id(),
    organizationId: organizationId(),
    platformId: text('platform_id')
      .notNull()
      .references(() => analyticsPlatforms.id, { onDelete: 'cascade' }),
    syncType: text('sync_type').notNull(),
    status: text('status').notNull(),
    recordsProcessed: integer('records_processed').notNull().default(0),
    recordsFailed: integer('records_failed').notNull().default(0),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    completedAt: timestamptz('completed_at'),
    duration: integer('duration'),
    error: text('error'),
    errorDetails: json('error_details'),
  },
  (t) => [index('platform_sync_logs_platform_id_started_at_idx').on(t.platformId, t.startedAt)],
);

/** Spec `AdCampaign`. */
export const adCampaigns = pgTable(
  'ad_campaigns',
  {
    id: id(),
    organizationId: organizationId(),
    platformId: text('platform_id')
      .notNull()
      .references(() => analyticsPlatforms.id),
    externalId: text('external_id').notNull(),
    externalAccountId: text('external_account_id'),
    name: text('name').notNull(),
    status: adCampaignStatusEnum('status').notNull(),
    objective: text('objective'),
    budgetType: budgetTypeEnum('budget_type'),
    dailyBudget: numeric('daily_budget', { precision: 12, scale: 2 }),
    lifetimeBudget: numeric('lifetime_budget', { precision: 12, scale: 2 }),
    currency: text('currency').notNull().default('USD'),
    startDate: timestamptz('start_date'),
    endDate: timestamptz('end_date'),
    targetingSummary: json('targeting_summary'),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    projectId: text('project_id').references(() => projects.id, { onDelete: 'set null' }),
    briefId: text('brief_id').references(() => briefs.id, { onDelete: 'set null' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
    lastSyncedAt: timestamptz('last_synced_at'),
  },
  (t) => [
    unique('ad_campaigns_platform_id_external_id_key').on(t.platformId, t.externalId),
    index('ad_campaigns_organization_id_idx').on(t.organizationId),
    index('ad_campaigns_client_id_idx').on(t.clientId),
    index('ad_campaigns_status_idx').on(t.status),
  ],
);

/** Spec `AdSet`. */
export const adSets = pgTable(
  'ad_sets',
  {
    id: id(),
    organizationId: organizationId(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => adCampaigns.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull(),
    targeting: json('targeting'),
    dailyBudget: numeric('daily_budget', { precision: 12, scale: 2 }),
    lifetimeBudget: numeric('lifetime_budget', { precision: 12, scale: 2 }),
    bidStrategy: text('bid_strategy'),
    bidAmount: numeric('bid_amount', { precision: 12, scale: 4 }),
    startDate: timestamptz('start_date'),
    endDate: timestamptz('end_date'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('ad_sets_campaign_id_external_id_key').on(t.campaignId, t.externalId), index('ad_sets_campaign_id_idx').on(t.campaignId)],
);

/** Spec `Ad`. */
export const ads = pgTable(
  'ads',
  {
    id: id(),
    organizationId: organizationId(),
    adSetId: text('ad_set_id')
      .notNull()
      .references(() => adSets.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull(),
    format: adFormatEnum('format'),
    headline: text('headline'),
    body: text('body'),
    callToAction: text('call_to_action'),
    destinationUrl: text('destination_url'),
    mediaType: text('media_type'),
    mediaUrls: text('media_urls').array().notNull().default([]),
    thumbnailUrl: text('thumbnail_url'),
    trackingPixels: text('tracking_pixels').array().notNull().default([]),
    utmParams: json('utm_params'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('ads_ad_set_id_external_id_key').on(t.adSetId, t.externalId), index('ads_ad_set_id_idx').on(t.adSetId)],
);

/** Spec `CampaignMetric`. */
export const campaignMetrics = pgTable(
  'campaign_metrics',
  {
    id: id(),
    organizationId: organizationId(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => adCampaigns.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    impressions: bigint('impressions', { mode: 'number' }).notNull().default(0),
    reach: bigint('reach', { mode: 'number' }).notNull().default(0),
    frequency: numeric('frequency', { precision: 8, scale: 2 }),
    clicks: integer('clicks').notNull().default(0),
    ctr: numeric('ctr', { precision: 8, scale: 4 }),
    videoViews: integer('video_views').notNull().default(0),
    videoViews25: integer('video_views25').notNull().default(0),
    videoViews50: integer('video_views50').notNull().default(0),
    videoViews75: integer('video_views75').notNull().default(0),
    videoViews100: integer('video_views100').notNull().default(0),
    videoAvgWatchTime: numeric('video_avg_watch_time', { precision: 8, scale: 2 }),
    likes: integer('likes').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    shares: integer('shares').notNull().default(0),
    saves: integer('saves').notNull().default(0),
    conversions: integer('conversions').notNull().default(0),
    conversionValue: numeric('conversion_value', { precision: 14, scale: 2 }),
    leads: integer('leads').notNull().default(0),
    purchases: integer('purchases').notNull().default(0),
    purchaseValue: numeric('purchase_value', { precision: 14, scale: 2 }),
    spend: numeric('spend', { precision: 12, scale: 2 }).notNull().default('0'),
    cpm: numeric('cpm', { precision: 10, scale: 4 }),
    cpc: numeric('cpc', { precision: 10, scale: 4 }),
    cpa: numeric('cpa', { precision: 10, scale: 4 }),
    roas: numeric('roas', { precision: 10, scale: 4 }),
    customMetrics: json('custom_metrics'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('campaign_metrics_campaign_id_date_key').on(t.campaignId, t.date),
    index('campaign_metrics_campaign_id_date_idx').on(t.campaignId, t.date),
  ],
);

/** Spec `AdSetMetric`. */
export const adSetMetrics = pgTable(
  'ad_set_metrics',
  {
    id: id(),
    organizationId: organizationId(),
    adSetId: text('ad_set_id')
      .notNull()
      .references(() => adSets.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    impressions: bigint('impressions', { mode: 'number' }).notNull().default(0),
    reach: bigint('reach', { mode: 'number' }).notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
    conversions: integer('conversions').notNull().default(0),
    spend: numeric('spend', { precision: 12, scale: 2 }).notNull().default('0'),
    customMetrics: json('custom_metrics'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('ad_set_metrics_ad_set_id_date_key').on(t.adSetId, t.date),
    index('ad_set_metrics_ad_set_id_date_idx').on(t.adSetId, t.date),
  ],
);

/** Spec `AdMetric`. */
export const adMetrics = pgTable(
  'ad_metrics',
  {
    id: id(),
    organizationId: organizationId(),
    adId: text('ad_id')
      .notNull()
      .references(() => ads.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    impressions: bigint('impressions', { mode: 'number' }).notNull().default(0),
    reach: bigint('reach', { mode: 'number' }).notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
    conversions: integer('conversions').notNull().default(0),
    spend: numeric('spend', { precision: 12, scale: 2 }).notNull().default('0'),
    customMetrics: json('custom_metrics'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [unique('ad_metrics_ad_id_date_key').on(t.adId, t.date), index('ad_metrics_ad_id_date_idx').on(t.adId, t.date)],
);

/** Spec `PlatformMetric`. */
export const platformMetrics = pgTable(
  'platform_metrics',
  {
    id: id(),
    organizationId: organizationId(),
    platformId: text('platform_id')
      .notNull()
      .references(() => analyticsPlatforms.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    metricType: text('metric_type').notNull(),
    dimension: text('dimension'),
    dimensionValue: text('dimension_value'),
    value: numeric('value', { precision: 18, scale: 4 }).notNull(),
    previousValue: numeric('previous_value', { precision: 18, scale: 4 }),
    changePercent: numeric('change_percent', { precision: 8, scale: 2 }),
    metadata: json('metadata'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('platform_metrics_platform_id_date_metric_type_dimens_cc97b3_key')
      .on(t.platformId, t.date, t.metricType, t.dimension, t.dimensionValue)
      .nullsNotDistinct(),
    index('platform_metrics_platform_id_date_idx').on(t.platformId, t.date),
    index('platform_metrics_metric_type_idx').on(t.metricType),
  ],
);

/** Spec `ListeningQuery`. */
export const listeningQueries = pgTable(
  'listening_queries',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    keywords: text('keywords').array().notNull().default([]),
    hashtags: text('hashtags').array().notNull().default([]),
    mentions: text('mentions').array().notNull().default([]),
    excludeKeywords: text('exclude_keywords').array().notNull().default([]),
    languages: text('languages').array().notNull().default([]),
    locations: text('locations').array().notNull().default([]),
    sources: listeningSourceEnum('sources').array().notNull().default([]),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    brandId: text('brand_id'),
    isActive: boolean('is_active').notNull().default(true),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('listening_queries_organization_id_idx').on(t.organizationId), index('listening_queries_client_id_idx').on(t.clientId)],
);

/** Spec `SocialMention`. */
export const socialMentions = pgTable(
  'social_mentions',
  {
    id: id(),
    organizationId: organizationId(),
    queryId: text('query_id')
      .notNull()
      .references(() => listeningQueries.id, { onDelete: 'cascade' }),
    source: listeningSourceEnum('source').notNull(),
    sourceId: text('source_id').notNull(),
    sourceUrl: text('source_url'),
    authorHandle: text('author_handle'),
    authorName: text('author_name'),
    authorFollowers: integer('author_followers'),
    authorVerified: boolean('author_verified').notNull().default(false),
    authorAvatarUrl: text('author_avatar_url'),
    content: longText('content').notNull(),
    contentLanguage: text('content_language'),
    mediaType: text('media_type'),
    mediaUrls: text('media_urls').array().notNull().default([]),
    likes: integer('likes').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    shares: integer('shares').notNull().default(0),
    reach: integer('reach'),
    sentiment: sentimentEnum('sentiment'),
    sentimentScore: numeric('sentiment_score', { precision: 5, scale: 4 }),
    emotions: json('emotions'),
    topics: text('topics').array().notNull().default([]),
    entities: json('entities'),
    isInfluencer: boolean('is_influencer').notNull().default(false),
    isSpam: boolean('is_spam').notNull().default(false),
    requiresResponse: boolean('requires_response').notNull().default(false),
    respondedAt: timestamptz('responded_at'),
    respondedById: text('responded_by_id'),
    responseUrl: text('response_url'),
    publishedAt: timestamptz('published_at').notNull(),
    capturedAt: timestamptz('captured_at').notNull().defaultNow(),
  },
  (t) => [
    unique('social_mentions_source_source_id_key').on(t.source, t.sourceId),
    index('social_mentions_query_id_published_at_idx').on(t.queryId, t.publishedAt),
    index('social_mentions_sentiment_idx').on(t.sentiment),
    index('social_mentions_source_idx').on(t.source),
  ],
);

/** Spec `ListeningAlert`. */
export const listeningAlerts = pgTable(
  'listening_alerts',
  {
    id: id(),
    organizationId: organizationId(),
    queryId: text('query_id')
      .notNull()
      .references(() => listeningQueries.id, { onDelete: 'cascade' }),
    alertType: alertTypeEnum('alert_type').notNull(),
    severity: alertSeverityEnum('severity').notNull(),
    title: text('title').notNull(),
    description: longText('description').notNull(),
    triggerData: json('trigger_data').notNull(),
    status: alertStatusEnum('status').notNull().default('NEW'),
    acknowledgedById: text('acknowledged_by_id'),
    acknowledgedAt: timestamptz('acknowledged_at'),
    resolvedById: text('resolved_by_id'),
    resolvedAt: timestamptz('resolved_at'),
    resolutionNotes: text('resolution_notes'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('listening_alerts_query_id_created_at_idx').on(t.queryId, t.createdAt), index('listening_alerts_status_idx').on(t.status)],
);

/** Spec `ListeningSummary`. */
export const listeningSummaries = pgTable(
  'listening_summaries',
  {
    id: id(),
    organizationId: organizationId(),
    queryId: text('query_id')
      .notNull()
      .references(() => listeningQueries.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    periodStart: timestamptz('period_start').notNull(),
    periodEnd: timestamptz('period_end').notNull(),
    totalMentions: integer('total_mentions').notNull().default(0),
    uniqueAuthors: integer('unique_authors').notNull().default(0),
    totalReach: bigint('total_reach', { mode: 'number' }).notNull().default(0),
    totalEngagement: integer('total_engagement').notNull().default(0),
    sentimentPositive: integer('sentiment_positive').notNull().default(0),
    sentimentNeutral: integer('sentiment_neutral').notNull().default(0),
    sentimentNegative: integer('sentiment_negative').notNull().default(0),
    avgSentimentScore: numeric('avg_sentiment_score', { precision: 5, scale: 4 }),
    topMentions: json('top_mentions'),
    topAuthors: json('top_authors'),
    topTopics: json('top_topics'),
    topHashtags: json('top_hashtags'),
    volumeChange: numeric('volume_change', { precision: 8, scale: 2 }),
    sentimentChange: numeric('sentiment_change', { precision: 8, scale: 2 }),
    bySource: json('by_source'),
    generatedAt: timestamptz('generated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('listening_summaries_query_id_period_period_start_key').on(t.queryId, t.period, t.periodStart),
    index('listening_summaries_query_id_period_start_idx').on(t.queryId, t.periodStart),
  ],
);

/** Spec `WebProperty`. */
export const webProperties = pgTable(
  'web_properties',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    domain: text('domain').notNull(),
    platformId: text('platform_id').references(() => analyticsPlatforms.id, { onDelete: 'set null' }),
    propertyId: text('property_id'),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    trackingEnabled: boolean('tracking_enabled').notNull().default(true),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('web_properties_organization_id_domain_key').on(t.organizationId, t.domain),
    index('web_properties_organization_id_idx').on(t.organizationId),
    index('web_properties_client_id_idx').on(t.clientId),
  ],
);

/** Spec `WebPageMetric`. */
export const webPageMetrics = pgTable(
  'web_page_metrics',
  {
    id: id(),
    organizationId: organizationId(),
    propertyId: text('property_id')
      .notNull()
      .references(() => webProperties.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    pagePath: text('page_path').notNull(),
    pageTitle: text('page_title'),
    pageviews: integer('pageviews').notNull().default(0),
    uniquePageviews: integer('unique_pageviews').notNull().default(0),
    avgTimeOnPage: numeric('avg_time_on_page', { precision: 10, scale: 2 }),
    bounceRate: numeric('bounce_rate', { precision: 5, scale: 2 }),
    exitRate: numeric('exit_rate', { precision: 5, scale: 2 }),
    scrollDepth25: integer('scroll_depth25').notNull().default(0),
    scrollDepth50: integer('scroll_depth50').notNull().default(0),
    scrollDepth75: integer('scroll_depth75').notNull().default(0),
    scrollDepth100: integer('scroll_depth100').notNull().default(0),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('web_page_metrics_property_id_date_page_path_key').on(t.propertyId, t.date, t.pagePath),
    index('web_page_metrics_property_id_date_idx').on(t.propertyId, t.date),
  ],
);

/** Spec `WebEventMetric`. */
export const webEventMetrics = pgTable(
  'web_event_metrics',
  {
    id: id(),
    organizationId: organizationId(),
    propertyId: text('property_id')
      .notNull()
      .references(() => webProperties.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    eventName: text('event_name').notNull(),
    eventCategory: text('event_category'),
    eventAction: text('event_action'),
    eventLabel: text('event_label'),
    eventCount: integer('event_count').notNull().default(0),
    uniqueEvents: integer('unique_events').notNull().default(0),
    totalValue: numeric('total_value', { precision: 14, scale: 2 }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('web_event_metrics_property_id_date_event_name_event__767cc6_key')
      .on(t.propertyId, t.date, t.eventName, t.eventCategory, t.eventAction, t.eventLabel)
      .nullsNotDistinct(),
    index('web_event_metrics_property_id_date_idx').on(t.propertyId, t.date),
  ],
);

/** Spec `WebConversion`. */
export const webConversions = pgTable(
  'web_conversions',
  {
    id: id(),
    organizationId: organizationId(),
    propertyId: text('property_id')
      .notNull()
      .references(() => webProperties.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    goalName: text('goal_name').notNull(),
    goalId: text('goal_id'),
    completions: integer('completions').notNull().default(0),
    value: numeric('value', { precision: 14, scale: 2 }),
    conversionRate: numeric('conversion_rate', { precision: 5, scale: 4 }),
    sourceMedium: text('source_medium'),
    campaign: text('campaign'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('web_conversions_property_id_date_goal_name_source_me_ab7546_key')
      .on(t.propertyId, t.date, t.goalName, t.sourceMedium, t.campaign)
      .nullsNotDistinct(),
    index('web_conversions_property_id_date_idx').on(t.propertyId, t.date),
  ],
);

/** Spec `WebSessionAggregate`. */
export const webSessionAggregates = pgTable(
  'web_session_aggregates',
  {
    id: id(),
    organizationId: organizationId(),
    propertyId: text('property_id')
      .notNull()
      .references(() => webProperties.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    dimensionType: text('dimension_type').notNull(),
    dimensionValue: text('dimension_value').notNull(),
    sessions: integer('sessions').notNull().default(0),
    users: integer('users').notNull().default(0),
    newUsers: integer('new_users').notNull().default(0),
    pageviews: integer('pageviews').notNull().default(0),
    avgSessionDuration: numeric('avg_session_duration', { precision: 10, scale: 2 }),
    bounceRate: numeric('bounce_rate', { precision: 5, scale: 2 }),
    pagesPerSession: numeric('pages_per_session', { precision: 6, scale: 2 }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('web_session_aggregates_property_id_date_dimension_ty_d1bfba_key').on(t.propertyId, t.date, t.dimensionType, t.dimensionValue),
    index('web_session_aggregates_property_id_date_idx').on(t.propertyId, t.date),
  ],
);

/** Spec `AnalyticsReport`. */
export const analyticsReports = pgTable(
  'analytics_reports',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    reportType: analyticsReportTypeEnum('report_type').notNull(),
    config: json('config').notNull(),
    schedule: text('schedule'),
    recipients: text('recipients').array().notNull().default([]),
    format: text('format').notNull().default('pdf'),
    lastGeneratedAt: timestamptz('last_generated_at'),
    nextGeneratedAt: timestamptz('next_generated_at'),
    isPublic: boolean('is_public').notNull().default(false),
    shareToken: text('share_token').unique('analytics_reports_share_token_key'),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('analytics_reports_organization_id_idx').on(t.organizationId), index('analytics_reports_client_id_idx').on(t.clientId)],
);

/** Spec `ReportSnapshot`. */
export const reportSnapshots = pgTable(
  'report_snapshots',
  {
    id: id(),
    organizationId: organizationId(),
    reportId: text('report_id')
      .notNull()
      .references(() => analyticsReports.id, { onDelete: 'cascade' }),
    data: json('data').notNull(),
    pdfUrl: text('pdf_url'),
    excelUrl: text('excel_url'),
    periodStart: timestamptz('period_start').notNull(),
    periodEnd: timestamptz('period_end').notNull(),
    generatedAt: timestamptz('generated_at').notNull().defaultNow(),
  },
  (t) => [index('report_snapshots_report_id_generated_at_idx').on(t.reportId, t.generatedAt)],
);

/** Spec `AttributionModel`. */
export const attributionModels = pgTable(
  'attribution_models',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    modelType: attributionTypeEnum('model_type').notNull(),
    customWeights: json('custom_weights'),
    lookbackDays: integer('lookback_days').notNull().default(30),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('attribution_models_organization_id_idx').on(t.organizationId)],
);

/** Spec `AttributionResult`. */
export const attributionResults = pgTable(
  'attribution_results',
  {
    id: id(),
    organizationId: organizationId(),
    modelId: text('model_id')
      .notNull()
      .references(() => attributionModels.id, { onDelete: 'cascade' }),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    periodStart: timestamptz('period_start').notNull(),
    periodEnd: timestamptz('period_end').notNull(),
    channelResults: json('channel_results').notNull(),
    pathAnalysis: json('path_analysis'),
    generatedAt: timestamptz('generated_at').notNull().defaultNow(),
  },
  (t) => [index('attribution_results_organization_id_period_start_idx').on(t.organizationId, t.periodStart)],
);

/**
 * Not in the spec: the exchange rates a client's total across ad accounts in several currencies is
 * converted at. One rate per currency pair and organization: 1 `from_currency` is `rate` `to_currency`.
 */
export const currencyRates = pgTable(
  'currency_rates',
  {
    id: id(),
    organizationId: organizationId(),
    fromCurrency: text('from_currency').notNull(),
    toCurrency: text('to_currency').notNull(),
    rate: numeric('rate', { precision: 18, scale: 8 }).notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('currency_rates_organization_id_from_currency_to_currency_key').on(t.organizationId, t.fromCurrency, t.toCurrency)],
);

/**
 * Not in the spec: raw web analytics events as the tracker sends them, one row per pageview, custom
 * event or conversion, before the daily rollup into the spec's aggregates. Partitioned by `day` (the
 * migration declares `PARTITION BY RANGE (day)` and a default partition; `web-events.ts` adds one
 * partition per day ahead of time), so a day is rolled up from one partition and dropped as a whole
 * when it ages out. No IP address, no User-Agent, no cookie: the visitor is a salted daily hash.
 */
export const webEvents = pgTable(
  'web_events',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    propertyId: text('property_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    timestamp: timestamptz('timestamp').notNull(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    pathname: text('pathname').notNull(),
    referrerHost: text('referrer_host'),
    source: text('source'),
    medium: text('medium').notNull(),
    utmCampaign: text('utm_campaign'),
    device: text('device').notNull(),
    browser: text('browser'),
    os: text('os'),
    country: text('country'),
    visitorId: text('visitor_id').notNull(),
    previousVisitorId: text('previous_visitor_id'),
    value: numeric('value', { precision: 14, scale: 2 }),
    props: json('props'),
  },
  (t) => [primaryKey({ columns: [t.day, t.id] }), index('web_events_property_id_day_timestamp_idx').on(t.propertyId, t.day, t.timestamp)],
);

/**
 * Not in the spec: the daily visitor-hash salts of an organization; yesterday's is kept to join sessions over
 * midnight, older ones deleted.
 */
export const webVisitorSalts = pgTable(
  'web_visitor_salts',
  {
    organizationId: organizationId(),
    day: date('day', { mode: 'string' }).notNull(),
    salt: text('salt').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.day] })],
);

/**
 * Not in the spec (issue 13, item 7): a saved analytics dashboard. A dashboard with a client is that
 * client's: its members may read it, and its widgets show only that client's figures.
 */
export const analyticsDashboards = pgTable(
  'analytics_dashboards',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('analytics_dashboards_organization_id_idx').on(t.organizationId),
    index('analytics_dashboards_client_id_idx').on(t.clientId),
  ],
);

/**
 * Not in the spec: one widget of a dashboard, in the order of `position`. `config` (metric, dimension,
 * interval, date range, comparison, filters, chart type) is validated by core's `widgetConfig` on
 * every write, and run by the metrics query engine.
 */
export const analyticsDashboardWidgets = pgTable(
  'analytics_dashboard_widgets',
  {
    id: id(),
    organizationId: organizationId(),
    dashboardId: text('dashboard_id')
      .notNull()
      .references(() => analyticsDashboards.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    position: integer('position').notNull().default(0),
    config: json('config').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('analytics_dashboard_widgets_dashboard_id_position_idx').on(t.dashboardId, t.position)],
);

/**
 * Not in the spec: a public, read-only share of one dashboard. Its signed link names the row, which is
 * read on every use, so deleting it (revoke) or its `expires_at` passing stops the link at once.
 */
export const analyticsDashboardShares = pgTable(
  'analytics_dashboard_shares',
  {
    id: id(),
    organizationId: organizationId(),
    dashboardId: text('dashboard_id')
      .notNull()
      .references(() => analyticsDashboards.id, { onDelete: 'cascade' }),
    expiresAt: timestamptz('expires_at'),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('analytics_dashboard_shares_dashboard_id_idx').on(t.dashboardId)],
);
