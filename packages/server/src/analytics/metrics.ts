import { Decimal } from 'decimal.js';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

// The derived media metrics, defined once. Each is a ratio of two additive base metrics times a factor,
// rounded half away from zero to the scale of the column that stores it. `deriveMetrics` computes them in
// JavaScript and `derivedMetricsSql` as SQL over whatever expressions a query passes (usually sums), both
// from the table below, so a dashboard total and a stored daily row can never disagree on a formula.
// Ratios are always re-derived from summed bases: the average of daily CTRs is not the period's CTR.

/** The additive metrics every ratio is built from, as a platform reports them for a day. */
export const baseMetrics = ['spend', 'impressions', 'reach', 'clicks', 'conversions', 'conversionValue'] as const;
export type BaseMetric = (typeof baseMetrics)[number];

/** One derived metric: `numerator / denominator × factor`, null when the denominator is 0 or unknown. */
export interface MetricDefinition {
  numerator: BaseMetric;
  denominator: BaseMetric;
  factor: number;
  /** Decimal places kept: the scale of the `campaign_metrics` column the value is stored in. */
  scale: number;
  /** What it means, for a person reading a report or the API reference. */
  description: string;
}

export const metricDefinitions = {
  ctr: { numerator: 'clicks', denominator: 'impressions', factor: 1, scale: 4, description: 'Click-through rate: clicks / impressions.' },
  cpm: {
    numerator: 'spend',
    denominator: 'impressions',
    factor: 1000,
    scale: 4,
    description: 'Cost per thousand impressions: spend / impressions × 1000.',
  },
  cpc: { numerator: 'spend', denominator: 'clicks', factor: 1, scale: 4, description: 'Cost per click: spend / clicks.' },
  cpa: { numerator: 'spend', denominator: 'conversions', factor: 1, scale: 4, description: 'Cost per acquisition: spend / conversions.' },
  roas: {
    numerator: 'conversionValue',
    denominator: 'spend',
    factor: 1,
    scale: 4,
    description: 'Return on ad spend: conversion value / spend.',
  },
  frequency: {
    numerator: 'impressions',
    denominator: 'reach',
    factor: 1,
    scale: 2,
    description: 'Average times each person saw an ad: impressions / reach.',
  },
} as const satisfies Record<string, MetricDefinition>;

export type DerivedMetric = keyof typeof metricDefinitions;
export const derivedMetrics = Object.keys(metricDefinitions) as DerivedMetric[];

/** A base metric's value: a decimal string (as numeric columns arrive), an integer, a bigint, or null for none. */
export type MetricInput = string | number | bigint | null | undefined;
export type DerivedValues = Record<DerivedMetric, string | null>;

// 40 significant digits: a quotient's rounding error stays far below half a unit of any kept scale, so
// rounding it to `scale` gives the same digits as PostgreSQL's numeric division below.
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

function toDecimal(value: MetricInput): Decimal | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`Not a finite metric value: ${value}`);
  return new Exact(typeof value === 'bigint' ? value.toString() : value);
}

/**
 * The derived metrics of a set of base metrics (one day's row, or sums over a period), as decimal strings
 * with each metric's fixed scale; a metric is null when its denominator is 0 or either operand is missing.
 *
 * @example
 * deriveMetrics({ spend: '120.50', impressions: 48_000, clicks: 960, conversions: 0, conversionValue: null, reach: 20_000 })
 * // { ctr: '0.0200', cpm: '2.5104', cpc: '0.1255', cpa: null, roas: null, frequency: '2.40' }
 */
export function deriveMetrics(base: Partial<Record<BaseMetric, MetricInput>>): DerivedValues {
  const values = {} as DerivedValues;
  for (const name of derivedMetrics) {
    const def: MetricDefinition = metricDefinitions[name];
    const numerator = toDecimal(base[def.numerator]);
    const denominator = toDecimal(base[def.denominator]);
    values[name] =
      numerator === null || denominator === null || denominator.isZero()
        ? null
        : numerator.times(def.factor).div(denominator).toFixed(def.scale, Decimal.ROUND_HALF_UP);
  }
  return values;
}

/** SQL expressions (or columns) for the base metrics, e.g. `sum(campaign_metrics.spend)`. */
export type BaseMetricSql = Record<BaseMetric, SQLWrapper>;

function derivedSql(def: MetricDefinition, numerator: SQLWrapper, denominator: SQLWrapper): SQL<string | null> {
  // The numerator is made numeric with 20 decimals first: integer sums would otherwise divide as integers,
  // and PostgreSQL gives a quotient at least its dividend's scale, so 20 places leave nothing for the final
  // round() to round twice. nullif() turns a zero divisor into null, like the JavaScript side.
  return sql<
    string | null
  >`round(round((${numerator})::numeric * ${sql.raw(String(def.factor))}, 20) / nullif((${denominator})::numeric, 0), ${sql.raw(
    String(def.scale),
  )})`;
}

/**
 * The derived metrics as SQL over the given base expressions, for a query to select next to its sums:
 * the figures equal `deriveMetrics` of the same sums, digit for digit. Numeric results arrive as strings.
 *
 * @example
 * const m = campaignMetrics;
 * const sums = { spend: sql`sum(${m.spend})`, impressions: sql`sum(${m.impressions})`, reach: sql`sum(${m.reach})`,
 *   clicks: sql`sum(${m.clicks})`, conversions: sql`sum(${m.conversions})`, conversionValue: sql`sum(${m.conversionValue})` };
 * const d = derivedMetricsSql(sums);
 * await db.select({ day: m.date, ctr: d.ctr, roas: d.roas }).from(m).groupBy(m.date);
 */
export function derivedMetricsSql(base: BaseMetricSql): Record<DerivedMetric, SQL<string | null>> {
  const values = {} as Record<DerivedMetric, SQL<string | null>>;
  for (const name of derivedMetrics) {
    const def: MetricDefinition = metricDefinitions[name];
    values[name] = derivedSql(def, base[def.numerator], base[def.denominator]);
  }
  return values;
}
