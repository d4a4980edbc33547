import type { ImportResult, metricsPush, reportImport } from '@spokestack/core/analytics';
import { Decimal } from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { badRequest, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import {
  type ColumnMapping,
  openReport,
  type ReportField,
  type ReportOptions,
  ReportFormatError,
  type ReportRow,
  readReport,
  reportPlatforms,
  type RowError,
} from './importers/index.js';
import { writeMetricRows } from './metrics-store.js';
import { adCampaigns, ads, adSets, analyticsPlatforms, platformSyncLogs } from './schema.js';

// Imports turn a report's normalized rows (from a CSV export, or pushed by a connector) into the
// connection's campaigns, ad sets and ads — matched by their platform ids, or by name when the file has
// none — and their daily metrics, written through the one idempotent upsert. Lines of the same entity
// and day (segments by device or network) are summed; an ad-level file also gives its ad sets and
// campaigns their days, summed from the ads. Importing the same file again changes nothing.

export type Connection = typeof analyticsPlatforms.$inferSelect;
const levels = ['account', 'campaign', 'adSet', 'ad'] as const;
type Level = (typeof levels)[number];
const depth = (level: Level) => levels.indexOf(level);

/** The rows of an import, whatever their source: the report's normalized row shape. */
export type ImportRow = Pick<ReportRow, 'level' | 'campaign' | 'adSet' | 'ad' | 'date' | 'currency' | BaseField> & {
  line: number;
  status?: string;
};
type BaseField = 'spend' | 'impressions' | 'reach' | 'clicks' | 'conversions' | 'conversionValue';
const baseFields: BaseField[] = ['spend', 'impressions', 'reach', 'clicks', 'conversions', 'conversionValue'];
type Sums = Record<BaseField, Decimal | null>;

/** The connection an import writes to: the caller's organization's (404 otherwise). */
export async function connectionOf(db: Db, ctx: TenantContext, id: string): Promise<Connection> {
  const [row] = await db
    .select()
    .from(analyticsPlatforms)
    .where(and(eq(analyticsPlatforms.organizationId, ctx.organizationId), eq(analyticsPlatforms.id, id)));
  if (!row) throw notFound('Platform connection');
  return row;
}

type ReportSettings = Pick<z.output<typeof reportImport>, 'platform' | 'currency' | 'dateOrder' | 'decimalSeparator'>;

/** A multipart form's `columns` field (JSON text) as the reader's header overrides. */
function parseColumns(text: string | undefined): ReportOptions['columns'] {
  if (!text) return undefined;
  let columns: ReportOptions['columns'];
  try {
    columns = JSON.parse(text) as ReportOptions['columns'];
  } catch {
    throw badRequest([{ path: 'body.columns', message: 'Not JSON' }]);
  }
  if (!columns || typeof columns !== 'object' || Array.isArray(columns))
    throw badRequest([{ path: 'body.columns', message: 'Expected an object of field → header' }]);
  return columns;
}

/** How to read a connection's export: its own platform unless the caller names another (400 when they disagree). */
export function reportOptions(connection: Connection, input: ReportSettings, columns?: ReportOptions['columns']): ReportOptions {
  const own = (reportPlatforms as readonly string[]).includes(connection.platform)
    ? (connection.platform as ReportOptions['platform'])
    : undefined;
  if (input.platform && own && input.platform !== own)
    throw badRequest([{ path: 'body.platform', message: `The connection is a ${own} account` }]);
  return {
    platform: input.platform ?? own,
    columns,
    currency: input.currency,
    dateOrder: input.dateOrder,
    decimalSeparator: input.decimalSeparator,
  };
}

/**
 * Imports a Meta Ads Manager or Google Ads CSV export into a connection (a `dryRun` only reads it and
 * answers the mapping and the first rows). Bad lines are reported and skipped; the rest is written in
 * one transaction with a `platform_sync_logs` row.
 *
 * @example const result = await importReport(db, ctx, connection.id, { file: new File([csv], 'meta.csv') })
 */
export async function importReport(
  db: Db,
  ctx: TenantContext,
  connectionId: string,
  input: z.output<typeof reportImport>,
): Promise<ImportResult> {
  const connection = await connectionOf(db, ctx, connectionId);
  const options = reportOptions(connection, input, parseColumns(input.columns));
  const started = performance.now();
  try {
    if (input.dryRun) {
      const { rows, errors, summary, ...head } = await readReport(input.file.stream(), { ...options, maxRows: 20 });
      return resultOf(head, rows, errors, summary, null, emptyWritten(), rows);
    }
    const reader = await openReport(input.file.stream(), options);
    const rows: ReportRow[] = [];
    const errors: RowError[] = [];
    for await (const record of reader.records()) {
      if (record.type === 'row') rows.push(record.row);
      else if (record.type === 'error') errors.push(...record.errors);
    }
    return await ingest(db, ctx, connection, 'import', reader, rows, errors, reader.summary, started);
  } catch (error) {
    if (error instanceof ReportFormatError) throw badRequest([{ path: 'body.file', message: error.message }]);
    throw error;
  }
}

/**
 * Takes campaigns and daily metrics pushed by any source (a CUSTOM_API connection's own connector):
 * the same mapping and upsert as a file import; pushing a day again replaces it.
 *
 * @example
 * await pushMetrics(db, ctx, connection.id, {
 *   rows: [{ date: '2026-03-01', campaign: { externalId: 'c1', name: 'Spring' }, spend: '12.00' }],
 * })
 */
export async function pushMetrics(
  db: Db,
  ctx: TenantContext,
  connectionId: string,
  input: z.output<typeof metricsPush>,
): Promise<ImportResult> {
  const connection = await connectionOf(db, ctx, connectionId);
  const started = performance.now();
  const rows = pushedRows(input.rows);
  const bad = input.rows.findIndex((r) => r.ad && !r.adSet);
  if (bad !== -1) throw badRequest([{ path: `body.rows.${bad}.adSet`, message: 'An ad needs its ad set' }]);
  const head = { platform: connection.platform, confidence: 1, columns: {}, unmapped: [] };
  return ingest(db, ctx, connection, 'push', head, rows, [], { rows: rows.length, errors: 0, totals: 0, complete: true }, started);
}

/** Pushed rows (the push's body, or a JSON export in its shape) as import rows, numbered from 1. */
export function pushedRows(input: z.output<typeof metricsPush>['rows']): ImportRow[] {
  return input.map((r, i) => ({
    line: i + 1,
    level: r.ad ? 'ad' : r.adSet ? 'adSet' : 'campaign',
    campaign: r.campaign,
    adSet: r.adSet ?? null,
    ad: r.ad ?? null,
    date: r.date,
    currency: r.campaign.currency ?? null,
    status: r.campaign.status,
    spend: r.spend ?? null,
    impressions: r.impressions ?? null,
    reach: r.reach ?? null,
    clicks: r.clicks ?? null,
    conversions: r.conversions ?? null,
    conversionValue: r.conversionValue ?? null,
  }));
}

export interface Head {
  platform: string;
  confidence: number;
  columns: ColumnMapping;
  unmapped: string[];
}
type Written = ImportResult['written'];
const emptyWritten = (): Written => ({ campaigns: 0, adSets: 0, ads: 0, campaignDays: 0, adSetDays: 0, adDays: 0, accountDays: 0 });

const keyOf = (ref: { externalId: string | null; name: string | null }) => ref.externalId ?? `name:${ref.name}`;
const dec = (value: string | null) => (value === null ? null : new Decimal(value));
function add(into: Map<string, Sums>, key: string, row: ImportRow) {
  const sums = into.get(key) ?? (Object.fromEntries(baseFields.map((f) => [f, null])) as Sums);
  for (const field of baseFields) {
    const value = dec(row[field]);
    if (value !== null) sums[field] = (sums[field] ?? new Decimal(0)).plus(value);
  }
  into.set(key, sums);
}
/** Counts go into integer columns (Google's fractional conversions are rounded), money to cents. */
function stored(sums: Sums): Record<BaseField, number | string | undefined> {
  const whole = (v: Decimal | null) => (v === null ? undefined : v.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber());
  const cents = (v: Decimal | null) => (v === null ? undefined : v.toFixed(2, Decimal.ROUND_HALF_UP));
  return {
    spend: cents(sums.spend),
    impressions: whole(sums.impressions),
    reach: whole(sums.reach),
    clicks: whole(sums.clicks),
    conversions: whole(sums.conversions),
    conversionValue: cents(sums.conversionValue),
  };
}

/**
 * Writes an import's rows and records the run: a new `platform_sync_logs` row, or — for a background
 * sync — the one queued for it (`logId`), so its progress and result stay on one row.
 */
export async function ingest(
  db: Db,
  ctx: TenantContext,
  connection: Connection,
  syncType: 'import' | 'push' | 'sync',
  head: Head,
  rows: ImportRow[],
  errors: RowError[],
  summary: { rows: number; errors: number; totals: number; complete: boolean },
  started: number,
  logId?: string,
): Promise<ImportResult> {
  const fileLevel = rows.reduce<Level | null>((deepest, r) => (!deepest || depth(r.level) > depth(deepest) ? r.level : deepest), null);
  const used: ImportRow[] = [];
  for (const row of rows) {
    // A shallower line in a deeper file (a campaign subtotal among ads) would be counted twice.
    if (row.level !== 'account' && fileLevel && row.level !== fileLevel)
      errors.push({
        line: row.line,
        field: null,
        column: null,
        value: null,
        message: `A ${row.level} line in a file of ${fileLevel} lines`,
      });
    else used.push(row);
  }
  const campaigns = new Map<string, { externalId: string; name: string; currency: string | null; status?: string }>();
  const adSetRefs = new Map<string, { campaign: string; externalId: string; name: string }>();
  const adRefs = new Map<string, { adSet: string; externalId: string; name: string }>();
  const days = {
    campaign: new Map<string, Sums>(),
    adSet: new Map<string, Sums>(),
    ad: new Map<string, Sums>(),
    account: new Map<string, Sums>(),
  };
  for (const row of used) {
    if (row.level === 'account' || !row.campaign) {
      add(days.account, row.date, row);
      continue;
    }
    const c = keyOf(row.campaign);
    const known = campaigns.get(c);
    campaigns.set(c, {
      externalId: c,
      name: row.campaign.name ?? known?.name ?? c,
      currency: row.currency ?? known?.currency ?? null,
      status: row.status ?? known?.status,
    });
    add(days.campaign, `${c}\n${row.date}`, row);
    if (row.adSet && depth(row.level) >= depth('adSet')) {
      const s = `${c}\n${keyOf(row.adSet)}`;
      adSetRefs.set(s, { campaign: c, externalId: keyOf(row.adSet), name: row.adSet.name ?? keyOf(row.adSet) });
      add(days.adSet, `${s}\n${row.date}`, row);
      if (row.ad && row.level === 'ad') {
        const a = `${s}\n${keyOf(row.ad)}`;
        adRefs.set(a, { adSet: s, externalId: keyOf(row.ad), name: row.ad.name ?? keyOf(row.ad) });
        add(days.ad, `${a}\n${row.date}`, row);
      }
    }
  }

  const written = await transaction(db, async (tx) => {
    const out = emptyWritten();
    const campaignIds = await upsertCampaigns(tx, ctx, connection, [...campaigns.values()]);
    const adSetIds = new Map<string, string>();
    const setRows = [...adSetRefs.entries()];
    for (let i = 0; i < setRows.length; i += 2000) {
      const chunk = setRows.slice(i, i + 2000);
      const result = await tx
        .insert(adSets)
        .values(
          chunk.map(([, s]) => ({
            organizationId: ctx.organizationId,
            campaignId: campaignIds.get(s.campaign)!,
            externalId: s.externalId,
            name: s.name,
            status: 'ACTIVE',
          })),
        )
        .onConflictDoUpdate({ target: [adSets.campaignId, adSets.externalId], set: { name: sql`excluded.name`, updatedAt: ctx.now } })
        .returning({ id: adSets.id, campaignId: adSets.campaignId, externalId: adSets.externalId });
      const byRef = new Map(result.map((r) => [`${r.campaignId}\n${r.externalId}`, r.id]));
      for (const [key, s] of chunk) adSetIds.set(key, byRef.get(`${campaignIds.get(s.campaign)}\n${s.externalId}`)!);
    }
    const adIds = new Map<string, string>();
    const adRows = [...adRefs.entries()];
    for (let i = 0; i < adRows.length; i += 2000) {
      const chunk = adRows.slice(i, i + 2000);
      const result = await tx
        .insert(ads)
        .values(
          chunk.map(([, a]) => ({
            organizationId: ctx.organizationId,
            adSetId: adSetIds.get(a.adSet)!,
            externalId: a.externalId,
            name: a.name,
            status: 'ACTIVE',
          })),
        )
        .onConflictDoUpdate({ target: [ads.adSetId, ads.externalId], set: { name: sql`excluded.name`, updatedAt: ctx.now } })
        .returning({ id: ads.id, adSetId: ads.adSetId, externalId: ads.externalId });
      const byRef = new Map(result.map((r) => [`${r.adSetId}\n${r.externalId}`, r.id]));
      for (const [key, a] of chunk) adIds.set(key, byRef.get(`${adSetIds.get(a.adSet)}\n${a.externalId}`)!);
    }
    const split = (key: string) => {
      const parts = key.split('\n');
      return { entity: parts.slice(0, -1).join('\n'), date: parts.at(-1)! };
    };
    const metricRows = (map: Map<string, Sums>, ids: Map<string, string>, idKey: string) =>
      [...map.entries()].map(([key, sums]) => {
        const { entity, date } = split(key);
        return { [idKey]: ids.get(entity)!, date, ...stored(sums) };
      });
    const campaignDays = metricRows(days.campaign, campaignIds, 'campaignId');
    const adSetDays = metricRows(days.adSet, adSetIds, 'adSetId');
    const adDays = metricRows(days.ad, adIds, 'adId');
    const accountDays = [...days.account.entries()].flatMap(([date, sums]) =>
      Object.entries(stored(sums))
        .filter(([, value]) => value !== undefined)
        .map(([metricType, value]) => ({
          platformId: connection.id,
          date,
          metricType,
          dimension: null,
          dimensionValue: null,
          value: String(value),
        })),
    );
    await writeMetricRows(tx, ctx, 'campaign', campaignDays);
    await writeMetricRows(tx, ctx, 'adSet', adSetDays);
    await writeMetricRows(tx, ctx, 'ad', adDays);
    await writeMetricRows(tx, ctx, 'account', accountDays);
    Object.assign(out, {
      campaigns: campaigns.size,
      adSets: adSetRefs.size,
      ads: adRefs.size,
      campaignDays: campaignDays.length,
      adSetDays: adSetDays.length,
      adDays: adDays.length,
      accountDays: days.account.size,
    });
    return out;
  });
  const result = resultOf(head, used, errors, summary, fileLevel, written, null);
  const duration = Math.round(performance.now() - started);
  const log = await transaction(db, async (tx) => {
    const status = errors.length || !summary.complete ? 'partial' : 'success';
    const values = {
      status,
      recordsProcessed: used.length,
      recordsFailed: errors.length,
      completedAt: new Date(ctx.now.getTime() + duration),
      duration,
      errorDetails: errors.length ? (errors.slice(0, 20) as never) : null,
    };
    const [row] = logId
      ? await tx
          .update(platformSyncLogs)
          .set(values)
          .where(and(eq(platformSyncLogs.organizationId, ctx.organizationId), eq(platformSyncLogs.id, logId)))
          .returning({ id: platformSyncLogs.id })
      : await tx
          .insert(platformSyncLogs)
          .values({ ...values, organizationId: ctx.organizationId, platformId: connection.id, syncType, startedAt: ctx.now })
          .returning({ id: platformSyncLogs.id });
    await tx
      .update(analyticsPlatforms)
      .set({ lastSyncAt: ctx.now, lastSyncStatus: status, lastSyncError: null })
      .where(eq(analyticsPlatforms.id, connection.id));
    await recordActivity(tx, ctx, {
      action: syncType === 'push' ? 'pushed' : 'imported',
      entityType: 'analytics_platforms',
      entityId: connection.id,
      entityTitle: connection.name,
      clientId: connection.clientId,
      metadata: { rows: used.length, errors: errors.length, campaigns: written.campaigns, syncLogId: row!.id },
    });
    return row!;
  });
  return { ...result, syncLogId: log.id };
}

/** Campaigns by (connection, external id): created with the connection's client, renamed when the file renames them. */
async function upsertCampaigns(
  tx: Db,
  ctx: TenantContext,
  connection: Connection,
  list: { externalId: string; name: string; currency: string | null; status?: string }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  // A file that names no currency leaves a known campaign's currency alone.
  for (const stated of [true, false]) {
    const part = list.filter((c) => (c.currency !== null) === stated);
    for (let i = 0; i < part.length; i += 2000) {
      const chunk = part.slice(i, i + 2000);
      const result = await tx
        .insert(adCampaigns)
        .values(
          chunk.map((c) => ({
            organizationId: ctx.organizationId,
            platformId: connection.id,
            externalId: c.externalId,
            externalAccountId: connection.accountId,
            name: c.name,
            status: (c.status ?? 'ACTIVE') as 'ACTIVE',
            currency: c.currency ?? 'USD',
            clientId: connection.clientId,
            lastSyncedAt: ctx.now,
          })),
        )
        .onConflictDoUpdate({
          target: [adCampaigns.platformId, adCampaigns.externalId],
          set: {
            name: sql`excluded.name`,
            lastSyncedAt: ctx.now,
            updatedAt: ctx.now,
            ...(stated ? { currency: sql`excluded.currency` } : {}),
            ...(chunk.some((c) => c.status) ? { status: sql`excluded.status` } : {}),
          },
        })
        .returning({ id: adCampaigns.id, externalId: adCampaigns.externalId });
      for (const r of result) ids.set(r.externalId, r.id);
    }
  }
  return ids;
}

function resultOf(
  head: Head,
  rows: ImportRow[],
  errors: RowError[],
  summary: { totals: number; complete: boolean },
  level: Level | null,
  written: Written,
  preview: ReportRow[] | null,
): ImportResult {
  const sum = (field: BaseField) => rows.reduce((total, r) => total.plus(r[field] ?? 0), new Decimal(0)).toString();
  const dates = rows.map((r) => r.date).sort();
  const ends = rows.map((r) => ('endDate' in r ? (r.endDate as string) : r.date)).sort();
  return {
    platform: head.platform,
    confidence: head.confidence,
    columns: Object.fromEntries(Object.entries(head.columns).filter(([, v]) => v)) as Record<ReportField, string>,
    unmapped: head.unmapped,
    level: level ?? (preview?.[0]?.level as Level | undefined) ?? null,
    rows: rows.length,
    errors: errors.slice(0, 100),
    errorCount: errors.length,
    skippedTotals: summary.totals,
    complete: summary.complete,
    period: dates.length ? { from: dates[0]!, to: ends.at(-1)! } : null,
    written,
    totals: { spend: sum('spend'), impressions: sum('impressions'), clicks: sum('clicks'), conversions: sum('conversions') },
    preview: preview ? preview.map((r) => ({ ...r }) as Record<string, unknown>) : null,
    syncLogId: null,
  };
}
