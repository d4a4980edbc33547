import { type WorkflowStage, workflowStage } from '@spokestack/core/cms';
import { and, eq } from 'drizzle-orm';
import * as z from 'zod';
import type { Db } from '../db/client.js';
import type { Actor, TenantContext } from '../platform/context.js';
import type { Entry } from './entry-rows.js';
import { type contentRevisions, contentWorkflows } from './schema.js';

// Which workflow drives an entry, its review stages, and who may decide a review: the rules the
// workflow service, publishing and readiness share (apart from workflows.ts, so readiness can use them
// without an import cycle).

type Workflow = typeof contentWorkflows.$inferSelect;
export type WorkflowWithStages = Omit<Workflow, 'stages'> & { stages: WorkflowStage[] };
type Revision = typeof contentRevisions.$inferSelect;

const storedStages = z.array(workflowStage);
export const asWorkflow = (row: Workflow): WorkflowWithStages => ({ ...row, stages: storedStages.safeParse(row.stages).data ?? [] });

/**
 * The workflow that drives a content type's entries: its own (when active), else the organization's
 * active default, else none.
 *
 * @example const workflow = await workflowFor(tx, ctx, type)
 */
export async function workflowFor(
  db: Db,
  ctx: TenantContext,
  type: { workflowId: string | null },
): Promise<WorkflowWithStages | undefined> {
  const [row] = await db
    .select()
    .from(contentWorkflows)
    .where(
      and(
        eq(contentWorkflows.organizationId, ctx.organizationId),
        eq(contentWorkflows.isActive, true),
        type.workflowId ? eq(contentWorkflows.id, type.workflowId) : eq(contentWorkflows.isDefault, true),
      ),
    )
    .limit(1);
  return row ? asWorkflow(row) : undefined;
}

/** The IN_REVIEW stages of a workflow, in order: the reviews an entry goes through. */
export const reviewStages = (workflow: WorkflowWithStages | undefined) =>
  (workflow?.stages ?? []).filter((s) => s.status === 'IN_REVIEW').sort((a, b) => a.order - b.order);

/** Whether the actor may decide a revision: its assignee, or an OWNER/ADMIN (API keys act as ADMIN). */
export function mayDecide(actor: Actor, revision: Revision, entry: Entry, viaLink: boolean): boolean {
  if (viaLink) return revision.assignedToType === 'client';
  if (actor.role === 'OWNER' || actor.role === 'ADMIN') return true;
  if (revision.assignedToType === 'user') return actor.type === 'user' && actor.id === revision.assignedToId;
  if (revision.assignedToType === 'role') return actor.role === revision.assignedToId;
  return actor.role === 'CLIENT' && actor.clientId !== null && actor.clientId === entry.clientId;
}
