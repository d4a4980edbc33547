import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let clientSdk: SpokeStack;
let memberSdk: SpokeStack;
let acme: { id: string };
let beta: { id: string };
let meta: { id: string };
let google: { id: string };
let summer: { id: string };
let search: { id: string };
let betaCampaign: { id: string };

beforeAll(async () => {
  t = await createTestInstance({ now: '2026-04-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  beta = await t.sdk.platform.clients.create({ name: 'Beta', slug: 'beta' });
  meta = await t.sdk.analytics.platforms.create({ platform: 'META_ADS', name: 'Acme Meta', credentials: {}, accountId: 'act_1' });
  google = await t.sdk.analytics.platforms.create({ platform: 'GOOGLE_ADS', name: 'Acme Google', credentials: {}, accountId: '123-456' });
  const campaign = (platformId: string, name: string, currency: string, clientId: string) =>
    t.sdk.analytics.adCampaigns.create({ platformId, externalId: name, name, status: 'ACTIVE', currency, clientId });
  summer = await campaign(meta.id, 'Summer Sale', 'USD', acme.id);
  search = await campaign(google.id, 'Brand Search', 'EUR', acme.id);
  betaCampaign = await campaign(meta.id, 'Beta Launch', 'USD', beta.id);
  const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
  clientSdk = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id })).token);
  const max = await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max', role: 'MEMBER' });
  memberSdk = t.sdkFor((await t.sdk.platform.sessions.create({ userId: max.id })).token);
});
afterAll(() => t.close());

const day = (campaignId: string, date: string, spend: string, impressions: number, clicks: number, conversions = 0, value?: string) => ({
  campaignId,
  date,
  spend,
  impressions,
  reach: Math.round(impressions / 2),
  clicks,
  conversions,
  conversionValue: value,
});

describe('daily metrics upsert', () => {
  it('stores days with their ratios derived, and a day sent again replaces it', async () => {
    const first = await t.sdk.analytics.metrics.upsert({
      level: 'campaign',
      rows: [day(summer.id, '2026-03-02', '100.00', 10_000, 200, 4, '400.00'), day(summer.id, '2026-03-03', '50.00', 1_000, 50, 0)],
    });
    expect(first).toEqual({ level: 'campaign', upserted: 2 });
    const stored = await t.sdk.analytics.campaignMetrics.list({ campaignId: summer.id, sort: 'date' });
    expect(stored.data.map((r) => [r.date, r.spend, r.ctr, r.cpc, r.cpa, r.roas, r.frequency])).toEqual([
      ['2026-03-02', '100.00', '0.0200', '0.5000', '25.0000', '4.0000', '2.00'],
      ['2026-03-03', '50.00', '0.0500', '1.0000', null, null, '2.00'],
    ]);
    // The same day again, twice in one request: the last occurrence wins, nothing is added up.
    await t.sdk.analytics.metrics.upsert({
      level: 'campaign',
      rows: [day(summer.id, '2026-03-03', '70.00', 2_000, 60), day(summer.id, '2026-03-03', '60.00', 2_000, 40, 1, '90.00')],
    });
    const again = await t.sdk.analytics.campaignMetrics.list({ campaignId: summer.id, sort: 'date' });
    expect(again.data).toHaveLength(2);
    expect(again.data[1]).toMatchObject({
      date: '2026-03-03',
      spend: '60.00',
      clicks: 40,
      conversions: 1,
      conversionValue: '90.00',
      cpa: '60.0000',
    });
    const activity = await t.sdk.platform.activity.list({ action: 'metrics_upserted' } as never);
    expect(activity.data[0]).toMatchObject({ entityType: 'campaign_metrics', entityId: summer.id });
  });

  it('writes ad set, ad and whole-account days on their own tables', async () => {
    const adSet = await t.sdk.analytics.adSets.create({ campaignId: summer.id, externalId: 's1', name: 'Lookalikes', status: 'ACTIVE' });
    const ad = await t.sdk.analytics.ads.create({ adSetId: adSet.id, externalId: 'a1', name: 'Carousel', status: 'ACTIVE' });
    await t.sdk.analytics.metrics.upsert({ level: 'adSet', rows: [{ adSetId: adSet.id, date: '2026-03-02', spend: '40.00', clicks: 80 }] });
    await t.sdk.analytics.metrics.upsert({ level: 'ad', rows: [{ adId: ad.id, date: '2026-03-02', spend: '12.34', impressions: 999 }] });
    await t.sdk.analytics.metrics.upsert({ level: 'ad', rows: [{ adId: ad.id, date: '2026-03-02', spend: '12.35' }] });
    expect((await t.sdk.analytics.adMetrics.list({ adId: ad.id })).data.map((r) => [r.spend, r.impressions])).toEqual([['12.35', 0]]);
    const account = (value: string, dimensionValue?: string) => ({
      platformId: meta.id,
      date: '2026-03-02',
      metricType: 'followers',
      dimension: dimensionValue ? 'country' : undefined,
      dimensionValue,
      value,
    });
    await t.sdk.analytics.metrics.upsert({ level: 'account', rows: [account('1200'), account('300', 'DE')] });
    await t.sdk.analytics.metrics.upsert({ level: 'account', rows: [account('1250'), account('310', 'DE')] });
    const followers = await t.sdk.analytics.platformMetrics.list({ platformId: meta.id, sort: 'value' });
    expect(followers.data.map((r) => [r.dimensionValue, r.value])).toEqual([
      ['DE', '310.0000'],
      [null, '1250.0000'],
    ]);
    const bySet = await t.sdk.analytics.metrics.query({
      from: '2026-03-02',
      to: '2026-03-02',
      dimension: 'adSet',
      campaignId: summer.id,
      compare: false,
    });
    expect(bySet.rows).toEqual([expect.objectContaining({ key: adSet.id, label: 'Lookalikes' })]);
    expect(bySet.rows[0]!.metrics).toMatchObject({ spend: '40.00', clicks: '80', cpc: '0.5000', ctr: null });
  });

  it("refuses another organization's entities, CLIENT members, and bad values", async () => {
    const foreign = await problem(
      other.sdk.analytics.metrics.upsert({ level: 'campaign', rows: [day(summer.id, '2026-03-02', '1.00', 1, 1)] }),
    );
    expect(foreign).toMatchObject({ status: 400, errors: [{ path: 'body.rows.0.campaignId' }] });
    expect(
      (await problem(clientSdk.analytics.metrics.upsert({ level: 'campaign', rows: [day(summer.id, '2026-03-02', '1.00', 1, 1)] }))).status,
    ).toBe(403);
    const negative = await problem(
      t.sdk.analytics.metrics.upsert({ level: 'campaign', rows: [day(summer.id, '2026-03-02', '-1.00', 1, 1)] }),
    );
    expect(negative).toMatchObject({ status: 400, errors: [{ path: 'body.rows.0.spend' }] });
    const ratio = await problem(
      t.sdk.analytics.metrics.upsert({ level: 'campaign', rows: [{ campaignId: summer.id, date: '2026-03-02', ctr: '0.5' } as never] }),
    );
    expect(ratio.status).toBe(400);
    expect(
      await memberSdk.analytics.metrics.upsert({ level: 'campaign', rows: [day(betaCampaign.id, '2026-03-02', '10.00', 500, 5)] }),
    ).toEqual({
      level: 'campaign',
      upserted: 1,
    });
  });
});

describe('metrics query', () => {
  beforeAll(async () => {
    // EUR campaign: 2 days this period, 1 in the previous week; Beta's campaign is another client's.
    await t.sdk.analytics.metrics.upsert({
      level: 'campaign',
      rows: [
        day(search.id, '2026-03-02', '200.00', 4_000, 100, 10, '1000.00'),
        day(search.id, '2026-03-08', '0.00', 0, 0),
        day(search.id, '2026-02-24', '100.00', 2_000, 20, 2, '150.00'),
        day(summer.id, '2026-02-23', '80.00', 8_000, 80, 2, '200.00'),
      ],
    });
    await t.sdk.analytics.currencyRates.create({ fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.10000000' });
  });

  it('totals a client across currencies at the stored rate, ratios from the sums, with the previous period', async () => {
    const week = { from: '2026-03-02', to: '2026-03-08', clientId: acme.id };
    const mixed = await problem(t.sdk.analytics.metrics.query(week));
    expect(mixed).toMatchObject({ status: 400, errors: [{ path: 'query.currency' }] });
    const noRate = await problem(t.sdk.analytics.metrics.query({ ...week, currency: 'GBP' }));
    expect(noRate.errors[0]!.message).toMatch(/No stored rate from EUR, USD to GBP/);

    const result = await t.sdk.analytics.metrics.query({ ...week, currency: 'USD' });
    expect(result.previousPeriod).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    // USD: 100 + 60 spend; EUR 200 × 1.1 = 220. Clicks 200 + 40 + 100 over impressions 10,000 + 2,000 + 4,000.
    expect(result.totals.metrics).toEqual({
      spend: '380.00',
      impressions: '16000',
      reach: '8000',
      clicks: '340',
      conversions: '15',
      conversionValue: '1590.00',
      ctr: '0.0213',
      cpm: '23.7500',
      cpc: '1.1176',
      cpa: '25.3333',
      roas: '4.1842',
      frequency: '2.00',
    });
    // Previous week: 80 USD + 100 EUR × 1.1.
    expect(result.totals.previous).toMatchObject({ spend: '190.00', clicks: '100', conversions: '4', conversionValue: '365.00' });
    // Changes compare the re-derived ratios too: CTR 0.0213 against 0.0100.
    expect(result.totals.change).toMatchObject({ spend: '1.0000', clicks: '2.4000', ctr: '1.1300', frequency: '0.0000' });
  });

  it('groups by day, week and month × campaign, platform and client', async () => {
    const base = { from: '2026-03-02', to: '2026-03-08', currency: 'USD' } as const;
    const byDay = await t.sdk.analytics.metrics.query({ ...base, interval: 'day', clientId: acme.id });
    expect(byDay.rows.map((r) => [r.date, r.metrics.spend, r.metrics.ctr])).toEqual([
      ['2026-03-02', '320.00', '0.0214'],
      ['2026-03-03', '60.00', '0.0200'],
      ['2026-03-08', '0.00', null],
    ]);
    // Each day is compared with the day a week before it, its ratios re-derived from that day's sums;
    // the days of the previous period add up to its totals.
    expect(byDay.rows.map((r) => [r.date, r.previous?.spend, r.previous?.ctr, r.change?.spend])).toEqual([
      ['2026-03-02', '80.00', '0.0100', '3.0000'],
      ['2026-03-03', '110.00', '0.0100', '-0.4545'],
      ['2026-03-08', '0.00', null, null],
    ]);
    const byWeekCompared = await t.sdk.analytics.metrics.query({ ...base, to: '2026-03-15', interval: 'week', clientId: acme.id });
    expect(byWeekCompared.previousPeriod).toEqual({ from: '2026-02-16', to: '2026-03-01' });
    // The week of 02-23 is compared into the week of 03-09, which has no spend of its own: a row of zeros, not a gap.
    expect(byWeekCompared.rows.map((r) => [r.date, r.metrics.spend, r.previous?.spend, r.change?.spend])).toEqual([
      ['2026-03-02', '380.00', '0.00', null],
      ['2026-03-09', '0.00', '190.00', '-1.0000'],
    ]);
    expect(byWeekCompared.totals.previous?.spend).toBe('190.00');
    const byWeek = await t.sdk.analytics.metrics.query({
      ...base,
      from: '2026-02-23',
      interval: 'week',
      dimension: 'platform',
      compare: false,
    });
    expect(byWeek.rows.map((r) => [r.date, r.key, r.metrics.spend])).toEqual([
      ['2026-02-23', 'GOOGLE_ADS', '110.00'],
      ['2026-02-23', 'META_ADS', '80.00'],
      ['2026-03-02', 'GOOGLE_ADS', '220.00'],
      ['2026-03-02', 'META_ADS', '170.00'],
    ]);
    expect(byWeek.previousPeriod).toBeNull();
    const byMonth = await t.sdk.analytics.metrics.query({
      ...base,
      from: '2026-02-01',
      to: '2026-03-31',
      interval: 'month',
      compare: false,
    });
    expect(byMonth.rows.map((r) => [r.date, r.metrics.spend])).toEqual([
      ['2026-02-01', '190.00'],
      ['2026-03-01', '390.00'],
    ]);
    const byClient = await t.sdk.analytics.metrics.query({ ...base, dimension: 'client' });
    const clientRows = byClient.rows.sort((a, b) => a.label!.localeCompare(b.label!));
    expect(clientRows.map((r) => [r.label, r.metrics.spend, r.previous?.spend, r.change?.spend])).toEqual([
      ['Acme', '380.00', '190.00', '1.0000'],
      ['Beta', '10.00', '0.00', null],
    ]);
    const byCampaign = await t.sdk.analytics.metrics.query({ ...base, dimension: 'campaign', platform: 'META_ADS' });
    expect(byCampaign.rows.map((r) => r.label).sort()).toEqual(['Beta Launch', 'Summer Sale']);
  });

  it('shows a CLIENT member only their client, and another organization nothing', async () => {
    const seen = await clientSdk.analytics.metrics.query({ from: '2026-03-02', to: '2026-03-08', currency: 'USD', dimension: 'campaign' });
    expect(seen.rows.map((r) => r.label).sort()).toEqual(['Brand Search', 'Summer Sale']);
    const theirs = await other.sdk.analytics.metrics.query({ from: '2026-03-02', to: '2026-03-08', dimension: 'campaign' });
    expect(theirs.rows).toEqual([]);
    expect(theirs.totals.metrics).toMatchObject({ spend: '0.00', ctr: null });
    const theirsForOurClient = await other.sdk.analytics.metrics.query({ from: '2026-03-02', to: '2026-03-08', clientId: acme.id });
    expect(theirsForOurClient.totals.metrics.spend).toBe('0.00');
  });
});
