import { webOps as ops } from '@spokestack/core/analytics';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createCollector, realtimeVisitors, rollupWebDay } from './web.js';

/** The tracker's ingestion endpoint, the daily rollup and real-time visitors. @example webRoutes(router, db) */
export function webRoutes(router: Router, db: Db): void {
  const collector = createCollector(db);
  router.on(ops.collect, ({ c, app, ip }) =>
    collector.collect(c.req.raw, app, ip, (origin) => {
      // CORS per property: only the property's own site may read the reply (sendBeacon never needs to).
      if (origin) c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin', { append: true });
      return c.body(null, 204);
    }),
  );
  router.on(ops.rollupWebDay, ({ ctx, params, body }) => rollupWebDay(db, ctx, params.id, body.date));
  router.on(ops.realtime, ({ ctx, params }) => realtimeVisitors(db, ctx, params.id));
}
