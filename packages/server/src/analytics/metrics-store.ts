import type { metricsUpsert } from '@spokestack/core/analytics';
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { newId } from '../db/columns.js';
import { badRequest } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { type BaseMetricSql, baseMetrics, type DerivedMetric, derivedMetrics, derivedMetricsSql } from './metrics.js';
import { adMetrics, ads, adSetMetrics, adSets, adCampaigns, analyticsPlatforms, campaignMetrics, platformMetrics } from './schema.js';

// The one write path of daily metrics: HTTP pushes, CSV imports, connector syncs and the demo all come
// here. Idempotent: a (entity, day) sent again replaces the stored day, so a re-import or a sync that
// overlaps the last one never double counts. Each batch is one INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE.

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

const uniqueKey = (level: Level, row: Row): string =>
  level === 'account'
    ? JSON.stringify([row.platformId, row.date, row.metricType, row.dimension ?? null, row.dimensionValue ?? null])
    : `${row[targets[level].key] as string}|${row.date as string}`;

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
  const derived = new Set<string>(level === 'campaign' ? derivedMetrics : []);
  // Only the columns some row carries travel; the others take their defaults in the inserted row, and
  // `excluded` (the row as it would have been inserted) carries those defaults into the replaced one.
  const given = new Set<string>();
  for (const row of rows) for (const k in row) if (row[k] !== undefined && k in columns && !derived.has(k)) given.add(k);
  const sent = Object.keys(columns).filter((k) => given.has(k) && k !== 'id' && k !== 'organizationId' && k !== 'createdAt');
  const replaced = Object.keys(columns)
    .filter((k) => !fixed.has(k))
    .map((k) => `"${columns[k]!.name}" = excluded."${columns[k]!.name}"`);
  const target = conflict.map((c) => `"${c.name}"`).join(', ');
  const u = (k: string) => sql.raw(`u."${columns[k]!.name}"`);
  /** A sent value, or the column's default where a row leaves it out (0 for counts and spend). */
  const value = (k: string) => {
    const column = columns[k]!;
    return column.hasDefault && column.default !== undefined ? sql`coalesce(${u(k)}, ${sql.raw(`'${String(column.default)}'`)})` : u(k);
  };
  // The ratios are derived in the statement, from the day's values as sent (a metric left out gives a
  // null ratio, as deriveMetrics does), by the one SQL definition the queries use; a ratio beyond its
  // column's precision is stored as null.
  const base = Object.fromEntries(baseMetrics.map((m) => [m, given.has(m) ? u(m) : sql`null`])) as unknown as BaseMetricSql;
  const expressions = derivedMetricsSql(base);
  const ratios = [...derived].map((name) => {
    const expression = expressions[name as DerivedMetric];
    return sql`case when abs(${expression}) < ${sql.raw(String(ratioLimit[name as DerivedMetric]))} then ${expression} end`;
  });
  const names = ['id', 'organizationId', 'createdAt', ...sent, ...derived].map((k) => `"${columns[k]!.name}"`).join(', ');
  // One statement per batch: each column travels as one array parameter (a PostgreSQL array literal,
  // which both drivers pass as text) that unnest() turns back into rows, so the statement has as many
  // parameters as the table has columns whatever the batch size (PostgreSQL allows 65,535), and the
  // server parses each value once, straight into its column's type.
  for (let i = 0; i < rows.length; i += batchRows) {
    const batch = rows.slice(i, i + batchRows);
    const arrays = sent.map((k) => {
      const type = columns[k]!.getSQLType();
      return sql`${arrayLiteral(batch, k, type.startsWith('json'))}::${sql.raw(type)}[]`;
    });
    const aliases = ['id', ...sent].map((k) => `"${columns[k]!.name}"`).join(', ');
    await db.execute(
      sql`insert into ${table} (${sql.raw(names)})
        select u.id, ${ctx.organizationId}, ${ctx.now.toISOString()}::timestamptz,
          ${sql.join([...sent.map(value), ...ratios], sql`, `)}
        from unnest(${bulkIds(batch.length)}::text[], ${sql.join(arrays, sql`, `)}) as u(${sql.raw(aliases)})
        on conflict (${sql.raw(target)}) do update set ${sql.raw(replaced.join(', '))}`,
    );
  }
}

/** Rows a statement carries: a request's most (10,000) in one, so a request is one round trip. */
const batchRows = 10_000;

/** New ids for a batch's rows as an array literal (a row replacing a stored day keeps the stored id). */
function bulkIds(count: number): string {
  return `{${Array.from({ length: count }, newId).join(',')}}`;
}

/**
 * One column of a batch as a PostgreSQL array literal: numbers as they are, strings and JSON (of a json column) quoted
 * (backslash and double quote escaped), absent values as NULL.
 */
function arrayLiteral(rows: Row[], key: string, json: boolean): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]![key];
    if (i) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (!json && (typeof v === 'number' || typeof v === 'bigint')) out += String(v);
    else {
      const text = json ? JSON.stringify(v) : String(v);
      out += `"${/["\\]/.test(text) ? text.replace(/["\\]/g, '\\$&') : text}"`;
    }
  }
  return `${out}}`;
}

const keyOf = (columns: Record<string, PgColumn>, column: PgColumn) => Object.keys(columns).find((k) => columns[k] === column)!;
