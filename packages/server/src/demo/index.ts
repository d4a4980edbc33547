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
  /** A working publishable key of the demo organization: read-only, for the delivery API from a public site. */
  publishableKey: string;
  /** Whether this call seeded the demo (false: it was there already). */
  seeded: boolean;
  /** Whether a new secret key had to be minted because no stored one still works. */
  mintedKey: boolean;
  counts?: DemoCounts;
}

type DemoKey = { kind: 'SECRET' | 'PUBLISHABLE'; name: string; file: string };
const secretKey: DemoKey = { kind: 'SECRET', name: 'Demo key', file: 'demo-key' };
const publishableKey: DemoKey = { kind: 'PUBLISHABLE', name: 'Demo publishable key', file: 'demo-publishable-key' };

/**
 * Seeds the demo when the database lacks it, and returns a working secret key and publishable key for it.
 * Keys are stored hashed, so a key can only be shown again if it was kept: with the embedded database
 * each is kept in `<dataDir>/demo-key` and `<dataDir>/demo-publishable-key` (0600, beside the database
 * and its signing secret, which already grant full access). When no kept key still works, a new one
 * ("Demo key", "Demo publishable key") is minted.
 *
 * @example
 * const { apiKey, publishableKey } = await ensureDemo(database.db, {
 *   storage: localStorage('.spokestack/files'), secret, dataDir: '.spokestack',
 * })
 */
export async function ensureDemo(db: Db, options: SeedDemoOptions & { dataDir?: string }): Promise<EnsureDemoResult> {
  const result = await seedDemo(db, options);
  const now = options.now ?? new Date();
  const keep = (key: DemoKey, value: string) =>
    options.dataDir ? writeFile(join(options.dataDir, key.file), value + '\n', { mode: 0o600 }) : undefined;
  /** The kept key of this kind when it still works, else a new one, kept. */
  const working = async (key: DemoKey) => {
    const kept = options.dataDir ? (await readFile(join(options.dataDir, key.file), 'utf8').catch(() => '')).trim() : '';
    if (kept && (await keyWorks(db, result.organizationId, key.kind, kept, now))) return { value: kept, minted: false };
    const value = await mintDemoKey(db, result.organizationId, key);
    await keep(key, value);
    return { value, minted: true };
  };
  if (result.created) await keep(secretKey, result.apiKey);
  const secret = result.created ? { value: result.apiKey, minted: false } : await working(secretKey);
  const publishable = await working(publishableKey);
  return {
    organizationId: result.organizationId,
    apiKey: secret.value,
    publishableKey: publishable.value,
    seeded: result.created,
    mintedKey: secret.minted,
    ...(result.created ? { counts: result.counts } : {}),
  };
}

/**
 * A `curl` of the delivery API that works as pasted against the demo: its published blog posts, read with
 * the publishable key a public site would embed.
 *
 * @example console.log(deliveryCurl('http://localhost:4000', demo.publishableKey))
 */
export const deliveryCurl = (apiUrl: string, publishableKey: string) =>
  `curl -H 'Authorization: Bearer ${publishableKey}' '${apiUrl}/v1/delivery/blog-post?limit=2'`;

async function keyWorks(db: Db, organizationId: string, kind: DemoKey['kind'], key: string, now: Date): Promise<boolean> {
  const hash = createHash('sha256').update(key).digest('hex');
  const [row] = await db
    .select({ id: apiKeys.id, expiresAt: apiKeys.expiresAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), eq(apiKeys.organizationId, organizationId), eq(apiKeys.kind, kind), isNull(apiKeys.revokedAt)))
    .limit(1);
  return !!row && (!row.expiresAt || row.expiresAt.getTime() > now.getTime());
}

/** A new key for the demo organization, recorded in its activity stream like any key. */
async function mintDemoKey(db: Db, organizationId: string, { kind, name }: DemoKey): Promise<string> {
  return transaction(db, async (tx) => {
    const key = generateApiKey(kind);
    const [row] = await tx
      .insert(apiKeys)
      .values({ organizationId, name, kind, prefix: key.prefix, keyHash: key.keyHash })
      .returning({ id: apiKeys.id });
    await recordActivity(
      tx,
      { organizationId, actor: systemActor() },
      {
        action: 'created',
        entityType: 'api_keys',
        entityId: row!.id,
        entityTitle: name,
        metadata: { kind, prefix: key.prefix },
      },
    );
    return key.secret;
  });
}
