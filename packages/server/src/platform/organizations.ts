import { eq } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { recordActivity } from './activity.js';
import { generateApiKey } from './auth.js';
import { systemActor } from './context.js';
import { apiKeys, organizations } from './schema.js';

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60) || 'org';

/**
 * Creates an organization with a first secret API key (returned once, stored hashed).
 * Used by `spokestack-server create-org`, the demo and the tests.
 *
 * @example const { organization, apiKey } = await createOrganization(db, { name: 'Acme Agency' })
 */
export async function createOrganization(db: Db, input: { name: string; slug?: string; locales?: string[]; defaultLocale?: string }) {
  return transaction(db, async (tx) => {
    let slug = input.slug ?? slugify(input.name);
    for (
      let n = 2;
      (await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug)).limit(1)).length;
      n++
    )
      slug = `${slugify(input.slug ?? input.name)}-${n}`;
    const [organization] = await tx
      .insert(organizations)
      .values({
        name: input.name,
        slug,
        defaultLocale: input.defaultLocale ?? 'en',
        locales: input.locales ?? [input.defaultLocale ?? 'en'],
      })
      .returning();
    const key = generateApiKey('SECRET');
    const [row] = await tx
      .insert(apiKeys)
      .values({ organizationId: organization!.id, name: 'Owner key', kind: 'SECRET', prefix: key.prefix, keyHash: key.keyHash })
      .returning({ id: apiKeys.id });
    const ctx = { organizationId: organization!.id, actor: systemActor() };
    await recordActivity(tx, ctx, {
      action: 'created',
      entityType: 'organizations',
      entityId: organization!.id,
      entityTitle: organization!.name,
    });
    return { organization: organization!, apiKey: key.secret, apiKeyId: row!.id };
  });
}

/** An organization by its id, or undefined. */
export async function findOrganization(db: Db, id: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row;
}
