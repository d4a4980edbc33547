import type { cmsOps } from '@spokestack/core/cms';
import { type SQL, and, count, eq, inArray, like, notInArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { tableInfo } from '../db/resource-service.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { slugify } from './slugs.js';
import { contentCategories, contentEntryCategories, contentEntryTags, contentTags } from './schema.js';

type Input<K extends keyof typeof cmsOps> = z.output<NonNullable<(typeof cmsOps)[K]['body']>>;
type Category = typeof contentCategories.$inferSelect;

// Tags and categories describe content, not client data: every member may read them, CLIENT ones
// included (their read-only editors show them), so reads are scoped by organization only.

// ---------------------------------------------------------------- tags

const tagInfo = tableInfo(contentTags);

/**
 * A page of the organization's tags, by name unless sorted otherwise.
 *
 * @example const { data } = await listTags(db, ctx, { sort: '-usageCount' })
 */
export async function listTags(db: Db, ctx: TenantContext, query: { limit?: number; cursor?: string; sort?: string; slug?: string }) {
  const keys = parseSort(query.sort, tagInfo.columns, ['name', 'slug', 'usageCount', 'createdAt', 'updatedAt'], 'name', contentTags.id);
  const limit = pageLimit(query.limit);
  const rows = await db
    .select()
    .from(contentTags)
    .where(
      and(
        eq(contentTags.organizationId, ctx.organizationId),
        query.slug ? eq(contentTags.slug, query.slug) : undefined,
        cursorWhere(keys, query.cursor),
      ),
    )
    .orderBy(...orderBy(keys))
    .limit(limit + 1);
  return toPage(rows, limit, keys);
}

/** One tag of the organization; 404 otherwise. @example await getTag(db, ctx, id) */
export async function getTag(db: Db, ctx: TenantContext, id: string) {
  const [row] = await db
    .select()
    .from(contentTags)
    .where(and(eq(contentTags.organizationId, ctx.organizationId), eq(contentTags.id, id)));
  if (!row) throw notFound('Tag');
  return row;
}

/**
 * Creates a tag; its slug comes from the name unless given, and a taken slug is a 409.
 *
 * @example await createTag(db, ctx, { name: 'Product Launch' }) // slug 'product-launch'
 */
export async function createTag(db: Db, ctx: TenantContext, input: Input<'createTag'>) {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .insert(contentTags)
      .values({
        ...input,
        slug: input.slug ?? slugify(input.name, 'tag'),
        organizationId: ctx.organizationId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, { action: 'created', entityType: 'content_tags', entityId: row!.id, entityTitle: row!.name });
    return row!;
  });
}

/** Updates a tag's name, slug, colour or description. @example await updateTag(db, ctx, id, { color: '#FF0000' }) */
export async function updateTag(db: Db, ctx: TenantContext, id: string, input: Input<'updateTag'>) {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .update(contentTags)
      .set({ ...input, updatedAt: ctx.now })
      .where(and(eq(contentTags.organizationId, ctx.organizationId), eq(contentTags.id, id)))
      .returning();
    if (!row) throw notFound('Tag');
    await recordActivity(tx, ctx, {
      action: 'updated',
      entityType: 'content_tags',
      entityId: id,
      entityTitle: row.name,
      metadata: { changedFields: Object.keys(input) },
    });
    return row;
  });
}

/** Deletes a tag; its links to entries go with it. @example await deleteTag(db, ctx, id) */
export async function deleteTag(db: Db, ctx: TenantContext, id: string) {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .delete(contentTags)
      .where(and(eq(contentTags.organizationId, ctx.organizationId), eq(contentTags.id, id)))
      .returning();
    if (!row) throw notFound('Tag');
    await recordActivity(tx, ctx, {
      action: 'deleted',
      entityType: 'content_tags',
      entityId: id,
      entityTitle: row.name,
      metadata: { usageCount: row.usageCount },
    });
    return { id, deleted: true as const };
  });
}

/** 400 naming each id of `ids` that is not a row of `table` in the organization. */
async function checkIds(
  db: Db,
  ctx: TenantContext,
  table: typeof contentTags | typeof contentCategories,
  ids: string[],
  path: string,
  label: string,
) {
  if (!ids.length) return;
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.organizationId, ctx.organizationId), inArray(table.id, ids)));
  const known = new Set(rows.map((r) => r.id));
  const errors = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}`, message: `No ${label} with this id` }]));
  if (errors.length) throw badRequest(errors);
}

/**
 * Sets an entry's tags to exactly `tagIds`, keeping every tag's `usageCount` exact: counts move by the
 * links actually added or removed, as relative updates under the tags' row locks, so concurrent saves
 * cannot lose a count. Call it in the entry save's transaction.
 *
 * @example await setEntryTags(tx, ctx, entry.id, ['tag1', 'tag2'])
 */
export async function setEntryTags(tx: Db, ctx: TenantContext, entryId: string, tagIds: string[]) {
  const wanted = [...new Set(tagIds)];
  await checkIds(tx, ctx, contentTags, tagIds, 'body.tagIds', 'tag');
  const removed = await tx
    .delete(contentEntryTags)
    .where(and(eq(contentEntryTags.entryId, entryId), wanted.length ? notInArray(contentEntryTags.tagId, wanted) : undefined))
    .returning({ tagId: contentEntryTags.tagId });
  const added = wanted.length
    ? await tx
        .insert(contentEntryTags)
        .values(wanted.map((tagId) => ({ organizationId: ctx.organizationId, entryId, tagId })))
        .onConflictDoNothing()
        .returning({ tagId: contentEntryTags.tagId })
    : [];
  await moveUsage(
    tx,
    added.map((r) => r.tagId),
    1,
  );
  await moveUsage(
    tx,
    removed.map((r) => r.tagId),
    -1,
  );
  return { added: added.length, removed: removed.length };
}

async function moveUsage(tx: Db, tagIds: string[], delta: number) {
  if (tagIds.length)
    await tx
      .update(contentTags)
      .set({ usageCount: sql`${contentTags.usageCount} + ${delta}` })
      .where(inArray(contentTags.id, tagIds));
}

/**
 * Sets an entry's categories to exactly `categoryIds`. Call it in the entry save's transaction.
 *
 * @example await setEntryCategories(tx, ctx, entry.id, [social.id])
 */
export async function setEntryCategories(tx: Db, ctx: TenantContext, entryId: string, categoryIds: string[]) {
  const wanted = [...new Set(categoryIds)];
  await checkIds(tx, ctx, contentCategories, categoryIds, 'body.categoryIds', 'category');
  await tx
    .delete(contentEntryCategories)
    .where(
      and(eq(contentEntryCategories.entryId, entryId), wanted.length ? notInArray(contentEntryCategories.categoryId, wanted) : undefined),
    );
  if (wanted.length)
    await tx
      .insert(contentEntryCategories)
      .values(wanted.map((categoryId) => ({ organizationId: ctx.organizationId, entryId, categoryId })))
      .onConflictDoNothing();
}

/**
 * Unlinks an entry from its tags before it is deleted, so their usage counts drop with it.
 *
 * @example await detachEntryTags(tx, entry.id)
 */
export async function detachEntryTags(tx: Db, entryId: string) {
  const removed = await tx
    .delete(contentEntryTags)
    .where(eq(contentEntryTags.entryId, entryId))
    .returning({ tagId: contentEntryTags.tagId });
  await moveUsage(
    tx,
    removed.map((r) => r.tagId),
    -1,
  );
}

/**
 * Tag and category ids of entries, for replies.
 *
 * @example const { tags, categories } = await taxonomyOf(db, [entry.id]); tags.get(entry.id) // ['t1']
 */
export async function taxonomyOf(db: Db, entryIds: string[]) {
  const tags = new Map<string, string[]>(entryIds.map((id) => [id, []]));
  const categories = new Map<string, string[]>(entryIds.map((id) => [id, []]));
  if (!entryIds.length) return { tags, categories };
  const [tagRows, categoryRows] = await Promise.all([
    db.select().from(contentEntryTags).where(inArray(contentEntryTags.entryId, entryIds)).orderBy(contentEntryTags.tagId),
    db
      .select()
      .from(contentEntryCategories)
      .where(inArray(contentEntryCategories.entryId, entryIds))
      .orderBy(contentEntryCategories.categoryId),
  ]);
  for (const r of tagRows) tags.get(r.entryId)?.push(r.tagId);
  for (const r of categoryRows) categories.get(r.entryId)?.push(r.categoryId);
  return { tags, categories };
}

// ---------------------------------------------------------------- categories

const categoryInfo = tableInfo(contentCategories);

/** Tree changes of one organization run one at a time, so two moves can never interleave into a cycle. */
const lockTree = (tx: Db, ctx: TenantContext) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cms.categories:${ctx.organizationId}`}))`);

/** Categories whose path is `path` or lies below it. */
export const inSubtree = (path: string): SQL => or(eq(contentCategories.path, path), like(contentCategories.path, `${path}/%`))!;

/** One category of the organization by id or slug; 404 otherwise. @example await getCategory(db, ctx, 'social') */
export async function getCategory(db: Db, ctx: TenantContext, idOrSlug: string): Promise<Category> {
  const [row] = await db
    .select()
    .from(contentCategories)
    .where(
      and(
        eq(contentCategories.organizationId, ctx.organizationId),
        or(eq(contentCategories.id, idOrSlug), eq(contentCategories.slug, idOrSlug)),
      ),
    )
    .limit(1);
  if (!row) throw notFound('Category');
  return row;
}

/**
 * A page of categories, in tree order (`path`) unless sorted otherwise; `under` limits it to a subtree.
 *
 * @example const { data } = await listCategories(db, ctx, { under: marketing.id })
 */
export async function listCategories(
  db: Db,
  ctx: TenantContext,
  query: { limit?: number; cursor?: string; sort?: string; parentId?: string; under?: string; slug?: string; depth?: number },
) {
  const keys = parseSort(
    query.sort,
    categoryInfo.columns,
    ['path', 'name', 'slug', 'sortOrder', 'depth', 'createdAt', 'updatedAt'],
    'path',
    contentCategories.id,
  );
  const limit = pageLimit(query.limit);
  const under = query.under ? await getCategory(db, ctx, query.under).catch(() => undefined) : undefined;
  if (query.under && !under) return { data: [], nextCursor: null };
  const rows = await db
    .select()
    .from(contentCategories)
    .where(
      and(
        eq(contentCategories.organizationId, ctx.organizationId),
        query.parentId ? eq(contentCategories.parentId, query.parentId) : undefined,
        under ? like(contentCategories.path, `${under.path}/%`) : undefined,
        query.slug ? eq(contentCategories.slug, query.slug) : undefined,
        query.depth === undefined ? undefined : eq(contentCategories.depth, query.depth),
        cursorWhere(keys, query.cursor),
      ),
    )
    .orderBy(...orderBy(keys))
    .limit(limit + 1);
  return toPage(rows, limit, keys);
}

async function parentOf(tx: Db, ctx: TenantContext, parentId: string | null | undefined): Promise<Category | undefined> {
  if (!parentId) return undefined;
  const [row] = await tx
    .select()
    .from(contentCategories)
    .where(and(eq(contentCategories.organizationId, ctx.organizationId), eq(contentCategories.id, parentId)));
  if (!row) throw badRequest([{ path: 'body.parentId', message: 'No category with this id' }]);
  return row;
}

/**
 * Creates a category under `parentId` (or at the top); `path` and `depth` follow from the parent.
 *
 * @example await createCategory(db, ctx, { name: 'Social', parentId: marketing.id }) // path '/marketing/social', depth 1
 */
export async function createCategory(db: Db, ctx: TenantContext, input: Input<'createCategory'>) {
  return transaction(db, async (tx) => {
    await lockTree(tx, ctx);
    const parent = await parentOf(tx, ctx, input.parentId);
    const slug = input.slug ?? slugify(input.name, 'category');
    const [row] = await tx
      .insert(contentCategories)
      .values({
        ...input,
        slug,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? ''}/${slug}`,
        depth: parent ? parent.depth + 1 : 0,
        organizationId: ctx.organizationId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, {
      action: 'created',
      entityType: 'content_categories',
      entityId: row!.id,
      entityTitle: row!.name,
      metadata: { path: row!.path },
    });
    return row!;
  });
}

/**
 * Updates a category. A new slug (rename) or parent (move) changes its `path` and `depth` and those of
 * every descendant, in one statement of the same transaction; moving it under itself or one of its
 * descendants is refused (409).
 *
 * @example await updateCategory(db, ctx, social.id, { parentId: null }) // '/marketing/social' → '/social', children follow
 */
export async function updateCategory(db: Db, ctx: TenantContext, id: string, input: Input<'updateCategory'>) {
  return transaction(db, async (tx) => {
    await lockTree(tx, ctx);
    const [current] = await tx
      .select()
      .from(contentCategories)
      .where(and(eq(contentCategories.organizationId, ctx.organizationId), eq(contentCategories.id, id)));
    if (!current) throw notFound('Category');
    const moving = input.parentId !== undefined && input.parentId !== current.parentId;
    const parent = moving ? await parentOf(tx, ctx, input.parentId) : await parentOf(tx, ctx, current.parentId);
    if (moving && parent && (parent.id === id || parent.path.startsWith(`${current.path}/`)))
      throw conflict('A category cannot move under itself or one of its descendants', {}, [
        { path: 'body.parentId', message: 'Would create a cycle' },
      ]);
    const slug = input.slug ?? current.slug;
    const path = `${parent?.path ?? ''}/${slug}`;
    const depth = parent ? parent.depth + 1 : 0;
    const [row] = await tx
      .update(contentCategories)
      .set({ ...input, slug, parentId: parent?.id ?? null, path, depth, updatedAt: ctx.now })
      .where(eq(contentCategories.id, id))
      .returning();
    let descendants = 0;
    if (path !== current.path) {
      const moved = await tx
        .update(contentCategories)
        .set({
          path: sql`${path} || substr(${contentCategories.path}, ${current.path.length + 1})`,
          depth: sql`${contentCategories.depth} + ${depth - current.depth}`,
          updatedAt: ctx.now,
        })
        .where(and(eq(contentCategories.organizationId, ctx.organizationId), like(contentCategories.path, `${current.path}/%`)))
        .returning({ id: contentCategories.id });
      descendants = moved.length;
    }
    await recordActivity(tx, ctx, {
      action: moving ? 'moved' : slug !== current.slug ? 'renamed' : 'updated',
      entityType: 'content_categories',
      entityId: id,
      entityTitle: row!.name,
      metadata: { changedFields: Object.keys(input), ...(path !== current.path ? { from: current.path, to: path, descendants } : {}) },
    });
    return row!;
  });
}

/**
 * Deletes a category. One with children is refused (409) unless `cascade`, which deletes the whole
 * subtree; entries lose the links either way and stay.
 *
 * @example await deleteCategory(db, ctx, marketing.id, { cascade: true })
 */
export async function deleteCategory(db: Db, ctx: TenantContext, id: string, options: { cascade?: boolean } = {}) {
  return transaction(db, async (tx) => {
    await lockTree(tx, ctx);
    const [current] = await tx
      .select()
      .from(contentCategories)
      .where(and(eq(contentCategories.organizationId, ctx.organizationId), eq(contentCategories.id, id)));
    if (!current) throw notFound('Category');
    const [children] = await tx
      .select({ count: count() })
      .from(contentCategories)
      .where(and(eq(contentCategories.organizationId, ctx.organizationId), like(contentCategories.path, `${current.path}/%`)));
    if (children!.count > 0 && !options.cascade)
      throw conflict(`The category has ${children!.count} descendant(s); move them first or delete with cascade=true`, {
        descendants: children!.count,
      });
    // One statement: the parent_id foreign key is checked at its end, when the whole subtree is gone.
    const removed = await tx
      .delete(contentCategories)
      .where(and(eq(contentCategories.organizationId, ctx.organizationId), inSubtree(current.path)))
      .returning({ id: contentCategories.id });
    await recordActivity(tx, ctx, {
      action: 'deleted',
      entityType: 'content_categories',
      entityId: id,
      entityTitle: current.name,
      metadata: { path: current.path, deleted: removed.length },
    });
    return { id, deleted: true as const };
  });
}
