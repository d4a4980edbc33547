import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Storage } from './s3-storage.js';
import { localStorage, type Storage } from './storage.js';

// The same contract for every backend: what goes in comes out, missing keys are null, delete is idempotent.
const dirs: string[] = [];
let s3: S3rver | undefined;
let s3Port = 0;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'spokestack-s3-'));
  dirs.push(dir);
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'files', configs: [] }] });
  s3Port = ((await s3.run()) as { port: number }).port;
});
afterAll(async () => {
  await s3?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const backends: Record<string, () => Promise<Storage>> = {
  local: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spokestack-local-'));
    dirs.push(dir);
    return localStorage(dir);
  },
  s3: async () => {
    return s3Storage({
      bucket: 'files',
      prefix: 'test/',
      client: {
        endpoint: `http://127.0.0.1:${s3Port}`,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      },
    });
  },
};

describe.each(Object.keys(backends))('%s storage', (name) => {
  it('stores bytes and streams, reads them back, and deletes', async () => {
    const storage = await backends[name]!();
    const bytes = new TextEncoder().encode('bytes ✓');
    await storage.put('org/a/file.txt', bytes, 'text/plain');
    const got = await storage.get('org/a/file.txt');
    expect(got?.size).toBe(bytes.byteLength);
    expect(new Uint8Array(await new Response(got!.body).arrayBuffer())).toEqual(bytes);

    await storage.put('org/b/stream.bin', new Blob([new Uint8Array(300_000).fill(7)]).stream(), 'application/octet-stream');
    expect((await storage.get('org/b/stream.bin'))?.size).toBe(300_000);

    await storage.delete('org/a/file.txt');
    expect(await storage.get('org/a/file.txt')).toBeNull();
    await storage.delete('org/a/file.txt');
  });
});

it('refuses local keys that escape the root folder', async () => {
  const storage = await backends.local!();
  await expect(storage.put('../escape.txt', new Uint8Array([1]), 'text/plain')).rejects.toThrow(/escapes/);
});
