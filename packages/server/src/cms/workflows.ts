import type { FieldError } from '@spokestack/core';
import { type WorkflowStage, cmsResources, type submitBody, type workflowCreate, type workflowUpdate } from '@spokestack/core/cms';
import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import type * as z from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../http/problem.js';
import { recordActivity } from '../platform/activity.js';
import type { AppContext, TenantContext } from '../platform/context.js';
import { memberships, organizations, users } from '../platform/schema.js';
import { getContentType } from './content-types.js';
import { type Entry, getEntry, lockEntry } from './entry-rows.js';
import { setEntryStatus } from './publish-state.js';
import { assertReady, readinessBlockers } from './readiness.js';
import { type WorkflowWithStages, asWorkflow, mayDecide, reviewStages, workflowFor } from './workflow-rules.js';

export { type WorkflowWithStages, workflowFor } from './workflow-rules.js';
import { contentEntries, contentRevisions, contentTypes, contentWorkflows } from './schema.js';

// Approval workflows. A content type's workflow (or the organization's default one) lists stages; its
// IN_REVIEW stages, in `order`, are the reviews an entry goes through. Submitting opens a
// `content_revisions` row for the first of them, assigned to a user, a role or the client; approving
// (or skipping) it opens the next, and after the last the entry is APPROVED; rejecting or asking for
// changes sends it back to DRAFT with the feedback. Only the assignee or an OWNER/ADMIN decides.

type Revision = typeof contentRevisions.$inferSelect;
export type Decision = 'approve' | 'reject' | 'request_changes' | 'skip';

const generic = resourceService(contentWorkflows, cmsResources.workflows);
const memberRoles = ['OWNER', 'ADMIN', 'MEMBER'];

/** Assignees must exist: `user:<id>` a member of the organization, `role:<ROLE>` a member role. */
async function checkAssignees(tx: Db, ctx: TenantContext, stages: WorkflowStage[]): Promise<void> {
  const errors: FieldError[] = [];
  const userIds = stages.flatMap((s) => (s.assignTo?.startsWith('user:') ? [s.assignTo.slice(5)] : []));
  const members = userIds.length
    ? new Set(
        (
          await tx
            .select({ id: users.id })
            .from(users)
            .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organizationId, ctx.organizationId)))
            .where(and(eq(users.organizationId, ctx.organizationId), inArray(users.id, userIds)))
        ).map((u) => u.id),
      )
    : new Set<string>();
  stages.forEach((stage, i) => {
    const path = `body.stages.${i}.assignTo`;
    if (stage.assignTo?.startsWith('user:') && !members.has(stage.assignTo.slice(5)))
      errors.push({ path, message: 'No member of the organization with this id' });
    if (stage.assignTo?.startsWith('role:') && !memberRoles.includes(stage.assignTo.slice(5)))
      errors.push({
        path,
        message: `Unknown role "${stage.assignTo.slice(5)}"; use OWNER, ADMIN or MEMBER (or "client" for the client's reviewers)`,
      });
  });
  if (errors.length) throw badRequest(errors);
}

/** Only one default workflow per organization: making one the default unsets the others. */
const unsetDefaults = (tx: Db, ctx: TenantContext, except?: string) =>
  tx
    .update(contentWorkflows)
    .set({ isDefault: false, updatedAt: ctx.now })
    .where(
      and(
        eq(contentWorkflows.organizationId, ctx.organizationId),
        eq(contentWorkflows.isDefault, true),
        except ? ne(contentWorkflows.id, except) : undefined,
      ),
    );

/** @example const { data } = await listWorkflows(db, ctx, { isActive: true }) */
export async function listWorkflows(db: Db, ctx: TenantContext, query: Parameters<typeof generic.list>[2]) {
  const page = await generic.list(db, ctx, query);
  return { data: page.data.map(asWorkflow), nextCursor: page.nextCursor };
}

/** @example const workflow = await getWorkflow(db, ctx, id) */
export async function getWorkflow(db: Db, ctx: TenantContext, id: string): Promise<WorkflowWithStages> {
  return asWorkflow(await generic.get(db, ctx, id));
}

/**
 * Creates a workflow after checking its stages' assignees.
 *
 * @example await createWorkflow(db, ctx, { name: 'Client approval', stages: [{ name: 'Client', status: 'IN_REVIEW', order: 1, assignTo:
 * 'client' }] })
 */
export async function createWorkflow(db: Db, ctx: TenantContext, input: z.output<typeof workflowCreate>): Promise<WorkflowWithStages> {
  return transaction(db, async (tx) => {
    await checkAssignees(tx, ctx, input.stages);
    if (input.isDefault) await unsetDefaults(tx, ctx);
    const [row] = await tx
      .insert(contentWorkflows)
      .values({ ...input, organizationId: ctx.organizationId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await recordActivity(tx, ctx, {
      action: 'created',
      entityType: 'content_workflows',
      entityId: row!.id,
      entityTitle: row!.name,
      metadata: { stages: input.stages.length, isDefault: row!.isDefault },
    });
    return asWorkflow(row!);
  });
}

/**
 * Updates a workflow. Entries already in review keep their open revision; the next stage is looked up
 * in the new stages by order when it is decided.
 *
 * @example await updateWorkflow(db, ctx, id, { isDefault: true })
 */
export async function updateWorkflow(
  db: Db,
  ctx: TenantContext,
  id: string,
  input: z.output<typeof workflowUpdate>,
): Promise<WorkflowWithStages> {
  return transaction(db, async (tx) => {
    const [found] = await tx
      .select({ id: contentWorkflows.id })
      .from(contentWorkflows)
      .where(and(eq(contentWorkflows.organizationId, ctx.organizationId), eq(contentWorkflows.id, id)))
      .for('update');
    if (!found) throw notFound('Workflow');
    if (input.stages) await checkAssignees(tx, ctx, input.stages);
    if (input.isDefault) await unsetDefaults(tx, ctx, id);
    const [row] = await tx
      .update(contentWorkflows)
      .set({ ...input, updatedAt: ctx.now })
      .where(eq(contentWorkflows.id, id))
      .returning();
    await recordActivity(tx, ctx, {
      action: 'updated',
      entityType: 'content_workflows',
      entityId: id,
      entityTitle: row!.name,
      metadata: { changedFields: Object.keys(input) },
    });
    return asWorkflow(row!);
  });
}

/**
 * Deletes a workflow that no content type uses (409 otherwise).
 *
 * @example await deleteWorkflow(db, ctx, id)
 */
export async function deleteWorkflow(db: Db, ctx: TenantContext, id: string) {
  return transaction(db, async (tx) => {
    const workflow = await getWorkflow(tx, ctx, id);
    const [used] = await tx
      .select({ n: count() })
      .from(contentTypes)
      .where(and(eq(contentTypes.organizationId, ctx.organizationId), eq(contentTypes.workflowId, id)));
    if (used!.n > 0) throw conflict(`${used!.n} content type(s) use this workflow; point them elsewhere first`, { contentTypes: used!.n });
    await tx.delete(contentWorkflows).where(eq(contentWorkflows.id, id));
    await recordActivity(tx, ctx, { action: 'deleted', entityType: 'content_workflows', entityId: id, entityTitle: workflow.name });
    return { id, deleted: true as const };
  });
}

async function openRevision(tx: Db, ctx: TenantContext, entry: Entry, stage: WorkflowStage, dueDate?: Date): Promise<Revision> {
  const assignTo = stage.assignTo ?? 'role:ADMIN';
  const [kind, ...rest] = assignTo.split(':');
  const assignedToType = kind === 'user' ? 'user' : kind === 'role' ? 'role' : 'client';
  const assignedToId = assignedToType === 'client' ? entry.clientId : rest.join(':');
  const due = dueDate ?? (stage.dueInHours ? new Date(ctx.now.getTime() + stage.dueInHours * 3_600_000) : null);
  const [row] = await tx
    .insert(contentRevisions)
    .values({
      organizationId: ctx.organizationId,
      entryId: entry.id,
      stageName: stage.name,
      stageOrder: stage.order,
      assignedToType,
      assignedToId,
      dueDate: due,
      createdAt: ctx.now,
    })
    .returning();
  return row!;
}

/**
 * Submits an entry for review: opens a revision for the first IN_REVIEW stage of its type's workflow
 * and sets the entry IN_REVIEW. 409 when the entry is already in review, archived, or its type has no
 * workflow; 400 (naming each field under `data.`) when its content is not what publish requires
 * (required fields, valid values and references, image alt text, expiry) — the same readiness check.
 *
 * @example const { revision } = await submitEntry(db, ctx, entry.id, { note: 'Ready' })
 */
export async function submitEntry(db: Db, ctx: TenantContext, id: string, input: z.output<typeof submitBody>) {
  const revision = await transaction(db, async (tx) => {
    const entry = await lockEntry(tx, ctx, id);
    if (entry.status === 'IN_REVIEW')
      throw conflict('The entry is already in review; decide its open revision first', { status: entry.status });
    if (entry.status === 'ARCHIVED') throw conflict('An archived entry cannot be submitted; unarchive it first', { status: entry.status });
    const type = await getContentType(tx, ctx, entry.contentTypeId);
    const [first] = reviewStages(await workflowFor(tx, ctx, type));
    if (!first) throw conflict(`The content type "${type.slug}" has no approval workflow (nor does the organization have a default one)`);
    // What publish will require of the content is required now, so an approved entry can always go live.
    assertReady(await readinessBlockers(tx, ctx, entry, type), 'be submitted for review', { contentOnly: true });
    // Revisions left open by an entry that left review another way (archived) are superseded.
    await tx
      .update(contentRevisions)
      .set({ status: 'SKIPPED', feedback: 'Superseded by a new submission', reviewedAt: ctx.now })
      .where(and(eq(contentRevisions.entryId, id), eq(contentRevisions.status, 'PENDING')));
    const opened = await openRevision(tx, ctx, entry, first, input.dueDate ? new Date(input.dueDate) : undefined);
    await setEntryStatus(tx, ctx, id, 'IN_REVIEW', {
      action: 'submitted',
      metadata: { revisionId: opened.id, stage: first.name, ...(input.note ? { note: input.note } : {}) },
    });
    return opened;
  });
  return { entry: await getEntry(db, ctx, id), revision, next: null };
}

const outcomes = {
  approve: { status: 'APPROVED', action: 'approved' },
  skip: { status: 'SKIPPED', action: 'skipped' },
  reject: { status: 'REJECTED', action: 'rejected' },
  request_changes: { status: 'CHANGES_REQUESTED', action: 'changes_requested' },
} as const;

/**
 * Decides a pending revision. Approve and skip open the next review stage (the entry stays
 * IN_REVIEW) or, after the last, set the entry APPROVED; reject and request changes send it back to
 * DRAFT. Only the assignee or an OWNER/ADMIN may decide (403); a CLIENT member only on their client's
 * entries (404 otherwise); a decided revision, or an entry no longer in review, is 409. Approving and
 * skipping re-run publish's content readiness check (400 naming the fields), so what is approved can go live.
 *
 * @example const { entryStatus, next } = await decideRevision(db, ctx, revision.id, 'approve', { feedback: 'Great' })
 */
export async function decideRevision(
  db: Db,
  ctx: TenantContext,
  revisionId: string,
  decision: Decision,
  options: { feedback?: string; reviewerName?: string; viaLink?: boolean; linkCreatedBy?: { id: string; name: string } } = {},
) {
  return transaction(db, async (tx) => {
    const [revision] = await tx
      .select()
      .from(contentRevisions)
      .where(and(eq(contentRevisions.organizationId, ctx.organizationId), eq(contentRevisions.id, revisionId)))
      .for('update');
    if (!revision) throw notFound('Revision');
    const entry = await lockEntry(tx, ctx, revision.entryId);
    if (ctx.actor.role === 'CLIENT' && !options.viaLink && entry.clientId !== ctx.actor.clientId) throw notFound('Revision');
    if (revision.status !== 'PENDING') throw conflict(`The revision was already decided (${revision.status})`, { status: revision.status });
    if (entry.status !== 'IN_REVIEW') throw conflict(`The entry is no longer in review (${entry.status})`, { status: entry.status });
    if (!mayDecide(ctx.actor, revision, entry, options.viaLink ?? false))
      throw forbidden(
        `Only the stage's assignee ` +
          `(${revision.assignedToType}${revision.assignedToId ? `:${revision.assignedToId}` : ''}) or an OWNER/ADMIN may decide it`,
      );
    if ((decision === 'reject' || decision === 'request_changes') && !options.feedback?.trim())
      throw badRequest([{ path: 'body.feedback', message: 'Say what needs to change' }]);

    const { status, action } = outcomes[decision];
    const [decided] = await tx
      .update(contentRevisions)
      .set({
        status,
        feedback: options.feedback ?? null,
        reviewedById: options.viaLink ? null : ctx.actor.id,
        reviewerName: options.reviewerName ?? null,
        reviewedAt: ctx.now,
      })
      .where(eq(contentRevisions.id, revisionId))
      .returning();
    // A client stage decided by staff (an OWNER/ADMIN) is recorded as decided on the client's behalf.
    const onBehalf = revision.assignedToType === 'client' && !options.viaLink && ctx.actor.role !== 'CLIENT';
    const metadata = {
      revisionId,
      stage: revision.stageName,
      ...(options.feedback ? { feedback: options.feedback } : {}),
      ...(options.viaLink ? { via: 'review-link' } : {}),
      // Whoever holds a link decides for the client, so the record names who handed it out.
      ...(options.linkCreatedBy ? { linkCreatedBy: options.linkCreatedBy } : {}),
      ...(onBehalf ? { onBehalfOfClient: true } : {}),
    };
    let next: Revision | null = null;
    let entryStatus: Entry['status'] = entry.status;
    if (decision === 'approve' || decision === 'skip') {
      const type = await getContentType(tx, ctx, entry.contentTypeId);
      // Files can lose what publish needs while the entry is in review (a referenced file deleted).
      assertReady(await readinessBlockers(tx, ctx, entry, type), 'be approved', { contentOnly: true });
      const stage = reviewStages(await workflowFor(tx, ctx, type)).find((s) => s.order > revision.stageOrder);
      if (stage) {
        next = await openRevision(tx, ctx, entry, stage);
        await recordActivity(tx, ctx, {
          action,
          entityType: 'content_entries',
          entityId: entry.id,
          entityTitle: entry.title,
          clientId: entry.clientId,
          projectId: entry.projectId,
          metadata: { ...metadata, nextStage: stage.name },
        });
      } else {
        entryStatus = (await setEntryStatus(tx, ctx, entry.id, 'APPROVED', { action, metadata })).status;
      }
    } else {
      entryStatus = (await setEntryStatus(tx, ctx, entry.id, 'DRAFT', { action, metadata })).status;
    }
    return { revision: decided!, next, entryStatus };
  });
}

/**
 * The review history of an entry the caller can see, oldest first.
 *
 * @example const { data } = await listEntryRevisions(db, ctx, entry.id)
 */
export async function listEntryRevisions(db: Db, ctx: TenantContext, entryId: string) {
  await getEntry(db, ctx, entryId);
  const data = await db
    .select()
    .from(contentRevisions)
    .where(and(eq(contentRevisions.organizationId, ctx.organizationId), eq(contentRevisions.entryId, entryId)))
    .orderBy(asc(contentRevisions.createdAt), asc(contentRevisions.stageOrder), asc(contentRevisions.id));
  return { data };
}

// ---------------------------------------------------------------- review links

/**
 * What a review link (purpose `review`) carries: the organization, the entry, the revision, and who
 * minted it (`m` id, `n` name), so the decision made through it records who handed it out.
 */
interface ReviewClaims {
  [key: string]: string | number;
  o: string;
  e: string;
  r: string;
  m: string;
  n: string;
}

/**
 * Mints a review link for a pending client stage: a token signed for the `review` purpose, bound to the
 * organization, the entry and the revision, valid for `expiresInHours` (default 72).
 *
 * @example const { token, url } = await createReviewLink(db, ctx, revision.id, 48)
 */
export async function createReviewLink(db: Db, ctx: TenantContext, revisionId: string, expiresInHours = 72) {
  return transaction(db, async (tx) => {
    const [revision] = await tx
      .select()
      .from(contentRevisions)
      .where(and(eq(contentRevisions.organizationId, ctx.organizationId), eq(contentRevisions.id, revisionId)));
    if (!revision) throw notFound('Revision');
    const entry = await getEntry(tx, ctx, revision.entryId);
    if (revision.status !== 'PENDING') throw conflict(`The revision was already decided (${revision.status})`, { status: revision.status });
    if (revision.assignedToType !== 'client')
      throw conflict('Review links are for client stages; this stage is reviewed inside the organization', {
        assignedToType: revision.assignedToType,
      });
    const expiresAt = new Date(ctx.now.getTime() + expiresInHours * 3_600_000);
    const claims: ReviewClaims = { o: ctx.organizationId, e: entry.id, r: revision.id, m: ctx.actor.id, n: ctx.actor.name };
    const token = ctx.signer.token('review', claims, expiresAt);
    await recordActivity(tx, ctx, {
      action: 'review_link_created',
      entityType: 'content_entries',
      entityId: entry.id,
      entityTitle: entry.title,
      clientId: entry.clientId,
      projectId: entry.projectId,
      metadata: { revisionId, expiresAt: expiresAt.toISOString() },
    });
    return { token, url: `/v1/cms/review-links/${token}`, expiresAt };
  });
}

/** The revision and entry a valid review link points at; 401 for a forged or expired link. */
async function openReviewLink(db: Db, app: AppContext, token: string) {
  const claims = app.signer.verify<ReviewClaims>('review', token, app.now);
  if (!claims || [claims.o, claims.e, claims.r, claims.m, claims.n].some((claim) => typeof claim !== 'string'))
    throw unauthorized('Invalid or expired review link; ask for a new one');
  const [row] = await db
    .select({ revision: contentRevisions, entry: contentEntries, organization: { name: organizations.name } })
    .from(contentRevisions)
    .innerJoin(contentEntries, eq(contentEntries.id, contentRevisions.entryId))
    .innerJoin(organizations, eq(organizations.id, contentRevisions.organizationId))
    .where(
      and(
        eq(contentRevisions.id, claims.r),
        eq(contentRevisions.organizationId, claims.o),
        eq(contentRevisions.entryId, claims.e),
        eq(contentEntries.organizationId, claims.o),
      ),
    );
  if (!row) throw notFound('Revision');
  return { ...row, claims };
}

/**
 * What a review link shows: the entry's current draft, its type's schema (to render it) and the stage.
 *
 * @example const view = await viewReviewLink(db, app, token)
 */
export async function viewReviewLink(db: Db, app: AppContext, token: string) {
  const { revision, entry, organization, claims } = await openReviewLink(db, app, token);
  const [type] = await db
    .select({ name: contentTypes.name, slug: contentTypes.slug, schema: contentTypes.schema })
    .from(contentTypes)
    .where(eq(contentTypes.id, entry.contentTypeId));
  return {
    organization,
    entry: {
      id: entry.id,
      title: entry.title,
      slug: entry.slug,
      locale: entry.locale,
      status: entry.status,
      version: entry.version,
      data: entry.data as Record<string, Json>,
      updatedAt: entry.updatedAt,
    },
    contentType: type!,
    revision: { id: revision.id, stageName: revision.stageName, status: revision.status, dueDate: revision.dueDate },
    expiresAt: new Date(claims.exp * 1000),
  };
}

/**
 * Decides the revision behind a review link, as the client reviewer who gives their name: in the
 * link's organization, with the reviewer as the actor and the link's minter recorded beside them.
 *
 * @example await decideReviewLink(db, app, token, { decision: 'approve', reviewerName: 'Dana at Acme' })
 */
export async function decideReviewLink(
  db: Db,
  app: AppContext,
  token: string,
  input: { decision: 'approve' | 'reject' | 'request_changes'; reviewerName: string; feedback?: string },
) {
  const { revision, entry, claims } = await openReviewLink(db, app, token);
  const ctx: TenantContext = {
    ...app,
    organizationId: revision.organizationId,
    actor: { type: 'system', id: 'review-link', name: `${input.reviewerName} (review link)`, role: 'CLIENT', clientId: entry.clientId },
  };
  const result = await decideRevision(db, ctx, revision.id, input.decision, {
    feedback: input.feedback,
    reviewerName: input.reviewerName,
    viaLink: true,
    linkCreatedBy: { id: claims.m, name: claims.n },
  });
  return { revision: result.revision, entryStatus: result.entryStatus };
}
