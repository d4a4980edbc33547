import { versionOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import { restoreVersion } from './entries.js';
import { expectedVersion, tagged } from './entries.routes.js';
import { getEntry } from './entry-rows.js';
import { diffVersions, getVersions, listVersions } from './versions.js';

const readOnly = 'Versions are written by entry saves and restores, and pruned by maxVersions';

/** Versions of an entry: list, one, diff, restore; written only by saves. @example versionRoutes(router, db) */
export function versionRoutes(router: Router, db: Db): void {
  router.on(ops.listVersions, async ({ ctx, params, query }) => {
    await getEntry(db, ctx, params.id);
    return listVersions(db, ctx, params.id, query);
  });
  router.on(ops.getVersion, async ({ ctx, params }) => {
    await getEntry(db, ctx, params.id);
    const [version] = await getVersions(db, ctx, params.id, [params.number]);
    return version!;
  });
  router.on(ops.diffVersions, async ({ ctx, params, query }) => {
    await getEntry(db, ctx, params.id);
    return diffVersions(db, ctx, params.id, query.from, query.to);
  });
  router.on(ops.restoreVersion, async ({ ctx, params, body, c }) =>
    tagged(
      c,
      await restoreVersion(db, ctx, params.id, params.number, {
        expectedVersion: expectedVersion(c, body.version),
        changeNote: body.changeNote,
      }),
    ),
  );
  router.on(ops.createVersionRefused, refused(readOnly));
  router.on(ops.updateVersionRefused, refused(readOnly));
  router.on(ops.deleteVersionRefused, refused(readOnly));
}
