import { briefLinkOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { briefContent, createBriefLink, entryBriefs, updateBriefLink } from './brief-links.js';

/** Links between platform briefs and entries, from either side. @example briefLinkRoutes(router, db) */
export function briefLinkRoutes(router: Router, db: Db): void {
  router.on(ops.createBriefLink, ({ ctx, body }) => createBriefLink(db, ctx, body));
  router.on(ops.updateBriefLink, ({ ctx, params, body }) => updateBriefLink(db, ctx, params.id, body.linkType));
  router.on(ops.entryBriefs, ({ ctx, params }) => entryBriefs(db, ctx, params.id));
  router.on(ops.briefContent, ({ ctx, params }) => briefContent(db, ctx, params.id));
}
