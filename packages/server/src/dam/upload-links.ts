import { type linkUploadBody, type uploadLinkCreate, librarySettings } from '@spokestack/core/dam';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { cursorWhere, orderBy, pageLimit, toPage } from '../db/paging.js';
import { HttpError, badRequest, forbidden, gone, notFound, unauthorized } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { Actor, AppContext, TenantContext } from '../platform/context.js';
import { hashPassword, verifyPassword } from '../platform/secrets.js';
import { folderVisible } from './access.js';
import { assetFolders, assetLibraries, assetUploadLinks } from './schema.js';
import { creatorOf } from './shares.js';
import { ingestUpload } from './uploads.js';

// External upload links. The token is signed for the `upload` purpose and names the row; the row is
// read on every use, so a revoke (or the folder's deletion, which cascades) stops the link at once. An
// upload through a link runs the ordinary ingest as the link's creator would see the library (a link
// never reaches further than its creator), with the link's limits on top of the library's, and takes
// one of the link's files in the ingest's own transaction: a conditional UPDATE, so concurrent uploads
// never pass `maxFiles`. The public routes are rate-limited by the router like every public surface.

type UploadLink = typeof assetUploadLinks.$inferSelect;
const managers = new Set(['OWNER', 'ADMIN']);
const yearMs = 366 * 86_400_000;

const tokenOf = (app: AppContext, row: UploadLink) => app.signer.token('upload', { o: row.organizationId, u: row.id }, row.expiresAt);

const present = (app: AppContext, row: UploadLink) => {
  const token = tokenOf(app, row);
  return {
    id: row.id,
    organizationId: row.organizationId,
    libraryId: row.libraryId,
    folderId: row.folderId,
    name: row.name,
    token,
    url: `/v1/dam/public/upload-links/${token}/files`,
    expiresAt: row.expiresAt,
    hasPassword: row.password !== null,
    maxFileSize: row.maxFileSize,
    allowedFileTypes: row.allowedFileTypes,
    maxFiles: row.maxFiles,
    uploadCount: row.uploadCount,
    lastUploadAt: row.lastUploadAt,
    createdById: row.createdById,
    createdAt: row.createdAt,
  };
};

/**
 * Creates an upload link into a folder the caller sees (and so may upload into): an expiry within a
 * year, an optional password (scrypt; only `hasPassword` comes back), optional size, type and count limits.
 *
 * @example const link = await createUploadLink(db, ctx, { folderId, expiresAt, maxFiles: 20, allowedFileTypes: ['image/*'] })
 */
export async function createUploadLink(db: Db, ctx: TenantContext, input: z.output<typeof uploadLinkCreate>) {
  const [folder] = await db
    .select()
    .from(assetFolders)
    .where(and(folderVisible(db, ctx), eq(assetFolders.id, input.folderId)));
  if (!folder) throw badRequest([{ path: 'body.folderId', message: 'No folder with this id' }]);
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt <= ctx.now) throw badRequest([{ path: 'body.expiresAt', message: 'Must be in the future' }]);
  if (expiresAt.getTime() - ctx.now.getTime() > yearMs) throw badRequest([{ path: 'body.expiresAt', message: 'At most a year ahead' }]);
  const password = input.password ? await hashPassword(input.password) : null;
  return transaction(db, async (tx) => {
    const [row] = await tx
      .insert(assetUploadLinks)
      .values({
        organizationId: ctx.organizationId,
        libraryId: folder.libraryId,
        folderId: folder.id,
        name: input.name ?? null,
        password,
        expiresAt,
        maxFileSize: input.maxFileSize ?? null,
        allowedFileTypes: [...new Set(input.allowedFileTypes ?? [])],
        maxFiles: input.maxFiles ?? null,
        createdById: ctx.actor.id,
        createdAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, {
      action: 'upload_link_created',
      entityType: 'asset_folders',
      entityId: folder.id,
      entityTitle: folder.name,
      metadata: { uploadLinkId: row!.id, expiresAt: expiresAt.toISOString(), maxFiles: row!.maxFiles, hasPassword: !!password },
    });
    return present(ctx, row!);
  });
}

const ownLinks = (ctx: TenantContext, mine?: boolean) =>
  managers.has(ctx.actor.role) && !mine ? undefined : eq(assetUploadLinks.createdById, ctx.actor.id);
const inVisibleFolders = (db: Db, ctx: TenantContext) =>
  sql`${assetUploadLinks.folderId} in (select ${assetFolders.id} from ${assetFolders} where ${folderVisible(db, ctx)})`;
const listKeys = [
  { key: 'createdAt', column: assetUploadLinks.createdAt, desc: true },
  { key: 'id', column: assetUploadLinks.id, desc: true },
];

/**
 * The caller's upload links (OWNER/ADMIN: everyone's), newest first, in folders they can see.
 *
 * @example const { data } = await listUploadLinks(db, ctx, { folderId })
 */
export async function listUploadLinks(
  db: Db,
  ctx: TenantContext,
  query: { limit?: number; cursor?: string; folderId?: string; mine?: boolean },
) {
  const limit = pageLimit(query.limit);
  const rows = await db
    .select()
    .from(assetUploadLinks)
    .where(
      and(
        eq(assetUploadLinks.organizationId, ctx.organizationId),
        inVisibleFolders(db, ctx),
        ownLinks(ctx, query.mine),
        query.folderId ? eq(assetUploadLinks.folderId, query.folderId) : undefined,
        cursorWhere(listKeys, query.cursor),
      ),
    )
    .orderBy(...orderBy(listKeys))
    .limit(limit + 1);
  const page = toPage(rows, limit, listKeys);
  return { data: page.data.map((row) => present(ctx, row)), nextCursor: page.nextCursor };
}

/** Revokes an upload link (the caller's; OWNER/ADMIN: any); files already in stay. @example await revokeUploadLink(db, ctx, id) */
export async function revokeUploadLink(db: Db, ctx: TenantContext, id: string) {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .delete(assetUploadLinks)
      .where(
        and(eq(assetUploadLinks.organizationId, ctx.organizationId), eq(assetUploadLinks.id, id), inVisibleFolders(tx, ctx), ownLinks(ctx)),
      )
      .returning();
    if (!row) throw notFound('Upload link');
    const [folder] = await tx.select({ name: assetFolders.name }).from(assetFolders).where(eq(assetFolders.id, row.folderId));
    await recordActivity(tx, ctx, {
      action: 'upload_link_revoked',
      entityType: 'asset_folders',
      entityId: row.folderId,
      entityTitle: folder?.name ?? row.folderId,
      metadata: { uploadLinkId: row.id, uploadCount: row.uploadCount },
    });
    return { id: row.id, deleted: true as const };
  });
}

/** The link a token names with its folder and library; 401 forged or expired, 404 revoked, 410 out of files. */
async function openUploadLink(db: Db, app: AppContext, token: string) {
  const claims = app.signer.verify<{ o: string; u: string }>('upload', token, app.now);
  if (!claims || typeof claims.o !== 'string' || typeof claims.u !== 'string')
    throw unauthorized('Invalid or expired upload link; ask for a new one');
  const [found] = await db
    .select({ link: assetUploadLinks, folder: assetFolders, library: assetLibraries })
    .from(assetUploadLinks)
    .innerJoin(assetFolders, eq(assetFolders.id, assetUploadLinks.folderId))
    .innerJoin(assetLibraries, eq(assetLibraries.id, assetUploadLinks.libraryId))
    .where(and(eq(assetUploadLinks.organizationId, claims.o), eq(assetUploadLinks.id, claims.u)));
  if (!found) throw notFound('Upload link');
  if (found.link.expiresAt <= app.now) throw unauthorized('Invalid or expired upload link; ask for a new one');
  return found;
}

const filesLeft = (link: UploadLink) => (link.maxFiles === null ? null : Math.max(0, link.maxFiles - link.uploadCount));
const tighter = (a: number | null | undefined, b: number | null | undefined) => (a && b ? Math.min(a, b) : (a ?? b ?? null));

/**
 * What an upload link takes, for anyone holding its token.
 *
 * @example const { folder, hasPassword, filesLeft } = await viewUploadLink(db, app, token)
 */
export async function viewUploadLink(db: Db, app: AppContext, token: string) {
  const { link, folder, library } = await openUploadLink(db, app, token);
  const settings = librarySettings.safeParse(library.settings).data ?? {};
  return {
    name: link.name,
    folder: { name: folder.name },
    expiresAt: link.expiresAt,
    hasPassword: link.password !== null,
    maxFileSize: tighter(link.maxFileSize, settings.maxFileSize),
    allowedFileTypes: link.allowedFileTypes,
    filesLeft: filesLeft(link),
  };
}

/**
 * One file through an upload link: the password checked (403), the link's files counted (410 once it has
 * taken `maxFiles`), then the ordinary ingest into the link's folder with the link's type and size limits
 * on top of the library's (415, 413), the naming convention and the approval rule. Recorded as the link's
 * upload, under the uploader's name when given.
 *
 * @example const { asset } = await uploadThroughLink(db, app, token, { file, password: 'spring-2025', uploaderName: 'Ann' })
 */
export async function uploadThroughLink(db: Db, app: AppContext, token: string, input: z.output<typeof linkUploadBody>) {
  const { link, folder } = await openUploadLink(db, app, token);
  if (link.password !== null && !(input.password && (await verifyPassword(input.password, link.password))))
    throw forbidden(input.password ? 'Wrong password' : 'This link needs its password');
  const full = () => gone(`This link has taken its ${link.maxFiles} files`);
  if (filesLeft(link) === 0) throw full();
  const creator = await creatorOf(db, link);
  const uploader = input.uploaderName?.trim();
  const actor: Actor = {
    type: 'system',
    id: `upload-link:${link.id}`,
    name: uploader ? `${uploader} (upload link)` : (link.name ?? 'Upload link'),
    role: creator.role,
    clientId: creator.clientId,
  };
  const ctx: TenantContext = { ...app, organizationId: link.organizationId, actor };
  const claim = async (tx: Db) => {
    const [taken] = await tx
      .update(assetUploadLinks)
      .set({ uploadCount: sql`${assetUploadLinks.uploadCount} + 1`, lastUploadAt: app.now })
      .where(
        and(
          eq(assetUploadLinks.id, link.id),
          or(isNull(assetUploadLinks.maxFiles), lt(assetUploadLinks.uploadCount, assetUploadLinks.maxFiles)),
          gt(assetUploadLinks.expiresAt, app.now),
        ),
      )
      .returning({ id: assetUploadLinks.id });
    if (!taken) throw full();
  };
  const { file } = input;
  const result = await ingestUpload(
    db,
    ctx,
    file.stream(),
    { libraryId: link.libraryId, folderId: folder.id, fileName: file.name || undefined, name: input.name, description: input.description },
    'body',
    { allowedFileTypes: link.allowedFileTypes, maxFileSize: link.maxFileSize ?? undefined, claim, uploadLinkId: link.id },
  ).catch((error: unknown) => {
    // The creator no longer sees the library: the link leads nowhere now.
    if (error instanceof HttpError && error.status === 400 && error.errors?.some((e) => e.path === 'body.libraryId'))
      throw gone('This link no longer leads to a folder you can upload into');
    throw error;
  });
  return {
    asset: { name: result.asset.name, status: result.asset.status },
    checksum: result.checksum,
    mimeType: result.mimeType,
    size: result.size,
  };
}
