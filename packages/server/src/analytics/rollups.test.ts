import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

// Cross-client rollups: an agency's totals over every ad account and web property, per client or per
// property, in one currency at the stored rates, with the previous period.

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let acmeViewer: SpokeStack;
let acme: { id: string };
let beta: { id: string };
let metaAcme: { id: string };
let shop: { id: string };
const period = { from: '2026-09-01', to: '2026-09-02' } as const;

beforeAll(async () => {
  t = await createTestInstance({ now: '2026-09-10T08:00:00Z' });
  other = await t.createOrg('Rival Agency');
  acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  beta = await t.sdk.platform.clients.create({ name: 'Beta', slug: 'beta' });
  const connect = (platform: 'META_ADS' | 'GOOGLE_ADS' | 'CUSTOM_API', name: string, clientId?: string) =>
    t.sdk.analytics.platforms.create({ platform, name, accountId: name, credentials: {}, clientId });
  metaAcme = await connect('META_ADS', 'Acme Meta', acme.id);
  const googleAcme = await connect('GOOGLE_ADS', 'Acme Google', acme.id);
  const metaBeta = await connect('META_ADS', 'Beta Meta', beta.id);
  const house = await connect('CUSTOM_API', 'House ads');
  const campaign = (platformId: string, name: string, currency: string, clientId?: string) =>
    t.sdk.analytics.adCampaigns.create({ platformId, externalId: name, name, status: 'ACTIVE', currency, clientId });
  const acmeUsd = await campaign(metaAcme.id, 'Acme US', 'USD', acme.id);
  const acmeEur = await campaign(googleAcme.id, 'Acme DE', 'EUR', acme.id);
  const betaGbp = await campaign(metaBeta.id, 'Beta UK', 'GBP', beta.id);
  const houseUsd = await campaign(house.id, 'Agency brand', 'USD');
  await t.sdk.analytics.metrics.upsert({
    level: 'campaign',
    rows: [
      {
        campaignId: acmeUsd.id,
        date: '2026-09-01',
        spend: '100.00',
        impressions: 10_000,
        clicks: 100,
        conversions: 5,
        conversionValue: '500.00',
      },
      { campaignId: acmeUsd.id, date: '2026-08-31', spend: '50.00', impressions: 5000, clicks: 50 },
      { campaignId: acmeEur.id, date: '2026-09-02', spend: '50.00', impressions: 5000, clicks: 25 },
      {
        campaignId: betaGbp.id,
        date: '2026-09-01',
        spend: '20.00',
        impressions: 2000,
        clicks: 40,
        conversions: 2,
        conversionValue: '80.00',
      },
      { campaignId: houseUsd.id, date: '2026-09-01', spend: '10.00', impressions: 1000, clicks: 0 },
    ],
  });
  await t.sdk.analytics.currencyRates.create({ fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.10' });
  await t.sdk.analytics.currencyRates.create({ fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.25' });

  shop = await t.sdk.analytics.webProperties.create({ name: 'Acme shop', domain: 'shop.acme.test', clientId: acme.id });
  const blog = await t.sdk.analytics.webProperties.create({ name: 'Acme blog', domain: 'blog.acme.test', clientId: acme.id });
  const site = await t.sdk.analytics.webProperties.create({ name: 'Beta site', domain: 'beta.test', clientId: beta.id });
  const sessions = (propertyId: string, date: string, dimensionType: string, dimensionValue: string, n: number, pageviews: number) =>
    t.sdk.analytics.sessionAggregates.create({ propertyId, date, dimensionType, dimensionValue, sessions: n, users: n, pageviews });
  await sessions(shop.id, '2026-09-01', 'source', 'google', 30, 90);
  await sessions(shop.id, '2026-09-01', 'source', '(direct)', 10, 20);
  // The same 40 sessions by device: a rollup counting every breakdown would double them.
  await sessions(shop.id, '2026-09-01', 'device', 'desktop', 40, 110);
  await sessions(shop.id, '2026-08-31', 'source', 'google', 20, 50);
  await sessions(blog.id, '2026-09-02', 'source', 'google', 20, 40);
  await sessions(site.id, '2026-09-01', 'source', '(direct)', 5, 5);
  await t.sdk.analytics.conversions.create({
    propertyId: shop.id,
    date: '2026-09-01',
    goalName: 'signup',
    completions: 6,
    value: '120.00',
  });

  const viewer = await t.sdk.platform.users.create({ email: 'v@acme.test', name: 'V', role: 'CLIENT', clientId: acme.id });
  acmeViewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: viewer.id, expiresIn: 86_400 })).token);
});
afterAll(() => t.close());

describe('cross-client rollups', () => {
  it("totals each client's ad accounts and web properties in one currency, with the previous period", async () => {
    const result = await t.sdk.analytics.rollups.query({ ...period, currency: 'USD' });
    expect(result).toMatchObject({ currency: 'USD', dimension: 'client', previousPeriod: { from: '2026-08-30', to: '2026-08-31' } });
    expect(result.rows.map((r) => [r.label, r.media.spend, r.web.sessions])).toEqual([
      ['Acme', '155.00', '60'],
      ['Beta', '25.00', '5'],
      [null, '10.00', '0'],
    ]);
    const [acmeRow] = result.rows;
    // 100 USD + 50 EUR × 1.10; ratios re-derived from the converted sums, never averaged.
    expect(acmeRow).toMatchObject({
      kind: 'client',
      key: acme.id,
      clientId: acme.id,
      media: { spend: '155.00', impressions: '15000', clicks: '125', conversions: '5', cpc: '1.2400', roas: '3.2258' },
      web: { sessions: '60', pageviews: '150', conversions: '6', conversionValue: '120.00', conversionRate: '0.1000' },
      previous: { media: { spend: '50.00' }, web: { sessions: '20' } },
      change: { media: { spend: '2.1000' }, web: { sessions: '2.0000' } },
    });
    expect(result.totals).toMatchObject({
      media: { spend: '190.00', impressions: '18000', clicks: '165' },
      web: { sessions: '65', pageviews: '155', conversions: '6' },
      previous: { media: { spend: '50.00' }, web: { sessions: '20' } },
    });
  });

  it('lists every ad account and web property with its client', async () => {
    const result = await t.sdk.analytics.rollups.query({ ...period, currency: 'USD', dimension: 'property', compare: false });
    expect(result.rows.map((r) => [r.kind, r.label])).toEqual([
      ['webProperty', 'Acme blog'],
      ['adAccount', 'Acme Google'],
      ['adAccount', 'Acme Meta'],
      ['webProperty', 'Acme shop'],
      ['adAccount', 'Beta Meta'],
      ['webProperty', 'Beta site'],
      ['adAccount', 'House ads'],
    ]);
    expect(result.rows.find((r) => r.key === metaAcme.id)).toMatchObject({ clientId: acme.id, media: { spend: '100.00' }, previous: null });
    expect(result.rows.find((r) => r.key === shop.id)).toMatchObject({ clientId: acme.id, web: { sessions: '40', pageviews: '110' } });
    expect(result.rows.find((r) => r.label === 'Acme Google')!.media.spend).toBe('55.00');
    const oneClient = await t.sdk.analytics.rollups.query({ ...period, currency: 'USD', dimension: 'property', clientId: beta.id });
    expect(oneClient.rows.map((r) => r.label)).toEqual(['Beta Meta', 'Beta site']);
  });

  it('asks for a currency when the accounts mix them, and names a missing rate', async () => {
    expect(await problem(t.sdk.analytics.rollups.query(period))).toMatchObject({ status: 400, errors: [{ path: 'query.currency' }] });
    const missing = await problem(t.sdk.analytics.rollups.query({ ...period, currency: 'GBP' }));
    expect(missing.errors[0]!.message).toMatch(/No stored rate from EUR, USD to GBP/);
  });

  it("shows a client member their own client only, and another organization nothing of this one's", async () => {
    const mine = await acmeViewer.analytics.rollups.query({ ...period, currency: 'USD' });
    expect(mine.rows.map((r) => r.key)).toEqual([acme.id]);
    expect(mine.totals.media.spend).toBe('155.00');
    expect(mine.totals.web.sessions).toBe('60');
    const theirs = await other.sdk.analytics.rollups.query({ ...period, currency: 'USD' });
    expect(theirs.rows).toEqual([]);
    expect(theirs.totals).toMatchObject({ media: { spend: '0.00' }, web: { sessions: '0' } });
  });
});
