import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance } from '../testing/index.js';

// `/collect` is a public surface: the router limits it per client IP with the platform's limiter, and
// that IP — also what the visitor hash is made of — comes from `X-Forwarded-For` only behind a proxy
// the app is configured to trust. Otherwise anyone could dodge the limit, or pose as many visitors,
// by sending a different header each time.

const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const limit = { max: 3, windowSeconds: 60 };

async function setUp(trustProxy: boolean) {
  const t = await createTestInstance({ now: '2026-09-01T09:00:00Z', rateLimits: { trustProxy, publicPerIp: limit } });
  const property = await t.sdk.analytics.webProperties.create({ name: 'Shop', domain: 'shop.example.com' });
  const beacon = (forwardedFor: string) =>
    t.app.request(
      new Request('http://spokestack.test/v1/analytics/collect', {
        method: 'POST',
        body: JSON.stringify({ k: property.id, t: 'pageview', u: 'https://shop.example.com/' }),
        headers: {
          'content-type': 'text/plain',
          origin: 'https://shop.example.com',
          'user-agent': chrome,
          'x-forwarded-for': forwardedFor,
        },
      }),
    );
  return { t, property, beacon };
}

describe('/collect without a trusted proxy', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp(false);
  });
  afterAll(() => s.t.close());

  it('ignores X-Forwarded-For: a new header each time neither escapes the limit nor makes new visitors', async () => {
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) expect((await s.beacon(ip)).status).toBe(204);
    const limited = await s.beacon('203.0.113.4');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ status: 429, type: 'https://spokestack.dev/problems/rate-limited' });
    // Three pageviews, one visitor: the forged addresses never reached the visitor hash.
    expect(await s.t.sdk.analytics.webProperties.realtime(s.property.id)).toMatchObject({ visitors: 1, pageviews: 3 });
  });

  it('counts again once the window has passed', async () => {
    s.t.clock.advance(61_000);
    expect((await s.beacon('203.0.113.5')).status).toBe(204);
  });
});

describe('/collect behind a trusted proxy', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp(true);
  });
  afterAll(() => s.t.close());

  it('limits each forwarded client IP on its own and hashes each as its own visitor', async () => {
    for (let i = 0; i < 3; i++) expect((await s.beacon('198.51.100.7, 10.0.0.1')).status).toBe(204);
    expect((await s.beacon('198.51.100.7, 10.0.0.2')).status).toBe(429);
    expect((await s.beacon('198.51.100.8, 10.0.0.1')).status).toBe(204);
    expect(await s.t.sdk.analytics.webProperties.realtime(s.property.id)).toMatchObject({ visitors: 2, pageviews: 4 });
  });
});
