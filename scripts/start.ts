import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLogger,
  deliveryCurl,
  ensureDemo,
  loadSecret,
  openDatabase,
  openStorage,
  resolveSettings,
  startServer,
} from '@spokestack/server';

// `pnpm start`: the demo on a fresh machine. Migrates the embedded database in .spokestack/, seeds the
// demo agency when it is missing, serves the API (the same code path as `spokestack-server serve`) and
// the host example app under Vite, prints the key and the URLs, and stops both on Ctrl-C.

const root = fileURLToPath(new URL('..', import.meta.url));
const apiPort = Number(process.env.PORT ?? 4000);
const appPort = 5173;
const hostApp = join(root, 'examples/host-app');

function fail(message: string): never {
  console.error(`pnpm start: ${message}`);
  process.exit(1);
}

/** Whether something already listens on the port; checked before opening the embedded database, which one process at a time may use. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

for (const [port, what] of [
  [apiPort, 'the API'],
  [appPort, 'the host app'],
] as const)
  if (!(await portFree(port))) fail(`port ${port} (${what}) is already in use. Is the demo already running in another terminal?`);

// The demo always runs on the embedded database; `spokestack-server serve` is the way to run on PostgreSQL.
const { DATABASE_URL: ignoredUrl, ...env } = process.env;
if (ignoredUrl) console.log('Note: DATABASE_URL is set but pnpm start always uses the embedded database in .spokestack/.');
const settings = resolveSettings({ dataDir: join(root, '.spokestack'), env });

console.log('Preparing the embedded database in .spokestack/ …');
const started = performance.now();
const database = await openDatabase(settings);
await database.migrate();
const demo = await ensureDemo(database.db, {
  storage: (await openStorage(settings)).storage,
  dataDir: settings.dataDir,
  // The secret and keys the server below loads too, so the demo's sealed credentials open there.
  secret: await loadSecret(settings),
  encryptionKeys: settings.env.SPOKESTACK_ENCRYPTION_KEYS,
});
const prepared = ((performance.now() - started) / 1000).toFixed(1);
// Warnings and errors only: a line per request would bury the URLs below.
const server = await startServer({
  port: apiPort,
  database,
  dataDir: settings.dataDir,
  env,
  logger: createLogger({ level: 'warn' }),
  // The API's start page (http://localhost:4000/) links the host app beside the reference.
  links: [{ label: 'Host app (the Northwind back office)', url: `http://localhost:${appPort}/` }],
});

const viteBin = join(dirname(createRequire(join(hostApp, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
const vite = spawn(process.execPath, [viteBin, '--port', String(appPort), '--strictPort'], {
  cwd: hostApp,
  // The host app's own backend (session-backend.ts, in the Vite process) keeps the secret key and mints
  // short-lived sessions for the browser; no VITE_ prefix, so it never reaches the page.
  env: { ...env, SPOKESTACK_API_URL: server.url, SPOKESTACK_SECRET_KEY: demo.apiKey, NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let viteOutput = '';
let ready = false;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (vite.exitCode === null && vite.signalCode === null) {
    const exited = new Promise((resolve) => vite.once('exit', resolve));
    vite.kill('SIGTERM');
    await exited;
  }
  await server.close();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.log('\nStopping the host app and the API…');
    void stop(0);
  });

const appUrl = await new Promise<string>((resolve) => {
  const onData = (chunk: Buffer) => {
    // eslint-disable-next-line no-control-regex -- colour codes, in case the terminal forces them on
    const text = chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
    if (ready) {
      for (const line of text.split('\n').filter((l) => l.trim())) console.log(`[host app] ${line.trim()}`);
      return;
    }
    viteOutput += text;
    const local = viteOutput.match(/Local:\s+(http:\/\/\S+?)\/?\s/);
    if (local) {
      ready = true;
      resolve(local[1]!);
    }
  };
  vite.stdout.on('data', onData);
  vite.stderr.on('data', onData);
  vite.once('exit', (code) => {
    if (stopping) return;
    console.error(
      ready
        ? `The host app's dev server stopped (exit code ${code}).`
        : `The host app's dev server did not start (exit code ${code}):\n${viteOutput}`,
    );
    void stop(1);
  });
});

const line = (label: string, value: string) => `  ${label.padEnd(14)}${value}`;
// The API listens on 127.0.0.1 only; browsers reach it as localhost too.
const apiUrl = server.url.replace('//127.0.0.1:', '//localhost:');
console.log(
  [
    '',
    'SpokeStack demo is running',
    '',
    line('Organization', `Northwind Creative (${demo.seeded ? `seeded just now; database ready in ${prepared} s` : 'seeded earlier'})`),
    line('API key', demo.apiKey + (demo.mintedKey ? '  (new: the kept one no longer worked)' : '')),
    line('Publishable', `${demo.publishableKey}  (read-only, for public sites)`),
    line('API', `${apiUrl}/   reference: ${apiUrl}/docs`),
    line('Host app', `${appUrl}/`),
    '',
    'Open the host app and sign in as an admin, a member or a client: its backend mints a short-lived session,',
    'so the secret key above stays on this machine and never reaches the browser. Press Ctrl-C to stop both.',
    '',
    'Read the published blog posts as a public site would, with the publishable key:',
    `  ${deliveryCurl(apiUrl, demo.publishableKey)}`,
    '',
  ].join('\n'),
);
