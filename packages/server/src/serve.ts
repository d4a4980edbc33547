import type { HomeLink } from './http/home.js';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { createApp, startWorker } from './app.js';
import { createDatabase, type Database } from './db/client.js';
import { type LogLevel, type Logger, createLogger } from './platform/logger.js';
import { s3StorageFromEnv } from './platform/s3-storage.js';
import { type Storage, localStorage } from './platform/storage.js';
import { proxyTrust } from './http/rate-limit.js';

/** A problem the operator can fix (missing secret, port in use); the CLI prints it without a stack. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Where an instance keeps its data; PostgreSQL when `databaseUrl` is set, else PGlite under `dataDir`. */
export interface InstanceSettings {
  /** `postgres://…`; defaults to `DATABASE_URL`. */
  databaseUrl?: string;
  /** Folder of the embedded database, the generated secret and local files (default `.spokestack`). */
  dataDir?: string;
  /** Where uploaded files go when `S3_BUCKET` is not set (default `<dataDir>/files`). */
  filesDir?: string;
  /** Environment to read `DATABASE_URL`, `SPOKESTACK_SECRET`, `S3_*` and `SPOKESTACK_LOG_LEVEL` from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

export interface ResolvedSettings {
  databaseUrl: string | undefined;
  dataDir: string;
  filesDir: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Fills in defaults: `DATABASE_URL` from the environment, `.spokestack` as the data folder.
 *
 * @example const settings = resolveSettings({ dataDir: '/var/lib/spokestack' })
 */
export function resolveSettings(settings: InstanceSettings = {}): ResolvedSettings {
  const env = settings.env ?? process.env;
  const dataDir = resolve(settings.dataDir ?? '.spokestack');
  const databaseUrl = settings.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  return { databaseUrl, dataDir, filesDir: resolve(settings.filesDir ?? join(dataDir, 'files')), env };
}

/** Human description of where the data lives, for start-up messages. */
export function describeDatabase(settings: ResolvedSettings): string {
  if (!settings.databaseUrl) return `embedded PGlite in ${join(settings.dataDir, 'db')}`;
  const url = new URL(settings.databaseUrl);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

/**
 * Opens the instance's database: PostgreSQL when a URL is set, else PGlite in `<dataDir>/db` (its own
 * subfolder, so the secret and files beside it are never mistaken for database files).
 *
 * @example const database = await openDatabase(resolveSettings()); await database.migrate()
 */
export async function openDatabase(settings: ResolvedSettings): Promise<Database> {
  if (settings.databaseUrl) return createDatabase({ url: settings.databaseUrl });
  return createDatabase({ dataDir: join(settings.dataDir, 'db') });
}

/**
 * The signing secret: `SPOKESTACK_SECRET` when set (required with PostgreSQL, where several instances must
 * share it); with the embedded database, one generated on first start and kept in `<dataDir>/secret` (0600).
 *
 * @example const secret = await loadSecret(resolveSettings())
 */
export async function loadSecret(settings: ResolvedSettings): Promise<string> {
  const fromEnv = settings.env.SPOKESTACK_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 32) throw new ConfigError('SPOKESTACK_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)');
    return fromEnv;
  }
  if (settings.databaseUrl)
    throw new ConfigError(
      'SPOKESTACK_SECRET is required with DATABASE_URL: set it to the same random value ' +
        '(at least 32 characters, e.g. `openssl rand -hex 32`) on every instance',
    );
  const file = join(settings.dataDir, 'secret');
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) {
    const secret = existing.trim();
    if (secret.length < 32) throw new ConfigError(`${file} holds a secret shorter than 32 characters; delete it to generate a new one`);
    return secret;
  }
  await mkdir(settings.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  // `wx`: if another process wrote it first, fail and use theirs, so both sign with the same secret.
  try {
    await writeFile(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(file, 'utf8')).trim();
    throw error;
  }
}

const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** The log level from `SPOKESTACK_LOG_LEVEL` (default `info`). */
export function logLevel(settings: ResolvedSettings): LogLevel {
  const level = settings.env.SPOKESTACK_LOG_LEVEL || 'info';
  if (!levels.includes(level as LogLevel)) throw new ConfigError(`SPOKESTACK_LOG_LEVEL must be one of ${levels.join(', ')}`);
  return level as LogLevel;
}

/**
 * `SPOKESTACK_TRUST_PROXY`: unset or empty, no proxy (the socket's address is the client); `1`, every peer
 * is a proxy that replaces `X-Forwarded-For`; else the comma-separated addresses or CIDR ranges of your
 * proxies, checked now so a typo fails at startup rather than trusting nobody.
 *
 * @example trustProxySetting('10.0.0.0/8, 192.168.1.4') // ['10.0.0.0/8', '192.168.1.4']
 */
export function trustProxySetting(value: string | undefined): boolean | string[] {
  if (!value?.trim()) return false;
  if (value.trim() === '1') return true;
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    proxyTrust(list);
  } catch (error) {
    throw new ConfigError(`SPOKESTACK_TRUST_PROXY: ${(error as Error).message}`);
  }
  return list;
}

/** Where file bytes go: S3-compatible storage when `S3_BUCKET` is set, else the local files folder. */
export async function openStorage(settings: ResolvedSettings): Promise<{ storage: Storage; description: string }> {
  const s3 = s3StorageFromEnv(settings.env);
  if (s3) return { storage: s3, description: `S3 bucket ${settings.env.S3_BUCKET}` };
  await mkdir(settings.filesDir, { recursive: true });
  return { storage: localStorage(settings.filesDir), description: `files in ${settings.filesDir}` };
}

export interface ServeOptions extends InstanceSettings {
  /** TCP port; 0 picks a free one (read it from `port` of the result). */
  port: number;
  /** Interface to listen on (default `127.0.0.1`; `0.0.0.0` in containers). */
  host?: string;
  logger?: Logger;
  /** An already opened and migrated database (the demo launcher seeds it first); closed by `close()`. */
  database?: Database;
  /** How long `close()` lets requests in flight finish before closing their connections (default 10 s). */
  drainTimeoutMs?: number;
  /** More links for the start page at `/` (the demo's host app). */
  links?: HomeLink[];
}

export interface RunningServer {
  /** Where the API answers, e.g. `http://127.0.0.1:4000`. */
  url: string;
  port: number;
  host: string;
  settings: ResolvedSettings;
  /** Where the data lives, for start-up messages: the database and the file storage. */
  description: string;
  database: Database;
  /**
   * Shuts down gracefully: `/ready` turns 503 and every reply says `Connection: close`; the instance keeps
   * serving until no connection is left (its load balancer has taken it out) or for `drainTimeoutMs`, then
   * stops listening and closes what is still open; then the job worker stops (the jobs running get the same time; an unfinished one is
   * retried
   * elsewhere once its lease expires), then the database closes. Calling it twice returns the same promise.
   */
  close(): Promise<void>;
}

/**
 * Runs the reference server: opens the database (PostgreSQL or embedded PGlite), applies pending
 * migrations, serves the API over HTTP (files in S3 when `S3_BUCKET` is set, else in a local folder),
 * and runs a background job worker with the app's job handlers.
 *
 * @example
 * const server = await startServer({ port: 4000 })
 * console.log(`listening on ${server.url}`)
 * process.once('SIGTERM', () => server.close())
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const settings = resolveSettings(options);
  const secret = await loadSecret(settings);
  const database = options.database ?? (await openDatabase(settings));
  try {
    if (!options.database) await database.migrate();
    const { storage, description } = await openStorage(settings);
    const logger = options.logger ?? createLogger({ level: logLevel(settings) });
    const spokestack = createApp({
      db: database.db,
      storage,
      secret,
      logger,
      encryptionKeys: settings.env.SPOKESTACK_ENCRYPTION_KEYS,
      links: options.links,
      // Behind proxies the operator runs, the client IP the rate limits count is the X-Forwarded-For one.
      rateLimits: { trustProxy: trustProxySetting(settings.env.SPOKESTACK_TRUST_PROXY) },
      allowPrivateWebhookUrls: settings.env.SPOKESTACK_WEBHOOK_ALLOW_PRIVATE === '1',
      mail: settings.env.SPOKESTACK_SMTP_URL
        ? {
            url: settings.env.SPOKESTACK_SMTP_URL,
            from: settings.env.SPOKESTACK_MAIL_FROM,
            publicUrl: settings.env.SPOKESTACK_PUBLIC_URL,
            ratePerMinute: settings.env.SPOKESTACK_MAIL_RATE_PER_MINUTE ? Number(settings.env.SPOKESTACK_MAIL_RATE_PER_MINUTE) : undefined,
          }
        : undefined,
    });
    const host = options.host ?? '127.0.0.1';
    const server = createAdaptorServer({ fetch: spokestack.app.fetch }) as Server;
    const drainHttp = connectionDrainer(server);
    await listen(server, options.port, host);
    // Every instance runs a worker beside its HTTP server; claims are SKIP LOCKED, so each job runs once.
    const worker = await startWorker(spokestack).catch(async (error: unknown) => {
      await drainHttp(Date.now());
      throw error;
    });
    const port = (server.address() as AddressInfo).port;
    const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${shown}:${port}`,
      port,
      host,
      settings,
      description: `${describeDatabase(settings)}, ${description}`,
      database,
      close: () =>
        (closing ??= (async () => {
          spokestack.beginShutdown();
          const deadline = Date.now() + drainTimeoutMs;
          await drainHttp(deadline);
          logger.info('shutdown: connections closed', { ms: drainTimeoutMs - (deadline - Date.now()) });
          const left = () => Math.max(deadline - Date.now(), 1_000);
          if (!(await within(worker.stop(), left()))) logger.warn('jobs still running at shutdown; their leases expire and they run again');
          logger.info('shutdown: worker stopped', { ms: drainTimeoutMs - (deadline - Date.now()) });
          await database.close({ timeoutMs: left() });
          logger.info('shutdown: database closed', { ms: drainTimeoutMs - (deadline - Date.now()) });
        })()),
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new ConfigError(`Port ${port} on ${host} is already in use; pick another with --port`) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolveListen();
    });
  });
}

/**
 * Tracks the server's connections, and returns how to drain them. Draining keeps listening, so that load
 * balancers see `/ready` answer 503 and clients already routed here are still served; replies now say
 * `Connection: close`, so every connection ends after its reply. Connections idle since the drain began
 * are closed after a moment (at once, as `http.Server#close` does, a client sending on one right then
 * would see a reset). Once none is left, or at `deadline`, it stops listening and closes the rest.
 */
function connectionDrainer(server: Server): (deadline: number) => Promise<void> {
  const open = new Set<Socket>();
  const busy = new Map<Socket, number>();
  let served: WeakSet<Socket> | undefined;
  let empty: (() => void) | undefined;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      busy.delete(socket);
      if (open.size === 0) empty?.();
    });
  });
  server.on('request', (request, response) => {
    const socket = request.socket as Socket;
    served?.add(socket);
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    response.once('close', () => busy.set(socket, (busy.get(socket) ?? 1) - 1));
  });
  return async (deadline) => {
    served = new WeakSet();
    const idleSince = [...open].filter((socket) => !busy.get(socket));
    const left = () => Math.max(0, deadline - Date.now());
    await new Promise<void>((resolve) => {
      const idle = setTimeout(
        () => {
          for (const socket of idleSince) if (!served!.has(socket) && !busy.get(socket)) socket.destroy();
        },
        Math.min(1_000, left()),
      );
      const stop = setTimeout(() => finish(), left());
      const finish = () => {
        clearTimeout(idle);
        clearTimeout(stop);
        empty = undefined;
        resolve();
      };
      empty = finish;
      if (open.size === 0) finish();
    });
    const closed = new Promise<void>((done) => server.close(() => done()));
    server.closeAllConnections();
    await closed;
  };
}

/** Whether `work` settled within `ms`; it keeps running either way. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((done) => (timer = setTimeout(() => done(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
