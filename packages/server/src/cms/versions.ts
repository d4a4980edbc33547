import type { FieldChange } from '@spokestack/core/cms';
import { and, desc, eq, inArray, lt, notInArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { pageLimit } from '../db/paging.js';
import { badRequest, notFound } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { contentVersions } from './schema.js';

/** Entry data: field values by field name. */
export type EntryData = Record<string, Json>;

/**
 * Structural equality of JSON values. jsonb stores object keys in its own order, so values read back
 * from the database must not be compared as JSON text.
 *
 * @example sameJson({ a: 1, b: [2] }, { b: [2], a: 1 }) // true
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * The top-level fields whose values differ between two versions of entry data (added, removed or changed).
 *
 * @example changedFieldsOf({ title: 'A', body: x }, { title: 'B', body: x }) // ['title']
 */
export function changedFieldsOf(before: EntryData, after: EntryData): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !sameJson(before[k], after[k])).sort();
}

/**
 * Field-by-field difference between two data snapshots.
 *
 * @example diffData({ a: 1 }, { a: 2, b: 3 }) // [{ field: 'a', before: 1, after: 2, change: 'changed' }, { field: 'b', after: 3, change:
 * 'added' }]
 */
export function diffData(before: EntryData, after: EntryData): FieldChange[] {
  return changedFieldsOf(before, after).map((field) => {
    if (!(field in before)) return { field, after: after[field], change: 'added' as const };
    if (!(field in after)) return { field, before: before[field], change: 'removed' as const };
    return { field, before: before[field], after: after[field], change: 'changed' as const };
  });
}

/** The SEO and social fields: versioned with the data, and per locale in translations. */
export const seoKeys = [
  'seoTitle',
  'seoDescription',
  'seoKeywords',
  'canonicalUrl',
  'noIndex',
  'ogTitle',
  'ogDescription',
  'ogImageId',
] as const;
export type SeoKey = (typeof seoKeys)[number];

/**
 * The SEO and social fields of an entry row, as one JSON object (what versions and publishes snapshot).
 *
 * @example seoOf(entry) // { seoTitle: 'Launch', seoKeywords: [], noIndex: false, … }
 */
export const seoOf = (row: Record<SeoKey, Json | undefined>): EntryData =>
  Object.fromEntries(seoKeys.map((k) => [k, row[k] ?? null])) as EntryData;

export interface VersionInput {
  entryId: string;
  /** The entry's `version` after the save, so a snapshot and the ETag that produced it share a number. */
  versionNumber: number;
  data: EntryData;
  /** The SEO and social fields at this version (`seoOf`). */
  meta: EntryData;
  title: string;
  changedFields: string[];
  changeNote?: string | null;
  isRestored?: boolean;
  restoredFromId?: string | null;
  /** The type's `maxVersions`: older snapshots beyond it are pruned. */
  maxVersions: number;
}

/**
 * Writes a `content_versions` snapshot of a save and prunes the oldest beyond `maxVersions`. Call it in
 * the save's transaction.
 *
 * @example await writeVersion(tx, ctx, { entryId, versionNumber: 3, data, title, changedFields: ['body'], maxVersions: 50 })
 */
export async function writeVersion(tx: Db, ctx: TenantContext, input: VersionInput) {
  const [row] = await tx
    .insert(contentVersions)
    .values({
      organizationId: ctx.organizationId,
      entryId: input.entryId,
      versionNumber: input.versionNumber,
      data: input.data,
      meta: input.meta,
      title: input.title,
      changedFields: input.changedFields,
      changeNote: input.changeNote ?? null,
      createdById: ctx.actor.id,
      createdAt: ctx.now,
      isRestored: input.isRestored ?? false,
      restoredFromId: input.restoredFromId ?? null,
    })
    .returning();
  const keep = tx
    .select({ id: contentVersions.id })
    .from(contentVersions)
    .where(eq(contentVersions.entryId, input.entryId))
    .orderBy(desc(contentVersions.versionNumber))
    .limit(input.maxVersions);
  await tx.delete(contentVersions).where(and(eq(contentVersions.entryId, input.entryId), notInArray(contentVersions.id, keep)));
  return row!;
}

const {
  data: _data,
  meta: _meta,
  ...summaryColumns
} = {
  id: contentVersions.id,
  organizationId: contentVersions.organizationId,
  entryId: contentVersions.entryId,
  versionNumber: contentVersions.versionNumber,
  data: contentVersions.data,
  meta: contentVersions.meta,
  title: contentVersions.title,
  changeNote: contentVersions.changeNote,
  changedFields: contentVersions.changedFields,
  createdById: contentVersions.createdById,
  createdAt: contentVersions.createdAt,
  isRestored: contentVersions.isRestored,
  restoredFromId: contentVersions.restoredFromId,
};

/**
 * The versions of an entry, newest first, without their data. The caller has already checked the
 * entry is visible (`getEntry`).
 *
 * @example const page = await listVersions(db, ctx, entry.id, { limit: 20 })
 */
export async function listVersions(db: Db, ctx: TenantContext, entryId: string, query: { limit?: number; cursor?: string }) {
  const limit = pageLimit(query.limit);
  const before = query.cursor === undefined ? undefined : Number(query.cursor);
  if (before !== undefined && !Number.isInteger(before))
    throw badRequest([{ path: 'query.cursor', message: 'Malformed cursor; start again without it' }]);
  const rows = await db
    .select(summaryColumns)
    .from(contentVersions)
    .where(
      and(
        eq(contentVersions.organizationId, ctx.organizationId),
        eq(contentVersions.entryId, entryId),
        before === undefined ? undefined : lt(contentVersions.versionNumber, before),
      ),
    )
    .orderBy(desc(contentVersions.versionNumber))
    .limit(limit + 1);
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? String(data.at(-1)!.versionNumber) : null };
}

/**
 * Versions of an entry by number; 404 naming the first one missing (never written, or pruned).
 *
 * @example const [v3] = await getVersions(db, ctx, entry.id, [3])
 */
export async function getVersions(db: Db, ctx: TenantContext, entryId: string, numbers: number[]) {
  const rows = await db
    .select()
    .from(contentVersions)
    .where(
      and(
        eq(contentVersions.organizationId, ctx.organizationId),
        eq(contentVersions.entryId, entryId),
        inArray(contentVersions.versionNumber, numbers),
      ),
    );
  return numbers.map((n) => {
    const row = rows.find((r) => r.versionNumber === n);
    if (!row) throw notFound(`Version ${n}`);
    return row;
  });
}

/**
 * Field-by-field difference between two versions of an entry (either order): the data's fields, then the
 * SEO and social fields by their names (`seoTitle`, …) where both versions recorded them.
 *
 * @example const { changes } = await diffVersions(db, ctx, entry.id, 1, 4)
 */
export async function diffVersions(db: Db, ctx: TenantContext, entryId: string, from: number, to: number) {
  const [a, b] = await getVersions(db, ctx, entryId, [from, to]);
  const meta = a!.meta && b!.meta ? diffData(a!.meta as EntryData, b!.meta as EntryData) : [];
  return { from, to, changes: [...diffData(a!.data as EntryData, b!.data as EntryData), ...meta] };
}
