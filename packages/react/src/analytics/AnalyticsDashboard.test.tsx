import { createRef } from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpokeStack, type SpokeStack } from '@spokestack/core';
import { SpokeStackProvider } from '../provider.js';
import { renderWith, startServer } from '../test/server.js';
import { AnalyticsDashboard } from './AnalyticsDashboard.js';
import { formatChange, formatMetric } from './format.js';

// The dashboard against the reference server: saved widgets run through the real query engine, on the
// test clock's day (2026-09-10: "last 7 days" is 09-03 … 09-09, compared with 08-27 … 09-02).

let t: Awaited<ReturnType<typeof startServer>>;
let dashboardId: string;
let acmeDashboardId: string;
let viewer: SpokeStack;

beforeAll(async () => {
  t = await startServer({ now: '2026-09-10T08:00:00Z' });
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const beta = await t.sdk.platform.clients.create({ name: 'Beta', slug: 'beta' });
  const meta = await t.sdk.analytics.platforms.create({ platform: 'META_ADS', name: 'Meta', accountId: 'act_1', credentials: {} });
  const campaign = (name: string, clientId: string) =>
    t.sdk.analytics.adCampaigns.create({ platformId: meta.id, externalId: name, name, status: 'ACTIVE', currency: 'USD', clientId });
  const acmeFall = await campaign('Acme fall', acme.id);
  const betaFall = await campaign('Beta fall', beta.id);
  await t.sdk.analytics.metrics.upsert({
    level: 'campaign',
    rows: [
      { campaignId: acmeFall.id, date: '2026-09-05', spend: '1200.00', impressions: 30000, clicks: 300 },
      { campaignId: acmeFall.id, date: '2026-09-06', spend: '800.00', impressions: 10000, clicks: 100 },
      { campaignId: acmeFall.id, date: '2026-09-01', spend: '1000.00', impressions: 25000, clicks: 200 },
      { campaignId: betaFall.id, date: '2026-09-05', spend: '200.00', impressions: 5000, clicks: 50 },
      // A zero-spend day: its cost per click is no number at all.
      { campaignId: betaFall.id, date: '2026-09-08', spend: '0.00', impressions: 0, clicks: 0 },
    ],
  });
  const dashboard = await t.sdk.analytics.dashboards.create({ name: 'Agency overview' });
  dashboardId = dashboard.id;
  const add = (title: string, config: Parameters<typeof t.sdk.analytics.dashboards.addWidget>[1]['config']) =>
    t.sdk.analytics.dashboards.addWidget(dashboard.id, { title, config: { dateRange: 'last_7_days', ...config } });
  await add('Spend', { metric: 'spend', chart: 'kpi' });
  await add('Cost per click', { metric: 'cpc', chart: 'kpi' });
  await add('Clicks by day', { metric: 'clicks', chart: 'line', interval: 'day' });
  await add('Spend by client', { metric: 'spend', chart: 'pie', dimension: 'client' });
  await add('Daily CPC', { metric: 'cpc', chart: 'table', interval: 'day', compare: false });

  const mine = await t.sdk.analytics.dashboards.create({ name: 'Acme weekly', clientId: acme.id });
  acmeDashboardId = mine.id;
  await t.sdk.analytics.dashboards.addWidget(mine.id, {
    title: 'Spend',
    config: { metric: 'spend', chart: 'kpi', dateRange: 'last_7_days' },
  });
  const user = await t.sdk.platform.users.create({ email: 'viewer@acme.test', name: 'Vi', role: 'CLIENT', clientId: acme.id });
  viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id, expiresIn: 86_400 })).token);
});
afterAll(() => t?.close());

const widget = (title: string) => screen.getByRole('article', { name: title });
const usd = (value: string) => formatMetric('spend', value, 'USD');

describe('AnalyticsDashboard', () => {
  it("lays out the saved widgets in order with the server's figures, changes against the previous period, and tables", async () => {
    renderWith(t.sdk, <AnalyticsDashboard dashboardId={dashboardId} />);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Agency overview' })).toBeTruthy(), { timeout: 15_000 });
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('2200.00'))).toBeTruthy(), { timeout: 15_000 });
    expect(screen.getAllByRole('article').map((a) => a.querySelector('h3')?.textContent)).toEqual([
      'Spend',
      'Cost per click',
      'Clicks by day',
      'Spend by client',
      'Daily CPC',
    ]);
    // 2,200 against 1,000 the week before: +120%, good news for spend shown as such; a cheaper click too.
    const change = widget('Spend').querySelector('[data-part="change"]')!;
    expect(change.getAttribute('data-tone')).toBe('good');
    expect(change.textContent).toContain(formatChange('1.2000'));
    expect(change.textContent).toContain(usd('1000.00'));
    await waitFor(() => expect(widget('Cost per click').querySelector('[data-part="value"]')?.textContent).toBe(usd('4.8889')));
    expect(widget('Cost per click').querySelector('[data-part="change"]')?.getAttribute('data-tone')).toBe('good');

    // A chart's figures are in the page as a table for screen readers, one row per day plus the total.
    await waitFor(() => expect(within(widget('Clicks by day')).getByRole('table', { name: 'Clicks by day' })).toBeTruthy());
    const days = within(within(widget('Clicks by day')).getByRole('table')).getAllByRole('row');
    expect(days.map((row) => [...row.children].map((cell) => cell.textContent))).toContainEqual(['Total', '450', '200', '+125.0%']);
    await waitFor(() => expect(within(widget('Spend by client')).getByRole('table')).toBeTruthy());
    const byClient = within(widget('Spend by client'))
      .getAllByRole('row')
      .map((row) => row.children[0]?.textContent);
    expect(byClient).toEqual(expect.arrayContaining(['Name', 'Acme', 'Beta', 'Total']));

    // A zero-spend day has no cost per click: "—", never NaN or Infinity.
    await waitFor(() => expect(within(widget('Daily CPC')).getByRole('table')).toBeTruthy());
    const zeroDay = within(widget('Daily CPC'))
      .getAllByRole('row')
      .find((row) => row.textContent?.includes('8, 2026') || row.textContent?.includes('2026-09-08'));
    expect(zeroDay?.lastElementChild?.textContent).toBe('—');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('shows a chart as a visible table by keyboard, and re-runs every widget for the picked range', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <AnalyticsDashboard dashboardId={dashboardId} />);
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('2200.00'))).toBeTruthy(), { timeout: 15_000 });

    const toggle = within(widget('Clicks by day')).getByRole('button', { name: 'Show as table' });
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(within(widget('Clicks by day')).getByRole('button', { name: 'Show as chart' }).getAttribute('aria-pressed')).toBe('true');
    expect(widget('Clicks by day').querySelector('[data-part="sr-table"]')).toBeNull();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Date range' }), 'this_month');
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('3200.00'))).toBeTruthy());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Date range' }), 'custom');
    const from = screen.getByLabelText('From') as HTMLInputElement;
    const to = screen.getByLabelText('To') as HTMLInputElement;
    // A date input takes a whole day at once from the browser's picker.
    fireEvent.change(to, { target: { value: '2026-09-05' } });
    fireEvent.change(from, { target: { value: '2026-09-01' } });
    await user.click(screen.getByRole('checkbox', { name: 'Compare with previous period' }));
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('2400.00'))).toBeTruthy());
    expect(widget('Spend').querySelector('[data-part="change"]')).toBeNull();
    // Nothing was saved: the widget keeps its own range.
    expect((await t.sdk.analytics.dashboards.widgets(dashboardId)).data[0]!.config.dateRange).toBe('last_7_days');
  });

  it('draws KPI sparklines and the previous-period line, narrows by platform and client, and sorts, pages and exports tables', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <AnalyticsDashboard dashboardId={dashboardId} pageSize={2} />);
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('2200.00'))).toBeTruthy(), { timeout: 15_000 });
    // The tile's trend: this week's days and, dashed, the previous week's (09-01 is compared with 09-08).
    const spark = widget('Spend').querySelector('[data-part="sparkline"]')!;
    // 1,400, 800 and 0 on 09-05, 09-06 and 09-08 of 09-03 … 09-09, against 0, 0 and 1,000.
    expect(spark.querySelector('[data-series="value"]')?.getAttribute('d')).toBe('M33.33 1.00L50.00 13.00L83.33 29.00');
    expect(spark.querySelector('[data-series="previous"]')?.getAttribute('d')).toBe('M33.33 29.00L50.00 29.00L83.33 9.00');
    // The daily line chart carries each day's previous figure (the chart draws it as the dashed line).
    const clicks = within(within(widget('Clicks by day')).getByRole('table')).getAllByRole('row');
    expect(clicks.map((row) => [...row.children].map((cell) => cell.textContent))).toContainEqual([
      expect.stringMatching(/Sep 8, 2026|8 Sept 2026|2026-09-08/),
      '0',
      '200',
      formatChange('-1.0000'),
    ]);
    // Recharts arrives as its own chunk: the placeholder gives way to the chart (drawn in Chromium: e2e/analytics).
    await waitFor(() => expect(widget('Clicks by day').querySelector('[data-part="chart-loading"]')).toBeNull(), { timeout: 15_000 });

    // "Daily CPC" (a table widget): sorted by its value, two rows a page, the total on every page.
    const table = () => within(widget('Daily CPC')).getByRole('table');
    await user.click(within(table()).getByRole('button', { name: 'CPC' }));
    expect(within(table()).getByRole('columnheader', { name: 'CPC' }).getAttribute('aria-sort')).toBe('descending');
    const cells = () =>
      within(table())
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.lastElementChild?.textContent);
    // 800 / 100 on 09-06, 1,400 / 350 on 09-05; the zero-spend day has no CPC and sorts last.
    expect(cells()).toEqual([usd('8.0000'), usd('4.0000'), usd('4.8889')]);
    expect(within(widget('Daily CPC')).getByText('Page 1 of 2')).toBeTruthy();
    await user.click(within(widget('Daily CPC')).getByRole('button', { name: 'Next page' }));
    expect(cells()).toEqual(['—', usd('4.8889')]);
    // The CSV holds the same figures, exactly as the API sent them, "—" for the zero-spend day's ratio.
    const csv = decodeURIComponent(within(widget('Daily CPC')).getByRole('link', { name: 'Download CSV' }).getAttribute('href')!);
    expect(csv.split(',').length).toBeGreaterThan(1);
    expect(csv).toContain('Date,CPC\r\n2026-09-05,4.0000\r\n2026-09-06,8.0000\r\n2026-09-08,—\r\nTotal,4.8889');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Client' }), screen.getByRole('option', { name: 'Beta' }));
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('200.00'))).toBeTruthy());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), 'GOOGLE_ADS');
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('0.00'))).toBeTruthy());
  });

  it("shows a client's member their dashboard read-only, with their figures only", async () => {
    renderWith(viewer, <AnalyticsDashboard dashboardId={acmeDashboardId} />);
    await waitFor(() => expect(screen.getByText('View only')).toBeTruthy(), { timeout: 15_000 });
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('2000.00'))).toBeTruthy());
    // Always their client: no client filter to pick another.
    expect(screen.getByRole('combobox', { name: 'Platform' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Client' })).toBeNull();
  });

  it('shows a dashboard shared through a public link read-only, in one request without credentials', async () => {
    const user = userEvent.setup();
    const { token } = await t.sdk.analytics.dashboards.share(dashboardId);
    const asked: string[] = [];
    const visitor = createSpokeStack({
      baseUrl: 'http://spokestack.test',
      fetch: (request) => {
        asked.push(`${new URL(request.url).pathname}${request.headers.has('authorization') ? ' with credentials' : ''}`);
        return t.app.request(request);
      },
    });
    renderWith(visitor, <AnalyticsDashboard share={token} />);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: /Agency overview/ })).toBeTruthy(), { timeout: 15_000 });
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('2200.00'))).toBeTruthy());
    expect(screen.getByText('View only')).toBeTruthy();
    expect(screen.getByRole('region', { name: /Agency overview/ }).getAttribute('data-readonly')).toBe('true');
    expect(screen.getAllByRole('article')).toHaveLength(5);
    expect(asked).toEqual([`/v1/analytics/public/dashboards/${token}`]);
    // The viewer's picker re-asks the public endpoint for another range; nothing is saved.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Date range' }), 'this_month');
    await waitFor(() => expect(within(widget('Spend')).getByText(usd('3200.00'))).toBeTruthy());
    expect(asked.every((path) => path.startsWith('/v1/analytics/public/dashboards/'))).toBe(true);
  });

  it('shows the problem when a share link is revoked', async () => {
    const share = await t.sdk.analytics.dashboards.share(dashboardId);
    await t.sdk.analytics.dashboards.revokeShare(dashboardId, share.id);
    renderWith(t.sdkFor(''), <AnalyticsDashboard share={share.token} />);
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy(), { timeout: 15_000 });
    expect(screen.queryByRole('article')).toBeNull();
  });

  it('says when a dashboard has no widgets, and shows the problem when it cannot load', async () => {
    const empty = await t.sdk.analytics.dashboards.create({ name: 'Fresh' });
    renderWith(t.sdk, <AnalyticsDashboard dashboardId={empty.id} />);
    await waitFor(() => expect(screen.getByText('No widgets yet')).toBeTruthy(), { timeout: 15_000 });
    document.body.innerHTML = '';

    // Another tenant's dashboard answers like one that does not exist.
    const other = await t.createOrg('Rival Agency');
    renderWith(other.sdk, <AnalyticsDashboard dashboardId={dashboardId} />);
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy(), { timeout: 15_000 });
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.queryByRole('article')).toBeNull();
  });
});

describe('AnalyticsDashboard contract', () => {
  it('forwards its ref, spreads root props, takes classNames and strings from the provider and its own overrides', async () => {
    const ref = createRef<HTMLElement>();
    render(
      <SpokeStackProvider client={t.sdk} overrides={{ analyticsDashboard: { showTable: 'Als Tabelle', spend: 'Ausgaben' } }}>
        <AnalyticsDashboard
          ref={ref}
          dashboardId={dashboardId}
          id="board"
          className="host-board"
          classNames={{ widget: 'host-widget', kpi: 'host-kpi' }}
          overrides={{ range: 'Zeitraum' }}
        />
      </SpokeStackProvider>,
    );
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Als Tabelle' }).length).toBeGreaterThan(0), { timeout: 15_000 });
    expect(ref.current?.id).toBe('board');
    expect(ref.current?.className).toBe('host-board');
    expect(ref.current?.getAttribute('data-state')).toBe('ready');
    expect(screen.getByRole('combobox', { name: 'Zeitraum' })).toBeTruthy();
    expect(widget('Spend').className).toBe('host-widget');
    await waitFor(() => expect(widget('Spend').querySelector('.host-kpi')).toBeTruthy());
    // A table's metric column takes the metric's (overridden) name.
    const headers = within(widget('Spend by client'))
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toContain('Ausgaben');
  });
});
