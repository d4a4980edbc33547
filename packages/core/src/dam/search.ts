import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { assetStatus, assetType, licenseType } from './enums.js';
import { allRoles, base, id, tag } from './common.js';
import { rightsStatus } from './rights.js';
import { assets } from './rows.gen.js';

// Search over the assets the caller sees: words matched (as prefixes) against the name, tags, description
// and AI labels, weighted in that order, plus filters. With words, the best matches come first; without,
// the newest. Pages are keyset pages either way.

const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50));

export const searchQuery = listQuery.omit({ sort: true }).extend({
  /** Words; every one must match a word of the asset as a prefix. */
  q: f.text().max(200).optional(),
  /** Comma-separated asset types. */
  assetType: list(z.enum(assetType)).optional(),
  status: list(z.enum(assetStatus)).optional(),
  /** Comma-separated tags, all of which the asset has. */
  tags: list(f.text().max(500)).optional(),
  libraryId: id.optional(),
  /** The folder and every folder below it. */
  folderId: id.optional(),
  license: list(z.enum(licenseType)).optional(),
  /** Where the licence stands now (`expiring`: within 14 days). */
  rights: z.enum(rightsStatus).optional(),
  createdAfter: f.timestamp().optional(),
  createdBefore: f.timestamp().optional(),
});
export const searchHit = assets.row.extend({ rank: z.number().nullable() });

export const searchOps = {
  searchAssets: defineOperation({
    id: 'dam.assets.search',
    method: 'GET',
    path: `${base}/search`,
    tag,
    summary: 'Search assets by words and filters (type, status, tags, folder subtree, licence, rights, dates)',
    description: 'Full-text over name (weighted highest), tags, description and AI labels; the best matches first, then the newest.',
    query: searchQuery,
    response: pageOf(searchHit),
    // A CLIENT searches too, within the libraries they can see.
    roles: allRoles,
  }),
};
