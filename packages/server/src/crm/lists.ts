import type { FieldError } from '@spokestack/core';
import type { SegmentRule, contactListCreate, contactListUpdate, listOps, segmentPreview } from '@spokestack/core/crm';
import { crmResources } from '@spokestack/core/crm';
import { type SQL, and, arrayContains, eq, gte, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, conflict, notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { contactService } from './contacts.js';
import {
  contactActivities,
  contactListMembers,
  contacts,
  contactLists,
  crmCustomFields,
  crmDeals,
  dealContacts,
  emailInteractions,
} from './schema.js';

// Contact lists. STATIC and SUPPRESSION lists hold rows of contact_list_members; a DYNAMIC list is a
// segment, compiled here into one SQL condition over `contacts` (each rule a column test or an EXISTS
// subquery) and evaluated whenever it is read, so its members and count are never stale.

type ListRow = typeof contactLists.$inferSelect;
type List = Omit<ListRow, 'segmentRules'> & { segmentRules: SegmentRule | null };
type Stored = Pick<ListRow, 'id' | 'listType' | 'segmentRules'>;

const listService = resourceService(contactLists, crmResources.contactLists);
const memberService = resourceService(contactListMembers, crmResources.contactListMembers);
const dayMs = 86_400_000;
/** Deep enough for any segment a person builds; bounds the size of the compiled query. */
const maxDepth = 8;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const ops = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' } as const;

/** The lists and custom field keys a segment refers to, loaded once so that compiling makes no queries. */
interface Scope {
  ctx: TenantContext;
  lists: Map<string, Stored>;
  customFields: Set<string>;
  errors: FieldError[];
  /** Inside a list that a rule names, errors point at that rule. */
  anchor?: string;
}

const fail = (scope: Scope, path: string, message: string) => scope.errors.push({ path: scope.anchor ?? path, message });

function listIdsOf(rule: SegmentRule, into: Set<string>): Set<string> {
  if (rule.kind === 'group') for (const r of rule.rules) listIdsOf(r, into);
  else if (rule.kind === 'not') listIdsOf(rule.rule, into);
  else if (rule.kind === 'list') into.add(rule.listId);
  return into;
}

async function loadScope(db: Db, ctx: TenantContext, rule: SegmentRule): Promise<Scope> {
  const lists = new Map<string, Stored>();
  // Lists referenced by lists: load level by level until no dynamic list names one not yet loaded.
  let wanted = listIdsOf(rule, new Set());
  while (wanted.size) {
    const rows = await db
      .select({ id: contactLists.id, listType: contactLists.listType, segmentRules: contactLists.segmentRules })
      .from(contactLists)
      .where(and(eq(contactLists.organizationId, ctx.organizationId), inArray(contactLists.id, [...wanted])));
    for (const row of rows) lists.set(row.id, row);
    const next = new Set<string>();
    for (const row of rows)
      if (row.listType === 'DYNAMIC' && row.segmentRules)
        for (const id of listIdsOf(row.segmentRules as SegmentRule, new Set())) if (!lists.has(id) && !wanted.has(id)) next.add(id);
    wanted = next;
  }
  const defs = await db
    .select({ key: crmCustomFields.key })
    .from(crmCustomFields)
    .where(eq(crmCustomFields.organizationId, ctx.organizationId));
  return { ctx, lists, customFields: new Set(defs.map((d) => d.key)), errors: [] };
}

/** A text column compared case-insensitively (enums by their value). */
const textOf = (column: SQL | PgColumn) => sql`lower(${column}::text)`;

function compile(rule: SegmentRule, scope: Scope, path: string, within: string[], depth: number): SQL {
  if (depth > maxDepth) {
    fail(scope, path, `Groups nest at most ${maxDepth} deep`);
    return sql`false`;
  }
  const org = scope.ctx.organizationId;
  const since = (days: number | undefined) => (days ? new Date(scope.ctx.now.getTime() - days * dayMs) : undefined);
  switch (rule.kind) {
    case 'group': {
      const parts = rule.rules.map((r, i) => compile(r, scope, `${path}.rules.${i}`, within, depth + 1));
      return sql`(${sql.join(parts, sql.raw(rule.match === 'all' ? ' and ' : ' or '))})`;
    }
    case 'not':
      // A condition over a NULL column is NULL, neither true nor false: count it as not matching first.
      return sql`not coalesce(${compile(rule.rule, scope, `${path}.rule`, within, depth + 1)}, false)`;
    case 'field': {
      const column = contacts[rule.field];
      const value = typeof rule.value === 'string' ? rule.value.toLowerCase() : '';
      switch (rule.op) {
        case 'eq':
          return sql`${textOf(column)} = ${value}`;
        case 'neq':
          return sql`(${column} is null or ${textOf(column)} <> ${value})`;
        case 'contains':
          return sql`${textOf(column)} like ${`%${escapeLike(value)}%`}`;
        case 'in':
          return sql`${textOf(column)} in ${(rule.value as string[]).map((v) => v.toLowerCase())}`;
        case 'isSet':
          return sql`(${column} is not null and ${column}::text <> '')`;
        case 'isNotSet':
          return sql`(${column} is null or ${column}::text = '')`;
      }
      break;
    }
    case 'customField': {
      if (!scope.customFields.has(rule.key))
        fail(scope, `${path}.key`, 'No custom field with this key; define it first (/v1/crm/custom-fields)');
      if (!rule.op.startsWith('is') && rule.value === undefined) fail(scope, `${path}.value`, 'A value to compare with');
      const field = sql`(${contacts.customFields} -> ${rule.key})`;
      const set = sql`(${field} is not null and jsonb_typeof(${field}) <> 'null')`;
      // `@>` matches a scalar equal to the value and an array (multiselect) holding it.
      const has = sql`${field} @> ${JSON.stringify(rule.value ?? null)}::jsonb`;
      switch (rule.op) {
        case 'isSet':
          return set;
        case 'isNotSet':
          return sql`not ${set}`;
        case 'eq':
          return sql`coalesce(${has}, false)`;
        case 'neq':
          return sql`not coalesce(${has}, false)`;
        default: {
          // Numbers compare as numbers (only where the stored value is one); text, like ISO dates, as text.
          const op = sql.raw(ops[rule.op]);
          const text = sql`(${contacts.customFields} ->> ${rule.key})`;
          return typeof rule.value === 'number'
            ? sql`(case when jsonb_typeof(${field}) = 'number' then ${text}::numeric end) ${op} ${rule.value}`
            : sql`(case when jsonb_typeof(${field}) = 'string' then ${text} end) ${op} ${String(rule.value)}`;
        }
      }
    }
    case 'tag': {
      const has = arrayContains(contacts.tags, [rule.tag]);
      return rule.op === 'has' ? has : sql`not ${has}`;
    }
    case 'score':
      return sql`${contacts[rule.score]} ${sql.raw(ops[rule.op])} ${rule.value}`;
    case 'consent':
      return eq(contacts.marketingConsent, rule.marketingConsent);
    case 'email': {
      const from = since(rule.withinDays);
      return sql`exists (select 1 from ${emailInteractions} where ${and(
        eq(emailInteractions.organizationId, org),
        eq(emailInteractions.contactId, contacts.id),
        eq(emailInteractions.interactionType, rule.interaction),
        from ? gte(emailInteractions.occurredAt, from) : undefined,
      )})`;
    }
    case 'activity': {
      const from = since(rule.withinDays);
      return sql`exists (select 1 from ${contactActivities} where ${and(
        eq(contactActivities.organizationId, org),
        eq(contactActivities.contactId, contacts.id),
        eq(contactActivities.activityType, rule.activityType),
        from ? gte(contactActivities.createdAt, from) : undefined,
      )})`;
    }
    case 'list': {
      const list = scope.lists.get(rule.listId);
      if (!list) {
        fail(scope, `${path}.listId`, 'No list of this organization with this id');
        return sql`false`;
      }
      if (within.includes(list.id)) {
        fail(scope, `${path}.listId`, 'A list cannot contain itself, directly or through other lists');
        return sql`false`;
      }
      const anchor = scope.anchor;
      scope.anchor ??= `${path}.listId`;
      const where = membership(list, scope, [...within, list.id], depth + 1);
      scope.anchor = anchor;
      return where;
    }
    case 'dealStage':
      return sql`exists (select 1 from ${crmDeals} where ${and(
        eq(crmDeals.organizationId, org),
        eq(crmDeals.stageId, rule.stageId),
        rule.pipelineId ? eq(crmDeals.pipelineId, rule.pipelineId) : undefined,
        sql`(${crmDeals.primaryContactId} = ${contacts.id} or exists (select 1 from ${dealContacts} where ${and(
          eq(dealContacts.organizationId, org),
          eq(dealContacts.dealId, crmDeals.id),
          eq(dealContacts.contactId, contacts.id),
        )}))`,
      )})`;
  }
  throw new Error(`Unknown segment rule ${(rule as { kind: string }).kind}`);
}

/** The condition on `contacts` of being in a list: a membership row, or a dynamic list's rules. */
function membership(list: Stored, scope: Scope, within: string[], depth: number): SQL {
  if (list.listType !== 'DYNAMIC')
    return sql`exists (select 1 from ${contactListMembers} where ${and(
      eq(contactListMembers.organizationId, scope.ctx.organizationId),
      eq(contactListMembers.listId, list.id),
      eq(contactListMembers.contactId, contacts.id),
    )})`;
  // A dynamic list without rules (never saved so) matches nobody.
  return list.segmentRules ? compile(list.segmentRules as SegmentRule, scope, 'segmentRules', within, depth) : sql`false`;
}

/**
 * The SQL condition on `contacts` that selects the members of a segment, scoped to the organization:
 * one expression, so counting, paging and sending each run a single query. Unknown custom fields,
 * lists of other organizations and lists that contain themselves are a 400 naming the rule.
 *
 * @example const where = await segmentWhere(db, ctx, { kind: 'tag', op: 'has', tag: 'vip' }, 'body.segmentRules')
 */
export async function segmentWhere(db: Db, ctx: TenantContext, rule: SegmentRule, path: string, self?: string): Promise<SQL> {
  const scope = await loadScope(db, ctx, rule);
  const where = compile(rule, scope, path, self ? [self] : [], 0);
  if (scope.errors.length) throw badRequest(scope.errors);
  return and(eq(contacts.organizationId, ctx.organizationId), where)!;
}

/** The condition on `contacts` of being a member of a list. @example db.select().from(contacts).where(await listWhere(db, ctx, list)) */
export async function listWhere(db: Db, ctx: TenantContext, list: Stored): Promise<SQL> {
  if (list.listType === 'DYNAMIC')
    return segmentWhere(db, ctx, (list.segmentRules ?? { kind: 'group', match: 'any', rules: [] }) as SegmentRule, 'segmentRules', list.id);
  const scope: Scope = { ctx, lists: new Map(), customFields: new Set(), errors: [] };
  return and(eq(contacts.organizationId, ctx.organizationId), membership(list, scope, [list.id], 0))!;
}

async function countWhere(db: Db, where: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(where);
  return row?.n ?? 0;
}

/** A list as the API shows it: `memberCount` counted now. */
async function present(db: Db, ctx: TenantContext, row: ListRow): Promise<List> {
  // A stored dynamic rule can fail to compile later (a custom field deleted since): it then matches nobody.
  const where = await listWhere(db, ctx, row).catch(() => undefined);
  return { ...(row as List), memberCount: where ? await countWhere(db, where) : 0 };
}

async function findList(db: Db, ctx: TenantContext, id: string, lock = false): Promise<ListRow> {
  const query = db
    .select()
    .from(contactLists)
    .where(and(eq(contactLists.organizationId, ctx.organizationId), eq(contactLists.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  if (!row) throw notFound('Contact list');
  return row;
}

/** @example await getContactList(db, ctx, id) // { listType: 'DYNAMIC', memberCount: 42, … } */
export const getContactList = async (db: Db, ctx: TenantContext, id: string) => present(db, ctx, await findList(db, ctx, id));

/** @example await listContactLists(db, ctx, { listType: 'SUPPRESSION' }) */
export async function listContactLists(
  db: Db,
  ctx: TenantContext,
  query: z.output<NonNullable<(typeof listOps.listContactLists)['query']>>,
) {
  const page = await listService.list(db, ctx, query);
  return { data: await Promise.all(page.data.map((row) => present(db, ctx, row as ListRow))), nextCursor: page.nextCursor };
}

function checkRules(type: ListRow['listType'], rules: SegmentRule | null | undefined) {
  if (type === 'DYNAMIC' && !rules) throw badRequest([{ path: 'body.segmentRules', message: 'A dynamic list needs segment rules' }]);
  if (type !== 'DYNAMIC' && rules)
    throw badRequest([{ path: 'body.segmentRules', message: `A ${type.toLowerCase()} list takes members, not rules` }]);
}

/**
 * Creates a list; a dynamic one's rules are compiled first, so a list that cannot be evaluated is never saved.
 *
 * @example
 * await createContactList(db, ctx, {
 *   name: 'Engaged VIPs', listType: 'DYNAMIC',
 *   segmentRules: { kind: 'group', match: 'all', rules: [
 *     { kind: 'tag', op: 'has', tag: 'vip' },
 *     { kind: 'email', interaction: 'OPENED', withinDays: 30 },
 *   ] },
 * })
 */
export async function createContactList(db: Db, ctx: TenantContext, input: z.output<typeof contactListCreate>): Promise<List> {
  checkRules(input.listType, input.segmentRules);
  if (input.segmentRules) await segmentWhere(db, ctx, input.segmentRules, 'body.segmentRules');
  const row = await listService.create(db, ctx, { ...input, createdById: ctx.actor.id, lastUpdatedAt: ctx.now });
  return present(db, ctx, row);
}

/** @example await updateContactList(db, ctx, id, { segmentRules: { kind: 'score', score: 'leadScore', op: 'gte', value: 50 } }) */
export async function updateContactList(db: Db, ctx: TenantContext, id: string, input: z.output<typeof contactListUpdate>): Promise<List> {
  const before = await findList(db, ctx, id);
  if (input.segmentRules !== undefined) {
    checkRules(before.listType, input.segmentRules);
    if (input.segmentRules) await segmentWhere(db, ctx, input.segmentRules, 'body.segmentRules', id);
  }
  return present(db, ctx, await listService.update(db, ctx, id, { ...input, lastUpdatedAt: ctx.now }));
}

/** The contacts of a list, newest first, a page at a time. @example await listMembers(db, ctx, id, { limit: 20 }) */
export async function listMembers(db: Db, ctx: TenantContext, id: string, query: { limit?: number; cursor?: string }) {
  const where = await listWhere(db, ctx, await findList(db, ctx, id));
  return contactService.list(db, ctx, query, [where]);
}

async function changeMembers(db: Db, ctx: TenantContext, id: string, contactIds: string[], add: boolean, source?: string | null) {
  return transaction(db, async (tx) => {
    // The lock orders concurrent changes of one list, so the stored count is the count of its rows.
    const list = await findList(tx, ctx, id, true);
    if (list.listType === 'DYNAMIC') throw conflict('A dynamic list’s members are decided by its rules; change the rules instead');
    const ids = [...new Set(contactIds)];
    let changed: number;
    if (add) {
      const found = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.organizationId, ctx.organizationId), inArray(contacts.id, ids)));
      const known = new Set(found.map((c) => c.id));
      const unknown = ids.filter((c) => !known.has(c));
      if (unknown.length)
        throw badRequest([{ path: 'body.contactIds', message: `No contacts of this organization with ids: ${unknown.join(', ')}` }]);
      const rows = ids.map((contactId) => ({
        organizationId: ctx.organizationId,
        listId: id,
        contactId,
        addedAt: ctx.now,
        addedById: ctx.actor.id,
        source: source ?? null,
      }));
      changed = (await tx.insert(contactListMembers).values(rows).onConflictDoNothing().returning({ id: contactListMembers.id })).length;
    } else {
      changed = (
        await tx
          .delete(contactListMembers)
          .where(
            and(
              eq(contactListMembers.organizationId, ctx.organizationId),
              eq(contactListMembers.listId, id),
              inArray(contactListMembers.contactId, ids),
            ),
          )
          .returning({ id: contactListMembers.id })
      ).length;
    }
    const memberCount = await countWhere(tx, await listWhere(tx, ctx, list));
    await tx
      .update(contactLists)
      .set({ memberCount, lastUpdatedAt: ctx.now })
      .where(and(eq(contactLists.organizationId, ctx.organizationId), eq(contactLists.id, id)));
    if (changed)
      await recordActivity(tx, ctx, {
        action: add ? 'members_added' : 'members_removed',
        entityType: 'contact_lists',
        entityId: id,
        entityTitle: list.name,
        metadata: { count: changed },
      });
    return { changed, memberCount };
  });
}

/** @example await addMembers(db, ctx, list.id, [ada.id, bob.id]) // { changed: 2, memberCount: 2 } */
export const addMembers = (db: Db, ctx: TenantContext, id: string, contactIds: string[]) => changeMembers(db, ctx, id, contactIds, true);
/** @example await removeMembers(db, ctx, list.id, [bob.id]) // { changed: 1, memberCount: 1 } */
export const removeMembers = (db: Db, ctx: TenantContext, id: string, contactIds: string[]) =>
  changeMembers(db, ctx, id, contactIds, false);

/** One membership, through the same rules as `addMembers`. */
export async function createListMember(db: Db, ctx: TenantContext, input: { listId: string; contactId: string; source?: string | null }) {
  await findList(db, ctx, input.listId).catch(() => {
    throw badRequest([{ path: 'body.listId', message: 'No contact list of this organization with this id' }]);
  });
  const { changed } = await changeMembers(db, ctx, input.listId, [input.contactId], true, input.source).catch((error: unknown) => {
    if (error instanceof Error && 'status' in error && error.status === 400)
      throw badRequest([{ path: 'body.contactId', message: 'No contact of this organization with this id' }]);
    throw error;
  });
  // One membership is a row with a unique key, as every resource's: adding it twice is a conflict (addMembers,
  // for many at once, skips those already in).
  if (!changed)
    throw conflict('This contact is already a member of this list', undefined, [
      { path: 'body.contactId', message: 'Already a member of this list' },
    ]);
  const [row] = await db
    .select({ id: contactListMembers.id })
    .from(contactListMembers)
    .where(
      and(
        eq(contactListMembers.organizationId, ctx.organizationId),
        eq(contactListMembers.listId, input.listId),
        eq(contactListMembers.contactId, input.contactId),
      ),
    );
  return memberService.get(db, ctx, row!.id);
}

/** The count and newest matches of a segment, unsaved. @example await previewSegment(db, ctx, { segmentRules, sampleSize: 5 }) */
export async function previewSegment(db: Db, ctx: TenantContext, input: z.output<typeof segmentPreview>) {
  const where = await segmentWhere(db, ctx, input.segmentRules, 'body.segmentRules');
  const count = await countWhere(db, where);
  const sample = input.sampleSize ? (await contactService.list(db, ctx, { limit: input.sampleSize }, [where])).data : [];
  return { count, sample };
}
