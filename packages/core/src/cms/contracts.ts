import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { locale } from '../platform/contracts.js';
import { contentStatus, localizationStatus } from './enums.js';
import { categories, contentTypes, entries, localizations, tags, versions } from './rows.gen.js';
import { contentTypeSchema, fieldTypes } from './schema-fields.js';

// Contracts of the CMS operations with rules beyond plain rows: content types with schema checks and
// migrations, entries (validation, slugs, search, versions, optimistic concurrency), translations and
// taxonomy. Publishing, workflows and delivery live in `publishing-contracts.ts`.

const tag = 'CMS';
const id = z.string().min(1).max(64);
const ids = z.array(id).max(200);
const deleted = z.object({ id: z.string(), deleted: z.literal(true) });

/** A URL slug: lowercase letters and digits in words joined by `-`. */
export const slug = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a slug: lowercase letters and digits, words joined by "-"');

/** A `#RRGGBB` colour. */
const color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'Expected a colour like "#6B7280"');

// ---------------------------------------------------------------- content types

/**
 * How to carry existing entries over a schema change that would otherwise break them. Applied in the
 * order drop → convert → defaults, to the source entries and to their translations.
 */
export const schemaMigration = z.strictObject({
  /** Values for fields that existing entries lack (a new required field, a field made required, a value that did not convert). */
  defaults: z.record(z.string(), f.json()).optional(),
  /** Fields whose existing values may be discarded: removed fields, or fields no longer localized (their translations). */
  drop: z.array(z.string().max(64)).max(500).optional(),
  /** Fields whose type changed, with the new type: existing values are converted (text ↔ richtext, number/boolean/date → text, text → number …). */
  convert: z.record(z.string(), z.enum(fieldTypes)).optional(),
});
export type SchemaMigration = z.input<typeof schemaMigration>;

/** One reason a schema change breaks existing entries, and how many it breaks. */
export const schemaChangeReason = z.object({
  field: z.string(),
  reason: z.string(),
  entries: z.number().int(),
});
/** The impact of a schema change on existing entries: the 409 body's extra members, and the dry run's reply. */
export const schemaImpact = z.object({
  /** Entries (translations counted with their entry) the change would break. */
  affectedEntries: z.number().int(),
  /** Entries whose data the change (with its migration and field defaults) rewrites. */
  rewrittenEntries: z.number().int(),
  reasons: z.array(schemaChangeReason),
});
export type SchemaImpact = z.output<typeof schemaImpact>;

export const contentTypeRow = contentTypes.row.extend({ schema: contentTypeSchema });
export type ContentTypeRow = z.output<typeof contentTypeRow>;

export const contentTypeCreate = z.strictObject({
  name: f.text().min(1).max(200),
  /** Defaults to the name, slugified. */
  slug: slug.optional(),
  description: f.text().nullable().optional(),
  icon: f.text().max(100).nullable().optional(),
  schema: contentTypeSchema,
  /** A text field of `schema` whose value is the entry title (default `title`). */
  titleField: z.string().max(64).optional(),
  previewUrl: f.text().max(2000).nullable().optional(),
  workflowId: id.nullable().optional(),
  enableVersioning: z.boolean().optional(),
  maxVersions: z.number().int().min(1).max(10_000).optional(),
  isActive: z.boolean().optional(),
});
export type ContentTypeInput = z.input<typeof contentTypeCreate>;
export const contentTypeUpdate = contentTypeCreate.partial().extend({
  /** How to carry existing entries over a breaking schema change; without it such a change is refused (409). */
  migration: schemaMigration.optional(),
});
export const contentTypeFilters = z.object({
  slug: f.text().optional(),
  isActive: f.queryBool().optional(),
  workflowId: f.text().optional(),
});
export const schemaCheck = z.strictObject({
  schema: contentTypeSchema,
  titleField: z.string().max(64).optional(),
  migration: schemaMigration.optional(),
});

// ---------------------------------------------------------------- entries

/** An entry as the API shows it: the row with its tag and category ids; `version` is its `ETag`. */
const entryData = z.record(z.string(), f.json());
export const entryRow = entries.row.extend({
  data: entryData,
  publishedData: entryData.nullable(),
  tagIds: z.array(z.string()),
  categoryIds: z.array(z.string()),
});
export type EntryRow = z.output<typeof entryRow>;
/** A list item: with `highlight` (matches wrapped in `<mark>`) when the list was searched with `q`. */
export const entryListItem = entryRow.extend({ highlight: z.string().optional() });
export type EntryListItem = z.output<typeof entryListItem>;

const entryMeta = {
  /** Explicit slug; by default it is made from the title (or the type's slug field), made unique with `-2`, `-3`. */
  slug: slug.optional(),
  seoTitle: f.text().max(300).nullable().optional(),
  seoDescription: f.text().max(1000).nullable().optional(),
  seoKeywords: z.array(f.text().max(100)).max(100).optional(),
  canonicalUrl: f.text().max(2000).nullable().optional(),
  noIndex: z.boolean().optional(),
  ogTitle: f.text().max(300).nullable().optional(),
  ogDescription: f.text().max(1000).nullable().optional(),
  ogImageId: id.nullable().optional(),
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

// ---------------------------------------------------------------- versions

export const versionSummary = versions.row.omit({ data: true });
export type VersionSummary = z.output<typeof versionSummary>;
export type VersionRow = z.output<typeof versions.row>;
export const versionParams = z.object({ id, number: z.coerce.number().int().min(1) });
export const versionDiffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
/** One field that differs between two versions. */
export const fieldChange = z.object({
  field: z.string(),
  before: f.json().optional(),
  after: f.json().optional(),
  change: z.enum(['added', 'removed', 'changed']),
});
export type FieldChange = z.output<typeof fieldChange>;
export const versionDiff = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(fieldChange) });
export const restoreBody = z.strictObject({
  /** The entry version the restore is based on (or `If-Match`). */
  version: z.number().int().min(1).optional(),
  changeNote: f.text().max(1000).optional(),
});

// ---------------------------------------------------------------- localization

export type LocalizationRow = z.output<typeof localizations.row>;
export const localeParams = z.object({ id, locale });
export const localizationPut = z.strictObject({
  /** Values of the type's localized fields in this locale; other fields are shared from the source entry. */
  data: z.record(z.string(), f.json()),
  slug: slug.optional(),
  /** Translation status (default: IN_PROGRESS for a new translation; REVIEW and APPROVED need every required localized field). */
  status: z.enum(localizationStatus).optional(),
});
export const localizationCreate = localizationPut.extend({ entryId: id, locale });
export const localizationUpdate = localizationPut.partial();
export const missingTranslationsQuery = listQuery.omit({ sort: true }).extend({ locale: f.text().max(35).optional() });
/** One entry with translation gaps: per org locale (other than its own), what is missing. */
export const missingTranslation = z.object({
  entryId: z.string(),
  title: z.string(),
  locale: z.string(),
  /** Locales with no translation at all. */
  missing: z.array(z.string()),
  /** Locales whose translation is older than the last change of a localized source field. */
  outdated: z.array(z.string()),
  /** Locales with a translation not yet APPROVED (and not OUTDATED): PENDING, IN_PROGRESS or REVIEW. */
  notApproved: z.array(z.string()),
});
export const missingTranslationsReport = pageOf(missingTranslation).extend({
  locales: z.array(z.string()),
  /** Per locale, over every entry of the type: how many lack it, are outdated, are not approved. */
  summary: z.record(
    z.string(),
    z.object({ missing: z.number().int(), outdated: z.number().int(), notApproved: z.number().int(), approved: z.number().int() }),
  ),
});

// ---------------------------------------------------------------- taxonomy

export type TagRow = z.output<typeof tags.row>;
export type CategoryRow = z.output<typeof categories.row>;
export const tagCreate = z.strictObject({
  name: f.text().min(1).max(100),
  /** Defaults to the name, slugified. */
  slug: slug.optional(),
  color: color.nullable().optional(),
  description: f.text().max(1000).nullable().optional(),
});
export const tagUpdate = tagCreate.partial();
export const tagFilters = z.object({ slug: f.text().optional() });
export const categoryCreate = z.strictObject({
  name: f.text().min(1).max(200),
  /** Defaults to the name, slugified; the category's `path` is its ancestors' slugs and its own. */
  slug: slug.optional(),
  /** The parent category; null or absent for a top-level one. Changing it moves the whole subtree. */
  parentId: id.nullable().optional(),
  description: f.text().max(2000).nullable().optional(),
  icon: f.text().max(100).nullable().optional(),
  color: color.nullable().optional(),
  sortOrder: f.int().optional(),
  seoTitle: f.text().max(300).nullable().optional(),
  seoDescription: f.text().max(1000).nullable().optional(),
});
export const categoryUpdate = categoryCreate.partial();
export const categoryFilters = z.object({
  parentId: f.text().optional(),
  /** Category id: only categories below it (its subtree, itself excluded). */
  under: f.text().optional(),
  slug: f.text().optional(),
  depth: z.coerce.number().int().min(0).optional(),
});
// `true` from the SDK, `"true"` from a query string.
export const categoryDeleteQuery = z.object({
  cascade: z
    .union([z.boolean(), f.queryBool()])
    .optional()
    .describe('Delete the whole subtree (otherwise a category with children is refused)'),
});

// ---------------------------------------------------------------- operations

const base = '/v1/cms';
const readonlyVersions = 'Versions are written by entry saves and restores';
export const cmsContentOps = {
  listContentTypes: defineOperation({
    id: 'cms.contentTypes.list',
    method: 'GET',
    path: `${base}/content-types`,
    tag,
    summary: 'List content types',
    query: listQuery.extend(contentTypeFilters.shape),
    response: pageOf(contentTypeRow),
  }),
  getContentType: defineOperation({
    id: 'cms.contentTypes.get',
    method: 'GET',
    path: `${base}/content-types/:id`,
    tag,
    summary: 'Get a content type',
    params: idParams,
    response: contentTypeRow,
  }),
  createContentType: defineOperation({
    id: 'cms.contentTypes.create',
    method: 'POST',
    path: `${base}/content-types`,
    tag,
    summary: 'Create a content type (its schema is validated)',
    body: contentTypeCreate,
    response: contentTypeRow,
    status: 201,
  }),
  updateContentType: defineOperation({
    id: 'cms.contentTypes.update',
    method: 'PATCH',
    path: `${base}/content-types/:id`,
    tag,
    params: idParams,
    body: contentTypeUpdate,
    response: contentTypeRow,
    summary:
      'Update a content type; a schema change that breaks existing entries is refused (409 with affectedEntries and reasons) unless `migration` says how to carry them over',
  }),
  deleteContentType: defineOperation({
    id: 'cms.contentTypes.delete',
    method: 'DELETE',
    path: `${base}/content-types/:id`,
    tag,
    summary: 'Delete a content type without entries',
    params: idParams,
    response: deleted,
  }),
  checkSchema: defineOperation({
    id: 'cms.contentTypes.checkSchema',
    method: 'POST',
    path: `${base}/content-types/:id/schema-check`,
    tag,
    summary: 'Dry run of a schema change: which existing entries it would break or rewrite',
    params: idParams,
    body: schemaCheck,
    response: schemaImpact,
    roles: ['OWNER', 'ADMIN', 'MEMBER'],
  }),
  missingTranslations: defineOperation({
    id: 'cms.contentTypes.missingTranslations',
    method: 'GET',
    path: `${base}/content-types/:id/missing-translations`,
    tag,
    summary: 'Entries of the type lacking an approved, current translation in some organization locale',
    params: idParams,
    query: missingTranslationsQuery,
    response: missingTranslationsReport,
  }),

  listEntries: defineOperation({
    id: 'cms.entries.list',
    method: 'GET',
    path: `${base}/entries`,
    tag,
    summary: 'List and search entries (`q`: ranked full-text search with highlights)',
    query: listQuery.extend(entryFilters.shape),
    response: pageOf(entryListItem),
  }),
  getEntry: defineOperation({
    id: 'cms.entries.get',
    method: 'GET',
    path: `${base}/entries/:id`,
    tag,
    summary: 'Get an entry (ETag: its version)',
    params: idParams,
    response: entryRow,
  }),
  createEntry: defineOperation({
    id: 'cms.entries.create',
    method: 'POST',
    path: `${base}/entries`,
    tag,
    summary: 'Create an entry (data validated against its type)',
    body: entryCreate,
    response: entryRow,
    status: 201,
  }),
  updateEntry: defineOperation({
    id: 'cms.entries.update',
    method: 'PATCH',
    path: `${base}/entries/:id`,
    tag,
    summary: 'Save an entry draft; `If-Match` or `version` guards against lost updates (409)',
    params: idParams,
    body: entryUpdate,
    response: entryRow,
  }),
  deleteEntry: defineOperation({
    id: 'cms.entries.delete',
    method: 'DELETE',
    path: `${base}/entries/:id`,
    tag,
    summary: 'Delete an entry',
    params: idParams,
    query: entryDeleteQuery,
    response: deleted,
  }),

  listVersions: defineOperation({
    id: 'cms.entries.versions.list',
    method: 'GET',
    path: `${base}/entries/:id/versions`,
    tag,
    summary: 'Versions of an entry, newest first',
    params: idParams,
    query: listQuery.omit({ sort: true }),
    response: pageOf(versionSummary),
  }),
  getVersion: defineOperation({
    id: 'cms.entries.versions.get',
    method: 'GET',
    path: `${base}/entries/:id/versions/:number`,
    tag,
    summary: 'One version of an entry, with its data',
    params: versionParams,
    response: versions.row,
  }),
  diffVersions: defineOperation({
    id: 'cms.entries.versions.diff',
    method: 'GET',
    path: `${base}/entries/:id/diff`,
    tag,
    summary: 'Field-by-field difference between two versions',
    params: idParams,
    query: versionDiffQuery,
    response: versionDiff,
  }),
  restoreVersion: defineOperation({
    id: 'cms.entries.versions.restore',
    method: 'POST',
    path: `${base}/entries/:id/versions/:number/restore`,
    tag,
    summary: 'Restore a version into the draft as a new version (never publishes)',
    params: versionParams,
    body: restoreBody,
    response: entryRow,
  }),
  /** The generic resource's writes are closed: history is written only by saves. */
  createVersionRefused: defineOperation({
    id: 'cms.versions.create',
    method: 'POST',
    path: `${base}/versions`,
    tag,
    summary: `Not allowed: ${readonlyVersions}`,
    body: z.unknown(),
    response: z.never(),
  }),
  updateVersionRefused: defineOperation({
    id: 'cms.versions.update',
    method: 'PATCH',
    path: `${base}/versions/:id`,
    tag,
    summary: `Not allowed: ${readonlyVersions}`,
    params: idParams,
    body: z.unknown(),
    response: z.never(),
  }),
  deleteVersionRefused: defineOperation({
    id: 'cms.versions.delete',
    method: 'DELETE',
    path: `${base}/versions/:id`,
    tag,
    summary: `Not allowed: ${readonlyVersions}; maxVersions prunes them`,
    params: idParams,
    response: z.never(),
  }),

  listTranslations: defineOperation({
    id: 'cms.entries.translations.list',
    method: 'GET',
    path: `${base}/entries/:id/localizations`,
    tag,
    summary: 'Translations of an entry',
    params: idParams,
    response: z.object({ data: z.array(localizations.row) }),
  }),
  getTranslation: defineOperation({
    id: 'cms.entries.translations.get',
    method: 'GET',
    path: `${base}/entries/:id/localizations/:locale`,
    tag,
    summary: 'The translation of an entry in one locale',
    params: localeParams,
    response: localizations.row,
  }),
  putTranslation: defineOperation({
    id: 'cms.entries.translations.put',
    method: 'PUT',
    path: `${base}/entries/:id/localizations/:locale`,
    tag,
    summary: 'Create or update the translation of an entry in one of the organization locales',
    params: localeParams,
    body: localizationPut,
    response: localizations.row,
  }),
  deleteTranslation: defineOperation({
    id: 'cms.entries.translations.delete',
    method: 'DELETE',
    path: `${base}/entries/:id/localizations/:locale`,
    tag,
    summary: 'Delete a translation',
    params: localeParams,
    response: deleted,
  }),
  createLocalization: defineOperation({
    id: 'cms.localizations.create',
    method: 'POST',
    path: `${base}/localizations`,
    tag,
    summary: 'Create a translation',
    body: localizationCreate,
    response: localizations.row,
    status: 201,
  }),
  updateLocalization: defineOperation({
    id: 'cms.localizations.update',
    method: 'PATCH',
    path: `${base}/localizations/:id`,
    tag,
    summary: 'Update a translation',
    params: idParams,
    body: localizationUpdate,
    response: localizations.row,
  }),
  deleteLocalization: defineOperation({
    id: 'cms.localizations.delete',
    method: 'DELETE',
    path: `${base}/localizations/:id`,
    tag,
    summary: 'Delete a translation',
    params: idParams,
    response: deleted,
  }),

  listTags: defineOperation({
    id: 'cms.tags.list',
    method: 'GET',
    path: `${base}/tags`,
    tag,
    summary: 'List tags',
    query: listQuery.extend(tagFilters.shape),
    response: pageOf(tags.row),
  }),
  getTag: defineOperation({
    id: 'cms.tags.get',
    method: 'GET',
    path: `${base}/tags/:id`,
    tag,
    summary: 'Get a tag',
    params: idParams,
    response: tags.row,
  }),
  createTag: defineOperation({
    id: 'cms.tags.create',
    method: 'POST',
    path: `${base}/tags`,
    tag,
    summary: 'Create a tag (slug from its name)',
    body: tagCreate,
    response: tags.row,
    status: 201,
  }),
  updateTag: defineOperation({
    id: 'cms.tags.update',
    method: 'PATCH',
    path: `${base}/tags/:id`,
    tag,
    summary: 'Update a tag',
    params: idParams,
    body: tagUpdate,
    response: tags.row,
  }),
  deleteTag: defineOperation({
    id: 'cms.tags.delete',
    method: 'DELETE',
    path: `${base}/tags/:id`,
    tag,
    summary: 'Delete a tag (detaching it from its entries)',
    params: idParams,
    response: deleted,
  }),

  listCategories: defineOperation({
    id: 'cms.categories.list',
    method: 'GET',
    path: `${base}/categories`,
    tag,
    summary: 'List categories (`sort=path` gives tree order)',
    query: listQuery.extend(categoryFilters.shape),
    response: pageOf(categories.row),
  }),
  getCategory: defineOperation({
    id: 'cms.categories.get',
    method: 'GET',
    path: `${base}/categories/:id`,
    tag,
    summary: 'Get a category',
    params: idParams,
    response: categories.row,
  }),
  createCategory: defineOperation({
    id: 'cms.categories.create',
    method: 'POST',
    path: `${base}/categories`,
    tag,
    summary: 'Create a category (path and depth from its parent)',
    body: categoryCreate,
    response: categories.row,
    status: 201,
  }),
  updateCategory: defineOperation({
    id: 'cms.categories.update',
    method: 'PATCH',
    path: `${base}/categories/:id`,
    tag,
    summary: 'Update, rename or move a category; its subtree follows (a move under its own descendant is refused, 409)',
    params: idParams,
    body: categoryUpdate,
    response: categories.row,
  }),
  deleteCategory: defineOperation({
    id: 'cms.categories.delete',
    method: 'DELETE',
    path: `${base}/categories/:id`,
    tag,
    summary: 'Delete a category; one with children needs `cascade=true`',
    params: idParams,
    query: categoryDeleteQuery,
    response: deleted,
  }),
};
