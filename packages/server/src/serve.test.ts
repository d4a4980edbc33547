import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './serve.js';
import { createTestDatabase } from './testing/index.js';
import { silentLogger } from './platform/logger.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

let server: RunningServer;
let dataDir: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'spokestack-serve-'));
  const test = await createTestDatabase();
  drop = test.drop;
  server = await startServer({
    port: 0,
    dataDir,
    database: test.database,
    logger: silentLogger,
    env: { SPOKESTACK_SECRET: randomBytes(32).toString('hex') },
  });
});
afterAll(async () => {
  await server?.close();
  await drop?.();
  await rm(dataDir, { recursive: true, force: true });
});

/** A request's status, or the code of the socket error it failed with (`UND_ERR_SOCKET` on a reset). */
const outcome = (path: string, init: RequestInit) =>
  fetch(`${server.url}${path}`, init).then(
    async (reply) => {
      await reply.arrayBuffer();
      return reply.status;
    },
    (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
  );
const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

describe('serve over HTTP', () => {
  it('answers a request rejected before its body is read without resetting the kept-alive connection', async () => {
    const big = JSON.stringify({ feedback: 'x'.repeat(300 * 1024) });
    const results: (number | string)[] = [];
    // One after another, so each reuses the connection the one before left.
    for (let i = 0; i < 6; i++) results.push(await outcome('/v1/cms/review-links/nope/decision', json(i % 2 ? big : '{}')));
    expect(results).toEqual([400, 400, 400, 400, 400, 400]);

    // The same for a 401 and a 404, and for a body over the limit, which is answered 413 and closes the connection.
    const over = JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) });
    const mixed: (number | string)[] = [];
    for (const [path, body] of [
      ['/v1/cms/entries', big],
      ['/v1/nowhere', big],
      ['/v1/cms/entries', '{}'],
      ['/v1/cms/content-types', over],
      ['/v1/nowhere', '{}'],
    ] as const)
      mixed.push(await outcome(path, json(body, path === '/v1/cms/content-types' ? { authorization: 'Bearer sk_wrong' } : {})));
    expect(mixed).toEqual([401, 404, 401, 413, 404]);
  });
});
