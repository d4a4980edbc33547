import * as z from 'zod';
import { locale } from '../platform/contracts.js';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { allRoles, base, deleted, id, ids, slug, tag, writers } from './common.js';
import { contentStatus } from './enums.js';
import { entries } from './rows.gen.js';

// Entries: data validated against its type, slugs, full-text search, optimistic concurrency.

/** An entry as the API shows it: the row with its tag and category ids; `version` is its `ETag`. */
const entryData = z.record(z.string(), f.json());
export const entryRow = entries.row.extend({
  data: entryData,
  publishedData: entryData.nullable(),
  tagIds: z.array(z.string()),
  categoryIds: z.array(z.string()),
  /** Media fields of the draft holding a file whose DAM licence expired (the asset is EXPIRED): flag the entry. */
  expiredMedia: z.array(z.object({ fieldName: z.string(), fileId: z.string() })),
});
export type EntryRow = z.output<typeof entryRow>;
/** A list item: with `highlight` (matches wrapped in `<mark>`) when the list was searched with `q`. */
export const entryListItem = entryRow.extend({ highlight: z.string().optional() });
export type EntryListItem = z.output<typeof entryListItem>;

/** The SEO and social fields of an entry, or of a translation (its own, per locale). */
const seoFields = {
  seoTitle: f.text().max(300).nullable().optional(),
  seoDescription: f.text().max(1000).nullable().optional(),
  seoKeywords: z.array(f.text().max(100)).max(100).optional(),
  canonicalUrl: f.httpUrl().nullable().optional(),
  noIndex: z.boolean().optional(),
  ogTitle: f.text().max(300).nullable().optional(),
  ogDescription: f.text().max(1000).nullable().optional(),
  ogImageId: id.nullable().optional(),
};
export const seoMeta = z.strictObject(seoFields);
export type SeoMeta = z.output<typeof seoMeta>;
const entryMeta = {
  /** Explicit slug; by default it is made from the title (or the type's slug field), made unique with `-2`, `-3`. */
  slug: slug.optional(),
  ...seoFields,
  clientId: id.nullable().optional(),
  projectId: id.nullable().optional(),
  expiresAt: f.timestamp().nullable().optional(),
  tagIds: ids.optional(),
  categoryIds: ids.optional(),
  /** Stored on the version this save writes. */
  changeNote: f.text().max(1000).optional(),
};
export const entryCreate = z.strictObject({
  contentTypeId: id,
  /** Field values by field name, validated against the type's schema. */
  data: z.record(z.string(), f.json()),
  /** The source locale; one of the organization's locales (default: its default locale). */
  locale: locale.optional(),
  /** A page template of the type: its defaults fill the fields `data` does not give. */
  templateId: id.optional(),
  ...entryMeta,
});
export const entryUpdate = z.strictObject({
  /** Fields to change; `null` clears a field. Fields not named keep their value. */
  data: z.record(z.string(), f.json()).optional(),
  ...entryMeta,
  /** The version this edit is based on (or send `If-Match: "<version>"`); a stale one is refused with 409. */
  version: z.number().int().min(1).optional(),
});
export const entryFilters = z.object({
  /** Content type id or slug. */
  type: f.text().max(200).optional(),
  contentTypeId: f.text().optional(),
  status: z.enum(contentStatus).optional(),
  locale: f.text().max(35).optional(),
  /** Tag id or slug. */
  tag: f.text().max(200).optional(),
  /** Category id or slug; entries in the category or any category below it. */
  category: f.text().max(200).optional(),
  clientId: f.text().optional(),
  projectId: f.text().optional(),
  createdById: f.text().optional(),
  createdAfter: f.timestamp().optional().describe('Created at or after'),
  createdBefore: f.timestamp().optional().describe('Created before'),
  updatedAfter: f.timestamp().optional().describe('Updated at or after'),
  updatedBefore: f.timestamp().optional().describe('Updated before'),
  publishedAfter: f.timestamp().optional().describe('Published at or after'),
  publishedBefore: f.timestamp().optional().describe('Published before'),
  /** Full-text search over titles and text/rich text fields, ranked by relevance unless `sort` is given. */
  q: f.text().max(500).optional(),
});
export const entrySortable = ['createdAt', 'updatedAt', 'publishedAt', 'title', 'slug', 'status', 'locale'] as const;
export const entryDeleteQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const entryOps = {
  listEntries: defineOperation({
    id: 'cms.entries.list',
    description:
      'Entries, a page at a time: filter by type, status, locale, tag or category; `q` searches titles and ' +
      'text, ranked, with highlighted snippets. CLIENT members see only entries shared with their client.',
    method: 'GET',
    path: `${base}/entries`,
    tag,
    summary: 'List and search entries (`q`: ranked full-text search with highlights)',
    query: listQuery.extend(entryFilters.shape),
    response: pageOf(entryListItem),
    roles: allRoles,
  }),
  getEntry: defineOperation({
    id: 'cms.entries.get',
    description:
      'One entry with its data and metadata. The ETag is its version: send it back as `If-Match` when ' +
      "saving to detect someone else's change.",
    method: 'GET',
    path: `${base}/entries/:id`,
    tag,
    summary: 'Get an entry (ETag: its version)',
    params: idParams,
    response: entryRow,
    roles: allRoles,
  }),
  createEntry: defineOperation({
    id: 'cms.entries.create',
    description:
      "Creates a DRAFT entry of a content type. `data` is validated against the type's schema (each problem " +
      'a 400 naming the field); the slug comes from its source field unless given; the first version is ' +
      'written.',
    method: 'POST',
    path: `${base}/entries`,
    tag,
    summary: 'Create an entry (data validated against its type)',
    body: entryCreate,
    response: entryRow,
    status: 201,
    roles: writers,
  }),
  updateEntry: defineOperation({
    id: 'cms.entries.update',
    method: 'PATCH',
    path: `${base}/entries/:id`,
    tag,
    summary: 'Save an entry draft; `If-Match` or `version` guards against lost updates (409)',
    description:
      'Under an approval workflow, a change to the content (data, title or slug) of an entry that is IN_REVIEW, APPROVED or ' +
      'SCHEDULED sends it back to DRAFT: its pending review is withdrawn (the revision is SKIPPED with the reason, so ' +
      'reviewers never approve content that changed after they were asked), and a scheduled publish is cancelled. ' +
      'Submit it again to restart the review. `GET /v1/cms/entries/{id}/readiness` answers this in advance as `editEffect`. ' +
      'SEO, social, taxonomy and metadata edits keep the review state. A live entry keeps serving what was published until ' +
      'it is published again.',
    params: idParams,
    body: entryUpdate,
    response: entryRow,
    roles: writers,
  }),
  deleteEntry: defineOperation({
    id: 'cms.entries.delete',
    description: 'Deletes an entry. An entry of another organization answers 404, like one that does not exist.',
    method: 'DELETE',
    path: `${base}/entries/:id`,
    tag,
    summary: 'Delete an entry',
    params: idParams,
    query: entryDeleteQuery,
    response: deleted,
    roles: writers,
  }),
};
