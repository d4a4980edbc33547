import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { whereUsed } from './rights.js';
import { searchAssets } from './search.js';

/** Search, and where an asset is used. @example searchRoutes(router, db) */
export function searchRoutes(router: Router, db: Db): void {
  router.on(ops.searchAssets, ({ ctx, query }) => searchAssets(db, ctx, query));
  router.on(ops.assetWhereUsed, ({ ctx, params }) => whereUsed(db, ctx, params.id));
}
