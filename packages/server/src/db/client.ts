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
  close(): Promise<void>;
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
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
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
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: pgliteExtensions });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: () => client.close(),
  };
}

/** Runs `fn` in a transaction. */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

export { sql };
