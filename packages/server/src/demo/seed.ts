import { eq } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { features } from '../features.js';
import { createAppParts } from '../platform/context.js';
import { demoPeople } from '../platform/demo.js';
import { silentLogger } from '../platform/logger.js';
import { createOrganization } from '../platform/organizations.js';
import { organizations } from '../platform/schema.js';
import type { Storage } from '../platform/storage.js';
import type { SeedContext } from './context.js';
import { seededRandom } from './random.js';

/** The demo organization; its slug is how a seeded database is recognised. */
export const demoOrganization = { name: 'Northwind Creative', slug: 'northwind-creative' } as const;

/** How many rows of each kind the demo holds (what the seed test checks). */
export interface DemoCounts {
  users: number;
  clients: number;
  projects: number;
  contentTypes: number;
  entries: number;
  assets: number;
  adPlatforms: number;
  adCampaigns: number;
  campaignMetrics: number;
  contacts: number;
  deals: number;
  emailRecipients: number;
}

export type SeedDemoResult =
  | { created: true; organizationId: string; apiKey: string; counts: DemoCounts }
  | { created: false; organizationId: string };

export interface SeedDemoOptions {
  /** The storage the app serves files from: the demo's images are written there. */
  storage: Storage;
  /** The day the demo's history ends on (default today); dates are relative to it, values are not. */
  now?: Date;
  /** PRNG seed; the same seed gives the same demo (default 2025). */
  seed?: number;
  /** The secret of the app that will serve the demo: the demo's stored credentials are sealed under its keys. */
  secret: string;
  /** That app's `SPOKESTACK_ENCRYPTION_KEYS`, when it has them (see `createApp`). */
  encryptionKeys?: string;
}

/** The demo organization's id when the database already holds it. */
export async function findDemoOrganization(db: Db): Promise<string | undefined> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, demoOrganization.slug)).limit(1);
  return row?.id;
}

/**
 * Fills the database with the demo agency "Northwind Creative": people and clients, a CMS with three
 * content types and 50 entries, a DAM with 200 assets, Meta and Google Ads with 10,000 daily metric rows,
 * and a CRM with 500 contacts, a 60-deal pipeline and an email campaign. Deterministic: the same seed
 * gives the same names, texts and numbers. One transaction, so a failure leaves no half demo; when the
 * demo organization already exists it changes nothing and says so.
 *
 * @example
 * const result = await seedDemo(database.db, { storage: localStorage('.spokestack/files'), secret: process.env.SPOKESTACK_SECRET! })
 * if (result.created) console.log('API key', result.apiKey)
 */
export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<SeedDemoResult> {
  return transaction(db, async (tx) => {
    const existing = await findDemoOrganization(tx);
    if (existing) return { created: false, organizationId: existing };

    const { organization, apiKey } = await createOrganization(tx, { name: demoOrganization.name, slug: demoOrganization.slug });
    const now = options.now ?? new Date();
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const seed = options.seed ?? 2025;
    // Ids come from their own stream, so adding a row in one part never changes the data of another.
    const id = seededRandom(seed ^ 0x5eed).id;
    const ids = demoPeople.map(() => id());
    // The demo runs before (and without) an app; its services get the parts the serving app builds, with
    // its secret and keys, so the credentials the demo stores open in that app.
    const clock = { now: () => now };
    const parts = createAppParts({
      db: tx,
      storage: options.storage,
      clock,
      logger: silentLogger,
      secret: options.secret,
      encryptionKeys: options.encryptionKeys,
    });
    const ctx: SeedContext = {
      tx,
      storage: options.storage,
      rng: seededRandom(seed),
      id,
      organizationId: organization.id,
      today,
      users: {
        owner: ids[0]!,
        admin: ids[1]!,
        members: [ids[2]!, ids[3]!],
        client: ids[4]!,
        names: Object.fromEntries(demoPeople.map((p, i) => [ids[i]!, p.name])),
      },
      clients: { harbor: id(), lumen: id() },
      projects: { spring: id(), holiday: id(), webinars: id(), website: id() },
      assets: [],
      context: (actor, at) => ({ ...parts, now: at, organizationId: organization.id, actor }),
    };

    const finish: (() => Promise<void>)[] = [];
    const counts: Partial<DemoCounts> = {};
    for (const feature of features) {
      const part = await feature.demo?.(ctx);
      Object.assign(counts, part?.counts);
      if (part?.finish) finish.push(part.finish);
    }
    for (const step of finish) await step();

    return {
      created: true,
      organizationId: organization.id,
      apiKey,
      // Every count is some feature's; the seed test checks them all.
      counts: counts as DemoCounts,
    };
  });
}
