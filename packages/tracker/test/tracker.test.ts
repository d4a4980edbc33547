import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { type TrackerPayload, trackerPayload } from '@spokestack/core/analytics';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeTracker } from '../scripts/build.js';

// The built tracker in Debian's Chromium: a tiny site on one port, a collector on another (so the
// beacons are cross-origin, as from a customer's site to SpokeStack), and what arrives checked against
// the payload contract the ingestion endpoint validates with.

interface Received {
  /** Which server it reached: the collector named by data-endpoint, or the site's own origin. */
  at: 'collector' | 'site';
  payload: TrackerPayload;
  contentType: string | undefined;
  cookie: string | undefined;
}

let code: string;
let site: Server;
let collector: Server;
let siteUrl: string;
let collectUrl: string;
let browser: Browser;
let received: Received[] = [];
const waiters: (() => void)[] = [];

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const readBody = async (req: IncomingMessage) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
};

/** A page of the test site: the optional queue snippet, the tracker tag, and a link-free body. */
function html(attributes: string, head = '') {
  return `<!doctype html><html><head><title>Shop</title>${head}
<script defer src="/tracker.js" ${attributes}></script></head><body><h1>Boots</h1></body></html>`;
}
const tag = () => `data-property="pk_test_shop" data-endpoint="${collectUrl}/v1/analytics/collect"`;
/** Records an event sent to `/v1/analytics/collect`, validated with the contract the endpoint uses. */
async function collect(at: Received['at'], req: IncomingMessage, res: ServerResponse) {
  if (req.method === 'POST' && req.url === '/v1/analytics/collect') {
    const body = await readBody(req);
    const payload = trackerPayload.parse(JSON.parse(body));
    received.push({ at, payload, contentType: req.headers['content-type'], cookie: req.headers.cookie });
    for (const wake of waiters.splice(0)) wake();
  }
  res.writeHead(202, { 'access-control-allow-origin': '*' }).end();
}
const queueSnippet = `<script>window.spokestack=window.spokestack||function(){(spokestack.q=spokestack.q||[]).push(arguments)};
spokestack('event','Early bird',{source:'snippet'});</script>`;

beforeAll(async () => {
  // The file `pnpm build` ships, read back from dist/: what is measured and run is what is served.
  code = await readFile(await writeTracker(), 'utf8');
  collector = createServer((req, res) => collect('collector', req, res));
  collectUrl = await listen(collector);
  site = createServer((req, res) => {
    if (req.method === 'POST') return void collect('site', req, res);
    const url = new URL(req.url!, 'http://site');
    if (url.pathname === '/tracker.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    const pages: Record<string, string> = {
      '/shop': html(tag()),
      '/queued': html(tag(), queueSnippet),
      '/default-endpoint': html('data-property="pk_test_shop"'),
    };
    const page = pages[url.pathname];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html' }).end(page ?? 'not found');
  });
  siteUrl = await listen(site);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await new Promise((resolve) => collector?.close(resolve));
});

beforeEach(() => {
  received = [];
});

/** Waits until `count` events have arrived (or fails after 5 s) and returns them. */
async function events(count: number): Promise<TrackerPayload[]> {
  const deadline = Date.now() + 5000;
  while (received.length < count && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, 100);
    });
  }
  expect(received.length, JSON.stringify(received.map((r) => r.payload))).toBe(count);
  return received.map((r) => r.payload);
}

async function open(path: string, init?: (context: BrowserContext) => Promise<unknown>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await init?.(context);
  const page = await context.newPage();
  await page.goto(`${siteUrl}${path}`);
  await page.waitForFunction(() => typeof window.spokestack === 'function' && !window.spokestack.q);
  return { context, page };
}

describe('the tracker in Chromium', () => {
  it('counts the pageview, with what the collector needs and nothing it should not get', async () => {
    const { context, page } = await open('/shop?utm_source=newsletter');
    const [pageview] = await events(1);
    expect(received[0]!.at).toBe('collector');
    expect(pageview).toEqual({ k: 'pk_test_shop', t: 'pageview', u: `${siteUrl}/shop?utm_source=newsletter`, r: '', w: 1280 });
    // text/plain: a CORS-safelisted type, so the cross-origin beacon needs no preflight.
    expect(received[0]!.contentType).toMatch(/^text\/plain/);
    expect(received[0]!.cookie).toBeUndefined();
    // No cookies and no storage, before or after.
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
    await context.close();
  });

  it('counts SPA navigation: pushState, replaceState and the back button, once per URL', async () => {
    const { context, page } = await open('/shop');
    await events(1);
    await page.evaluate(() => history.pushState({}, '', '/shop/boots?color=brown'));
    await events(2);
    // Same URL again (routers do this to store state): no new pageview.
    await page.evaluate(() => history.replaceState({ scroll: 120 }, ''));
    await page.evaluate(() => history.replaceState({}, '', '/shop/boots?color=black'));
    await events(3);
    await page.goBack();
    const all = await events(4);
    expect(all.map((e) => [e.t, new URL(e.u).pathname + new URL(e.u).search])).toEqual([
      ['pageview', '/shop'],
      ['pageview', '/shop/boots?color=brown'],
      ['pageview', '/shop/boots?color=black'],
      ['pageview', '/shop'],
    ]);
    await context.close();
  });

  it('sends custom events with properties, and conversions with a value', async () => {
    const { context, page } = await open('/shop');
    await events(1);
    await page.evaluate(() => {
      window.spokestack!('event', 'Newsletter signup', { plan: 'pro', seats: 3, trial: true });
      window.spokestack!('conversion', 'Purchase', 49.9, { sku: 'BOOT-42' });
      window.spokestack!('conversion', 'Quote request', '1200');
      window.spokestack!('conversion', 'Demo booked');
    });
    // sendBeacon requests arrive in any order: find each by its name.
    const all = await events(5);
    const named = (n: string) => all.find((e) => e.n === n);
    const [event, purchase, quote, demo] = ['Newsletter signup', 'Purchase', 'Quote request', 'Demo booked'].map(named);
    expect(event).toMatchObject({ t: 'event', n: 'Newsletter signup', p: { plan: 'pro', seats: 3, trial: true }, u: `${siteUrl}/shop` });
    expect(event!.v).toBeUndefined();
    expect(purchase).toMatchObject({ t: 'conversion', n: 'Purchase', v: '49.90', p: { sku: 'BOOT-42' } });
    expect(quote).toMatchObject({ t: 'conversion', n: 'Quote request', v: '1200.00' });
    expect(demo).toMatchObject({ t: 'conversion', n: 'Demo booked' });
    expect(demo!.v).toBeUndefined();
    await context.close();
  });

  it('replays calls queued by the snippet before the script loaded', async () => {
    const { context } = await open('/queued');
    const all = await events(2);
    expect(all.map((e) => [e.t, e.n ?? null])).toEqual(
      expect.arrayContaining([
        ['event', 'Early bird'],
        ['pageview', null],
      ]),
    );
    await context.close();
  });

  it('falls back to fetch with keepalive when sendBeacon is missing', async () => {
    const { context, page } = await open('/shop', (c) =>
      c.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'sendBeacon', { value: undefined });
        const original = window.fetch;
        const calls: { keepalive: boolean | undefined; credentials: string | undefined }[] = [];
        Object.assign(window, { fetchCalls: calls });
        window.fetch = (input, init) => {
          calls.push({ keepalive: init?.keepalive, credentials: init?.credentials });
          return original(input, init);
        };
      }),
    );
    await events(1);
    expect(await page.evaluate(() => (window as unknown as { fetchCalls: unknown[] }).fetchCalls)).toEqual([
      { keepalive: true, credentials: 'omit' },
    ]);
    await context.close();
  });

  it('sends to /v1/analytics/collect on its own origin when the tag names no endpoint', async () => {
    const { context } = await open('/default-endpoint');
    const [pageview] = await events(1);
    expect(pageview).toMatchObject({ t: 'pageview', u: `${siteUrl}/default-endpoint` });
    expect(received[0]!.at).toBe('site');
    await context.close();
  });

  describe.each([
    ['Do Not Track', () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' })],
    ['Global Privacy Control', () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })],
  ])('with %s on', (_, optOut) => {
    it('sends nothing at all, and calls to it still work', async () => {
      const { context, page } = await open('/shop', (c) => c.addInitScript(optOut));
      await page.evaluate(() => {
        window.spokestack!('event', 'Signup');
        window.spokestack!('conversion', 'Purchase', 10);
        history.pushState({}, '', '/elsewhere');
      });
      // Events in the other tests arrive within milliseconds; wait well past that.
      await new Promise((resolve) => setTimeout(resolve, 750));
      expect(received).toEqual([]);
      const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(urls.filter((u) => u.includes('/collect'))).toEqual([]);
      await context.close();
    });
  });
});

describe('dist/tracker.js', () => {
  it('is at most 1 KB gzipped', () => {
    const gzipped = gzipSync(code).length;
    console.log(`tracker.js: ${code.length} bytes minified, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(1024);
  });

  it('touches no cookie and no storage', () => {
    expect(code).not.toMatch(/cookie|localStorage|sessionStorage|indexedDB/);
  });
});
