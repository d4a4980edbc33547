import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { refusedDescription, rolesSentence } from '@spokestack/core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

// The API reference: an OpenAPI document a person can read (every operation explained, grouped by feature, with
// examples and the credentials it takes), served at /docs by a reference UI shipped in the package.

type Json = Record<string, unknown>;
type Doc = {
  tags: { name: string; description: string }[];
  security: Json[];
  paths: Record<string, Record<string, Json & { operationId: string; tags: string[]; security: Json[] }>>;
  components: { securitySchemes: Record<string, Json> };
};

let t: TestInstance;
let doc: Doc;
let byId: Map<string, Doc['paths'][string][string]>;
beforeAll(async () => {
  t = await createTestInstance();
  doc = (await (await t.request('/v1/openapi.json')).json()) as Doc;
  byId = new Map(Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => [op.operationId, op] as const)));
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('has a summary and a description written for a person on every operation', () => {
    const lacking = t.router.operations
      .filter((op) => op.summary.trim().length < 8 || (op.description?.trim().length ?? 0) < 40)
      .map((op) => op.id);
    expect(lacking).toEqual([]);
    // The document shows both, after who may call it.
    for (const op of t.router.operations)
      expect(byId.get(op.id), op.id).toMatchObject({ summary: op.summary, description: `${rolesSentence(op)}\n\n${op.description}` });
  });

  it('groups operations by feature, each tag described', () => {
    const used = new Set(t.router.operations.map((op) => op.tag));
    expect(doc.tags.map((tag) => tag.name).sort()).toEqual([...used].sort());
    expect(doc.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(['Platform', 'CMS', 'Delivery', 'DAM', 'CRM', 'Analytics']));
    for (const tag of doc.tags) expect(tag.description.length, tag.name).toBeGreaterThan(40);
  });

  it('declares the three credentials, and which of them each operation takes', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['publishableKey', 'secretKey', 'session']);
    for (const scheme of Object.values(doc.components.securitySchemes)) expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ secretKey: [] }, { session: [] }]);
    // The delivery API welcomes publishable keys; minting sessions takes a secret key only; review links none.
    expect(byId.get('cms.delivery.list')!.security).toEqual([{ secretKey: [] }, { session: [] }, { publishableKey: [] }]);
    expect(byId.get('platform.sessions.create')!.security).toEqual([{ secretKey: [] }]);
    expect(byId.get('cms.reviewLinks.decide')!.security).toEqual([]);
    expect(byId.get('crm.contacts.create')!.security).toEqual([{ secretKey: [] }, { session: [] }]);
  });

  it('gives an example of every JSON request and reply', () => {
    // Routes that only refuse (405) have no reply to show, and free-form bodies (tus protocol replies) no shape.
    const refused = new Set(t.router.operations.filter((op) => op.description === refusedDescription).map((op) => op.id));
    const shaped = (media: Json) => ['type', '$ref', 'anyOf', 'oneOf', 'allOf'].some((key) => key in (media.schema as Json));
    const without: string[] = [];
    for (const op of byId.values()) {
      if (refused.has(op.operationId)) continue;
      const body = (op.requestBody as { content?: Record<string, Json> } | undefined)?.content?.['application/json'];
      if (body && shaped(body) && !('example' in body)) without.push(`${op.operationId} request`);
      for (const [status, reply] of Object.entries(op.responses as Record<string, { content?: Record<string, Json> }>)) {
        const json = reply.content?.['application/json'];
        if (json && shaped(json) && !('example' in json)) without.push(`${op.operationId} ${status}`);
      }
    }
    expect(refused.size).toBeLessThan(40);
    expect(without).toEqual([]);
    const create = byId.get('crm.contacts.create')!.requestBody as { content: { 'application/json': { example: Json } } };
    expect(create.content['application/json'].example).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@northwind.example',
    });
  });
});

describe('/docs', () => {
  const csp = (reply: Response) => reply.headers.get('content-security-policy') ?? '';

  it('serves the reference UI under a strict Content Security Policy', async () => {
    const page = await t.request('/docs', { headers: { authorization: '' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const policy = csp(page);
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"])
      expect(policy).toContain(directive);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    const html = await page.text();
    // Nothing inline for the policy to allow: every script and style is a file of this server.
    expect(html).not.toMatch(/<style|<script>|\son\w+=/);
    expect(html).toContain('id="reference"');
  });

  it('ships its assets: nothing comes from a CDN, so it works offline', async () => {
    const html = await (await t.request('/docs')).text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toEqual(
      expect.arrayContaining(['/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui-bundle.js', '/docs/assets/init.js']),
    );
    for (const url of urls) expect(url, url).toMatch(/^\//);
    const types: Record<string, string> = { css: 'text/css', js: 'text/javascript' };
    for (const url of urls.filter((u) => u.startsWith('/docs/assets/'))) {
      const asset = await t.request(url, { headers: { authorization: '' } });
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get('content-type'), url).toContain(types[url.split('.').pop()!]);
      expect(csp(asset), url).toBe(csp(await t.request('/docs')));
      const text = await asset.text();
      expect(text.length, url).toBeGreaterThan(url.endsWith('init.js') ? 100 : 100_000);
    }
    // The UI reads this server's document.
    const init = await (await t.request('/docs/assets/init.js')).text();
    expect(init).toContain("url: '/v1/openapi.json'");
    expect(init).toContain('validatorUrl: null');
  });
});

describe('/docs in a browser', () => {
  it('renders every feature with no request leaving the server and nothing refused by its policy', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      // A CSP violation or a script error shows up as a console error or a page error.
      const problems: string[] = [];
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      const elsewhere: string[] = [];
      page.on(
        'request',
        (request) => !request.url().startsWith(origin) && !request.url().startsWith('data:') && elsewhere.push(request.url()),
      );
      await page.goto(`${origin}/docs`);
      await page.locator('.opblock-tag').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('.opblock-tag').allInnerTexts()).toEqual(doc.tags.map((tag) => expect.stringContaining(tag.name)));
      // An operation opens with its description, and Authorize offers the three credentials.
      await page.locator('.opblock-tag', { hasText: 'Delivery' }).click();
      await page.locator('.opblock-summary', { hasText: '/v1/delivery/{type}' }).first().click();
      await page.getByText('Published entries of a content type for public sites').waitFor();
      await page.locator('.btn.authorize').click();
      for (const scheme of ['secretKey', 'publishableKey', 'session']) await page.getByText(scheme, { exact: true }).waitFor();
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 90_000);
});
