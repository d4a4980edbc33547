import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { allRoles, base, deleted, id, slug, tag, writers } from './common.js';
import { contentTypes } from './rows.gen.js';
import { contentTypeSchema, fieldTypes } from './schema-fields.js';

// Content types: schemas validated, breaking changes refused unless a migration carries entries over, and the dry run of a change.

/**
 * How to carry existing entries over a schema change that would otherwise break them. Applied in the
 * order drop → convert → defaults, to the source entries and to their translations.
 */
export const schemaMigration = z.strictObject({
  /** Values for fields that existing entries lack (a new required field, a field made required, a value that did not convert). */
  defaults: z.record(z.string(), f.json()).optional(),
  /** Fields whose existing values may be discarded: removed fields, or fields no longer localized (their translations). */
  drop: z.array(z.string().max(64)).max(500).optional(),
  /** Fields whose type changed, with the new type: existing values are converted (text ↔ richtext, number/boolean/date → text, text →
   * number …). */
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
  previewUrl: f.httpUrl().nullable().optional(),
  workflowId: id.nullable().optional(),
  enableVersioning: z.boolean().optional(),
  maxVersions: z.number().int().min(1).max(10_000).optional(),
  /** Seconds a shared cache may serve the type's delivery replies without asking (`max-age`, default 60). */
  deliveryMaxAge: z.number().int().min(0).max(31_536_000).optional(),
  /** Seconds a stale delivery reply may still be served while the cache revalidates it (default 300). */
  deliveryStaleWhileRevalidate: z.number().int().min(0).max(31_536_000).optional(),
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

export const contentTypeOps = {
  listContentTypes: defineOperation({
    id: 'cms.contentTypes.list',
    description: "The organization's content types with their schemas, a page at a time.",
    method: 'GET',
    path: `${base}/content-types`,
    tag,
    summary: 'List content types',
    query: listQuery.extend(contentTypeFilters.shape),
    response: pageOf(contentTypeRow),
    roles: allRoles,
  }),
  getContentType: defineOperation({
    id: 'cms.contentTypes.get',
    description: 'One content type with its schema (its fields and their rules).',
    method: 'GET',
    path: `${base}/content-types/:id`,
    tag,
    summary: 'Get a content type',
    params: idParams,
    response: contentTypeRow,
    roles: allRoles,
  }),
  createContentType: defineOperation({
    id: 'cms.contentTypes.create',
    description:
      'Creates a content type: a name, a slug (from the name unless given) and a schema of fields. The ' +
      'schema is checked: the title field is a text field, limits are coherent, patterns compile, defaults ' +
      'are valid values, slug sources and relation targets exist.',
    method: 'POST',
    path: `${base}/content-types`,
    tag,
    summary: 'Create a content type (its schema is validated)',
    body: contentTypeCreate,
    response: contentTypeRow,
    status: 201,
    roles: writers,
  }),
  updateContentType: defineOperation({
    id: 'cms.contentTypes.update',
    description:
      'Changes a content type. A schema change that existing entries would no longer satisfy is refused ' +
      'with 409 listing the affected entries and why, unless `migration` says how to carry them over ' +
      '(defaults, fields to drop, type conversions). Dry-run it first with the schema check.',
    method: 'PATCH',
    path: `${base}/content-types/:id`,
    tag,
    params: idParams,
    body: contentTypeUpdate,
    response: contentTypeRow,
    summary:
      'Update a content type; a schema change that breaks existing entries is refused (409 with affectedEntries and reasons) unless ' +
      '`migration` says how to carry them over',
    roles: writers,
  }),
  deleteContentType: defineOperation({
    id: 'cms.contentTypes.delete',
    description: 'Deletes a content type that has no entries; one with entries, or that relation fields point at, is ' + '409.',
    method: 'DELETE',
    path: `${base}/content-types/:id`,
    tag,
    summary: 'Delete a content type without entries',
    params: idParams,
    response: deleted,
    roles: writers,
  }),
  checkSchema: defineOperation({
    id: 'cms.contentTypes.checkSchema',
    description:
      'Tries a schema change without saving it: which entries it would break and why, and which it would ' +
      'rewrite with the given migration.',
    method: 'POST',
    path: `${base}/content-types/:id/schema-check`,
    tag,
    summary: 'Dry run of a schema change: which existing entries it would break or rewrite',
    params: idParams,
    body: schemaCheck,
    response: schemaImpact,
    roles: ['OWNER', 'ADMIN', 'MEMBER'],
  }),
};
