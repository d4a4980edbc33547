import { SQL, getTableColumns, is, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

type Row = Record<string, unknown>;

/**
 * Many rows into one table as one set-based statement: the rows travel as a single jsonb parameter and
 * `jsonb_to_recordset` turns them into a typed row set, so `INSERT … SELECT` costs one parameter and one
 * parse whatever the batch size — where a multi-row `VALUES` list has a placeholder per cell (tens of
 * thousands for 500 contacts) that both Drizzle and PostgreSQL spend most of an import's time on.
 * Defaults behave as in `db.insert().values()`: `$defaultFn` (ids) and plain defaults are filled here,
 * SQL defaults (`now()`) are left to the database. Returns Drizzle's insert builder, so `.returning()`
 * and `.onConflictDoNothing()` read and map rows as any insert does. Rows are the table's keys
 * (camelCase), as `values()` takes them.
 *
 * @example const rows = await insertRows(tx, contacts, drafts).returning()
 */
export function insertRows<T extends PgTable>(db: Db, table: T, rows: (T['$inferInsert'] & Row)[]) {
  if (!rows.length) throw new Error('insertRows: no rows (callers skip empty batches)');
  // The columns Drizzle inserts into, in its order: the select must list exactly these.
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(
    ([, c]) => !(c as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert(),
  );
  const given = new Set<string>();
  const records = rows.map((row) => {
    const out: Row = {};
    for (const [key, column] of columns) {
      let value = row[key];
      if (value === undefined && column.defaultFn) value = column.defaultFn();
      if (value === undefined && !isSql(column.default)) value = column.default;
      if (value === undefined) continue;
      given.add(key);
      out[column.name] = value instanceof Date ? value.toISOString() : value;
    }
    return out;
  });
  const defs: SQL[] = [];
  const select: SQL[] = [];
  for (const [key, column] of columns) {
    const fallback = isSql(column.default) ? column.default : sql`null`;
    if (!given.has(key)) {
      select.push(sql`${fallback}`);
      continue;
    }
    defs.push(sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`);
    const value = sql`r.${sql.identifier(column.name)}`;
    // A row without a value for a column that has an SQL default (`now()`) takes that default (so does a null).
    select.push(isSql(column.default) ? sql`coalesce(${value}, ${column.default})` : value);
  }
  return db
    .insert(table)
    .select(
      sql`select ${sql.join(select, sql`, `)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${sql.join(defs, sql`, `)})`,
    );
}

const isSql = (value: unknown): value is SQL => is(value, SQL);
