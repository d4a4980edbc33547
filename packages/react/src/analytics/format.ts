import type { WidgetData } from '@spokestack/core/analytics';

// Figures arrive as decimal strings; Intl.NumberFormat formats a string as the exact decimal it spells
// (ES2023), so nothing here turns money into a float. A missing figure (a ratio over zero) reads "—".

type Metric = WidgetData['metric'];

const money = new Set<Metric>(['spend', 'conversionValue', 'cpm', 'cpc', 'cpa', 'webConversionValue']);
const rates = new Set<Metric>(['ctr', 'webConversionRate']);
/** Costs per result: a rise is bad news, so its change is shown in the warning tone. */
const costs = new Set<Metric>(['cpm', 'cpc', 'cpa']);

/** What stands for a figure that does not exist (a ratio whose divisor is 0). */
export const noValue = '—';

/** Intl takes decimal strings at run time; TypeScript's lib only knows numbers and bigints. */
const fmt = (options: Intl.NumberFormatOptions, locale?: string) => {
  const format = new Intl.NumberFormat(locale, options);
  return (value: string) => format.format(value as unknown as number);
};

/**
 * A metric's value as people read it: money in its currency, rates as percentages, ROAS as a multiple,
 * counts grouped; `null` (or anything not a finite number) as "—", never NaN or Infinity.
 *
 * @example formatMetric('spend', '1234.50', 'EUR', 'en') // '€1,234.50'
 */
export function formatMetric(metric: Metric, value: string | null, currency: string | null, locale?: string): string {
  if (value === null || !Number.isFinite(Number(value))) return noValue;
  if (money.has(metric) && currency) return fmt({ style: 'currency', currency }, locale)(value);
  if (money.has(metric)) return fmt({ minimumFractionDigits: 2, maximumFractionDigits: 2 }, locale)(value);
  if (rates.has(metric)) return fmt({ style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }, locale)(value);
  if (metric === 'roas') return `${fmt({ minimumFractionDigits: 2, maximumFractionDigits: 2 }, locale)(value)}×`;
  if (metric === 'frequency') return fmt({ maximumFractionDigits: 2 }, locale)(value);
  return fmt({ maximumFractionDigits: 0 }, locale)(value);
}

/**
 * A relative change ('0.2500') as a signed percentage ('+25.0%'), "—" when there is nothing to compare with.
 *
 * @example formatChange('-0.125') // '−12.5%'
 */
export function formatChange(change: string | null, locale?: string): string {
  if (change === null || !Number.isFinite(Number(change))) return noValue;
  return fmt({ style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }, locale)(change);
}

/**
 * Whether a change is good, bad or flat news for this metric (a cheaper click is good).
 *
 * @example changeTone('cpc', '0.10') // 'bad'
 */
export function changeTone(metric: Metric, change: string | null): 'good' | 'bad' | 'flat' {
  const n = Number(change);
  // What reads "0.0%" is flat, whatever the fourth decimal says.
  if (change === null || !Number.isFinite(n) || Math.abs(n) < 0.0005) return 'flat';
  return n > 0 !== costs.has(metric) ? 'good' : 'bad';
}

/**
 * An axis tick: short ("$10K", "1.2M", "4%"), since an axis has no room for cents.
 *
 * @example formatAxis('spend', 10000, 'USD', 'en') // '$10K'
 */
export function formatAxis(metric: Metric, value: number, currency: string | null, locale?: string): string {
  if (rates.has(metric)) return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const style: Intl.NumberFormatOptions = money.has(metric) && currency ? { style: 'currency', currency } : {};
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1, ...style }).format(value);
}

/** A point's value as a chart's y coordinate; charts need numbers, and a missing ratio is a gap, not 0. */
export const plotValue = (value: string | null): number | null => (value === null ? null : Number(value));

/** The colour of a chart's nth series (six, then round again), from the theme's chart tokens. */
export const seriesColor = (index: number) => `var(--ss-chart-${(index % 6) + 1})`;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (locale?: string) => {
  const key = locale ?? '';
  let f = dayFormats.get(key);
  if (!f) dayFormats.set(key, (f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return f;
};
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * A `YYYY-MM-DD` day in the reader's words, read in UTC (the API's days are UTC days); `.range` gives two days as
 * one range, sharing what they share ("Nov 3 – Dec 2, 2026").
 *
 * @example formatDay('2026-09-05', 'en-US') // 'Sep 5, 2026'
 */
export const formatDay = Object.assign((date: string, locale?: string) => dayFormat(locale).format(utc(date)), {
  range: (from: string, to: string, locale?: string) => dayFormat(locale).formatRange(utc(from), utc(to)),
});
