import { productOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { addDealLine, removeDealLine, updateDealLine } from './products.js';

/** Deal lines totalled on the server (the catalogue itself is the generic CRUD). @example productRoutes(router, db) */
export function productRoutes(router: Router, db: Db): void {
  router.on(ops.createDealLine, ({ ctx, body }) => addDealLine(db, ctx, body));
  router.on(ops.updateDealLine, ({ ctx, params, body }) => updateDealLine(db, ctx, params.id, body));
  router.on(ops.deleteDealLine, ({ ctx, params }) => removeDealLine(db, ctx, params.id));
}
