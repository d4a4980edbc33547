import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { fromEnv, createTestDatabase } from '../testing/index.js';
import { sql } from './client.js';

describe('createDatabase().close()', () => {
  it('lets running queries, transactions and the statements chained after them finish, then leaves no connection open', async () => {
    const env = fromEnv();
    const applicationName = `spokestack-close-${randomBytes(4).toString('hex')}`;
    const { database, drop } = await createTestDatabase({ ...env, applicationName });
    try {
      const { db } = database;
      // More statements than the pool has connections (5), so some are queued when close() is called.
      // (`.then` starts them: a Drizzle query runs when awaited.)
      const statements = Array.from({ length: 20 }, (_, i) => db.execute(sql`select pg_sleep(0.05), ${i}::int as i`).then((rows) => rows));
      const transaction = db.transaction(async (tx) => {
        await tx.execute(sql`select pg_sleep(0.05)`);
        await tx.execute(sql`select 2 as two`);
        return 'transaction';
      });
      const chained = (async () => {
        await db.execute(sql`select pg_sleep(0.1)`);
        await db.execute(sql`select 3 as three`);
        return 'chained';
      })();
      await new Promise((resolve) => setTimeout(resolve, 10));
      await database.close();
      const outcomes = await Promise.allSettled([...statements, transaction, chained]);
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      expect(outcomes.slice(-2)).toEqual([
        { status: 'fulfilled', value: 'transaction' },
        { status: 'fulfilled', value: 'chained' },
      ]);
      // Closed means closed: a later query fails, and a second close() is harmless.
      await expect(db.execute(sql`select 1`)).rejects.toThrow();
      await database.close();

      if (database.driver === 'postgres') {
        const admin = postgres(env.url!, { max: 1, onnotice: () => {} });
        try {
          // A connection's backend leaves pg_stat_activity a moment after its socket closes.
          await expect
            .poll(
              async () => (await admin`select count(*)::int as n from pg_stat_activity where application_name = ${applicationName}`)[0]!.n,
              {
                timeout: 5_000,
              },
            )
            .toBe(0);
        } finally {
          await admin.end();
        }
      }
    } finally {
      await drop();
    }
  });
});
