import type { PlatformType } from '@spokestack/core/analytics';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import * as z from 'zod';
import { rowsOf } from '../cms/delivery-sql.js';
import type { Db } from '../db/client.js';
import type { FeatureSchedule } from '../feature.js';
import type { TenantContext } from '../platform/context.js';
import {
  adCampaigns,
  adMetrics,
  adSetMetrics,
  adSets,
  ads,
  analyticsPlatforms,
  campaignMetrics,
  platformMetrics,
  platformSyncLogs,
} from './schema.js';
import { type Connector, runSync } from './syncs.js';

// Scheduled syncs and retention. A sweep each minute finds the connections whose next sync is due —
// `syncFrequency` minutes after the last one, doubled per consecutive failure up to a day — and queues
// one job per connection in its organization; the job reads the platform with the connector registered
// for its type, through the same `runSync` (and sync log, and upsert) as a manual sync. A nightly job
// deletes each connection's metrics older than its `dataRetentionDays`, and the sync logs with them.

export const syncSweepName = 'analytics.syncSweep';
export const scheduledSyncJobName = 'analytics.scheduledSync';
export const retentionJobName = 'analytics.retention';
/** The longest wait between two attempts of a failing connection, in minutes. */
const maxBackoffMinutes = 24 * 60;
const minute = 60_000;

// Connectors are code, registered at startup like job handlers: which platforms have one decides which
// connections are synced on a schedule (a platform without one is synced from uploaded exports only).
const connectors = new Map<PlatformType, Connector>();

/**
 * Registers the connector that scheduled syncs of `platform` connections read with (one per platform;
 * a second replaces the first). Answers a function that unregisters it.
 *
 * @example
 * registerConnector('GOOGLE_ADS', { read: async ({ secret, since }) => googleAdsReport(await secret('accessToken'), since) })
 */
export function registerConnector(platform: PlatformType, connector: Connector): () => void {
  connectors.set(platform, connector);
  return () => {
    if (connectors.get(platform) === connector) connectors.delete(platform);
  };
}

/** Minutes to wait after a connection's last sync: its frequency, doubled per consecutive failure, at most a day. */
export const syncDelayMinutes = (frequency: number, failures: number) =>
  Math.min(Math.max(frequency, 1) * 2 ** Math.min(failures, 20), Math.max(frequency, maxBackoffMinutes));

interface Candidate {
  id: string;
  organization_id: string;
  sync_frequency: number;
  last_sync_ms: number | null;
  failures: number;
}

/** Each minute: queue a sync job for every active, enabled connection of a registered platform whose sync is due. */
async function sweepDueSyncs(db: Db, { now, contextFor }: { now: Date; contextFor: (organizationId: string) => TenantContext }) {
  const platforms = [...connectors.keys()];
  if (!platforms.length) return;
  const p = analyticsPlatforms;
  const l = platformSyncLogs;
  // Failures since the last run that was not one: the exponent of the backoff.
  const candidates = rowsOf<Candidate>(
    await db.execute(sql`select ${p.id} as id, ${p.organizationId} as organization_id, ${p.syncFrequency} as sync_frequency,
        (extract(epoch from ${p.lastSyncAt}) * 1000)::float8 as last_sync_ms,
        (select count(*)::int from ${l} where ${l.organizationId} = ${p.organizationId} and ${l.platformId} = ${p.id}
          and ${l.status} = 'failed' and ${l.startedAt} > coalesce((select max(ok.started_at) from ${l} ok
            where ok.organization_id = ${p.organizationId} and ok.platform_id = ${p.id}
              and ok.status in ('success', 'partial')), '-infinity')) as failures
      from ${p}
      where ${p.isActive} and ${p.syncEnabled} and ${inArray(p.platform, platforms)}
        and (${p.lastSyncAt} is null or ${p.lastSyncAt} + ${p.syncFrequency} * interval '1 minute' <= ${now.toISOString()}::timestamptz)
      order by ${p.lastSyncAt} nulls first limit 500`),
  );
  for (const c of candidates) {
    const last = c.last_sync_ms === null ? null : new Date(Number(c.last_sync_ms));
    if (last && last.getTime() + syncDelayMinutes(c.sync_frequency, c.failures) * minute > now.getTime()) continue;
    const ctx = contextFor(c.organization_id);
    // Keyed by the last sync: sweeps before the job has run (or on other instances) add nothing.
    await ctx.jobs.enqueue(scheduledSyncJobName, { connectionId: c.id } as z.infer<typeof scheduledPayload>, {
      organizationId: c.organization_id,
      uniqueKey: `${scheduledSyncJobName}:${c.id}:${last?.toISOString() ?? 'first'}`,
    });
  }
}

const scheduledPayload = z.object({ connectionId: z.string() });

/**
 * One scheduled sync: a `scheduled` sync log, the platform's registered connector, the one upsert. A
 * failure is recorded on the log and the connection (never retried by the queue: the sweep's backoff
 * decides when the next attempt is), so a failing platform cannot pile up jobs.
 */
async function runScheduledSync(db: Db, ctx: TenantContext, payload: unknown) {
  const { connectionId } = scheduledPayload.parse(payload);
  const p = analyticsPlatforms;
  const [connection] = await db
    .select({ id: p.id, platform: p.platform, active: p.isActive, enabled: p.syncEnabled })
    .from(p)
    .where(and(eq(p.organizationId, ctx.organizationId), eq(p.id, connectionId)));
  const connector = connection && connectors.get(connection.platform);
  // Deleted, paused or unregistered since it was queued.
  if (!connection?.active || !connection.enabled || !connector) return;
  const [log] = await db
    .insert(platformSyncLogs)
    .values({ organizationId: ctx.organizationId, platformId: connection.id, syncType: 'scheduled', status: 'queued', startedAt: ctx.now })
    .returning({ id: platformSyncLogs.id });
  try {
    await runSync(db, ctx, connector, { syncLogId: log!.id, connectionId, source: null });
  } catch (error) {
    ctx.logger.warn('scheduled sync failed', { connectionId, error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Nightly: per connection, deletes the daily metrics (campaign, ad set, ad, account) dated more than
 * `dataRetentionDays` before today, and its sync logs started before then. Every join matches the
 * organization, so one statement per table serves all tenants without crossing any.
 */
async function applyRetention(db: Db, { now }: { now: Date }) {
  const today = now.toISOString().slice(0, 10);
  const p = analyticsPlatforms;
  const c = adCampaigns;
  const cutoff = sql`(${today}::date - ${p.dataRetentionDays})`;
  const owned = (campaignId: SQL, organizationId: SQL) =>
    sql`${c.id} = ${campaignId} and ${c.organizationId} = ${organizationId}
      and ${p.id} = ${c.platformId} and ${p.organizationId} = ${c.organizationId}`;
  await db.execute(sql`delete from ${campaignMetrics} m using ${c}, ${p}
    where ${owned(sql`m.campaign_id`, sql`m.organization_id`)} and m.date < ${cutoff}`);
  await db.execute(sql`delete from ${adSetMetrics} m using ${adSets} s, ${c}, ${p}
    where s.id = m.ad_set_id and s.organization_id = m.organization_id
      and ${owned(sql`s.campaign_id`, sql`s.organization_id`)} and m.date < ${cutoff}`);
  await db.execute(sql`delete from ${adMetrics} m using ${ads} a, ${adSets} s, ${c}, ${p}
    where a.id = m.ad_id and a.organization_id = m.organization_id and s.id = a.ad_set_id and s.organization_id = a.organization_id
      and ${owned(sql`s.campaign_id`, sql`s.organization_id`)} and m.date < ${cutoff}`);
  await db.execute(sql`delete from ${platformMetrics} m using ${p}
    where ${p.id} = m.platform_id and ${p.organizationId} = m.organization_id and m.date < ${cutoff}`);
  await db.execute(sql`delete from ${platformSyncLogs} l using ${p}
    where ${p.id} = l.platform_id and ${p.organizationId} = l.organization_id and l.started_at < ${cutoff}::timestamptz`);
}

/** The analytics feature's recurring jobs. */
export const analyticsSchedules: Record<string, FeatureSchedule> = {
  [syncSweepName]: { cron: '* * * * *', run: sweepDueSyncs },
  [retentionJobName]: { cron: '41 2 * * *', run: applyRetention },
};

/** The per-connection job the sweep queues. */
export const scheduledSyncJobs = { [scheduledSyncJobName]: runScheduledSync };
