import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { restoreVersion, uploadVersion } from './versions.js';

/** New versions (streamed uploads) and restores. @example versionRoutes(router, db) */
export function versionRoutes(router: Router, db: Db): void {
  router.on(ops.uploadVersion, ({ ctx, params, query, c }) => uploadVersion(db, ctx, params.id, c.req.raw.body, query));
  router.on(ops.restoreVersion, ({ ctx, params, body }) => restoreVersion(db, ctx, params.id, body.changeNote));
}
