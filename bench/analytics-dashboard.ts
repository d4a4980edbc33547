import { defineScenario } from './scenario.js';

// `GET /v1/analytics/metrics`: a 90-day dashboard (daily series, totals, the previous 90 days and the
// change) over 1,000 campaigns, against the SQL a person would write for the same figures.

const campaigns = 1_000;
const from = '2026-04-03';
const to = '2026-07-01';
const previousFrom = '2026-01-03';
const previousTo = '2026-04-02';

const sums = `round(sum(spend), 2) as spend, sum(impressions)::numeric as impressions, sum(reach)::numeric as reach,
  sum(clicks)::numeric as clicks, sum(conversions)::numeric as conversions,
  round(sum(coalesce(conversion_value, 0)), 2) as conversion_value`;
const ratios = `round(clicks / nullif(impressions, 0), 4) as ctr, round(spend * 1000 / nullif(impressions, 0), 4) as cpm,
  round(spend / nullif(clicks, 0), 4) as cpc, round(spend / nullif(conversions, 0), 4) as cpa,
  round(conversion_value / nullif(spend, 0), 4) as roas, round(impressions / nullif(reach, 0), 2) as frequency`;
const where = `organization_id = $1 and date between`;

export default defineScenario({
  name: 'analytics: 90-day dashboard, 1,000 campaigns',
  target: 0.8,
  async setup({ sql, organizationId }) {
    const [platform] = await sql.unsafe(
      `insert into analytics_platforms (id, organization_id, platform, name, credentials, created_by_id)
       values ('bench-platform', $1, 'META_ADS', 'Bench', '{}', 'bench') returning id`,
      [organizationId],
    );
    await sql.unsafe(
      `insert into ad_campaigns (id, organization_id, platform_id, external_id, name, status, currency)
       select 'c' || i, $1, $2, 'ext' || i, 'Campaign ' || i, 'ACTIVE', 'USD' from generate_series(1, ${campaigns}) i`,
      [organizationId, platform!.id],
    );
    // 180 days (the period and the one before) × 1,000 campaigns.
    await sql.unsafe(
      `insert into campaign_metrics
         (id, organization_id, campaign_id, date, impressions, reach, clicks, conversions, conversion_value, spend)
       select 'm' || c || '-' || d, $1, 'c' || c, date '${previousFrom}' + d, 1000 + (c * 7 + d * 13) % 5000, 500 + (c * 3 + d) % 2000,
         (c + d) % 90, (c * d) % 7, ((c * d) % 7) * 25.5, round(((c * 31 + d * 17) % 20000) / 100.0, 2)
       from generate_series(1, ${campaigns}) c, generate_series(0, 179) d`,
      [organizationId],
    );
    await sql.unsafe('analyze campaign_metrics; analyze ad_campaigns');
    return { organizationId };
  },
  path: () => `/v1/analytics/metrics?from=${from}&to=${to}&interval=day&currency=USD`,
  baseline: ({ organizationId }) => ({
    text: `select p, date, spend::text, impressions::text, reach::text, clicks::text, conversions::text,
        conversion_value::text as "conversionValue",
        ctr::text, cpm::text, cpc::text, cpa::text, roas::text, frequency::text from (
        select *, ${ratios} from (
          select 'day' as p, date::text as date, ${sums} from campaign_metrics where ${where} $2 and $3 group by date
          union all select 'total', null, ${sums} from campaign_metrics where ${where} $2 and $3
          union all select 'previous', null, ${sums} from campaign_metrics where ${where} $4 and $5
        ) s
      ) r order by p, date`,
    params: [organizationId, from, to, previousFrom, previousTo],
    reply: (rows) => {
      const values = ({ p: _, date: __, ...v }: Record<string, unknown>) => v;
      return {
        rows: rows.filter((r) => r.p === 'day').map((r) => ({ date: r.date, metrics: values(r) })),
        totals: { metrics: values(rows.find((r) => r.p === 'total')!), previous: values(rows.find((r) => r.p === 'previous')!) },
      };
    },
  }),
  check(ours, baseline) {
    type Reply = { rows: { date: string; metrics: Record<string, unknown> }[]; totals: { metrics: object; previous: object } };
    const [a, b] = [ours, baseline] as Reply[];
    if (a!.rows.length !== 90) throw new Error(`expected 90 days, got ${a!.rows.length}`);
    const same = (what: string, x: unknown, y: unknown) => {
      if (JSON.stringify(x) !== JSON.stringify(y))
        throw new Error(`${what} differ:\n  ours:     ${JSON.stringify(x)}\n  baseline: ${JSON.stringify(y)}`);
    };
    same(
      'daily rows',
      a!.rows.map((r) => ({ date: r.date, metrics: r.metrics })),
      b!.rows,
    );
    same('totals', a!.totals.metrics, b!.totals.metrics);
    same('previous totals', a!.totals.previous, b!.totals.previous);
  },
});
