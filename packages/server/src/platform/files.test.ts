import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestInstance, type TestInstance } from '../testing/index.js';
import { silentLogger } from './logger.js';

// Uploads and downloads are router operations like every other: the same checks of what they refer
// to, the same problems, and a place in the OpenAPI document.

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
beforeAll(async () => {
  t = await createTestInstance();
  other = await t.createOrg('Rival Agency');
});
afterAll(() => t.close());

const upload = (parts: Record<string, string>) => {
  const form = new FormData();
  form.set('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
  for (const [name, value] of Object.entries(parts)) form.set(name, value);
  return t.request('/v1/platform/files', { method: 'POST', body: form });
};
/** A reply as the caller sees it, without the request id that differs on every reply. */
const seen = async (reply: Response) => {
  const { requestId: _, ...body } = (await reply.json()) as Record<string, unknown>;
  return { status: reply.status, type: reply.headers.get('content-type'), body };
};

describe('uploads', () => {
  it('take a client and project of the organization', async () => {
    const client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
    const project = await t.sdk.platform.projects.create({ name: 'Launch', clientId: client.id });
    const reply = await upload({ clientId: client.id, projectId: project.id, name: 'brief.txt' });
    expect(reply.status).toBe(201);
    expect(await reply.json()).toMatchObject({ name: 'brief.txt', clientId: client.id, projectId: project.id, size: 5 });
  });

  it("answer another organization's client or project exactly like one that does not exist", async () => {
    const theirClient = await other.sdk.platform.clients.create({ name: 'Theirs', slug: 'theirs' });
    const theirProject = await other.sdk.platform.projects.create({ name: 'Theirs' });
    const before = (await t.sdk.platform.files.list()).data.length;
    for (const field of ['clientId', 'projectId'] as const) {
      const theirs = await seen(await upload({ [field]: field === 'clientId' ? theirClient.id : theirProject.id }));
      const madeUp = await seen(await upload({ [field]: 'no-such-record-000000' }));
      expect(theirs.status).toBe(400);
      expect(theirs.body.errors).toEqual([{ path: `body.${field}`, message: expect.any(String) }]);
      // Same status, type, title, detail and field errors: nothing tells the two apart.
      expect(JSON.stringify(theirs).replaceAll(field === 'clientId' ? theirClient.id : theirProject.id, 'ID')).toBe(
        JSON.stringify(madeUp).replaceAll('no-such-record-000000', 'ID'),
      );
    }
    // Nothing was stored for either.
    expect((await t.sdk.platform.files.list()).data).toHaveLength(before);
    expect((await other.sdk.platform.files.list()).data).toEqual([]);
  });
});

describe('an upload over the limit', () => {
  it('is refused 413 as a problem, and nothing is stored', async () => {
    // The same database and files, served by an app whose multipart limit is 1 KiB.
    const { app } = createApp({ db: t.db, storage: t.storage, secret: t.secret, logger: silentLogger, maxUploadBytes: 1024 });
    const before = (await t.sdk.platform.files.list()).data.length;
    const send = (size: number) => {
      const form = new FormData();
      form.set('file', new Blob(['x'.repeat(size)], { type: 'text/plain' }), 'big.txt');
      const headers = { authorization: `Bearer ${t.apiKey}` };
      return app.request(new Request('http://spokestack.test/v1/platform/files', { method: 'POST', body: form, headers }));
    };
    const refused = await send(4096);
    expect(refused.status).toBe(413);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({
      status: 413,
      type: 'https://spokestack.dev/problems/too-large',
      detail: 'The body is larger than 1024 bytes',
      requestId: refused.headers.get('x-request-id'),
    });
    expect((await t.sdk.platform.files.list()).data).toHaveLength(before);
    // Under the limit the same app takes it.
    expect((await send(100)).status).toBe(201);
  });
});

describe('active content', () => {
  const put = async (bytes: string | Uint8Array<ArrayBuffer>, claimed: string, name: string) => {
    const form = new FormData();
    form.set('file', new Blob([bytes], { type: claimed }), name);
    const reply = await t.request('/v1/platform/files', { method: 'POST', body: form });
    expect(reply.status).toBe(201);
    return (await reply.json()) as { id: string; mimeType: string; url: string };
  };
  const fetchUrl = (url: string) => t.app.request(`http://spokestack.test${url}`);
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
  ]);

  it('stores the type the bytes have, not the one the client claims', async () => {
    expect((await put('<!doctype html><script>alert(1)</script>', 'image/png', 'cat.png')).mimeType).toBe('text/html');
    expect((await put('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/png', 'x.png')).mimeType).toBe('image/svg+xml');
    expect((await put(png, 'text/html', 'page.html')).mimeType).toBe('image/png');
    expect((await put('a,b\n1,2\n', 'text/csv', 'data.csv')).mimeType).toBe('text/csv');
    expect((await put('plain words', 'text/html', 'notes.html')).mimeType).toBe('text/plain');
  });

  it('serves HTML, SVG, XML, JavaScript and unknown bytes only as sandboxed attachments; images inline', async () => {
    const cases: [string | Uint8Array<ArrayBuffer>, string, 'attachment' | 'inline'][] = [
      ['<html><body onload="alert(1)"></body></html>', 'text/html', 'attachment'],
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml', 'attachment'],
      ['<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>', 'application/xml', 'attachment'],
      ['function steal() { fetch("/v1/platform/api-keys") }\nsteal();', 'text/javascript', 'attachment'],
      [Uint8Array.from([0, 1, 2, 3, 250, 251, 252]), 'application/octet-stream', 'attachment'],
      [png, 'image/png', 'inline'],
    ];
    for (const [bytes, type, disposition] of cases) {
      const file = await put(bytes, 'image/png', 'upload.png');
      expect(file.mimeType).toBe(type);
      for (const reply of [await fetchUrl(file.url), await t.request(`/v1/platform/files/${file.id}/content`)]) {
        expect(reply.status).toBe(200);
        expect(reply.headers.get('content-type')).toBe(type);
        expect(reply.headers.get('content-disposition')).toMatch(new RegExp(`^${disposition};`));
        expect(reply.headers.get('content-security-policy')).toBe('sandbox');
        expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
        await reply.body?.cancel();
      }
    }
  });
});

describe('the OpenAPI document', () => {
  it('lists the upload as multipart and the download as bytes', async () => {
    const doc = (await (await t.request('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(doc.paths['/v1/platform/files']?.post).toMatchObject({
      operationId: 'platform.files.upload',
      requestBody: {
        content: {
          'multipart/form-data': {
            schema: { properties: { file: expect.objectContaining({ type: 'string' }), clientId: expect.any(Object) }, required: ['file'] },
          },
        },
      },
      responses: { 201: expect.any(Object) },
    });
    const download = doc.paths['/v1/platform/files/{id}/content']?.get;
    expect(download).toMatchObject({
      operationId: 'platform.files.content',
      parameters: expect.arrayContaining([expect.objectContaining({ name: 'sig', in: 'query' })]),
      responses: { 200: { content: { 'application/octet-stream': expect.any(Object) } } },
    });
    // Credentials of the organization, or none at all (the signed URL).
    expect(download?.security).toEqual([{}, { secretKey: [] }, { session: [] }, { publishableKey: [] }]);
  });
});
