import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { createSpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The CLI as an operator runs it: a child process per command, against a fresh embedded data folder,
// or against a fresh PostgreSQL database when the suite runs on PostgreSQL.

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const onPostgres = process.env.SPOKESTACK_TEST_DRIVER === 'postgres';

let dataDir: string;
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'spokestack-cli-'));
  const { DATABASE_URL: url, SPOKESTACK_SECRET: _secret, ...rest } = process.env;
  env = { ...rest, SPOKESTACK_LOG_LEVEL: 'warn' };
  if (onPostgres) {
    const name = `ss_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    env.DATABASE_URL = target.toString();
    env.SPOKESTACK_SECRET = randomBytes(32).toString('hex');
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
});
afterAll(async () => {
  await dropDatabase?.();
  await rm(dataDir, { recursive: true, force: true });
});

function start(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    cwd: packageRoot,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { out, exited };
}

async function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const { out, exited } = collect(start(args, extraEnv));
  const { code } = await exited;
  return { code, ...out };
}

describe('spokestack-server', () => {
  it('migrates, creates an organization whose key works against serve, and stops cleanly on SIGTERM', async () => {
    const args = ['--data-dir', dataDir];
    const migrated = await run(['migrate', ...args]);
    expect(migrated.stderr).toBe('');
    expect(migrated).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(onPostgres ? /Migrations applied to PostgreSQL/ : /Migrations applied to embedded PGlite/),
    });

    const created = await run(['create-org', '--name', 'Acme Agency', '--json', ...args]);
    expect(created.code).toBe(0);
    // --json prints the JSON and nothing else, so scripts can pipe it.
    const org = JSON.parse(created.stdout) as { organizationId: string; apiKey: string };
    expect(Object.keys(org).sort()).toEqual(['apiKey', 'organizationId']);
    expect(org.apiKey).toMatch(/^sk_[0-9A-Za-z]{32}$/);

    // The demo prints its publishable key beside the secret one, and a curl of the delivery API to paste.
    const demo = await run(['seed-demo', ...args]);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/API key: +sk_\w{32}/);
    const publishableKey = demo.stdout.match(/Publishable key: +(pk_\w{32})/)?.[1];
    const curl = demo.stdout.match(/^ +(curl .+)$/m)?.[1];
    expect(curl).toContain(`Bearer ${publishableKey}`);

    const server = start(['serve', '--port', '0', ...args]);
    const { out, exited } = collect(server);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${out.stdout}${out.stderr}`)), 60_000);
        server.stdout!.on('data', () => {
          const match = out.stdout.match(/listening on (http:\/\/\S+) \(/);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        void exited.then(() => reject(new Error(`serve exited early: ${out.stderr}`)));
      });
      const me = await fetch(`${url}/v1/platform/me`, { headers: { authorization: `Bearer ${org.apiKey}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ organizationId: org.organizationId, actor: { type: 'apiKey', role: 'ADMIN' } });
      expect((await fetch(`${url}/v1/platform/me`)).status).toBe(401);

      // Pasted into a shell (here on the port the test's server took instead of 4000), it lists published posts.
      const pasted = curl!.replace('http://localhost:4000', url);
      const { stdout: delivered } = await promisify(execFile)('sh', ['-c', `${pasted} --silent --fail-with-body`]);
      const posts = JSON.parse(delivered) as { data: { type: string; title: string; publishedAt: string }[] };
      expect(posts.data).toHaveLength(2);
      for (const post of posts.data)
        expect(post).toMatchObject({ type: 'blog-post', title: expect.any(String), publishedAt: expect.any(String) });

      // The instance runs the job worker: a publish scheduled a moment ahead happens by itself.
      const sdk = createSpokeStack({ baseUrl: url, apiKey: org.apiKey });
      const type = await sdk.cms.contentTypes.create({
        name: 'Note',
        schema: { fields: [{ name: 'title', type: 'text', required: true }] },
      });
      const entry = await sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'On time' } });
      await sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: new Date(Date.now() + 1_500).toISOString() });
      await vi.waitFor(async () => expect((await sdk.cms.entries.get(entry.id)).status).toBe('PUBLISHED'), {
        timeout: 20_000,
        interval: 250,
      });
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(out.stderr).toMatch(/Received SIGTERM/);

    if (!onPostgres) {
      // The generated signing secret is kept for the next start, readable by its owner only.
      expect((await stat(join(dataDir, 'secret'))).mode & 0o777).toBe(0o600);
    }
  }, 120_000);

  it('explains operator mistakes in one line and exits 1', async () => {
    // The secret is checked before any connection, so an unreachable database URL is fine here.
    const unreachable = 'postgres://nobody@127.0.0.1:1/none';
    const [unknown, noName, badPort, shortSecret, noSecret] = await Promise.all([
      run(['serve', '--bogus']),
      run(['create-org', '--json', '--data-dir', dataDir]),
      run(['serve', '--port', 'eighty', '--data-dir', dataDir]),
      run(['serve', '--port', '0'], { DATABASE_URL: unreachable, SPOKESTACK_SECRET: 'too-short' }),
      run(['serve', '--port', '0'], { DATABASE_URL: unreachable, SPOKESTACK_SECRET: '' }),
    ]);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown option '--bogus'") });
    expect(noName).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('--name is required') });
    expect(badPort).toMatchObject({ code: 1, stderr: expect.stringContaining('--port must be a whole number') });
    expect(shortSecret).toMatchObject({ code: 1, stderr: expect.stringContaining('SPOKESTACK_SECRET must be at least 32 characters') });
    expect(noSecret).toMatchObject({ code: 1, stderr: expect.stringContaining('SPOKESTACK_SECRET is required with DATABASE_URL') });
    for (const result of [unknown, noName, badPort, shortSecret, noSecret]) expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('prints help for every command', async () => {
    const names = ['serve', 'migrate', 'create-org', 'seed-demo', 'secrets reencrypt'];
    const results = await Promise.all(names.map((name) => run([...name.split(' '), '--help'])));
    for (const [i, name] of names.entries())
      expect(results[i]).toMatchObject({ code: 0, stdout: expect.stringContaining(`Usage: spokestack-server ${name}`) });
    expect(results[0]!.stdout).toContain('--port');
    expect(results[2]!.stdout).toContain('--name NAME');
  }, 60_000);
});
