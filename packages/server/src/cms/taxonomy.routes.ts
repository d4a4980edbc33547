import { taxonomyOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import {
  createCategory,
  createTag,
  deleteCategory,
  deleteTag,
  getCategory,
  getTag,
  listCategories,
  listTags,
  updateCategory,
  updateTag,
} from './taxonomy.js';

/** Tags and the category tree. @example taxonomyRoutes(router, db) */
export function taxonomyRoutes(router: Router, db: Db): void {
  router.on(ops.listTags, ({ ctx, query }) => listTags(db, ctx, query));
  router.on(ops.getTag, ({ ctx, params }) => getTag(db, ctx, params.id));
  router.on(ops.createTag, ({ ctx, body }) => createTag(db, ctx, body));
  router.on(ops.updateTag, ({ ctx, params, body }) => updateTag(db, ctx, params.id, body));
  router.on(ops.deleteTag, ({ ctx, params }) => deleteTag(db, ctx, params.id));
  router.on(ops.listCategories, ({ ctx, query }) => listCategories(db, ctx, query));
  router.on(ops.getCategory, ({ ctx, params }) => getCategory(db, ctx, params.id));
  router.on(ops.createCategory, ({ ctx, body }) => createCategory(db, ctx, body));
  router.on(ops.updateCategory, ({ ctx, params, body }) => updateCategory(db, ctx, params.id, body));
  router.on(ops.deleteCategory, ({ ctx, params, query }) => deleteCategory(db, ctx, params.id, { cascade: query.cascade }));
}
