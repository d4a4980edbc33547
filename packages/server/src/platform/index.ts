import { filesResource, platformResources } from '@spokestack/core';
import { defineFeature } from '../feature.js';
import { seedPlatform } from './demo.js';
import { fileRoutes } from './files.routes.js';
import { platformTables } from './resources.js';
import { platformRoutes } from './routes.js';

/**
 * The platform: the organization, members, API keys and sessions, the activity stream, files, and
 * clients, projects and briefs (plain CRUD). It knows no feature; every feature builds on it.
 */
export const platform = defineFeature({
  name: 'platform',
  tables: platformTables,
  // Files are documented as a resource, though their routes are their own (uploads, bytes).
  resources: { ...platformResources, files: filesResource },
  routes(router, deps) {
    platformRoutes(router, deps);
    fileRoutes(router, deps.db);
  },
  demo: seedPlatform,
});
