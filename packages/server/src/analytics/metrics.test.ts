import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';
import { type BaseMetric, baseMetrics, type DerivedValues, deriveMetrics, derivedMetricsSql } from './metrics.js';

type Base = Record<BaseMetric, string | null>;

describe('deriveMetrics', () => {
  it('derives every ratio with its fixed scale', () => {
    expect(
      deriveMetrics({ spend: '120.50', impressions: 48_000, reach: 20_000, clicks: 960, conversions: 12, conversionValue: '1446.00' }),
    ).toEqual({ ctr: '0.0200', cpm: '2.5104', cpc: '0.1255', cpa: '10.0417', roas: '12.0000', frequency: '2.40' });
  });

  it('is null, never NaN or Infinity, when a divisor is 0 or a value is missing', () => {
    const zero = deriveMetrics({ spend: '0', impressions: 0, reach: 0, clicks: 0, conversions: 0, conversionValue: '0' });
    expect(zero).toEqual({ ctr: null, cpm: null, cpc: null, cpa: null, roas: null, frequency: null });
    expect(deriveMetrics({ spend: '10', impressions: 100n, clicks: 5 })).toMatchObject({ ctr: '0.0500', roas: null, cpa: null });
    expect(deriveMetrics({ spend: '0', conversionValue: '5' }).roas).toBeNull();
    expect(deriveMetrics({ spend: '5', conversionValue: null }).roas).toBeNull();
  });

  it('rounds half away from zero and keeps digits floats would lose', () => {
    // 1 / 8 = 0.125 exactly: ties round up, to 0.13 at two places (frequency) and stay 0.1250 at four.
    expect(deriveMetrics({ impressions: 1, reach: 8 }).frequency).toBe('0.13');
    expect(deriveMetrics({ clicks: 1, impressions: 8 }).ctr).toBe('0.1250');
    // 0.1 + 0.2 style errors: 0.3 of value on 0.1 of spend is exactly 3.
    expect(deriveMetrics({ conversionValue: '0.3', spend: '0.1' }).roas).toBe('3.0000');
    // Sums past 2^53 keep every digit.
    expect(deriveMetrics({ spend: '90071992547409.93', clicks: 9_007_199_254_740_993n }).cpc).toBe('0.0100');
  });

  it('refuses non-finite numbers instead of deriving garbage', () => {
    expect(() => deriveMetrics({ clicks: Number.NaN, impressions: 10 })).toThrow(RangeError);
  });
});

describe('derivedMetricsSql agrees with deriveMetrics', () => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await createTestInstance();
  });
  afterAll(() => t.close());

  /** A deterministic spread of day and period totals: zeros, ties, tiny and huge values. */
  function cases(): Base[] {
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    const int = (max: number) => String(next() % max);
    const money = (max: number) => `${next() % max}.${String(next() % 100).padStart(2, '0')}`;
    const list: Base[] = [
      { spend: '0', impressions: '0', reach: '0', clicks: '0', conversions: '0', conversionValue: '0' },
      { spend: '0.00', impressions: '1', reach: '8', clicks: '1', conversions: '3', conversionValue: null },
      { spend: '0.01', impressions: '3', reach: '7', clicks: '2', conversions: '6', conversionValue: '0.02' },
      {
        spend: '99999999.99',
        impressions: '9007199254740993',
        reach: '3',
        clicks: '2147483647',
        conversions: '1',
        conversionValue: '0.01',
      },
      { spend: '1.5', impressions: '2000', reach: '1600', clicks: '0', conversions: '0', conversionValue: '2.25' },
    ];
    for (let i = 0; i < 300; i++) {
      const impressions = int(i % 3 === 0 ? 50 : 5_000_000);
      list.push({
        spend: money(i % 4 === 0 ? 5 : 200_000),
        impressions,
        reach: int(Math.max(1, Number(impressions))),
        clicks: int(i % 5 === 0 ? 3 : 100_000),
        conversions: int(i % 7 === 0 ? 1 : 900),
        conversionValue: i % 11 === 0 ? null : money(500_000),
      });
    }
    return list;
  }

  it('on 305 totals, digit for digit', async () => {
    const list = cases();
    const rows = sql.join(
      list.map(
        (c, i) =>
          sql`(${i}::int, ${sql.join(
            baseMetrics.map((m) => sql`${c[m]}::numeric`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    const columns = sql.raw(['i', ...baseMetrics.map((m) => `"${m}"`)].join(', '));
    const col = (name: string): SQL => sql.raw(`t."${name}"`);
    const derived = derivedMetricsSql({
      spend: col('spend'),
      impressions: col('impressions'),
      reach: col('reach'),
      clicks: col('clicks'),
      conversions: col('conversions'),
      conversionValue: col('conversionValue'),
    });
    const result = await t.db
      .select({ i: sql<number>`t.i`, ...derived })
      .from(sql`(values ${rows}) as t(${columns})`)
      .orderBy(sql`t.i`);
    expect(result).toHaveLength(list.length);
    let nulls = 0;
    for (const row of result) {
      const { i, ...fromSql } = row;
      const expected: DerivedValues = deriveMetrics(list[i]!);
      expect(fromSql, JSON.stringify(list[i])).toEqual(expected);
      nulls += Object.values(expected).filter((v) => v === null).length;
    }
    // The spread exercises both branches: zero divisors and real quotients.
    expect(nulls).toBeGreaterThan(20);
  });

  it('derives period totals from sums, not from averages of daily ratios', async () => {
    const days = [
      { spend: '100.00', impressions: '1000', reach: '900', clicks: '100', conversions: '10', conversionValue: '500.00' },
      { spend: '1.00', impressions: '9000', reach: '5000', clicks: '9', conversions: '0', conversionValue: null },
    ];
    const rows = sql.join(
      days.map(
        (d) =>
          sql`(${sql.join(
            baseMetrics.map((m) => sql`${d[m]}::numeric`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    const columns = sql.raw(baseMetrics.map((m) => `"${m}"`).join(', '));
    const sum = (name: string): SQL => sql.raw(`sum(t."${name}")`);
    const derived = derivedMetricsSql({
      spend: sum('spend'),
      impressions: sum('impressions'),
      reach: sum('reach'),
      clicks: sum('clicks'),
      conversions: sum('conversions'),
      conversionValue: sum('conversionValue'),
    });
    const [period] = await t.db.select(derived).from(sql`(values ${rows}) as t(${columns})`);
    // 109 clicks / 10,000 impressions, where the mean of the daily CTRs (0.1 and 0.001) would say 0.0505.
    expect(period).toEqual({ ctr: '0.0109', cpm: '10.1000', cpc: '0.9266', cpa: '10.1000', roas: '4.9505', frequency: '1.69' });
    expect(period).toEqual(
      deriveMetrics({ spend: '101.00', impressions: 10_000, reach: 5900, clicks: 109, conversions: 10, conversionValue: '500.00' }),
    );
  });
});
