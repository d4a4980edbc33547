// Every analytics operation with rules beyond the generic CRUD, by name: what the server routes and the SDK calls.
import { dashboardOps } from './dashboards.js';
import { importOps } from './imports.js';
import { metricOps } from './metrics.js';
import { pacingOps } from './pacing.js';
import { rollupOps } from './rollups.js';
import { webOps } from './web.js';

export const analyticsOps = { ...metricOps, ...importOps, ...webOps, ...pacingOps, ...rollupOps, ...dashboardOps };
