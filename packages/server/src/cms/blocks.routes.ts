import { blockOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createBlock, deleteBlock, updateBlock } from './blocks.js';

/** Shared content blocks: writes check their data; one in use cannot be deleted. @example blockRoutes(router, db) */
export function blockRoutes(router: Router, db: Db): void {
  router.on(ops.createBlock, ({ ctx, body }) => createBlock(db, ctx, body));
  router.on(ops.updateBlock, ({ ctx, params, body }) => updateBlock(db, ctx, params.id, body));
  router.on(ops.deleteBlock, ({ ctx, params }) => deleteBlock(db, ctx, params.id));
}
