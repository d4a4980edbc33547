import { and, asc, eq, gt } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from './db/client.js';
import { secretContext, tableInfo } from './db/resource-service.js';
import { features } from './features.js';
import { isSealed, type SecretBox } from './platform/secrets.js';

/**
 * Rewrites every encrypted secret column of every feature's tables under the key ring's current key:
 * values sealed under an older key are opened and sealed again, and plaintext left from before
 * encryption (rows written directly, older versions) is sealed. Run after putting a new key first in
 * `SPOKESTACK_ENCRYPTION_KEYS`; once it reports nothing left, the old key can be dropped. Rows are
 * read in id order, 200 at a time; each row's update checks its old value, so a concurrent write wins.
 *
 * @example const { rewritten } = await reencryptSecrets(db, secretBox(appKeyRing(secret, process.env.SPOKESTACK_ENCRYPTION_KEYS)))
 */
export async function reencryptSecrets(db: Db, box: SecretBox): Promise<{ rewritten: number; columns: string[] }> {
  let rewritten = 0;
  const columns: string[] = [];
  for (const feature of features)
    for (const [name, table] of Object.entries(feature.tables)) {
      const secrets = Object.entries(feature.resources[name]?.secrets ?? {}).filter(([, s]) => s.kind === 'encrypted');
      if (!secrets.length) continue;
      const info = tableInfo(table);
      for (const [key] of secrets) {
        const column = info.columns[key] as PgColumn;
        columns.push(`${info.name}.${column.name}`);
        let after = '';
        for (;;) {
          const rows = (await db
            .select({ id: info.id, value: column })
            .from(table)
            .where(gt(info.id, after))
            .orderBy(asc(info.id))
            .limit(200)) as { id: string; value: unknown }[];
          if (!rows.length) break;
          after = rows.at(-1)!.id;
          for (const { id, value } of rows) {
            if (value === null || value === undefined || (isSealed(value) && box.isCurrent(value))) continue;
            const context = secretContext(info, key, id);
            const plain = isSealed(value) ? box.open(value, context) : typeof value === 'string' ? value : JSON.stringify(value);
            await db
              .update(table)
              .set({ [key]: box.seal(plain, context) })
              .where(and(eq(info.id, id), eq(column, value)));
            rewritten++;
          }
        }
      }
    }
  return { rewritten, columns };
}
