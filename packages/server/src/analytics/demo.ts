import { analyticsResources, widgetConfig } from '@spokestack/core/analytics';
import type { z } from 'zod';
import { resourceService } from '../db/resource-service.js';
import { type SeedContext, dateAgo, daysAgo, insertMany, money } from '../demo/context.js';
import type { FeatureSeed } from '../feature.js';
import { systemActor } from '../platform/context.js';
import {
  adCampaigns,
  analyticsDashboards,
  analyticsDashboardWidgets,
  analyticsPlatforms,
  campaignMetrics,
  webProperties,
} from './schema.js';

type Owner = 'harbor' | 'lumen' | 'northwind';
type Kind = 'search' | 'shopping' | 'pmax' | 'display' | 'video' | 'social' | 'leads';

/** Typical daily volume and rates per kind of campaign, from which each campaign draws its own. */
const profiles: Record<Kind, { impressions: [number, number]; ctr: [number, number]; cpc: [number, number]; cvr: [number, number] }> = {
  search: { impressions: [1_500, 9_000], ctr: [0.035, 0.08], cpc: [0.9, 4.5], cvr: [0.03, 0.08] },
  shopping: { impressions: [8_000, 30_000], ctr: [0.008, 0.018], cpc: [0.35, 0.9], cvr: [0.02, 0.04] },
  pmax: { impressions: [20_000, 60_000], ctr: [0.008, 0.015], cpc: [0.5, 1.2], cvr: [0.015, 0.035] },
  display: { impressions: [30_000, 90_000], ctr: [0.002, 0.005], cpc: [0.3, 0.8], cvr: [0.004, 0.012] },
  video: { impressions: [20_000, 80_000], ctr: [0.003, 0.008], cpc: [0.4, 1.0], cvr: [0.003, 0.01] },
  social: { impressions: [15_000, 70_000], ctr: [0.008, 0.02], cpc: [0.5, 1.6], cvr: [0.012, 0.03] },
  leads: { impressions: [5_000, 20_000], ctr: [0.006, 0.012], cpc: [2, 6], cvr: [0.06, 0.14] },
};

const meta: [Owner, string, Kind, string][] = [
  ['harbor', 'H&P — Spring Collection — Prospecting', 'social', 'OUTCOME_SALES'],
  ['harbor', 'H&P — Spring Collection — Retargeting', 'social', 'OUTCOME_SALES'],
  ['harbor', 'H&P — Always-On — Catalog Sales', 'social', 'OUTCOME_SALES'],
  ['harbor', 'H&P — Commuter Stories — Video Views', 'video', 'OUTCOME_AWARENESS'],
  ['harbor', 'H&P — Store Openings — Local Awareness', 'social', 'OUTCOME_AWARENESS'],
  ['harbor', 'H&P — Holiday Gift Guide — Prospecting', 'social', 'OUTCOME_SALES'],
  ['harbor', 'H&P — Repair Program — Awareness', 'video', 'OUTCOME_AWARENESS'],
  ['lumen', 'Lumen — Clinician Webinars — Lead Gen', 'leads', 'OUTCOME_LEADS'],
  ['lumen', 'Lumen — Customer Stories — Video', 'video', 'OUTCOME_AWARENESS'],
  ['lumen', 'Lumen — Employer Brand — Nurse Hiring', 'social', 'OUTCOME_TRAFFIC'],
  ['northwind', 'Northwind — Newsletter Signups', 'leads', 'OUTCOME_LEADS'],
  ['northwind', 'Northwind — Friday Sessions — Leads', 'leads', 'OUTCOME_LEADS'],
  ['northwind', 'Northwind — Awards — Awareness', 'social', 'OUTCOME_AWARENESS'],
];
const google: [Owner, string, Kind, string][] = [
  ['harbor', 'H&P — Search — Brand', 'search', 'SALES'],
  ['harbor', 'H&P — Search — Rain Jackets', 'search', 'SALES'],
  ['harbor', 'H&P — Search — Backpacks', 'search', 'SALES'],
  ['harbor', 'H&P — Performance Max — All Products', 'pmax', 'SALES'],
  ['harbor', 'H&P — Shopping — Footwear', 'shopping', 'SALES'],
  ['harbor', 'H&P — YouTube — Commuter Stories', 'video', 'BRAND_AWARENESS_AND_REACH'],
  ['lumen', 'Lumen — Search — Remote Patient Monitoring', 'search', 'LEADS'],
  ['lumen', 'Lumen — Search — Competitor Terms', 'search', 'LEADS'],
  ['lumen', 'Lumen — Display — Webinar Retargeting', 'display', 'LEADS'],
  ['lumen', 'Lumen — YouTube — Product Demo', 'video', 'BRAND_AWARENESS_AND_REACH'],
  ['northwind', 'Northwind — Search — Brand', 'search', 'LEADS'],
  ['northwind', 'Northwind — Search — Agency Services Portland', 'search', 'LEADS'],
];

const platforms = resourceService(analyticsPlatforms, analyticsResources.platforms);

/** Days of daily metrics per campaign: 25 campaigns × 400 days = the demo's 10,000 metric rows. */
export const metricDays = 400;

/**
 * Analytics: a Meta Ads and a Google Ads connection, 25 always-on campaigns across the two clients and the
 * agency itself, and 400 days of daily metrics for each, with weekly and seasonal rhythm, a gentle trend
 * and day-to-day noise. Derived rates (CTR in percent, CPM, CPC, CPA, ROAS) agree with the raw counts.
 */
export async function seedAnalytics(ctx: SeedContext): Promise<FeatureSeed> {
  const { rng, organizationId } = ctx;
  const platformIds = { META_ADS: ctx.id(), GOOGLE_ADS: ctx.id() };
  const platformRows: (typeof analyticsPlatforms.$inferInsert)[] = [
    {
      id: platformIds.META_ADS,
      organizationId,
      platform: 'META_ADS',
      name: 'Meta Ads — Northwind agency account',
      credentials: { kind: 'oauth', demo: true },
      accountId: 'act_1048293715',
      accountName: 'Northwind Creative (Agency)',
      lastSyncAt: daysAgo(ctx, 0, 5),
      lastSyncStatus: 'SUCCESS',
      createdById: ctx.users.owner,
      createdAt: daysAgo(ctx, metricDays + 20),
    },
    {
      id: platformIds.GOOGLE_ADS,
      organizationId,
      platform: 'GOOGLE_ADS',
      name: 'Google Ads — Northwind MCC',
      credentials: { kind: 'oauth', demo: true },
      accountId: '482-193-5521',
      accountName: 'Northwind Creative MCC',
      lastSyncAt: daysAgo(ctx, 0, 5),
      lastSyncStatus: 'SUCCESS',
      createdById: ctx.users.owner,
      createdAt: daysAgo(ctx, metricDays + 20),
    },
  ];
  // Credentials are sealed under the app's keys like any the API stores, so the demo holds no plaintext.
  const sealer = ctx.context(systemActor(), ctx.today);
  for (const row of platformRows) await platforms.protectSecrets(sealer, row.id!, row);
  await insertMany(ctx, analyticsPlatforms, platformRows);

  const campaignRows: (typeof adCampaigns.$inferInsert)[] = [];
  const metricRows: (typeof campaignMetrics.$inferInsert)[] = [];
  const all = [...meta.map((c) => ['META_ADS', ...c] as const), ...google.map((c) => ['GOOGLE_ADS', ...c] as const)];

  all.forEach(([platform, owner, name, kind, objective], n) => {
    const id = ctx.id();
    const profile = profiles[kind];
    const impressions = rng.float(...profile.impressions);
    const ctr = rng.float(...profile.ctr);
    const cpc = rng.float(...profile.cpc);
    const cvr = rng.float(...profile.cvr);
    // Retail sells (order values); Lumen and the agency collect leads, valued at what a lead is worth to them.
    const orderValue = owner === 'harbor' ? rng.float(85, 150) : owner === 'lumen' ? rng.float(140, 260) : rng.float(60, 120);
    const dailySpend = impressions * ctr * cpc;
    const isVideo = kind === 'video';
    campaignRows.push({
      id,
      organizationId,
      platformId: platformIds[platform],
      externalId: platform === 'META_ADS' ? `23851${String(40_000 + n * 137).padStart(6, '0')}` : String(19_000_000_000 + n * 7_919),
      externalAccountId: platform === 'META_ADS' ? 'act_1048293715' : '482-193-5521',
      name,
      status: 'ACTIVE',
      objective,
      budgetType: 'DAILY',
      dailyBudget: money(Math.ceil((dailySpend * 1.25) / 5) * 5),
      currency: 'USD',
      startDate: daysAgo(ctx, metricDays, 0),
      targetingSummary: {
        locations: owner === 'lumen' ? ['United States'] : ['United States', 'Canada'],
        ages: owner === 'lumen' ? '30-65' : '22-54',
        audience: kind === 'search' ? 'keywords' : rng.pick(['broad', 'lookalike 1%', 'interests', 'retargeting 30d']),
      },
      clientId: owner === 'northwind' ? null : ctx.clients[owner],
      projectId: /Spring/.test(name)
        ? ctx.projects.spring
        : /Holiday/.test(name)
          ? ctx.projects.holiday
          : /Webinar/.test(name)
            ? ctx.projects.webinars
            : null,
      createdAt: daysAgo(ctx, metricDays + 3),
      lastSyncedAt: daysAgo(ctx, 0, 5),
    });

    for (let ago = metricDays; ago >= 1; ago--) {
      const day = new Date(ctx.today.getTime() - ago * 86_400_000);
      const weekday = day.getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      const month = day.getUTCMonth();
      // Shoppers browse at weekends and before the holidays; clinicians and agency buyers work weekdays.
      const rhythm =
        owner === 'harbor' ? (weekend ? 1.18 : 0.95) * (month === 10 || month === 11 ? 1.55 : month === 0 ? 0.8 : 1) : weekend ? 0.45 : 1.1;
      const trend = 0.85 + 0.3 * ((metricDays - ago) / metricDays);
      const dayImpressions = Math.max(50, Math.round(impressions * rhythm * trend * rng.jitter(0.3)));
      const clicks = Math.round(dayImpressions * ctr * rng.jitter(0.25));
      const spend = Math.round(clicks * cpc * rng.jitter(0.15) * 100) / 100;
      const conversions = Math.round(clicks * cvr * rng.jitter(0.5));
      const value = Math.round(conversions * orderValue * rng.jitter(0.2) * 100) / 100;
      const frequency = rng.float(1.05, kind === 'search' ? 1.3 : 2.4);
      const views = isVideo ? Math.round(dayImpressions * rng.float(0.18, 0.35)) : 0;
      metricRows.push({
        organizationId,
        campaignId: id,
        date: dateAgo(ctx, ago),
        impressions: dayImpressions,
        reach: Math.round(dayImpressions / frequency),
        frequency: money(frequency),
        clicks,
        ctr: money((clicks / dayImpressions) * 100, 4),
        videoViews: views,
        videoViews25: Math.round(views * 0.72),
        videoViews50: Math.round(views * 0.48),
        videoViews75: Math.round(views * 0.33),
        videoViews100: Math.round(views * 0.21),
        videoAvgWatchTime: isVideo ? money(rng.float(4, 14)) : null,
        likes: platform === 'META_ADS' ? Math.round(dayImpressions * rng.float(0.001, 0.004)) : 0,
        comments: platform === 'META_ADS' ? Math.round(dayImpressions * rng.float(0.00005, 0.0003)) : 0,
        shares: platform === 'META_ADS' ? Math.round(dayImpressions * rng.float(0.0001, 0.0006)) : 0,
        saves: platform === 'META_ADS' ? Math.round(dayImpressions * rng.float(0.0001, 0.0008)) : 0,
        conversions,
        conversionValue: money(value),
        leads: owner === 'harbor' ? 0 : conversions,
        purchases: owner === 'harbor' ? conversions : 0,
        purchaseValue: owner === 'harbor' ? money(value) : null,
        spend: money(spend),
        cpm: money((spend / dayImpressions) * 1000, 4),
        cpc: clicks ? money(spend / clicks, 4) : null,
        cpa: conversions ? money(spend / conversions, 4) : null,
        roas: spend > 0 ? money(value / spend, 4) : null,
        createdAt: new Date(day.getTime() + 86_400_000 + 5 * 3_600_000),
      });
    }
  });

  await insertMany(ctx, adCampaigns, campaignRows);
  await insertMany(ctx, campaignMetrics, metricRows);
  await seedDashboard(ctx);
  return { counts: { adPlatforms: 2, adCampaigns: campaignRows.length, campaignMetrics: metricRows.length } };
}

/** The widgets of the demo's dashboard: the tiles and charts an agency opens on Monday, over the seeded days. */
const demoWidgets: [string, z.input<typeof widgetConfig>][] = [
  ['Spend', { metric: 'spend', chart: 'kpi' }],
  ['Clicks', { metric: 'clicks', chart: 'kpi' }],
  ['Cost per click', { metric: 'cpc', chart: 'kpi' }],
  ['Return on ad spend', { metric: 'roas', chart: 'kpi' }],
  ['Spend by day', { metric: 'spend', chart: 'line', interval: 'day' }],
  ['Spend by platform', { metric: 'spend', chart: 'pie', dimension: 'platform' }],
  ['Conversions by client', { metric: 'conversions', chart: 'bar', dimension: 'client' }],
  ['Clicks by campaign', { metric: 'clicks', chart: 'table', dimension: 'campaign' }],
  ['Website pageviews', { metric: 'pageviews', chart: 'kpi' }],
];

/**
 * The agency's own website as a web property, and a dashboard over the demo's metrics, so the host app's
 * Analytics page shows charts on first run. The property's domain is `localhost`: the host example's demo
 * website page (served by its dev server) sends its pageviews there, the only site a laptop has.
 */
async function seedDashboard(ctx: SeedContext): Promise<void> {
  const { organizationId } = ctx;
  await insertMany(ctx, webProperties, [
    {
      id: ctx.id(),
      organizationId,
      name: 'Northwind website (demo page of the host app)',
      domain: 'localhost',
      createdAt: daysAgo(ctx, 30),
    },
  ]);
  const dashboardId = ctx.id();
  await insertMany(ctx, analyticsDashboards, [
    {
      id: dashboardId,
      organizationId,
      name: 'Northwind — media overview',
      description: 'Spend, clicks and returns across every client, ad account and campaign, with the previous period.',
      createdById: ctx.users.owner,
      createdAt: daysAgo(ctx, 20),
    },
  ]);
  await insertMany(
    ctx,
    analyticsDashboardWidgets,
    demoWidgets.map(([title, config], position) => ({
      id: ctx.id(),
      organizationId,
      dashboardId,
      title,
      position,
      // Stored as the API stores a widget: validated, defaults filled in.
      config: widgetConfig.parse(config),
      createdAt: daysAgo(ctx, 20),
    })),
  );
}
