import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import type { TenantContext } from '../platform/context.js';
import { files } from '../platform/schema.js';
import { type ColorShare, createBuiltinTagger, type ImageMetadata, MediaError, type Tagger, toAiMetadata } from './media/index.js';
import type { ProcessPayload } from './processing.js';
import { assetRenditions, assets } from './schema.js';

// The `dam.tag` job, queued after processing for libraries with `autoTagging`: the built-in tagger (OCR,
// objects and faces, offline, in its own process with its own concurrency) looks at the image itself, or at
// the PREVIEW rendition of a video or PDF, and the findings replace `aiMetadata` (labels, objects, faces,
// text, colours). One tagger serves the whole process: its models load once, on the first image, and its
// idle child never keeps the process alive.

let builtin: Tagger | undefined;
/** The tagger of this process (the built-in one unless `useTagger` chose another). */
const tagger = () => (builtin ??= createBuiltinTagger({ concurrency: 1 }));

/**
 * Chooses the tagger the `dam.tag` job runs (an external vision API, `combineTaggers(builtin, yours)`);
 * call it once at startup.
 *
 * @example useTagger(combineTaggers(createBuiltinTagger(), acmeVision))
 */
export function useTagger(next: Tagger): void {
  builtin = next;
}

/**
 * Tags an asset's current file; skips an asset whose file changed since (its new version queued its own).
 * A file the tagger cannot read leaves `aiMetadata.error` and is not retried.
 *
 * @example await tagAsset(db, ctx, { assetId, fileId })
 */
export async function tagAsset(db: Db, ctx: TenantContext, payload: ProcessPayload): Promise<void> {
  const [asset] = await db
    .select()
    .from(assets)
    .where(and(eq(assets.organizationId, ctx.organizationId), eq(assets.id, payload.assetId)));
  if (!asset || asset.fileId !== payload.fileId) return;
  const [source] = await db.select().from(files).where(eq(files.id, asset.fileId));
  // An image is tagged as it is; anything else through its PREVIEW (a video's poster frame, a PDF's first page).
  const [preview] = source?.mimeType.startsWith('image/')
    ? [source]
    : await db
        .select({ file: files })
        .from(assetRenditions)
        .innerJoin(files, eq(files.id, assetRenditions.fileId))
        .where(
          and(eq(assetRenditions.assetId, asset.id), eq(assetRenditions.renditionType, 'PREVIEW'), eq(assetRenditions.status, 'COMPLETED')),
        )
        .then((rows) => rows.map((r) => r.file));
  if (!preview) return;
  const stored = await ctx.files.storage.get(preview.storageKey);
  if (!stored) throw new Error(`dam.tag: the bytes of file ${preview.id} are missing`);
  const image = new Uint8Array(await new Response(stored.body).arrayBuffer());
  const metadata = asset.metadata as Record<string, Json> & Partial<ImageMetadata>;
  const before = (asset.aiMetadata ?? {}) as { palette?: ColorShare[] };
  let aiMetadata: Record<string, Json>;
  try {
    const found = await tagger().tag({
      image,
      fileName: typeof metadata.originalName === 'string' ? metadata.originalName : asset.name,
      metadata: typeof metadata.width === 'number' && typeof metadata.format === 'string' ? (metadata as ImageMetadata) : undefined,
      colors: before.palette,
    });
    aiMetadata = JSON.parse(JSON.stringify(toAiMetadata({ colors: before.palette, ...found }, tagger().name)));
  } catch (error) {
    if (!(error instanceof MediaError)) throw error;
    aiMetadata = { ...(before as Record<string, Json>), error: error.message };
  }
  await db.update(assets).set({ aiMetadata, updatedAt: ctx.now }).where(eq(assets.id, asset.id));
}
