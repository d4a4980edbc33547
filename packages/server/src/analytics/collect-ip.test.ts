import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, proxyTrust } from '../http/rate-limit.js';
import { trustProxySetting } from '../serve.js';
import { createTestInstance } from '../testing/index.js';

// `/collect` is a public surface: the router limits it per client IP with the platform's limiter, and
// that IP — also what the visitor hash is made of — comes from `X-Forwarded-For` only behind a proxy
// the app is configured to trust. Otherwise anyone could dodge the limit, or pose as many visitors,
// by sending a different header each time.

const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const limit = { max: 3, windowSeconds: 60 };

async function setUp(trustProxy: boolean | string[]) {
  const t = await createTestInstance({ now: '2026-09-01T09:00:00Z', rateLimits: { trustProxy, publicPerIp: limit } });
  const property = await t.sdk.analytics.webProperties.create({ name: 'Shop', domain: 'shop.example.com' });
  // `peer` is the socket's address, where `@hono/node-server` puts it.
  const beacon = (forwardedFor: string, peer?: string) =>
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
      undefined,
      peer ? { incoming: { socket: { remoteAddress: peer } } } : undefined,
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

describe('/collect behind listed proxies', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp(['10.0.0.0/8']);
  });
  afterAll(() => s.t.close());

  it('takes the hop our proxy appended, never one the client wrote, and ignores the header from anyone else', async () => {
    // The client forges a left-hand hop each time; our proxy (10.0.0.5) appends the address it saw.
    for (const forged of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
      expect((await s.beacon(`${forged}, 198.51.100.7`, '10.0.0.5')).status).toBe(204);
    expect((await s.beacon('203.0.113.4, 198.51.100.7', '::ffff:10.0.0.9')).status).toBe(429);
    expect((await s.beacon('198.51.100.8, 10.0.0.7', '10.0.0.5')).status).toBe(204);
    // Straight from the internet, the header is the client's own claim: the socket's address counts.
    expect((await s.beacon('198.51.100.7', '203.0.113.200')).status).toBe(204);
    expect(await s.t.sdk.analytics.webProperties.realtime(s.property.id)).toMatchObject({ visitors: 3, pageviews: 5 });
  });

  it('reads addresses and ranges, and refuses a setting that is neither', () => {
    const trust = proxyTrust(['10.0.0.0/8', '2001:db8::1']);
    expect(clientAddress('10.1.1.1', '198.51.100.1, 2001:db8::1, 10.2.2.2', trust)).toBe('198.51.100.1');
    expect(clientAddress('10.1.1.1', '10.3.3.3', trust)).toBe('10.3.3.3');
    expect(clientAddress('192.0.2.1', '198.51.100.1', trust)).toBe('192.0.2.1');
    expect(clientAddress(undefined, '198.51.100.1', trust)).toBe('unknown');
    expect(clientAddress('::ffff:192.0.2.1', '198.51.100.1', false)).toBe('192.0.2.1');
    expect(trustProxySetting('10.0.0.0/8, 192.168.1.4')).toEqual(['10.0.0.0/8', '192.168.1.4']);
    expect(trustProxySetting('1')).toBe(true);
    expect(trustProxySetting('')).toBe(false);
    expect(() => trustProxySetting('10.0.0.0/33')).toThrow(/SPOKESTACK_TRUST_PROXY/);
    expect(() => trustProxySetting('proxy.internal')).toThrow(/CIDR/);
  });
});
