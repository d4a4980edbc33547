import { resourceOperations } from '@spokestack/core';
import { damOps as ops, damResources } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createCollectionShare, createShareLink, createSharedComment, listSharedComments, viewShare } from './shares.js';

/** Collection shares (one per email), their links, and comments through them. @example shareRoutes(router, db) */
export function shareRoutes(router: Router, db: Db): void {
  router.on(resourceOperations(damResources.collectionShares).create, ({ ctx, body }) => createCollectionShare(db, ctx, body));
  router.on(ops.createShareLink, ({ ctx, params, body }) => createShareLink(db, ctx, params.id, body.expiresInDays));
  router.on(ops.viewShare, ({ app, params }) => viewShare(db, app, params.token));
  router.on(ops.listSharedComments, ({ app, params, query }) => listSharedComments(db, app, params.token, query));
  router.on(ops.createSharedComment, ({ app, params, body }) => createSharedComment(db, app, params.token, body));
}
