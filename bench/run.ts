import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, createDatabase, createLogger, createOrganization, startServer } from '@spokestack/server';
import postgres from 'postgres';
import { startBaseline } from './baseline.js';
import analyticsDashboard from './analytics-dashboard.js';
import { type IngestBenchResult, runIngestBench } from './analytics-ingest.js';
import { type MediaBenchRow, printMediaRows, runDamMediaBench } from './dam-thumbnails.js';
import contactsList, { contactSearch } from './contacts-list.js';
import { pipelineBoard } from './crm-board.js';
import damSearch from './dam-search.js';
import { type ImportBenchRow, printImportRow, runContactImportBench } from './contact-import.js';
import { type EmailSendBenchRow, printEmailSendRow, runEmailSendBench } from './email-send.js';
import { deliveryGet, deliveryList, deliveryListFields } from './cms-delivery.js';
import { type LoadResult, runLoad } from './load.js';
import type { Fixture, RawSql, Scenario } from './scenario.js';

// `pnpm bench`: each scenario measured against our server and against its bare baseline (the SQL a
// developer would write by hand for the same reply, over node:http), in the same run, on a throwaway
// PostgreSQL database — or, with `--driver pglite`, on an embedded PGlite one (reported, no targets).
// A new scenario is one file plus a line here.

const scenarios: Scenario<never>[] = [
  contactsList as Scenario<never>,
  contactSearch as Scenario<never>,
  pipelineBoard as Scenario<never>,
  deliveryList as Scenario<never>,
  deliveryListFields as Scenario<never>,
  deliveryGet as Scenario<never>,
  analyticsDashboard as Scenario<never>,
  damSearch as Scenario<never>,
];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
    driver: { type: 'string', default: 'postgres' },
    entries: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(`Usage: pnpm bench [--duration S] [--warmup S] [--connections N] [--only TEXT] [--driver postgres|pglite] [--entries N]

PostgreSQL (default) needs DATABASE_URL (a server where it may create and drop a database spokestack_bench_<pid>).
--driver pglite runs the same scenarios on an embedded PGlite database (its results are reported, no targets).
Each scenario: seed --entries rows (100,000 on PostgreSQL, 20,000 on PGlite), check that both sides return
the same reply, warm up, then measure the baseline (hand-written SQL over bare postgres.js + node:http)
and our server for --duration seconds each at --connections connections.
Exits 1 when a scenario fails or misses its declared target ratio.`);
  process.exit(0);
}
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const pglite = args.driver === 'pglite';
if (!pglite && args.driver !== 'postgres') {
  console.error(`--driver is postgres or pglite, not ${args.driver}`);
  process.exit(1);
}
const entries = Number(args.entries ?? (pglite ? 20_000 : 100_000));

const adminUrl = pglite ? 'postgres://unused@127.0.0.1/unused' : process.env.DATABASE_URL;
if (!adminUrl) {
  console.error(
    'pnpm bench needs DATABASE_URL: a PostgreSQL server on which it may create and drop a throwaway database, e.g.\n  ' +
      'DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench',
  );
  process.exit(1);
}

interface Row {
  name: string;
  ours?: LoadResult;
  baseline?: LoadResult;
  ratio?: number;
  target?: number;
  verdict: 'ok' | 'missed target' | 'failed';
  note?: string;
  /** How PostgreSQL plans our own statement (scenarios that show it). */
  plan?: string;
}

const dbName = `spokestack_bench_${process.pid}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;
const admin = pglite ? undefined : postgres(adminUrl, { max: 1, onnotice: () => {} });
const dataDir = await mkdtemp(join(tmpdir(), 'spokestack-bench-'));
let cleanup: (() => Promise<void>) | undefined;

async function dropDatabase() {
  await cleanup?.().catch(() => {});
  await admin?.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin?.end();
  await rm(dataDir, { recursive: true, force: true });
}
process.once('SIGINT', () => {
  console.error('\nInterrupted; dropping the benchmark database…');
  void dropDatabase().finally(() => process.exit(130));
});

const rows: Row[] = [];
let contactImport: ImportBenchRow | undefined;
let importFailure: string | undefined;
let emailSend: EmailSendBenchRow | undefined;
let emailFailure: string | undefined;
try {
  await admin?.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin?.unsafe(`create database ${dbName}`);
  const database: Database = await createDatabase(pglite ? { dataDir: join(dataDir, 'pglite') } : { url: benchUrl.toString() });
  await database.migrate();
  // PGlite is one in-process connection: the baseline shares it with the server, as a site embedding it would.
  const pg = pglite ? undefined : postgres(benchUrl.toString(), { max: 10, onnotice: () => {} });
  const sql: RawSql = pg ?? {
    unsafe: async (text, params = []) =>
      ((result: unknown) => (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows))(
        await database.db._.session.prepareQuery({ sql: text, params }, undefined, 'bench', false).execute(),
      ),
  };
  const { organization, apiKey } = await createOrganization(database.db, { name: 'Bench Agency' });
  // Request logs are formatted as in production but not written: a terminal would measure itself.
  const server = await startServer({
    port: 0,
    database,
    dataDir,
    logger: createLogger({ write: () => {} }),
    env: { DATABASE_URL: pglite ? '' : benchUrl.toString(), SPOKESTACK_SECRET: randomBytes(32).toString('hex') },
  });
  cleanup = async () => {
    await server.close();
    await pg?.end();
    if (pglite) await database.close();
  };
  const [version] = await sql.unsafe(`select current_setting('server_version') as version`);
  console.log(
    `SpokeStack bench · Node ${process.version} · ${pglite ? 'PGlite' : 'PostgreSQL'} ${version!.version} · ` +
      `${availableParallelism()}× ${cpus()[0]?.model.trim() ?? 'CPU'}\n` +
      `autocannon in a worker thread, ${connections} connections, ${warmup} s warm-up + ${duration} s per measurement; ` +
      `${pglite ? 'both sides share the one PGlite connection' : 'both sides use a pool of 10 connections'}; ` +
      `${entries.toLocaleString('en-US')} rows per scenario\n`,
  );

  const fixture: Fixture = { db: database.db, sql, organizationId: organization.id, entries };
  const headers = { authorization: `Bearer ${apiKey}` };
  for (const scenario of scenarios.filter((s) => !args.only || s.name.includes(args.only))) {
    const row: Row = { name: scenario.name, target: pglite ? undefined : scenario.target, verdict: 'failed' };
    rows.push(row);
    let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
    try {
      process.stdout.write(`▸ ${scenario.name}: seeding… `);
      let started = performance.now();
      const state = await scenario.setup(fixture);
      const query = scenario.baseline(state);
      baseline = await startBaseline(sql, query);
      const ourUrl = server.url + scenario.path(state);
      process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1)} s; checking… `);
      const [ours, bare] = await Promise.all([fetch(ourUrl, { headers }), fetch(baseline.url)]);
      if (ours.status !== 200 || bare.status !== 200)
        throw new Error(
          `status ${ours.status} from our server, ${bare.status} from the baseline: ` +
            `${(await (ours.status === 200 ? bare : ours).text()).slice(0, 300)}`,
        );
      scenario.check(await ours.json(), await bare.json(), state);
      const plan = await explain(sql, query.text, query.params);
      process.stdout.write(`same data; query plan: ${plan}\n  warming up… `);
      started = performance.now();
      await runLoad({ url: baseline.url, connections, duration: warmup });
      await runLoad({ url: ourUrl, headers, connections, duration: warmup });
      process.stdout.write(`measuring baseline… `);
      row.baseline = await runLoad({ url: baseline.url, connections, duration });
      process.stdout.write(`ours… `);
      row.ours = await runLoad({ url: ourUrl, headers, connections, duration });
      process.stdout.write(`${((performance.now() - started) / 1000).toFixed(0)} s\n`);
      const bad = [row.ours, row.baseline].find((r) => r.non2xx || r.errors || r.timeouts);
      if (bad) throw new Error(`${bad.non2xx} non-2xx replies, ${bad.errors} errors, ${bad.timeouts} timeouts during the measurement`);
      if (scenario.ours) {
        const statement = scenario.ours(state);
        row.plan = await ourPlan(sql, pg, database.db, statement.text, statement.params);
        process.stdout.write(`  our statement: ${row.plan}\n`);
      }
      row.ratio = row.ours.rps / row.baseline.rps;
      row.verdict = row.target !== undefined && row.ratio < row.target ? 'missed target' : 'ok';
    } catch (error) {
      row.note = error instanceof Error ? error.message : String(error);
      process.stdout.write(`\n  failed: ${row.note}\n`);
    } finally {
      await baseline?.close();
    }
  }
  // The 10,000-row import: rows per second against bare multi-row INSERTs, and the memory peak (no target).
  if (!args.only || /import/i.test(args.only)) {
    process.stdout.write('▸ contact import: 10,000 rows… ');
    contactImport = await runContactImportBench({ url: server.url, apiKey, sql, organizationId: organization.id, rows: 10_000 }).catch(
      (error: unknown) => {
        importFailure = error instanceof Error ? error.message : String(error);
        return undefined;
      },
    );
    process.stdout.write(importFailure ? `failed: ${importFailure}\n` : 'done\n');
  }
  // 10,000 campaign messages to a loopback SMTP server, the worker killed at 5,000: messages/s, zero duplicates.
  if (!args.only || /email/i.test(args.only)) {
    process.stdout.write('▸ email send: 10,000 messages, crash at 5,000… ');
    const mailer = await createOrganization(database.db, { name: 'Bench Mailer' });
    emailSend = await runEmailSendBench({ db: database.db, organizationId: mailer.organization.id, messages: 10_000 }).catch(
      (error: unknown) => {
        emailFailure = error instanceof Error ? error.message : String(error);
        return undefined;
      },
    );
    process.stdout.write(emailFailure ? `failed: ${emailFailure}\n` : 'done\n');
  }
} finally {
  await dropDatabase();
}

printTable(rows);
if (contactImport) printImportRow(contactImport);
if (emailSend) printEmailSendRow(emailSend);
// The DAM's media figures (thumbnails vs bare sharp, tagging throughput and memory) need no database.
const media: MediaBenchRow[] = !args.only || /dam|thumbnail|tagging/i.test(args.only) ? await runDamMediaBench() : [];
if (media.length) {
  console.log('\nDAM media (images per second on this machine; ratio to bare sharp on the same images)\n');
  printMediaRows(media);
}
// Bulk ingestion is rows per second, not requests: its own throwaway database, after the load scenarios.
const ingest: IngestBenchResult[] = !pglite && (!args.only || /ingest/i.test(args.only)) ? [await runIngestBench(adminUrl)] : [];
const verdicts = [...rows, ...media, ...ingest].map((r) => r.verdict);
// The import has no ratio target (rows per second and memory are reported): it fails the run only by failing.
// The email send has no ratio target either: it fails the run by failing or by a duplicate or a miss.
if (emailSend) verdicts.push(emailSend.verdict);
process.exitCode =
  importFailure || emailFailure || verdicts.some((v) => v !== 'ok') || !(verdicts.length + (contactImport ? 1 : 0)) ? 1 : 0;

/** The baseline plan's scans and execution time, e.g. `Index Scan on content_entries_delivery_newest_idx, 0.2 ms`. */
async function explain(sql: RawSql, text: string, params: unknown[]): Promise<string> {
  const [row] = await sql.unsafe(`explain (analyze, format json) ${text}`, params);
  const plan = row!['QUERY PLAN'];
  const [{ Plan, 'Execution Time': ms }] = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [
    { Plan: ExplainNode; 'Execution Time': number },
  ];
  return `${scansOf(Plan)}, ${ms.toFixed(1)} ms`;
}

/**
 * Our statement as PostgreSQL plans it: prepared on one connection and run seven times with its values (as the
 * server's prepared statement is), then `EXPLAIN (ANALYZE, SETTINGS)` of the eighth run — generic or custom plan,
 * planning and execution time, the scans — and the plan counts of the same text on a connection of the server's
 * pool after the load (`pg_prepared_statements`; PostgreSQL only, where the server keeps a pool).
 */
async function ourPlan(sql: RawSql, pg: postgres.Sql | undefined, db: Database['db'], text: string, params: unknown[]): Promise<string> {
  const literal = (v: unknown): string =>
    Array.isArray(v)
      ? `array[${v.map(literal).join(', ')}]::text[]`
      : v === undefined || v === null
        ? 'null'
        : `'${String(v).replaceAll("'", "''")}'`;
  const reserved = await pg?.reserve();
  const conn: RawSql = reserved ?? sql;
  try {
    await conn.unsafe(`prepare bench_ours as ${text}`);
    const run = `execute bench_ours(${params.map(literal).join(', ')})`;
    for (let i = 0; i < 7; i++) await conn.unsafe(run);
    const [row] = await conn.unsafe(`explain (analyze, settings, format json) ${run}`);
    const plan = row!['QUERY PLAN'];
    const [top] = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [
      { Plan: ExplainNode; 'Planning Time': number; 'Execution Time': number; Settings?: Record<string, string> },
    ];
    const [counts] = await conn.unsafe(`select generic_plans, custom_plans from pg_prepared_statements where name = 'bench_ours'`);
    await conn.unsafe('deallocate bench_ours');
    let pool = '';
    if (pg) {
      // Through the server's own pool (Drizzle's session), so one of the connections that served the load answers.
      const asked = 'select generic_plans, custom_plans from pg_prepared_statements where statement = $1 and not from_sql';
      const found = await db._.session.prepareQuery({ sql: asked, params: [text] }, undefined, 'bench', false).execute();
      const [served] = (Array.isArray(found) ? found : (found as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
      pool = served
        ? `; on a server connection after the load: ${served.generic_plans} generic, ${served.custom_plans} custom plans`
        : '; not found prepared on the server connection asked';
    }
    const settings =
      Object.entries(top.Settings ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || 'default settings';
    return (
      `${Number(counts!.generic_plans) > 0 ? 'generic' : 'custom'} plan after 7 runs (${counts!.generic_plans} generic, ` +
      `${counts!.custom_plans} custom), planning ${top['Planning Time'].toFixed(3)} ms, ` +
      `execution ${top['Execution Time'].toFixed(3)} ms, ` +
      `${scansOf(top.Plan)}, ${settings}${pool}`
    );
  } finally {
    reserved?.release();
  }
}

interface ExplainNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: ExplainNode[];
}

/** The scans of a plan, e.g. `Index Scan on content_entries_delivery_newest_idx`. */
function scansOf(plan: ExplainNode): string {
  const scans = new Set<string>();
  const walk = (node: ExplainNode) => {
    if (node['Node Type'].endsWith('Scan') && (node['Index Name'] ?? node['Relation Name']))
      scans.add(`${node['Node Type']} on ${node['Index Name'] ?? node['Relation Name']}`);
    node.Plans?.forEach(walk);
  };
  walk(plan);
  return [...scans].join(', ');
}

function printTable(results: Row[]) {
  const f = (n: number | undefined, digits = 0) =>
    n === undefined ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const header = ['scenario', 'ours req/s', 'p50 ms', 'p99 ms', 'baseline req/s', 'p50 ms', 'p99 ms', 'ratio', 'target', 'result'];
  const body = results.map((r) => [
    r.name,
    f(r.ours?.rps),
    f(r.ours?.p50, 1),
    f(r.ours?.p99, 1),
    f(r.baseline?.rps),
    f(r.baseline?.p50, 1),
    f(r.baseline?.p99, 1),
    r.ratio === undefined ? '–' : r.ratio.toFixed(2),
    r.target === undefined ? 'none' : `≥ ${r.target.toFixed(2)}`,
    r.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}\n${body.map(line).join('\n')}`);
  console.log(
    '\nratio = our requests/s ÷ baseline requests/s (hand-written SQL for the same reply over bare postgres.js + node:http, ' +
      'same concurrency, same run)',
  );
  for (const r of results) if (r.note) console.log(`${r.name}: ${r.note}`);
  for (const r of results) if (r.plan) console.log(`${r.name}, our statement: ${r.plan}`);
}
