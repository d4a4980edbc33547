import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createComment, deleteComment, getComment, listComments, resolveComment, updateComment } from './comments.js';
import { commentScope } from './shares.js';

/** Comment threads and annotations on assets, in place of the generic CRUD of `asset_comments`. @example commentRoutes(router, db) */
export function commentRoutes(router: Router, db: Db): void {
  // CLIENT members read and write comments where a share gives them COMMENT access (shares.ts).
  router.on(ops.createComment, async ({ ctx, body }) => createComment(db, ctx, body, await commentScope(db, ctx)));
  router.on(ops.listComments, async ({ ctx, query }) => listComments(db, ctx, query, await commentScope(db, ctx)));
  router.on(ops.getComment, async ({ ctx, params }) => getComment(db, ctx, params.id, await commentScope(db, ctx)));
  router.on(ops.updateComment, ({ ctx, params, body }) => updateComment(db, ctx, params.id, body.content));
  router.on(ops.deleteComment, ({ ctx, params }) => deleteComment(db, ctx, params.id));
  router.on(ops.resolveComment, ({ ctx, params }) => resolveComment(db, ctx, params.id, true));
  router.on(ops.reopenComment, ({ ctx, params }) => resolveComment(db, ctx, params.id, false));
}
