import type { ContentTypeSchema, blockCreate, blockUpdate } from '@spokestack/core/cms';
import { and, arrayContains, eq, inArray, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { checkReferences, tableInfo } from '../db/resource-service.js';
import { badRequest, conflict, forbidden, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import type { Entry } from './entry-rows.js';
import { contentBlocks, contentEntries } from './schema.js';
import type { EntryData } from './versions.js';

// Reusable content blocks. Entries use one through a blocks field item `{ blockId }`; the block's
// `usedInEntries` lists exactly the entries whose draft references it, maintained on every entry save
// and delete. Who may use a block: a global block, any entry; a non-global block, only entries of the
// block's client (`clientId`; a block without a client serves entries without a client), so one
// client's material never ends up on another client's pages.

type Block = typeof contentBlocks.$inferSelect;
const info = tableInfo(contentBlocks);

/** The `{ blockId }` items of entry data, with their paths inside `data`. */
export function blockRefs(schema: ContentTypeSchema, data: EntryData): { id: string; path: string }[] {
  const refs: { id: string; path: string }[] = [];
  for (const field of schema.fields) {
    const value = data[field.name];
    if (field.type !== 'blocks' || !Array.isArray(value)) continue;
    value.forEach((item, i) => {
      const id = typeof item === 'object' && item !== null && !Array.isArray(item) ? item.blockId : undefined;
      if (typeof id === 'string') refs.push({ id, path: `${field.name}.${i}` });
    });
  }
  return refs;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Keeps `usedInEntries` of every block exact after an entry save, and refuses (400, naming the item)
 * a non-global block of another client. Call it in the save's transaction.
 *
 * @example await syncBlockUsage(tx, ctx, type.schema, before, after)
 */
export async function syncBlockUsage(
  tx: Db,
  ctx: TenantContext,
  schema: ContentTypeSchema,
  before: Entry | undefined,
  after: Entry,
): Promise<void> {
  const refs = blockRefs(schema, after.data as EntryData);
  const ids = [...new Set(refs.map((r) => r.id))];
  const previous = before ? [...new Set(blockRefs(schema, before.data as EntryData).map((r) => r.id))] : [];
  if (before && sameSet(ids, previous) && before.clientId === after.clientId) return;
  if (ids.length) {
    const rows = await tx
      .select({ id: contentBlocks.id, slug: contentBlocks.slug, isGlobal: contentBlocks.isGlobal, clientId: contentBlocks.clientId })
      .from(contentBlocks)
      .where(and(eq(contentBlocks.organizationId, ctx.organizationId), inArray(contentBlocks.id, ids)));
    const foreign = new Map(rows.filter((b) => !b.isGlobal && b.clientId !== after.clientId).map((b) => [b.id, b]));
    const errors = refs
      .filter((r) => foreign.has(r.id))
      .map((r) => ({
        path: `body.data.${r.path}.blockId`,
        message: `The block "${foreign.get(r.id)!.slug}" is not global and belongs to ${
          foreign.get(r.id)!.clientId ? 'another ' + 'client' : "the agency's own content"
        }`,
      }));
    if (errors.length) throw badRequest(errors);
  }
  const org = eq(contentBlocks.organizationId, ctx.organizationId);
  await tx
    .update(contentBlocks)
    .set({ usedInEntries: sql`array_remove(${contentBlocks.usedInEntries}, ${after.id})` })
    .where(and(org, arrayContains(contentBlocks.usedInEntries, [after.id]), ids.length ? notInArray(contentBlocks.id, ids) : undefined));
  if (ids.length)
    await tx
      .update(contentBlocks)
      .set({ usedInEntries: sql`array_append(${contentBlocks.usedInEntries}, ${after.id})` })
      .where(and(org, inArray(contentBlocks.id, ids), sql`not (${contentBlocks.usedInEntries} @> array[${after.id}]::text[])`));
}

/**
 * Drops a deleted entry from every block's `usedInEntries`. Call it in the delete's transaction.
 *
 * @example await releaseEntryBlocks(tx, ctx, entry.id)
 */
export async function releaseEntryBlocks(tx: Db, ctx: TenantContext, entryId: string): Promise<void> {
  await tx
    .update(contentBlocks)
    .set({ usedInEntries: sql`array_remove(${contentBlocks.usedInEntries}, ${entryId})` })
    .where(and(eq(contentBlocks.organizationId, ctx.organizationId), arrayContains(contentBlocks.usedInEntries, [entryId])));
}

async function lockBlock(tx: Db, ctx: TenantContext, id: string): Promise<Block> {
  const [row] = await tx
    .select()
    .from(contentBlocks)
    .where(and(eq(contentBlocks.organizationId, ctx.organizationId), eq(contentBlocks.id, id)))
    .for('update');
  if (!row) throw notFound('Content block');
  return row;
}

/**
 * Creates a content block (`usedInEntries` starts empty; the server keeps it).
 *
 * @example await createBlock(db, ctx, { name: 'Newsletter CTA', slug: 'newsletter-cta', blockType: 'cta', data: { label: 'Subscribe' },
 * isGlobal: true })
 */
export async function createBlock(db: Db, ctx: TenantContext, input: z.output<typeof blockCreate>): Promise<Block> {
  return transaction(db, async (tx) => {
    await checkReferences(tx, info, ctx, { clientId: input.clientId });
    const [row] = await tx
      .insert(contentBlocks)
      .values({
        ...input,
        organizationId: ctx.organizationId,
        usedInEntries: [],
        createdById: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, {
      action: 'created',
      entityType: 'content_blocks',
      entityId: row!.id,
      entityTitle: row!.name,
      clientId: row!.clientId,
      metadata: { blockType: row!.blockType, isGlobal: row!.isGlobal },
    });
    return row!;
  });
}

/**
 * Updates a block. A locked block refuses every change but unlocking (409), and only OWNER or ADMIN
 * may unlock. Making a used block non-global, or moving it to another client, is refused (409) while
 * entries outside its new reach use it.
 *
 * @example await updateBlock(db, ctx, block.id, { data: { label: 'Join us' } })
 */
export async function updateBlock(db: Db, ctx: TenantContext, id: string, input: z.output<typeof blockUpdate>): Promise<Block> {
  return transaction(db, async (tx) => {
    const block = await lockBlock(tx, ctx, id);
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as typeof input;
    if (block.isLocked) {
      const others = Object.keys(changes).filter((k) => k !== 'isLocked');
      if (others.length || changes.isLocked !== false)
        throw conflict(
          `The block "${block.slug}" is locked; unlock it (isLocked: false) before editing`,
          { isLocked: true },
          others.map((k) => ({ path: `body.${k}`, message: 'The block is locked' })),
        );
      if (ctx.actor.role !== 'OWNER' && ctx.actor.role !== 'ADMIN') throw forbidden('Only an OWNER or ADMIN may unlock a block');
    }
    await checkReferences(tx, info, ctx, { clientId: changes.clientId });
    const isGlobal = changes.isGlobal ?? block.isGlobal;
    const clientId = changes.clientId === undefined ? block.clientId : changes.clientId;
    if (!isGlobal && block.usedInEntries.length) {
      const [outside] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(contentEntries)
        .where(
          and(
            eq(contentEntries.organizationId, ctx.organizationId),
            inArray(contentEntries.id, block.usedInEntries),
            clientId === null
              ? sql`${contentEntries.clientId} is not null`
              : or(isNull(contentEntries.clientId), ne(contentEntries.clientId, clientId)),
          ),
        );
      if (outside!.n > 0)
        throw conflict(
          `${outside!.n} entr${outside!.n === 1 ? 'y' : 'ies'} of other clients use this block; it must stay global for them`,
          { entries: outside!.n },
          [{ path: changes.isGlobal === false ? 'body.isGlobal' : 'body.clientId', message: 'Used by entries outside its reach' }],
        );
    }
    const [row] = await tx
      .update(contentBlocks)
      .set({ ...changes, updatedAt: ctx.now })
      .where(eq(contentBlocks.id, id))
      .returning();
    const action = block.isLocked && changes.isLocked === false ? 'unlocked' : !block.isLocked && changes.isLocked ? 'locked' : 'updated';
    await recordActivity(tx, ctx, {
      action,
      entityType: 'content_blocks',
      entityId: id,
      entityTitle: row!.name,
      clientId: row!.clientId,
      metadata: { changedFields: Object.keys(changes) },
    });
    return row!;
  });
}

/**
 * Deletes a block; a locked one, or one entries still use, is refused (409).
 *
 * @example await deleteBlock(db, ctx, block.id)
 */
export async function deleteBlock(db: Db, ctx: TenantContext, id: string) {
  return transaction(db, async (tx) => {
    const block = await lockBlock(tx, ctx, id);
    if (block.isLocked) throw conflict(`The block "${block.slug}" is locked; unlock it before deleting it`, { isLocked: true });
    if (block.usedInEntries.length)
      throw conflict(
        `${block.usedInEntries.length} entr${block.usedInEntries.length === 1 ? 'y uses' : 'ies use'} this block; remove it from them ` +
          `first`,
        { usedInEntries: block.usedInEntries },
      );
    await tx.delete(contentBlocks).where(eq(contentBlocks.id, id));
    await recordActivity(tx, ctx, {
      action: 'deleted',
      entityType: 'content_blocks',
      entityId: id,
      entityTitle: block.name,
      clientId: block.clientId,
    });
    return { id, deleted: true as const };
  });
}
