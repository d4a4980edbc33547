import { createHash } from 'node:crypto';
import type { ContactActivityType } from '@spokestack/core/crm';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { TenantContext } from '../platform/context.js';
import { contactActivities, contacts } from './schema.js';

/** One event on a contact's timeline. */
export interface ContactActivityInput {
  contactId: string;
  activityType: ContactActivityType;
  subject: string;
  description?: string | null;
  dealId?: string | null;
  campaignId?: string | null;
  scheduledAt?: Date | null;
  duration?: number | null;
  outcome?: string | null;
  emailId?: string | null;
  /** Who did it; the acting user by default (null for the system and API keys' automated writes is fine). */
  performedById?: string | null;
  /** The form posted (FORM_SUBMISSION): not stored on the row, told to the workflows listening for that form. */
  formId?: string;
}

/** The lead scoring job (crm/scoring.ts), named here so that every write that changes a contact can enqueue it. */
export const scoreJobName = 'crm.leadScore';

/**
 * Enqueues the scoring of these contacts, in the caller's transaction: one job for the lot (an import's batch
 * scores in one pass), keyed by the contacts and the instant, so a burst of changes in one request scores once.
 * The job reads the contacts when it runs.
 *
 * @example await enqueueRescore(tx, ctx, [contact.id])
 */
export async function enqueueRescore(db: Db, ctx: TenantContext, contactIds: string[]): Promise<void> {
  const ids = [...new Set(contactIds)].sort();
  if (!ids.length) return;
  const key = ids.length === 1 ? ids[0] : createHash('sha256').update(ids.join(',')).digest('base64url');
  await ctx.jobs.enqueue(
    scoreJobName,
    { contactIds: ids },
    { db, organizationId: ctx.organizationId, uniqueKey: `${scoreJobName}:${key}:${ctx.now.toISOString()}` },
  );
}

// Events that count as reaching the contact, so `lastContactedAt` follows them.
const contacting = new Set<ContactActivityType>(['EMAIL_SENT', 'CALL_OUTBOUND', 'CALL_INBOUND', 'MEETING']);

/**
 * Writes events on contacts' timelines (`contact_activities`), in the caller's transaction. The one way
 * every CRM rule (deals, tasks, imports, merges) and other features (marketing, forms) record what
 * happened to a contact: call it with the transaction of the change. Contacts outside the caller's
 * organization are skipped, never written to. Returns the rows written.
 *
 * @example await recordContactActivity(tx, ctx, { contactId, activityType: 'DEAL_WON', subject: `Won “${deal.name}”`, dealId: deal.id })
 */
export async function recordContactActivity(
  db: Db,
  ctx: TenantContext,
  input: ContactActivityInput | ContactActivityInput[],
): Promise<(typeof contactActivities.$inferSelect)[]> {
  const items = Array.isArray(input) ? input : [input];
  if (!items.length) return [];
  const ids = [...new Set(items.map((i) => i.contactId))];
  const own = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.organizationId, ctx.organizationId), inArray(contacts.id, ids)));
  const known = new Set(own.map((r) => r.id));
  const rows = items
    .filter((i) => known.has(i.contactId))
    .map((i) => ({
      organizationId: ctx.organizationId,
      contactId: i.contactId,
      activityType: i.activityType,
      subject: i.subject.slice(0, 500),
      description: i.description ?? null,
      dealId: i.dealId ?? null,
      campaignId: i.campaignId ?? null,
      scheduledAt: i.scheduledAt ?? null,
      duration: i.duration ?? null,
      outcome: i.outcome ?? null,
      emailId: i.emailId ?? null,
      performedById: i.performedById === undefined ? (ctx.actor.type === 'user' ? ctx.actor.id : null) : i.performedById,
      createdAt: ctx.now,
    }));
  if (!rows.length) return [];
  const written = await db.insert(contactActivities).values(rows).returning();
  // The one dispatch point of automation triggers (EMAIL_OPENED, EMAIL_CLICKED, a reply, a form post, …): the
  // app's activity hook, in this transaction, so whoever writes the event never calls the automation itself.
  if (ctx.onActivity)
    await ctx.onActivity(
      db,
      ctx,
      written.map((row, i) => ({
        action: row.activityType,
        entityType: 'contact_activities',
        entityId: row.id,
        metadata: {
          contactId: row.contactId,
          campaignId: row.campaignId,
          dealId: row.dealId,
          formId: items.filter((it) => known.has(it.contactId))[i]?.formId ?? null,
        },
      })),
    );
  await enqueueRescore(
    db,
    ctx,
    rows.map((r) => r.contactId),
  );
  const reached = [...new Set(rows.filter((r) => contacting.has(r.activityType)).map((r) => r.contactId))];
  if (reached.length)
    await db
      .update(contacts)
      .set({ lastContactedAt: sql`greatest(${contacts.lastContactedAt}, ${ctx.now.toISOString()}::timestamptz)` })
      .where(and(eq(contacts.organizationId, ctx.organizationId), inArray(contacts.id, reached)));
  return written;
}
