import { type SQL, and, arrayContains, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { notFound } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { assetFolders, assetLibraries, assets } from './schema.js';

// Who sees a library, and through it its folders and assets. OWNER and ADMIN see every library of the
// organization. Everyone else sees a library only when its `allowedUserIds` / `allowedRoles` are empty or
// name them; CLIENT members, in addition, only PUBLIC libraries and CLIENT libraries of their own client.
// Every read, list, search, share and download of the DAM goes through these predicates.

const l = assetLibraries;

/**
 * The libraries the caller may see, as a where clause over `asset_libraries`.
 *
 * @example await db.select().from(assetLibraries).where(libraryVisible(ctx))
 */
export function libraryVisible(ctx: TenantContext): SQL {
  const org = eq(l.organizationId, ctx.organizationId);
  const { role, id, clientId } = ctx.actor;
  if (role === 'OWNER' || role === 'ADMIN') return org;
  const listed = or(
    sql`cardinality(${l.allowedUserIds}) = 0 and cardinality(${l.allowedRoles}) = 0`,
    arrayContains(l.allowedUserIds, [id]),
    arrayContains(l.allowedRoles, [role]),
  );
  if (role !== 'CLIENT') return and(org, listed)!;
  const shared = clientId ? and(eq(l.visibility, 'CLIENT'), eq(l.clientId, clientId)) : sql`false`;
  return and(org, listed, or(eq(l.visibility, 'PUBLIC'), shared))!;
}

const visibleLibraryIds = (db: Db, ctx: TenantContext) => db.select({ id: l.id }).from(l).where(libraryVisible(ctx));

/** The assets the caller may see (those of visible libraries). @example db.select().from(assets).where(assetVisible(db, ctx)) */
export const assetVisible = (db: Db, ctx: TenantContext): SQL =>
  and(eq(assets.organizationId, ctx.organizationId), inArray(assets.libraryId, visibleLibraryIds(db, ctx)))!;

/** The folders the caller may see. @example db.select().from(assetFolders).where(folderVisible(db, ctx)) */
export const folderVisible = (db: Db, ctx: TenantContext): SQL =>
  and(eq(assetFolders.organizationId, ctx.organizationId), inArray(assetFolders.libraryId, visibleLibraryIds(db, ctx)))!;

export type Library = typeof assetLibraries.$inferSelect;
export type Asset = typeof assets.$inferSelect;
export type Folder = typeof assetFolders.$inferSelect;

/** A library the caller may see; 404 otherwise (hidden and foreign libraries look missing). @example await visibleLibrary(db, ctx, id) */
export async function visibleLibrary(db: Db, ctx: TenantContext, id: string): Promise<Library> {
  const [row] = await db
    .select()
    .from(l)
    .where(and(libraryVisible(ctx), eq(l.id, id)))
    .limit(1);
  if (!row) throw notFound('Library');
  return row;
}

/** An asset the caller may see; 404 otherwise. @example const asset = await visibleAsset(db, ctx, id) */
export async function visibleAsset(db: Db, ctx: TenantContext, id: string): Promise<Asset> {
  const [row] = await db
    .select()
    .from(assets)
    .where(and(assetVisible(db, ctx), eq(assets.id, id)))
    .limit(1);
  if (!row) throw notFound('Asset');
  return row;
}
