import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { whereUsed } from './rights.js';
import { searchAssets } from './search.js';
import { confirmLabel, removeLabel } from './tagging.js';

/** Search, where an asset is used, and a person's review of its AI labels. @example searchRoutes(router, db) */
export function searchRoutes(router: Router, db: Db): void {
  router.on(ops.searchAssets, ({ ctx, query }) => searchAssets(db, ctx, query));
  router.on(ops.assetWhereUsed, ({ ctx, params }) => whereUsed(db, ctx, params.id));
  router.on(ops.confirmAssetLabel, ({ ctx, params }) => confirmLabel(db, ctx, params.id, params.label));
  router.on(ops.removeAssetLabel, ({ ctx, params }) => removeLabel(db, ctx, params.id, params.label));
}
