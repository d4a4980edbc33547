import { readFile } from 'node:fs/promises';
import type { SpokeStack } from '@spokestack/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../cms/delivery-sql.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import type { ImportRow } from './imports.js';
import { type Connector, runSync } from './syncs.js';

// Background syncs of a connection from an uploaded export: queued with a sync log, run by the job
// queue, progress and errors on that log, the same idempotent upsert as a direct import.

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let clientSdk: SpokeStack;
let acme: { id: string };

const fixture = async (name: string) => new File([await readFile(new URL(`../../test/fixtures/analytics/${name}`, import.meta.url))], name);
const upload = async (file: File, sdk = t.sdk) => sdk.platform.files.upload(file, { name: file.name });
const connection = (platform: 'META_ADS' | 'CUSTOM_API', accountId: string) =>
  t.sdk.analytics.platforms.create({
    platform,
    name: accountId,
    accountId,
    clientId: acme.id,
    credentials: { appSecret: 'meta-app-secret-1' },
    accessToken: 'EAAB-long-lived-token',
  });

beforeAll(async () => {
  t = await createTestInstance({ now: '2026-09-10T08:00:00Z' });
  other = await t.createOrg('Rival Agency');
  acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
  clientSdk = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id, expiresIn: 86_400 })).token);
});
afterAll(() => t.close());

describe('connection syncs', () => {
  it('imports a Meta export in a background job, with its progress on the sync log; syncing it again changes nothing', async () => {
    const meta = await connection('META_ADS', 'act_sync');
    // Credentials are sealed at rest and never come back.
    expect(meta).toMatchObject({ credentialsSet: true, accessTokenSet: true });
    expect(meta).not.toHaveProperty('credentials');
    const [stored] = rowsOf<{ credentials: unknown; access_token: string }>(
      await t.db.execute(sql`select credentials, access_token from analytics_platforms where id = ${meta.id}`),
    );
    expect(String(stored!.credentials)).toMatch(/^enc:v1:/);
    expect(stored!.access_token).toMatch(/^enc:v1:/);

    const file = await upload(await fixture('meta-ads-ad-daily.csv'));
    const queued = await t.sdk.analytics.platforms.sync(meta.id, { fileId: file.id });
    expect(queued).toMatchObject({ platformId: meta.id, syncType: 'sync', status: 'queued', recordsProcessed: 0 });
    const query = { from: '2026-09-01', to: '2026-09-02', platformId: meta.id, compare: false } as const;
    expect((await t.sdk.analytics.metrics.query(query)).totals.metrics.spend).toBe('0.00');

    await t.runJobs();
    const done = await t.sdk.analytics.syncLogs.get(queued.id);
    expect(done).toMatchObject({ status: 'success', recordsProcessed: 6, recordsFailed: 0, error: null });
    expect(done.completedAt).not.toBeNull();
    const totals = (await t.sdk.analytics.metrics.query(query)).totals.metrics;
    expect(totals).toMatchObject({ spend: '214.57', impressions: '23918', clicks: '235', conversions: '15', conversionValue: '1177.24' });
    expect(await t.sdk.analytics.platforms.get(meta.id)).toMatchObject({ lastSyncStatus: 'success', lastSyncError: null });

    const again = await t.sdk.analytics.platforms.sync(meta.id, { fileId: file.id });
    await t.runJobs();
    expect(await t.sdk.analytics.syncLogs.get(again.id)).toMatchObject({ status: 'success', recordsProcessed: 6 });
    expect((await t.sdk.analytics.metrics.query(query)).totals.metrics).toEqual(totals);
    expect((await t.sdk.analytics.adCampaigns.list({ platformId: meta.id })).data).toHaveLength(2);
    // A finished sync's job running again (a lost completion) does not import twice.
    await t.runJobs();
    expect((await t.sdk.analytics.syncLogs.list({ platformId: meta.id })).data).toHaveLength(2);
  });

  it('reads a JSON export in the push shape, importing the good rows and logging the bad ones', async () => {
    const custom = await connection('CUSTOM_API', 'warehouse');
    const row = (date: string, spend: string) => ({ date, campaign: { externalId: 'c1', name: 'Always on', currency: 'EUR' }, spend });
    const body = JSON.stringify({ rows: [row('2026-09-01', '10.00'), row('2026-09-02', '2.50'), { date: 'yesterday', spend: '1' }] });
    const file = await upload(new File([body], 'export.json', { type: 'application/json' }));
    const queued = await t.sdk.analytics.platforms.sync(custom.id, { fileId: file.id });
    await t.runJobs();
    const log = await t.sdk.analytics.syncLogs.get(queued.id);
    expect(log).toMatchObject({ status: 'partial', recordsProcessed: 2, recordsFailed: 1 });
    expect(log.errorDetails).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('date') })]);
    const q = await t.sdk.analytics.metrics.query({ from: '2026-09-01', to: '2026-09-02', platformId: custom.id, compare: false });
    expect(q).toMatchObject({ currency: 'EUR', totals: { metrics: { spend: '12.50' } } });
  });

  it('fails the log, and the connection says why, when the export cannot be read; no retry repeats it', async () => {
    const meta = await connection('META_ADS', 'act_broken');
    const file = await upload(new File(['hello\nworld'], 'notes.txt', { type: 'text/plain' }));
    const queued = await t.sdk.analytics.platforms.sync(meta.id, { fileId: file.id });
    await t.runJobs();
    const log = await t.sdk.analytics.syncLogs.get(queued.id);
    expect(log).toMatchObject({ status: 'failed', recordsProcessed: 0 });
    expect(log.error).toMatch(/header/i);
    expect(await t.sdk.analytics.platforms.get(meta.id)).toMatchObject({ lastSyncStatus: 'failed', lastSyncError: log.error });
    t.clock.advance(3_600_000);
    await t.runJobs();
    expect((await t.sdk.analytics.syncLogs.get(queued.id)).status).toBe('failed');
  });

  it('keeps syncs to writers of the organization, with its own files', async () => {
    const meta = await connection('META_ADS', 'act_roles');
    const mine = await upload(await fixture('meta-ads-ad-daily.csv'));
    const theirs = await upload(await fixture('meta-ads-ad-daily.csv'), other.sdk);
    expect((await problem(clientSdk.analytics.platforms.sync(meta.id, { fileId: mine.id }))).status).toBe(403);
    expect((await problem(other.sdk.analytics.platforms.sync(meta.id, { fileId: theirs.id }))).status).toBe(404);
    expect(await problem(t.sdk.analytics.platforms.sync(meta.id, { fileId: theirs.id }))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.fileId' }],
    });
    expect(await problem(t.sdk.analytics.platforms.sync(meta.id, { fileId: mine.id, platform: 'GOOGLE_ADS' }))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.platform' }],
    });
    const log = await t.sdk.analytics.platforms.sync(meta.id, { fileId: mine.id });
    expect((await problem(other.sdk.analytics.syncLogs.get(log.id))).status).toBe(404);
  });

  it('hands a connector the decrypted token and the last sync, shows progress as it reads, fails a run it cannot finish', async () => {
    const meta = await connection('META_ADS', 'act_api');
    const file = await upload(await fixture('meta-ads-ad-daily.csv'));
    await t.sdk.analytics.platforms.sync(meta.id, { fileId: file.id });
    await t.runJobs();
    const lastSync = (await t.sdk.analytics.platforms.get(meta.id)).lastSyncAt;
    const day = (date: string, spend: string): ImportRow => ({
      line: 1,
      level: 'campaign',
      campaign: { externalId: 'api-1', name: 'From the API' },
      adSet: null,
      ad: null,
      date,
      currency: 'USD',
      spend,
      impressions: '700',
      reach: null,
      clicks: '7',
      conversions: null,
      conversionValue: null,
    });
    const seen: { token?: string | null; since?: Date | null; midway?: object } = {};
    const log = await t.sdk.analytics.platforms.sync(meta.id, { fileId: file.id });
    const api: Connector = {
      async read(run) {
        seen.token = await run.secret('accessToken');
        seen.since = run.since;
        return {
          head: { platform: 'META_ADS', confidence: 1, columns: {}, unmapped: [] },
          summary: () => ({ rows: 2, errors: 0, totals: 0, complete: true }),
          batches: (async function* () {
            yield { rows: [day('2026-09-08', '7.00')], errors: [] };
            seen.midway = await t.sdk.analytics.syncLogs.get(log.id);
            yield { rows: [day('2026-09-09', '3.00')], errors: [] };
          })(),
        };
      },
    };
    const ctx = t.contextFor(t.organization.id);
    await runSync(t.db, ctx, api, { syncLogId: log.id, connectionId: meta.id, source: { fileId: file.id } });
    expect(seen.token).toBe('EAAB-long-lived-token');
    expect(seen.since?.toISOString()).toBe(lastSync);
    expect(seen.midway).toMatchObject({ status: 'running', recordsProcessed: 1 });
    expect(await t.sdk.analytics.syncLogs.get(log.id)).toMatchObject({ status: 'success', recordsProcessed: 2 });
    const q = await t.sdk.analytics.metrics.query({ from: '2026-09-08', to: '2026-09-09', platformId: meta.id, compare: false });
    expect(q.totals.metrics).toMatchObject({ spend: '10.00', clicks: '14' });
    // The queued job finds its log done and imports nothing again.
    await t.runJobs();
    expect((await t.sdk.analytics.metrics.query({ from: '2026-09-08', to: '2026-09-09', platformId: meta.id })).totals.metrics.spend).toBe(
      '10.00',
    );

    // An outage fails the attempt (the queue retries it with backoff) and says why on the log and the connection.
    const outage: Connector = {
      read: async () => {
        throw new Error('Meta Marketing API: 503 Service Unavailable');
      },
    };
    const next = await t.sdk.analytics.platforms.sync(meta.id, { fileId: file.id });
    await expect(runSync(t.db, ctx, outage, { syncLogId: next.id, connectionId: meta.id, source: { fileId: file.id } })).rejects.toThrow(
      /503/,
    );
    expect(await t.sdk.analytics.syncLogs.get(next.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/503/) });
    expect((await t.sdk.analytics.platforms.get(meta.id)).lastSyncStatus).toBe('failed');
    // The retry (here the queued job itself, with the file connector) succeeds on the same log.
    await t.runJobs();
    expect(await t.sdk.analytics.syncLogs.get(next.id)).toMatchObject({ status: 'success', recordsProcessed: 6, error: null });
  });
});
