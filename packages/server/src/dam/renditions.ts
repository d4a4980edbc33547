import { and, asc, eq } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { AppContext, TenantContext } from '../platform/context.js';
import { files } from '../platform/schema.js';
import { visibleAsset } from './access.js';
import { processJobName } from './processing.js';
import { assetRenditions, assets } from './schema.js';

// Renditions are served under content-addressed URLs, `/v1/dam/renditions/<id>/<sha256>.<ext>`: the name
// changes whenever the bytes do, so the reply may be cached forever (`immutable`), and knowing the URL is
// knowing the bytes' hash, which nobody without the bytes can guess. An expired asset stops serving.

type Rendition = typeof assetRenditions.$inferSelect;

/** The content-addressed URL of a COMPLETED rendition, null before. @example renditionUrl(row, file.checksum) */
export const renditionUrl = (row: Rendition, checksum: string | null) =>
  row.status === 'COMPLETED' && checksum ? `/v1/dam/renditions/${row.id}/${checksum}.${row.format ?? 'bin'}` : null;

/**
 * An asset's renditions (the caller must see the asset), in the order of the spec's types, with their URLs.
 *
 * @example const { data } = await listAssetRenditions(db, ctx, asset.id)
 */
export async function listAssetRenditions(db: Db, ctx: TenantContext, assetId: string) {
  await visibleAsset(db, ctx, assetId);
  const rows = await db
    .select({ rendition: assetRenditions, checksum: files.checksum })
    .from(assetRenditions)
    .innerJoin(files, eq(files.id, assetRenditions.fileId))
    .where(and(eq(assetRenditions.organizationId, ctx.organizationId), eq(assetRenditions.assetId, assetId)))
    .orderBy(asc(assetRenditions.renditionType));
  return { data: rows.map(({ rendition, checksum }) => ({ ...rendition, url: renditionUrl(rendition, checksum) })) };
}

/**
 * Sends a FAILED rendition back to PENDING and queues it (409 for any other status).
 *
 * @example await retryRendition(db, ctx, rendition.id)
 */
export async function retryRendition(db: Db, ctx: TenantContext, id: string): Promise<Rendition> {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .select()
      .from(assetRenditions)
      .where(and(eq(assetRenditions.organizationId, ctx.organizationId), eq(assetRenditions.id, id)))
      .for('update');
    if (!row) throw notFound('Rendition');
    const asset = await visibleAsset(tx, ctx, row.assetId).catch(() => {
      throw notFound('Rendition');
    });
    if (row.status !== 'FAILED') throw conflict(`Only a FAILED rendition can be retried; this one is ${row.status}`);
    const [updated] = await tx
      .update(assetRenditions)
      .set({ status: 'PENDING', error: null })
      .where(eq(assetRenditions.id, id))
      .returning();
    await ctx.jobs.enqueue(
      processJobName,
      { assetId: asset.id, fileId: asset.fileId, kinds: [row.renditionType] },
      { db: tx, organizationId: ctx.organizationId, uniqueKey: `${processJobName}:retry:${id}:${ctx.now.getTime()}` },
    );
    await recordActivity(tx, ctx, {
      action: 'rendition_retried',
      entityType: 'assets',
      entityId: asset.id,
      entityTitle: asset.name,
      metadata: { renditionId: id, renditionType: row.renditionType },
    });
    return updated!;
  });
}

/**
 * The bytes of a COMPLETED rendition by its content-addressed name (`<sha256>.<ext>`); 404 for any other
 * name, a rendition not made yet, or an EXPIRED asset.
 *
 * @example const { body, size, mimeType } = await renditionContent(db, app, id, `${sha}.webp`)
 */
export async function renditionContent(db: Db, app: AppContext, id: string, name: string) {
  const [row] = await db
    .select({ rendition: assetRenditions, file: files, status: assets.status })
    .from(assetRenditions)
    .innerJoin(files, eq(files.id, assetRenditions.fileId))
    .innerJoin(assets, eq(assets.id, assetRenditions.assetId))
    .where(eq(assetRenditions.id, id))
    .limit(1);
  const [checksum, ext] = name.split('.');
  if (
    row?.rendition.status !== 'COMPLETED' ||
    row.status === 'EXPIRED' ||
    row.file.checksum !== checksum ||
    (row.rendition.format ?? 'bin') !== ext
  )
    throw notFound('Rendition');
  const stored = await app.files.storage.get(row.file.storageKey);
  if (!stored) throw notFound('Rendition');
  return { ...stored, mimeType: row.file.mimeType, checksum };
}
