import { type commentFilters, damResources, type sharedCommentCreate, smartRules as smartRulesSchema } from '@spokestack/core/dam';
import { type SQL, and, asc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { Actor, AppContext, TenantContext } from '../platform/context.js';
import { memberships, users } from '../platform/schema.js';
import { assetVisible } from './access.js';
import { smartWhere } from './collections.js';
import { type CommentScope, createComment, listComments, memberScope } from './comments.js';
import { assetCollectionItems, assetCollections, assets, collectionShares } from './schema.js';

// Collection shares give their holder an access level on a collection's assets. The holder is a CLIENT
// member whose email a share names (their session), or whoever holds a share's signed link (the `share`
// purpose; the share row is looked up on every use, so deleting it stops its links at once). From
// COMMENT up, on a collection that allows comments, the holder reads and writes comment threads on the
// shared assets and nowhere else. What a share reaches is live (a smart collection's matches now), never
// EXPIRED, and never more than its creator sees: a share cannot widen anyone's view of the libraries.

type Share = typeof collectionShares.$inferSelect;
type Collection = typeof assetCollections.$inferSelect;
interface LiveShare {
  share: Share;
  collection: Collection;
}
const commenting = new Set<string>(['COMMENT', 'EDIT']);
const shareRows = resourceService(collectionShares, damResources.collectionShares);
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const canComment = ({ share, collection }: LiveShare) => commenting.has(share.accessLevel) && collection.allowComments;

/** Unexpired shares of the organization with their collections, narrowed by `where`. */
const liveShares = (db: Db, organizationId: string, now: Date, where: SQL) =>
  db
    .select({ share: collectionShares, collection: assetCollections })
    .from(collectionShares)
    .innerJoin(assetCollections, eq(assetCollections.id, collectionShares.collectionId))
    .where(
      and(
        eq(collectionShares.organizationId, organizationId),
        eq(assetCollections.organizationId, organizationId),
        or(isNull(collectionShares.expiresAt), gt(collectionShares.expiresAt, now)),
        where,
      ),
    );

/**
 * The creator of a share (or of an upload link) as an actor, to see the libraries through their eyes
 * (API keys act as ADMIN), so what a link reaches is never more than its creator does.
 *
 * @example const creator = await creatorOf(db, share)
 */
export async function creatorOf(db: Db, share: Pick<Share, 'organizationId' | 'createdById'>): Promise<Actor> {
  const [member] = await db
    .select({ role: memberships.role, clientId: memberships.clientId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, share.organizationId), eq(memberships.userId, share.createdById)));
  return { type: 'user', id: share.createdById, name: '', role: member?.role ?? 'ADMIN', clientId: member?.clientId ?? null };
}

/** The assets these shares reach, as a where clause over `assets`. */
async function sharedWhere(db: Db, app: AppContext, shares: LiveShare[]): Promise<SQL> {
  const parts: SQL[] = [];
  for (const { share, collection } of shares) {
    const held =
      collection.collectionType === 'SMART'
        ? smartWhere(smartRulesSchema.parse(collection.smartRules))
        : inArray(
            assets.id,
            db
              .select({ id: assetCollectionItems.assetId })
              .from(assetCollectionItems)
              .where(
                and(eq(assetCollectionItems.organizationId, share.organizationId), eq(assetCollectionItems.collectionId, collection.id)),
              ),
          );
    const creator: TenantContext = { ...app, organizationId: share.organizationId, actor: await creatorOf(db, share) };
    parts.push(and(held, assetVisible(db, creator))!);
  }
  return parts.length ? and(ne(assets.status, 'EXPIRED'), or(...parts))! : sql`false`;
}

const notShared = () => forbidden('This asset is not shared with you with COMMENT access');

/**
 * Where the caller's comments may be: a member's libraries, or for a CLIENT member the assets of the
 * collections shared with their email at COMMENT access or above (anything else answers 403).
 *
 * @example await listComments(db, ctx, query, await commentScope(db, ctx))
 */
export async function commentScope(db: Db, ctx: TenantContext): Promise<CommentScope> {
  if (ctx.actor.role !== 'CLIENT') return memberScope(db, ctx);
  const [user] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.organizationId, ctx.organizationId), eq(users.id, ctx.actor.id)));
  const shares = user
    ? await liveShares(db, ctx.organizationId, ctx.now, sql`lower(${collectionShares.email}) = lower(${user.email})`)
    : [];
  return { where: await sharedWhere(db, ctx, shares.filter(canComment)), outside: notShared };
}

/**
 * Shares a collection with one email (or client contact) at an access level: the email must look like one
 * (400), and a collection has one share per email, compared without case (409: change that share's level
 * instead). Checked under a lock on the collection's shares, so two adds of one email never both land.
 *
 * @example await createCollectionShare(db, ctx, { collectionId, email: 'ann@acme.test', accessLevel: 'COMMENT' })
 */
export async function createCollectionShare(db: Db, ctx: TenantContext, input: Record<string, unknown>) {
  const email = typeof input.email === 'string' ? input.email.trim() : null;
  if (email !== null && !emailShape.test(email)) throw badRequest([{ path: 'body.email', message: 'Expected an email address' }]);
  return transaction(db, async (tx) => {
    const collectionId = String(input.collectionId);
    if (email) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dam.collectionShares:${ctx.organizationId}:${collectionId}`}))`);
      const [taken] = await tx
        .select({ id: collectionShares.id })
        .from(collectionShares)
        .where(
          and(
            eq(collectionShares.organizationId, ctx.organizationId),
            eq(collectionShares.collectionId, collectionId),
            sql`lower(${collectionShares.email}) = lower(${email})`,
          ),
        );
      if (taken)
        throw conflict(`The collection is already shared with ${email}; change that share's access level instead`, { shareId: taken.id }, [
          { path: 'body.email', message: 'Already has access' },
        ]);
    }
    return shareRows.create(tx, ctx, { ...input, ...(email !== null && { email }) });
  });
}

/**
 * Mints a signed link for a share: valid `expiresInDays`, and never past the share's own expiry.
 *
 * @example const { token, url } = await createShareLink(db, ctx, share.id, 14)
 */
export async function createShareLink(db: Db, ctx: TenantContext, id: string, expiresInDays: number) {
  const [found] = await liveShares(db, ctx.organizationId, new Date(0), eq(collectionShares.id, id));
  if (!found) throw notFound('Collection share');
  const { share, collection } = found;
  const cap = new Date(ctx.now.getTime() + expiresInDays * 86_400_000);
  const expiresAt = share.expiresAt && share.expiresAt < cap ? share.expiresAt : cap;
  if (expiresAt <= ctx.now) throw conflict('The share has expired; extend it before minting a link');
  const token = ctx.signer.token('share', { o: ctx.organizationId, s: share.id }, expiresAt);
  await recordActivity(db, ctx, {
    action: 'share_link_created',
    entityType: 'asset_collections',
    entityId: collection.id,
    entityTitle: collection.name,
    metadata: { shareId: share.id, accessLevel: share.accessLevel, expiresAt: expiresAt.toISOString() },
  });
  return { token, url: `/v1/dam/public/shares/${token}`, expiresAt };
}

/** The share a link names, counted as one access, acting as the link's holder; 401 forged or expired, 404 deleted. */
async function openShare(db: Db, app: AppContext, token: string, name?: string) {
  const claims = app.signer.verify<{ o: string; s: string }>('share', token, app.now);
  if (!claims || typeof claims.o !== 'string' || typeof claims.s !== 'string')
    throw unauthorized('Invalid or expired share link; ask for a new one');
  const [found] = await liveShares(db, claims.o, app.now, eq(collectionShares.id, claims.s));
  if (!found) throw notFound('Collection share');
  await db
    .update(collectionShares)
    .set({ accessCount: sql`${collectionShares.accessCount} + 1`, lastAccessedAt: app.now })
    .where(eq(collectionShares.id, found.share.id));
  const actor: Actor = {
    type: 'system',
    id: `share:${found.share.id}`,
    name: name ?? found.share.email ?? 'Share link',
    role: 'CLIENT',
    clientId: null,
  };
  const ctx: TenantContext = { ...app, organizationId: claims.o, actor };
  return { ...found, ctx, where: await sharedWhere(db, app, [found]) };
}

/**
 * What a share link shows: the collection, the access it gives and its assets (EXPIRED ones left out).
 *
 * @example const { assets, canComment } = await viewShare(db, app, token)
 */
export async function viewShare(db: Db, app: AppContext, token: string) {
  const opened = await openShare(db, app, token);
  const shared = await db
    .select({ id: assets.id, name: assets.name, assetType: assets.assetType })
    .from(assets)
    .where(opened.where)
    .orderBy(asc(assets.name), asc(assets.id))
    .limit(200);
  const { collection, share } = opened;
  return {
    collection: { name: collection.name, description: collection.description },
    accessLevel: share.accessLevel,
    canComment: canComment(opened),
    assets: shared,
  };
}

/** A share link's holder as a commenter: 403 below COMMENT or when the collection allows no comments. */
async function commenter(db: Db, app: AppContext, token: string, name?: string) {
  const opened = await openShare(db, app, token, name);
  if (!canComment(opened))
    throw forbidden(
      opened.collection.allowComments
        ? `This share gives ${opened.share.accessLevel} access; comments need COMMENT`
        : 'This collection allows no comments',
    );
  return { ctx: opened.ctx, scope: { where: opened.where, outside: notShared } };
}

/** @example const { data } = await listSharedComments(db, app, token, { assetId }) */
export async function listSharedComments(
  db: Db,
  app: AppContext,
  token: string,
  query: z.output<typeof commentFilters> & { limit?: number; cursor?: string },
) {
  const { ctx, scope } = await commenter(db, app, token);
  return listComments(db, ctx, query, scope);
}

/** @example await createSharedComment(db, app, token, { assetId, content: 'Warmer, please', authorName: 'Ann' }) */
export async function createSharedComment(db: Db, app: AppContext, token: string, input: z.output<typeof sharedCommentCreate>) {
  const { authorName, ...comment } = input;
  const { ctx, scope } = await commenter(db, app, token, authorName);
  return createComment(db, ctx, comment, scope);
}
