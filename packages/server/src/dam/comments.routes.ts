import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createComment, deleteComment, getComment, listComments, resolveComment, updateComment } from './comments.js';

/** Comment threads and annotations on assets, in place of the generic CRUD of `asset_comments`. @example commentRoutes(router, db) */
export function commentRoutes(router: Router, db: Db): void {
  router.on(ops.createComment, ({ ctx, body }) => createComment(db, ctx, body));
  router.on(ops.listComments, ({ ctx, query }) => listComments(db, ctx, query));
  router.on(ops.getComment, ({ ctx, params }) => getComment(db, ctx, params.id));
  router.on(ops.updateComment, ({ ctx, params, body }) => updateComment(db, ctx, params.id, body.content));
  router.on(ops.deleteComment, ({ ctx, params }) => deleteComment(db, ctx, params.id));
  router.on(ops.resolveComment, ({ ctx, params }) => resolveComment(db, ctx, params.id, true));
  router.on(ops.reopenComment, ({ ctx, params }) => resolveComment(db, ctx, params.id, false));
}
