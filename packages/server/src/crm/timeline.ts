import type { contactActivityLog, noteCreate, noteUpdate, timelineQuery } from '@spokestack/core/crm';
import { crmResources } from '@spokestack/core/crm';
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { checkReferences, resourceService, tableInfo } from '../db/resource-service.js';
import { badRequest, forbidden, notFound } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { recordContactActivity } from './activities.js';
import { contactActivities, contactNotes, contacts } from './schema.js';
import { isAdmin } from '../platform/auth.js';

const noteService = resourceService(contactNotes, crmResources.contactNotes);

async function contactOf(db: Db, ctx: TenantContext, id: string) {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, id)));
  if (!row) throw badRequest([{ path: 'body.contactId', message: 'No contact with this id' }]);
  return row;
}

/**
 * Logs a call, meeting or email by hand.
 * @example
 * await logContactActivity(db, ctx, { contactId, activityType: 'CALL_OUTBOUND', subject: 'Intro call', duration: 20 })
 */
export async function logContactActivity(db: Db, ctx: TenantContext, input: z.output<typeof contactActivityLog>) {
  return transaction(db, async (tx) => {
    await contactOf(tx, ctx, input.contactId);
    await checkReferences(tx, tableInfo(contactActivities), ctx, { dealId: input.dealId });
    const [row] = await recordContactActivity(tx, ctx, { ...input, scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : null });
    return row!;
  });
}

/** @example await createNote(db, ctx, { contactId, content: 'Prefers calls after 4pm', isPinned: true }) */
export async function createNote(db: Db, ctx: TenantContext, input: z.output<typeof noteCreate>) {
  return transaction(db, async (tx) => {
    await contactOf(tx, ctx, input.contactId);
    return noteService.create(tx, ctx, { ...input, createdById: ctx.actor.id, createdAt: ctx.now });
  });
}

async function ownNote(db: Db, ctx: TenantContext, id: string) {
  const note = await noteService.get(db, ctx, id);
  if (note.createdById !== ctx.actor.id && !isAdmin(ctx)) throw forbidden('Only its author or an OWNER/ADMIN may change a note');
  return note;
}

/** Edits or pins a note; its author or an OWNER/ADMIN may. */
export async function updateNote(db: Db, ctx: TenantContext, id: string, input: z.output<typeof noteUpdate>) {
  await ownNote(db, ctx, id);
  return noteService.update(db, ctx, id, input);
}

export async function deleteNote(db: Db, ctx: TenantContext, id: string) {
  await ownNote(db, ctx, id);
  return noteService.remove(db, ctx, id);
}

interface Key {
  pinned: boolean;
  at: number;
  kind: string;
  id: string;
}
const encode = (k: Key) => Buffer.from(JSON.stringify([k.pinned ? 1 : 0, k.at, k.kind, k.id])).toString('base64url');
function decode(cursor: string): SQL {
  try {
    const [pinned, at, kind, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (![0, 1].includes(pinned as number) || !Number.isSafeInteger(at) || typeof kind !== 'string' || typeof id !== 'string')
      throw new Error('bad');
    // Every key descends, so "after" is a row comparison.
    return sql`(t.pinned, t.at, t.kind, t.id) < (${pinned}, ${at}::bigint, ${kind}, ${id})`;
  } catch {
    throw badRequest([{ path: 'query.cursor', message: 'Malformed cursor; start again without it' }]);
  }
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/**
 * The merged timeline of some contacts: their notes and activities, pinned notes first, then newest
 * first, keyset-paged over (pinned, time, kind, id).
 */
async function timeline(db: Db, ctx: TenantContext, contactIds: SQL, query: z.output<typeof timelineQuery>) {
  const limit = query.limit ?? 50;
  const org = ctx.organizationId;
  const keys = rowsOf<{ kind: 'note' | 'activity'; id: string; pinned: number; at: string }>(
    await db.execute(sql`select * from (
      select 'note' as kind, id, (case when is_pinned then 1 else 0 end) as pinned, (extract(epoch from created_at) * 1000)::bigint as at
        from ${contactNotes} where organization_id = ${org} and contact_id in (${contactIds})
      union all
      select 'activity', id, 0, (extract(epoch from created_at) * 1000)::bigint
        from ${contactActivities} where organization_id = ${org} and contact_id in (${contactIds})
    ) t ${query.cursor ? sql`where ${decode(query.cursor)}` : sql``}
    order by t.pinned desc, t.at desc, t.kind desc, t.id desc limit ${limit + 1}`),
  );
  const page = keys.slice(0, limit);
  const noteIds = page.filter((k) => k.kind === 'note').map((k) => k.id);
  const activityIds = page.filter((k) => k.kind === 'activity').map((k) => k.id);
  const [notes, activities] = await Promise.all([
    noteIds.length ? db.select().from(contactNotes).where(inArray(contactNotes.id, noteIds)) : [],
    activityIds.length ? db.select().from(contactActivities).where(inArray(contactActivities.id, activityIds)) : [],
  ]);
  const noteById = new Map(notes.map((n) => [n.id, n]));
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const data = page.map((k) => {
    if (k.kind === 'note') {
      const note = noteById.get(k.id)!;
      return { kind: 'note' as const, id: k.id, at: note.createdAt.toISOString(), pinned: note.isPinned, note };
    }
    const activity = activityById.get(k.id)!;
    return { kind: 'activity' as const, id: k.id, at: activity.createdAt.toISOString(), pinned: false as const, activity };
  });
  const last = page.at(-1);
  return {
    data,
    nextCursor:
      keys.length > limit && last ? encode({ pinned: Number(last.pinned) === 1, at: Number(last.at), kind: last.kind, id: last.id }) : null,
  };
}

/** @example const { data } = await contactTimeline(db, ctx, contact.id, { limit: 20 }) */
export async function contactTimeline(db: Db, ctx: TenantContext, id: string, query: z.output<typeof timelineQuery>) {
  const [contact] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, id)));
  if (!contact) throw notFound('Contact');
  return timeline(db, ctx, sql`${id}`, query);
}

/** The timeline of every contact of a company (a client of the organization). */
export async function companyTimeline(db: Db, ctx: TenantContext, clientId: string, query: z.output<typeof timelineQuery>) {
  const found = rowsOf<{ id: string }>(
    await db.execute(sql`select id from clients where organization_id = ${ctx.organizationId} and id = ${clientId}`),
  );
  if (!found.length) throw notFound('Company');
  return timeline(
    db,
    ctx,
    sql`select id from ${contacts} where organization_id = ${ctx.organizationId} and company_id = ${clientId}`,
    query,
  );
}
