import * as z from 'zod';
import * as f from '../shared/fields.js';

/** The field types a content type can declare. */
export const fieldTypes = [
  'text',
  'richtext',
  'number',
  'boolean',
  'date',
  'select',
  'media',
  'relation',
  'tags',
  'json',
  'slug',
  'blocks',
] as const;
export type FieldType = (typeof fieldTypes)[number];

const fieldName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'Field names start with a letter and hold letters, digits and _ (at most 64)');

/** What every field may say about itself. */
const common = {
  name: fieldName,
  /** Shown in editors; defaults to the name. */
  label: f.text().max(200).optional(),
  /** Help text shown under the input. */
  description: f.text().max(1000).optional(),
  required: z.boolean().optional(),
  /** No two entries of the type (in one locale) may hold the same value. */
  unique: z.boolean().optional(),
  /** Translated per locale; other fields are shared by every locale of an entry. */
  localized: z.boolean().optional(),
  /** Value given to new entries, and to existing ones when a required field is added. */
  default: f.json().optional(),
};

const bound = z.number().int().min(0).max(1_000_000);

/** One field of a content type's `schema.fields`, by type. */
export const contentField = z.discriminatedUnion('type', [
  z.strictObject({
    ...common,
    type: z.literal('text'),
    minLength: bound.optional(),
    maxLength: bound.optional(),
    /** A regular expression (Unicode) the value must match. */
    pattern: z.string().max(500).optional(),
    /** What editors see when the value does not match `pattern`, in words ("Use three capitals, a dash and digits: ABC-123"). */
    patternMessage: f.text().min(1).max(300).optional(),
    multiline: z.boolean().optional(),
  }),
  z.strictObject({ ...common, type: z.literal('richtext'), maxLength: bound.optional() }),
  z.strictObject({
    ...common,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
  }),
  z.strictObject({ ...common, type: z.literal('boolean') }),
  z.strictObject({
    ...common,
    type: z.literal('date'),
    withTime: z.boolean().optional(),
    min: z.string().max(40).optional(),
    max: z.string().max(40).optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('select'),
    options: z
      .array(z.strictObject({ value: z.string().min(1).max(200), label: z.string().max(200).optional() }))
      .min(1)
      .max(500),
    multiple: z.boolean().optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('media'),
    multiple: z.boolean().optional(),
    accept: z.array(z.string().max(100)).max(50).optional(),
    minItems: bound.optional(),
    maxItems: bound.optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('relation'),
    contentType: z.string().min(1).max(100).describe('Slug of the related content type'),
    multiple: z.boolean().optional(),
    minItems: bound.optional(),
    maxItems: bound.optional(),
  }),
  z.strictObject({ ...common, type: z.literal('tags'), maxItems: bound.optional() }),
  z.strictObject({ ...common, type: z.literal('json') }),
  z.strictObject({ ...common, type: z.literal('slug'), from: fieldName.optional().describe('Field the slug is derived from') }),
  z.strictObject({
    ...common,
    type: z.literal('blocks'),
    blockTypes: z.array(z.string().min(1).max(100)).max(100).optional(),
    minItems: bound.optional(),
    maxItems: bound.optional(),
  }),
]);
export type ContentField = z.output<typeof contentField>;

/** A content type's `schema`: its fields, in display order, names unique. */
/**
 * A group of fields an editor shows together: a section (a titled block of the form) or a tab,
 * as the schema's `layout` says. Fields in no group come first, ungrouped.
 */
export const fieldGroup = z.strictObject({
  /** Stable id (letters, digits, _ and -), for URLs and remembered open tabs. */
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'Group ids start with a letter and hold letters, digits, _ and - (at most 64)'),
  label: f.text().min(1).max(200),
  /** Help text shown under the group's heading. */
  description: f.text().max(1000).optional(),
  /** The fields of the group, in the order shown; each field belongs to one group at most. */
  fields: z.array(fieldName).min(1).max(500),
  /** Sections only: starts collapsed. */
  collapsed: z.boolean().optional(),
});
export type FieldGroup = z.output<typeof fieldGroup>;

export const contentTypeSchema = z
  .strictObject({
    fields: z.array(contentField).min(1).max(500),
    /** Optional grouping of the fields into sections or tabs, for long forms. */
    groups: z.array(fieldGroup).max(50).optional(),
    /** How an editor shows `groups`: stacked sections (default) or tabs. */
    layout: z.enum(['sections', 'tabs']).optional(),
  })
  .superRefine((schema, ctx) => {
    const seen = new Set<string>();
    schema.fields.forEach((field, i) => {
      if (seen.has(field.name))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: `Duplicate field name "${field.name}"` });
      seen.add(field.name);
    });
    const ids = new Set<string>();
    const grouped = new Map<string, string>();
    schema.groups?.forEach((group, g) => {
      if (ids.has(group.id)) ctx.addIssue({ code: 'custom', path: ['groups', g, 'id'], message: `Duplicate group id "${group.id}"` });
      ids.add(group.id);
      group.fields.forEach((name, i) => {
        const path = ['groups', g, 'fields', i];
        if (!seen.has(name)) ctx.addIssue({ code: 'custom', path, message: `No field "${name}" in the schema` });
        else if (grouped.has(name))
          ctx.addIssue({
            code: 'custom',
            path,
            message: `"${name}" is already in the group "${grouped.get(name)}"; a field belongs to one group`,
          });
        else grouped.set(name, group.id);
      });
    });
    if (schema.layout && !schema.groups?.length)
      ctx.addIssue({ code: 'custom', path: ['layout'], message: 'A layout needs groups to lay out' });
  });
export type ContentTypeSchema = z.output<typeof contentTypeSchema>;

/**
 * Field values inside an entry's `data`, by field type:
 * - text, slug: string · richtext: a Tiptap/ProseMirror JSON document `{ type: 'doc', content: [...] }`
 * - number · boolean · date: `YYYY-MM-DD` (or an ISO date-time when `withTime`)
 * - select: a value, or an array of values when `multiple`
 * - media: `{ fileId, alt?, caption? }`, or an array when `multiple`
 * - relation: an entry id, or an array when `multiple` · tags: string[] · json: any JSON
 * - blocks: an array of `{ type, data }` (inline) or `{ blockId }` (a shared content block)
 */
export const mediaValue = z.strictObject({
  fileId: z.string().min(1).max(64),
  alt: f.text().max(1000).optional(),
  caption: f.text().max(2000).optional(),
});
export type MediaValue = z.output<typeof mediaValue>;
export const blockValue = z.union([
  z.strictObject({ blockId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.string().min(1).max(100), data: z.record(z.string(), f.json()) }),
]);
export type BlockValue = z.output<typeof blockValue>;
