import { randomBytes } from 'node:crypto';
import { damResources, type linkCreate } from '@spokestack/core/dam';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { resourceService } from '../db/resource-service.js';
import { HttpError, badRequest, conflict, forbidden, gone, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { Actor, AppContext, TenantContext } from '../platform/context.js';
import { files } from '../platform/schema.js';
import { hashPassword, verifyPassword } from '../platform/secrets.js';
import { assetVisible, visibleAsset } from './access.js';
import { assetLinks, assets } from './schema.js';

// Share links to one asset. The token (192 random bits) is the credential of the public side; the
// password is an scrypt hash that never leaves the server. The download limit is one conditional UPDATE
// (`download_count < max_downloads`), so concurrent downloads can never pass it, on any number of
// instances. Public routes are where the `security` rate limiter hooks in.

type Link = typeof assetLinks.$inferSelect;
const generic = resourceService(assetLinks, damResources.links);
const managers = new Set(['OWNER', 'ADMIN']);

const present = (row: Link) => ({
  id: row.id,
  organizationId: row.organizationId,
  assetId: row.assetId,
  token: row.token,
  url: `/v1/dam/public/links/${row.token}/download`,
  allowDownload: row.allowDownload,
  expiresAt: row.expiresAt,
  hasPassword: row.password !== null,
  maxDownloads: row.maxDownloads,
  downloadCount: row.downloadCount,
  createdById: row.createdById,
  createdAt: row.createdAt,
});

/**
 * Shares an asset the caller can see by link (an EXPIRED asset cannot be shared: 409).
 *
 * @example const link = await createLink(db, ctx, { assetId, password: 'spring-2025', maxDownloads: 5 })
 */
export async function createLink(db: Db, ctx: TenantContext, input: z.output<typeof linkCreate>) {
  const asset = await visibleAsset(db, ctx, input.assetId).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 404) throw badRequest([{ path: 'body.assetId', message: 'No asset with this id' }]);
    throw error;
  });
  if (asset.status === 'EXPIRED') throw conflict('The asset’s licence has expired; it cannot be shared');
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= ctx.now) throw badRequest([{ path: 'body.expiresAt', message: 'Must be in the future' }]);
  const password = input.password ? await hashPassword(input.password) : null;
  return transaction(db, async (tx) => {
    const [row] = await tx
      .insert(assetLinks)
      .values({
        organizationId: ctx.organizationId,
        assetId: asset.id,
        token: randomBytes(24).toString('base64url'),
        allowDownload: input.allowDownload ?? true,
        expiresAt,
        password,
        maxDownloads: input.maxDownloads ?? null,
        createdById: ctx.actor.id,
        createdAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, {
      action: 'shared',
      entityType: 'assets',
      entityId: asset.id,
      entityTitle: asset.name,
      metadata: { linkId: row!.id, expiresAt: expiresAt?.toISOString() ?? null, maxDownloads: row!.maxDownloads, hasPassword: !!password },
    });
    return present(row!);
  });
}

const ownLinks = (ctx: TenantContext, mine?: boolean) =>
  managers.has(ctx.actor.role) && !mine ? undefined : eq(assetLinks.createdById, ctx.actor.id);

/**
 * The caller's links (OWNER/ADMIN: everyone's), newest first, on assets they can see.
 *
 * @example const { data } = await listLinks(db, ctx, { assetId })
 */
export async function listLinks(db: Db, ctx: TenantContext, query: { limit?: number; cursor?: string; assetId?: string; mine?: boolean }) {
  const { mine, ...rest } = query;
  const visible = sql`${assetLinks.assetId} in (select ${assets.id} from ${assets} where ${assetVisible(db, ctx)})`;
  const page = await generic.list(db, ctx, rest, [visible, ...[ownLinks(ctx, mine)].filter((w) => w !== undefined)]);
  return { data: page.data.map(present), nextCursor: page.nextCursor };
}

async function ownLink(db: Db, ctx: TenantContext, id: string): Promise<Link> {
  const [row] = await db
    .select()
    .from(assetLinks)
    .where(and(eq(assetLinks.organizationId, ctx.organizationId), eq(assetLinks.id, id), ownLinks(ctx)));
  if (!row) throw notFound('Link');
  await visibleAsset(db, ctx, row.assetId).catch(() => {
    throw notFound('Link');
  });
  return row;
}

/** @example const link = await getLink(db, ctx, id) */
export async function getLink(db: Db, ctx: TenantContext, id: string) {
  return present(await ownLink(db, ctx, id));
}

/** Revokes a link (the caller's; OWNER/ADMIN: any). @example await revokeLink(db, ctx, id) */
export async function revokeLink(db: Db, ctx: TenantContext, id: string) {
  const row = await ownLink(db, ctx, id);
  return transaction(db, async (tx) => {
    await tx.delete(assetLinks).where(eq(assetLinks.id, row.id));
    const [asset] = await tx.select({ name: assets.name }).from(assets).where(eq(assets.id, row.assetId));
    await recordActivity(tx, ctx, {
      action: 'unshared',
      entityType: 'assets',
      entityId: row.assetId,
      entityTitle: asset?.name ?? row.assetId,
      metadata: { linkId: row.id },
    });
    return { id: row.id, deleted: true as const };
  });
}

/** A link by token with its asset and file; 404 unknown, 410 expired (the link, or the asset's licence). */
async function liveLink(db: Db, app: AppContext, token: string) {
  const [found] = await db
    .select({ link: assetLinks, asset: assets, file: files })
    .from(assetLinks)
    .innerJoin(assets, eq(assets.id, assetLinks.assetId))
    .innerJoin(files, eq(files.id, assets.fileId))
    .where(eq(assetLinks.token, token))
    .limit(1);
  if (!found) throw notFound('Link');
  if (found.link.expiresAt && found.link.expiresAt <= app.now) throw gone('This link has expired');
  if (found.asset.status === 'EXPIRED') throw gone('This asset is no longer available');
  return found;
}

/**
 * What a link leads to, for anyone holding its token.
 *
 * @example const { asset, hasPassword, downloadsLeft } = await viewLink(db, app, token)
 */
export async function viewLink(db: Db, app: AppContext, token: string) {
  const { link, asset, file } = await liveLink(db, app, token);
  return {
    asset: { name: asset.name, assetType: asset.assetType, mimeType: file.mimeType, size: file.size },
    allowDownload: link.allowDownload,
    hasPassword: link.password !== null,
    expiresAt: link.expiresAt,
    downloadsLeft: link.maxDownloads === null ? null : Math.max(0, link.maxDownloads - link.downloadCount),
  };
}

/**
 * One download through a link: the password checked (403), then the download counted in one conditional
 * UPDATE that fails once the limit is reached (410), the asset's `downloadCount` and `lastDownloadedAt`
 * kept, and the activity recorded. Returns the bytes to stream.
 *
 * @example const { body, size, file } = await downloadLink(db, app, token, 'spring-2025')
 */
export async function downloadLink(db: Db, app: AppContext, token: string, password: string | undefined) {
  const { link, asset, file } = await liveLink(db, app, token);
  if (!link.allowDownload) throw forbidden('This link does not allow downloads');
  if (link.password !== null && !(password && (await verifyPassword(password, link.password))))
    throw forbidden(password ? 'Wrong password' : 'This link needs its password');
  const actor: Actor = { type: 'system', id: `link:${link.id}`, name: 'Share link', role: 'CLIENT', clientId: null };
  await transaction(db, async (tx) => {
    const [counted] = await tx
      .update(assetLinks)
      .set({ downloadCount: sql`${assetLinks.downloadCount} + 1` })
      .where(
        and(
          eq(assetLinks.id, link.id),
          or(isNull(assetLinks.maxDownloads), lt(assetLinks.downloadCount, assetLinks.maxDownloads)),
          or(isNull(assetLinks.expiresAt), gt(assetLinks.expiresAt, app.now)),
        ),
      )
      .returning({ id: assetLinks.id });
    if (!counted) throw gone('This link has reached its download limit');
    await tx
      .update(assets)
      .set({ downloadCount: sql`${assets.downloadCount} + 1`, lastDownloadedAt: app.now })
      .where(eq(assets.id, asset.id));
    await recordActivity(
      tx,
      { organizationId: link.organizationId, actor },
      {
        action: 'downloaded',
        entityType: 'assets',
        entityId: asset.id,
        entityTitle: asset.name,
        metadata: { linkId: link.id },
      },
    );
  });
  const stored = await app.files.storage.get(file.storageKey);
  if (!stored) throw notFound('File content');
  return { ...stored, file };
}
