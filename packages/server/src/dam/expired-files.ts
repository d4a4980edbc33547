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

/**
 * The same question as SQL text, for a statement of another feature that must answer it in its own round trip
 * (the delivery API sends one statement per request): a `text[]` expression, the files among `fileIds` (a
 * `text[]` expression) whose asset's licence expired. `organization` is the placeholder of the organization id.
 * Kept beside `expiredFiles`, so the DAM's tables are still read only by the DAM's code.
 *
 * @example const withheld = expiredFilesSql('$1', 'fx.ids') // "array(select a.file_id from assets a …)"
 */
export const expiredFilesSql = (organization: string, fileIds: string): string => {
  const expired = `a.organization_id = ${organization} and a.status = 'EXPIRED'`;
  return `array(select a.file_id from assets a where ${expired} and a.file_id = any(${fileIds})
    union select v.file_id from asset_versions v join assets a on a.id = v.asset_id where ${expired} and v.file_id = any(${fileIds})
    union select r.file_id from asset_renditions r join assets a on a.id = r.asset_id where ${expired} and r.file_id = any(${fileIds}))`;
};

/**
 * Whether the organization has any asset whose licence expired, as SQL text (a boolean expression that depends on
 * nothing else, so PostgreSQL evaluates it once per statement): most have none, and then no file need be looked up.
 *
 * @example `case when ${anyExpiredSql('$1')} then ${expiredFilesSql('$1', ids)} else '{}' end`
 */
export const anyExpiredSql = (organization: string): string =>
  `exists (select 1 from assets a where a.organization_id = ${organization} and a.status = 'EXPIRED')`;
