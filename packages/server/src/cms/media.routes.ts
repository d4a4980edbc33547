import { mediaOps as ops } from '@spokestack/core/cms';
import { type Router, refused } from '../http/router.js';

const followsEntries = "Content media rows follow the entries' media fields; edit the entry";

/** Content media: read through the generic routes, written only by entry saves. @example mediaRoutes(router) */
export function mediaRoutes(router: Router): void {
  router.on(ops.createMediaRefused, refused(followsEntries));
  router.on(ops.updateMediaRefused, refused(followsEntries));
  router.on(ops.deleteMediaRefused, refused(followsEntries));
}
