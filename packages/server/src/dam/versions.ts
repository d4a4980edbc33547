import { librarySettings } from '@spokestack/core/dam';
import { and, desc, eq } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { files } from '../platform/schema.js';
import { visibleAsset } from './access.js';
import { sniffHeadBytes, sniffType } from './media/index.js';
import { assetLibraries, assets, assetVersions } from './schema.js';
import { queueRenditions, storeStream } from './uploads.js';

// A new version is a new file; the asset row stays (its id is what content, briefs and collections use)
// and points at the current version's file. Versions are numbered under a lock on the asset row, exactly
// one is current, and `diffMetadata` records what changed from the version before.

type FileRow = typeof files.$inferSelect;

/** What changed between two files: `{ field: { from, to } }` for type, size, checksum, name and pixels. */
function diffOf(before: FileRow | undefined, after: FileRow): Record<string, Json> {
  const diff: Record<string, Json> = {};
  for (const key of ['mimeType', 'size', 'checksum', 'name', 'width', 'height'] as const)
    if (before?.[key] !== after[key]) diff[key] = { from: before?.[key] ?? null, to: after[key] ?? null };
  return diff;
}

/** Makes `fileId` the asset's current version (numbered after the last), requeues its renditions. */
async function addVersion(
  tx: Db,
  ctx: TenantContext,
  assetId: string,
  file: FileRow,
  change: { changeType: 'UPDATE' | 'REVISION' | 'RESTORE'; changeNote?: string; restoredFrom?: number },
) {
  const [asset] = await tx.select().from(assets).where(eq(assets.id, assetId)).for('update');
  if (!asset) throw notFound('Asset');
  const [previous] = await tx.select().from(files).where(eq(files.id, asset.fileId));
  const [last] = await tx
    .select({ n: assetVersions.versionNumber })
    .from(assetVersions)
    .where(eq(assetVersions.assetId, asset.id))
    .orderBy(desc(assetVersions.versionNumber))
    .limit(1);
  await tx.update(assetVersions).set({ isCurrentVersion: false }).where(eq(assetVersions.assetId, asset.id));
  const [version] = await tx
    .insert(assetVersions)
    .values({
      organizationId: ctx.organizationId,
      assetId: asset.id,
      versionNumber: (last?.n ?? 0) + 1,
      fileId: file.id,
      changeType: change.changeType,
      changeNote: change.changeNote ?? null,
      diffMetadata: { ...diffOf(previous, file), ...(change.restoredFrom ? { restoredFrom: change.restoredFrom } : {}) },
      createdById: ctx.actor.id,
      createdAt: ctx.now,
      isCurrentVersion: true,
    })
    .returning();
  const [updated] = await tx
    .update(assets)
    .set({ fileId: file.id, lastEditedById: ctx.actor.id, updatedAt: ctx.now })
    .where(eq(assets.id, asset.id))
    .returning();
  const stored = await ctx.files.storage.get(file.storageKey);
  const head = stored ? await readStart(stored.body) : new Uint8Array();
  await queueRenditions(tx, ctx, updated!, sniffType(head), version!.versionNumber);
  await recordActivity(tx, ctx, {
    action: change.changeType === 'RESTORE' ? 'version_restored' : 'version_uploaded',
    entityType: 'assets',
    entityId: asset.id,
    entityTitle: asset.name,
    metadata: { versionNumber: version!.versionNumber, changeType: change.changeType },
  });
  return { asset: updated!, version: version! };
}

/** The first `sniffHeadBytes` of a stream, the rest left unread. */
async function readStart(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < sniffHeadBytes) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  await reader.cancel();
  return Buffer.concat(chunks);
}

/**
 * Stores a new version of an asset the caller sees (the library's type and size rules apply) and makes it current.
 *
 * @example const { version } = await uploadVersion(db, ctx, asset.id, request.body, { changeType: 'REVISION' })
 */
export async function uploadVersion(
  db: Db,
  ctx: TenantContext,
  assetId: string,
  source: ReadableStream<Uint8Array> | null,
  query: { changeType: 'UPDATE' | 'REVISION'; changeNote?: string; fileName?: string },
) {
  const asset = await visibleAsset(db, ctx, assetId);
  const [library] = await db.select().from(assetLibraries).where(eq(assetLibraries.id, asset.libraryId));
  const settings = librarySettings.safeParse(library?.settings).data ?? {};
  const stored = await storeStream(ctx, source, settings, 'query');
  try {
    return await transaction(db, async (tx) => {
      const [current] = await tx.select({ name: files.name, clientId: files.clientId }).from(files).where(eq(files.id, asset.fileId));
      const base = (query.fileName ?? current?.name ?? 'upload').replace(/[\\/\0]/g, '_').replace(/\.[^.]*$/, '');
      const [file] = await tx
        .insert(files)
        .values({
          id: stored.fileId,
          organizationId: ctx.organizationId,
          name: `${base.slice(0, 200)}.${stored.type.ext}`,
          mimeType: stored.type.mime,
          size: stored.size,
          storageKey: stored.key,
          checksum: stored.checksum,
          clientId: current?.clientId ?? null,
          uploadedById: ctx.actor.id,
          createdAt: ctx.now,
        })
        .returning();
      return addVersion(tx, ctx, asset.id, file!, query);
    });
  } catch (error) {
    await ctx.files.storage.delete(stored.key);
    throw error;
  }
}

/**
 * Brings an earlier version back as a new RESTORE version (the history is never rewritten).
 *
 * @example await restoreVersion(db, ctx, firstVersion.id, 'Back to the approved cut')
 */
export async function restoreVersion(db: Db, ctx: TenantContext, versionId: string, changeNote?: string) {
  const [version] = await db
    .select()
    .from(assetVersions)
    .where(and(eq(assetVersions.organizationId, ctx.organizationId), eq(assetVersions.id, versionId)));
  if (!version) throw notFound('Version');
  await visibleAsset(db, ctx, version.assetId).catch(() => {
    throw notFound('Version');
  });
  return transaction(db, async (tx) => {
    const [file] = await tx.select().from(files).where(eq(files.id, version.fileId));
    if (!file) throw notFound('Version file');
    return addVersion(tx, ctx, version.assetId, file, { changeType: 'RESTORE', changeNote, restoredFrom: version.versionNumber });
  });
}
