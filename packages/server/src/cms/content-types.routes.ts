import { contentTypeOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import {
  checkSchemaChange,
  createContentType,
  deleteContentType,
  getContentType,
  listContentTypes,
  updateContentType,
} from './content-types.js';

/** Content types: CRUD with schema checks and migrations, and the dry run of a schema change. @example contentTypeRoutes(router, db) */
export function contentTypeRoutes(router: Router, db: Db): void {
  router.on(ops.listContentTypes, ({ ctx, query }) => listContentTypes(db, ctx, query));
  router.on(ops.getContentType, ({ ctx, params }) => getContentType(db, ctx, params.id));
  router.on(ops.createContentType, ({ ctx, body }) => createContentType(db, ctx, body));
  router.on(ops.updateContentType, ({ ctx, params, body }) => updateContentType(db, ctx, params.id, body));
  router.on(ops.deleteContentType, ({ ctx, params }) => deleteContentType(db, ctx, params.id));
  router.on(ops.checkSchema, ({ ctx, params, body }) => checkSchemaChange(db, ctx, params.id, body));
}
