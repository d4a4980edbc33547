import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

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
    expect(download?.security).toEqual([{}, { bearer: [] }]);
  });
});
