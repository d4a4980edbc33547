import type { contactErasure } from '@spokestack/core/crm';
import { SQL, and, eq, inArray, is, sql } from 'drizzle-orm';
import { type PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import * as schema from '../db/schema.js';
import { type Referrer, referrersOf } from '../db/resource-service.js';
import { notFound } from '../http/problem.js';
import { recordActivity, retitleActivities } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { recordContactActivity } from './activities.js';
import { contactService } from './contacts.js';
import { contactActivities, contactListMembers, contactLists, contacts } from './schema.js';
import { suppressionKey } from './suppression.js';

// GDPR: a contact's data exported (access and portability) or erased (the right to erasure). Both walk
// every table whose foreign keys point at contacts, found from the Drizzle schema, so a table added
// later is exported without being listed — and erasure refuses to run until someone decides what
// erasing means for it (`erasure` below).

const allTables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable));

/** Every column of the platform's tables that references a contact. @example contactReferrers().length */
export const contactReferrers = (): Referrer[] => referrersOf(contacts, allTables);

const own = (ctx: TenantContext, r: Referrer, ids: string[]) => and(eq(r.info.organizationId, ctx.organizationId), inArray(r.column, ids));

/**
 * Everything held on one contact as JSON: its row and, by table name, every row that references it.
 *
 * @example const { contact, related } = await exportContact(db, ctx, id) // related.contact_notes, related.deal_contacts, …
 */
export async function exportContact(db: Db, ctx: TenantContext, id: string) {
  const contact = await contactService.get(db, ctx, id);
  const related: Record<string, Record<string, unknown>[]> = {};
  for (const r of contactReferrers()) {
    const rows = (await db
      .select()
      .from(r.info.table)
      .where(own(ctx, r, [id]))) as Record<string, unknown>[];
    related[r.info.name] = [...(related[r.info.name] ?? []), ...rows];
  }
  return { exportedAt: ctx.now.toISOString(), contact, related };
}

/**
 * What erasing a contact does to each table that references it: `keep` (the row holds no personal data
 * beyond the link, and the anonymised contact stays), `delete` (the row is personal data), or the columns
 * to overwrite. A table that references contacts and is missing here makes erasure fail, on purpose.
 */
type Erasure = 'keep' | 'delete' | Record<string, unknown>;
const erasure: Record<string, Erasure> = {
  // The timeline keeps what happened and when; its words may name the person.
  contact_activities: {
    subject: sql`initcap(replace(${contactActivities.activityType}::text, '_', ' '))`,
    description: null,
    outcome: null,
  },
  contact_notes: 'delete',
  contact_form_submissions: 'delete',
  crm_deals: 'keep',
  deal_contacts: 'keep',
  campaign_members: { responseType: null },
  contact_list_members: 'keep',
  // The address column is required and unique per campaign; a per-row placeholder keeps both, in a reserved TLD.
  email_recipients: { email: sql`'erased-' || id || '@erased.invalid'`, mergeData: null },
  email_interactions: { userAgent: null, ipAddress: null, linkUrl: null },
  crm_tasks: { description: null },
};

/** Contact columns an erasure keeps: identifiers, classification and counters that say nothing about the person. */
const keptColumns = new Set([
  'id',
  'organizationId',
  'contactType',
  'source',
  'leadScore',
  'engagementScore',
  'lastScoreUpdate',
  'ownerId',
  'createdAt',
  'updatedAt',
  'lastContactedAt',
]);
const erasedValues: Record<string, unknown> = { firstName: 'Erased', lastName: 'contact', status: 'DO_NOT_CONTACT' };

/** Every other column is cleared (null, or its default when required), so a column added later is erased too. */
function anonymised(): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(contactService.info.columns) as [string, PgColumn][]) {
    if (keptColumns.has(key)) continue;
    if (key in erasedValues) values[key] = erasedValues[key];
    else if (!column.notNull) values[key] = null;
    else if (column.hasDefault && column.default !== undefined && !is(column.default, SQL)) values[key] = column.default;
    else throw new Error(`Erasing contacts.${key}: required without a default; add it to erasedValues`);
  }
  return values;
}

const suppressionListName = 'Erased contacts (GDPR)';

/** The organization's suppression list for erased addresses, created on first use. */
async function suppressionList(db: Db, ctx: TenantContext): Promise<string> {
  const where = and(
    eq(contactLists.organizationId, ctx.organizationId),
    eq(contactLists.listType, 'SUPPRESSION'),
    eq(contactLists.name, suppressionListName),
  );
  const [found] = await db.select({ id: contactLists.id }).from(contactLists).where(where);
  if (found) return found.id;
  const [created] = await db
    .insert(contactLists)
    .values({
      organizationId: ctx.organizationId,
      name: suppressionListName,
      description: 'Addresses of erased contacts, kept as hashes so they are never mailed or imported again',
      listType: 'SUPPRESSION',
      createdById: ctx.actor.id,
    })
    .returning({ id: contactLists.id });
  return created!.id;
}

/**
 * Erases a contact: personal fields cleared on the row (which stays, DO_NOT_CONTACT, so deals and
 * campaign counts hold), every referencing table treated as `erasure` says, the activity stream's titles
 * of what was erased replaced, the email's hash put on the suppression list, and the erasure itself
 * recorded on the timeline and the activity stream without personal data.
 *
 * @example const { contact, tables } = await eraseContact(db, ctx, id) // tables.contact_notes → { action: 'deleted', rows: 2 }
 */
export async function eraseContact(db: Db, ctx: TenantContext, id: string) {
  const referrers = contactReferrers();
  const undecided = referrers.filter((r) => !(r.info.name in erasure)).map((r) => `${r.info.name}.${r.key}`);
  if (undecided.length) throw new Error(`Erasure is not defined for ${undecided.join(', ')}; add them to erasure in crm/gdpr.ts`);
  return transaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, id)))
      .for('update');
    if (!before) throw notFound('Contact');
    const tables: z.output<typeof contactErasure>['tables'] = {};
    const erasedIds = [id];
    for (const r of referrers) {
      const rule = erasure[r.info.name]!;
      const where = own(ctx, r, [id]);
      let rows: { id: unknown }[];
      if (rule === 'keep') rows = await tx.select({ id: r.info.id }).from(r.info.table).where(where);
      else if (rule === 'delete') rows = await tx.delete(r.info.table).where(where).returning({ id: r.info.id });
      else rows = await tx.update(r.info.table).set(rule).where(where).returning({ id: r.info.id });
      if (rule !== 'keep') erasedIds.push(...rows.map((row) => String(row.id)));
      tables[r.info.name] = { action: rule === 'keep' ? 'kept' : rule === 'delete' ? 'deleted' : 'anonymised', rows: rows.length };
    }
    await retitleActivities(tx, ctx, erasedIds, 'Erased contact');
    if (before.email) await suppress(tx, ctx, id, before.email);
    const contact = await contactService.update(tx, ctx, id, anonymised(), false);
    await recordContactActivity(tx, ctx, {
      contactId: id,
      activityType: 'STATUS_CHANGED',
      subject: 'Personal data erased on request (GDPR)',
    });
    await recordActivity(tx, ctx, { action: 'erased', entityType: 'contacts', entityId: id, entityTitle: 'Erased contact' });
    return { contact, tables };
  });
}

async function suppress(tx: Db, ctx: TenantContext, contactId: string, email: string) {
  const listId = await suppressionList(tx, ctx);
  const added = await tx
    .insert(contactListMembers)
    .values({ organizationId: ctx.organizationId, listId, contactId, source: suppressionKey(email), addedById: ctx.actor.id })
    .onConflictDoNothing()
    .returning({ id: contactListMembers.id });
  if (added.length)
    await tx
      .update(contactLists)
      .set({ memberCount: sql`${contactLists.memberCount} + 1`, lastUpdatedAt: ctx.now })
      .where(eq(contactLists.id, listId));
}
