import type { ScoringCondition, scoreExplanation, scoringRuleCreate } from '@spokestack/core/crm';
import { crmResources } from '@spokestack/core/crm';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
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

/** @example await createScoringRule(db, ctx, { name: 'VIP', condition: { kind: 'tag', tag: 'vip' }, scoreChange: 20, category: 'fit' }) */
export const createScoringRule = async (db: Db, ctx: TenantContext, input: z.output<typeof scoringRuleCreate>) =>
  asRule(await ruleService.create(db, ctx, input));

export const updateScoringRule = async (db: Db, ctx: TenantContext, id: string, input: Partial<z.output<typeof scoringRuleCreate>>) =>
  asRule(await ruleService.update(db, ctx, id, input));

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
  const rules = (
    await db
      .select()
      .from(leadScoringRules)
      .where(and(eq(leadScoringRules.organizationId, ctx.organizationId), eq(leadScoringRules.isActive, true)))
      .orderBy(desc(leadScoringRules.priority), leadScoringRules.createdAt, leadScoringRules.id)
  ).map(asRule);
  const types = [...new Set(rules.flatMap((r) => (r.condition.kind === 'activity' ? [r.condition.activityType] : [])))];
  const events = types.length
    ? await db
        .select({ activityType: contactActivities.activityType, createdAt: contactActivities.createdAt })
        .from(contactActivities)
        .where(
          and(
            eq(contactActivities.organizationId, ctx.organizationId),
            eq(contactActivities.contactId, id),
            inArray(contactActivities.activityType, types),
          ),
        )
    : [];
  const scored = rules.map((r) => {
    const matched = holds(r.condition, contact, events, ctx.now);
    return { ruleId: r.id, name: r.name, category: r.category, matched, points: matched ? r.scoreChange : 0 };
  });
  const sum = (category: 'fit' | 'engagement') => scored.filter((r) => r.category === category).reduce((n, r) => n + r.points, 0);
  // With no active rules, scoring is not in use: the stored scores (set by an import, the demo or another system)
  // stand, rather than every edit zeroing them.
  return {
    contactId: id,
    leadScore: rules.length ? sum('fit') : contact.leadScore,
    engagementScore: rules.length ? sum('engagement') : contact.engagementScore,
    lastScoreUpdate: contact.lastScoreUpdate?.toISOString() ?? null,
    rules: scored,
  };
}

/** Recomputes and stores a contact's scores (a no-op without active rules). @example await rescoreContact(db, ctx, id) */
export async function rescoreContact(db: Db, ctx: TenantContext, id: string): Promise<Explanation> {
  const explained = await explainScore(db, ctx, id);
  if (explained.rules.length === 0) return explained;
  await db
    .update(contacts)
    .set({ leadScore: explained.leadScore, engagementScore: explained.engagementScore, lastScoreUpdate: ctx.now })
    .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, id)));
  return { ...explained, lastScoreUpdate: ctx.now.toISOString() };
}

/** The scoring job: a contact changed (or something happened to it); a contact deleted since is skipped. */
export async function runLeadScore(db: Db, ctx: TenantContext, payload: Json): Promise<void> {
  const { contactId } = (payload ?? {}) as { contactId?: string };
  if (typeof contactId !== 'string') throw new Error(`${scoreJobName}: malformed payload`);
  await rescoreContact(db, ctx, contactId).catch((error: unknown) => {
    if (!(error instanceof Error && /not found/.test(error.message))) throw error;
  });
}
