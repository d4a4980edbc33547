import * as z from 'zod';
import { membershipRole } from '../platform/enums.js';
import * as f from '../shared/fields.js';
import { defineOperation } from '../shared/operation.js';
import { platformType } from './enums.js';

// Media metrics: the bulk daily upsert that imports and connectors write through, and the one query
// engine that dashboards, reports and rollups read through. Money and ratios are decimal strings.

export const analyticsTag = 'Analytics';
export const analyticsBase = '/v1/analytics';
export const analyticsId = z.string().min(1).max(64);
const writers = ['OWNER', 'ADMIN', 'MEMBER'] as const;

/** Most days one upsert request takes (one multi-row INSERT per few thousand rows on the server). */
export const maxUpsertRows = 10_000;

const count = () => f.bigint().min(0);
const money = (precision: number) => f.decimal(precision, 2).refine((v) => !v.startsWith('-'), 'Must not be negative');

/** The base metrics of one day every level reports; ratios are derived from them, never sent. */
const dayBase = {
  date: f.date(),
  impressions: count().optional(),
  reach: count().optional(),
  clicks: count().optional(),
  conversions: count().optional(),
  spend: money(12).optional(),
  customMetrics: f.json().optional(),
};

/** One campaign-day: the base metrics and the engagement counts the spec's `campaign_metrics` keeps. */
export const campaignDay = z.strictObject({
  campaignId: analyticsId,
  ...dayBase,
  conversionValue: money(14).nullish(),
  videoViews: count().optional(),
  likes: count().optional(),
  comments: count().optional(),
  shares: count().optional(),
  saves: count().optional(),
  leads: count().optional(),
  purchases: count().optional(),
  purchaseValue: money(14).nullish(),
});
export const adSetDay = z.strictObject({ adSetId: analyticsId, ...dayBase });
export const adDay = z.strictObject({ adId: analyticsId, ...dayBase });
/** One ad-account metric of a day (`platform_metrics`), optionally broken down by a dimension. */
export const accountDay = z.strictObject({
  platformId: analyticsId,
  date: f.date(),
  metricType: z.string().min(1).max(100),
  dimension: z.string().min(1).max(100).nullish(),
  dimensionValue: z.string().min(1).max(500).nullish(),
  value: f.decimal(18, 4),
  metadata: f.json().optional(),
});

const rowsOf = <T extends z.ZodType>(row: T) => z.array(row).min(1).max(maxUpsertRows);
export const metricsUpsert = z.discriminatedUnion('level', [
  z.strictObject({ level: z.literal('campaign'), rows: rowsOf(campaignDay) }),
  z.strictObject({ level: z.literal('adSet'), rows: rowsOf(adSetDay) }),
  z.strictObject({ level: z.literal('ad'), rows: rowsOf(adDay) }),
  z.strictObject({ level: z.literal('account'), rows: rowsOf(accountDay) }),
]);
export type MetricsUpsert = z.input<typeof metricsUpsert>;
export const metricsUpsertResult = z.object({ level: z.string(), upserted: z.number().int() });

export const metricIntervals = ['day', 'week', 'month', 'total'] as const;
export const metricDimensions = ['none', 'campaign', 'adSet', 'platform', 'account', 'client'] as const;
export type MetricInterval = (typeof metricIntervals)[number];
export type MetricDimension = (typeof metricDimensions)[number];

/** What a metrics query asks: a date range, its grouping, filters, the currency to report in, the comparison. */
export const metricsQuery = z
  .strictObject({
    from: f.date(),
    to: f.date(),
    interval: z.enum(metricIntervals).default('total'),
    dimension: z.enum(metricDimensions).default('none'),
    clientId: analyticsId.optional(),
    platformId: analyticsId.optional(),
    platform: z.enum(platformType).optional(),
    campaignId: analyticsId.optional(),
    /** ISO 4217; money in other currencies is converted at the stored rates. Default: the one currency of the data. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code like "EUR"')
      .optional(),
    /** Also compute the previous period of the same length and the change (default true). */
    compare: z.union([z.boolean(), f.queryBool()]).default(true),
  })
  .refine((q) => q.from <= q.to, { message: 'Must not be after `to`', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 1100, { message: 'At most 3 years', path: ['to'] });
export type MetricsQuery = z.input<typeof metricsQuery>;

const dec = z.string();
/** Sums of the base metrics (decimal strings) and the ratios re-derived from them (null when a divisor is 0). */
export const metricValues = z.object({
  spend: dec,
  impressions: dec,
  reach: dec,
  clicks: dec,
  conversions: dec,
  conversionValue: dec,
  ctr: dec.nullable(),
  cpm: dec.nullable(),
  cpc: dec.nullable(),
  cpa: dec.nullable(),
  roas: dec.nullable(),
  frequency: dec.nullable(),
});
export type MetricValues = z.output<typeof metricValues>;
/** Per metric, (current − previous) / previous as a decimal fraction (`"0.2500"` is +25 %); null when previous is 0. */
export const metricChange = z.record(z.string(), dec.nullable());
export const metricsRow = z.object({
  /** The first day of the bucket; null for `interval: total`. */
  date: z.string().nullable(),
  /** The dimension's value (campaign, ad set, connection or client id, platform type); null for `dimension: none` or no client. */
  key: z.string().nullable(),
  label: z.string().nullable(),
  metrics: metricValues,
  /** The same bucket and key's figures in the previous period (the days a period's length before its own); null without `compare`. */
  previous: metricValues.nullable(),
  change: metricChange.nullable(),
});
export const metricsResult = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  /** The period compared with: as long as the asked one, ending the day before it. */
  previousPeriod: z.object({ from: z.string(), to: z.string() }).nullable(),
  interval: z.enum(metricIntervals),
  dimension: z.enum(metricDimensions),
  rows: z.array(metricsRow),
  totals: z.object({ metrics: metricValues, previous: metricValues.nullable(), change: metricChange.nullable() }),
});
export type MetricsResult = z.output<typeof metricsResult>;

export const metricOps = {
  upsertMetrics: defineOperation({
    id: 'analytics.metrics.upsert',
    description:
      'Writes daily media metrics in bulk for campaigns, ad sets or ads; sending a day again replaces it, ' +
      'so re-imports are safe. Money and rates are decimal strings.',
    method: 'PUT',
    path: `${analyticsBase}/metrics`,
    tag: analyticsTag,
    summary: 'Write daily metrics in bulk (a day sent again replaces it)',
    body: metricsUpsert,
    response: metricsUpsertResult,
    roles: writers,
  }),
  queryMetrics: defineOperation({
    id: 'analytics.metrics.query',
    description:
      'Media metrics (spend, impressions, clicks, conversions and the rates derived from them) over a date ' +
      'range, by day, week, month or in total and by a dimension, with the previous period for comparison.',
    method: 'GET',
    path: `${analyticsBase}/metrics`,
    tag: analyticsTag,
    summary: 'Media metrics over a date range, grouped by time and dimension, with the previous period',
    query: metricsQuery,
    response: metricsResult,
    roles: membershipRole,
  }),
};
