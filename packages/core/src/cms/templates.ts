import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { base, id, slug, tag, writers } from './common.js';
import { templates } from './rows.gen.js';

// Page templates: the layout and starting values of entries of a content type.

/** A page template's layout: sections of a type showing some fields of the template's content type. */
export const templateStructure = z.strictObject({
  sections: z
    .array(
      z.strictObject({
        type: f.text().min(1).max(100),
        label: f.text().max(200).optional(),
        fields: z.array(z.string().min(1).max(64)).max(500),
      }),
    )
    .max(200),
});
export type TemplateStructure = z.output<typeof templateStructure>;
export const templateRow = templates.row.extend({ structure: templateStructure, defaults: z.record(z.string(), f.json()) });
export const templateCreate = z.strictObject({
  name: f.text().min(1).max(200),
  slug,
  description: f.text().max(2000).nullable().optional(),
  thumbnail: f.httpUrl().nullable().optional(),
  structure: templateStructure,
  /** Field values new entries built from the template start with (validated against the content type when set). */
  defaults: z.record(z.string(), f.json()).optional(),
  /** The content type the template lays out; its fields are what `structure` and `defaults` may name. */
  contentTypeId: id.nullable().optional(),
  isActive: z.boolean().optional(),
});
export const templateUpdate = templateCreate.partial();

export const templateOps = {
  createTemplate: defineOperation({
    id: 'cms.templates.create',
    description: 'Creates a page template for a content type: its structure and default values are checked against the ' + "type's fields.",
    method: 'POST',
    path: `${base}/templates`,
    tag,
    summary: "Create a page template (structure and defaults checked against its content type's fields)",
    body: templateCreate,
    response: templateRow,
    status: 201,
    roles: writers,
  }),
  updateTemplate: defineOperation({
    id: 'cms.templates.update',
    description: 'Changes a page template; its structure and defaults are checked again.',
    method: 'PATCH',
    path: `${base}/templates/:id`,
    tag,
    summary: 'Update a page template',
    params: idParams,
    body: templateUpdate,
    response: templateRow,
    roles: writers,
  }),
};
