import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A Drizzle handle on either driver; a transaction is one too, so services accept both. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Applies pending migrations; safe when several instances start at once. */
  migrate(): Promise<void>;
  /**
   * Lets the queries and transactions running now finish (and those their callers chain right after
   * them), up to `timeoutMs` (default 5 s), then closes every connection. Calling it twice is harmless.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`: use PostgreSQL. Otherwise the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; in memory when omitted. */
  dataDir?: string;
  /** PGlite: start from a dumped data folder (how tests get a migrated database in ~1.5 s). */
  loadDataDir?: Blob;
  /** PostgreSQL pool size (default 10). */
  maxConnections?: number;
  /** PostgreSQL `application_name` of the connections, as `pg_stat_activity` shows it (default `spokestack`). */
  applicationName?: string;
}

/** The folder holding drizzle-kit's SQL migrations, from `src/db/` or from the built `dist/`. */
export const migrationsFolder = [new URL('../../drizzle/', import.meta.url), new URL('../drizzle/', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .find((p) => existsSync(p)) as string;

/** The PostgreSQL extensions the migrations create, bundled with PGlite (contact search uses pg_trgm). */
export const pgliteExtensions = { pg_trgm };

// One lock id for every SpokeStack instance, so concurrent starts migrate one at a time.
const migrationLock = 0x5370_6b53;

/**
 * Opens the database: PostgreSQL through postgres.js when `url` is set, else embedded PGlite.
 *
 * @example
 * const database = await createDatabase({ url: process.env.DATABASE_URL, dataDir: '.spokestack' })
 * await database.migrate()
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url) {
    const pool = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: options.applicationName ?? 'spokestack' },
    });
    const work = inFlight();
    const db = drizzlePostgres(work.track(pool), { schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      async migrate() {
        // One dedicated connection, so the session-level advisory lock covers every migration statement.
        const single = postgres(options.url!, { max: 1, onnotice: () => {} });
        try {
          await single`select pg_advisory_lock(${migrationLock})`;
          await migratePostgres(drizzlePostgres(single), { migrationsFolder });
        } finally {
          await single`select pg_advisory_unlock(${migrationLock})`.catch(() => {});
          await single.end({ timeout: 5 });
        }
      },
      // postgres.js `end()` alone is not enough: queries still queued when a connection ends open new
      // connections that nothing closes (the process then never exits), and queries sent after it fail
      // with CONNECTION_ENDED. So wait for the work first; `end` then has nothing queued.
      close: once(async ({ timeoutMs = 5_000 } = {}) => {
        const deadline = Date.now() + timeoutMs;
        await work.idle(deadline);
        await pool.end({ timeout: Math.max(0, deadline - Date.now()) / 1000 });
      }),
    };
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: pgliteExtensions });
  await client.waitReady;
  const work = inFlight();
  const db = drizzlePglite(work.track(client), { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    // PGlite runs one query at a time and its close() waits for the one running; the rest would fail.
    close: once(async ({ timeoutMs = 5_000 } = {}) => {
      await work.idle(Date.now() + timeoutMs);
      await client.close();
    }),
  };
}

/** Runs `fn` in a transaction. */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

export { sql };

/** The first call runs `fn`; later calls get the same promise (closing twice is not an error). */
function once<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let done: Promise<void> | undefined;
  return (...args) => (done ??= fn(...args));
}

// The client methods Drizzle runs statements through: postgres.js `unsafe` (a lazy promise) and `begin`,
// PGlite `query`, `exec` and `transaction`. A transaction counts once, for all its statements.
const tracked = new Set(['unsafe', 'begin', 'query', 'exec', 'transaction']);

/**
 * Counts the statements and transactions running on a client, so `close()` can wait for them. `track`
 * wraps the client Drizzle is given; `idle` resolves once none runs, or at the deadline.
 */
function inFlight() {
  let running = 0;
  let changed: (() => void) | undefined;
  const settled = () => {
    running--;
    changed?.();
  };
  return {
    track<C extends object>(client: C): C {
      return new Proxy(client, {
        get(target, key) {
          const value = Reflect.get(target, key);
          if (typeof value !== 'function') return value;
          // Methods run on the client itself, whose private state the proxy does not carry.
          if (typeof key !== 'string' || !tracked.has(key)) return value.bind(target);
          return (...args: unknown[]) => {
            const result = value.apply(target, args) as Promise<unknown> & { resolve?: unknown; reject?: unknown };
            running++;
            if (key === 'unsafe') {
              // A postgres.js query runs when awaited, in the mode Drizzle picks (`.values()`), so it is
              // counted through its own settle functions rather than by awaiting it here.
              const query = result as { resolve: (value: unknown) => void; reject: (error: unknown) => void };
              const { resolve, reject } = query;
              query.resolve = (value) => (settled(), resolve(value));
              query.reject = (error) => (settled(), reject(error));
            } else result.then(settled, settled);
            return result;
          };
        },
      });
    },
    /** Resolves when nothing has run for one turn of the event loop (callers chain their next query in between), or at `deadline`. */
    async idle(deadline: number): Promise<void> {
      for (;;) {
        if (running === 0) {
          await new Promise((next) => setImmediate(next));
          if (running === 0) return;
        }
        const left = deadline - Date.now();
        if (left <= 0) return;
        await new Promise<void>((wake) => {
          const timer = setTimeout(wake, left);
          changed = () => {
            if (running > 0) return;
            clearTimeout(timer);
            wake();
          };
        });
        changed = undefined;
      }
    },
  };
}
