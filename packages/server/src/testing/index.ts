import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpokeStack, SpokeStackError, createSpokeStack } from '@spokestack/core';
import postgres from 'postgres';
import { type AppOptions, createApp } from '../app.js';
import { createDatabase, type Database } from '../db/client.js';
import { createWorker } from '../jobs/worker.js';
import { manualClock } from '../platform/clock.js';
import { silentLogger } from '../platform/logger.js';
import { createOrganization } from '../platform/organizations.js';
import { localStorage } from '../platform/storage.js';

export interface TestInstanceOptions {
  /** `pglite` (default) or `postgres`; tests read it from `SPOKESTACK_TEST_DRIVER`. */
  driver?: 'pglite' | 'postgres';
  /** PostgreSQL server to create the test database on (default `DATABASE_URL`). */
  url?: string;
  /** A migrated database to copy: a PGlite dump file, or a PostgreSQL template database name. */
  template?: string;
  /** Start time of the test clock (default now). */
  now?: Date | string;
  /** Rate limits (off unless a test turns them on, so suites can hammer the API). */
  rateLimits?: AppOptions['rateLimits'];
  /** Let webhooks reach loopback receivers (tests serve them on 127.0.0.1). */
  allowPrivateWebhookUrls?: boolean;
  /** Outgoing email (tests point it at `startSmtpServer()` from `testing/smtp.ts`). */
  mail?: AppOptions['mail'];
}

/** Which driver and template the suite runs with, from the environment the test setup provides. */
export function fromEnv(): TestInstanceOptions {
  return {
    driver: process.env.SPOKESTACK_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite',
    url: process.env.DATABASE_URL,
    template: process.env.SPOKESTACK_TEST_TEMPLATE,
  };
}

/**
 * A PostgreSQL database of its own, copied from `template` when given (else empty), on the server of `url`:
 * its URL, and how to drop it. For tests that hand a database to a child process.
 *
 * @example const { url, drop } = await createTestPostgres(process.env.DATABASE_URL!, 'ss_template_1')
 */
export async function createTestPostgres(serverUrl: string, template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ss_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * A migrated database of its own on the chosen driver (a copy of the suite's template), and how to drop it.
 *
 * @example const { database, drop } = await createTestDatabase(); await startServer({ port: 0, database })
 */
export async function createTestDatabase(
  options: TestInstanceOptions & { applicationName?: string } = fromEnv(),
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (options.driver === 'postgres') {
    if (!options.url) throw new Error('createTestInstance: the postgres driver needs DATABASE_URL');
    const created = await createTestPostgres(options.url, options.template);
    const database = await createDatabase({ url: created.url, maxConnections: 5, applicationName: options.applicationName });
    if (!options.template) await database.migrate();
    return {
      database,
      drop: async () => {
        await database.close();
        await created.drop();
      },
    };
  }
  const dump = options.template ? new Blob([await readFile(options.template)]) : undefined;
  const database = await createDatabase({ loadDataDir: dump });
  if (!dump) await database.migrate();
  return { database, drop: () => database.close() };
}

/**
 * A migrated database on the chosen driver, the app over it, a moveable clock, a file folder, and an
 * organization with an API key and an SDK bound to `app.request` — what every server test starts from.
 *
 * @example
 * const t = await createTestInstance()
 * const contact = await t.sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'Lovelace' })
 * await t.close()
 */
export async function createTestInstance(options: TestInstanceOptions = {}) {
  const settings = { ...fromEnv(), ...options };
  const { database, drop } = await createTestDatabase(settings);
  const clock = manualClock(settings.now ?? new Date());
  const filesDir = await mkdtemp(join(tmpdir(), 'spokestack-files-'));
  const secret = randomBytes(32).toString('hex');
  const spokestack = createApp({
    db: database.db,
    storage: localStorage(filesDir),
    secret,
    clock,
    logger: silentLogger,
    validateResponses: true,
    rateLimits: settings.rateLimits ?? false,
    allowPrivateWebhookUrls: settings.allowPrivateWebhookUrls,
    mail: settings.mail,
  });
  const { app } = spokestack;
  const fetch = (request: Request) => app.request(request);
  // Annotated with the named type so declarations refer to it instead of inlining the whole SDK.
  const sdkFor = (credential: string): SpokeStack => createSpokeStack({ baseUrl: 'http://spokestack.test', apiKey: credential, fetch });

  /** Another organization with its own key and SDK, for isolation tests. */
  async function createOrg(name = 'Other Agency') {
    const { organization, apiKey } = await createOrganization(database.db, { name });
    return { organization, apiKey, sdk: sdkFor(apiKey) };
  }
  const main = await createOrg('Test Agency');
  const worker = createWorker({
    db: database.db,
    clock,
    logger: silentLogger,
    handlers: spokestack.jobHandlers,
    limits: spokestack.jobLimits,
  });

  return {
    ...spokestack,
    db: database.db,
    driver: database.driver,
    clock,
    secret,
    filesDir,
    organization: main.organization,
    apiKey: main.apiKey,
    sdk: main.sdk,
    sdkFor,
    createOrg,
    /** Runs every job due on the test clock (and the due jobs those enqueue) with the app's handlers. @example t.clock.advance(60_000);
     * await t.runJobs() */
    runJobs: () => worker.runDue(),
    /** A raw request against the app, with the main API key unless `headers.authorization` says otherwise. */
    request(path: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${main.apiKey}`);
      if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return app.request(new Request(`http://spokestack.test${path}`, { ...init, headers }));
    },
    async close() {
      await drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}
export type TestInstance = Awaited<ReturnType<typeof createTestInstance>>;

/**
 * The `SpokeStackError` a call fails with; throws when the call succeeds instead.
 *
 * @example expect((await problem(sdk.cms.entries.create({ contentTypeId, data: {} }))).errors).toContainEqual({ path: 'body.data.title',
 * message: 'Required' })
 */
export async function problem(promise: Promise<unknown>): Promise<SpokeStackError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SpokeStackError))
    throw new Error(error === undefined ? 'expected the call to fail' : `expected a SpokeStackError, got ${String(error)}`);
  return error;
}

/**
 * The bytes of a real 1×1 PNG: uploads are typed by their bytes, so a test image must be one.
 *
 * @example await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'a.png' })
 */
export const pngBytes = (): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  );
