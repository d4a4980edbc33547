import type { FieldError } from '@spokestack/core';
import type { TemplateStructure, templateCreate, templateUpdate } from '@spokestack/core/cms';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { HttpError, badRequest, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { type StoredContentType, getContentType } from './content-types.js';
import { checkData, checkRefs } from './entry-data.js';
import { pageTemplates } from './schema.js';

// Page templates lay out a content type's fields in sections and give new entries default values.
// Both are checked against the content type when the template names one, so a template can never
// point at a field its entries do not have.

type Template = typeof pageTemplates.$inferSelect;
type Create = z.output<typeof templateCreate>;
type Update = z.output<typeof templateUpdate>;

async function typeFor(tx: Db, ctx: TenantContext, contentTypeId: string | null | undefined): Promise<StoredContentType | undefined> {
  if (!contentTypeId) return undefined;
  return getContentType(tx, ctx, contentTypeId).catch((error: unknown) => {
    throw error instanceof HttpError && error.status === 404
      ? badRequest([{ path: 'body.contentTypeId', message: 'No content type with this id' }])
      : error;
  });
}

/** Problems of a structure and defaults against the content type: unknown fields, invalid default values, missing references. */
async function checkTemplate(
  tx: Db,
  ctx: TenantContext,
  type: StoredContentType | undefined,
  structure: TemplateStructure,
  defaults: Record<string, Json>,
): Promise<FieldError[]> {
  if (!type) return [];
  const names = new Set(type.schema.fields.map((f) => f.name));
  const errors: FieldError[] = [];
  structure.sections.forEach((section, i) =>
    section.fields.forEach((field, j) => {
      if (!names.has(field))
        errors.push({
          path: `body.structure.sections.${i}.fields.${j}`,
          message: `"${field}" is not a field of the content type "${type.slug}"`,
        });
    }),
  );
  const { issues, refs } = checkData(type.schema, defaults, { mode: 'entry', required: false });
  issues.push(...(await checkRefs(tx, ctx, refs)));
  errors.push(...issues.map((i) => ({ path: `body.defaults.${i.path}`, message: i.message })));
  return errors;
}

const asTemplate = (row: Template) => row as Template & { structure: TemplateStructure; defaults: Record<string, Json> };

/**
 * Creates a page template after checking its structure and defaults against its content type.
 *
 * @example await createTemplate(db, ctx, { name: 'Landing', slug: 'landing', contentTypeId, structure: { sections: [{ type: 'hero',
 * fields: ['title', 'cover'] }] }, defaults: { cta: 'Book a call' } })
 */
export async function createTemplate(db: Db, ctx: TenantContext, input: Create) {
  return transaction(db, async (tx) => {
    const type = await typeFor(tx, ctx, input.contentTypeId);
    const defaults = input.defaults ?? {};
    const errors = await checkTemplate(tx, ctx, type, input.structure, defaults);
    if (errors.length) throw badRequest(errors);
    const [row] = await tx
      .insert(pageTemplates)
      .values({ ...input, defaults, organizationId: ctx.organizationId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await recordActivity(tx, ctx, {
      action: 'created',
      entityType: 'page_templates',
      entityId: row!.id,
      entityTitle: row!.name,
      metadata: { contentTypeId: row!.contentTypeId },
    });
    return asTemplate(row!);
  });
}

/**
 * Updates a page template; the resulting structure and defaults are checked again as a whole.
 *
 * @example await updateTemplate(db, ctx, template.id, { defaults: { cta: 'Talk to us' } })
 */
export async function updateTemplate(db: Db, ctx: TenantContext, id: string, input: Update) {
  return transaction(db, async (tx) => {
    const [current] = await tx
      .select()
      .from(pageTemplates)
      .where(and(eq(pageTemplates.organizationId, ctx.organizationId), eq(pageTemplates.id, id)))
      .for('update');
    if (!current) throw notFound('Page template');
    const contentTypeId = input.contentTypeId === undefined ? current.contentTypeId : input.contentTypeId;
    const type = await typeFor(tx, ctx, contentTypeId);
    const errors = await checkTemplate(
      tx,
      ctx,
      type,
      input.structure ?? (current.structure as TemplateStructure),
      input.defaults ?? (current.defaults as Record<string, Json>),
    );
    if (errors.length) throw badRequest(errors);
    const [row] = await tx
      .update(pageTemplates)
      .set({ ...input, updatedAt: ctx.now })
      .where(eq(pageTemplates.id, id))
      .returning();
    await recordActivity(tx, ctx, {
      action: 'updated',
      entityType: 'page_templates',
      entityId: id,
      entityTitle: row!.name,
      metadata: { changedFields: Object.keys(input) },
    });
    return asTemplate(row!);
  });
}

/**
 * The defaults a new entry built from a template starts with. The template must be active and, when
 * it names a content type, be for the entry's type (400 `body.templateId` otherwise).
 *
 * @example const data = { ...(await templateDefaults(tx, ctx, input.templateId, input.contentTypeId)), ...input.data }
 */
export async function templateDefaults(
  tx: Db,
  ctx: TenantContext,
  templateId: string,
  contentTypeId: string,
): Promise<Record<string, Json>> {
  const [template] = await tx
    .select()
    .from(pageTemplates)
    .where(and(eq(pageTemplates.organizationId, ctx.organizationId), eq(pageTemplates.id, templateId)));
  const fail = (message: string) => badRequest([{ path: 'body.templateId', message }]);
  if (!template) throw fail('No page template with this id');
  if (!template.isActive) throw fail('The page template is inactive');
  if (template.contentTypeId && template.contentTypeId !== contentTypeId) throw fail('The page template is for another content type');
  return template.defaults as Record<string, Json>;
}
