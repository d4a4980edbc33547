import { and, eq } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { files } from '../platform/schema.js';
import { visibleAsset } from './access.js';
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
    aiMetadata = keepReview(JSON.parse(JSON.stringify(toAiMetadata({ colors: before.palette, ...found }, tagger().name))), before as Ai);
  } catch (error) {
    if (!(error instanceof MediaError)) throw error;
    aiMetadata = { ...(before as Record<string, Json>), error: error.message };
  }
  await db.update(assets).set({ aiMetadata, updatedAt: ctx.now }).where(eq(assets.id, asset.id));
}

// A person's review of the labels: `confirmed` labels are also tags; `rejected` ones were removed and stay
// out of later tagging runs. Labels are names (the built-in tagger's) or `{ name, … }` objects (other
// taggers'); both are read by their name, lower case.

type Ai = Record<string, Json> & { confirmed?: Json; rejected?: Json };
const nameOf = (label: Json): string | undefined =>
  typeof label === 'string'
    ? label.toLowerCase()
    : label && typeof label === 'object' && !Array.isArray(label) && typeof label.name === 'string'
      ? label.name.toLowerCase()
      : undefined;
const listOf = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);
const namesOf = (value: Json | undefined): string[] => listOf(value).filter((v): v is string => typeof v === 'string');

/** New findings with the review of the old ones kept: rejected labels stay out, the lists carry over. */
function keepReview(next: Record<string, Json>, before: Ai): Record<string, Json> {
  const rejected = namesOf(before.rejected);
  if (!rejected.length && !namesOf(before.confirmed).length) return next;
  const kept = (list: Json | undefined) => listOf(list).filter((l) => !rejected.includes(nameOf(l) ?? ''));
  return { ...next, labels: kept(next.labels), objects: kept(next.objects), confirmed: namesOf(before.confirmed), rejected };
}

/** The asset, locked for this transaction, with its AI metadata; 404 when the caller does not see it. */
async function lockedAsset(tx: Db, ctx: TenantContext, assetId: string) {
  await visibleAsset(tx, ctx, assetId);
  const [asset] = await tx.select().from(assets).where(eq(assets.id, assetId)).for('update');
  if (!asset) throw notFound('Asset');
  const ai = (asset.aiMetadata && typeof asset.aiMetadata === 'object' && !Array.isArray(asset.aiMetadata) ? asset.aiMetadata : {}) as Ai;
  return { asset, ai };
}

/**
 * Confirms an AI label of an asset: it joins the asset's tags and `aiMetadata.confirmed`. 404 when the
 * asset has no such label (among `labels` and `objects`).
 *
 * @example const asset = await confirmLabel(db, ctx, assetId, 'beach')
 */
export function confirmLabel(db: Db, ctx: TenantContext, assetId: string, label: string) {
  return transaction(db, async (tx) => {
    const { asset, ai } = await lockedAsset(tx, ctx, assetId);
    const found = [...listOf(ai.labels), ...listOf(ai.objects)].some((l) => nameOf(l) === label);
    if (!found) throw notFound('Label');
    const confirmed = [...new Set([...namesOf(ai.confirmed), label])];
    const tags = asset.tags.includes(label) ? asset.tags : [...asset.tags, label];
    const [updated] = await tx
      .update(assets)
      .set({ tags, aiMetadata: { ...ai, confirmed }, lastEditedById: ctx.actor.id, updatedAt: ctx.now })
      .where(eq(assets.id, asset.id))
      .returning();
    await recordActivity(tx, ctx, {
      action: 'label_confirmed',
      entityType: 'assets',
      entityId: asset.id,
      entityTitle: asset.name,
      metadata: { label },
    });
    return updated!;
  });
}

/**
 * Removes a wrong AI label: it leaves `labels`, `objects`, `confidence` and `confirmed` (and the tags, when it
 * had been confirmed into one), and joins `aiMetadata.rejected` so that tagging again does not bring it back.
 *
 * @example const asset = await removeLabel(db, ctx, assetId, 'dog')
 */
export function removeLabel(db: Db, ctx: TenantContext, assetId: string, label: string) {
  return transaction(db, async (tx) => {
    const { asset, ai } = await lockedAsset(tx, ctx, assetId);
    const other = (l: Json) => nameOf(l) !== label;
    const labels = listOf(ai.labels);
    const objects = listOf(ai.objects);
    if (labels.every(other) && objects.every(other)) throw notFound('Label');
    const wasConfirmed = namesOf(ai.confirmed).includes(label);
    const confidence =
      ai.confidence && typeof ai.confidence === 'object' && !Array.isArray(ai.confidence)
        ? Object.fromEntries(Object.entries(ai.confidence).filter(([name]) => name.toLowerCase() !== label))
        : ai.confidence;
    const aiMetadata: Ai = {
      ...ai,
      labels: labels.filter(other),
      objects: objects.filter(other),
      ...(confidence === undefined ? {} : { confidence }),
      confirmed: namesOf(ai.confirmed).filter((name) => name !== label),
      rejected: [...new Set([...namesOf(ai.rejected), label])],
    };
    const [updated] = await tx
      .update(assets)
      .set({
        aiMetadata,
        ...(wasConfirmed ? { tags: asset.tags.filter((tag) => tag !== label) } : {}),
        lastEditedById: ctx.actor.id,
        updatedAt: ctx.now,
      })
      .where(eq(assets.id, asset.id))
      .returning();
    await recordActivity(tx, ctx, {
      action: 'label_removed',
      entityType: 'assets',
      entityId: asset.id,
      entityTitle: asset.name,
      metadata: { label },
    });
    return updated!;
  });
}
