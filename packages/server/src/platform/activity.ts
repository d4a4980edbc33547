import { and, eq, inArray } from 'drizzle-orm';
import { unifiedActivities } from './schema.js';
import { insertRows } from '../db/bulk.js';
import type { Db } from '../db/client.js';
import type { Json } from '../db/columns.js';
import type { TenantContext } from './context.js';

export interface ActivityInput {
  action: string;
  entityType: string;
  entityId: string;
  entityTitle: string;
  description?: string | null;
  metadata?: { [key: string]: Json } | null;
  clientId?: string | null;
  projectId?: string | null;
}

const actorTypes = { user: 'user', apiKey: 'integration', system: 'system' } as const;

/**
 * Writes the `unified_activities` row of a mutation. Call it with the mutation's transaction so the
 * row exists exactly when the change does (an array writes one row each, in one insert: a batch of an import).
 * Only the tenant and actor are read, so code that runs
 * outside a request (creating an organization) records with just those.
 *
 * @example await recordActivity(tx, ctx, { action: 'published', entityType: 'content_entries', entityId, entityTitle })
 */
export async function recordActivity(
  db: Db,
  ctx: Pick<TenantContext, 'organizationId' | 'actor'> & Partial<TenantContext>,
  input: ActivityInput | ActivityInput[],
): Promise<void> {
  const items = Array.isArray(input) ? input : [input];
  if (!items.length) return;
  // The features' hooks (automation triggers) run in the same transaction: what they start exists iff the change does.
  if (ctx.onActivity && ctx.jobs) await ctx.onActivity(db, ctx as TenantContext, items);
  // One set-based statement however many rows (an import's batch writes hundreds).
  await insertRows(
    db,
    unifiedActivities,
    items.map((item) => ({
      organizationId: ctx.organizationId,
      actorType: actorTypes[ctx.actor.type],
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      action: item.action,
      entityType: item.entityType,
      entityId: item.entityId,
      entityTitle: item.entityTitle.slice(0, 500),
      description: item.description ?? null,
      metadata: item.metadata ?? null,
      clientId: item.clientId ?? null,
      projectId: item.projectId ?? null,
    })),
  );
}

/**
 * Replaces the titles (and free-text descriptions) the activity stream holds for some rows, when what they
 * said must go: a GDPR erasure leaves the history of what happened, not who it was about.
 *
 * @example await retitleActivities(tx, ctx, [contact.id, ...noteIds], 'Erased contact')
 */
export async function retitleActivities(db: Db, ctx: Pick<TenantContext, 'organizationId'>, entityIds: string[], title: string) {
  for (let i = 0; i < entityIds.length; i += 1000)
    await db
      .update(unifiedActivities)
      .set({ entityTitle: title, description: null })
      .where(
        and(eq(unifiedActivities.organizationId, ctx.organizationId), inArray(unifiedActivities.entityId, entityIds.slice(i, i + 1000))),
      );
}

/** A human title for any row: its title, name, subject, email or id. */
export function titleOf(row: Record<string, unknown>): string {
  for (const key of ['title', 'name', 'subject', 'email', 'slug', 'goalName', 'metricType'])
    if (typeof row[key] === 'string' && row[key]) return row[key] as string;
  const person = [row.firstName, row.lastName].filter((v) => typeof v === 'string' && v).join(' ');
  return person || String(row.id ?? '');
}
