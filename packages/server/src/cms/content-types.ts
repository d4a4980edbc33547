import type { FieldError } from '@spokestack/core';
import { type ContentTypeSchema, type cmsOps, contentTypeSchema } from '@spokestack/core/cms';
import type { SchemaImpact } from '@spokestack/core/cms';
import { type SQL, and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { checkReferences, tableInfo } from '../db/resource-service.js';
import { badRequest, conflict, forbidden, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import { isAdmin } from '../platform/auth.js';
import type { TenantContext } from '../platform/context.js';
import { type DataIssue, checkValue, emptyRefs, regexOf, validDate } from './entry-data.js';
import { applyRewrites, schemaImpact } from './schema-migration.js';
import { contentEntries, contentTypes } from './schema.js';
import { slugify } from './slugs.js';
import { sameJson } from './versions.js';

/**
 * A content type as the server holds it: the database row, with its schema parsed into the field
 * definitions (core's `ContentTypeRow` is the same type as the API serializes it).
 */
export type StoredContentType = typeof contentTypes.$inferSelect & { schema: ContentTypeSchema };
type Input<K extends keyof typeof cmsOps> = z.output<NonNullable<(typeof cmsOps)[K]['body']>>;

/**
 * Rules of a type definition beyond the field contract: the title field is a text field, limits are
 * coherent, patterns compile, defaults are valid values, slug sources and relation targets exist.
 */
async function checkDefinition(
  db: Db,
  ctx: TenantContext,
  schema: ContentTypeSchema,
  titleField: string,
  ownSlug: string,
  paths = { schema: 'body.schema', titleField: 'body.titleField' },
) {
  const errors: FieldError[] = [];
  const at = (i: number, key: string) => `${paths.schema}.fields.${i}.${key}`;
  const title = schema.fields.find((f) => f.name === titleField);
  if (title?.type !== 'text')
    errors.push({
      path: paths.titleField,
      message: `Must name a text field of the schema${title ? ` ("${titleField}" is ${title.type})` : ` (no field "${titleField}")`}`,
    });
  const relationTypes = new Set<string>();
  schema.fields.forEach((field, i) => {
    if ('minLength' in field && field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength)
      errors.push({ path: at(i, 'minLength'), message: 'Greater than maxLength' });
    if ('minItems' in field && field.minItems !== undefined && field.maxItems !== undefined && field.minItems > field.maxItems)
      errors.push({ path: at(i, 'minItems'), message: 'Greater than maxItems' });
    if (field.type === 'number' && field.min !== undefined && field.max !== undefined && field.min > field.max)
      errors.push({ path: at(i, 'min'), message: 'Greater than max' });
    if (field.type === 'date')
      for (const key of ['min', 'max'] as const) {
        const v = field[key];
        if (v !== undefined && !validDate(v, false) && !validDate(v, true))
          errors.push({ path: at(i, key), message: 'Expected a date (YYYY-MM-DD) or an ISO-8601 date-time' });
      }
    if (field.type === 'text' && field.pattern !== undefined) {
      try {
        regexOf(field.pattern);
      } catch {
        errors.push({ path: at(i, 'pattern'), message: 'Not a valid regular expression' });
      }
    }
    if (field.type === 'select' && new Set(field.options.map((o) => o.value)).size !== field.options.length)
      errors.push({ path: at(i, 'options'), message: 'Option values repeat' });
    if (field.type === 'slug' && field.from !== undefined && schema.fields.find((f) => f.name === field.from)?.type !== 'text')
      errors.push({ path: at(i, 'from'), message: 'Must name a text field of the schema' });
    if (field.unique && !['text', 'number', 'date', 'select', 'slug', 'relation', 'boolean'].includes(field.type))
      errors.push({ path: at(i, 'unique'), message: `A ${field.type} field cannot be unique` });
    if (field.unique && 'multiple' in field && field.multiple)
      errors.push({ path: at(i, 'unique'), message: 'A field holding several values cannot be unique' });
    if (field.type === 'relation' && field.contentType !== ownSlug) relationTypes.add(field.contentType);
    if (field.default !== undefined && field.default !== null) {
      const issues: DataIssue[] = [];
      checkValue(field, field.default, '', issues, emptyRefs());
      if (issues.length) errors.push({ path: at(i, 'default'), message: `Not a valid value: ${issues[0]!.message}` });
    }
  });
  if (schema.fields.filter((f) => f.type === 'slug').length > 1)
    errors.push({ path: `${paths.schema}.fields`, message: 'At most one slug field' });
  if (relationTypes.size) {
    const found = await db
      .select({ slug: contentTypes.slug })
      .from(contentTypes)
      .where(and(eq(contentTypes.organizationId, ctx.organizationId), inArray(contentTypes.slug, [...relationTypes])));
    const known = new Set(found.map((r) => r.slug));
    schema.fields.forEach((field, i) => {
      if (field.type === 'relation' && field.contentType !== ownSlug && !known.has(field.contentType))
        errors.push({ path: at(i, 'contentType'), message: `No content type with slug "${field.contentType}"` });
    });
  }
  if (errors.length) throw badRequest(errors);
}

const info = tableInfo(contentTypes);
const label = 'Content type';

const asType = (row: typeof contentTypes.$inferSelect): StoredContentType => ({ ...row, schema: contentTypeSchema.parse(row.schema) });

/**
 * One content type of the caller's organization, with its schema parsed; 404 otherwise. Content types
 * are readable by every member, CLIENT ones included (their editors render from them).
 *
 * @example const type = await getContentType(db, ctx, id)
 */
export async function getContentType(db: Db, ctx: TenantContext, idOrSlug: string, bySlug = false): Promise<StoredContentType> {
  const [row] = await db
    .select()
    .from(contentTypes)
    .where(
      and(eq(contentTypes.organizationId, ctx.organizationId), bySlug ? eq(contentTypes.slug, idOrSlug) : eq(contentTypes.id, idOrSlug)),
    )
    .limit(1);
  if (!row) throw notFound(label);
  return asType(row);
}

/**
 * A page of the organization's content types.
 *
 * @example const { data } = await listContentTypes(db, ctx, { isActive: true })
 */
export async function listContentTypes(
  db: Db,
  ctx: TenantContext,
  query: { limit?: number; cursor?: string; sort?: string; slug?: string; isActive?: boolean; workflowId?: string },
) {
  const keys = parseSort(query.sort, info.columns, ['name', 'slug', 'createdAt', 'updatedAt'], 'name', contentTypes.id);
  const limit = pageLimit(query.limit);
  const where: (SQL | undefined)[] = [
    eq(contentTypes.organizationId, ctx.organizationId),
    query.slug ? eq(contentTypes.slug, query.slug) : undefined,
    query.isActive === undefined ? undefined : eq(contentTypes.isActive, query.isActive),
    query.workflowId ? eq(contentTypes.workflowId, query.workflowId) : undefined,
  ];
  const rows = await db
    .select()
    .from(contentTypes)
    .where(and(...where, cursorWhere(keys, query.cursor)))
    .orderBy(...orderBy(keys))
    .limit(limit + 1);
  const page = toPage(rows, limit, keys);
  return { data: page.data.map(asType), nextCursor: page.nextCursor };
}

/**
 * Creates a content type after checking its schema and title field.
 *
 * @example await createContentType(db, ctx, { name: 'Blog Post', schema: { fields: [{ name: 'title', type: 'text', required: true }] } })
 */
export async function createContentType(db: Db, ctx: TenantContext, input: Input<'createContentType'>): Promise<StoredContentType> {
  return transaction(db, async (tx) => {
    const slug = input.slug ?? slugify(input.name, 'type');
    const titleField = input.titleField ?? 'title';
    await checkDefinition(tx, ctx, input.schema, titleField, slug);
    await checkReferences(tx, info, ctx, { workflowId: input.workflowId });
    const [row] = await tx
      .insert(contentTypes)
      .values({
        ...input,
        slug,
        titleField,
        organizationId: ctx.organizationId,
        createdById: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, { action: 'created', entityType: 'content_types', entityId: row!.id, entityTitle: row!.name });
    return asType(row!);
  });
}

/**
 * The effect a schema (and title field) change would have on existing entries, without applying it.
 *
 * @example const impact = await checkSchemaChange(db, ctx, type.id, { schema, migration: { drop: ['legacy'] } })
 */
export async function checkSchemaChange(db: Db, ctx: TenantContext, id: string, input: Input<'checkSchema'>): Promise<SchemaImpact> {
  const type = await getContentType(db, ctx, id);
  await checkDefinition(db, ctx, input.schema, input.titleField ?? type.titleField, type.slug);
  const { rewrites: _rewrites, ...impact } = await schemaImpact(db, ctx, type, input.schema, input.migration);
  return impact;
}

/**
 * Updates a content type. A schema change that would break existing entries is refused with 409
 * (`affectedEntries`, `reasons`) unless `migration` carries them over; then every affected entry (and
 * translation) is rewritten in the same transaction, each with a new version when the type keeps them.
 *
 * @example await updateContentType(db, ctx, id, { schema, migration: { defaults: { subtitle: '' }, drop: ['legacy'] } })
 */
export async function updateContentType(
  db: Db,
  ctx: TenantContext,
  id: string,
  input: Input<'updateContentType'>,
): Promise<StoredContentType> {
  return transaction(db, async (tx) => {
    const [locked] = await tx
      .select()
      .from(contentTypes)
      .where(and(eq(contentTypes.organizationId, ctx.organizationId), eq(contentTypes.id, id)))
      .for('update');
    if (!locked) throw notFound(label);
    const type = asType(locked);
    const { migration, ...changes } = input;
    const schema = changes.schema ?? type.schema;
    const titleField = changes.titleField ?? type.titleField;
    const slug = changes.slug ?? type.slug;
    const schemaChanged = !sameJson(schema, type.schema);
    if (schemaChanged || titleField !== type.titleField || slug !== type.slug) await checkDefinition(tx, ctx, schema, titleField, slug);
    // Detaching or swapping a type's workflow decides what review its entries get: OWNER/ADMIN only.
    if (changes.workflowId !== undefined && changes.workflowId !== type.workflowId && !isAdmin(ctx))
      throw forbidden("Only an OWNER or ADMIN may change a content type's workflow (body.workflowId)");
    if (changes.workflowId) await checkReferences(tx, info, ctx, { workflowId: changes.workflowId });
    if (slug !== type.slug) {
      // Relation fields name their target type by slug; renaming one that is targeted would orphan them.
      const targeted = await relationsTo(tx, ctx, type);
      if (targeted > 0)
        throw conflict(
          `Relation fields of ${targeted} other content type(s) point at "${type.slug}"; change them first`,
          { targetedBy: targeted },
          [{ path: 'body.slug', message: 'Targeted by relation fields' }],
        );
    }
    let rewritten = 0;
    if (schemaChanged || titleField !== type.titleField) {
      const impact = await schemaImpact(tx, ctx, type, schema, migration);
      if (impact.affectedEntries > 0)
        throw conflict(
          `The schema change would break ${impact.affectedEntries} existing entr${impact.affectedEntries === 1 ? 'y' : 'ies'}; ` +
            'send a migration saying how to carry them over',
          { affectedEntries: impact.affectedEntries, rewrittenEntries: impact.rewrittenEntries, reasons: impact.reasons },
          impact.reasons.map((r) => ({
            path: `body.schema.${r.field}`,
            message: `${r.reason} (${r.entries} entr${r.entries === 1 ? 'y' : 'ies'})`,
          })),
        );
      const next = { ...type, schema, titleField };
      rewritten = await applyRewrites(
        tx,
        ctx,
        next,
        impact.rewrites,
        titleField !== type.titleField ||
          schema.fields.some(
            (f) =>
              !sameJson(
                f,
                type.schema.fields.find((o) => o.name === f.name),
              ) &&
              (f.type === 'text' || f.type === 'richtext'),
          ),
      );
    }
    const [row] = await tx
      .update(contentTypes)
      .set({ ...changes, schema, titleField, slug, updatedAt: ctx.now })
      .where(eq(contentTypes.id, id))
      .returning();
    await recordActivity(tx, ctx, {
      action: migration ? 'migrated' : 'updated',
      entityType: 'content_types',
      entityId: id,
      entityTitle: row!.name,
      metadata: {
        changedFields: Object.keys(changes),
        rewrittenEntries: rewritten,
        ...(migration ? { migration: migration as Json } : {}),
      },
    });
    return asType(row!);
  });
}

/** How many other types of the organization have relation fields pointing at `type`. */
async function relationsTo(tx: Db, ctx: TenantContext, type: StoredContentType): Promise<number> {
  const [row] = await tx
    .select({ count: count() })
    .from(contentTypes)
    .where(
      and(
        eq(contentTypes.organizationId, ctx.organizationId),
        ne(contentTypes.id, type.id),
        sql`${contentTypes.schema} -> 'fields' @> ${JSON.stringify([{ type: 'relation', contentType: type.slug }])}::jsonb`,
      ),
    );
  return row!.count;
}

/**
 * Deletes a content type; one that still has entries is refused (409).
 *
 * @example await deleteContentType(db, ctx, id)
 */
export async function deleteContentType(db: Db, ctx: TenantContext, id: string) {
  return transaction(db, async (tx) => {
    const type = await getContentType(tx, ctx, id);
    const [used] = await tx
      .select({ count: count() })
      .from(contentEntries)
      .where(and(eq(contentEntries.organizationId, ctx.organizationId), eq(contentEntries.contentTypeId, id)));
    if (used!.count > 0)
      throw conflict(`The content type still has ${used!.count} entr${used!.count === 1 ? 'y' : 'ies'}; delete them first`, {
        entries: used!.count,
      });
    const targeted = await relationsTo(tx, ctx, type);
    if (targeted > 0)
      throw conflict(`Relation fields of ${targeted} other content type(s) point at "${type.slug}"; change them first`, {
        targetedBy: targeted,
      });
    await tx.delete(contentTypes).where(eq(contentTypes.id, id));
    await recordActivity(tx, ctx, { action: 'deleted', entityType: 'content_types', entityId: id, entityTitle: type.name });
    return { id, deleted: true as const };
  });
}
