import { metricOps as ops, rollupOps } from '@spokestack/core/analytics';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { queryMetrics } from './metrics-query.js';
import { upsertMetrics } from './metrics-store.js';
import { queryRollup } from './rollups.js';

/** The bulk daily upsert, the metrics query engine and the cross-client rollups over it. @example metricRoutes(router, db) */
export function metricRoutes(router: Router, db: Db): void {
  router.on(ops.upsertMetrics, ({ ctx, body }) => upsertMetrics(db, ctx, body));
  router.on(ops.queryMetrics, ({ ctx, query }) => queryMetrics(db, ctx, query));
  router.on(rollupOps.queryRollup, ({ ctx, query }) => queryRollup(db, ctx, query));
}
