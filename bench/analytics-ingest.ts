import { createDatabase, createOrganization } from '@spokestack/server';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { upsertMetrics } from '../packages/server/src/analytics/metrics-store.js';
import type { TenantContext } from '../packages/server/src/platform/context.js';

// Ingesting daily metric rows: our bulk upsert (tenant check, one INSERT … SELECT FROM unnest(typed
// arrays) ON CONFLICT DO UPDATE per request with the ratios derived in it, an activity row) against a bare multi-row
// INSERT of the same rows through postgres.js, in the same run on a throwaway database. Target ≥ 0.5.
// `pnpm bench` runs it (1,000,000 rows; `--only ingest` alone); by itself:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --conditions=source --import tsx bench/analytics-ingest.ts [rows]

const campaigns = 1_000;
const batch = 10_000;

/** The figures of one run: rows per second of the bare INSERT and of our upsert (new days, then the same again). */
export interface IngestBenchResult {
  rows: number;
  baseline: number;
  inserted: number;
  replaced: number;
  ratio: number;
  target: number;
  verdict: 'ok' | 'missed target';
}

/**
 * Measures the bulk upsert against a bare multi-row INSERT of the same rows on a throwaway database of
 * the PostgreSQL server at `adminUrl`, prints the figures and answers them. @example await runIngestBench(process.env.DATABASE_URL!)
 */
export async function runIngestBench(adminUrl: string, total = 1_000_000): Promise<IngestBenchResult> {
  const name = `spokestack_bench_ingest_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ url: url.toString() });
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await database.migrate();
    const { organization } = await createOrganization(database.db, { name: 'Bench Agency' });
    const org = organization.id;
    await sql`insert into analytics_platforms (id, organization_id, platform, name, credentials, created_by_id)
    values ('p', ${org}, 'META_ADS', 'Bench', '{}', 'b')`;
    await sql.unsafe(
      `insert into ad_campaigns (id, organization_id, platform_id, external_id, name, status)
     select 'c' || i, $1, 'p', 'e' || i, 'C' || i, 'ACTIVE' from generate_series(1, ${campaigns}) i`,
      [org],
    );
    const day0 = Date.parse('2023-01-01');
    /** Rows `start … start + count` of the run: campaign-major, one day each. */
    const rows = (start: number, count: number) =>
      Array.from({ length: count }, (_, k) => {
        const i = start + k;
        const c = i % campaigns;
        const d = Math.floor(i / campaigns);
        return {
          campaignId: `c${c + 1}`,
          date: new Date(day0 + d * 86_400_000).toISOString().slice(0, 10),
          spend: (((i * 37) % 50_000) / 100).toFixed(2),
          impressions: 1000 + (i % 5000),
          reach: 500 + (i % 2000),
          clicks: i % 90,
          conversions: i % 7,
          conversionValue: ((i % 7) * 25.5).toFixed(2),
        };
      });

    const started = performance.now();
    for (let i = 0; i < total; i += batch) {
      const values = rows(i, Math.min(batch, total - i)).map((r, k) => ({
        id: `b${i + k}`,
        organization_id: org,
        campaign_id: r.campaignId,
        date: r.date,
        spend: r.spend,
        impressions: r.impressions,
        reach: r.reach,
        clicks: r.clicks,
        conversions: r.conversions,
        conversion_value: r.conversionValue,
      }));
      // 10 parameters a row: 6,000 rows stay under PostgreSQL's 65,535.
      for (let j = 0; j < values.length; j += 6_000) await sql`insert into campaign_metrics ${sql(values.slice(j, j + 6_000))}`;
    }
    const baseline = total / ((performance.now() - started) / 1000);
    await sql`truncate campaign_metrics`;

    const ctx = {
      organizationId: org,
      now: new Date(),
      actor: { type: 'apiKey', id: 'bench', name: 'Bench', role: 'ADMIN', clientId: null },
    } as unknown as TenantContext;
    const ours = async () => {
      const t0 = performance.now();
      for (let i = 0; i < total; i += batch)
        await upsertMetrics(database.db, ctx, { level: 'campaign', rows: rows(i, Math.min(batch, total - i)) });
      return total / ((performance.now() - t0) / 1000);
    };
    const inserted = await ours();
    const replaced = await ours();
    const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from campaign_metrics`;
    if (n !== total) throw new Error(`expected ${total} rows after upserting twice, found ${n}`);
    const f = (x: number) => Math.round(x).toLocaleString('en-US');
    console.log(`analytics ingest · ${total.toLocaleString('en-US')} daily metric rows in requests of ${batch.toLocaleString('en-US')}`);
    console.log(`  bare multi-row INSERT (postgres.js)   ${f(baseline)} rows/s`);
    console.log(
      `  upsertMetrics, new days                ${f(inserted)} rows/s   ratio ${(inserted / baseline).toFixed(2)} (target ≥ 0.50)`,
    );
    console.log(`  upsertMetrics, the same days again     ${f(replaced)} rows/s   ratio ${(replaced / baseline).toFixed(2)}`);
    const ratio = inserted / baseline;
    return { rows: total, baseline, inserted, replaced, ratio, target: 0.5, verdict: ratio >= 0.5 ? 'ok' : 'missed target' };
  } finally {
    await sql.end();
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL: a PostgreSQL server where a throwaway database may be created');
  const result = await runIngestBench(adminUrl, Number(process.argv[2] ?? 1_000_000));
  process.exitCode = result.verdict === 'ok' ? 0 : 1;
}
