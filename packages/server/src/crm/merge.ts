import type { MergeableField, contactMerge } from '@spokestack/core/crm';
import { mergeableFields } from '@spokestack/core/crm';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { rowsOf } from '../cms/delivery-sql.js';
import type { Referrer } from '../db/resource-service.js';
import { badRequest, notFound } from '../http/problem.js';
import { recordActivity, titleOf } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { recordContactActivity } from './activities.js';
import { type ContactRow, contactService, normalizeTags } from './contacts.js';
import { contactReferrers } from './gdpr.js';
import { contacts, duplicateEmailSql } from './schema.js';

// Merging duplicate contacts: every row that references a duplicate (found from the foreign keys, as
// GDPR finds them) moves to the survivor, fields are settled by a rule or per field, the duplicates are
// deleted, and the survivor's timeline says so once.

const empty = (value: unknown) => value === null || value === undefined || value === '';
const name = (c: ContactRow) => `${c.firstName} ${c.lastName}`.trim() + (c.email ? ` <${c.email}>` : '');

/** The surviving values: per-field choices first, then the first contact in preference order that fills the field. */
function mergedValues(ordered: ContactRow[], byId: Map<string, ContactRow>, chosen: Partial<Record<MergeableField, string>>) {
  const values: Record<string, unknown> = {};
  for (const field of mergeableFields) {
    const pick = chosen[field];
    values[field] = pick ? byId.get(pick)![field] : (ordered.find((c) => !empty(c[field]))?.[field] ?? ordered[0]![field]);
  }
  values.tags = normalizeTags(ordered.flatMap((c) => c.tags));
  // Custom fields key by key, the preferred contact's value winning.
  values.customFields = Object.assign({}, ...[...ordered].reverse().map((c) => c.customFields as object));
  // Consent is the person's latest word, whichever record holds it.
  for (const [flag, date, source] of [
    ['marketingConsent', 'marketingConsentDate', 'marketingConsentSource'],
    ['dataProcessingConsent', 'dataProcessingConsentDate', null],
  ] as const) {
    const latest = ordered.filter((c) => c[date]).sort((a, b) => b[date]!.getTime() - a[date]!.getTime())[0];
    if (!latest) continue;
    values[flag] = latest[flag];
    values[date] = latest[date];
    if (source) values[source] = latest[source];
  }
  values.leadScore = Math.max(...ordered.map((c) => c.leadScore));
  values.engagementScore = Math.max(...ordered.map((c) => c.engagementScore));
  const contacted = ordered.map((c) => c.lastContactedAt?.getTime() ?? 0);
  if (Math.max(...contacted)) values.lastContactedAt = new Date(Math.max(...contacted));
  return values;
}

/**
 * Moves a duplicate's rows of one referencing table to the survivor. Rows that would break a unique key
 * with one the survivor already has (both on the same list, the same deal) are dropped first: the
 * survivor's row stands for both.
 */
async function repoint(tx: Db, ctx: TenantContext, r: Referrer, from: string, to: string): Promise<number> {
  for (const unique of getTableConfig(r.info.table).uniqueConstraints) {
    // The config's columns are builders' copies: compared by name.
    if (!unique.columns.some((c) => c.name === r.column.name)) continue;
    const same = unique.columns
      .filter((c) => c.name !== r.column.name)
      .map((c) => sql` and keep.${sql.identifier(c.name)} = ${r.info.table}.${sql.identifier(c.name)}`);
    await tx.execute(sql`delete from ${r.info.table} where ${r.info.organizationId} = ${ctx.organizationId} and ${r.column} = ${from}
      and exists (select 1 from ${r.info.table} keep where keep.${sql.identifier(r.column.name)} = ${to}${sql.join(same)})`);
  }
  const moved = await tx
    .update(r.info.table)
    .set({ [r.key]: to })
    .where(and(eq(r.info.organizationId, ctx.organizationId), eq(r.column, from)))
    .returning({ id: r.info.id });
  return moved.length;
}

/**
 * Merges duplicates into a survivor in one transaction: what references them (timeline, notes, deals,
 * tasks, list and campaign memberships, form submissions, emails) moves to the survivor, fields are
 * settled by `prefer` or per field, the duplicates are deleted, and one timeline entry records the merge.
 *
 * @example await mergeContacts(db, ctx, survivor.id, { duplicateIds: [dup.id], prefer: 'newest', fields: { email: dup.id } })
 */
export async function mergeContacts(db: Db, ctx: TenantContext, survivorId: string, input: z.output<typeof contactMerge>) {
  const duplicateIds = [...new Set(input.duplicateIds)];
  const self = duplicateIds.indexOf(survivorId);
  if (self !== -1) throw badRequest([{ path: `body.duplicateIds.${self}`, message: 'A contact cannot be merged into itself' }]);
  return transaction(db, async (tx) => {
    // Locked in id order, so two merges over the same contacts queue instead of deadlocking.
    const rows = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.organizationId, ctx.organizationId), inArray(contacts.id, [survivorId, ...duplicateIds])))
      .orderBy(contacts.id)
      .for('update');
    const byId = new Map(rows.map((c) => [c.id, c]));
    const survivor = byId.get(survivorId);
    if (!survivor) throw notFound('Contact');
    const missing = duplicateIds.flatMap((id, i) =>
      byId.has(id) ? [] : [{ path: `body.duplicateIds.${i}`, message: 'No contact with this id' }],
    );
    if (missing.length) throw badRequest(missing);
    const chosen = input.fields ?? {};
    const wrong = Object.entries(chosen).flatMap(([field, id]) =>
      byId.has(id!) ? [] : [{ path: `body.fields.${field}`, message: 'Not the survivor or one of the duplicates' }],
    );
    if (wrong.length) throw badRequest(wrong);
    const duplicates = duplicateIds.map((id) => byId.get(id)!);
    const ordered =
      input.prefer === 'newest'
        ? [survivor, ...duplicates].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
        : [survivor, ...duplicates];
    const values = mergedValues(ordered, byId, chosen);

    const moved: Record<string, number> = {};
    for (const r of contactReferrers())
      for (const dup of duplicateIds) moved[r.info.name] = (moved[r.info.name] ?? 0) + (await repoint(tx, ctx, r, dup, survivorId));
    // The duplicates go before the survivor takes their values, so a chosen email is free by then.
    await tx.delete(contacts).where(and(eq(contacts.organizationId, ctx.organizationId), inArray(contacts.id, duplicateIds)));
    for (const dup of duplicates)
      await recordActivity(tx, ctx, {
        action: 'merged',
        entityType: 'contacts',
        entityId: dup.id,
        entityTitle: titleOf(dup),
        metadata: { into: survivorId },
      });
    const contact = await contactService.update(tx, ctx, survivorId, values);
    await recordContactActivity(tx, ctx, {
      contactId: survivorId,
      activityType: 'STATUS_CHANGED',
      subject: `Merged ${duplicates.length === 1 ? 'a duplicate' : `${duplicates.length} duplicates`} into this contact`,
      description: duplicates.map(name).join('\n'),
    });
    return { contact, mergedIds: duplicateIds, moved };
  });
}

/**
 * The statement behind `findDuplicates`: groups of an organization's contacts by address (plus-tag dropped)
 * and by number, each read from its expression index (`contacts_duplicate_*_idx`) in group order.
 */
export const duplicateGroupsSql = (org: string, limit: number) => sql`
  select 'email' as matched_on, key as value, array_agg(id order by created_at, id) as ids
    from (select id, created_at, ${sql.raw(duplicateEmailSql)} as key
            from ${contacts} where organization_id = ${org} and email is not null) e
    group by key having count(*) > 1
  union all
  select 'phone', number, array_agg(id order by created_at, id)
    from (select id, created_at, phone as number from ${contacts} where organization_id = ${org} and phone is not null
          union
          select id, created_at, mobile from ${contacts} where organization_id = ${org} and mobile is not null) p
    group by number having count(distinct id) > 1
  order by 1, 2
  limit ${limit}`;

/**
 * Contacts that look like one person: the same email once plus-addressing is ignored, or the same phone
 * number (as phone or mobile; both are E.164, so notations do not hide a match). Each group lists its
 * contacts oldest first, the natural survivor first.
 *
 * @example const { data } = await findDuplicates(db, ctx, { limit: 20 }) // [{ matchedOn: 'email', value: 'ada@x.com', contacts }]
 */
export async function findDuplicates(db: Db, ctx: TenantContext, query: { limit: number }) {
  const groups = rowsOf<{ matched_on: 'email' | 'phone'; value: string; ids: string[] }>(
    await db.execute(duplicateGroupsSql(ctx.organizationId, query.limit)),
  );
  const rows = await contactService.many(db, ctx, [...new Set(groups.flatMap((g) => g.ids))]);
  const byId = new Map(rows.map((c) => [c.id, c]));
  return {
    data: groups.map((g) => ({ matchedOn: g.matched_on, value: g.value, contacts: [...new Set(g.ids)].map((id) => byId.get(id)!) })),
  };
}
