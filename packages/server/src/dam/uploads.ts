import { createHash } from 'node:crypto';
import { newId } from '../db/columns.js';
import { type LibrarySettings, folderDefaults, librarySettings } from '@spokestack/core/dam';
import { and, eq, like, or, sql } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { HttpError, badRequest, tooLarge, unsupportedMediaType } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { clients, files, projects } from '../platform/schema.js';
import { storageKey } from '../platform/storage.js';
import { type Library, visibleLibrary } from './access.js';
import { inferAssetType, renditionKindsFor, type SniffedType, sniffHeadBytes, sniffType } from './media/index.js';
import { processJobName } from './processing.js';
import { assetFolders, assetRenditions, assets, assetVersions } from './schema.js';

// An upload, whichever way it arrives (multipart, a raw stream, a finished tus upload): the type is
// sniffed from the first 64 KiB before anything is stored, the library's rules are checked, the bytes
// stream to storage while their SHA-256 and size are counted, and the asset, its first version and its
// PENDING renditions are written in one transaction with the job that extracts metadata and makes them.

/** What describes an upload besides its bytes. */
export interface UploadMeta {
  libraryId: string;
  folderId?: string;
  /** The name the file had on the user's side. */
  fileName?: string;
  name?: string;
  description?: string;
  tags?: string[];
  projectId?: string;
}

/**
 * Rules an upload link adds to the library's: its own types and size (both lists must allow the type;
 * the smaller size wins), and `claim`, run in the ingest's transaction to take one of the link's files.
 */
export interface LinkRules {
  allowedFileTypes?: string[];
  maxFileSize?: number;
  claim?: (tx: Db) => Promise<void>;
  /** Recorded on the activity, so an asset's arrival names its link. */
  uploadLinkId?: string;
}

/** Where the upload's fields came from, so a 400 names them: the multipart `body`, the streaming upload's `query`, tus `metadata`. */
export type Where = 'body' | 'query' | 'metadata';

/**
 * What an upload goes into, checked before any byte is read: a library the caller sees (400 naming
 * `libraryId` otherwise), a folder of it, a project of the organization; and, when the size is known up
 * front (tus `Upload-Length`), the library's `maxFileSize` (413).
 *
 * @example const { library, settings, folder } = await uploadTarget(db, ctx, { libraryId, folderId }, 'metadata', upload.size)
 */
export async function uploadTarget(db: Db, ctx: TenantContext, meta: UploadMeta, where: Where, size?: number) {
  const library = await visibleLibrary(db, ctx, meta.libraryId).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 404)
      throw badRequest([{ path: `${where}.libraryId`, message: 'No library with this id' }]);
    throw error;
  });
  const settings: LibrarySettings = librarySettings.safeParse(library.settings).data ?? {};
  if (size !== undefined && settings.maxFileSize && size > settings.maxFileSize)
    throw tooLarge(`This library takes files of at most ${settings.maxFileSize} bytes`);
  const folder = meta.folderId ? await folderOf(db, ctx, library, meta.folderId, where) : undefined;
  const project = meta.projectId ? await projectOf(db, ctx, meta.projectId, where) : undefined;
  return { library, settings, folder, project };
}

/**
 * Whether a media type matches a library's `allowedFileTypes` (`image/*`, `*\/*`, exact types); an empty or
 * absent list allows every type.
 *
 * @example typeAllowed('image/png', ['image/*', 'application/pdf']) // true
 */
export function typeAllowed(mime: string, allowed: readonly string[] | undefined): boolean {
  if (!allowed?.length) return true;
  return allowed.some((pattern) => {
    const [type, sub] = pattern.trim().toLowerCase().split('/');
    const [mt, ms] = mime.toLowerCase().split('/');
    return (type === '*' || type === mt) && (sub === undefined || sub === '*' || sub === ms);
  });
}

const separators = /[_\-. ]/;

/**
 * A stored file name from a library's naming convention: each `{token}` replaced, empty ones dropped with
 * their separator, and the extension of the sniffed type appended.
 *
 * @example applyNamingConvention('{client}_{project}_{date}_{name}', { client: 'acme', date: '20250301', name: 'hero' }, 'jpg') //
 * 'acme_20250301_hero.jpg'
 */
export function applyNamingConvention(template: string, values: Record<string, string | undefined>, ext: string): string {
  const filled = template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  let name = '';
  for (const char of filled.replace(/[\\/\0:*?"<>|]/g, '-')) {
    // A separator after another (or at the start) is what an empty token left behind.
    if (separators.test(char) && (name === '' || separators.test(name.at(-1)!))) continue;
    name += char;
  }
  name = name.replace(/[_\-. ]+$/, '').slice(0, 200) || 'upload';
  return `${name}.${ext}`;
}

const slugOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');

/** The head of a stream (at least `sniffHeadBytes` of it, or all of a shorter one) and the stream of every byte. */
async function readHead(source: ReadableStream<Uint8Array>) {
  const reader = source.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < sniffHeadBytes) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  const head = Buffer.concat(chunks);
  return { head, reader, chunks };
}

/**
 * Takes an upload into a library: checks the library is visible to the caller and the folder is one of
 * its folders, sniffs the type and refuses types the library does not allow (415) and files over its
 * `maxFileSize` (413), stores the bytes under the naming convention's name, and creates the asset
 * (PENDING when the library requires approval, else APPROVED) with the folder's default metadata. Assets
 * of the library with the same bytes are reported in `duplicates`.
 *
 * @example const { asset, duplicates } = await ingestUpload(db, ctx, request.body, { libraryId, fileName: 'hero.jpg' }, 'query')
 */
export async function ingestUpload(
  db: Db,
  ctx: TenantContext,
  source: ReadableStream<Uint8Array> | null,
  meta: UploadMeta,
  where: Where,
  link?: LinkRules,
) {
  const { library, settings, folder, project } = await uploadTarget(db, ctx, meta, where);
  const { fileId, key, type, size, checksum } = await storeStream(ctx, source, settings, where, link);

  try {
    return await transaction(db, async (tx) => {
      await link?.claim?.(tx);
      const clientName = library.clientId
        ? (await tx.select({ name: clients.name }).from(clients).where(eq(clients.id, library.clientId)))[0]?.name
        : undefined;
      const original = (meta.fileName ?? '').replace(/[\\/\0]/g, '_').slice(0, 255);
      const baseName = original.replace(/\.[^.]*$/, '') || 'upload';
      const fileName = applyNamingConvention(
        settings.namingConvention ?? '{name}',
        {
          client: clientName && slugOf(clientName),
          project: project && slugOf(project.name),
          library: library.slug,
          folder: folder?.slug,
          date: ctx.now.toISOString().slice(0, 10).replace(/-/g, ''),
          name: settings.namingConvention ? slugOf(baseName) : baseName,
          user: slugOf(ctx.actor.name),
        },
        type.ext,
      );
      const duplicates = await tx
        .select({ id: assets.id, name: assets.name, folderId: assets.folderId })
        .from(assets)
        .innerJoin(files, eq(files.id, assets.fileId))
        .where(and(eq(assets.organizationId, ctx.organizationId), eq(assets.libraryId, library.id), eq(files.checksum, checksum)));

      const name = meta.name?.trim() || baseName;
      const slug = await allocateAssetSlug(tx, ctx, library.id, slugOf(name) || 'asset');
      const defaults = folderDefaults.parse(folder?.defaultMetadata ?? {});
      const { tags: defaultTags, license, licenseDetails, copyrightHolder, copyrightYear, usageRights, ...extra } = defaults;
      const tags = [...new Set([...(meta.tags ?? []), ...(defaultTags ?? [])])];

      await tx.insert(files).values({
        id: fileId,
        organizationId: ctx.organizationId,
        name: fileName,
        mimeType: type.mime,
        size,
        storageKey: key,
        checksum,
        clientId: library.clientId,
        projectId: project?.id ?? null,
        uploadedById: ctx.actor.id,
        createdAt: ctx.now,
      });
      const approved = !settings.requireApproval;
      const [asset] = await tx
        .insert(assets)
        .values({
          organizationId: ctx.organizationId,
          libraryId: library.id,
          folderId: folder?.id ?? null,
          fileId,
          name,
          slug,
          description: meta.description ?? null,
          assetType: inferAssetType(type, { fileName: original || fileName }),
          metadata: { ...(extra as Record<string, Json>), originalName: original || null, mimeType: type.mime, size },
          tags,
          status: approved ? 'APPROVED' : 'PENDING',
          approvedAt: approved ? ctx.now : null,
          license: license ?? null,
          licenseDetails: licenseDetails ?? null,
          copyrightHolder: copyrightHolder ?? null,
          copyrightYear: copyrightYear ?? null,
          usageRights: usageRights ?? null,
          sourceType: 'UPLOAD',
          createdById: ctx.actor.id,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      await tx.insert(assetVersions).values({
        organizationId: ctx.organizationId,
        assetId: asset!.id,
        versionNumber: 1,
        fileId,
        changeType: 'INITIAL',
        changeNote: 'Uploaded',
        createdById: ctx.actor.id,
        createdAt: ctx.now,
        isCurrentVersion: true,
      });
      await queueRenditions(tx, ctx, asset!, type);
      await recordActivity(tx, ctx, {
        action: 'uploaded',
        entityType: 'assets',
        entityId: asset!.id,
        entityTitle: asset!.name,
        clientId: library.clientId,
        projectId: project?.id ?? null,
        metadata: {
          libraryId: library.id,
          folderId: folder?.id ?? null,
          mimeType: type.mime,
          size,
          duplicates: duplicates.length,
          ...(link?.uploadLinkId && { uploadLinkId: link.uploadLinkId }),
        },
      });
      return { asset: asset!, checksum, mimeType: type.mime, size, duplicates };
    });
  } catch (error) {
    await ctx.files.storage.delete(key);
    throw error;
  }
}

/**
 * Streams an upload's bytes into storage under a new file id: the type sniffed from the head first (415
 * when the library does not take it, before anything is stored), the size capped by `maxFileSize` (413,
 * nothing kept) and the SHA-256 counted on the way.
 *
 * @example const { fileId, key, type, size, checksum } = await storeStream(ctx, request.body, settings, 'query')
 */
export async function storeStream(
  ctx: TenantContext,
  source: ReadableStream<Uint8Array> | null,
  settings: LibrarySettings,
  where: Where,
  link?: LinkRules,
) {
  const { head, reader, chunks } = await readHead(source ?? new ReadableStream({ start: (c) => c.close() }));
  const field = where === 'body' ? 'body.file' : 'body';
  if (!head.byteLength) throw badRequest([{ path: field, message: 'The file is empty' }]);
  const type = sniffType(head.subarray(0, sniffHeadBytes));
  for (const [allowed, what] of [
    [settings.allowedFileTypes, 'library'],
    [link?.allowedFileTypes, 'link'],
  ] as const)
    if (!typeAllowed(type.mime, allowed)) {
      await reader.cancel();
      throw unsupportedMediaType(`This ${what} takes ${allowed!.join(', ')}; the file is ${type.mime}`, [
        { path: field, message: `Files of type ${type.mime} are not allowed in this ${what}` },
      ]);
    }
  const linkIsTighter = !!link?.maxFileSize && (!settings.maxFileSize || link.maxFileSize < settings.maxFileSize);
  const maxFileSize = linkIsTighter ? link!.maxFileSize : settings.maxFileSize;
  const limitOf = linkIsTighter ? 'link' : 'library';

  const fileId = newId();
  const key = storageKey(ctx.organizationId, fileId, `original.${type.ext}`);
  const hash = createHash('sha256');
  let size = 0;
  let refused: HttpError | undefined;
  const counted = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = chunks.shift() ?? (await reader.read()).value;
      if (!chunk) return controller.close();
      size += chunk.byteLength;
      if (maxFileSize && size > maxFileSize) {
        refused = tooLarge(`This ${limitOf} takes files of at most ${maxFileSize} bytes`);
        await reader.cancel();
        return controller.error(refused);
      }
      hash.update(chunk);
      controller.enqueue(chunk);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  try {
    await ctx.files.storage.put(key, counted, type.mime);
  } catch (error) {
    await ctx.files.storage.delete(key);
    throw refused ?? error;
  }
  const checksum = hash.digest('hex');
  return { fileId, key, type, size, checksum };
}

/**
 * Writes PENDING rows for every rendition the type can have (pointing at the source file until made) and
 * queues the job that extracts the metadata and makes them. Used by uploads and new versions.
 *
 * @example await queueRenditions(tx, ctx, asset, type)
 */
export async function queueRenditions(tx: Db, ctx: TenantContext, asset: { id: string; fileId: string }, type: SniffedType, version = 1) {
  const kinds = renditionKindsFor(type);
  if (kinds.length)
    await tx
      .insert(assetRenditions)
      .values(
        kinds.map((renditionType) => ({
          organizationId: ctx.organizationId,
          assetId: asset.id,
          renditionType,
          fileId: asset.fileId,
          status: 'PENDING' as const,
          createdAt: ctx.now,
        })),
      )
      .onConflictDoUpdate({
        target: [assetRenditions.assetId, assetRenditions.renditionType],
        set: { status: 'PENDING', error: null },
      });
  await ctx.jobs.enqueue(
    processJobName,
    { assetId: asset.id, fileId: asset.fileId },
    // Per version: a restore brings back a file whose first job is long done.
    { db: tx, organizationId: ctx.organizationId, uniqueKey: `${processJobName}:${asset.id}:${asset.fileId}:v${version}` },
  );
}

async function folderOf(db: Db, ctx: TenantContext, library: Library, id: string, where: Where) {
  const [folder] = await db
    .select()
    .from(assetFolders)
    .where(and(eq(assetFolders.organizationId, ctx.organizationId), eq(assetFolders.libraryId, library.id), eq(assetFolders.id, id)));
  if (!folder) throw badRequest([{ path: `${where}.folderId`, message: 'No folder with this id in the library' }]);
  return folder;
}

async function projectOf(db: Db, ctx: TenantContext, id: string, where: Where) {
  const [project] = await db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(and(eq(projects.organizationId, ctx.organizationId), eq(projects.id, id)));
  if (!project) throw badRequest([{ path: `${where}.projectId`, message: 'No project with this id' }]);
  return project;
}

/** A slug free in the library: `base`, else `base-2`, `base-3`, … (writers of one library serialized, so two uploads never pick the same).
 * */
async function allocateAssetSlug(tx: Db, ctx: TenantContext, libraryId: string, base: string): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dam.assets:${ctx.organizationId}:${libraryId}`}))`);
  const rows = await tx
    .select({ slug: assets.slug })
    .from(assets)
    .where(
      and(
        eq(assets.organizationId, ctx.organizationId),
        eq(assets.libraryId, libraryId),
        or(eq(assets.slug, base), like(assets.slug, `${base}-%`)),
      ),
    );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
