import type { Db } from '@spokestack/server';

/** Plain SQL with `$n` parameters on the benchmark database: postgres.js on PostgreSQL, the app's own connection on PGlite. */
export interface RawSql {
  unsafe(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

/** What a scenario's setup gets: the throwaway benchmark database and a tenant to fill. */
export interface Fixture {
  /** Drizzle over the benchmark database (the same pool the server under test uses). */
  db: Db;
  /** Raw SQL on the benchmark database, for bulk seeding in plain SQL (and the baseline). */
  sql: RawSql;
  organizationId: string;
  /** How many entries (rows) a scenario seeds: 100,000 on PostgreSQL, fewer on PGlite (`--entries`). */
  entries: number;
}

/** The SQL the baseline runs: what a developer would write by hand for the same reply, with its parameters. */
export interface BaselineQuery {
  text: string;
  params: unknown[];
  /** Turns the rows into the reply body, as our route shapes them (default `{ data: rows }`). */
  reply?: (rows: Record<string, unknown>[]) => unknown;
}

/**
 * One benchmark: a request to the SpokeStack server, and the same database work served by a bare
 * postgres.js + node:http handler, both measured at the same concurrency in the same run.
 */
export interface Scenario<State> {
  /** Short name for the results table. */
  name: string;
  /** Seeds what the scenario reads; runs once, before any measurement. */
  setup(fixture: Fixture): Promise<State>;
  /** Path and query of the request to our server (the API key is added by the runner). */
  path(state: State): string;
  /** The same SQL through bare postgres.js. */
  baseline(state: State): BaselineQuery;
  /**
   * Checks that both sides return the same data before measuring, so the figure compares equal work;
   * throw to stop the run. `ours` and `baseline` are the parsed JSON replies.
   */
  check(ours: unknown, baseline: unknown, state: State): void;
  /**
   * The statement our server sends for the request, with its values, when the scenario has one to show: the runner
   * prepares it, runs it as the server does and prints whether PostgreSQL settled on a generic plan and the plan
   * (`EXPLAIN (ANALYZE, SETTINGS)`), and the plan counts of that statement on one of the server's own connections.
   */
  ours?(state: State): { text: string; params: unknown[] };
  /** Lowest acceptable ratio of our requests/s to the baseline's; the run exits 1 when missed. None: report only. */
  target?: number;
}

/** Declares a scenario with its state type inferred from `setup`. @example export default defineScenario({ name: 'crm: contacts page', …
 * }) */
export const defineScenario = <State>(scenario: Scenario<State>): Scenario<State> => scenario;

/**
 * A `select` that lists the table's columns the way Drizzle does (`"id", "organization_id", …`), and a
 * row mapper to the API's camelCase keys: the baseline does the same work our data layer does.
 *
 * @example const { columns, toApi } = columnsOf(schema.contacts)
 */
export function columnsOf(table: object): { list: string; toApi: (row: Record<string, unknown>) => Record<string, unknown> } {
  const columns = Object.entries(table).flatMap(([key, value]) =>
    value && typeof value === 'object' && 'columnType' in value && 'name' in value
      ? [[key, String((value as { name: string }).name)] as const]
      : [],
  );
  return {
    list: columns.map(([, name]) => `"${name}"`).join(', '),
    toApi: (row) => Object.fromEntries(columns.map(([key, name]) => [key, row[name]])),
  };
}

/** Asserts two values are equal as JSON, naming the scenario part that differs. */
export function assertSameJson(what: string, ours: unknown, baseline: unknown): void {
  const a = JSON.stringify(ours);
  const b = JSON.stringify(baseline);
  if (a !== b)
    throw new Error(`${what}: our reply and the baseline's differ\n  ours:     ${a.slice(0, 300)}\n  baseline: ${b.slice(0, 300)}`);
}

type Page = { data: Record<string, unknown>[]; nextCursor: string | null };

/**
 * A baseline's reply for a newest-first list page: `pageSize` of the `pageSize + 1` rows it read, and the
 * API's `-createdAt,-id` keyset cursor when there is more.
 *
 * @example reply: (rows) => newestFirstPage(rows.map(toApi), pageSize)
 */
export function newestFirstPage(rows: Record<string, unknown>[], pageSize: number): Page {
  const data = rows.slice(0, pageSize);
  const last = data.at(-1);
  const nextCursor =
    rows.length > pageSize && last
      ? Buffer.from(JSON.stringify({ s: '-createdAt,-id', v: [last.createdAt, last.id] })).toString('base64url')
      : null;
  return { data, nextCursor };
}

/**
 * Checks a page reply against the baseline's: a full page, the same rows, and a next page on both (the
 * cursor's encoding is the server's business).
 *
 * @example check: (ours, baseline) => assertSamePage('contacts page', pageSize, ours, baseline)
 */
export function assertSamePage(what: string, pageSize: number, ours: unknown, baseline: unknown): void {
  const [a, b] = [ours, baseline] as Page[];
  if (a!.data.length !== pageSize) throw new Error(`${what}: expected ${pageSize} rows, got ${a!.data.length}`);
  assertSameJson(what, a!.data, b!.data);
  if (typeof a!.nextCursor !== 'string' || typeof b!.nextCursor !== 'string')
    throw new Error(`${what}: both replies should have a nextCursor`);
}
