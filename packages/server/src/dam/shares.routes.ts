import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createShareLink, createSharedComment, listSharedComments, viewShare } from './shares.js';

/** Collection share links, and comments through them. @example shareRoutes(router, db) */
export function shareRoutes(router: Router, db: Db): void {
  router.on(ops.createShareLink, ({ ctx, params, body }) => createShareLink(db, ctx, params.id, body.expiresInDays));
  router.on(ops.viewShare, ({ app, params }) => viewShare(db, app, params.token));
  router.on(ops.listSharedComments, ({ app, params, query }) => listSharedComments(db, app, params.token, query));
  router.on(ops.createSharedComment, ({ app, params, body }) => createSharedComment(db, app, params.token, body));
}
