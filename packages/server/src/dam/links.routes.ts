import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import { createLink, downloadLink, getLink, listLinks, revokeLink, viewLink } from './links.js';

/** Share links of assets: the creator's side, and the public side the token opens. @example linkRoutes(router, db) */
export function linkRoutes(router: Router, db: Db): void {
  router.on(ops.createLink, ({ ctx, body }) => createLink(db, ctx, body));
  router.on(ops.listLinks, ({ ctx, query }) => listLinks(db, ctx, query));
  router.on(ops.getLink, ({ ctx, params }) => getLink(db, ctx, params.id));
  router.on(ops.revokeLink, ({ ctx, params }) => revokeLink(db, ctx, params.id));
  router.on(ops.updateLinkRefused, refused('A link cannot be changed: revoke it and create another'));
  router.on(ops.viewLink, ({ app, params }) => viewLink(db, app, params.token));
  router.on(ops.downloadLink, async ({ app, params, body, c }) => {
    const { body: bytes, size, file } = await downloadLink(db, app, params.token, body.password);
    return c.body(bytes, 200, {
      'content-type': file.mimeType,
      'content-length': String(size),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  });
}
