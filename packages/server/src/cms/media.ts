import type { ContentTypeSchema, MediaValue } from '@spokestack/core/cms';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { files } from '../platform/schema.js';
import type { TenantContext } from '../platform/context.js';
import type { DataIssue } from './entry-data.js';
import type { Entry } from './entry-rows.js';
import { contentEntries, contentMedia } from './schema.js';
import { type EntryData, sameJson } from './versions.js';

// `content_media` mirrors the media fields of an entry's draft: one row per file per field, in the
// field's order, with the caption and alt text the value carries. It is rewritten on every save that
// changes a media value, so lists of "where is this file used" stay exact without parsing entry JSON.

/** One media value of entry data, with the field it sits in and its place there. */
export interface MediaRef {
  fieldName: string;
  position: number;
  /** Path inside `data`, e.g. `gallery.2` (or `cover` for a single-file field). */
  path: string;
  value: MediaValue;
}

const isMedia = (v: unknown): v is MediaValue =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { fileId?: unknown }).fileId === 'string';

/**
 * The media values of entry data, field by field in schema order.
 *
 * @example mediaRefs(type.schema, { cover: { fileId: 'f1', alt: 'Team' } }) // [{ fieldName: 'cover', position: 0, path: 'cover', value }]
 */
export function mediaRefs(schema: ContentTypeSchema, data: EntryData): MediaRef[] {
  const refs: MediaRef[] = [];
  for (const field of schema.fields) {
    if (field.type !== 'media') continue;
    const value = data[field.name];
    const values = field.multiple ? (Array.isArray(value) ? value : []) : [value];
    values.forEach((v, position) => {
      if (isMedia(v))
        refs.push({ fieldName: field.name, position, path: field.multiple ? `${field.name}.${position}` : field.name, value: v });
    });
  }
  return refs;
}

/**
 * Rewrites the `content_media` rows of an entry from its draft when a media value changed (or the
 * entry is new). Call it in the save's transaction.
 *
 * @example await syncEntryMedia(tx, ctx, type.schema, before, after)
 */
export async function syncEntryMedia(
  tx: Db,
  ctx: TenantContext,
  schema: ContentTypeSchema,
  before: Entry | undefined,
  after: Entry,
): Promise<void> {
  const next = mediaRefs(schema, after.data as EntryData);
  if (before && sameJson(mediaRefs(schema, before.data as EntryData), next)) return;
  await tx.delete(contentMedia).where(and(eq(contentMedia.organizationId, ctx.organizationId), eq(contentMedia.entryId, after.id)));
  if (!next.length) return;
  await tx.insert(contentMedia).values(
    next.map((ref) => ({
      organizationId: ctx.organizationId,
      entryId: after.id,
      fileId: ref.value.fileId,
      fieldName: ref.fieldName,
      position: ref.position,
      caption: ref.value.caption ?? null,
      altText: ref.value.alt ?? null,
      createdAt: ctx.now,
    })),
  );
}

/**
 * Images (files whose type is `image/*`) without alt text in entry data: what blocks publishing, so
 * that live pages stay accessible. One problem per value, at `<field>.alt` or `<field>.<i>.alt`.
 *
 * @example const issues = await missingAltText(tx, ctx, type.schema, entry.data)
 */
export async function missingAltText(
  db: Db,
  ctx: TenantContext,
  schema: ContentTypeSchema,
  data: Record<string, Json>,
): Promise<DataIssue[]> {
  const refs = mediaRefs(schema, data).filter((r) => !r.value.alt?.trim());
  if (!refs.length) return [];
  const rows = await db
    .select({ id: files.id, mimeType: files.mimeType })
    .from(files)
    .where(and(eq(files.organizationId, ctx.organizationId), inArray(files.id, [...new Set(refs.map((r) => r.value.fileId))])));
  const images = new Set(rows.filter((r) => r.mimeType.startsWith('image/')).map((r) => r.id));
  return refs
    .filter((r) => images.has(r.value.fileId))
    .map((r) => ({ path: `${r.path}.alt`, message: 'Alt text is required for images before publishing' }));
}

/**
 * The entries of the caller's organization whose draft holds one of these files in a media field, one
 * row per entry and field: the DAM's where-used, read from `content_media` so it is exact as entries change.
 *
 * @example await entriesUsingFiles(db, ctx, [asset.fileId]) // [{ entryId, title: 'Spring launch', fieldName: 'hero', status }]
 */
export async function entriesUsingFiles(db: Db, ctx: TenantContext, fileIds: string[]) {
  if (!fileIds.length) return [];
  return db
    .selectDistinct({
      entryId: contentEntries.id,
      title: contentEntries.title,
      fieldName: contentMedia.fieldName,
      status: contentEntries.status,
    })
    .from(contentMedia)
    .innerJoin(contentEntries, eq(contentEntries.id, contentMedia.entryId))
    .where(and(eq(contentMedia.organizationId, ctx.organizationId), inArray(contentMedia.fileId, fileIds)))
    .orderBy(contentEntries.title, contentEntries.id, contentMedia.fieldName);
}
