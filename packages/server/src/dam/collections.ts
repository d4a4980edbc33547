import {
  type AssetCollection,
  type SmartCondition,
  type SmartRules,
  type collectionCreate,
  type collectionUpdate,
  damResources,
  smartRuleFields,
  smartRules as smartRulesSchema,
} from '@spokestack/core/dam';
import { type SQL, and, arrayContains, arrayOverlaps, eq, getTableColumns, gt, ilike, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { assetVisible } from './access.js';
import { assetCollectionItems, assetCollections, assets } from './schema.js';

// Collections over the generic CRUD: the rules of a SMART collection are checked on the way in and
// compiled to one WHERE clause on every read (never cached, so they are live); manual collections keep
// their items' order in `sort_order`. Both read assets through the libraries' visibility.

type Collection = typeof assetCollections.$inferSelect;
const generic = resourceService(assetCollections, damResources.collections);
const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One condition as SQL over `assets` (the contract has already matched operators to field kinds). */
function conditionSql({ field, operator, value }: SmartCondition): SQL {
  const column = assets[field] as PgColumn;
  const kind = smartRuleFields[field];
  const one = kind === 'date' ? new Date(value as string) : value;
  if (kind === 'array') {
    if (operator === 'in') return arrayOverlaps(column, value as string[]);
    return arrayContains(column, [String(value)]);
  }
  switch (operator) {
    case 'in':
      return inArray(column, value as string[]);
    case 'contains':
      return ilike(column, like(String(value)));
    case 'gt':
    case 'after':
      return gt(column, one);
    case 'lt':
    case 'before':
      return lt(column, one);
    default:
      return eq(column, one);
  }
}

/**
 * The rules of a SMART collection as a WHERE clause over `assets`. EXPIRED assets never match: a
 * licence that ran out takes the asset out of every smart collection.
 *
 * @example db.select().from(assets).where(smartWhere({ conditions: [{ field: 'tags', operator: 'eq', value: 'summer' }], match: 'all' }))
 */
export function smartWhere(rules: SmartRules): SQL {
  const parts = rules.conditions.map(conditionSql);
  return and(ne(assets.status, 'EXPIRED'), rules.match === 'any' ? or(...parts) : and(...parts))!;
}

function checkRules(type: string, rules: unknown) {
  if (type === 'SMART' && !rules) throw badRequest([{ path: 'body.smartRules', message: 'A SMART collection needs its rules' }]);
}

/**
 * Creates a collection; a SMART one must come with `smartRules` (validated by the contract).
 *
 * @example await createCollection(db, ctx, { name: 'Summer', slug: 'summer', collectionType: 'SMART', smartRules })
 */
export async function createCollection(db: Db, ctx: TenantContext, input: z.output<typeof collectionCreate>) {
  checkRules(input.collectionType ?? 'MANUAL', input.smartRules);
  // The generic layer swaps the password hash for `hasSharePassword`; its type is the table's row.
  return (await generic.create(db, ctx, input)) as unknown as AssetCollection;
}

/** @example await updateCollection(db, ctx, id, { smartRules: { conditions, match: 'any' } }) */
export async function updateCollection(db: Db, ctx: TenantContext, id: string, input: z.output<typeof collectionUpdate>) {
  const current = await generic.get(db, ctx, id);
  checkRules(input.collectionType ?? current.collectionType, input.smartRules === undefined ? current.smartRules : input.smartRules);
  return (await generic.update(db, ctx, id, input)) as unknown as AssetCollection;
}

const assetColumns = getTableColumns(assets);

/**
 * A page of the assets of a collection the caller's organization has: a manual one's items in their
 * order (with their notes), a smart one's matches now, newest first. Hidden libraries' assets are left out.
 *
 * @example const { data, nextCursor } = await collectionAssets(db, ctx, collection.id, { limit: 20 })
 */
export async function collectionAssets(db: Db, ctx: TenantContext, id: string, query: { limit?: number; cursor?: string }) {
  const collection = (await generic.get(db, ctx, id)) as Collection;
  const limit = pageLimit(query.limit);
  if (collection.collectionType === 'SMART') {
    const rules = smartRulesSchema.parse(collection.smartRules);
    const keys = parseSort('-createdAt', assetColumns, ['createdAt'], '-createdAt', assets.id);
    const rows = await db
      .select({ ...assetColumns, note: sql<null>`null`, sortOrder: sql<null>`null` })
      .from(assets)
      .where(and(assetVisible(db, ctx), smartWhere(rules), cursorWhere(keys, query.cursor)))
      .orderBy(...orderBy(keys))
      .limit(limit + 1);
    return toPage(rows, limit, keys);
  }
  const columns = { sortOrder: assetCollectionItems.sortOrder, id: assets.id };
  const keys = parseSort('sortOrder', columns, ['sortOrder'], 'sortOrder', assets.id);
  const rows = await db
    .select({ ...assetColumns, note: assetCollectionItems.note, sortOrder: assetCollectionItems.sortOrder })
    .from(assetCollectionItems)
    .innerJoin(assets, eq(assets.id, assetCollectionItems.assetId))
    .where(
      and(
        eq(assetCollectionItems.organizationId, ctx.organizationId),
        eq(assetCollectionItems.collectionId, collection.id),
        assetVisible(db, ctx),
        cursorWhere(keys, query.cursor),
      ),
    )
    .orderBy(...orderBy(keys))
    .limit(limit + 1);
  return toPage(rows, limit, keys);
}

/** A manual collection of the caller's organization, locked for a change of its items; SMART ones are 409. */
async function manual(tx: Db, ctx: TenantContext, id: string): Promise<Collection> {
  const collection = (await generic.get(tx, ctx, id)) as Collection;
  if (collection.collectionType === 'SMART')
    throw conflict('A SMART collection holds what matches its rules; change the rules instead of the items');
  await tx.select({ id: assetCollections.id }).from(assetCollections).where(eq(assetCollections.id, id)).for('update');
  return collection;
}

/**
 * Appends assets the caller sees to a manual collection, in the order given; ones already in it stay
 * where they are. All or none: an unknown or hidden asset is a 400.
 *
 * @example await addCollectionItems(db, ctx, collection.id, { assetIds: [a.id, b.id], note: 'Hero options' }) // { added: 2 }
 */
export async function addCollectionItems(db: Db, ctx: TenantContext, id: string, input: { assetIds: string[]; note?: string | null }) {
  const ids = [...new Set(input.assetIds)];
  return transaction(db, async (tx) => {
    const collection = await manual(tx, ctx, id);
    const found = await tx
      .select({ id: assets.id })
      .from(assets)
      .where(and(assetVisible(tx, ctx), inArray(assets.id, ids)));
    const missing = ids.filter((a) => !found.some((r) => r.id === a));
    if (missing.length) throw badRequest([{ path: 'body.assetIds', message: `No asset with the id ${missing.join(', ')}` }]);
    const held = await tx
      .select({ assetId: assetCollectionItems.assetId, sortOrder: assetCollectionItems.sortOrder })
      .from(assetCollectionItems)
      .where(eq(assetCollectionItems.collectionId, collection.id));
    const fresh = ids.filter((a) => !held.some((h) => h.assetId === a));
    if (!fresh.length) return { added: 0 };
    const start = Math.max(-1, ...held.map((h) => h.sortOrder)) + 1;
    // The collection row is locked, so no other add interleaves; the conflict clause is a second guard.
    const added = await tx
      .insert(assetCollectionItems)
      .values(
        fresh.map((assetId, i) => ({
          organizationId: ctx.organizationId,
          collectionId: collection.id,
          assetId,
          sortOrder: start + i,
          note: input.note ?? null,
          addedById: ctx.actor.id,
          addedAt: ctx.now,
        })),
      )
      .onConflictDoNothing({ target: [assetCollectionItems.collectionId, assetCollectionItems.assetId] })
      .returning({ assetId: assetCollectionItems.assetId });
    if (added.length)
      await recordActivity(tx, ctx, {
        action: 'items_added',
        entityType: 'asset_collections',
        entityId: collection.id,
        entityTitle: collection.name,
        metadata: { assetIds: added.map((a) => a.assetId) },
      });
    return { added: added.length };
  });
}

/**
 * Puts the given items of a manual collection first, in this order; the rest keep theirs after them.
 *
 * @example await orderCollectionItems(db, ctx, collection.id, [c.id, a.id]) // c, a, then b
 */
export async function orderCollectionItems(db: Db, ctx: TenantContext, id: string, assetIds: string[]) {
  return transaction(db, async (tx) => {
    const collection = await manual(tx, ctx, id);
    const items = await tx
      .select({ assetId: assetCollectionItems.assetId })
      .from(assetCollectionItems)
      .where(eq(assetCollectionItems.collectionId, collection.id))
      .orderBy(assetCollectionItems.sortOrder, assetCollectionItems.id);
    const wanted = [...new Set(assetIds)];
    const missing = wanted.filter((a) => !items.some((i) => i.assetId === a));
    if (missing.length) throw badRequest([{ path: 'body.assetIds', message: `Not in the collection: ${missing.join(', ')}` }]);
    const order = [...wanted, ...items.map((i) => i.assetId).filter((a) => !wanted.includes(a))];
    for (const [position, assetId] of order.entries())
      await tx
        .update(assetCollectionItems)
        .set({ sortOrder: position })
        .where(and(eq(assetCollectionItems.collectionId, collection.id), eq(assetCollectionItems.assetId, assetId)));
    await recordActivity(tx, ctx, {
      action: 'items_ordered',
      entityType: 'asset_collections',
      entityId: collection.id,
      entityTitle: collection.name,
      metadata: { first: wanted },
    });
    return { ordered: order.length };
  });
}

/** @example await removeCollectionItem(db, ctx, collection.id, asset.id) */
export async function removeCollectionItem(db: Db, ctx: TenantContext, id: string, assetId: string) {
  return transaction(db, async (tx) => {
    const collection = await manual(tx, ctx, id);
    const [gone] = await tx
      .delete(assetCollectionItems)
      .where(and(eq(assetCollectionItems.collectionId, collection.id), eq(assetCollectionItems.assetId, assetId)))
      .returning({ id: assetCollectionItems.id });
    if (!gone) throw notFound('Collection item');
    await recordActivity(tx, ctx, {
      action: 'item_removed',
      entityType: 'asset_collections',
      entityId: collection.id,
      entityTitle: collection.name,
      metadata: { assetId },
    });
    return { removed: true as const };
  });
}
