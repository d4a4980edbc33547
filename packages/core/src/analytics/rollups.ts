import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation } from '../shared/operation.js';
import { analyticsBase, analyticsId, analyticsTag, metricChange, metricValues } from './metrics.js';

// Cross-client rollups: an agency's totals across every ad account and web property of a client, and
// across all its clients, on the media query engine's rules (sums first, ratios re-derived, money
// converted at the stored rates, the previous period beside).

export const rollupDimensions = ['client', 'property'] as const;

export const rollupQuery = z
  .strictObject({
    from: f.date(),
    to: f.date(),
    /** `client`: one row per client (and one for what no client owns); `property`: per ad account and web property. */
    dimension: z.enum(rollupDimensions).default('client'),
    clientId: analyticsId.optional(),
    /** ISO 4217; spend and conversion value in other currencies are converted at the stored rates. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code like "EUR"')
      .optional(),
    compare: z.union([z.boolean(), f.queryBool()]).default(true),
  })
  .refine((q) => q.from <= q.to, { message: 'Must not be after `to`', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 1100, { message: 'At most 3 years', path: ['to'] });

const dec = z.string();
/** Web analytics summed from the daily aggregates; `conversionRate` is conversions / sessions, null without sessions. */
export const webValues = z.object({
  sessions: dec,
  pageviews: dec,
  conversions: dec,
  /** The tracker's conversion values as sent (web properties carry no currency, so they are not converted). */
  conversionValue: dec,
  conversionRate: dec.nullable(),
});
export type WebValues = z.output<typeof webValues>;

const figures = z.object({ media: metricValues, web: webValues });
export const rollupRow = z.object({
  /** `client`, or for `dimension: property` the kind of property: `adAccount` or `webProperty`. */
  kind: z.enum(['client', 'adAccount', 'webProperty']),
  /** The client, connection or web property id; null for the row of what belongs to no client. */
  key: z.string().nullable(),
  label: z.string().nullable(),
  clientId: z.string().nullable(),
  ...figures.shape,
  previous: figures.nullable(),
  change: z.object({ media: metricChange, web: metricChange }).nullable(),
});
export const rollupResult = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  previousPeriod: z.object({ from: z.string(), to: z.string() }).nullable(),
  dimension: z.enum(rollupDimensions),
  rows: z.array(rollupRow),
  totals: z.object({
    ...figures.shape,
    previous: figures.nullable(),
    change: z.object({ media: metricChange, web: metricChange }).nullable(),
  }),
});
export type RollupResult = z.output<typeof rollupResult>;

export const rollupOps = {
  queryRollup: defineOperation({
    id: 'analytics.rollups.query',
    method: 'GET',
    path: `${analyticsBase}/rollups`,
    tag: analyticsTag,
    summary: 'Totals across every ad account and web property, per client or per property, with the previous period',
    description: "Sums media spend and web figures across a client's ad accounts and web properties (or all clients) in one currency.",
    query: rollupQuery,
    response: rollupResult,
    roles: ['OWNER', 'ADMIN', 'MEMBER', 'CLIENT'],
  }),
};
