// Enums of the spec, declared once: the server's PostgreSQL enums and the contracts both use these.

export const platformType = [
  'META_ADS',
  'GOOGLE_ADS',
  'TIKTOK_ADS',
  'LINKEDIN_ADS',
  'TWITTER_ADS',
  'SNAPCHAT_ADS',
  'PINTEREST_ADS',
  'DV360',
  'META_INSIGHTS',
  'TWITTER_ANALYTICS',
  'LINKEDIN_ANALYTICS',
  'TIKTOK_ANALYTICS',
  'YOUTUBE_ANALYTICS',
  'GOOGLE_ANALYTICS_4',
  'ADOBE_ANALYTICS',
  'MIXPANEL',
  'AMPLITUDE',
  'HOTJAR',
  'BRANDWATCH',
  'SPROUT_SOCIAL',
  'HOOTSUITE',
  'MELTWATER',
  'MENTION',
  'GOOGLE_SEARCH_CONSOLE',
  'SEMRUSH',
  'AHREFS',
  'MOZ',
  'MAILCHIMP',
  'KLAVIYO',
  'HUBSPOT',
  'SALESFORCE',
  'HUBSPOT_CRM',
  'CUSTOM_API',
] as const;
export type PlatformType = (typeof platformType)[number];

export const adCampaignStatus = ['DRAFT', 'PENDING_REVIEW', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED', 'REJECTED'] as const;
export type AdCampaignStatus = (typeof adCampaignStatus)[number];

export const budgetType = ['DAILY', 'LIFETIME'] as const;
export type BudgetType = (typeof budgetType)[number];

export const adFormat = ['SINGLE_IMAGE', 'SINGLE_VIDEO', 'CAROUSEL', 'COLLECTION', 'STORIES', 'REELS', 'DYNAMIC'] as const;
export type AdFormat = (typeof adFormat)[number];

export const listeningSource = [
  'TWITTER',
  'FACEBOOK',
  'INSTAGRAM',
  'LINKEDIN',
  'TIKTOK',
  'YOUTUBE',
  'REDDIT',
  'NEWS',
  'BLOGS',
  'FORUMS',
  'REVIEWS',
] as const;
export type ListeningSource = (typeof listeningSource)[number];

export const sentiment = ['VERY_POSITIVE', 'POSITIVE', 'NEUTRAL', 'NEGATIVE', 'VERY_NEGATIVE'] as const;
export type Sentiment = (typeof sentiment)[number];

export const alertType = [
  'VOLUME_SPIKE',
  'SENTIMENT_DROP',
  'VIRAL_MENTION',
  'INFLUENCER_MENTION',
  'CRISIS_DETECTED',
  'COMPETITOR_ACTIVITY',
] as const;
export type AlertType = (typeof alertType)[number];

export const alertSeverity = ['INFO', 'WARNING', 'CRITICAL'] as const;
export type AlertSeverity = (typeof alertSeverity)[number];

export const alertStatus = ['NEW', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED'] as const;
export type AlertStatus = (typeof alertStatus)[number];

export const analyticsReportType = [
  'MEDIA_PERFORMANCE',
  'CAMPAIGN_ANALYSIS',
  'MEDIA_MIX',
  'BUDGET_PACING',
  'SOCIAL_PERFORMANCE',
  'SOCIAL_LISTENING',
  'COMPETITOR_ANALYSIS',
  'INFLUENCER_REPORT',
  'WEB_TRAFFIC',
  'CONVERSION_FUNNEL',
  'CONTENT_PERFORMANCE',
  'SEO_REPORT',
  'INTEGRATED_DASHBOARD',
  'CLIENT_REPORT',
  'EXECUTIVE_SUMMARY',
  'CUSTOM',
] as const;
export type AnalyticsReportType = (typeof analyticsReportType)[number];

export const attributionType = ['LAST_CLICK', 'FIRST_CLICK', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'DATA_DRIVEN', 'CUSTOM'] as const;
export type AttributionType = (typeof attributionType)[number];
