import type { commentCreate } from '@spokestack/core/dam';
import { type SQL, and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { tableInfo } from '../db/resource-service.js';
import { HttpError, badRequest, forbidden, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import { isAdmin } from '../platform/auth.js';
import type { TenantContext } from '../platform/context.js';
import { type Asset, assetVisible } from './access.js';
import { assetComments, assets, assetVersions } from './schema.js';

// Comment threads on assets. Everything goes through the asset's visibility: a comment on an asset of a
// hidden library answers like one that does not exist. Annotations are checked against the asset — a
// moment must fall within a video's or audio file's duration, a point or rectangle needs something to
// point at — and a comment is pinned to a version that exists. Reads and new comments go through a
// scope: the assets a member sees, or (shares.ts) the assets a share gives COMMENT access to.

type Comment = typeof assetComments.$inferSelect;
type Input = z.output<typeof commentCreate>;
const visual = /^(IMAGE|VIDEO|DOC|DESIGN)_/;

function checkAnnotation(asset: Asset, annotation: Input['annotation']) {
  if (!annotation) return;
  const path = 'body.annotation';
  if (annotation.type === 'timestamp') {
    const duration = (asset.metadata as { duration?: unknown }).duration;
    if (typeof duration !== 'number')
      throw badRequest([{ path, message: 'A timestamp annotation needs a video or audio asset with a known duration' }]);
    if (annotation.time > duration)
      throw badRequest([{ path: `${path}.time`, message: `Past the end of the media (${duration.toFixed(2)} s)` }]);
  } else if (!visual.test(asset.assetType))
    throw badRequest([{ path, message: `A ${annotation.type} annotation needs an image, video or document to point at` }]);
}

/**
 * The assets a caller's comments are about: `where` over `assets`, and what an asset outside it answers
 * (a member: like a missing one; a share's holder: 403, the share does not reach it).
 */
export interface CommentScope {
  where: SQL;
  outside?: () => HttpError;
}

/** A member's scope: the assets of the libraries they see. @example await listComments(db, ctx, query, memberScope(db, ctx)) */
export const memberScope = (db: Db, ctx: TenantContext): CommentScope => ({ where: assetVisible(db, ctx) });

const inScope = (db: Db, scope: CommentScope) =>
  inArray(assetComments.assetId, db.select({ id: assets.id }).from(assets).where(scope.where));

async function scopedAsset(db: Db, scope: CommentScope, id: string): Promise<Asset> {
  const [row] = await db
    .select()
    .from(assets)
    .where(and(scope.where, eq(assets.id, id)))
    .limit(1);
  if (!row) throw scope.outside?.() ?? notFound('Asset');
  return row;
}

async function visibleComment(db: Db, ctx: TenantContext, id: string, scope = memberScope(db, ctx)): Promise<Comment> {
  const [row] = await db
    .select()
    .from(assetComments)
    .where(and(eq(assetComments.organizationId, ctx.organizationId), eq(assetComments.id, id), inScope(db, scope)))
    .limit(1);
  if (!row) throw notFound('Comment');
  return row;
}

/**
 * Comments on an asset the caller sees, or replies in one of its threads. The version defaults to the
 * current one; a reply takes its thread's.
 *
 * @example await createComment(db, ctx, { assetId, content: 'Logo too small', annotation: { type: 'point', x: 0.8, y: 0.1 } })
 */
export async function createComment(db: Db, ctx: TenantContext, input: Input, scope = memberScope(db, ctx)): Promise<Comment> {
  const asset = await scopedAsset(db, scope, input.assetId).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 404) throw badRequest([{ path: 'body.assetId', message: 'No asset with this id' }]);
    throw error;
  });
  let versionNumber = input.versionNumber;
  if (input.parentId) {
    const [parent] = await db
      .select()
      .from(assetComments)
      .where(and(eq(assetComments.organizationId, ctx.organizationId), eq(assetComments.id, input.parentId)));
    if (!parent || parent.assetId !== asset.id)
      throw badRequest([{ path: 'body.parentId', message: 'No comment with this id on the asset' }]);
    if (parent.parentId) throw badRequest([{ path: 'body.parentId', message: 'Reply to the thread’s first comment' }]);
    if (input.annotation) throw badRequest([{ path: 'body.annotation', message: 'Replies carry no annotation; the thread has it' }]);
    if (versionNumber !== undefined && versionNumber !== parent.versionNumber)
      throw badRequest([{ path: 'body.versionNumber', message: 'A reply is about its thread’s version' }]);
    versionNumber = parent.versionNumber ?? undefined;
  }
  checkAnnotation(asset, input.annotation);
  const [version] = await db
    .select({ n: assetVersions.versionNumber })
    .from(assetVersions)
    .where(
      and(
        eq(assetVersions.assetId, asset.id),
        versionNumber === undefined ? eq(assetVersions.isCurrentVersion, true) : eq(assetVersions.versionNumber, versionNumber),
      ),
    )
    .orderBy(desc(assetVersions.versionNumber))
    .limit(1);
  if (versionNumber !== undefined && !version)
    throw badRequest([{ path: 'body.versionNumber', message: 'The asset has no version with this number' }]);
  return transaction(db, async (tx) => {
    const [row] = await tx
      .insert(assetComments)
      .values({
        organizationId: ctx.organizationId,
        assetId: asset.id,
        parentId: input.parentId ?? null,
        content: input.content,
        authorId: ctx.actor.id,
        authorType: ctx.actor.role === 'CLIENT' ? 'client' : 'user',
        annotation: input.annotation ?? null,
        versionNumber: version?.n ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, {
      action: input.parentId ? 'replied' : 'commented',
      entityType: 'assets',
      entityId: asset.id,
      entityTitle: asset.name,
      metadata: { commentId: row!.id, versionNumber: row!.versionNumber, annotation: row!.annotation },
    });
    return row!;
  });
}

const info = tableInfo(assetComments);

/**
 * A page of threads (one asset's, or those of every asset the caller sees), oldest first, with their replies.
 *
 * @example const { data } = await listComments(db, ctx, { assetId, isResolved: false })
 */
export async function listComments(
  db: Db,
  ctx: TenantContext,
  query: { assetId?: string; versionNumber?: number; isResolved?: boolean; limit?: number; cursor?: string },
  scope = memberScope(db, ctx),
) {
  if (query.assetId) await scopedAsset(db, scope, query.assetId);
  const keys = parseSort('createdAt', info.columns, ['createdAt'], 'createdAt', assetComments.id);
  const limit = pageLimit(query.limit);
  const threads = await db
    .select()
    .from(assetComments)
    .where(
      and(
        eq(assetComments.organizationId, ctx.organizationId),
        query.assetId ? eq(assetComments.assetId, query.assetId) : inScope(db, scope),
        isNull(assetComments.parentId),
        query.versionNumber === undefined ? undefined : eq(assetComments.versionNumber, query.versionNumber),
        query.isResolved === undefined ? undefined : eq(assetComments.isResolved, query.isResolved),
        cursorWhere(keys, query.cursor),
      ),
    )
    .orderBy(...orderBy(keys))
    .limit(limit + 1);
  const page = toPage(threads, limit, keys);
  const replies = page.data.length
    ? await db
        .select()
        .from(assetComments)
        .where(
          and(
            eq(assetComments.organizationId, ctx.organizationId),
            inArray(
              assetComments.parentId,
              page.data.map((t) => t.id),
            ),
          ),
        )
        .orderBy(asc(assetComments.createdAt), asc(assetComments.id))
    : [];
  return { data: page.data.map((t) => ({ ...t, replies: replies.filter((r) => r.parentId === t.id) })), nextCursor: page.nextCursor };
}

/** @example await getComment(db, ctx, id) */
export const getComment = (db: Db, ctx: TenantContext, id: string, scope?: CommentScope) => visibleComment(db, ctx, id, scope);

/** Edits the text of the caller's own comment. @example await updateComment(db, ctx, id, 'Logo a bit larger') */
export async function updateComment(db: Db, ctx: TenantContext, id: string, content: string): Promise<Comment> {
  const comment = await visibleComment(db, ctx, id);
  if (comment.authorId !== ctx.actor.id) throw forbidden('Only its author can edit a comment');
  return transaction(db, async (tx) => {
    const [row] = await tx.update(assetComments).set({ content, updatedAt: ctx.now }).where(eq(assetComments.id, id)).returning();
    const [asset] = await tx.select({ name: assets.name }).from(assets).where(eq(assets.id, comment.assetId));
    await recordActivity(tx, ctx, {
      action: 'comment_edited',
      entityType: 'assets',
      entityId: comment.assetId,
      entityTitle: asset?.name ?? comment.assetId,
      metadata: { commentId: id },
    });
    return row!;
  });
}

/** Deletes a comment (the author's; OWNER/ADMIN: any) with its replies. @example await deleteComment(db, ctx, id) */
export async function deleteComment(db: Db, ctx: TenantContext, id: string) {
  const comment = await visibleComment(db, ctx, id);
  if (comment.authorId !== ctx.actor.id && !isAdmin(ctx)) throw forbidden('Only its author or an admin can delete a comment');
  return transaction(db, async (tx) => {
    await tx.delete(assetComments).where(or(eq(assetComments.parentId, id), eq(assetComments.id, id)));
    const [asset] = await tx.select({ name: assets.name }).from(assets).where(eq(assets.id, comment.assetId));
    await recordActivity(tx, ctx, {
      action: 'comment_deleted',
      entityType: 'assets',
      entityId: comment.assetId,
      entityTitle: asset?.name ?? comment.assetId,
      metadata: { commentId: id },
    });
    return { id, deleted: true as const };
  });
}

/**
 * Resolves (or reopens) a thread; replies cannot be resolved on their own (400).
 *
 * @example await resolveComment(db, ctx, thread.id, true)
 */
export async function resolveComment(db: Db, ctx: TenantContext, id: string, resolved: boolean): Promise<Comment> {
  const comment = await visibleComment(db, ctx, id);
  if (comment.parentId) throw badRequest([{ path: 'params.id', message: 'A reply is resolved with its thread; use the first comment' }]);
  return transaction(db, async (tx) => {
    const [row] = await tx
      .update(assetComments)
      .set({
        isResolved: resolved,
        resolvedById: resolved ? ctx.actor.id : null,
        resolvedAt: resolved ? ctx.now : null,
        updatedAt: ctx.now,
      })
      .where(eq(assetComments.id, id))
      .returning();
    const [asset] = await tx.select({ name: assets.name }).from(assets).where(eq(assets.id, comment.assetId));
    await recordActivity(tx, ctx, {
      action: resolved ? 'comment_resolved' : 'comment_reopened',
      entityType: 'assets',
      entityId: comment.assetId,
      entityTitle: asset?.name ?? comment.assetId,
      metadata: { commentId: id },
    });
    return row!;
  });
}
