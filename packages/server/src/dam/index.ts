import { damResources } from '@spokestack/core/dam';
import { defineFeature } from '../feature.js';
import { seedDam } from './demo.js';
import { type ProcessPayload, processAsset, processJobName, tagJobName } from './processing.js';
import { damTables } from './resources.js';
import { tagAsset } from './tagging.js';
import { accessRoutes } from './access.routes.js';
import { collectionRoutes } from './collections.routes.js';
import { commentRoutes } from './comments.routes.js';
import { folderRoutes } from './folders.routes.js';
import { linkRoutes } from './links.routes.js';
import { uploadLinkRoutes } from './upload-links.routes.js';
import { rightsJobName, sweepRights } from './rights.js';
import { searchRoutes } from './search.routes.js';
import { shareRoutes } from './shares.routes.js';
import { tusRoutes, uploadRoutes } from './uploads.routes.js';
import { versionRoutes } from './versions.routes.js';

/**
 * The creative asset store: libraries, folders, assets and their versions, renditions, collections and
 * shares. Each sub-feature is `<name>.ts` (its rules) beside `<name>.routes.ts` (its operations); the
 * media work (sniffing, metadata, renditions, tagging) is the `media/` library, called by the jobs.
 */
export const dam = defineFeature({
  name: 'dam',
  tables: damTables,
  resources: damResources,
  routes(router, { db }) {
    const all = [
      uploadRoutes,
      tusRoutes,
      linkRoutes,
      uploadLinkRoutes,
      folderRoutes,
      versionRoutes,
      collectionRoutes,
      commentRoutes,
      searchRoutes,
      shareRoutes,
      accessRoutes,
    ];
    for (const routes of all) routes(router, db);
  },
  // Renditions and tagging keep both cores busy for seconds an asset: a folder of uploads (or the demo's images)
  // takes two of a worker's slots and leaves the rest to publishing, mail and syncs.
  jobLimits: { [processJobName]: 2, [tagJobName]: 1 },
  jobs: {
    [processJobName]: (db, ctx, payload) => processAsset(db, ctx, payload as unknown as ProcessPayload),
    [tagJobName]: (db, ctx, payload) => tagAsset(db, ctx, payload as unknown as ProcessPayload),
    [rightsJobName]: async (db, ctx) => {
      await sweepRights(db, ctx);
    },
  },
  demo: seedDam,
});
