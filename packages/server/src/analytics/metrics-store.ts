import { randomBytes } from 'node:crypto';
import type { metricsUpsert } from '@spokestack/core/analytics';
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { badRequest } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { type DerivedMetric, deriveMetrics, metricDefinitions } from './metrics.js';
import { adMetrics, ads, adSetMetrics, adSets, adCampaigns, analyticsPlatforms, campaignMetrics, platformMetrics } from './schema.js';

// The one write path of daily metrics: HTTP pushes, CSV imports, connector syncs and the demo all come
// here. Idempotent: a (entity, day) sent again replaces the stored day, so a re-import or a sync that
// overlaps the last one never double counts. Each batch is one multi-row INSERT … ON CONFLICT DO UPDATE.

export type MetricsUpsertInput = z.output<typeof metricsUpsert>;
type Level = MetricsUpsertInput['level'];

interface LevelTarget {
  table: PgTable;
  /** The input key naming the entity, and the table holding it (checked to be the caller's organization's). */
  key: 'campaignId' | 'adSetId' | 'adId' | 'platformId';
  owner: { table: PgTable; id: PgColumn; organizationId: PgColumn; label: string };
  /** The columns of the unique key that ON CONFLICT targets. */
  conflict: PgColumn[];
}

const targets: Record<Level, LevelTarget> = {
  campaign: {
    table: campaignMetrics,
    key: 'campaignId',
    owner: { table: adCampaigns, id: adCampaigns.id, organizationId: adCampaigns.organizationId, label: 'ad campaign' },
    conflict: [campaignMetrics.campaignId, campaignMetrics.date],
  },
  adSet: {
    table: adSetMetrics,
    key: 'adSetId',
    owner: { table: adSets, id: adSets.id, organizationId: adSets.organizationId, label: 'ad set' },
    conflict: [adSetMetrics.adSetId, adSetMetrics.date],
  },
  ad: {
    table: adMetrics,
    key: 'adId',
    owner: { table: ads, id: ads.id, organizationId: ads.organizationId, label: 'ad' },
    conflict: [adMetrics.adId, adMetrics.date],
  },
  account: {
    table: platformMetrics,
    key: 'platformId',
    owner: { table: analyticsPlatforms, id: analyticsPlatforms.id, organizationId: analyticsPlatforms.organizationId, label: 'platform' },
    conflict: [
      platformMetrics.platformId,
      platformMetrics.date,
      platformMetrics.metricType,
      platformMetrics.dimension,
      platformMetrics.dimensionValue,
    ],
  },
};

/** Largest value each stored ratio column takes (its numeric precision); beyond it the stored ratio is null. */
const ratioLimit: Record<DerivedMetric, number> = { ctr: 1e4, cpm: 1e6, cpc: 1e6, cpa: 1e6, roas: 1e6, frequency: 1e6 };

type Row = Record<string, unknown>;

/** The stored row of one input day: zeros for absent counts, the ratios derived here from the same bases the queries sum. */
function campaignValues(row: Row): Row {
  const derived = deriveMetrics(row);
  for (const name of Object.keys(metricDefinitions) as DerivedMetric[]) {
    const value = derived[name];
    if (value !== null && Math.abs(Number(value)) >= ratioLimit[name]) derived[name] = null;
  }
  return { ...row, ...derived };
}

const uniqueKey = (level: Level, row: Row): string =>
  level === 'account'
    ? JSON.stringify([row.platformId, row.date, row.metricType, row.dimension ?? null, row.dimensionValue ?? null])
    : `${row[targets[level].key] as string}|${row.date as string}`;

/**
 * An id of the shape of the app's cuid2 ids (a letter and 23 base-36 characters, 120 random bits) for
 * bulk rows: cuid2 hashes each id with SHA-3, which at a million metric rows took longer than writing them.
 */
export function bulkId(): string {
  const n = BigInt(`0x${randomBytes(16).toString('hex')}`);
  return String.fromCharCode(97 + Number(n % 26n)) + (n / 26n).toString(36).padStart(23, '0').slice(-23);
}

/**
 * Writes daily metrics of one level in bulk: every entity must be the caller's organization's (400
 * naming the first row that is not); a (entity, day) already stored is replaced, a duplicate within
 * the request keeps its last occurrence. Writes one activity row for the request.
 *
 * @example
 * await upsertMetrics(db, ctx, { level: 'campaign', rows: [{ campaignId, date: '2026-03-01', spend: '120.50', impressions: 48000 }] })
 */
export async function upsertMetrics(db: Db, ctx: TenantContext, input: MetricsUpsertInput): Promise<{ level: Level; upserted: number }> {
  const target = targets[input.level];
  const byKey = new Map<string, Row>();
  for (const row of input.rows as Row[]) byKey.set(uniqueKey(input.level, row), row);
  const rows = [...byKey.values()];
  return transaction(db, async (tx) => {
    await checkOwners(tx, ctx, input.level, input.rows as Row[]);
    await writeMetricRows(tx, ctx, input.level, rows);
    const entities = new Set(rows.map((r) => r[target.key] as string));
    const days = rows.map((r) => r.date as string).sort();
    await recordActivity(tx, ctx, {
      action: 'metrics_upserted',
      entityType: tableName(target.table),
      entityId: rows[0]![target.key] as string,
      entityTitle: `${rows.length} ${input.level} metric day${rows.length === 1 ? '' : 's'}`,
      metadata: { level: input.level, rows: rows.length, entities: entities.size, from: days[0]!, to: days.at(-1)! },
    });
    return { level: input.level, upserted: rows.length };
  });
}

const tableName = (table: PgTable) => (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]!;

async function checkOwners(db: Db, ctx: TenantContext, level: Level, rows: Row[]): Promise<void> {
  const { key, owner } = targets[level];
  const ids = [...new Set(rows.map((r) => r[key] as string))];
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const rowsFound = await db
      .select({ id: owner.id })
      .from(owner.table)
      .where(and(eq(owner.organizationId, ctx.organizationId), inArray(owner.id, chunk)));
    for (const r of rowsFound) found.add(r.id as string);
  }
  const bad = rows.findIndex((r) => !found.has(r[key] as string));
  if (bad !== -1) throw badRequest([{ path: `body.rows.${bad}.${key}`, message: `No ${owner.label} with this id` }]);
}

/**
 * The INSERT … ON CONFLICT DO UPDATE of rows already checked to be the tenant's (imports and syncs,
 * which created the entities themselves, call this directly). Every column the input can carry is
 * replaced, so a day sent again with fewer metrics resets the missing ones to their defaults.
 *
 * @example await writeMetricRows(tx, ctx, 'ad', [{ adId, date: '2026-03-01', spend: '3.20', clicks: 4 }])
 */
export async function writeMetricRows(db: Db, ctx: TenantContext, level: Level, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const { table, conflict } = targets[level];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const fixed = new Set(['id', 'organizationId', 'createdAt', ...conflict.map((c) => keyOf(columns, c))]);
  const names = Object.values(columns).map((c) => `"${c.name}"`);
  const replaced = Object.keys(columns)
    .filter((k) => !fixed.has(k))
    .map((k) => `"${columns[k]!.name}" = excluded."${columns[k]!.name}"`);
  const target = conflict.map((c) => `"${c.name}"`).join(', ');
  // The rows travel as one JSON parameter that json_populate_recordset turns back into table rows: Drizzle's
  // builder spent a millisecond a row on a 30-column VALUES list, and one parameter needs no chunking
  // against PostgreSQL's 65,535. Every column is given, so absent metrics take the values of defaultOf().
  for (let i = 0; i < rows.length; i += 5_000) {
    const records = rows.slice(i, i + 5_000).map((row) => {
      const full = level === 'campaign' ? campaignValues(row) : row;
      const record: Row = {};
      for (const [k, column] of Object.entries(columns)) {
        record[column.name] =
          k === 'id'
            ? bulkId()
            : k === 'organizationId'
              ? ctx.organizationId
              : k === 'createdAt'
                ? ctx.now
                : (full[k] ?? defaultOf(column));
      }
      return record;
    });
    await db.execute(
      sql`insert into ${table} (${sql.raw(names.join(', '))}) select ${sql.raw(names.join(', '))}
        from json_populate_recordset(null::${table}, ${JSON.stringify(records)}::json)
        on conflict (${sql.raw(target)}) do update set ${sql.raw(replaced.join(', '))}`,
    );
  }
}

const keyOf = (columns: Record<string, PgColumn>, column: PgColumn) => Object.keys(columns).find((k) => columns[k] === column)!;

/** What an absent metric is stored as: the column's default (0 for counts and spend), else null. */
function defaultOf(column: PgColumn): unknown {
  return column.hasDefault && column.default !== undefined ? column.default : null;
}
