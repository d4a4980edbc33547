import { getTableColumns, sql } from 'drizzle-orm';
import { type PgColumn, type PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import type { DemoAsset } from '../dam/demo.js';
import type { Db } from '../db/client.js';
import { secretColumns } from '../db/managed.js';
import type { Actor, TenantContext } from '../platform/context.js';
import { isSealed } from '../platform/secrets.js';
import type { Storage } from '../platform/storage.js';
import type { Random } from './random.js';

/** What every feature's part of the demo seed shares: the transaction, the tenant, the people, and the dates. */
export interface SeedContext {
  tx: Db;
  /** Where the demo's image bytes go. */
  storage: Storage;
  rng: Random;
  /** A new row id, cuid2-shaped but from a seeded stream: the demo's ids are the same on every run too. */
  id: () => string;
  organizationId: string;
  /** Midnight UTC of the seed day; every demo date is relative to it, so charts end "yesterday". */
  today: Date;
  users: { owner: string; admin: string; members: string[]; client: string; names: Record<string, string> };
  clients: { harbor: string; lumen: string };
  projects: { spring: string; holiday: string; webinars: string; website: string };
  /** The DAM's seeded assets, which the content's media fields use (the DAM seeds before the CMS). */
  assets: DemoAsset[];
  /** The context services are called with, for `actor` at the historical time `now`. */
  context(actor: Actor, now: Date): TenantContext;
}

const dayMs = 86_400_000;

/** `days` days before (negative: after) the seed day, at `hour` UTC. */
export const daysAgo = (ctx: SeedContext, days: number, hour = 9) => new Date(ctx.today.getTime() - days * dayMs + hour * 3_600_000);

/** `YYYY-MM-DD` of `days` days before the seed day. */
export const dateAgo = (ctx: SeedContext, days: number) => new Date(ctx.today.getTime() - days * dayMs).toISOString().slice(0, 10);

/** Lowercase ASCII words joined by `-`, as slugs and file names are. */
export const slugify = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** A decimal string with `scale` fraction digits, as numeric columns travel. */
export const money = (value: number, scale = 2) => value.toFixed(scale);

const batchRows = 2_000;

/**
 * Inserts rows in bulk: each batch is one statement whose single parameter is a JSON array, expanded by
 * `json_populate_recordset` into rows of the table's own type. One parameter instead of tens of thousands
 * keeps statement building and parsing cheap; on PGlite 10,000 metric rows take well under a second,
 * about ten times faster than a multi-row `VALUES` insert. Keys follow the Drizzle table (camelCase in,
 * column names out); a key a row leaves out gets the column's default, as with `db.insert()`.
 *
 * @example await insertMany(ctx, contacts, rows)
 */
export async function insertMany<T extends PgTable>(ctx: SeedContext, table: T, rows: T['$inferInsert'][]): Promise<void> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const name = getTableConfig(table).name;
  // Rows leaving out different keys need different column lists, so that omitted keys take defaults.
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows as Record<string, unknown>[]) {
    if (columns.id && row.id === undefined) row.id = ctx.id();
    const keys = Object.keys(row).filter((key) => row[key] !== undefined);
    for (const key of keys) if (!columns[key]) throw new Error(`insertMany: ${name} has no column for "${key}"`);
    // Bulk rows skip the generic CRUD that seals and hashes secrets: refuse one that was not protected first.
    for (const key of keys)
      if (
        secretColumns[key] &&
        row[key] !== null &&
        !(secretColumns[key] === 'encrypted' ? isSealed(row[key]) : String(row[key]).startsWith('scrypt$'))
      )
        throw new Error(`insertMany: ${name}.${key} is a secret column; protect it first (resourceService().protectSecrets)`);
    const signature = keys.sort().join(',');
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  for (const [signature, group] of groups) {
    const keys = signature.split(',');
    const list = sql.join(
      keys.map((key) => sql.identifier(columns[key]!.name)),
      sql`, `,
    );
    for (let i = 0; i < group.length; i += batchRows) {
      const json = JSON.stringify(
        group.slice(i, i + batchRows).map((row) => Object.fromEntries(keys.map((key) => [columns[key]!.name, row[key]]))),
      );
      await ctx.tx.execute(
        sql`insert into ${sql.identifier(name)} (${list}) select ${list} from json_populate_recordset(null::${sql.identifier(name)},
          ${json}::json)`,
      );
    }
  }
}
