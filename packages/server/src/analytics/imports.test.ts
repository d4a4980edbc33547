import { readFile } from 'node:fs/promises';
import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let clientSdk: SpokeStack;
let acme: { id: string };

const fixture = async (name: string) => new File([await readFile(new URL(`../../test/fixtures/analytics/${name}`, import.meta.url))], name);
const connection = (platform: 'META_ADS' | 'GOOGLE_ADS' | 'CUSTOM_API', name: string) =>
  t.sdk.analytics.platforms.create({ platform, name, credentials: {}, accountId: name, clientId: acme.id });

beforeAll(async () => {
  t = await createTestInstance({ now: '2026-09-10T08:00:00Z' });
  other = await t.createOrg('Rival Agency');
  acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
  clientSdk = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id })).token);
});
afterAll(() => t.close());

describe('report imports', () => {
  it("imports a Meta ad-level daily export: the dashboard's totals are the file's, and importing it again changes nothing", async () => {
    const meta = await connection('META_ADS', 'act_1');
    const result = await t.sdk.analytics.platforms.import(meta.id, await fixture('meta-ads-ad-daily.csv'));
    expect(result).toMatchObject({
      platform: 'META_ADS',
      level: 'ad',
      rows: 6,
      errorCount: 0,
      skippedTotals: 1,
      complete: true,
      period: { from: '2026-09-01', to: '2026-09-02' },
      written: { campaigns: 2, adSets: 2, ads: 3, campaignDays: 4, adSetDays: 4, adDays: 6, accountDays: 0 },
      totals: { spend: '214.57', impressions: '23918', clicks: '235', conversions: '15' },
    });
    expect(result.columns).toMatchObject({ spend: 'Amount spent (USD)', clicks: 'Link clicks', conversions: 'Results' });
    const query = { from: '2026-09-01', to: '2026-09-02', platformId: meta.id } as const;
    const totals = (await t.sdk.analytics.metrics.query(query)).totals.metrics;
    // The figures of Meta's own summary line.
    expect(totals).toMatchObject({ spend: '214.57', impressions: '23918', clicks: '235', conversions: '15', conversionValue: '1177.24' });

    const again = await t.sdk.analytics.platforms.import(meta.id, await fixture('meta-ads-ad-daily.csv'));
    expect(again.written.campaigns).toBe(2);
    expect((await t.sdk.analytics.metrics.query(query)).totals.metrics).toEqual(totals);
    const campaigns = await t.sdk.analytics.adCampaigns.list({ platformId: meta.id, sort: 'name' });
    expect(campaigns.data.map((c) => [c.name, c.externalId, c.currency, c.clientId])).toEqual([
      ['Fall Sale — Prospecting', '120208813470530187', 'USD', acme.id],
      ['Retargeting, 30 days', '120208813471110187', 'USD', acme.id],
    ]);
    const byCampaign = await t.sdk.analytics.metrics.query({ ...query, dimension: 'campaign', compare: false });
    expect(byCampaign.rows.find((r) => r.label === 'Retargeting, 30 days')!.metrics).toMatchObject({
      spend: '42.14',
      clicks: '58',
      cpa: '5.2675',
    });
    const logs = await t.sdk.analytics.syncLogs.list({ platformId: meta.id });
    expect(logs.data.map((l) => [l.syncType, l.status, l.recordsProcessed])).toEqual([
      ['import', 'success', 6],
      ['import', 'success', 6],
    ]);
    expect((await t.sdk.analytics.platforms.get(meta.id)).lastSyncStatus).toBe('success');
  });

  it('imports a UTF-16 Google Ads campaign export, skipping its Total rows', async () => {
    const google = await connection('GOOGLE_ADS', '123-456-7890');
    const result = await t.sdk.analytics.platforms.import(google.id, await fixture('google-ads-campaign-daily.csv'));
    expect(result).toMatchObject({
      platform: 'GOOGLE_ADS',
      level: 'campaign',
      rows: 7,
      skippedTotals: 5,
      written: { campaigns: 4, campaignDays: 7 },
    });
    expect(result.totals).toEqual({ spend: '542.15', impressions: '100096', clicks: '1740', conversions: '42.83' });
    const totals = (await t.sdk.analytics.metrics.query({ from: '2026-09-01', to: '2026-09-03', platformId: google.id })).totals.metrics;
    // Conversions are whole numbers in the spec's columns: Google's fractional ones are rounded per campaign-day.
    expect(totals).toMatchObject({ spend: '542.15', impressions: '100096', clicks: '1740', conversions: '43', conversionValue: '4324.25' });
  });

  it('previews without writing, and refuses files it cannot read', async () => {
    const meta = await connection('META_ADS', 'act_preview');
    const preview = await t.sdk.analytics.platforms.import(meta.id, await fixture('meta-ads-campaigns-week-eur.csv'), { dryRun: true });
    expect(preview).toMatchObject({ platform: 'META_ADS', confidence: 1, rows: 2, syncLogId: null, written: { campaigns: 0 } });
    expect(preview.preview![0]).toMatchObject({ currency: 'EUR', date: '2026-09-07', endDate: '2026-09-13', spend: '578' });
    expect((await t.sdk.analytics.adCampaigns.list({ platformId: meta.id })).data).toEqual([]);

    const notCsv = await problem(t.sdk.analytics.platforms.import(meta.id, new File(['hello\nworld'], 'notes.txt')));
    expect(notCsv).toMatchObject({ status: 400, errors: [{ path: 'body.file' }] });
    const wrong = await problem(
      t.sdk.analytics.platforms.import(meta.id, await fixture('meta-ads-ad-daily.csv'), { platform: 'GOOGLE_ADS' }),
    );
    expect(wrong).toMatchObject({ status: 400, errors: [{ path: 'body.platform' }] });
    const columns = await problem(
      t.sdk.analytics.platforms.import(meta.id, await fixture('meta-ads-ad-daily.csv'), { columns: 'x' as never }),
    );
    expect(columns).toMatchObject({ status: 400, errors: [{ path: 'body.columns' }] });
  });

  it('keeps imports to writers of the organization', async () => {
    const meta = await connection('META_ADS', 'act_roles');
    expect((await problem(clientSdk.analytics.platforms.import(meta.id, await fixture('meta-ads-ad-daily.csv')))).status).toBe(403);
    expect((await problem(other.sdk.analytics.platforms.import(meta.id, await fixture('meta-ads-ad-daily.csv')))).status).toBe(404);
    const push = { rows: [{ date: '2026-09-01', campaign: { externalId: 'x', name: 'X' }, spend: '1.00' }] };
    expect((await problem(other.sdk.analytics.platforms.push(meta.id, push))).status).toBe(404);
    expect((await problem(clientSdk.analytics.platforms.push(meta.id, push))).status).toBe(403);
  });
});

describe('CUSTOM_API push', () => {
  it('maps pushed rows onto campaigns, ad sets, ads and days; a day pushed again replaces it', async () => {
    const custom = await connection('CUSTOM_API', 'crm-export');
    const row = (date: string, spend: string, ad: string) => ({
      date,
      campaign: { externalId: 'spring', name: 'Spring', currency: 'EUR', status: 'ACTIVE' as const },
      adSet: { externalId: 'set-1', name: 'Newsletter' },
      ad: { externalId: ad, name: `Ad ${ad}` },
      spend,
      impressions: '1000',
      clicks: '10',
    });
    const result = await t.sdk.analytics.platforms.push(custom.id, {
      rows: [row('2026-09-01', '10.00', 'a'), row('2026-09-01', '5.50', 'b')],
    });
    expect(result).toMatchObject({
      platform: 'CUSTOM_API',
      level: 'ad',
      written: { campaigns: 1, adSets: 1, ads: 2, campaignDays: 1, adDays: 2 },
    });
    await t.sdk.analytics.platforms.push(custom.id, { rows: [row('2026-09-01', '12.00', 'a'), row('2026-09-01', '5.50', 'b')] });
    const q = await t.sdk.analytics.metrics.query({ from: '2026-09-01', to: '2026-09-01', platformId: custom.id, compare: false });
    expect(q).toMatchObject({ currency: 'EUR', totals: { metrics: { spend: '17.50', impressions: '2000', clicks: '20', cpc: '0.8750' } } });
    const bad = await problem(
      t.sdk.analytics.platforms.push(custom.id, {
        rows: [{ date: '2026-09-01', campaign: { externalId: 's', name: 'S' }, ad: { externalId: 'a', name: 'A' } }],
      }),
    );
    expect(bad).toMatchObject({ status: 400, errors: [{ path: 'body.rows.0.adSet' }] });
  });
});
