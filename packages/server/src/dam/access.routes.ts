import { membershipRole, resourceOperations } from '@spokestack/core';
import { damResources } from '@spokestack/core/dam';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { resourceService } from '../db/resource-service.js';
import { notFound } from '../http/problem.js';
import type { Router } from '../http/router.js';
import type { TenantContext } from '../platform/context.js';
import { assetVisible, folderVisible, libraryVisible, visibleAsset, visibleLibrary } from './access.js';
import { scheduleRights } from './rights.js';
import { assetFolders, assetLibraries, assetRenditions, assets, assetVersions } from './schema.js';

// The generic reads and writes of libraries, folders and assets, through the libraries' visibility
// (`access.ts`): a hidden library, its folders and its assets answer like ids that do not exist.

const libraries = resourceService(assetLibraries, damResources.libraries);
const folders = resourceService(assetFolders, damResources.folders);
const assetRows = resourceService(assets, damResources.assets);
const versionRows = resourceService(assetVersions, damResources.versions);
const renditionRows = resourceService(assetRenditions, damResources.renditions);

/** @example accessRoutes(router, db) */
export function accessRoutes(router: Router, db: Db): void {
  const lib = resourceOperations(damResources.libraries);
  router.on(lib.list, ({ ctx, query }) => libraries.list(db, ctx, query, [], libraryVisible(ctx)));
  router.on(lib.get, ({ ctx, params }) => visibleLibrary(db, ctx, params.id));
  router.on(lib.update, async ({ ctx, params, body }) => {
    await visibleLibrary(db, ctx, params.id);
    return libraries.update(db, ctx, params.id, body);
  });
  router.on(lib.delete, async ({ ctx, params }) => {
    await visibleLibrary(db, ctx, params.id);
    return libraries.remove(db, ctx, params.id);
  });

  // Folders and assets have no clientId, so the generic contract keeps CLIENT members out; here the
  // library's visibility decides instead (CLIENT libraries of their client, PUBLIC ones).
  const readable = <O extends { roles?: unknown }>(op: O): O => ({ ...op, roles: membershipRole });
  const folder = resourceOperations(damResources.folders);
  const visibleFolder = async (ctx: Parameters<typeof folderVisible>[1], id: string) => {
    const [row] = await db
      .select()
      .from(assetFolders)
      .where(and(folderVisible(db, ctx), eq(assetFolders.id, id)));
    if (!row) throw notFound('Folder');
    return row;
  };
  router.on(readable(folder.list), ({ ctx, query }) => folders.list(db, ctx, query, [], folderVisible(db, ctx)));
  router.on(readable(folder.get), ({ ctx, params }) => visibleFolder(ctx, params.id));

  const asset = resourceOperations(damResources.assets);
  router.on(readable(asset.list), ({ ctx, query }) => assetRows.list(db, ctx, query, [], assetVisible(db, ctx)));
  router.on(readable(asset.get), ({ ctx, params }) => visibleAsset(db, ctx, params.id));
  router.on(asset.update, async ({ ctx, params, body }) => {
    await visibleAsset(db, ctx, params.id);
    const row = await assetRows.update(db, ctx, params.id, body);
    // An expiry needs the organization's daily rights check to exist.
    if (row.expiresAt) await scheduleRights(ctx);
    return row;
  });
  router.on(asset.delete, async ({ ctx, params }) => {
    await visibleAsset(db, ctx, params.id);
    return assetRows.remove(db, ctx, params.id);
  });

  // Versions and renditions of hidden assets are hidden too.
  const ofVisibleAsset = (db: Db, ctx: TenantContext, column: PgColumn): SQL =>
    sql`${column} in (select ${assets.id} from ${assets} where ${assetVisible(db, ctx)})`;
  const ver = resourceOperations(damResources.versions);
  router.on(ver.list, ({ ctx, query }) => versionRows.list(db, ctx, query, [ofVisibleAsset(db, ctx, assetVersions.assetId)]));
  router.on(ver.get, async ({ ctx, params }) => {
    const row = await versionRows.get(db, ctx, params.id);
    await visibleAsset(db, ctx, row.assetId).catch(() => {
      throw notFound('Version');
    });
    return row;
  });
  const ren = resourceOperations(damResources.renditions);
  router.on(ren.list, ({ ctx, query }) => renditionRows.list(db, ctx, query, [ofVisibleAsset(db, ctx, assetRenditions.assetId)]));
  router.on(ren.get, async ({ ctx, params }) => {
    const row = await renditionRows.get(db, ctx, params.id);
    await visibleAsset(db, ctx, row.assetId).catch(() => {
      throw notFound('Rendition');
    });
    return row;
  });
}
