import type { briefLinkCreate } from '@spokestack/core/cms';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { checkReferences, scopeOf, tableInfo } from '../db/resource-service.js';
import { notFound } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import { briefs } from '../platform/schema.js';
import type { TenantContext } from '../platform/context.js';
import { getEntry } from './entry-rows.js';
import { briefContentLinks, contentEntries } from './schema.js';

// Links between briefs (the platform's work requests) and CMS entries: an entry is a brief's
// deliverable, a source it draws on, or a reference. Listed from both sides.

type Link = typeof briefContentLinks.$inferSelect;
const info = tableInfo(briefContentLinks);
const briefInfo = tableInfo(briefs);
const entryInfo = tableInfo(contentEntries);

/**
 * Links an entry to a brief of the same organization (400 naming a foreign or missing id; 409 when
 * already linked).
 *
 * @example await createBriefLink(db, ctx, { briefId, contentEntryId: entry.id, linkType: 'deliverable' })
 */
export async function createBriefLink(db: Db, ctx: TenantContext, input: z.output<typeof briefLinkCreate>): Promise<Link> {
  return transaction(db, async (tx) => {
    await checkReferences(tx, info, ctx, input);
    const [row] = await tx
      .insert(briefContentLinks)
      .values({ ...input, organizationId: ctx.organizationId, createdAt: ctx.now })
      .returning();
    const entry = await getEntry(tx, ctx, input.contentEntryId);
    await recordActivity(tx, ctx, {
      action: 'linked',
      entityType: 'content_entries',
      entityId: entry.id,
      entityTitle: entry.title,
      clientId: entry.clientId,
      projectId: entry.projectId,
      metadata: { briefId: input.briefId, linkType: input.linkType, linkId: row!.id },
    });
    return row!;
  });
}

/**
 * Changes how an entry relates to a brief.
 *
 * @example await updateBriefLink(db, ctx, link.id, 'reference')
 */
export async function updateBriefLink(db: Db, ctx: TenantContext, id: string, linkType: string): Promise<Link> {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .update(briefContentLinks)
      .set({ linkType })
      .where(and(eq(briefContentLinks.organizationId, ctx.organizationId), eq(briefContentLinks.id, id)))
      .returning();
    if (!row) throw notFound('Brief link');
    const entry = await getEntry(tx, ctx, row.contentEntryId);
    await recordActivity(tx, ctx, {
      action: 'link_updated',
      entityType: 'content_entries',
      entityId: entry.id,
      entityTitle: entry.title,
      clientId: entry.clientId,
      projectId: entry.projectId,
      metadata: { briefId: row.briefId, linkType, linkId: id },
    });
    return row;
  });
}

/**
 * The briefs an entry (that the caller can see) is linked to.
 *
 * @example const { data } = await entryBriefs(db, ctx, entry.id)
 */
export async function entryBriefs(db: Db, ctx: TenantContext, entryId: string) {
  await getEntry(db, ctx, entryId);
  const rows = await db
    .select({
      link: briefContentLinks,
      brief: {
        id: briefs.id,
        title: briefs.title,
        status: briefs.status,
        clientId: briefs.clientId,
        projectId: briefs.projectId,
        dueDate: briefs.dueDate,
      },
    })
    .from(briefContentLinks)
    .innerJoin(briefs, eq(briefs.id, briefContentLinks.briefId))
    .where(
      and(
        eq(briefContentLinks.organizationId, ctx.organizationId),
        eq(briefContentLinks.contentEntryId, entryId),
        ctx.actor.role === 'CLIENT' ? scopeOf(briefInfo, ctx) : undefined,
      ),
    )
    .orderBy(asc(briefContentLinks.createdAt), asc(briefContentLinks.id));
  return { data: rows };
}

/**
 * The entries linked to a brief (that the caller can see).
 *
 * @example const { data } = await briefContent(db, ctx, brief.id)
 */
export async function briefContent(db: Db, ctx: TenantContext, briefId: string) {
  const [brief] = await db
    .select({ id: briefs.id })
    .from(briefs)
    .where(and(scopeOf(briefInfo, ctx), eq(briefs.id, briefId)));
  if (!brief) throw notFound('Brief');
  const e = contentEntries;
  const rows = await db
    .select({
      link: briefContentLinks,
      entry: {
        id: e.id,
        title: e.title,
        slug: e.slug,
        locale: e.locale,
        status: e.status,
        contentTypeId: e.contentTypeId,
        clientId: e.clientId,
        updatedAt: e.updatedAt,
      },
    })
    .from(briefContentLinks)
    .innerJoin(e, eq(e.id, briefContentLinks.contentEntryId))
    .where(and(eq(briefContentLinks.organizationId, ctx.organizationId), eq(briefContentLinks.briefId, briefId), scopeOf(entryInfo, ctx)))
    .orderBy(asc(briefContentLinks.createdAt), asc(briefContentLinks.id));
  return { data: rows };
}
