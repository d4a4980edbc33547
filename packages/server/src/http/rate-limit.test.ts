import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { silentLogger } from '../platform/logger.js';
import { photoJpeg } from '../dam/media/test-files.js';
import { localStorage } from '../platform/storage.js';
import { createTestInstance, type TestInstance } from '../testing/index.js';

// Failed authentications and public surfaces are rate-limited per client IP and per token, in the
// database, so every instance counts the same events.

let t: TestInstance;
let second: ReturnType<typeof createApp>;
const rateLimits = {
  failedAuthPerIp: { max: 5, windowSeconds: 60 },
  failedAuthPerToken: { max: 3, windowSeconds: 60 },
  publicPerIp: { max: 4, windowSeconds: 60 },
  trustProxy: true,
};
beforeAll(async () => {
  t = await createTestInstance({ rateLimits });
  second = createApp({ db: t.db, storage: localStorage(t.filesDir), secret: t.secret, clock: t.clock, logger: silentLogger, rateLimits });
});
afterAll(() => t.close());

const call = (path: string, ip: string, token: string, app = t.app) =>
  app.request(
    new Request(`http://spokestack.test${path}`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': `${ip}, 10.0.0.1` } }),
  );
const wrongKey = (n: number) => `sk_${'w'.repeat(31)}${n}`;

describe('failed authentications', () => {
  it('answer 429 with Retry-After past the limit per IP, on every instance, until the window passes', async () => {
    for (let i = 0; i < 4; i++) expect((await call('/v1/platform/me', '203.0.113.1', wrongKey(i))).status).toBe(401);
    // The fifth failure lands on another instance: the count is shared.
    expect((await call('/v1/platform/me', '203.0.113.1', wrongKey(4), second.app)).status).toBe(401);
    const limited = await call('/v1/platform/me', '203.0.113.1', wrongKey(5));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ status: 429, type: 'https://spokestack.dev/problems/rate-limited' });
    // The blocked IP is refused even with a good key; another IP is not.
    expect((await call('/v1/platform/me', '203.0.113.1', t.apiKey)).status).toBe(429);
    expect((await call('/v1/platform/me', '198.51.100.9', t.apiKey)).status).toBe(200);
    t.clock.advance(61_000);
    expect((await call('/v1/platform/me', '203.0.113.1', t.apiKey)).status).toBe(200);
  });

  it('limit one forged or revoked token however many IPs send it', async () => {
    const forged = `st_${Buffer.from('{"o":"x","u":"y","r":"OWNER","k":"z","exp":9999999999}').toString('base64url')}.${'A'.repeat(43)}`;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('/v1/platform/me', `192.0.2.${i + 10}`, forged)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('public surfaces', () => {
  it('are limited per IP and operation: review links answer 429 past the limit', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(`/v1/cms/review-links/rv_forged${i}.x`, '203.0.113.50', '')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect((await call('/v1/cms/review-links/rv_forged.x', '203.0.113.51', '')).status).toBe(401);
  });
});

describe('share-link passwords', () => {
  it('stop being guessed after a few wrong ones, from however many IPs; the link still opens, other links are untouched', async () => {
    const library = await t.sdk.dam.libraries.create({ name: 'Press', slug: 'press' });
    const file = await photoJpeg({ width: 64, height: 48 });
    const assetId = (await t.sdk.dam.assets.upload({ libraryId: library.id, file, fileName: 'kit.jpg' })).asset.id;
    const link = await t.sdk.dam.links.create({ assetId, password: 'correct horse 25' });
    const other = await t.sdk.dam.links.create({ assetId, password: 'another secret 25' });
    const download = (token: string, password: string, ip: string) =>
      t.app.request(
        new Request(`http://spokestack.test/v1/dam/public/links/${token}/download`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ password }),
        }),
      );
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await download(link.token, `guess-${i}-guess`, `192.0.2.${i + 100}`)).status);
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
    // Even the right password waits out the window now; viewing the link and other links are not affected.
    expect((await download(link.token, 'correct horse 25', '192.0.2.200')).status).toBe(429);
    expect((await call(`/v1/dam/public/links/${link.token}`, '192.0.2.201', '')).status).toBe(200);
    expect((await download(other.token, 'another secret 25', '192.0.2.202')).status).toBe(200);
    t.clock.advance(61_000);
    expect((await download(link.token, 'correct horse 25', '192.0.2.200')).status).toBe(200);
  });
});

describe('test instances', () => {
  it('have no limits unless a test turns them on', async () => {
    const open = await createTestInstance();
    try {
      const statuses = new Set<number>();
      for (let i = 0; i < 40; i++)
        statuses.add((await open.request('/v1/platform/me', { headers: { authorization: `Bearer ${wrongKey(i)}` } })).status);
      expect([...statuses]).toEqual([401]);
    } finally {
      await open.close();
    }
  });
});
