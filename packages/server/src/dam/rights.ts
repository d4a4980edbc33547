import { type WhereUsed, rightsWarningDays } from '@spokestack/core/dam';
import { and, eq, gt, inArray, isNotNull, lte, ne, sql } from 'drizzle-orm';
import { entriesUsingFiles } from '../cms/media.js';
import { type Db, transaction } from '../db/client.js';
import { recordActivity } from '../platform/activity.js';
import type { TenantContext } from '../platform/context.js';
import { briefs, unifiedActivities } from '../platform/schema.js';
import { type Asset, visibleAsset } from './access.js';
import { assets, assetVersions, briefAssetLinks } from './schema.js';

// Rights expiry. Once a day per organization a job marks the assets whose licence has run out EXPIRED
// (links, smart collections and rights search then leave them out) and warns once per expiry date,
// 14 days ahead, in the activity stream — on the asset and on every CMS entry that uses it, so the
// people who own the page hear of it, not only the people who own the file. `usedInContent` and
// `usedInBriefs` are refreshed from the entries' media fields and the brief links as it goes.

export const rightsJobName = 'dam.rights';
const day = 86_400_000;

/**
 * Registers the organization's daily rights check (02:00 UTC); called whenever an asset gets an expiry,
 * idempotent (an unchanged schedule keeps its pending tick).
 *
 * @example await scheduleRights(ctx)
 */
export const scheduleRights = (ctx: TenantContext) =>
  ctx.jobs.schedule(`${rightsJobName}:${ctx.organizationId}`, {
    name: rightsJobName,
    cron: '0 2 * * *',
    organizationId: ctx.organizationId,
  });

/** Where an asset is used, whoever asks (the job reads it for every asset; the route checks visibility first). */
async function usesOf(db: Db, ctx: TenantContext, asset: Pick<Asset, 'id' | 'fileId'>): Promise<WhereUsed> {
  const versions = await db.select({ fileId: assetVersions.fileId }).from(assetVersions).where(eq(assetVersions.assetId, asset.id));
  const fileIds = [...new Set([asset.fileId, ...versions.map((v) => v.fileId)])];
  const content = await entriesUsingFiles(db, ctx, fileIds);
  const linked = await db
    .select({ briefId: briefs.id, title: briefs.title, linkType: briefAssetLinks.linkType })
    .from(briefAssetLinks)
    .innerJoin(briefs, eq(briefs.id, briefAssetLinks.briefId))
    .where(and(eq(briefAssetLinks.organizationId, ctx.organizationId), eq(briefAssetLinks.assetId, asset.id)))
    .orderBy(briefs.title, briefs.id);
  return { content, briefs: linked };
}

/**
 * The CMS entries and briefs that use an asset the caller sees.
 *
 * @example const { content, briefs } = await whereUsed(db, ctx, asset.id)
 */
export async function whereUsed(db: Db, ctx: TenantContext, assetId: string): Promise<WhereUsed> {
  return usesOf(db, ctx, await visibleAsset(db, ctx, assetId));
}

/** Records what happened to an asset's rights on the asset and on each entry using it; refreshes where-used. */
async function announce(tx: Db, ctx: TenantContext, asset: Asset, action: 'license_expired' | 'license_expiring', uses: WhereUsed) {
  const entryIds = [...new Set(uses.content.map((c) => c.entryId))];
  const briefIds = uses.briefs.map((b) => b.briefId);
  await tx.update(assets).set({ usedInContent: entryIds, usedInBriefs: briefIds }).where(eq(assets.id, asset.id));
  const expiresAt = asset.expiresAt!.toISOString();
  const daysLeft = Math.max(0, Math.ceil((asset.expiresAt!.getTime() - ctx.now.getTime()) / day));
  await recordActivity(tx, ctx, {
    action,
    entityType: 'assets',
    entityId: asset.id,
    entityTitle: asset.name,
    description:
      action === 'license_expired'
        ? `The licence of ${asset.name} expired; it is no longer shared or delivered`
        : `The licence of ${asset.name} expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`,
    metadata: { expiresAt, daysLeft, usedInContent: entryIds, usedInBriefs: briefIds },
  });
  for (const entryId of entryIds)
    await recordActivity(tx, ctx, {
      action: action === 'license_expired' ? 'media_expired' : 'media_expiring',
      entityType: 'content_entries',
      entityId: entryId,
      entityTitle: uses.content.find((c) => c.entryId === entryId)!.title,
      description: `Uses ${asset.name}, whose licence ${action === 'license_expired' ? 'expired' : `expires in ${daysLeft} days`}`,
      metadata: { assetId: asset.id, expiresAt, fields: uses.content.filter((c) => c.entryId === entryId).map((c) => c.fieldName) },
    });
}

/**
 * The daily rights check of one organization: expired licences mark their assets EXPIRED, licences
 * ending within 14 days are announced once per expiry date. Idempotent: a rerun finds nothing new.
 *
 * @example await sweepRights(db, ctx) // { expired: 1, expiring: 2 }
 */
export async function sweepRights(db: Db, ctx: TenantContext): Promise<{ expired: number; expiring: number }> {
  const org = eq(assets.organizationId, ctx.organizationId);
  const due = await db
    .select()
    .from(assets)
    .where(and(org, ne(assets.status, 'EXPIRED'), isNotNull(assets.expiresAt), lte(assets.expiresAt, ctx.now)));
  let expired = 0;
  for (const asset of due) {
    const uses = await usesOf(db, ctx, asset);
    await transaction(db, async (tx) => {
      // Conditional on the status read, so two workers (or a rerun) announce it once.
      const [marked] = await tx
        .update(assets)
        .set({ status: 'EXPIRED', updatedAt: ctx.now })
        .where(and(eq(assets.id, asset.id), ne(assets.status, 'EXPIRED')))
        .returning();
      if (!marked) return;
      await announce(tx, ctx, marked, 'license_expired', uses);
      expired++;
    });
  }

  const soon = await db
    .select()
    .from(assets)
    .where(
      and(
        org,
        ne(assets.status, 'EXPIRED'),
        gt(assets.expiresAt, ctx.now),
        lte(assets.expiresAt, new Date(ctx.now.getTime() + rightsWarningDays * day)),
      ),
    );
  const warned = soon.length
    ? await db
        .select({ id: unifiedActivities.entityId, expiresAt: sql<string>`${unifiedActivities.metadata}->>'expiresAt'` })
        .from(unifiedActivities)
        .where(
          and(
            eq(unifiedActivities.organizationId, ctx.organizationId),
            eq(unifiedActivities.entityType, 'assets'),
            eq(unifiedActivities.action, 'license_expiring'),
            inArray(
              unifiedActivities.entityId,
              soon.map((a) => a.id),
            ),
          ),
        )
    : [];
  let expiring = 0;
  for (const asset of soon) {
    // A licence extended to a new date is announced again for that date.
    if (warned.some((w) => w.id === asset.id && w.expiresAt === asset.expiresAt!.toISOString())) continue;
    const uses = await usesOf(db, ctx, asset);
    await transaction(db, (tx) => announce(tx, ctx, asset, 'license_expiring', uses));
    expiring++;
  }
  ctx.logger.info('dam rights checked', { organizationId: ctx.organizationId, expired, expiring });
  return { expired, expiring };
}
