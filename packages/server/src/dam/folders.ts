import type { folderCreate, folderDeleteQuery, folderUpdate } from '@spokestack/core/dam';
import { and, count, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { HttpError, badRequest, conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { assetVisible, folderVisible, visibleLibrary } from './access.js';
import { assetFolders, assets } from './schema.js';

// The folder tree of a library. `path` is the slugs from the root and `depth` the number of ancestors;
// a rename or move rewrites the folder and every descendant (found by path prefix) in one transaction,
// under a lock on the library's tree, so readers never see half a move and two moves never interleave.

type Folder = typeof assetFolders.$inferSelect;

const slugOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '') || 'folder';

const lockTree = (tx: Db, ctx: TenantContext, libraryId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dam.folders:${ctx.organizationId}:${libraryId}`}))`);

/** 409 when the place already has a folder with this slug (checked under the tree lock, so no race). */
async function assertFree(tx: Db, libraryId: string, path: string, except?: string) {
  const [taken] = await tx
    .select({ id: assetFolders.id })
    .from(assetFolders)
    .where(and(eq(assetFolders.libraryId, libraryId), eq(assetFolders.path, path)));
  if (taken && taken.id !== except)
    throw conflict(`A folder ${path} already exists`, { fields: ['slug'] }, [
      { path: 'body.slug', message: 'Already used by a folder there' },
    ]);
}

async function folderIn(tx: Db, ctx: TenantContext, libraryId: string, id: string, path: string): Promise<Folder> {
  const [folder] = await tx
    .select()
    .from(assetFolders)
    .where(and(eq(assetFolders.organizationId, ctx.organizationId), eq(assetFolders.libraryId, libraryId), eq(assetFolders.id, id)));
  if (!folder) throw badRequest([{ path, message: 'No folder with this id in the library' }]);
  return folder;
}

/**
 * Creates a folder at the root of a library the caller sees, or inside one of its folders; 409 when the
 * parent already has a folder with this slug.
 *
 * @example const spring = await createFolder(db, ctx, { libraryId, name: 'Spring', parentId: campaigns.id }) // path '/campaigns/spring'
 */
export async function createFolder(db: Db, ctx: TenantContext, input: z.output<typeof folderCreate>): Promise<Folder> {
  const library = await visibleLibrary(db, ctx, input.libraryId).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 404)
      throw badRequest([{ path: 'body.libraryId', message: 'No library with this id' }]);
    throw error;
  });
  return transaction(db, async (tx) => {
    await lockTree(tx, ctx, library.id);
    const parent = input.parentId ? await folderIn(tx, ctx, library.id, input.parentId, 'body.parentId') : undefined;
    const slug = input.slug ?? slugOf(input.name);
    await assertFree(tx, library.id, `${parent?.path ?? ''}/${slug}`);
    const [row] = await tx
      .insert(assetFolders)
      .values({
        organizationId: ctx.organizationId,
        libraryId: library.id,
        name: input.name,
        slug,
        description: input.description ?? null,
        color: input.color ?? null,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? ''}/${slug}`,
        depth: parent ? parent.depth + 1 : 0,
        defaultMetadata: input.defaultMetadata ?? {},
        createdById: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, {
      action: 'created',
      entityType: 'asset_folders',
      entityId: row!.id,
      entityTitle: row!.name,
      clientId: library.clientId,
    });
    return row!;
  });
}

/**
 * Renames (`slug`) or moves (`parentId`) a folder with its subtree; moving it under itself or one of its
 * descendants is a 409, as is a slug its new parent already has.
 *
 * @example await updateFolder(db, ctx, spring.id, { parentId: archive.id }) // '/archive/spring', and '/archive/spring/…' below it
 */
export async function updateFolder(db: Db, ctx: TenantContext, id: string, input: z.output<typeof folderUpdate>): Promise<Folder> {
  const [found] = await db
    .select()
    .from(assetFolders)
    .where(and(folderVisible(db, ctx), eq(assetFolders.id, id)));
  if (!found) throw notFound('Folder');
  return transaction(db, async (tx) => {
    await lockTree(tx, ctx, found.libraryId);
    const [folder] = await tx.select().from(assetFolders).where(eq(assetFolders.id, id));
    if (!folder) throw notFound('Folder');
    const parentId = input.parentId === undefined ? folder.parentId : input.parentId;
    const parent = parentId ? await folderIn(tx, ctx, folder.libraryId, parentId, 'body.parentId') : undefined;
    if (parent && (parent.id === folder.id || parent.path.startsWith(`${folder.path}/`)))
      throw conflict('A folder cannot move into itself or one of its subfolders', { fields: ['parentId'] }, [
        { path: 'body.parentId', message: 'Is the folder itself or one of its subfolders' },
      ]);
    const slug = input.slug ?? folder.slug;
    const path = `${parent?.path ?? ''}/${slug}`;
    const depth = parent ? parent.depth + 1 : 0;
    await assertFree(tx, folder.libraryId, path, folder.id);
    const [row] = await tx
      .update(assetFolders)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.color !== undefined && { color: input.color }),
        ...(input.defaultMetadata !== undefined && { defaultMetadata: input.defaultMetadata }),
        slug,
        parentId: parent?.id ?? null,
        path,
        depth,
        updatedAt: ctx.now,
      })
      .where(eq(assetFolders.id, folder.id))
      .returning();
    if (path !== folder.path)
      await tx
        .update(assetFolders)
        .set({
          path: sql`${path} || substr(${assetFolders.path}, ${folder.path.length + 1})`,
          depth: sql`${assetFolders.depth} + ${depth - folder.depth}`,
          updatedAt: ctx.now,
        })
        .where(and(eq(assetFolders.libraryId, folder.libraryId), like(assetFolders.path, `${folder.path}/%`)));
    await recordActivity(tx, ctx, {
      action: path === folder.path ? 'updated' : parent?.id === folder.parentId ? 'renamed' : 'moved',
      entityType: 'asset_folders',
      entityId: folder.id,
      entityTitle: row!.name,
      metadata: { from: folder.path, to: path },
    });
    return row!;
  });
}

/**
 * Moves assets into a folder of their library (or its root, with `folderId: null`): all of them or,
 * when one is unknown, hidden or of another library, none (400).
 *
 * @example await moveAssets(db, ctx, { assetIds: [a.id, b.id], folderId: spring.id }) // { moved: 2 }
 */
export async function moveAssets(db: Db, ctx: TenantContext, input: { assetIds: string[]; folderId: string | null }) {
  const ids = [...new Set(input.assetIds)];
  return transaction(db, async (tx) => {
    const rows = await tx
      .select({ id: assets.id, name: assets.name, libraryId: assets.libraryId, folderId: assets.folderId })
      .from(assets)
      .where(and(assetVisible(tx, ctx), inArray(assets.id, ids)))
      .for('update');
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw badRequest([{ path: 'body.assetIds', message: `No asset with the id ${missing.join(', ')}` }]);
    let folder: Folder | undefined;
    if (input.folderId) {
      [folder] = await tx
        .select()
        .from(assetFolders)
        .where(and(folderVisible(tx, ctx), eq(assetFolders.id, input.folderId)));
      if (!folder) throw badRequest([{ path: 'body.folderId', message: 'No folder with this id' }]);
      const elsewhere = rows.filter((r) => r.libraryId !== folder!.libraryId);
      if (elsewhere.length)
        throw badRequest([{ path: 'body.assetIds', message: `Not in the folder's library: ${elsewhere.map((r) => r.id).join(', ')}` }]);
    }
    await tx
      .update(assets)
      .set({ folderId: folder?.id ?? null, lastEditedById: ctx.actor.id, updatedAt: ctx.now })
      .where(inArray(assets.id, ids));
    for (const row of rows)
      await recordActivity(tx, ctx, {
        action: 'moved',
        entityType: 'assets',
        entityId: row.id,
        entityTitle: row.name,
        metadata: { from: row.folderId, to: folder?.id ?? null },
      });
    return { moved: rows.length };
  });
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Deletes a folder with its subfolders, in one transaction under the tree lock. A folder that holds
 * assets or subfolders is refused (409 naming the counts) unless the caller says what becomes of the
 * assets below it: `move` them to another folder of the library (outside the subtree), or `delete` them
 * by the rule of DELETE /assets/:id (each row removed with its versions, renditions and comments, and
 * its `deleted` activity). Subfolders go with the folder either way: they are its contents' places.
 *
 * @example await deleteFolder(db, ctx, spring.id, { assets: 'move', to: archive.id }) // { id, deleted: true }
 */
export async function deleteFolder(db: Db, ctx: TenantContext, id: string, query: z.output<typeof folderDeleteQuery>) {
  const [found] = await db
    .select()
    .from(assetFolders)
    .where(and(folderVisible(db, ctx), eq(assetFolders.id, id)));
  if (!found) throw notFound('Folder');
  if (query.assets === 'move' && !query.to) throw badRequest([{ path: 'query.to', message: 'Required with assets=move' }]);
  return transaction(db, async (tx) => {
    await lockTree(tx, ctx, found.libraryId);
    const [folder] = await tx.select().from(assetFolders).where(eq(assetFolders.id, id));
    if (!folder) throw notFound('Folder');
    const subtree = and(
      eq(assetFolders.organizationId, ctx.organizationId),
      eq(assetFolders.libraryId, folder.libraryId),
      or(eq(assetFolders.id, folder.id), like(assetFolders.path, `${folder.path}/%`)),
    );
    const folderIds = (await tx.select({ id: assetFolders.id }).from(assetFolders).where(subtree)).map((r) => r.id);
    const held = and(eq(assets.organizationId, ctx.organizationId), inArray(assets.folderId, folderIds));
    const [{ n: assetCount } = { n: 0 }] = await tx.select({ n: count() }).from(assets).where(held);
    const subfolders = folderIds.length - 1;
    if ((assetCount || subfolders) && !query.assets)
      throw conflict(
        `The folder holds ${plural(assetCount, 'asset')} and ${plural(subfolders, 'subfolder')}; ` +
          'say assets=move&to=<folderId> or assets=delete',
        { assets: assetCount, subfolders },
      );
    let assetsMoved = 0;
    let assetsDeleted = 0;
    if (assetCount && query.assets === 'move') {
      const target = await folderIn(tx, ctx, folder.libraryId, query.to!, 'query.to');
      if (folderIds.includes(target.id))
        throw conflict('The assets cannot move into the folder being deleted or one of its subfolders', undefined, [
          { path: 'query.to', message: 'Is the folder being deleted or one of its subfolders' },
        ]);
      assetsMoved = (await moveAssets(tx, ctx, { assetIds: await heldIds(tx, held), folderId: target.id })).moved;
    } else if (assetCount && query.assets === 'delete') {
      const rows = await tx.select({ id: assets.id, name: assets.name }).from(assets).where(held);
      await tx.delete(assets).where(held);
      for (const row of rows)
        await recordActivity(tx, ctx, { action: 'deleted', entityType: 'assets', entityId: row.id, entityTitle: row.name });
      assetsDeleted = rows.length;
    }
    // One statement for the whole subtree: the parent references are checked at its end, not row by row.
    await tx.delete(assetFolders).where(subtree);
    await recordActivity(tx, ctx, {
      action: 'deleted',
      entityType: 'asset_folders',
      entityId: folder.id,
      entityTitle: folder.name,
      metadata: { path: folder.path, subfolders, assetsMoved, assetsDeleted, ...(query.to && assetsMoved && { to: query.to }) },
    });
    return { id: folder.id, deleted: true as const };
  });
}

const heldIds = async (tx: Db, held: ReturnType<typeof and>) =>
  (await tx.select({ id: assets.id }).from(assets).where(held)).map((r) => r.id);
