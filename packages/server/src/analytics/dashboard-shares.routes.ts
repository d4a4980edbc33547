import { dashboardOps as ops } from '@spokestack/core/analytics';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createDashboardShare, listDashboardShares, revokeDashboardShare, viewSharedDashboard } from './dashboard-shares.js';

/** Public shares of a dashboard, and the read-only view through their links. @example dashboardShareRoutes(router, db) */
export function dashboardShareRoutes(router: Router, db: Db): void {
  router.on(ops.createShare, ({ ctx, params, body }) => createDashboardShare(db, ctx, params.id, body));
  router.on(ops.listShares, ({ ctx, params }) => listDashboardShares(db, ctx, params.id));
  router.on(ops.revokeShare, ({ ctx, params }) => revokeDashboardShare(db, ctx, params.id, params.shareId));
  router.on(ops.viewSharedDashboard, ({ app, params, query }) => viewSharedDashboard(db, app, params.token, query));
}
