import { importOps as ops } from '@spokestack/core/analytics';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { importReport, pushMetrics } from './imports.js';
import { queueSync } from './syncs.js';

/** CSV report imports, background syncs and the CUSTOM_API push, into one connection. @example importRoutes(router, db) */
export function importRoutes(router: Router, db: Db): void {
  router.on(ops.importReport, ({ ctx, params, body }) => importReport(db, ctx, params.id, body));
  router.on(ops.syncPlatform, ({ ctx, params, body }) => queueSync(db, ctx, params.id, body));
  router.on(ops.pushMetrics, ({ ctx, params, body }) => pushMetrics(db, ctx, params.id, body));
}
