import type { ScoringCondition, scoreExplanation, scoringRuleCreate } from '@spokestack/core/crm';
import { crmResources } from '@spokestack/core/crm';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { resourceService } from '../db/resource-service.js';
import { notFound } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { scoreJobName } from './activities.js';
import { contactActivities, contacts, leadScoringRules } from './schema.js';

// Lead scoring: the organization's active rules evaluated over a contact's fields, custom fields, tags
// and timeline. Fit rules add to `leadScore`, engagement rules to `engagementScore`; the scoring job
// stores both after every change of the contact or its activity, and `explainScore` shows each rule's part.

type RuleRow = typeof leadScoringRules.$inferSelect;
type Contact = typeof contacts.$inferSelect;
type Explanation = z.output<typeof scoreExplanation>;
/** Rules are validated by `scoringCondition` when written. */
const asRule = (row: RuleRow) =>
  row as Omit<RuleRow, 'condition' | 'category'> & { condition: ScoringCondition; category: 'fit' | 'engagement' };

const ruleService = resourceService(leadScoringRules, crmResources.leadScoringRules);

/**
 * Any change to the rules rescores every contact of the organization: one job walking the contacts a page
 * at a time, enqueued in the rule's transaction (two edits in one instant rescore once).
 */
const rescoreAll = (tx: Db, ctx: TenantContext) =>
  ctx.jobs.enqueue(
    scoreJobName,
    { all: true },
    { db: tx, organizationId: ctx.organizationId, uniqueKey: `${scoreJobName}:all:${ctx.now.toISOString()}` },
  );

/** @example await createScoringRule(db, ctx, { name: 'VIP', condition: { kind: 'tag', tag: 'vip' }, scoreChange: 20, category: 'fit' }) */
export const createScoringRule = (db: Db, ctx: TenantContext, input: z.output<typeof scoringRuleCreate>) =>
  transaction(db, async (tx) => {
    const rule = asRule(await ruleService.create(tx, ctx, input));
    await rescoreAll(tx, ctx);
    return rule;
  });

export const updateScoringRule = (db: Db, ctx: TenantContext, id: string, input: Partial<z.output<typeof scoringRuleCreate>>) =>
  transaction(db, async (tx) => {
    const rule = asRule(await ruleService.update(tx, ctx, id, input));
    await rescoreAll(tx, ctx);
    return rule;
  });

/** @example await deleteScoringRule(db, ctx, rule.id) */
export const deleteScoringRule = (db: Db, ctx: TenantContext, id: string) =>
  transaction(db, async (tx) => {
    const result = await ruleService.remove(tx, ctx, id);
    await rescoreAll(tx, ctx);
    return result;
  });

const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const lower = (v: unknown) => String(v).toLowerCase();

function compare(actual: unknown, match: 'equals' | 'contains' | 'exists', expected: unknown): boolean {
  if (match === 'exists') return !empty(actual);
  if (empty(actual)) return false;
  const values = Array.isArray(actual) ? actual : [actual];
  return values.some((v) =>
    match === 'equals' ? (typeof v === 'string' ? lower(v) === lower(expected) : v === expected) : lower(v).includes(lower(expected)),
  );
}

const dayMs = 86_400_000;

function holds(condition: ScoringCondition, contact: Contact, events: { activityType: string; createdAt: Date }[], now: Date): boolean {
  switch (condition.kind) {
    case 'field':
      return compare(contact[condition.field], condition.match, condition.value);
    case 'customField':
      return compare((contact.customFields as Record<string, Json>)[condition.key], condition.match, condition.value);
    case 'tag':
      return contact.tags.some((t) => lower(t) === lower(condition.tag));
    case 'activity': {
      const since = condition.withinDays ? now.getTime() - condition.withinDays * dayMs : -Infinity;
      const count = events.filter((e) => e.activityType === condition.activityType && e.createdAt.getTime() >= since).length;
      return count >= condition.minCount;
    }
  }
}

type Event = { contactId: string; activityType: string; createdAt: Date };

const activeRules = async (db: Db, ctx: TenantContext) =>
  (
    await db
      .select()
      .from(leadScoringRules)
      .where(and(eq(leadScoringRules.organizationId, ctx.organizationId), eq(leadScoringRules.isActive, true)))
      .orderBy(desc(leadScoringRules.priority), leadScoringRules.createdAt, leadScoringRules.id)
  ).map(asRule);

/** The timeline events the rules look at, of these contacts, in one query. */
async function eventsOf(db: Db, ctx: TenantContext, rules: ReturnType<typeof asRule>[], ids: string[]): Promise<Map<string, Event[]>> {
  const types = [...new Set(rules.flatMap((r) => (r.condition.kind === 'activity' ? [r.condition.activityType] : [])))];
  const byContact = new Map<string, Event[]>();
  if (!types.length || !ids.length) return byContact;
  const rows = await db
    .select({
      contactId: contactActivities.contactId,
      activityType: contactActivities.activityType,
      createdAt: contactActivities.createdAt,
    })
    .from(contactActivities)
    .where(
      and(
        eq(contactActivities.organizationId, ctx.organizationId),
        inArray(contactActivities.contactId, ids),
        inArray(contactActivities.activityType, types),
      ),
    );
  for (const row of rows) byContact.set(row.contactId, [...(byContact.get(row.contactId) ?? []), row]);
  return byContact;
}

function explain(contact: Contact, rules: ReturnType<typeof asRule>[], events: Event[], now: Date): Explanation {
  const scored = rules.map((r) => {
    const matched = holds(r.condition, contact, events, now);
    return { ruleId: r.id, name: r.name, category: r.category, matched, points: matched ? r.scoreChange : 0 };
  });
  const sum = (category: 'fit' | 'engagement') => scored.filter((r) => r.category === category).reduce((n, r) => n + r.points, 0);
  // With no active rules, scoring is not in use: the stored scores (set by an import, the demo or another system)
  // stand, rather than every edit zeroing them.
  return {
    contactId: contact.id,
    leadScore: rules.length ? sum('fit') : contact.leadScore,
    engagementScore: rules.length ? sum('engagement') : contact.engagementScore,
    lastScoreUpdate: contact.lastScoreUpdate?.toISOString() ?? null,
    rules: scored,
  };
}

/**
 * A contact's scores as the active rules make them now, rule by rule (highest priority first), beside
 * when the stored scores were last recomputed.
 *
 * @example const { leadScore, rules } = await explainScore(db, ctx, id) // rules[0] → { name: 'VIP', matched: true, points: 20 }
 */
export async function explainScore(db: Db, ctx: TenantContext, id: string): Promise<Explanation> {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, id)));
  if (!contact) throw notFound('Contact');
  const rules = await activeRules(db, ctx);
  return explain(contact, rules, (await eventsOf(db, ctx, rules, [id])).get(id) ?? [], ctx.now);
}

/**
 * Recomputes and stores the scores of these contacts in a few statements whatever their number (the rules
 * and events read once, one UPDATE … FROM VALUES); a no-op without active rules. Ids of other organizations
 * or of deleted contacts are skipped.
 *
 * @example await rescoreContacts(db, ctx, batch.map((c) => c.id))
 */
export async function rescoreContacts(db: Db, ctx: TenantContext, ids: string[]): Promise<Explanation[]> {
  const rules = await activeRules(db, ctx);
  if (!rules.length || !ids.length) return [];
  const rows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.organizationId, ctx.organizationId), inArray(contacts.id, ids)));
  const events = await eventsOf(
    db,
    ctx,
    rules,
    rows.map((r) => r.id),
  );
  const explained = rows.map((row) => explain(row, rules, events.get(row.id) ?? [], ctx.now));
  if (!explained.length) return [];
  const values = sql.join(
    explained.map((e) => sql`(${e.contactId}, ${e.leadScore}::integer, ${e.engagementScore}::integer)`),
    sql`, `,
  );
  await db.execute(sql`
    update contacts set lead_score = v.lead, engagement_score = v.engagement, last_score_update = ${ctx.now.toISOString()}::timestamptz
    from (values ${values}) as v(id, lead, engagement)
    where contacts.organization_id = ${ctx.organizationId} and contacts.id = v.id`);
  return explained.map((e) => ({ ...e, lastScoreUpdate: ctx.now.toISOString() }));
}

/** Recomputes and stores a contact's scores (a no-op without active rules). @example await rescoreContact(db, ctx, id) */
export async function rescoreContact(db: Db, ctx: TenantContext, id: string): Promise<Explanation> {
  const [stored] = await rescoreContacts(db, ctx, [id]);
  return stored ?? explainScore(db, ctx, id);
}

const allPage = 500;

/**
 * The scoring job. `{ contactIds }`: these contacts changed (or something happened to them). `{ all: true }`:
 * the rules changed, so every contact is rescored, a page per job — each job does one page and enqueues the
 * next from its last id, so a large organization is never one long job and a retry redoes one page.
 */
export async function runLeadScore(db: Db, ctx: TenantContext, payload: Json): Promise<void> {
  const { contactId, contactIds, all, after } = (payload ?? {}) as {
    contactId?: unknown;
    contactIds?: unknown;
    all?: unknown;
    after?: unknown;
  };
  if (all === true) {
    const page = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.organizationId, ctx.organizationId), typeof after === 'string' ? gt(contacts.id, after) : undefined))
      .orderBy(contacts.id)
      .limit(allPage);
    await rescoreContacts(
      db,
      ctx,
      page.map((c) => c.id),
    );
    const last = page.at(-1)?.id;
    if (page.length === allPage)
      await ctx.jobs.enqueue(
        scoreJobName,
        { all: true, after: last! },
        { organizationId: ctx.organizationId, uniqueKey: `${scoreJobName}:all:${ctx.now.toISOString()}:${last}` },
      );
    return;
  }
  // `contactId`: a job enqueued before jobs took lists.
  const ids = Array.isArray(contactIds) ? contactIds : [contactId];
  if (!ids.length || !ids.every((id): id is string => typeof id === 'string')) throw new Error(`${scoreJobName}: malformed payload`);
  await rescoreContacts(db, ctx, ids);
}
