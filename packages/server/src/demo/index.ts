import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { recordActivity } from '../platform/activity.js';
import { generateApiKey } from '../platform/auth.js';
import { systemActor } from '../platform/context.js';
import { apiKeys } from '../platform/schema.js';
import { type DemoCounts, type SeedDemoOptions, seedDemo } from './seed.js';

export { demoOrganization, findDemoOrganization, seedDemo, type DemoCounts, type SeedDemoOptions, type SeedDemoResult } from './seed.js';

export interface EnsureDemoResult {
  organizationId: string;
  /** A working secret key of the demo organization. */
  apiKey: string;
  /** Whether this call seeded the demo (false: it was there already). */
  seeded: boolean;
  /** Whether a new key had to be minted because no stored one still works. */
  mintedKey: boolean;
  counts?: DemoCounts;
}

const keyFile = (dataDir: string) => join(dataDir, 'demo-key');

/**
 * Seeds the demo when the database lacks it, and returns a working API key for it. Keys are stored
 * hashed, so a key can only be shown again if it was kept: with the embedded database it is kept in
 * `<dataDir>/demo-key` (0600, beside the database and its signing secret, which already grant full
 * access). When no kept key still works, a new one named "Demo key" is minted.
 *
 * @example
 * const { apiKey } = await ensureDemo(database.db, { storage: localStorage('.spokestack/files'), secret, dataDir: '.spokestack' })
 */
export async function ensureDemo(db: Db, options: SeedDemoOptions & { dataDir?: string }): Promise<EnsureDemoResult> {
  const result = await seedDemo(db, options);
  if (result.created) {
    if (options.dataDir) await writeFile(keyFile(options.dataDir), result.apiKey + '\n', { mode: 0o600 });
    return { organizationId: result.organizationId, apiKey: result.apiKey, seeded: true, mintedKey: false, counts: result.counts };
  }
  const kept = options.dataDir ? (await readFile(keyFile(options.dataDir), 'utf8').catch(() => '')).trim() : '';
  if (kept && (await keyWorks(db, result.organizationId, kept, options.now ?? new Date())))
    return { organizationId: result.organizationId, apiKey: kept, seeded: false, mintedKey: false };
  const apiKey = await mintDemoKey(db, result.organizationId);
  if (options.dataDir) await writeFile(keyFile(options.dataDir), apiKey + '\n', { mode: 0o600 });
  return { organizationId: result.organizationId, apiKey, seeded: false, mintedKey: true };
}

async function keyWorks(db: Db, organizationId: string, key: string, now: Date): Promise<boolean> {
  const hash = createHash('sha256').update(key).digest('hex');
  const [row] = await db
    .select({ id: apiKeys.id, expiresAt: apiKeys.expiresAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), eq(apiKeys.organizationId, organizationId), isNull(apiKeys.revokedAt)))
    .limit(1);
  return !!row && (!row.expiresAt || row.expiresAt.getTime() > now.getTime());
}

/** A new secret key for the demo organization, recorded in its activity stream like any key. */
async function mintDemoKey(db: Db, organizationId: string): Promise<string> {
  return transaction(db, async (tx) => {
    const key = generateApiKey('SECRET');
    const [row] = await tx
      .insert(apiKeys)
      .values({ organizationId, name: 'Demo key', kind: 'SECRET', prefix: key.prefix, keyHash: key.keyHash })
      .returning({ id: apiKeys.id });
    await recordActivity(
      tx,
      { organizationId, actor: systemActor() },
      {
        action: 'created',
        entityType: 'api_keys',
        entityId: row!.id,
        entityTitle: 'Demo key',
        metadata: { kind: 'SECRET', prefix: key.prefix },
      },
    );
    return key.secret;
  });
}
