import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSchedules } from '../app.js';
import { createTestInstance, type TestInstance } from '../testing/index.js';
import { pushedRows } from './imports.js';
import { registerConnector, syncDelayMinutes } from './sync-schedule.js';
import type { Connector } from './syncs.js';

// Scheduled syncs on each connection's `syncFrequency` through a registered connector, backing off
// after failures, a sync log per run; and the nightly retention of `dataRetentionDays`. The clock is
// the test's: moving it and running the due jobs is what the worker does every poll.

let t: TestInstance;
const minute = 60_000;
/** What the fake Google Ads API was asked, and whether it is down. */
const calls: { organizationId: string; since: Date | null; token: string | null }[] = [];
let outage = false;
let unregister: () => void;

const googleAds: Connector = {
  async read({ ctx, since, secret }) {
    calls.push({ organizationId: ctx.organizationId, since, token: await secret('accessToken') });
    if (outage) throw new Error('Google Ads API: 503 Service Unavailable');
    const day = ctx.now.toISOString().slice(0, 10);
    const rows = pushedRows([{ date: day, campaign: { externalId: 'g-1', name: 'Search', currency: 'USD' }, spend: '12.50', clicks: '5' }]);
    return {
      head: { platform: 'GOOGLE_ADS', confidence: 1, columns: {}, unmapped: [] },
      summary: () => ({ rows: rows.length, errors: 0, totals: 0, complete: true }),
      batches: (async function* () {
        yield { rows, errors: [] };
      })(),
    };
  },
};

/** Moves the clock and runs what became due (the sweep, then the sync jobs it queued). */
const advance = async (minutes: number) => {
  t.clock.advance(minutes * minute);
  await t.runJobs();
};
const logs = async (platformId: string) =>
  (await t.sdk.analytics.syncLogs.list({ platformId, sort: 'startedAt' })).data.filter((l) => l.syncType === 'scheduled');

beforeAll(async () => {
  t = await createTestInstance({ now: '2026-09-10T08:00:00Z' });
  unregister = registerConnector('GOOGLE_ADS', googleAds);
  await registerSchedules(t);
});
afterAll(async () => {
  unregister();
  await t.close();
});

describe('scheduled syncs', () => {
  it('syncs each connection on its frequency, incrementally, backing off after failures', async () => {
    const google = await t.sdk.analytics.platforms.create({
      platform: 'GOOGLE_ADS',
      name: 'Google',
      accountId: '123-456-7890',
      credentials: {},
      accessToken: 'ya29.token',
      syncFrequency: 60,
    });
    const paused = await t.sdk.analytics.platforms.create({
      platform: 'GOOGLE_ADS',
      name: 'Paused',
      accountId: '999',
      credentials: {},
      syncEnabled: false,
    });
    // A platform without a registered connector is synced from uploaded exports only.
    const meta = await t.sdk.analytics.platforms.create({ platform: 'META_ADS', name: 'Meta', accountId: 'act_1', credentials: {} });
    const other = await t.createOrg('Rival Agency');
    const theirs = await other.sdk.analytics.platforms.create({
      platform: 'GOOGLE_ADS',
      name: 'Theirs',
      accountId: 'r-1',
      credentials: {},
    });

    await advance(1);
    expect(await logs(google.id)).toMatchObject([{ status: 'success', recordsProcessed: 1, recordsFailed: 0, error: null }]);
    expect(await logs(paused.id)).toEqual([]);
    expect(await logs(meta.id)).toEqual([]);
    // The first sync asks for everything, with the decrypted token; each organization's runs in its own.
    expect(calls.filter((c) => c.organizationId === t.organization.id)).toEqual([
      { organizationId: t.organization.id, since: null, token: 'ya29.token' },
    ]);
    expect(calls.some((c) => c.organizationId === other.organization.id)).toBe(true);
    expect((await other.sdk.analytics.syncLogs.list({ platformId: theirs.id })).data).toHaveLength(1);
    const firstSync = (await t.sdk.analytics.platforms.get(google.id)).lastSyncAt;
    expect(
      (await t.sdk.analytics.metrics.query({ from: '2026-09-10', to: '2026-09-10', platformId: google.id })).totals.metrics.spend,
    ).toBe('12.50');

    // Not again before the hour; at the hour, since the last successful sync.
    await advance(30);
    expect(await logs(google.id)).toHaveLength(1);
    await advance(30);
    expect(await logs(google.id)).toHaveLength(2);
    expect(calls.at(-1)?.since?.toISOString()).toBe(firstSync);

    // The platform goes down: the failure is logged, then the wait doubles (2 h, then 4 h).
    outage = true;
    await advance(60);
    expect((await logs(google.id)).at(-1)).toMatchObject({ status: 'failed', error: 'Google Ads API: 503 Service Unavailable' });
    expect(await t.sdk.analytics.platforms.get(google.id)).toMatchObject({ lastSyncStatus: 'failed' });
    await advance(60);
    expect(await logs(google.id)).toHaveLength(3);
    await advance(60);
    expect(await logs(google.id)).toHaveLength(4);
    await advance(180);
    expect(await logs(google.id)).toHaveLength(4);
    outage = false;
    await advance(60);
    expect((await logs(google.id)).map((l) => l.status)).toEqual(['success', 'success', 'failed', 'failed', 'success']);
    // Recovered: back to the hourly frequency.
    await advance(60);
    expect(await logs(google.id)).toHaveLength(6);
  });

  it('caps the backoff at a day', () => {
    expect([0, 1, 2, 5, 30].map((failures) => syncDelayMinutes(60, failures))).toEqual([60, 120, 240, 1440, 1440]);
    expect(syncDelayMinutes(2880, 3)).toBe(2880);
  });
});

describe('retention', () => {
  it("deletes each connection's metrics older than its dataRetentionDays, nightly", async () => {
    const short = await t.sdk.analytics.platforms.create({
      platform: 'CUSTOM_API',
      name: 'Short',
      accountId: 'short',
      credentials: {},
      dataRetentionDays: 30,
    });
    const long = await t.sdk.analytics.platforms.create({ platform: 'CUSTOM_API', name: 'Long', accountId: 'long', credentials: {} });
    const row = (date: string) => ({ date, campaign: { externalId: 'c', name: 'Always on', currency: 'USD' }, spend: '1.00' });
    const now = t.clock.now();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString().slice(0, 10);
    for (const connection of [short, long])
      await t.sdk.analytics.platforms.push(connection.id, { rows: [row(daysAgo(40)), row(daysAgo(10))] });
    const spend = async (platformId: string) =>
      (await t.sdk.analytics.metrics.query({ from: daysAgo(60), to: daysAgo(0), platformId, compare: false })).totals.metrics.spend;
    expect([await spend(short.id), await spend(long.id)]).toEqual(['2.00', '2.00']);

    // The next 02:41 UTC.
    await advance(24 * 60);
    expect([await spend(short.id), await spend(long.id)]).toEqual(['1.00', '2.00']);
  });
});
