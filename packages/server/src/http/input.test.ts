import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

// Input the contracts cannot see: the bytes and type of a body, prototype keys, and requests that race.

let t: TestInstance;
let typeId: string;
beforeAll(async () => {
  t = await createTestInstance();
  typeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Note',
      slug: 'note',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    })
  ).id;
});
afterAll(() => t.close());

const post = (body: BodyInit, headers: Record<string, string>) => t.request('/v1/platform/clients', { method: 'POST', headers, body });

describe('JSON bodies', () => {
  it('refuses invalid UTF-8 with 400 instead of storing U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xc3, 0x28]), Buffer.from('","slug":"cafe"}')]);
    const reply = await post(bytes, { 'content-type': 'application/json' });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ errors: [{ path: 'body', message: 'The body is not valid UTF-8' }] });
    expect((await t.sdk.platform.clients.list()).data).toEqual([]);
  });

  it('answers 415 to JSON sent as another type or with none', async () => {
    const json = JSON.stringify({ name: 'Acme', slug: 'acme' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const reply = await t.app.request(
        new Request('http://spokestack.test/v1/platform/clients', {
          method: 'POST',
          headers: { authorization: `Bearer ${t.apiKey}`, ...(type ? { 'content-type': type } : {}) },
          body: new TextEncoder().encode(json),
        }),
      );
      expect(reply.status, String(type)).toBe(415);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await post(json, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(201);
  });

  it('treats a __proto__ key anywhere as an unknown field', async () => {
    const top = await post('{"name":"Proto","slug":"proto","__proto__":{"isAdmin":true}}', { 'content-type': 'application/json' });
    expect(top.status).toBe(400);
    expect(await top.json()).toMatchObject({ errors: [{ path: 'body.__proto__', message: 'Unknown field' }] });
    const nested = await t.request('/v1/cms/entries', {
      method: 'POST',
      body: `{"contentTypeId":"${typeId}","data":{"title":"x","__proto__":{"polluted":1}}}`,
    });
    expect(nested.status).toBe(400);
    expect(await nested.json()).toMatchObject({ errors: [{ path: 'body.data.__proto__', message: 'Unknown field' }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('every reply', () => {
  it('carries X-Content-Type-Options: nosniff, errors and documents included', async () => {
    for (const path of ['/v1/platform/me', '/v1/nowhere', '/v1/openapi.json', '/health'])
      expect((await t.request(path)).headers.get('x-content-type-options'), path).toBe('nosniff');
    expect((await t.request('/v1/platform/me', { headers: { authorization: 'Bearer nope' } })).headers.get('x-content-type-options')).toBe(
      'nosniff',
    );
  });
});

describe('HTML pages', () => {
  it('carry a strict CSP that runs no inline script or style, and forbids framing', async () => {
    for (const path of ['/', '/docs']) {
      const res = await t.request(path);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      const policy = res.headers.get('content-security-policy') ?? '';
      expect(policy, path).toContain("default-src 'none'");
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(policy, path).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
    // The home page runs no script at all; the hash allows exactly its own style block, so it still renders styled.
    const home = await t.request('/');
    const policy = home.headers.get('content-security-policy')!;
    expect(policy).not.toContain('script-src');
    const css = /<style>([\s\S]*?)<\/style>/.exec(await home.text())![1]!;
    expect(policy).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    // The reference runs only this server's own scripts (Swagger UI, served from the package).
    expect((await t.request('/docs')).headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('publishing', () => {
  it('is idempotent: 20 parallel publishes of one entry publish it once, with one activity', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title: 'Launch' } });
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => t.request(`/v1/cms/entries/${entry.id}/publish`, { method: 'POST', body: '{}' })),
    );
    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    expect(replies.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    const published = (await t.sdk.platform.activity.list({ entityId: entry.id, limit: 100 })).data.filter((a) => a.action === 'published');
    expect(published).toHaveLength(1);
    // A change makes the next publish a real one again.
    await t.sdk.cms.entries.update(entry.id, { data: { title: 'Launch v2' } });
    await t.sdk.cms.entries.publish(entry.id);
    expect(
      (await t.sdk.platform.activity.list({ entityId: entry.id, limit: 100 })).data.filter((a) => a.action === 'published'),
    ).toHaveLength(2);
  });
});
