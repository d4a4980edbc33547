import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { assetStatus, assetType, licenseType } from './enums.js';
import { allRoles, base, id, tag, writers } from './common.js';
import { rightsStatus } from './rights.js';
import { assets } from './rows.gen.js';

/** How an image or video stands, from its width and height. */
export const assetOrientation = ['landscape', 'portrait', 'square'] as const;
export type AssetOrientation = (typeof assetOrientation)[number];

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
  /** Comma-separated orientations, from the stored width and height (assets without them have none). */
  orientation: list(z.enum(assetOrientation)).optional(),
  /**
   * A colour as `#rrggbb`: assets whose dominant colour nearest to it (among `aiMetadata.colors`) lies
   * within `colorTolerance`.
   */
  color: z
    .string()
    .regex(/^#?[0-9a-fA-F]{6}$/, 'A colour is six hex digits, as #1e66f5')
    .transform((c) => `#${c.replace('#', '').toLowerCase()}`)
    .optional(),
  /**
   * How far a dominant colour may be from `color`: a distance in CIELAB (ΔE 1976), where about 2 is the
   * smallest difference a person notices and 100 spans black to white. Default 20: the same hue and shade.
   */
  colorTolerance: z.coerce.number().min(0).max(100).optional(),
  /** `true`: the first page (no cursor) also counts the hits per type, tag, orientation and status. */
  facets: f.queryBool().optional(),
});
export const searchHit = assets.row.extend({ rank: z.number().nullable() });
/** One value of a facet and how many hits of the whole search have it. */
export const facetCount = z.object({ value: z.string(), count: z.number().int() });
/** Counts over every hit of the search (not only the page), most frequent first. */
export const searchFacets = z.object({
  type: z.array(facetCount),
  /** The 50 most frequent tags. */
  tags: z.array(facetCount),
  orientation: z.array(facetCount),
  status: z.array(facetCount),
});
export const searchPage = pageOf(searchHit).extend({ facets: searchFacets.optional() });

/** An AI label of one asset, as the tagger named it (lower case). */
export const labelParams = idParams.extend({ label: z.string().trim().toLowerCase().min(1).max(200) });

export const searchOps = {
  searchAssets: defineOperation({
    id: 'dam.assets.search',
    method: 'GET',
    path: `${base}/search`,
    tag,
    summary: 'Search assets by words and filters (type, status, tags, folder, licence, rights, dates, colour, orientation)',
    description:
      'Full-text over name (weighted highest), tags and AI labels, then description; the best matches first, else the newest. ' +
      'With `facets=true` the first page counts the hits per type, tag, orientation and status.',
    query: searchQuery,
    response: searchPage,
    // A CLIENT searches too, within the libraries they can see.
    roles: allRoles,
  }),
  confirmAssetLabel: defineOperation({
    id: 'dam.assets.confirmLabel',
    method: 'POST',
    path: `${base}/assets/:id/labels/:label/confirm`,
    tag,
    summary: 'Confirm an AI label of an asset: it becomes one of its tags',
    description:
      "A person agrees with the tagger: the label joins the asset's tags (searchable and filterable like any tag) and is " +
      'listed in `aiMetadata.confirmed`, so a later tagging run keeps it. 404 when the asset has no such AI label.',
    params: labelParams,
    response: assets.row,
    roles: writers,
  }),
  removeAssetLabel: defineOperation({
    id: 'dam.assets.removeLabel',
    method: 'DELETE',
    path: `${base}/assets/:id/labels/:label`,
    tag,
    summary: 'Remove a wrong AI label from an asset, and from search',
    description:
      'A person disagrees with the tagger: the label leaves `aiMetadata` (labels, objects, confidence) and, if it had been ' +
      'confirmed, the tags; it is listed in `aiMetadata.rejected` so a later tagging run does not bring it back.',
    params: labelParams,
    response: assets.row,
    roles: writers,
  }),
};
