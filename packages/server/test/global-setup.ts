import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

// Global setups load outside the project's module graph, so this file uses the migrator directly
// rather than importing the app (whose imports resolve workspace packages from src/).
const migrationsFolder = fileURLToPath(new URL('../drizzle/', import.meta.url));

/**
 * Migrates once for the whole run and hands each test file a copy: a PGlite data dump (loading one
 * takes ~1.5 s, a fresh start plus migrations ~5 s) or a PostgreSQL template database.
 */
export default async function setup(project: TestProject) {
  if (project.config.env.SPOKESTACK_TEST_DRIVER !== 'postgres') {
    // The extensions the migrations create (as src/db/client.ts loads them).
    const client = new PGlite({ extensions: { pg_trgm } });
    await migratePglite(drizzlePglite(client), { migrationsFolder });
    const file = join(tmpdir(), `spokestack-test-${process.pid}.tar`);
    await writeFile(file, new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer()));
    await client.close();
    project.provide('template', file);
    return;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('SPOKESTACK_TEST_DRIVER=postgres needs DATABASE_URL');
  const template = `ss_template_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${template} with (force)`);
  await admin.unsafe(`create database ${template}`);
  const target = new URL(url);
  target.pathname = `/${template}`;
  const client = postgres(target.toString(), { max: 1, onnotice: () => {} });
  await migratePostgres(drizzlePostgres(client), { migrationsFolder });
  await client.end();
  project.provide('template', template);
  return async () => {
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    template: string;
  }
}
