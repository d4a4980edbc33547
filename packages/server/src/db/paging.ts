import { defaultPageSize, type Page } from '@spokestack/core';
import { type SQL, and, asc, desc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { badRequest } from '../http/problem.js';

/** One key of an ORDER BY; the row id is always the last key so the order is total. */
export interface SortKey {
  key: string;
  column: PgColumn;
  desc: boolean;
}

/**
 * Parses `sort=field,-other` against the fields a list allows; `-` means descending.
 * @example parseSort('-createdAt', columns, ['createdAt', 'name'], '-createdAt')
 */
export function parseSort(
  sort: string | undefined,
  columns: Record<string, PgColumn>,
  sortable: readonly string[],
  fallback: string,
  id: PgColumn,
): SortKey[] {
  const keys = (sort || fallback).split(',').map((part) => {
    const key = part.trim().replace(/^-/, '');
    if (!sortable.includes(key) || !columns[key])
      throw badRequest([{ path: 'query.sort', message: `Cannot sort by "${key}"; sortable fields: ${sortable.join(', ')}` }]);
    return { key, column: columns[key], desc: part.trim().startsWith('-') };
  });
  if (new Set(keys.map((k) => k.key)).size !== keys.length) throw badRequest([{ path: 'query.sort', message: 'A field appears twice' }]);
  if (!keys.some((k) => k.column === id)) keys.push({ key: 'id', column: id, desc: keys.at(-1)?.desc ?? false });
  return keys;
}

export const orderBy = (keys: SortKey[]): SQL[] => keys.map((k) => (k.desc ? desc(k.column) : asc(k.column)));

// PostgreSQL puts NULLs last ascending and first descending; "after" follows that order.
function after(k: SortKey, v: unknown): SQL | undefined {
  if (v === null) return k.desc ? isNotNull(k.column) : sql`false`;
  return k.desc ? lt(k.column, v) : or(gt(k.column, v), isNull(k.column));
}
const same = (k: SortKey, v: unknown) => (v === null ? isNull(k.column) : eq(k.column, v));

const encode = (sort: string, values: unknown[]) => Buffer.from(JSON.stringify({ s: sort, v: values })).toString('base64url');

/** The keyset condition for the page after `cursor`; a cursor from another sort, or garbage, is a 400. */
export function cursorWhere(keys: SortKey[], cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const sort = sortString(keys);
  let values: unknown[];
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; v?: unknown };
    if (parsed.s !== sort || !Array.isArray(parsed.v) || parsed.v.length !== keys.length) throw new Error('mismatch');
    values = parsed.v.map((v, i) => revive(keys[i]!.column, v));
  } catch {
    throw badRequest([
      { path: 'query.cursor', message: 'Malformed cursor, or one from a list with a different sort; start again without it' },
    ]);
  }
  return or(...keys.map((k, i) => and(...keys.slice(0, i).map((p, j) => same(p, values[j])), after(k, values[i]))));
}

/**
 * A cursor value back to what its column holds. Cursors are opaque but not signed, so a value of the
 * wrong type (or one PostgreSQL cannot take, like year 0 or a NUL) is refused here, as a bad cursor,
 * rather than reaching the query.
 */
function revive(column: PgColumn, value: unknown): unknown {
  if (value === null) return null;
  switch (column.columnType) {
    case 'PgTimestamp': {
      const date = new Date(typeof value === 'string' ? value : Number.NaN);
      const year = date.getUTCFullYear();
      if (!(year >= 1 && year <= 9999)) throw new Error('bad time');
      return date;
    }
    case 'PgInteger':
    case 'PgBigInt53':
      if (!Number.isSafeInteger(value)) throw new Error('bad integer');
      return value;
    case 'PgBoolean':
      if (typeof value !== 'boolean') throw new Error('bad boolean');
      return value;
    case 'PgNumeric':
      if (typeof value !== 'string' || !/^-?\d{1,40}(\.\d{1,20})?$/.test(value)) throw new Error('bad decimal');
      return value;
    case 'PgDateString':
      if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(value) || Number.isNaN(Date.parse(value)) || value.startsWith('0000'))
        throw new Error('bad date');
      return value;
    default:
      if (typeof value !== 'string' || value.includes('\0') || value.length > 10_000) throw new Error('bad text');
      return value;
  }
}

const sortString = (keys: SortKey[]) => keys.map((k) => (k.desc ? '-' : '') + k.key).join(',');

/**
 * Cuts one extra row off a `limit + 1` query into a page and the cursor to the next.
 * @example const rows = await query.limit(limit + 1); return toPage(rows, limit, keys)
 */
export function toPage<T extends Record<string, unknown>>(rows: T[], limit: number, keys: SortKey[]): Page<T> {
  if (rows.length <= limit) return { data: rows, nextCursor: null };
  const data = rows.slice(0, limit);
  const last = data.at(-1)!;
  return {
    data,
    nextCursor: encode(
      sortString(keys),
      keys.map((k) => last[k.key] ?? null),
    ),
  };
}

export const pageLimit = (limit: number | undefined) => limit ?? defaultPageSize;
