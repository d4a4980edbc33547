import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createUploadLink, listUploadLinks, revokeUploadLink, uploadThroughLink, viewUploadLink } from './upload-links.js';

/** External upload links: the creator's side, and the public side the token opens. @example uploadLinkRoutes(router, db) */
export function uploadLinkRoutes(router: Router, db: Db): void {
  router.on(ops.createUploadLink, ({ ctx, body }) => createUploadLink(db, ctx, body));
  router.on(ops.listUploadLinks, ({ ctx, query }) => listUploadLinks(db, ctx, query));
  router.on(ops.revokeUploadLink, ({ ctx, params }) => revokeUploadLink(db, ctx, params.id));
  router.on(ops.viewUploadLink, ({ app, params }) => viewUploadLink(db, app, params.token));
  router.on(ops.uploadThroughLink, ({ app, params, body }) => uploadThroughLink(db, app, params.token, body));
}
