import type { MembershipRole } from '@spokestack/core';
import { eq } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { createOrganization } from '../platform/organizations.js';
import { clients, memberships, organizations, projects, users } from '../platform/schema.js';
import type { Storage } from '../platform/storage.js';
import { seedAnalytics } from './analytics.js';
import { seedCms } from './cms.js';
import { type SeedContext, dateAgo, daysAgo, insertMany } from './context.js';
import { seedCrm } from './crm.js';
import { seedDam } from './dam.js';
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
}

const people: { name: string; email: string; role: MembershipRole; client?: 'harbor' }[] = [
  { name: 'Maya Okafor', email: 'maya@northwindcreative.example', role: 'OWNER' },
  { name: 'Daniel Reyes', email: 'daniel@northwindcreative.example', role: 'ADMIN' },
  { name: 'Priya Natarajan', email: 'priya@northwindcreative.example', role: 'MEMBER' },
  { name: 'Tomás Lindqvist', email: 'tomas@northwindcreative.example', role: 'MEMBER' },
  { name: 'Grace Whitfield', email: 'grace.whitfield@harborandpine.example', role: 'CLIENT', client: 'harbor' },
];

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
 * const result = await seedDemo(database.db, { storage: localStorage('.spokestack/files') })
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
    const ids = people.map(() => id());
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
        names: Object.fromEntries(people.map((p, i) => [ids[i]!, p.name])),
      },
      clients: { harbor: id(), lumen: id() },
      projects: { spring: id(), holiday: id(), webinars: id(), website: id() },
    };
    const organizationId = organization.id;
    const since = daysAgo(ctx, 730);

    await insertMany(ctx, clients, [
      {
        id: ctx.clients.harbor,
        organizationId,
        name: 'Harbor & Pine Outfitters',
        slug: 'harbor-and-pine',
        industry: 'Retail — outdoor apparel',
        website: 'https://harborandpine.example',
        createdAt: since,
      },
      {
        id: ctx.clients.lumen,
        organizationId,
        name: 'Lumen Health',
        slug: 'lumen-health',
        industry: 'Healthcare technology',
        website: 'https://lumenhealth.example',
        createdAt: since,
      },
    ]);
    await insertMany(
      ctx,
      users,
      people.map((p, i) => ({
        id: ids[i]!,
        organizationId,
        name: p.name,
        email: p.email,
        externalId: `demo-${p.email.split('@')[0]}`,
        createdAt: since,
      })),
    );
    await insertMany(
      ctx,
      memberships,
      people.map((p, i) => ({
        organizationId,
        userId: ids[i]!,
        role: p.role,
        clientId: p.client ? ctx.clients[p.client] : null,
        createdAt: since,
      })),
    );
    await insertMany(ctx, projects, [
      {
        id: ctx.projects.spring,
        organizationId,
        clientId: ctx.clients.harbor,
        name: 'Spring Collection launch',
        description: 'Rain shell launch across paid social, search and stores.',
        status: 'ACTIVE',
        startDate: dateAgo(ctx, 120),
        endDate: dateAgo(ctx, -30),
      },
      {
        id: ctx.projects.holiday,
        organizationId,
        clientId: ctx.clients.harbor,
        name: 'Holiday gift guide',
        description: 'Gift guide, shoppable video and retargeting.',
        status: 'COMPLETED',
        startDate: dateAgo(ctx, 380),
        endDate: dateAgo(ctx, 320),
      },
      {
        id: ctx.projects.webinars,
        organizationId,
        clientId: ctx.clients.lumen,
        name: 'Clinician webinar series',
        description: 'Monthly webinars with registration ads and a nurture sequence.',
        status: 'ACTIVE',
        startDate: dateAgo(ctx, 300),
        endDate: null,
      },
      {
        id: ctx.projects.website,
        organizationId,
        clientId: null,
        name: 'Northwind website refresh',
        description: 'Our own site: new case studies and a faster blog.',
        status: 'ACTIVE',
        startDate: dateAgo(ctx, 60),
        endDate: dateAgo(ctx, -45),
      },
    ]);

    const dam = await seedDam(ctx);
    const cms = await seedCms(ctx, dam.assets);
    await dam.insertAssets();
    const analytics = await seedAnalytics(ctx);
    const crm = await seedCrm(ctx);

    return {
      created: true,
      organizationId,
      apiKey,
      counts: {
        users: people.length,
        clients: 2,
        projects: 4,
        contentTypes: cms.types,
        entries: cms.entries,
        assets: dam.assets.length,
        adPlatforms: analytics.platforms,
        adCampaigns: analytics.campaigns,
        campaignMetrics: analytics.metrics,
        contacts: crm.contacts,
        deals: crm.deals,
        emailRecipients: crm.recipients,
      },
    };
  });
}
