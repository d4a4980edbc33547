import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import sharp from 'sharp';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { silentLogger } from '../platform/logger.js';
import { localStorage } from '../platform/storage.js';
import { createTestInstance, type TestInstance } from '../testing/index.js';

// Two instances of the app over one database and one file folder, each behind a real socket: an upload
// cut off on the first resumes from its offset on the second.

let t: TestInstance;
let servers: Server[] = [];
const urls: string[] = [];
let libraryId: string;
let photo: Buffer;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  t = await createTestInstance();
  const second = createApp({ db: t.db, storage: localStorage(t.filesDir), secret: t.secret, clock: t.clock, logger: silentLogger });
  for (const app of [t.app, second.app]) {
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    servers.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  libraryId = (await t.sdk.dam.libraries.create({ name: 'Uploads', slug: 'uploads', settings: { maxFileSize: 20_000_000 } })).id;
  // About 1.5 MB of noise: a JPEG that does not compress away.
  photo = await sharp({
    create: { width: 1400, height: 1000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 70 } },
  })
    .jpeg({ quality: 95 })
    .toBuffer();
});
afterAll(async () => {
  for (const server of servers) server.close();
  servers = [];
  await t.close();
});

interface Outcome {
  url: string | null;
  body?: string;
  error?: Error;
}

/** Runs a tus upload until it succeeds, fails, or `stopAfter` bytes have been sent (then the sockets are cut). */
function upload(
  endpoint: string,
  options: { uploadUrl?: string; stopAfter?: number; cut?: () => void; metadata?: Record<string, string>; apiKey?: string },
) {
  return new Promise<Outcome>((resolve) => {
    let cut = false;
    const tus: Upload = new Upload(photo, {
      endpoint: `${endpoint}/v1/dam/tus`,
      uploadUrl: options.uploadUrl,
      chunkSize: 256 * 1024,
      retryDelays: [],
      headers: { authorization: `Bearer ${options.apiKey ?? t.apiKey}` },
      metadata: options.metadata ?? { filename: 'noise.jpg', filetype: 'image/png', libraryId, tags: 'tus,noise' },
      onProgress(sent) {
        if (options.stopAfter && !cut && sent > options.stopAfter) {
          cut = true;
          options.cut?.();
        }
      },
      onError: (error) => resolve({ url: tus.url, error }),
      onSuccess: ({ lastResponse }) => resolve({ url: tus.url, body: lastResponse.getBody() }),
    });
    tus.start();
  });
}

describe('tus uploads', () => {
  it('resumes an upload cut off mid-way on another instance, from its offset', async () => {
    const first = await upload(urls[0]!, { stopAfter: 600_000, cut: () => servers[0]!.closeAllConnections() });
    expect(first.error).toBeDefined();
    expect(first.url).toMatch(/\/v1\/dam\/tus\/tus[0-9a-f]{32}$/);
    const id = first.url!.split('/').pop()!;

    // The second instance knows the upload and how much of it arrived.
    const head = await fetch(`${urls[1]}/v1/dam/tus/${id}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${t.apiKey}`, 'tus-resumable': '1.0.0' },
    });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(photo.byteLength);
    expect(Number(head.headers.get('upload-length'))).toBe(photo.byteLength);

    const sent: number[] = [];
    const resumed = await new Promise<Outcome>((resolve) => {
      const tus = new Upload(photo, {
        endpoint: `${urls[1]}/v1/dam/tus`,
        uploadUrl: `${urls[1]}/v1/dam/tus/${id}`,
        chunkSize: 256 * 1024,
        retryDelays: [],
        headers: { authorization: `Bearer ${t.apiKey}` },
        onProgress: (bytes) => sent.push(bytes),
        onError: (error) => resolve({ url: tus.url, error }),
        onSuccess: ({ lastResponse }) => resolve({ url: tus.url, body: lastResponse.getBody() }),
      });
      tus.start();
    });
    expect(resumed.error).toBeUndefined();
    // It went on from the offset, not from the start.
    expect(Math.min(...sent)).toBeGreaterThanOrEqual(offset);
    const result = JSON.parse(resumed.body!) as {
      asset: { id: string; fileId: string; tags: string[] };
      checksum: string;
      mimeType: string;
    };
    expect(result).toMatchObject({ checksum: sha(photo), mimeType: 'image/jpeg' });
    expect(result.asset.tags).toEqual(['tus', 'noise']);
    const file = await t.sdk.platform.files.get(result.asset.fileId);
    expect(file).toMatchObject({ size: photo.byteLength, checksum: sha(photo), name: 'noise.jpg' });
    // The partial upload is gone once the asset exists.
    const gone = await fetch(`${urls[1]}/v1/dam/tus/${id}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${t.apiKey}`, 'tus-resumable': '1.0.0' },
    });
    expect(gone.status).toBe(404);
  });

  it("checks the library before any byte is sent, and hides one organization's uploads from another", async () => {
    const small = await t.sdk.dam.libraries.create({ name: 'Small', slug: 'small', settings: { maxFileSize: 1000 } });
    const tooBig = await upload(urls[0]!, { metadata: { filename: 'noise.jpg', libraryId: small.id } });
    expect(tooBig.error?.message).toMatch(/413/);
    const nowhere = await upload(urls[0]!, { metadata: { filename: 'noise.jpg', libraryId: 'nope' } });
    expect(nowhere.error?.message).toMatch(/400/);

    const partial = await upload(urls[0]!, { stopAfter: 300_000, cut: () => servers[0]!.closeAllConnections() });
    const id = partial.url!.split('/').pop()!;
    const other = await t.createOrg('Rival Agency');
    const theirs = await fetch(`${urls[0]}/v1/dam/tus/${id}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${other.apiKey}`, 'tus-resumable': '1.0.0' },
    });
    expect(theirs.status).toBe(404);
    const anonymous = await fetch(`${urls[0]}/v1/dam/tus/${id}`, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
    expect(anonymous.status).toBe(401);
    const client = await t.sdk.platform.clients.create({ name: 'Viewer Co', slug: 'viewer-co' });
    const user = await t.sdk.platform.users.create({ email: 'v@client.test', name: 'V', role: 'CLIENT', clientId: client.id });
    const { token } = await t.sdk.platform.sessions.create({ userId: user.id });
    const refused = await upload(urls[0]!, { apiKey: token });
    expect(refused.error?.message).toMatch(/403/);
    const terminated = await fetch(`${urls[0]}/v1/dam/tus/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.apiKey}`, 'tus-resumable': '1.0.0' },
    });
    expect(terminated.status).toBe(204);
  });
});
