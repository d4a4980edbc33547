import * as z from 'zod';
import { defineOperation, idParams } from '../shared/operation.js';
import { admins, base, deleted, staff, tag } from './common.js';
import { contactActivityType } from './enums.js';
import { leadScoringRules } from './rows.gen.js';

// Lead scoring: rules over contact fields, custom fields, tags and activity, each adding points to the
// fit score (`leadScore`, who they are) or the engagement score (what they do), and a score that
// explains itself rule by rule.

/** The contact fields a rule can test. */
export const scorableFields = [
  'jobTitle',
  'department',
  'companyName',
  'city',
  'country',
  'contactType',
  'status',
  'source',
  'email',
] as const;
const match = z.enum(['equals', 'contains', 'exists']);
const value = z.union([z.string().max(500), z.number(), z.boolean()]);

/** What a rule tests. Text comparisons ignore case; `exists` needs no value. */
export const scoringCondition = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('field'), field: z.enum(scorableFields), match, value: value.optional() }),
    z.strictObject({ kind: z.literal('customField'), key: z.string().min(1).max(64), match, value: value.optional() }),
    z.strictObject({ kind: z.literal('tag'), tag: z.string().trim().min(1).max(100) }),
    z.strictObject({
      kind: z.literal('activity'),
      activityType: z.enum(contactActivityType),
      /** At least this many such events (default 1)… */
      minCount: z.number().int().min(1).max(10_000).default(1),
      /** …within this many days before now (default: ever). */
      withinDays: z.number().int().min(1).max(3650).optional(),
    }),
  ])
  .refine((c) => !('match' in c) || c.match === 'exists' || c.value !== undefined, { message: 'A value to compare with', path: ['value'] });
export type ScoringCondition = z.output<typeof scoringCondition>;

export const scoreCategory = ['fit', 'engagement'] as const;
export const scoringRuleCreate = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  condition: scoringCondition,
  /** Points added (or, negative, taken away) when the condition holds. */
  scoreChange: z.number().int().min(-1000).max(1000),
  /** `fit` adds to `leadScore`, `engagement` to `engagementScore`. */
  category: z.enum(scoreCategory),
  isActive: z.boolean().optional(),
  priority: z.number().int().min(0).max(1000).optional(),
});
export const scoringRuleRow = leadScoringRules.row.extend({ condition: scoringCondition, category: z.enum(scoreCategory) });

/** A contact's scores as the rules make them now, with every active rule's part. */
export const scoreExplanation = z.object({
  contactId: z.string(),
  leadScore: z.number().int(),
  engagementScore: z.number().int(),
  /** When the stored scores were last recomputed. */
  lastScoreUpdate: z.string().nullable(),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      name: z.string(),
      category: z.enum(scoreCategory),
      matched: z.boolean(),
      /** What the rule adds: its `scoreChange` when matched, else 0. */
      points: z.number().int(),
    }),
  ),
});

const rulesBase = `${base}/lead-scoring-rules`;
export const scoringOps = {
  createScoringRule: defineOperation({
    id: 'crm.leadScoringRules.create',
    method: 'POST',
    path: rulesBase,
    tag,
    summary: 'Add a lead scoring rule (a condition on fields, custom fields, tags or activity, and its points)',
    description:
      'OWNER/ADMIN. The condition is validated (a field and a value to compare with, a tag, or an activity ' +
      'type with a count within a number of days); fit rules add to leadScore, engagement rules to ' +
      'engagementScore. A job then rescores every contact of the organization.',
    body: scoringRuleCreate,
    response: scoringRuleRow,
    status: 201,
    roles: admins,
  }),
  updateScoringRule: defineOperation({
    id: 'crm.leadScoringRules.update',
    method: 'PATCH',
    path: `${rulesBase}/:id`,
    tag,
    summary: 'Change a lead scoring rule',
    description:
      'A job rescores every contact of the organization with the changed rules, a page at a time, right after the change; ' +
      'each contact’s `lastScoreUpdate` says when it was.',
    params: idParams,
    body: scoringRuleCreate.partial(),
    response: scoringRuleRow,
    roles: admins,
  }),
  deleteScoringRule: defineOperation({
    id: 'crm.leadScoringRules.delete',
    method: 'DELETE',
    path: `${rulesBase}/:id`,
    tag,
    summary: 'Remove a lead scoring rule; every contact is rescored without it',
    description: 'OWNER/ADMIN. Like a change, it enqueues the job that rescores every contact of the organization.',
    params: idParams,
    response: deleted,
    roles: admins,
  }),
  explainScore: defineOperation({
    id: 'crm.contacts.score',
    method: 'GET',
    path: `${base}/contacts/:id/score`,
    tag,
    summary: 'A contact’s fit and engagement scores, rule by rule: which rules matched and the points each gave',
    description:
      "Evaluates the organization's active rules now, highest priority first, beside when the stored scores " +
      'were last recomputed. With no active rules, the stored scores are shown as they are.',
    params: idParams,
    response: scoreExplanation,
    roles: staff,
  }),
  rescoreContact: defineOperation({
    id: 'crm.contacts.rescore',
    method: 'POST',
    path: `${base}/contacts/:id/score`,
    tag,
    summary: 'Recompute a contact’s stored scores now (the scoring job does it after every change)',
    description:
      'Stores the scores the explanation gives. Without active rules it changes nothing: stored scores set ' +
      'by an import or another system stand.',
    params: idParams,
    response: scoreExplanation,
    roles: staff,
  }),
};
