import type { SpokeStack } from '@spokestack/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../cms/delivery-sql.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let betaViewer: SpokeStack;
let property: { id: string };

const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** What `navigator.sendBeacon` sends: JSON as text/plain, the page's Origin, no credentials. */
function beacon(body: object | string, headers: Record<string, string> = {}) {
  return t.app.request(
    new Request('http://spokestack.test/v1/analytics/collect', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example.com', 'user-agent': chrome, ...headers },
    }),
  );
}
const at = async (time: string, body: object, headers: Record<string, string> = {}) => {
  t.clock.set(time);
  const response = await beacon(body, headers);
  expect(response.status).toBe(204);
  return response;
};
const visitorA = { 'x-forwarded-for': '203.0.113.9', 'cf-ipcountry': 'DE' };
const visitorB = { 'x-forwarded-for': '198.51.100.7', 'user-agent': iphone };

beforeAll(async () => {
  // Behind a proxy the app trusts, so the visitors' forwarded IPs tell them apart (collect-ip.test.ts covers the untrusted case).
  t = await createTestInstance({
    now: '2026-09-01T09:00:00Z',
    rateLimits: { trustProxy: true, publicPerIp: { max: 10_000, windowSeconds: 60 } },
  });
  other = await t.createOrg('Rival Agency');
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const beta = await t.sdk.platform.clients.create({ name: 'Beta', slug: 'beta' });
  property = await t.sdk.analytics.webProperties.create({ name: 'Acme shop', domain: 'shop.example.com', clientId: acme.id });
  const viewer = await t.sdk.platform.users.create({ email: 'v@beta.test', name: 'V', role: 'CLIENT', clientId: beta.id });
  betaViewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: viewer.id, expiresIn: 86_400 })).token);

  const k = property.id;
  const first = await at(
    '2026-09-01T10:00:00Z',
    { k, t: 'pageview', u: 'https://shop.example.com/', r: 'https://www.google.com/' },
    visitorA,
  );
  expect(first.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
  expect(first.headers.get('set-cookie')).toBeNull();
  await at('2026-09-01T10:05:00Z', { k, t: 'pageview', u: 'https://shop.example.com/pricing' }, visitorA);
  await at('2026-09-01T10:06:00Z', { k, t: 'conversion', n: 'signup', u: 'https://shop.example.com/pricing', v: '49.00' }, visitorA);
  await at(
    '2026-09-01T10:10:00Z',
    { k, t: 'pageview', u: 'https://www.shop.example.com/?utm_source=newsletter&utm_medium=email', w: 390 },
    visitorB,
  );
  await at('2026-09-01T10:11:00Z', { k, t: 'event', n: 'video_play', u: 'https://shop.example.com/' }, visitorB);
  // Visitor A again after more than 30 minutes: a second session.
  await at('2026-09-01T11:00:00Z', { k, t: 'pageview', u: 'https://shop.example.com/' }, visitorA);
  await at(
    '2026-09-01T11:01:00Z',
    { k, t: 'pageview', u: 'https://shop.example.com/' },
    { ...visitorB, 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' },
  );
});
afterAll(() => t.close());

describe('web analytics ingestion', () => {
  it('refuses other sites, unknown properties and malformed bodies', async () => {
    const k = property.id;
    expect((await beacon({ k, t: 'pageview', u: 'https://evil.example.net/' })).status).toBe(403);
    expect((await beacon({ k, t: 'pageview', u: 'https://shop.example.com/' }, { origin: 'https://evil.example.net' })).status).toBe(403);
    expect((await beacon({ k: 'nope', t: 'pageview', u: 'https://shop.example.com/' })).status).toBe(404);
    const bad = await beacon('{"k":');
    expect(bad.status).toBe(400);
    expect((await bad.json()) as object).toMatchObject({ errors: [{ path: 'body' }] });
    expect((await beacon({ k, t: 'event', u: 'https://shop.example.com/' })).status).toBe(400);
  });

  it('stores events in their day partition, without bots', async () => {
    const partitions = rowsOf<{ relname: string }>(
      await t.db.execute(sql`select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'web_events'::regclass order by c.relname`),
    );
    expect(partitions.map((p) => p.relname)).toEqual(['web_events_20260901', 'web_events_20260902', 'web_events_default']);
    const [counts] = rowsOf<{ day: number; fallback: number }>(
      await t.db.execute(
        sql`select (select count(*)::int from web_events_20260901) as day, (select count(*)::int from web_events_default) as fallback`,
      ),
    );
    expect(counts).toEqual({ day: 6, fallback: 0 });
  });

  it('counts visitors of the last 5 minutes', async () => {
    t.clock.set('2026-09-01T10:10:30Z');
    expect(await t.sdk.analytics.webProperties.realtime(property.id)).toMatchObject({
      visitors: 2,
      pageviews: 1,
      pages: [{ path: '/', visitors: 1 }],
    });
    t.clock.set('2026-09-01T11:03:00Z');
    expect(await t.sdk.analytics.webProperties.realtime(property.id)).toMatchObject({ visitors: 1, pageviews: 1 });
    expect((await problem(betaViewer.analytics.webProperties.realtime(property.id))).status).toBe(404);
    expect((await problem(other.sdk.analytics.webProperties.realtime(property.id))).status).toBe(404);
  });

  it("rolls a day up into the spec's aggregates, with the same numbers when run again", async () => {
    const snapshot = async () => {
      const pages = await t.sdk.analytics.pageMetrics.list({ propertyId: property.id, sort: 'pagePath' });
      const sessions = await t.sdk.analytics.sessionAggregates.list({ propertyId: property.id, sort: 'dimensionType,dimensionValue' });
      const conversions = await t.sdk.analytics.conversions.list({ propertyId: property.id });
      const events = await t.sdk.analytics.eventMetrics.list({ propertyId: property.id });
      const strip = <T extends { id: string; createdAt: string }>(rows: T[]) => rows.map(({ id: _, createdAt: __, ...rest }) => rest);
      return { pages: strip(pages.data), sessions: strip(sessions.data), conversions: strip(conversions.data), events: strip(events.data) };
    };
    const result = await t.sdk.analytics.webProperties.rollup(property.id, '2026-09-01');
    expect(result).toEqual({ date: '2026-09-01', pages: 2, events: 1, conversions: 1, sessions: 12, rawEvents: 6 });
    const first = await snapshot();
    expect(first.pages.map((p) => [p.pagePath, p.pageviews, p.uniquePageviews])).toEqual([
      ['/', 3, 2],
      ['/pricing', 1, 1],
    ]);
    expect(first.events).toEqual([expect.objectContaining({ eventName: 'video_play', eventCount: 1, uniqueEvents: 1 })]);
    expect(first.conversions).toEqual([
      expect.objectContaining({
        goalName: 'signup',
        completions: 1,
        value: '49.00',
        sourceMedium: '(direct) / direct',
        conversionRate: '0.5000',
      }),
    ]);
    const dims = first.sessions.map((s) => [s.dimensionType, s.dimensionValue, s.sessions, s.users, s.pageviews, s.bounceRate]);
    expect(dims).toEqual([
      ['browser', 'Chrome', 2, 1, 3, '50.00'],
      ['browser', 'Safari', 1, 1, 1, '100.00'],
      ['country', '(unknown)', 1, 1, 1, '100.00'],
      ['country', 'DE', 2, 1, 3, '50.00'],
      ['device', 'desktop', 2, 1, 3, '50.00'],
      ['device', 'mobile', 1, 1, 1, '100.00'],
      ['medium', 'direct', 1, 1, 1, '100.00'],
      ['medium', 'email', 1, 1, 1, '100.00'],
      ['medium', 'search', 1, 1, 2, '0.00'],
      ['source', '(direct)', 1, 1, 1, '100.00'],
      ['source', 'google', 1, 1, 2, '0.00'],
      ['source', 'newsletter', 1, 1, 1, '100.00'],
    ]);
    expect(await t.sdk.analytics.webProperties.rollup(property.id, '2026-09-01')).toEqual(result);
    expect(await snapshot()).toEqual(first);
    expect((await problem(other.sdk.analytics.webProperties.rollup(property.id, '2026-09-01'))).status).toBe(404);
    expect((await problem(betaViewer.analytics.webProperties.rollup(property.id, '2026-09-01'))).status).toBe(403);
  });

  it('rolls the day up by itself once it is over', async () => {
    const property2 = await t.sdk.analytics.webProperties.create({ name: 'Blog', domain: 'blog.example.com' });
    await at(
      '2026-09-01T12:00:00Z',
      { k: property2.id, t: 'pageview', u: 'https://blog.example.com/hello' },
      { origin: 'https://blog.example.com' },
    );
    t.clock.set('2026-09-02T00:29:00Z');
    await t.runJobs();
    expect((await t.sdk.analytics.pageMetrics.list({ propertyId: property2.id })).data).toEqual([]);
    t.clock.set('2026-09-02T00:31:00Z');
    await t.runJobs();
    expect((await t.sdk.analytics.pageMetrics.list({ propertyId: property2.id })).data).toEqual([
      expect.objectContaining({ date: '2026-09-01', pagePath: '/hello', pageviews: 1 }),
    ]);
  });
});
