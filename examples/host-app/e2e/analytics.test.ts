import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack, violations } from './harness.js';

// The analytics page in Chromium: a saved dashboard over real imported days, its totals as the API computes
// them, the picker re-running every widget, and both themes (screenshots to SCREENSHOT_DIR when set); then
// the demo website page's tracker counting a pageview that the rollup brings onto the dashboard, and the
// dashboard's share link opened without sign-in. axe finds nothing serious on any of them.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

it('shows a saved dashboard with the imported days and the tracked pageview, by keyboard, in both themes, and its share link', async () => {
  const { t } = stack;
  const client = await t.sdk.platform.clients.create({ name: 'Northwind', slug: 'northwind' });
  const meta = await t.sdk.analytics.platforms.create({ platform: 'META_ADS', name: 'Meta', accountId: 'act_9', credentials: {} });
  const google = await t.sdk.analytics.platforms.create({ platform: 'GOOGLE_ADS', name: 'Google', accountId: '123', credentials: {} });
  const spring = await t.sdk.analytics.adCampaigns.create({
    platformId: meta.id,
    externalId: 'spring',
    name: 'Spring sale',
    status: 'ACTIVE',
    currency: 'USD',
    clientId: client.id,
  });
  const brand = await t.sdk.analytics.adCampaigns.create({
    platformId: google.id,
    externalId: 'brand',
    name: 'Brand search',
    status: 'ACTIVE',
    currency: 'USD',
    clientId: client.id,
  });
  const rows = [];
  let spend30 = 0;
  for (let ago = 1; ago <= 60; ago++) {
    for (const [campaign, scale] of [
      [spring, 1.3],
      [brand, 0.7],
    ] as const) {
      const impressions = Math.round((9000 + 2500 * Math.sin(ago / 2)) * scale);
      const cents = Math.round(impressions * 0.9);
      if (ago <= 30) spend30 += cents;
      rows.push({
        campaignId: campaign.id,
        date: day(ago),
        spend: (cents / 100).toFixed(2),
        impressions,
        clicks: Math.round(impressions / 90),
        conversions: Math.round(impressions / 2000),
      });
    }
  }
  await t.sdk.analytics.metrics.upsert({ level: 'campaign', rows });
  const dashboard = await t.sdk.analytics.dashboards.create({ name: 'Northwind — monthly', clientId: client.id });
  const add = (title: string, config: Parameters<typeof t.sdk.analytics.dashboards.addWidget>[1]['config']) =>
    t.sdk.analytics.dashboards.addWidget(dashboard.id, { title, config });
  await add('Spend', { metric: 'spend', chart: 'kpi' });
  await add('Clicks', { metric: 'clicks', chart: 'kpi' });
  await add('Cost per click', { metric: 'cpc', chart: 'kpi' });
  await add('ROAS', { metric: 'roas', chart: 'kpi' });
  await add('Clicks by day', { metric: 'clicks', chart: 'line', interval: 'day' });
  await add('Spend by platform', { metric: 'spend', chart: 'pie', dimension: 'platform' });
  await add('Spend by campaign', { metric: 'spend', chart: 'bar', dimension: 'campaign' });
  await add('Impressions by week', { metric: 'impressions', chart: 'area', interval: 'week', dimension: 'campaign' });
  await add('Pageviews', { metric: 'pageviews', chart: 'kpi' });
  // The client's website is where the host app runs: the demo website page's beacons come from this host.
  const property = await t.sdk.analytics.webProperties.create({
    name: 'Northwind website',
    domain: new URL(stack.appUrl).hostname,
    clientId: client.id,
  });

  const page = await stack.open('#/analytics');
  await page.setViewportSize({ width: 1440, height: 900 });
  const spendTile = page.getByRole('article', { name: 'Spend', exact: true });
  const expected = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(spend30 / 100);
  await expect.poll(() => spendTile.locator('[data-part="value"]').textContent()).toBe(expected);
  await page.locator('.recharts-surface').first().waitFor();
  await expect.poll(() => page.locator('[data-scope="analytics-widget"][data-state="loading"]').count()).toBe(0);

  const shots = process.env.SCREENSHOT_DIR;
  if (shots) await page.screenshot({ path: `${shots}/analytics-light.png`, fullPage: true });

  // The chart's figures as a visible table, by keyboard.
  const clicksByDay = page.getByRole('article', { name: 'Clicks by day' });
  await clicksByDay.getByRole('button', { name: 'Show as table' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => clicksByDay.getByRole('table').isVisible()).toBe(true);

  // Another range re-runs every widget: the last 7 days spent less than the last 30.
  await page.getByRole('combobox', { name: 'Date range' }).selectOption('last_7_days');
  await expect.poll(async () => (await spendTile.locator('[data-part="value"]').textContent()) !== expected).toBe(true);

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('combobox', { name: 'Date range' }).selectOption('last_30_days');
  await expect.poll(() => spendTile.locator('[data-part="value"]').textContent()).toBe(expected);
  await page.getByRole('button', { name: 'Show as chart' }).click();
  if (shots) await page.screenshot({ path: `${shots}/analytics-dark.png`, fullPage: true });
  expect(await page.locator('body').textContent()).not.toMatch(/NaN|Infinity/);

  // A visitor on the demo website page (a desktop Chrome: headless Chromium's own user agent is a bot's,
  // which the collector drops). The built tracker sends the pageview; the rollup brings it onto the dashboard.
  const visitor = await stack.browser.newContext({
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  });
  const site = await visitor.newPage();
  await site.goto(`${stack.appUrl}/demo-site?property=${property.id}`);
  await site.waitForFunction(() => typeof (window as { spokestack?: unknown }).spokestack === 'function');
  expect(await violations(site)).toEqual([]);
  await expect.poll(async () => (await t.sdk.analytics.webProperties.realtime(property.id)).visitors, { timeout: 10_000 }).toBe(1);
  await visitor.close();
  await t.sdk.analytics.webProperties.rollup(property.id, day(0));
  const pageviews = page.getByRole('article', { name: 'Pageviews', exact: true }).locator('[data-part="value"]');
  await page.getByRole('combobox', { name: 'Date range' }).selectOption('this_month');
  // Nine widgets re-run on two busy cores: longer than expect.poll's default second.
  await expect.poll(() => pageviews.textContent(), { timeout: 15_000 }).toBe('1');
  await expect.poll(() => page.locator('[data-scope="analytics-widget"][data-state="loading"]').count()).toBe(0);
  expect(await violations(page)).toEqual([]);
  await page.close();

  // The share link in a browser of its own: no key, no session, the dashboard read-only.
  const share = await t.sdk.analytics.dashboards.share(dashboard.id);
  const outsider = await stack.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const shared = await outsider.newPage();
  await shared.goto(`${stack.appUrl}/share/dashboard/${share.token}`);
  const sharedSpend = shared.getByRole('article', { name: 'Spend', exact: true }).locator('[data-part="value"]');
  await expect.poll(() => sharedSpend.textContent(), { timeout: 15_000 }).toBe(expected);
  await expect.poll(() => shared.locator('[data-scope="analytics-widget"][data-state="loading"]').count(), { timeout: 15_000 }).toBe(0);
  expect(await shared.getByRole('button', { name: /delete|remove|add widget/i }).count()).toBe(0);
  if (shots) await shared.screenshot({ path: `${shots}/analytics-shared.png`, fullPage: true });
  expect(await violations(shared)).toEqual([]);
  await outsider.close();
});

it('imports a Meta Ads export through the wizard, and the dashboard totals what the file says', async () => {
  const { t } = stack;
  const connection = await t.sdk.analytics.platforms.create({
    platform: 'META_ADS',
    name: 'Acme Meta',
    accountId: 'act_42',
    credentials: {},
  });
  const file = new URL('../../../packages/server/test/fixtures/analytics/meta-ads-ad-daily.csv', import.meta.url).pathname;
  // The file's own totals: Meta's "Total" line (no campaign), read by header name.
  const cells = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, ''));
  const [header, totalLine] = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  const total = (name: string) => cells(totalLine!)[cells(header!).indexOf(name)]!;
  const usd = (value: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(value));
  const dashboard = await t.sdk.analytics.dashboards.create({ name: 'Acme — imported' });
  const range = { from: '2026-09-01', to: '2026-09-02' };
  for (const [title, metric] of [
    ['Imported spend', 'spend'],
    ['Imported impressions', 'impressions'],
  ] as const)
    await t.sdk.analytics.dashboards.addWidget(dashboard.id, {
      title,
      config: { metric, chart: 'kpi', dateRange: range, filters: { platformId: connection.id } },
    });

  const page = await stack.open('#/analytics');
  const shots = process.env.SCREENSHOT_DIR;
  await page.getByRole('button', { name: 'Import a CSV export' }).click();
  const wizard = page.getByRole('region', { name: 'Import a report export' });
  await wizard.getByLabel('Ad account').selectOption({ label: 'Acme Meta · Meta' });
  await wizard.getByLabel('CSV export').setInputFiles(file);
  await expect.poll(() => wizard.getByText('Detected: Meta').isVisible()).toBe(true);
  expect(await wizard.getByRole('table', { name: 'Columns' }).textContent()).toContain('Amount spent (USD)');
  if (shots) await page.screenshot({ path: `${shots}/analytics-import-preview.png`, fullPage: true });
  expect(await violations(page)).toEqual([]);
  await wizard.getByRole('button', { name: 'Import' }).click();
  const result = wizard.locator('[data-part="result"]');
  await result.waitFor();
  expect(await result.locator('[data-sum="spend"] dd').textContent()).toBe(usd(total('Amount spent (USD)')));
  expect(await result.textContent()).toContain('No line was refused.');
  if (shots) await page.screenshot({ path: `${shots}/analytics-import-done.png`, fullPage: true });
  expect(await violations(page)).toEqual([]);

  // The dashboard over the file's days shows the file's totals.
  await page.getByRole('button', { name: 'Close the import' }).click();
  await page.getByLabel('Dashboard').selectOption({ label: 'Acme — imported' });
  await page.getByRole('combobox', { name: 'Date range' }).selectOption('custom');
  await page.getByLabel('From').fill(range.from);
  await page.getByLabel('To').fill(range.to);
  const tile = (name: string) => page.getByRole('article', { name, exact: true }).locator('[data-part="value"]');
  await expect.poll(() => tile('Imported spend').textContent()).toBe(usd(total('Amount spent (USD)')));
  const impressions = new Intl.NumberFormat('en-US').format(Number(total('Impressions')));
  await expect.poll(() => tile('Imported impressions').textContent()).toBe(impressions);
  await page.locator('[data-part="sparkline"]').first().waitFor();
  if (shots) await page.screenshot({ path: `${shots}/analytics-imported-dashboard.png`, fullPage: true });
  expect(await violations(page)).toEqual([]);
  await page.close();
});
