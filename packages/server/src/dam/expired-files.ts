import { and, eq, inArray } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { assetRenditions, assets, assetVersions } from './schema.js';

// Where an EXPIRED licence reaches the files other features hold: a CMS media value names a file, which
// is an asset's current file, one of its versions' or one of its renditions'. This module is the DAM's
// service for that question (features never read each other's tables), kept free of other imports so
// the CMS can call it without a cycle.

/**
 * Which of these files belong to an asset of the organization whose licence has expired.
 *
 * @example const withheld = await expiredFiles(db, ctx.organizationId, [hero.fileId]) // Set { hero.fileId }
 */
export async function expiredFiles(db: Db, organizationId: string, fileIds: string[]): Promise<Set<string>> {
  const wanted = [...new Set(fileIds)];
  if (!wanted.length) return new Set();
  const expired = and(eq(assets.organizationId, organizationId), eq(assets.status, 'EXPIRED'));
  // One round trip: the delivery API asks this on every reply that carries media.
  const rows = await union(
    db
      .select({ fileId: assets.fileId })
      .from(assets)
      .where(and(expired, inArray(assets.fileId, wanted))),
    db
      .select({ fileId: assetVersions.fileId })
      .from(assetVersions)
      .innerJoin(assets, eq(assets.id, assetVersions.assetId))
      .where(and(expired, inArray(assetVersions.fileId, wanted))),
    db
      .select({ fileId: assetRenditions.fileId })
      .from(assetRenditions)
      .innerJoin(assets, eq(assets.id, assetRenditions.assetId))
      .where(and(expired, inArray(assetRenditions.fileId, wanted))),
  );
  return new Set(rows.map((r) => r.fileId).filter((id): id is string => id !== null));
}
