import { pacingOps as ops } from '@spokestack/core/analytics';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { campaignPacing, listPacing } from './pacing.js';

/** Budget pacing of one campaign, and of all of them. @example pacingRoutes(router, db) */
export function pacingRoutes(router: Router, db: Db): void {
  router.on(ops.campaignPacing, ({ ctx, params, query }) => campaignPacing(db, ctx, params.id, query.date));
  router.on(ops.listPacing, ({ ctx, query }) => listPacing(db, ctx, query));
}
