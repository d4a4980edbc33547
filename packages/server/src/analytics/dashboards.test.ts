import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { resolveRange } from './dashboards.js';

// Saved dashboards: the generic CRUD of `dashboards`, widgets under them with validated configs, and
// a data endpoint per widget that runs the metrics query engine (media) or the rollups' web sums.

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let acmeViewer: SpokeStack;
let member: SpokeStack;
let acme: { id: string };
let beta: { id: string };

beforeAll(async () => {
  // "last_7_days" on 2026-09-10 is 09-03 … 09-09; the previous period 08-27 … 09-02.
  t = await createTestInstance({ now: '2026-09-10T08:00:00Z' });
  other = await t.createOrg('Rival Agency');
  acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  beta = await t.sdk.platform.clients.create({ name: 'Beta', slug: 'beta' });
  const meta = await t.sdk.analytics.platforms.create({ platform: 'META_ADS', name: 'Meta', accountId: 'act_1', credentials: {} });
  const campaign = (name: string, clientId: string) =>
    t.sdk.analytics.adCampaigns.create({ platformId: meta.id, externalId: name, name, status: 'ACTIVE', currency: 'USD', clientId });
  const acmeCampaign = await campaign('Acme fall', acme.id);
  const betaCampaign = await campaign('Beta fall', beta.id);
  await t.sdk.analytics.metrics.upsert({
    level: 'campaign',
    rows: [
      { campaignId: acmeCampaign.id, date: '2026-09-05', spend: '30.00', impressions: 3000, clicks: 30 },
      { campaignId: acmeCampaign.id, date: '2026-09-06', spend: '20.00', impressions: 1000, clicks: 10 },
      { campaignId: acmeCampaign.id, date: '2026-09-01', spend: '25.00', impressions: 2500, clicks: 20 },
      { campaignId: betaCampaign.id, date: '2026-09-05', spend: '5.00', impressions: 500, clicks: 5 },
    ],
  });
  const shop = await t.sdk.analytics.webProperties.create({ name: 'Acme shop', domain: 'shop.acme.test', clientId: acme.id });
  for (const [date, sessions] of [
    ['2026-09-05', 12],
    ['2026-09-01', 6],
  ] as const)
    await t.sdk.analytics.sessionAggregates.create({
      propertyId: shop.id,
      date,
      dimensionType: 'source',
      dimensionValue: 'google',
      sessions,
      users: sessions,
      pageviews: sessions * 2,
    });
  const session = async (role: 'CLIENT' | 'MEMBER', email: string, clientId?: string) => {
    const user = await t.sdk.platform.users.create({ email, name: email, role, clientId });
    return t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id, expiresIn: 86_400 })).token);
  };
  acmeViewer = await session('CLIENT', 'viewer@acme.test', acme.id);
  member = await session('MEMBER', 'mia@agency.test');
});
afterAll(() => t.close());

describe('date range presets', () => {
  it('resolve against the UTC day the data is asked on', () => {
    const now = new Date('2026-03-15T23:30:00Z');
    expect(resolveRange('last_7_days', now)).toEqual({ from: '2026-03-08', to: '2026-03-14' });
    expect(resolveRange('last_30_days', now)).toEqual({ from: '2026-02-13', to: '2026-03-14' });
    expect(resolveRange('this_month', now)).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(resolveRange('last_month', now)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(resolveRange('last_month', new Date('2026-01-05T00:00:00Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(resolveRange({ from: '2026-01-01', to: '2026-01-31' }, now)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });
});

describe('dashboards and widgets', () => {
  it('saves an agency dashboard whose widgets answer their metric, dimension and interval with the previous period', async () => {
    const dashboard = await t.sdk.analytics.dashboards.create({ name: 'Agency overview' });
    const add = (title: string, config: Parameters<typeof t.sdk.analytics.dashboards.addWidget>[1]['config']) =>
      t.sdk.analytics.dashboards.addWidget(dashboard.id, { title, config: { dateRange: 'last_7_days', ...config } });
    const spend = await add('Spend', { metric: 'spend', chart: 'kpi' });
    const clicks = await add('Clicks by day', { metric: 'clicks', chart: 'line', interval: 'day', compare: false });
    const byClient = await add('Spend by client', { metric: 'spend', chart: 'pie', dimension: 'client' });
    const sessions = await add('Sessions', { metric: 'sessions', chart: 'kpi' });
    expect(spend).toMatchObject({ dashboardId: dashboard.id, position: 0, config: { metric: 'spend', dimension: 'none', compare: true } });
    expect((await t.sdk.analytics.dashboards.widgets(dashboard.id)).data.map((w) => [w.title, w.position])).toEqual([
      ['Spend', 0],
      ['Clicks by day', 1],
      ['Spend by client', 2],
      ['Sessions', 3],
    ]);

    expect(await t.sdk.analytics.dashboards.widgetData(dashboard.id, spend.id)).toMatchObject({
      metric: 'spend',
      from: '2026-09-03',
      to: '2026-09-09',
      previousPeriod: { from: '2026-08-27', to: '2026-09-02' },
      currency: 'USD',
      total: { value: '55.00', previous: '25.00', change: '1.2000' },
    });
    const line = await t.sdk.analytics.dashboards.widgetData(dashboard.id, clicks.id);
    expect(line.points.map((p) => [p.date, p.value])).toEqual([
      ['2026-09-05', '35'],
      ['2026-09-06', '10'],
    ]);
    expect(line).toMatchObject({ previousPeriod: null, total: { value: '45', previous: null, change: null } });
    const pie = await t.sdk.analytics.dashboards.widgetData(dashboard.id, byClient.id);
    expect(pie.points.map((p) => [p.label, p.value, p.previous]).sort()).toEqual([
      ['Acme', '50.00', '25.00'],
      ['Beta', '5.00', '0.00'],
    ]);
    expect(await t.sdk.analytics.dashboards.widgetData(dashboard.id, sessions.id)).toMatchObject({
      metric: 'sessions',
      currency: null,
      points: [{ key: null, value: '12', previous: '6', change: '1.0000' }],
      total: { value: '12', previous: '6', change: '1.0000' },
    });

    const moved = await t.sdk.analytics.dashboards.updateWidget(dashboard.id, sessions.id, { position: 0, title: 'Visits' });
    expect(moved).toMatchObject({ title: 'Visits', position: 0 });
    await t.sdk.analytics.dashboards.removeWidget(dashboard.id, clicks.id);
    expect((await t.sdk.analytics.dashboards.widgets(dashboard.id)).data.map((w) => w.title)).toEqual([
      'Spend',
      'Visits',
      'Spend by client',
    ]);
    expect((await problem(t.sdk.analytics.dashboards.widgetData(dashboard.id, clicks.id))).status).toBe(404);
    // Deleting the dashboard takes its widgets with it.
    await t.sdk.analytics.dashboards.delete(dashboard.id);
    expect((await problem(t.sdk.analytics.dashboards.widgets(dashboard.id))).status).toBe(404);
  });

  it("answers a viewer's date range and comparison for that answer only, without changing the saved widget", async () => {
    const dashboard = await t.sdk.analytics.dashboards.create({ name: 'Picker' });
    const spend = await t.sdk.analytics.dashboards.addWidget(dashboard.id, {
      title: 'Spend',
      config: { metric: 'spend', chart: 'kpi', dateRange: 'last_7_days' },
    });
    const data = (query: Parameters<typeof t.sdk.analytics.dashboards.widgetData>[2]) =>
      t.sdk.analytics.dashboards.widgetData(dashboard.id, spend.id, query);
    expect(await data({ from: '2026-09-01', to: '2026-09-05', compare: false })).toMatchObject({
      from: '2026-09-01',
      to: '2026-09-05',
      previousPeriod: null,
      total: { value: '60.00', previous: null, change: null },
    });
    // "this_month" on 2026-09-10 is 09-01 … 09-10, against 08-22 … 08-31.
    expect(await data({ dateRange: 'this_month' })).toMatchObject({ from: '2026-09-01', to: '2026-09-10', total: { value: '80.00' } });
    // A client's member, who may not save anything, may still pick a range.
    const shared = await t.sdk.analytics.dashboards.create({ name: 'Acme picker', clientId: acme.id });
    const acmeSpend = await t.sdk.analytics.dashboards.addWidget(shared.id, { title: 'Spend', config: { metric: 'spend', chart: 'kpi' } });
    expect((await acmeViewer.analytics.dashboards.widgetData(shared.id, acmeSpend.id, { dateRange: 'last_7_days' })).total.value).toBe(
      '50.00',
    );
    await t.sdk.analytics.dashboards.delete(shared.id);
    expect((await t.sdk.analytics.dashboards.widgets(dashboard.id)).data[0]!.config.dateRange).toBe('last_7_days');
    expect(await problem(data({ from: '2026-09-01' }))).toMatchObject({ status: 400, errors: [{ path: 'query.to' }] });
    expect(await problem(data({ from: '2026-09-05', to: '2026-09-01' }))).toMatchObject({ status: 400, errors: [{ path: 'query.from' }] });
  });

  it("gives a KPI its daily sparkline with the previous period's days, and narrows any widget to a platform or client", async () => {
    const dashboard = await t.sdk.analytics.dashboards.create({ name: 'Trends' });
    const spend = await t.sdk.analytics.dashboards.addWidget(dashboard.id, {
      title: 'Spend',
      config: { metric: 'spend', chart: 'kpi', dateRange: 'last_7_days' },
    });
    const kpi = await t.sdk.analytics.dashboards.widgetData(dashboard.id, spend.id);
    // 09-01 is compared with 09-08 (seven days later): it shows on that day of the trend.
    expect(kpi.sparkline).toEqual([
      { date: '2026-09-05', value: '35.00', previous: '0.00' },
      { date: '2026-09-06', value: '20.00', previous: '0.00' },
      { date: '2026-09-08', value: '0.00', previous: '25.00' },
    ]);
    expect(kpi.points).toEqual([{ date: null, key: null, label: null, value: '55.00', previous: '25.00', change: '1.2000' }]);
    const byClient = await t.sdk.analytics.dashboards.addWidget(dashboard.id, {
      title: 'By client',
      config: { metric: 'spend', chart: 'table', dimension: 'client', dateRange: 'last_7_days' },
    });
    expect((await t.sdk.analytics.dashboards.widgetData(dashboard.id, byClient.id)).sparkline).toBeNull();
    const narrowed = await t.sdk.analytics.dashboards.widgetData(dashboard.id, byClient.id, { clientId: beta.id });
    expect(narrowed.points.map((p) => [p.label, p.value])).toEqual([['Beta', '5.00']]);
    expect((await t.sdk.analytics.dashboards.widgetData(dashboard.id, spend.id, { platform: 'GOOGLE_ADS' })).total.value).toBe('0.00');
    expect((await t.sdk.analytics.dashboards.widgetData(dashboard.id, spend.id, { platform: 'META_ADS' })).total.value).toBe('55.00');
    // A client's member cannot widen their view to another client.
    const mine = await t.sdk.analytics.dashboards.create({ name: 'Acme trends', clientId: acme.id });
    const acmeSpend = await t.sdk.analytics.dashboards.addWidget(mine.id, { title: 'Spend', config: { metric: 'spend', chart: 'kpi' } });
    const asked = await acmeViewer.analytics.dashboards.widgetData(mine.id, acmeSpend.id, { dateRange: 'last_7_days', clientId: beta.id });
    expect(asked.total.value).toBe('50.00');
    await t.sdk.analytics.dashboards.delete(mine.id);
    await t.sdk.analytics.dashboards.delete(dashboard.id);
  });

  it('refuses configs the engine cannot run, naming the field', async () => {
    const dashboard = await t.sdk.analytics.dashboards.create({ name: 'Checks' });
    const add = (config: object) => problem(t.sdk.analytics.dashboards.addWidget(dashboard.id, { title: 'x', config: config as never }));
    expect(await add({ metric: 'clicks', chart: 'line' })).toMatchObject({ status: 400, errors: [{ path: 'body.config.interval' }] });
    expect(await add({ metric: 'sessions', chart: 'bar', dimension: 'campaign' })).toMatchObject({
      errors: [{ path: 'body.config.dimension' }],
    });
    expect(await add({ metric: 'spend', chart: 'bar', dimension: 'property' })).toMatchObject({
      errors: [{ path: 'body.config.dimension' }],
    });
    expect(await add({ metric: 'likes', chart: 'kpi' })).toMatchObject({ errors: [{ path: 'body.config.metric' }] });
    const theirClient = await other.sdk.platform.clients.create({ name: 'Theirs', slug: 'theirs' });
    expect(await add({ metric: 'spend', chart: 'kpi', filters: { clientId: theirClient.id } })).toMatchObject({
      errors: [{ path: 'body.config.filters.clientId' }],
    });
  });

  it("shows a client's dashboard to its members, with that client's figures only; writes stay with the agency", async () => {
    const agencyOnly = await t.sdk.analytics.dashboards.create({ name: 'Internal' });
    const mine = await t.sdk.analytics.dashboards.create({ name: 'Acme weekly', clientId: acme.id });
    // A MEMBER may build dashboards.
    const spend = await member.analytics.dashboards.addWidget(mine.id, {
      title: 'Spend',
      // A filter naming another client does not widen a client's dashboard.
      config: { metric: 'spend', chart: 'kpi', dateRange: 'last_7_days', filters: { clientId: beta.id } },
    });
    expect((await t.sdk.analytics.dashboards.widgetData(mine.id, spend.id)).total.value).toBe('50.00');

    expect((await acmeViewer.analytics.dashboards.list()).data.map((d) => d.name)).toEqual(['Acme weekly']);
    expect((await acmeViewer.analytics.dashboards.widgets(mine.id)).data).toHaveLength(1);
    expect((await acmeViewer.analytics.dashboards.widgetData(mine.id, spend.id)).total.value).toBe('50.00');
    expect((await problem(acmeViewer.analytics.dashboards.widgets(agencyOnly.id))).status).toBe(404);
    const config = { metric: 'spend', chart: 'kpi' } as const;
    expect((await problem(acmeViewer.analytics.dashboards.addWidget(mine.id, { title: 'x', config }))).status).toBe(403);
    expect((await problem(acmeViewer.analytics.dashboards.updateWidget(mine.id, spend.id, { title: 'x' }))).status).toBe(403);
    expect((await problem(acmeViewer.analytics.dashboards.removeWidget(mine.id, spend.id))).status).toBe(403);
    expect((await problem(acmeViewer.analytics.dashboards.create({ name: 'Mine' }))).status).toBe(403);

    expect((await problem(other.sdk.analytics.dashboards.widgets(mine.id))).status).toBe(404);
    expect((await problem(other.sdk.analytics.dashboards.widgetData(mine.id, spend.id))).status).toBe(404);
    expect((await problem(other.sdk.analytics.dashboards.updateWidget(mine.id, spend.id, { title: 'x' }))).status).toBe(404);
    // A widget is reached only through its own dashboard.
    expect((await problem(t.sdk.analytics.dashboards.widgetData(agencyOnly.id, spend.id))).status).toBe(404);
  });
});
