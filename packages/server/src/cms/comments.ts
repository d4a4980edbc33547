import type { commentCreate, commentFilters } from '@spokestack/core/cms';
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { cursorWhere, orderBy, pageLimit, parseSort, toPage } from '../db/paging.js';
import { tableInfo } from '../db/resource-service.js';
import { badRequest, conflict, forbidden, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import { getContentType } from './content-types.js';
import type { TenantContext } from '../platform/context.js';
import { type Entry, findEntry } from './entry-rows.js';
import { contentComments, contentEntries } from './schema.js';
import { isAdmin } from '../platform/auth.js';

// Comments on entries: threads (`parentId`), anchored to a field (`fieldName`) and to a range of its
// text (`selection`), resolved and reopened. CLIENT members are read-only everywhere else, but they
// may comment (and resolve) on the entries shared with their client: discussing work with the client
// is what comments are for. Anyone sees the comments of the entries they can see.

type Comment = typeof contentComments.$inferSelect;
type ListInput = z.output<typeof commentFilters> & { limit?: number; cursor?: string };
const info = tableInfo(contentComments);

/** Comments on entries the caller can see: CLIENT members, only those of their client's entries. */
const visible = (ctx: TenantContext): SQL | undefined =>
  ctx.actor.role === 'CLIENT'
    ? inArray(
        contentComments.entryId,
        sql`(select ${contentEntries.id} from ${contentEntries} where ${contentEntries.organizationId} = ${ctx.organizationId} and
          ${contentEntries.clientId} = ${ctx.actor.clientId ?? ''})`,
      )
    : undefined;

/**
 * A comment the caller can see; 404 otherwise (another organization's, or a CLIENT member's view of
 * another client's entry).
 *
 * @example const comment = await getComment(db, ctx, id)
 */
export async function getComment(db: Db, ctx: TenantContext, id: string): Promise<Comment> {
  const [row] = await db
    .select()
    .from(contentComments)
    .where(and(eq(contentComments.organizationId, ctx.organizationId), eq(contentComments.id, id), visible(ctx)));
  if (!row) throw notFound('Comment');
  return row;
}

/**
 * Comments, oldest first, optionally of one entry, thread, field, or resolution state.
 *
 * @example const { data } = await listComments(db, ctx, { entryId, isResolved: false })
 */
export async function listComments(db: Db, ctx: TenantContext, query: ListInput) {
  const keys = parseSort(undefined, info.columns, ['createdAt'], 'createdAt', contentComments.id);
  const c = contentComments;
  const rows = await db
    .select()
    .from(c)
    .where(
      and(
        eq(c.organizationId, ctx.organizationId),
        visible(ctx),
        query.entryId ? eq(c.entryId, query.entryId) : undefined,
        query.parentId ? eq(c.parentId, query.parentId) : undefined,
        query.fieldName ? eq(c.fieldName, query.fieldName) : undefined,
        query.isResolved === undefined ? undefined : eq(c.isResolved, query.isResolved),
        cursorWhere(keys, query.cursor),
      ),
    )
    .orderBy(...orderBy(keys))
    .limit(pageLimit(query.limit) + 1);
  return toPage(rows, pageLimit(query.limit), keys);
}

const activity = (entry: Entry, action: string, comment: Comment, extra: Record<string, string | null> = {}) => ({
  action,
  entityType: 'content_entries',
  entityId: entry.id,
  entityTitle: entry.title,
  clientId: entry.clientId,
  projectId: entry.projectId,
  metadata: { commentId: comment.id, parentId: comment.parentId, fieldName: comment.fieldName, ...extra },
});

async function entryOf(tx: Db, ctx: TenantContext, id: string, path?: string): Promise<Entry> {
  const entry = await findEntry(tx, ctx, id);
  if (!entry) throw path ? badRequest([{ path, message: 'No entry with this id' }]) : notFound('Comment');
  return entry;
}

/**
 * Comments on an entry, a field of it, or a range of a field's text, or replies in a thread. CLIENT
 * members may comment on their client's entries.
 *
 * @example await createComment(db, ctx, { entryId, content: 'Can we say this shorter?', fieldName: 'title', selection: { from: 0, to: 24 }
 * })
 */
export async function createComment(db: Db, ctx: TenantContext, input: z.output<typeof commentCreate>): Promise<Comment> {
  return transaction(db, async (tx) => {
    const entry = await entryOf(tx, ctx, input.entryId, 'body.entryId');
    const errors = [];
    if (input.fieldName) {
      const type = await getContentType(tx, ctx, entry.contentTypeId);
      if (!type.schema.fields.some((f) => f.name === input.fieldName))
        errors.push({ path: 'body.fieldName', message: `Not a field of the content type "${type.slug}"` });
    }
    if (input.selection && !input.fieldName)
      errors.push({ path: 'body.selection', message: 'A selection is a range of one field: give fieldName too' });
    if (input.parentId) {
      const [parent] = await tx
        .select({ id: contentComments.id })
        .from(contentComments)
        .where(
          and(
            eq(contentComments.organizationId, ctx.organizationId),
            eq(contentComments.id, input.parentId),
            eq(contentComments.entryId, entry.id),
          ),
        );
      if (!parent) errors.push({ path: 'body.parentId', message: 'No comment of this entry with this id' });
    }
    if (errors.length) throw badRequest(errors);
    const [row] = await tx
      .insert(contentComments)
      .values({
        organizationId: ctx.organizationId,
        entryId: entry.id,
        parentId: input.parentId ?? null,
        content: input.content,
        authorId: ctx.actor.id,
        fieldName: input.fieldName ?? null,
        selection: input.selection ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordActivity(tx, ctx, activity(entry, 'commented', row!));
    return row!;
  });
}

async function lockComment(tx: Db, ctx: TenantContext, id: string): Promise<{ comment: Comment; entry: Entry }> {
  const [comment] = await tx
    .select()
    .from(contentComments)
    .where(and(eq(contentComments.organizationId, ctx.organizationId), eq(contentComments.id, id), visible(ctx)))
    .for('update');
  if (!comment) throw notFound('Comment');
  return { comment, entry: await entryOf(tx, ctx, comment.entryId) };
}

/** A comment and every reply below it, deepest first. */
async function threadOf(tx: Db, ctx: TenantContext, id: string): Promise<string[]> {
  const thread = await tx.execute(sql`with recursive sub(id, depth) as (
      select ${id}::text, 0
      union all
      select c.id, sub.depth + 1 from ${contentComments} c join sub on c.parent_id = sub.id where c.organization_id = ${ctx.organizationId}
    ) select id from sub order by depth desc`);
  return (Array.isArray(thread) ? thread : (thread as unknown as { rows: { id: string }[] }).rows).map((r) => (r as { id: string }).id);
}

/**
 * Edits a comment's text; only its author may.
 *
 * @example await updateComment(db, ctx, comment.id, 'Fixed the typo')
 */
export async function updateComment(db: Db, ctx: TenantContext, id: string, content: string): Promise<Comment> {
  return transaction(db, async (tx) => {
    const { comment, entry } = await lockComment(tx, ctx, id);
    if (comment.authorId !== ctx.actor.id) throw forbidden('Only the author may edit a comment');
    const [row] = await tx.update(contentComments).set({ content, updatedAt: ctx.now }).where(eq(contentComments.id, id)).returning();
    await recordActivity(tx, ctx, activity(entry, 'comment_edited', row!));
    return row!;
  });
}

/**
 * Deletes a comment and the replies below it; its author or an OWNER/ADMIN may.
 *
 * @example await deleteComment(db, ctx, comment.id)
 */
export async function deleteComment(db: Db, ctx: TenantContext, id: string) {
  return transaction(db, async (tx) => {
    const { comment, entry } = await lockComment(tx, ctx, id);
    if (comment.authorId !== ctx.actor.id && !isAdmin(ctx)) throw forbidden('Only the author or an OWNER/ADMIN may delete a comment');
    // Replies first (deepest first), then the comment: parent_id has no cascade.
    const ids = await threadOf(tx, ctx, id);
    for (const commentId of ids) await tx.delete(contentComments).where(eq(contentComments.id, commentId));
    await recordActivity(tx, ctx, activity(entry, 'comment_deleted', comment, { replies: String(ids.length - 1) }));
    return { id, deleted: true as const };
  });
}

/**
 * Resolves (or reopens) a comment and the replies below it: a thread is resolved as a whole. Anyone
 * who may comment on the entry may. Resolving a resolved comment, or reopening an open one, is 409.
 *
 * @example await setResolved(db, ctx, comment.id, true)
 */
export async function setResolved(db: Db, ctx: TenantContext, id: string, resolved: boolean): Promise<Comment> {
  return transaction(db, async (tx) => {
    const { comment, entry } = await lockComment(tx, ctx, id);
    if (comment.isResolved === resolved)
      throw conflict(resolved ? 'The comment is already resolved' : 'The comment is not resolved', { isResolved: comment.isResolved });
    const ids = await threadOf(tx, ctx, id);
    const rows = await tx
      .update(contentComments)
      .set(
        resolved
          ? { isResolved: true, resolvedById: ctx.actor.id, resolvedAt: ctx.now, updatedAt: ctx.now }
          : { isResolved: false, resolvedById: null, resolvedAt: null, updatedAt: ctx.now },
      )
      .where(
        and(
          eq(contentComments.organizationId, ctx.organizationId),
          inArray(contentComments.id, ids),
          // Replies already in the wanted state keep who resolved them and when.
          eq(contentComments.isResolved, !resolved),
        ),
      )
      .returning();
    const row = rows.find((r) => r.id === id);
    await recordActivity(tx, ctx, activity(entry, resolved ? 'comment_resolved' : 'comment_reopened', row!));
    return row!;
  });
}
