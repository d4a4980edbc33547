import * as z from 'zod';
import { membershipRole } from '../platform/enums.js';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { analyticsBase, analyticsId, analyticsTag } from './metrics.js';

// Budget pacing: spend against a campaign's daily or lifetime budget, where it will end up at this
// rate, and whether that is over or under. Money as decimal strings.

export const pacingStatuses = ['on_track', 'over', 'under', 'overspent', 'not_started', 'ended', 'no_budget'] as const;
export const pacingQuery = z.strictObject({
  /** The day pacing is measured at, its spend included (default today, UTC). */
  date: f.date().optional(),
});
export const pacingListQuery = pacingQuery.extend({
  clientId: analyticsId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const campaignPacing = z.object({
  campaignId: z.string(),
  name: z.string(),
  clientId: z.string().nullable(),
  budgetType: z.string().nullable(),
  currency: z.string(),
  /** The budget's period: the campaign's flight for a lifetime budget, the calendar month for a daily one. */
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  asOf: z.string(),
  /** The budget over the period (a daily budget × the days of the month). */
  budget: z.string().nullable(),
  spendToDate: z.string(),
  /** What an even pace would have spent by `asOf`. */
  expectedToDate: z.string().nullable(),
  /** Spend at the end of the period if the pace so far holds. */
  projectedSpend: z.string().nullable(),
  /** spendToDate / expectedToDate (1.0000 is exactly on pace). */
  pacing: z.string().nullable(),
  /** over/under: projected more than 10 % above or below the budget; overspent: already past it. */
  status: z.enum(pacingStatuses),
});
export type CampaignPacing = z.output<typeof campaignPacing>;

export const pacingOps = {
  campaignPacing: defineOperation({
    id: 'analytics.adCampaigns.pacing',
    description: "A campaign's spend so far against its budget, its projected spend by the end of the flight, and its " + 'pacing flag.',
    method: 'GET',
    path: `${analyticsBase}/ad-campaigns/:id/pacing`,
    tag: analyticsTag,
    summary: "A campaign's spend against its budget, projected spend and pacing flag",
    params: idParams,
    query: pacingQuery,
    response: campaignPacing,
    roles: membershipRole,
  }),
  listPacing: defineOperation({
    id: 'analytics.pacing.list',
    description: "Budget pacing of every campaign that has a budget (or one client's campaigns), a page at a time.",
    method: 'GET',
    path: `${analyticsBase}/pacing`,
    tag: analyticsTag,
    summary: 'Budget pacing of every campaign with a budget (or one client’s), paged',
    query: pacingListQuery,
    response: z.object({ data: z.array(campaignPacing), nextCursor: z.string().nullable() }),
    roles: membershipRole,
  }),
};
