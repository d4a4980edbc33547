import { metricOps as ops } from '@spokestack/core/analytics';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { queryMetrics } from './metrics-query.js';
import { upsertMetrics } from './metrics-store.js';

/** The bulk daily upsert and the metrics query engine. @example metricRoutes(router, db) */
export function metricRoutes(router: Router, db: Db): void {
  router.on(ops.upsertMetrics, ({ ctx, body }) => upsertMetrics(db, ctx, body));
  router.on(ops.queryMetrics, ({ ctx, query }) => queryMetrics(db, ctx, query));
}
