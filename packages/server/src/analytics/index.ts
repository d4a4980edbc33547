import { analyticsResources } from '@spokestack/core/analytics';
import { defineFeature } from '../feature.js';
import { dashboardShareRoutes } from './dashboard-shares.routes.js';
import { dashboardRoutes } from './dashboards.routes.js';
import { seedAnalytics } from './demo.js';
import { importRoutes } from './imports.routes.js';
import { metricRoutes } from './metrics.routes.js';
import { pacingRoutes } from './pacing.routes.js';
import { analyticsTables } from './resources.js';
import { analyticsSchedules, scheduledSyncJobs } from './sync-schedule.js';
import { platformSyncJobName, runPlatformSync } from './syncs.js';
import { webRoutes } from './web.routes.js';
import { runWebRollup, webRollupJobName } from './web.js';

/**
 * Analytics: ad platforms and their daily metrics (bulk upsert, one query engine), social listening,
 * web analytics, reports and attribution. Each sub-feature is `<name>.ts` beside `<name>.routes.ts`.
 */
export const analytics = defineFeature({
  name: 'analytics',
  tables: analyticsTables,
  resources: analyticsResources,
  routes(router, { db }) {
    for (const routes of [metricRoutes, importRoutes, webRoutes, pacingRoutes, dashboardRoutes, dashboardShareRoutes]) routes(router, db);
  },
  jobs: { [webRollupJobName]: runWebRollup, [platformSyncJobName]: runPlatformSync, ...scheduledSyncJobs },
  schedules: analyticsSchedules,
  demo: seedAnalytics,
});
