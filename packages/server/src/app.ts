import { problemTypes } from '@spokestack/core';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { type Db, sql } from './db/client.js';
import { features } from './features.js';
import type { AppEnv } from './http/env.js';
import { type HomeLink, faviconSvg, homePage } from './http/home.js';
import { pageHeaders } from './http/html.js';
import { registerDocs } from './http/docs.js';
import { buildOpenApi } from './http/openapi.js';
import { HttpError, methodNotAllowed, renderProblem } from './http/problem.js';
import { registerResourceRoutes } from './http/resource-routes.js';
import { type RateLimitSettings, createRateLimiter, defaultRateLimits } from './http/rate-limit.js';
import { createRouter } from './http/router.js';
import { drainUnreadBody } from './http/unread-body.js';
import { pruneJobName, pruneJobs, schedulePrune } from './jobs/prune.js';
import { type JobHandlers, type Worker, type WorkerOptions, createWorker } from './jobs/worker.js';
import { createAuthenticator } from './platform/auth.js';
import { type Clock, systemClock } from './platform/clock.js';
import type { MailOptions } from './platform/mailer.js';
import { type Actor, type AppContext, type TenantContext, createAppParts, systemActor } from './platform/context.js';
import { type Logger, createLogger } from './platform/logger.js';
import type { Storage } from './platform/storage.js';

export interface AppOptions {
  /** A Drizzle handle from `createDatabase()`. */
  db: Db;
  /** Where file bytes go (`localStorage(dir)` or S3-compatible storage). */
  storage: Storage;
  /** Signs session tokens, file links, previews and review links; the same value on every instance. At least 32 characters. */
  secret: string;
  /**
   * Encryption keys for secrets at rest (`SPOKESTACK_ENCRYPTION_KEYS`: `id:base64key,…`, 32-byte keys, the
   * first encrypts). Without them a key derived from `secret` does; rotate with `spokestack-server secrets reencrypt`.
   */
  encryptionKeys?: string;
  clock?: Clock;
  logger?: Logger;
  /** Largest JSON body in bytes (default 5 MiB). */
  maxBodyBytes?: number;
  /** Largest multipart upload in bytes (default 100 MiB). */
  maxUploadBytes?: number;
  /** Origins allowed to call from browsers (default: any; credentials travel in headers, not cookies). */
  corsOrigins?: string | string[];
  /** Check every reply against its contract (tests turn this on). */
  validateResponses?: boolean;
  /** More links for the start page at `/` (the demo's host app), besides the reference and the OpenAPI document. */
  links?: HomeLink[];
  /**
   * Rate limits on failed authentications and public surfaces, counted in the database so every instance
   * shares them (defaults in `defaultRateLimits`; `false` turns them off, as `createTestInstance` does).
   */
  rateLimits?: Partial<RateLimitSettings> | false;
  /** Let webhook endpoints point at loopback and private addresses (default false; `SPOKESTACK_WEBHOOK_ALLOW_PRIVATE=1`). */
  allowPrivateWebhookUrls?: boolean;
  /** Outgoing email: an SMTP URL (`SPOKESTACK_SMTP_URL`) or a mailer, and the default sender. */
  mail?: MailOptions;
}

/** Every feature's `onActivity` hook as one, in the features' order; none when no feature listens. */
function activityHooks(): AppContext['onActivity'] {
  const hooks = features.flatMap((feature) => (feature.onActivity ? [feature.onActivity] : []));
  if (!hooks.length) return undefined;
  return async (db, ctx, items) => {
    for (const hook of hooks) await hook(db, ctx, items);
  };
}

/**
 * Builds the SpokeStack HTTP app from injected parts and mounts every feature module (`features.ts`):
 * its routes, then the generic CRUD of its resources, and its job handlers. Serve it with
 * `@hono/node-server`, or test it without a socket through `app.request()`.
 *
 * @example
 * const database = await createDatabase({ url: process.env.DATABASE_URL })
 * const { app } = createApp({ db: database.db, storage: localStorage('.spokestack/files'), secret: process.env.SPOKESTACK_SECRET! })
 */
export function createApp(options: AppOptions) {
  if (options.secret.length < 32) throw new Error('createApp: secret must be at least 32 characters');
  const { db, storage, secret } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger();
  const parts = createAppParts({
    db,
    storage,
    clock,
    logger,
    secret,
    encryptionKeys: options.encryptionKeys,
    allowPrivateWebhookUrls: options.allowPrivateWebhookUrls,
    mail: options.mail,
    onActivity: activityHooks(),
  });
  /** A request's (or job's) context: the app's parts at the time it starts. */
  const context = (): AppContext => ({ ...parts, now: clock.now() });
  /** The context of work for one organization outside a request (jobs, tests). */
  const contextFor = (organizationId: string, actor: Actor = systemActor()): TenantContext => ({ ...context(), organizationId, actor });

  const app = new Hono<AppEnv>();
  const auth = createAuthenticator(db, clock, parts.signer);
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const router = createRouter(app, {
    auth,
    context,
    maxBodyBytes,
    maxUploadBytes: options.maxUploadBytes ?? 100 * 1024 * 1024,
    validateResponses: options.validateResponses,
    limiter: options.rateLimits === false ? undefined : createRateLimiter(db, clock, { ...defaultRateLimits, ...options.rateLimits }),
  });

  app.use(requestId({ headerName: 'X-Request-Id' }));
  // Any route may reply before reading the body (a 400 on the path, a 401): read the rest first, up to the
  // JSON limit (larger bodies close the connection instead), so kept-alive clients never see a reset.
  app.use(drainUnreadBody(maxBodyBytes));
  // No reply is ever to be sniffed into another type (a JSON string read as HTML); file bytes set their own too.
  // Once shutting down, every reply ends its kept-alive connection, so clients reconnect to another instance.
  let draining = false;
  app.use(async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    if (draining) c.header('Connection', 'close');
  });
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  const corsOrigins = options.corsOrigins ?? '*';
  // The Upload-* and Tus-* headers let browsers speak tus (resumable uploads) across origins.
  const tusHeaders = [
    'Upload-Offset',
    'Upload-Length',
    'Upload-Metadata',
    'Upload-Expires',
    'Tus-Resumable',
    'Tus-Version',
    'Tus-Max-Size',
  ];
  const exposeHeaders = ['X-Request-Id', 'ETag', 'Location', ...tusHeaders, 'Tus-Extension'];
  const preflight = cors({ origin: corsOrigins, exposeHeaders, maxAge: 600 });
  const allowedOrigin = (origin: string) => (corsOrigins === '*' ? '*' : [corsOrigins].flat().includes(origin) ? origin : undefined);
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    // Actual requests get the headers hono/cors would set, through c.header(): hono/cors writes them
    // to c.res before the handler, which builds a throwaway Response and then copies it into the
    // handler's, a large share of a cheap read's cost (the delivery API).
    const origin = allowedOrigin(c.req.header('origin') ?? '');
    if (origin) c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', exposeHeaders.join(','));
    await next();
    if (corsOrigins !== '*') c.header('Vary', 'Origin', { append: true });
  });

  // Every error reply, and the reply to unknown routes, come from one renderer. A known path asked with a
  // method it is not served with answers 405 with `Allow` (RFC 9110), an unknown path 404.
  const problems = { logger, allowed: router.allowed };
  app.onError((error, c) => renderProblem(c, error, problems));
  app.notFound((c) => {
    const allowed = router.allowed(c.req.path);
    const error = allowed.length
      ? methodNotAllowed(`${c.req.path} is served with ${allowed.join(', ')}, not ${c.req.method}`)
      : new HttpError(404, problemTypes.notFound, 'Not found', `No route ${c.req.method} ${c.req.path}`);
    return renderProblem(c, error, problems);
  });

  const jobHandlers: JobHandlers = { [pruneJobName]: pruneJobs({ db, clock, logger }) };
  for (const feature of features) {
    // A feature's own routes come before its generic CRUD, which then skips the operations they took over.
    feature.routes?.(router, { db, auth });
    registerResourceRoutes(router, db, feature.tables, feature.resources);
    for (const [name, run] of Object.entries(feature.jobs ?? {}))
      jobHandlers[name] = (payload, job) => {
        if (!job.organizationId) throw new Error(`${name}: a feature's job runs for an organization; enqueue it with organizationId`);
        return run(db, contextFor(job.organizationId), payload, job);
      };
    for (const [name, { run }] of Object.entries(feature.schedules ?? {}))
      jobHandlers[name] = () => run(db, { now: clock.now(), contextFor });
  }
  const jobLimits = Object.assign({}, ...features.map((feature) => feature.jobLimits ?? {})) as Record<string, number>;
  const schedules = features.flatMap((feature) => Object.entries(feature.schedules ?? {}).map(([name, { cron }]) => ({ name, cron })));

  const resources = features.flatMap((feature) => Object.values(feature.resources));
  let openapi: Record<string, unknown> | undefined;
  const document = () => (openapi ??= buildOpenApi(router.operations, resources, { title: 'SpokeStack API', version: '0.1.0' }));
  app.get('/v1/openapi.json', (c) => c.json(document()));
  registerDocs(app);
  // Liveness (the process answers) and readiness (send it traffic: not shutting down, the database answers).
  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/ready', async (c) => {
    const unavailable = (detail: string) => new HttpError(503, problemTypes.unavailable, 'Service unavailable', detail);
    if (draining) throw unavailable('Shutting down: finishing the requests in flight; send new ones to another instance');
    await db.execute(sql`select 1`).catch(() => {
      throw unavailable('The database does not answer');
    });
    return c.json({ ready: true });
  });
  const home = homePage(options.links);
  const homeHeaders = pageHeaders(home);
  app.get('/', (c) => c.html(home, 200, homeHeaders));
  const favicon = (c: Context<AppEnv>) =>
    c.body(faviconSvg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
  app.get('/favicon.svg', favicon);
  app.get('/favicon.ico', favicon);

  /** Starts a graceful shutdown: `/ready` answers 503 and every reply says `Connection: close`. */
  const beginShutdown = () => {
    draining = true;
  };

  return { app, router, logger, clock, auth, db, storage, jobs: parts.jobs, jobHandlers, jobLimits, schedules, contextFor, beginShutdown };
}
export type SpokeStackApp = ReturnType<typeof createApp>;

/**
 * Registers the app's cron schedules — the nightly prune and every feature's recurring jobs — keeping
 * each pending tick; `startWorker` calls it on every start.
 *
 * @example await registerSchedules(spokestack)
 */
export async function registerSchedules(spokestack: Pick<SpokeStackApp, 'jobs' | 'schedules'>): Promise<void> {
  await schedulePrune(spokestack.jobs);
  for (const { name, cron } of spokestack.schedules) await spokestack.jobs.schedule(name, { name, cron });
}

/**
 * Starts the background worker of an app — scheduled publishing, expiries, retries, the nightly prune of
 * old jobs, connection syncs — and registers the app's cron schedules. Run one per instance; jobs are claimed with
 * `FOR UPDATE SKIP LOCKED`, so each runs once however many instances run. Stop it with `worker.stop()`.
 *
 * @example
 * const spokestack = createApp({ db: database.db, storage, secret })
 * const worker = await startWorker(spokestack)
 * process.once('SIGTERM', () => worker.stop())
 */
export async function startWorker(spokestack: SpokeStackApp, options: Partial<Omit<WorkerOptions, 'handlers'>> = {}): Promise<Worker> {
  await registerSchedules(spokestack);
  const worker = createWorker({
    db: spokestack.db,
    clock: spokestack.clock,
    logger: spokestack.logger,
    handlers: spokestack.jobHandlers,
    limits: spokestack.jobLimits,
    ...options,
  });
  worker.start();
  return worker;
}
