import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createFolder, deleteFolder, moveAssets, updateFolder } from './folders.js';

/** The folder tree (create, rename, move with the subtree) and bulk moves of assets. @example folderRoutes(router, db) */
export function folderRoutes(router: Router, db: Db): void {
  router.on(ops.createFolder, ({ ctx, body }) => createFolder(db, ctx, body));
  router.on(ops.updateFolder, ({ ctx, params, body }) => updateFolder(db, ctx, params.id, body));
  router.on(ops.deleteFolder, ({ ctx, params, query }) => deleteFolder(db, ctx, params.id, query));
  router.on(ops.moveAssets, ({ ctx, body }) => moveAssets(db, ctx, body));
}
