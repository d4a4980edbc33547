import * as z from 'zod';
import { defineOperation, idParams } from '../shared/operation.js';
import { base, tag, writers } from './common.js';

// Rights: an asset's `license`, `licenseDetails` and `expiresAt`. A daily job marks assets whose licence
// has run out EXPIRED (share links, smart collections and search by rights then leave them out) and warns
// in the activity stream 14 days ahead; both reach where the asset is used: the CMS entries whose media
// fields hold one of its files, and the briefs linked to it.

/** Days ahead of `expiresAt` that an asset counts as expiring. */
export const rightsWarningDays = 14;
/** Where an asset's licence stands: no expiry, valid, within the warning window, or run out. */
export const rightsStatus = ['none', 'active', 'expiring', 'expired'] as const;
export type RightsStatus = (typeof rightsStatus)[number];

/** Where an asset is used. */
export const whereUsed = z.object({
  /** Entries whose draft uses one of the asset's files (any version) in a media field. */
  content: z.array(z.object({ entryId: z.string(), title: z.string(), fieldName: z.string(), status: z.string() })),
  briefs: z.array(z.object({ briefId: z.string(), title: z.string(), linkType: z.string() })),
});
export type WhereUsed = z.output<typeof whereUsed>;

export const rightsOps = {
  assetWhereUsed: defineOperation({
    id: 'dam.assets.whereUsed',
    method: 'GET',
    path: `${base}/assets/:id/where-used`,
    tag,
    summary: 'The CMS entries and briefs that use an asset',
    description:
      'Follows the media fields of the entries’ drafts, through every version of the asset, so it stays exact as entries change.',
    params: idParams,
    response: whereUsed,
    // Where-used names CMS entries and briefs: the agency's working data, not a client's.
    roles: writers,
  }),
};
