import { problemTypes } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../src/testing/index.js';

// Every error reply comes from one renderer (http/problem.ts): problem+json with a `type` from core's
// problemTypes and the request id, whatever produced it — an operation, the body limit, the multipart
// upload, a route that does not exist or an operation refused on purpose.

let t: TestInstance;
let clientSession: string;
let publishable: string;
beforeAll(async () => {
  t = await createTestInstance();
  const client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const user = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: client.id });
  clientSession = (await t.sdk.platform.sessions.create({ userId: user.id })).token;
  publishable = (await t.sdk.platform.apiKeys.create({ name: 'site', kind: 'PUBLISHABLE' })).secret;
});
afterAll(() => t.close());

/** Asserts the one problem shape, with this status and type, and the request id of the reply. */
async function expectProblem(reply: Response, status: number, type: string) {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toBe('application/problem+json');
  const requestId = reply.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  const body = (await reply.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type, status, title: expect.any(String), requestId });
  return body;
}

const upload = (authorization: string, parts: Record<string, string | Blob> = { file: new Blob(['hi'], { type: 'text/plain' }) }) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) form.set(name, value);
  return t.request('/v1/platform/files', { method: 'POST', body: form, headers: { authorization } });
};

describe('the multipart upload', () => {
  it('answers 403 problems to read-only callers, like every JSON write', async () => {
    const client = await expectProblem(await upload(`Bearer ${clientSession}`), 403, problemTypes.forbidden);
    expect(client.detail).toBe('Client members have read-only access');
    const site = await expectProblem(await upload(`Bearer ${publishable}`), 403, problemTypes.forbidden);
    expect(site.detail).toMatch(/Publishable keys/);
    await expectProblem(await upload(''), 401, problemTypes.unauthorized);
    expect((await t.sdk.platform.files.list()).data).toEqual([]);
  });

  it('answers 400 problems to bodies that are not multipart or lack the file', async () => {
    const notMultipart = await t.request('/v1/platform/files', { method: 'POST', body: JSON.stringify({ file: 'x' }) });
    expect((await expectProblem(notMultipart, 400, problemTypes.validation)).errors).toEqual([
      { path: 'body', message: 'Send multipart/form-data with a "file" part' },
    ]);
    const noBoundary = await t.request('/v1/platform/files', {
      method: 'POST',
      body: '--x\r\n\r\n',
      headers: { 'content-type': 'multipart/form-data' },
    });
    await expectProblem(noBoundary, 400, problemTypes.validation);
    const textOnly = await upload(`Bearer ${t.apiKey}`, { file: 'not a file' });
    expect((await expectProblem(textOnly, 400, problemTypes.validation)).errors).toEqual([
      { path: 'body.file', message: 'Required: the file to upload' },
    ]);
  });
});

describe('routes that do not exist', () => {
  it('answer 404 problems, for every method', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nope'],
      ['POST', '/v1/platform/files/x/y'],
      ['GET', '/nope'],
    ] as const) {
      const body = await expectProblem(await t.request(path, { method }), 404, problemTypes.notFound);
      expect(body.detail).toBe(`No route ${method} ${path}`);
    }
  });

  it('answer 405 with Allow on a known path asked with another method', async () => {
    const reply = await t.request('/v1/platform/files', { method: 'DELETE' });
    expect(reply.headers.get('allow')).toBe('GET, HEAD, POST');
    await expectProblem(reply, 405, problemTypes.methodNotAllowed);
  });
});

describe('operations refused on purpose', () => {
  it('answer 405 problems whose Allow header lists what the path takes', async () => {
    const entryType = await t.sdk.cms.contentTypes.create({
      name: 'Note',
      slug: 'note',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: entryType.id, data: { title: 'Hello' } });
    const schedule = await t.sdk.cms.schedules.create({
      entryId: entry.id,
      action: 'PUBLISH',
      scheduledFor: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    });
    const refused = await t.request(`/v1/cms/schedules/${schedule.id}`, { method: 'DELETE' });
    expect(refused.headers.get('allow')).toBe('GET, HEAD, PATCH');
    await expectProblem(refused, 405, problemTypes.methodNotAllowed);
    // The methods it lists are served.
    expect((await t.request(`/v1/cms/schedules/${schedule.id}`)).status).toBe(200);

    const versions = await t.request('/v1/cms/versions', { method: 'POST', body: '{}' });
    expect(versions.headers.get('allow')).toBe('GET, HEAD');
    await expectProblem(versions, 405, problemTypes.methodNotAllowed);
  });
});
