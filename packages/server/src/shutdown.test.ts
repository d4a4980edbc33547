import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from './platform/organizations.js';
import { openDatabase, resolveSettings } from './serve.js';
import { createTestPostgres } from './testing/index.js';

// The reference server as an operator runs it (`spokestack-server serve`, a child process) under steady
// load on kept-alive connections, through a SIGTERM.

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const onPostgres = process.env.SPOKESTACK_TEST_DRIVER === 'postgres';
const drainSeconds = 3;
const applicationName = `spokestack-shutdown-${randomBytes(4).toString('hex')}`;

let dataDir: string;
let env: NodeJS.ProcessEnv;
let apiKey: string;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'spokestack-shutdown-'));
  const { DATABASE_URL: serverUrl, SPOKESTACK_SECRET: _secret, ...rest } = process.env;
  env = { ...rest, SPOKESTACK_LOG_LEVEL: 'warn', SPOKESTACK_SECRET: randomBytes(32).toString('hex') };
  if (onPostgres) {
    const created = await createTestPostgres(serverUrl!, process.env.SPOKESTACK_TEST_TEMPLATE);
    dropDatabase = created.drop;
    // The server's connections carry this name, so pg_stat_activity shows whether any is left.
    env.DATABASE_URL = `${created.url}?application_name=${applicationName}`;
  }
  const database = await openDatabase(resolveSettings({ dataDir, env }));
  try {
    await database.migrate();
    apiKey = (await createOrganization(database.db, { name: 'Load Agency' })).apiKey;
  } finally {
    await database.close();
  }
});
afterAll(async () => {
  await dropDatabase?.();
  await rm(dataDir, { recursive: true, force: true });
});

function serve(): { child: ChildProcess; url: Promise<string>; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...env, SPOKESTACK_DRAIN_TIMEOUT: String(drainSeconds) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = stdout.match(/listening on (http:\/\/\S+) \(/);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`serve exited early: ${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr };
}

interface Outcome {
  /** When it ended, in milliseconds after SIGTERM (negative before it). */
  at: number;
  what: string;
  status?: number;
  error?: string;
  connection?: string | null;
}

describe('shutdown', () => {
  it('drains 16 kept-alive clients on SIGTERM: no request fails inside the drain time, the process exits at its end, no connection is ' +
    'left', async () => {
    const server = serve();
    const url = await server.url;
    let sigtermAt = Number.POSITIVE_INFINITY;
    const outcomes: Outcome[] = [];
    const record = (what: string, result: Response | Error) => {
      const at = Date.now() - sigtermAt;
      if (result instanceof Response) outcomes.push({ at, what, status: result.status, connection: result.headers.get('connection') });
      else outcomes.push({ at, what, error: (result as Error & { cause?: { code?: string } }).cause?.code ?? result.message });
    };
    let exited = false;
    void server.exited.then(() => (exited = true));

    // Steady clients: one request after another on kept-alive connections, until the instance refuses them.
    const loop = async (what: string, path: string) => {
      while (!exited) {
        const reply = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } }).then(
          async (r) => (await r.arrayBuffer(), r),
          (error: Error) => error,
        );
        record(what, reply);
        if (reply instanceof Error) break;
      }
    };
    const clients = [...Array.from({ length: 16 }, () => loop('client', '/v1/platform/me')), loop('ready', '/ready')];

    // A request whose body arrives over 1.5 s, in flight when SIGTERM comes, and one whose body never ends.
    const trickle = (chunks: string[] | undefined) =>
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          const chunk = chunks ? chunks.shift() : ' ';
          if (chunk === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(chunk));
        },
      });
    const contact = JSON.stringify({ firstName: 'Ada', lastName: 'Lovelace' });
    const slowBody = Array.from({ length: 15 }, (_, i) => contact.slice((i * contact.length) / 15, ((i + 1) * contact.length) / 15));
    const post = (what: string, chunks: string[] | undefined) => {
      return fetch(`${url}/v1/crm/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: trickle(chunks),
        duplex: 'half',
      } as RequestInit).then(
        async (r) => record(what, (await r.arrayBuffer(), r)),
        (error: Error) => record(what, error),
      );
    };

    // Warm up until every client has had replies (the first requests load code), then keep the load on.
    await expect.poll(() => outcomes.filter((o) => o.what === 'client').length, { timeout: 30_000, interval: 50 }).toBeGreaterThan(48);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const slow = post('slow', slowBody);
    const hung = post('hung', undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    sigtermAt = Date.now();
    for (const outcome of outcomes) outcome.at = -1;
    server.child.kill('SIGTERM');
    const code = await server.exited;
    const exitedAfter = Date.now() - sigtermAt;
    await Promise.all([...clients, slow, hung]);

    expect(code, server.stderr()).toBe(0);
    expect(server.stderr()).toMatch(/Received SIGTERM/);
    // Exits at the end of the drain time (plus the moment the worker and the database take to stop).
    expect(exitedAfter, server.stderr()).toBeLessThan(drainSeconds * 1000 + 2_500);

    const before = outcomes.filter((o) => o.at < 0);
    const after = outcomes.filter((o) => o.at >= 0);
    expect(before.filter((o) => o.status !== 200)).toEqual([]);
    // Inside the drain time every request gets its whole reply, on kept-alive and on new connections (the
    // instance keeps listening, so load balancers see /ready turn 503); at its end the instance stops
    // listening and closes what is left: only then do requests fail, the hung one among them.
    const failed = outcomes.filter((o) => o.error !== undefined);
    expect(failed.filter((o) => o.at < drainSeconds * 1000 - 100)).toEqual([]);
    expect(failed.map((o) => o.what)).toContain('hung');
    expect(outcomes.filter((o) => o.status !== undefined && o.status !== 200 && o.what !== 'ready' && o.what !== 'slow')).toEqual([]);
    expect(outcomes.find((o) => o.what === 'slow')).toMatchObject({ status: 201, connection: 'close' });
    expect(after.filter((o) => o.what === 'client' && o.status === 200).length).toBeGreaterThan(16);
    // Replies after SIGTERM end their connection, and readiness turns 503. (A reply may arrive after the
    // signal was sent but before the server took it, so not all of them say so.)
    expect(after.filter((o) => o.connection === 'close').length).toBeGreaterThan(0);
    expect(after.filter((o) => o.what === 'ready').map((o) => o.status)).toContain(503);
    expect(before.filter((o) => o.what === 'ready').every((o) => o.status === 200)).toBe(true);
    if (onPostgres) {
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        await expect
          .poll(
            async () => (await admin`select count(*)::int as n from pg_stat_activity where application_name = ${applicationName}`)[0]!.n,
            {
              timeout: 3_000,
            },
          )
          .toBe(0);
      } finally {
        await admin.end();
      }
    }
  }, 120_000);
});
