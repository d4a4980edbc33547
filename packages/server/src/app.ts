import { type ResourceDef, filesResource, platformResources, problemTypes } from '@spokestack/core';
import { analyticsResources } from '@spokestack/core/analytics';
import { cmsResources } from '@spokestack/core/cms';
import { crmResources } from '@spokestack/core/crm';
import { damResources } from '@spokestack/core/dam';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Db } from './db/client.js';
import { resourceTables } from './db/resource-tables.js';
import type { AppEnv } from './http/env.js';
import { buildOpenApi, docsPage } from './http/openapi.js';
import { HttpError, badRequest, mapDbError, tooLarge } from './http/problem.js';
import { registerResourceRoutes } from './http/resource-routes.js';
import { createRouter } from './http/router.js';
import { createAuthenticator } from './platform/auth.js';
import { type Clock, systemClock } from './platform/clock.js';
import { createFileService } from './platform/files.js';
import { type Logger, createLogger } from './platform/logger.js';
import { registerPlatformRoutes } from './platform/routes.js';
import type { Storage } from './platform/storage.js';
import { registerCmsRoutes } from './cms/routes.js';
import type { Router } from './http/router.js';
import { pruneJobName, pruneJobs, schedulePrune } from './jobs/prune.js';
import { type JobHandlers, type Worker, type WorkerOptions, createWorker } from './jobs/worker.js';
import { type JobQueue, createJobQueue } from './jobs/queue.js';

export interface AppOptions {
  /** A Drizzle handle from `createDatabase()`. */
  db: Db;
  /** Where file bytes go (`localStorage(dir)` or S3-compatible storage). */
  storage: Storage;
  /** Signs session tokens and file links; the same value on every instance. At least 32 characters. */
  secret: string;
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
}

/** What feature routes and services are built from; one object, so adding a dependency is one change. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  storage: Storage;
  secret: string;
  logger: Logger;
  files: ReturnType<typeof createFileService>;
  router: Router;
  /** Background job handlers by job name: features add theirs when they register, and whoever runs the app's worker (`spokestack-server serve`) runs them. */
  jobHandlers: JobHandlers;
  /** The job queue, for features that enqueue work (inside their transaction with `{ db: tx }`). */
  jobs: JobQueue;
}

const features: Record<string, Record<string, ResourceDef>> = {
  platform: platformResources,
  cms: cmsResources,
  dam: damResources,
  analytics: analyticsResources,
  crm: crmResources,
};

/**
 * Builds the SpokeStack HTTP app from injected parts. Serve it with `@hono/node-server`, or test it
 * without a socket through `app.request()`.
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
  const maxUploadBytes = options.maxUploadBytes ?? 100 * 1024 * 1024;
  const app = new Hono<AppEnv>();
  const auth = createAuthenticator(db, clock, secret);
  const files = createFileService({ db, storage, clock, secret });
  const router = createRouter(app, auth, { validateResponses: options.validateResponses });

  app.use(requestId({ headerName: 'X-Request-Id' }));
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
  const exposeHeaders = ['X-Request-Id', 'ETag', 'Location'];
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
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw tooLarge(`The body is larger than ${maxSize} bytes`);
      },
    });
  app.post('/v1/platform/files', limit(maxUploadBytes));
  const jsonLimit = limit(options.maxBodyBytes ?? 5 * 1024 * 1024);
  // GET and HEAD carry no body; skipping them also spares the Node adapter from building a full
  // Request just to find that out (a large share of a cheap read's cost, e.g. the delivery API).
  const bodiless = new Set(['GET', 'HEAD', 'OPTIONS']);
  app.use('/v1/*', async (c, next) =>
    bodiless.has(c.req.method) || (c.req.method === 'POST' && c.req.path === '/v1/platform/files') ? next() : jsonLimit(c, next),
  );

  app.onError((error, c) => {
    const known = error instanceof HttpError ? error : mapDbError(error);
    const problem =
      known?.toProblem(c.var.requestId) ??
      (error instanceof HTTPException && error.status < 500
        ? { type: problemTypes.validation, title: error.message || 'Bad request', status: error.status, requestId: c.var.requestId }
        : undefined);
    if (!problem)
      logger.error('unhandled error', {
        requestId: c.var.requestId,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    const body = problem ?? {
      type: problemTypes.internal,
      title: 'Internal server error',
      status: 500,
      detail: 'Something failed on our side; quote the request id when you report it',
      requestId: c.var.requestId,
    };
    return c.body(JSON.stringify(body), body.status as 500, { 'content-type': 'application/problem+json' });
  });
  app.notFound((c) =>
    c.body(
      JSON.stringify({
        type: problemTypes.notFound,
        title: 'Not found',
        status: 404,
        detail: `No route ${c.req.method} ${c.req.path}`,
        requestId: c.var.requestId,
      }),
      404,
      {
        'content-type': 'application/problem+json',
      },
    ),
  );

  // Multipart upload and download sit outside the JSON operations: their bodies are bytes.
  app.post('/v1/platform/files', async (c) => {
    const ctx = await auth.authenticate(c.req.header('authorization'));
    if (ctx.actor.role === 'CLIENT' || ctx.actor.publishable)
      return c.json({ type: problemTypes.forbidden, title: 'Forbidden', status: 403 }, 403);
    const form = await c.req.formData().catch(() => {
      throw badRequest([{ path: 'body', message: 'Send multipart/form-data with a "file" part' }]);
    });
    const file = form.get('file');
    if (!(file instanceof Blob)) throw badRequest([{ path: 'body.file', message: 'Required: the file to upload' }]);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value ? value : null;
    };
    const row = await files.upload(ctx, file, {
      name: text('name') ?? (file instanceof File ? file.name : 'upload'),
      clientId: text('clientId'),
      projectId: text('projectId'),
    });
    return c.json(row, 201);
  });
  app.get('/v1/platform/files/:id/content', async (c) => {
    const header = c.req.header('authorization');
    const ctx = header ? await auth.authenticate(header) : undefined;
    const { row, body, size } = await files.content(c.req.param('id'), { ctx, exp: c.req.query('exp'), sig: c.req.query('sig') });
    const etag = `"${row.checksum ?? row.id}"`;
    const headers = {
      'content-type': row.mimeType,
      'content-length': String(size),
      etag,
      'cache-control': ctx ? 'private, max-age=300' : 'public, max-age=3600, immutable',
      'content-disposition': `${c.req.query('download') ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(row.name)}`,
      'x-content-type-options': 'nosniff',
    };
    if (c.req.header('if-none-match') === etag) {
      await body.cancel();
      return c.body(null, 304, headers);
    }
    return c.body(body, 200, headers);
  });

  const jobHandlers: JobHandlers = {};
  const jobs = createJobQueue({ db, clock, logger });
  jobHandlers[pruneJobName] = pruneJobs({ db, clock, logger });
  const deps: AppDeps = { db, clock, storage, secret, logger, files, router, jobHandlers, jobs };
  registerPlatformRoutes(router, { ...deps, auth, maxUploadBytes });
  // Feature routes come before the generic CRUD, which then skips the operations they took over.
  registerCmsRoutes(deps);
  for (const [feature, tables] of Object.entries(resourceTables)) registerResourceRoutes(router, db, tables, features[feature]!);

  const allResources = [...Object.values(features).flatMap((defs) => Object.values(defs)), filesResource];
  let openapi: Record<string, unknown> | undefined;
  const document = () => (openapi ??= buildOpenApi(router.operations, allResources, { title: 'SpokeStack API', version: '0.1.0' }));
  app.get('/v1/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(docsPage(document())));
  app.get('/health', (c) => c.json({ ok: true }));

  return { app, router, logger, clock, files, auth, deps, jobHandlers, jobs };
}
export type SpokeStackApp = ReturnType<typeof createApp>;

/**
 * Starts the background worker of an app — scheduled publishing, expiries, retries, the nightly prune of
 * old jobs — and registers the app's cron schedules. Run one per instance; jobs are claimed with
 * `FOR UPDATE SKIP LOCKED`, so each runs once however many instances run. Stop it with `worker.stop()`.
 *
 * @example
 * const spokestack = createApp({ db: database.db, storage, secret })
 * const worker = await startWorker(spokestack)
 * process.once('SIGTERM', () => worker.stop())
 */
export async function startWorker(spokestack: SpokeStackApp, options: Partial<Omit<WorkerOptions, 'handlers'>> = {}): Promise<Worker> {
  await schedulePrune(spokestack.jobs);
  const worker = createWorker({
    db: spokestack.deps.db,
    clock: spokestack.clock,
    logger: spokestack.logger,
    handlers: spokestack.jobHandlers,
    ...options,
  });
  worker.start();
  return worker;
}
