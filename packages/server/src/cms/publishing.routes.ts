import { publishingOps as ops, readinessOps } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { expectedVersion } from './entries.routes.js';
import { archiveEntry, publishNow, unarchiveEntry, unpublishNow } from './publishing.js';
import { getReadiness } from './readiness.js';

/** Publishing now: readiness, publish and unpublish a locale, archive and unarchive. @example publishingRoutes(router, db) */
export function publishingRoutes(router: Router, db: Db): void {
  router.on(ops.publishEntry, ({ ctx, params, body, c }) =>
    publishNow(db, ctx, params.id, { locale: body.locale, version: expectedVersion(c, body.version) }),
  );
  router.on(readinessOps.getEntryReadiness, ({ ctx, params, query }) => getReadiness(db, ctx, params.id, query));
  router.on(ops.unpublishEntry, ({ ctx, params, body }) => unpublishNow(db, ctx, params.id, { locale: body.locale }));
  router.on(ops.archiveEntry, ({ ctx, params }) => archiveEntry(db, ctx, params.id));
  router.on(ops.unarchiveEntry, ({ ctx, params }) => unarchiveEntry(db, ctx, params.id));
}
