import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { serve } from '@hono/node-server';
import { createTestInstance, type TestInstance } from '@spokestack/server/testing';
import { type Browser, type Page, chromium } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export interface Stack {
  /** The server side: database, app, SDK with the organization's secret key. */
  t: TestInstance;
  /** The host app's origin, e.g. `http://127.0.0.1:41234`. */
  appUrl: string;
  browser: Browser;
  /** A fresh page signed in with `credential` (default: the organization's API key). */
  open(path?: string, credential?: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The whole product on localhost for a browser test: the reference server (real HTTP, migrated
 * database), the host example app served by Vite and proxied to it, and Debian's Chromium.
 *
 * @example const stack = await startStack(); const page = await stack.open('#/components')
 */
export async function startStack(): Promise<Stack> {
  const t = await createTestInstance();
  const api = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => api.once('listening', resolve));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  // The app's vite.config.ts reads the API address, and its session backend the secret key, when it loads.
  process.env.SPOKESTACK_API_URL = apiUrl;
  process.env.SPOKESTACK_SECRET_KEY = t.apiKey;
  const vite: ViteDevServer = await createServer({
    configFile: new URL('../vite.config.ts', import.meta.url).pathname,
    root: new URL('..', import.meta.url).pathname,
    server: { port: 0, strictPort: false, host: '127.0.0.1', hmr: false },
    logLevel: 'warn',
  });
  await vite.listen();
  const appUrl = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  return {
    t,
    appUrl,
    browser,
    async open(path = '', credential = t.apiKey) {
      // A context of its own (not browser.newPage's implicit one): axe opens a page beside it to assemble results.
      const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${appUrl}/?key=${encodeURIComponent(credential)}${path}`);
      return page;
    },
    async close() {
      await browser.close();
      await vite.close();
      await new Promise((resolve) => api.close(resolve));
      await t.close();
    },
  };
}

/**
 * The serious and critical axe violations of what is on screen (or of `include`), as readable lines; empty when
 * there are none, so a test can `expect(await violations(page)).toEqual([])` and read what failed.
 *
 * @example expect(await violations(page, '[role="dialog"]')).toEqual([])
 */
export async function violations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim()}`));
}
