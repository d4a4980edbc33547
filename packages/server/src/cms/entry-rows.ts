import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { scopeOf, tableInfo } from '../db/resource-service.js';
import { conflict, notFound } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { expiredFiles } from '../dam/expired-files.js';
import { organizations } from '../platform/schema.js';
import { contentEntries, contentLocalizations, contentMedia } from './schema.js';
import { taxonomyOf } from './taxonomy.js';
import type { EntryData } from './versions.js';

// Reading and locking entry rows, tenant-scoped: what every CMS service that touches entries shares.

export type Entry = typeof contentEntries.$inferSelect;
/** What replies add to an entry row: typed data, its tag and category ids, and the media whose licence expired. */
type Replied<T extends Entry> = Omit<T, 'data' | 'publishedData'> & {
  data: EntryData;
  publishedData: EntryData | null;
  tagIds: string[];
  categoryIds: string[];
  expiredMedia: { fieldName: string; fileId: string }[];
};
/** An entry as replies show it: the row with its tag and category ids. */
export type EntryReply = Replied<Entry>;
/** A `content_localizations` row: one translation of an entry. */
export type Localization = typeof contentLocalizations.$inferSelect;

const entryInfo = tableInfo(contentEntries);
const label = 'Entry';

/** The organization's locales and default locale. */
export async function orgLocales(db: Db, ctx: TenantContext): Promise<{ locales: string[]; defaultLocale: string }> {
  const [org] = await db
    .select({ locales: organizations.locales, defaultLocale: organizations.defaultLocale })
    .from(organizations)
    .where(eq(organizations.id, ctx.organizationId));
  if (!org) throw notFound('Organization');
  return org;
}

/** The media values of the entries' drafts (`content_media`) whose files the DAM says are EXPIRED, per entry. */
async function expiredMediaOf(db: Db, rows: Entry[]) {
  const byEntry = new Map<string, { fieldName: string; fileId: string }[]>();
  if (!rows.length) return byEntry;
  const organizationId = rows[0]!.organizationId;
  const media = await db
    .select({ entryId: contentMedia.entryId, fieldName: contentMedia.fieldName, fileId: contentMedia.fileId })
    .from(contentMedia)
    .where(
      and(
        eq(contentMedia.organizationId, organizationId),
        inArray(
          contentMedia.entryId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(contentMedia.fieldName, contentMedia.position);
  const expired = await expiredFiles(
    db,
    organizationId,
    media.map((m) => m.fileId),
  );
  for (const { entryId, ...ref } of media) if (expired.has(ref.fileId)) byEntry.set(entryId, [...(byEntry.get(entryId) ?? []), ref]);
  return byEntry;
}

/**
 * Adds `tagIds`, `categoryIds` and `expiredMedia` (media fields holding a file whose DAM licence
 * expired, so lists and the editor can flag the entry) to entry rows.
 *
 * @example const [reply] = await withTaxonomy(db, [row])
 */
export async function withTaxonomy<T extends Entry>(db: Db, rows: T[]): Promise<Replied<T>[]> {
  const { tags, categories } = await taxonomyOf(
    db,
    rows.map((r) => r.id),
  );
  const expired = await expiredMediaOf(db, rows);
  // Entry data is always an object of field values: every save writes it from a validated record.
  return rows.map((r) => ({
    ...r,
    data: r.data as EntryData,
    publishedData: r.publishedData as EntryData | null,
    tagIds: tags.get(r.id) ?? [],
    categoryIds: categories.get(r.id) ?? [],
    expiredMedia: expired.get(r.id) ?? [],
  }));
}

/**
 * An entry the caller can see (CLIENT members: only their client's), or undefined.
 *
 * @example const entry = await findEntry(db, ctx, id)
 */
export async function findEntry(db: Db, ctx: TenantContext, id: string): Promise<Entry | undefined> {
  const [row] = await db
    .select()
    .from(contentEntries)
    .where(and(scopeOf(entryInfo, ctx), eq(contentEntries.id, id)))
    .limit(1);
  return row;
}

/**
 * An entry with its tag and category ids; 404 when it is not the caller's to see.
 *
 * @example const entry = await getEntry(db, ctx, id) // entry.version is its ETag
 */
export async function getEntry(db: Db, ctx: TenantContext, id: string): Promise<EntryReply> {
  const row = await findEntry(db, ctx, id);
  if (!row) throw notFound(label);
  return (await withTaxonomy(db, [row]))[0]!;
}

/** 409 for a write based on an old version; the reply says which version is current. */
export const staleVersion = (current: number, expected: number) =>
  conflict(
    `The entry was saved by someone else since version ${expected}; it is now at version ${current}. ` +
      'Reload it, reapply your change and save again',
    { currentVersion: current },
    [{ path: 'body.version', message: `Stale: the current version is ${current}` }],
  );

/**
 * Locks an entry for a write in the caller's transaction, checking the optimistic-concurrency token:
 * a write based on another version than the current one is refused with 409 (`currentVersion`).
 *
 * @example const entry = await lockEntry(tx, ctx, id, body.version)
 */
export async function lockEntry(tx: Db, ctx: TenantContext, id: string, expectedVersion?: number): Promise<Entry> {
  const [row] = await tx
    .select()
    .from(contentEntries)
    .where(and(eq(contentEntries.organizationId, ctx.organizationId), eq(contentEntries.id, id)))
    .for('update');
  if (!row) throw notFound(label);
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw staleVersion(row.version, expectedVersion);
  return row;
}

/**
 * Locks the translation of an entry in one locale for a write in the caller's transaction, or undefined.
 *
 * @example const fr = await lockTranslation(tx, ctx, entry.id, 'fr')
 */
export async function lockTranslation(tx: Db, ctx: TenantContext, entryId: string, locale: string): Promise<Localization | undefined> {
  const [row] = await tx
    .select()
    .from(contentLocalizations)
    .where(
      and(
        eq(contentLocalizations.organizationId, ctx.organizationId),
        eq(contentLocalizations.entryId, entryId),
        eq(contentLocalizations.locale, locale),
      ),
    )
    .for('update');
  return row;
}
