import { createHash } from 'node:crypto';
import { newId } from '../db/columns.js';
import type { RenditionType } from '@spokestack/core/dam';
import { librarySettings } from '@spokestack/core/dam';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import type { TenantContext } from '../platform/context.js';
import { files } from '../platform/schema.js';
import { storageKey } from '../platform/storage.js';
import {
  type AssetTypeHints,
  analyzeImage,
  createRendition,
  inferAssetType,
  MediaError,
  probeMedia,
  readPdfInfo,
  type SniffedType,
  sniffFile,
  withLocalFile,
} from './media/index.js';
import { assetLibraries, assetRenditions, assets } from './schema.js';

// The jobs that follow an upload: `dam.process` reads the stored file once into a temporary file,
// extracts its metadata (sharp/exifr, ffprobe, poppler) and makes every PENDING rendition, each row going
// PENDING → PROCESSING → COMPLETED or FAILED with the error kept. A file the tools cannot read is not
// retried (the same bytes fail the same way); anything else (storage, database) throws, and the queue
// retries the job, which picks up the renditions still PENDING or PROCESSING.

export const processJobName = 'dam.process';
export const tagJobName = 'dam.tag';

/** The payload of `dam.process`: the asset, the file it was queued for, and (for a retry) the kinds to make. */
export interface ProcessPayload {
  assetId: string;
  fileId: string;
  /** Only these kinds, and no metadata extraction (a retry of failed renditions). */
  kinds?: RenditionType[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * The `dam.process` job. Skips an asset whose current file is no longer the one it was queued for (a newer
 * version queued its own).
 *
 * @example await processAsset(db, ctx, { assetId, fileId })
 */
export async function processAsset(db: Db, ctx: TenantContext, payload: ProcessPayload): Promise<void> {
  const [asset] = await db
    .select()
    .from(assets)
    .where(and(eq(assets.organizationId, ctx.organizationId), eq(assets.id, payload.assetId)));
  if (!asset || asset.fileId !== payload.fileId) return;
  const [file] = await db.select().from(files).where(eq(files.id, asset.fileId));
  const stored = file && (await ctx.files.storage.get(file.storageKey));
  if (!file || !stored) throw new Error(`dam.process: the bytes of file ${asset.fileId} are missing`);
  await withLocalFile(stored.body, async (path) => {
    const type = await sniffFile(path);
    if (!payload.kinds) await extractMetadata(db, ctx, asset, file, path, type);
    const rows = await db
      .select()
      .from(assetRenditions)
      .where(
        and(
          eq(assetRenditions.organizationId, ctx.organizationId),
          eq(assetRenditions.assetId, asset.id),
          inArray(assetRenditions.status, ['PENDING', 'PROCESSING']),
          payload.kinds ? inArray(assetRenditions.renditionType, payload.kinds) : undefined,
        ),
      );
    for (const row of rows) await makeRendition(db, ctx, asset, row, path, type);
  });
  if (payload.kinds) return;
  const [library] = await db
    .select({ settings: assetLibraries.settings })
    .from(assetLibraries)
    .where(eq(assetLibraries.id, asset.libraryId));
  if (librarySettings.safeParse(library?.settings).data?.autoTagging)
    await ctx.jobs.enqueue(
      tagJobName,
      { assetId: asset.id, fileId: asset.fileId },
      { organizationId: ctx.organizationId, uniqueKey: `${tagJobName}:${asset.id}:${asset.fileId}` },
    );
}

type AssetRow = typeof assets.$inferSelect;
type FileRow = typeof files.$inferSelect;

/** Metadata of the file into the asset (and its pixel size into the file); an unreadable file leaves `extractionError`. */
async function extractMetadata(db: Db, ctx: TenantContext, asset: AssetRow, file: FileRow, path: string, type: SniffedType) {
  const metadata = asset.metadata as Record<string, Json>;
  const fileName = typeof metadata.originalName === 'string' ? metadata.originalName : file.name;
  const hints: AssetTypeHints = { fileName };
  let extracted: Record<string, unknown> = {};
  let ai: Record<string, Json> | undefined;
  try {
    if (type.kind === 'image') {
      const { metadata: image, colors, placeholder } = await analyzeImage(path);
      extracted = { ...image, placeholder };
      ai = { colors: colors.map((c) => c.hex), palette: colors as unknown as Json };
      Object.assign(hints, { width: image.width, height: image.height, cameraMake: image.camera?.make });
    } else if (type.kind === 'video' || type.kind === 'audio') {
      const probe = await probeMedia(path);
      const { video, audio } = probe;
      extracted = {
        duration: probe.duration,
        bitrate: probe.bitrate,
        container: probe.container,
        ...(video && { width: video.width, height: video.height, resolution: video.resolution, fps: video.fps, codec: video.codec }),
        ...(audio && { audioCodec: audio.codec, sampleRate: audio.sampleRate, channels: audio.channels }),
      };
      Object.assign(hints, {
        width: video?.width,
        height: video?.height,
        duration: probe.duration,
        hasVideo: !!video,
        hasAudio: !!audio,
        channels: audio?.channels,
      });
    } else if (type.mime === 'application/pdf') extracted = { ...(await readPdfInfo(path)) };
  } catch (error) {
    if (!(error instanceof MediaError)) throw error;
    extracted = { extractionError: error.message };
  }
  const clean = JSON.parse(JSON.stringify(extracted)) as Record<string, Json>;
  await db
    .update(assets)
    .set({
      metadata: { ...metadata, ...clean },
      aiMetadata: ai ? { ...((asset.aiMetadata as Record<string, Json> | null) ?? {}), ...ai } : asset.aiMetadata,
      assetType: inferAssetType(type, hints),
      updatedAt: ctx.now,
    })
    .where(eq(assets.id, asset.id));
  const { width, height } = clean;
  if (typeof width === 'number' && typeof height === 'number') await db.update(files).set({ width, height }).where(eq(files.id, file.id));
}

/** One rendition: PROCESSING, then its file stored under its SHA-256 and the row COMPLETED, or FAILED with the error. */
async function makeRendition(
  db: Db,
  ctx: TenantContext,
  asset: AssetRow,
  row: typeof assetRenditions.$inferSelect,
  path: string,
  type: SniffedType,
) {
  await db.update(assetRenditions).set({ status: 'PROCESSING', error: null }).where(eq(assetRenditions.id, row.id));
  let made: Awaited<ReturnType<typeof createRendition>>;
  try {
    made = await createRendition(path, row.renditionType, { type });
  } catch (error) {
    if (!(error instanceof MediaError)) throw error;
    await db
      .update(assetRenditions)
      .set({ status: 'FAILED', error: message(error) })
      .where(eq(assetRenditions.id, row.id));
    return;
  }
  const fileId = newId();
  const key = storageKey(ctx.organizationId, fileId, `${row.renditionType.toLowerCase()}.${made.format}`);
  const hash = createHash('sha256');
  try {
    const body =
      made.body instanceof Uint8Array
        ? made.body
        : made.body.pipeThrough(
            new TransformStream<Uint8Array, Uint8Array>({
              transform(chunk, controller) {
                hash.update(chunk);
                controller.enqueue(chunk);
              },
            }),
          );
    if (made.body instanceof Uint8Array) hash.update(made.body);
    await ctx.files.storage.put(key, body, made.mimeType);
  } finally {
    await made.dispose();
  }
  const previous = row.fileId !== asset.fileId ? row.fileId : undefined;
  await db.insert(files).values({
    id: fileId,
    organizationId: ctx.organizationId,
    name: `${asset.slug}-${row.renditionType.toLowerCase().replace(/_/g, '-')}.${made.format}`,
    mimeType: made.mimeType,
    size: made.size,
    storageKey: key,
    checksum: hash.digest('hex'),
    width: made.width,
    height: made.height,
    uploadedById: null,
    createdAt: ctx.now,
  });
  await db
    .update(assetRenditions)
    .set({
      fileId,
      status: 'COMPLETED',
      error: null,
      width: made.width,
      height: made.height,
      format: made.format,
      quality: made.quality ?? null,
      duration: made.duration === undefined ? null : Math.round(made.duration),
      startTime: made.startTime === undefined ? null : Math.round(made.startTime),
    })
    .where(eq(assetRenditions.id, row.id));
  // The rendition it replaces (of an earlier version, or a retry): its file goes.
  if (previous) await removeFile(db, ctx, previous);
}

async function removeFile(db: Db, ctx: TenantContext, id: string) {
  const [gone] = await db
    .delete(files)
    .where(and(eq(files.organizationId, ctx.organizationId), eq(files.id, id)))
    .returning({ storageKey: files.storageKey })
    .catch(() => [] as { storageKey: string }[]);
  if (gone) await ctx.files.storage.delete(gone.storageKey);
}
