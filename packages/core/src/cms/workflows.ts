import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { allRoles, base, boolFilter, deleted, refuse, tag, writers } from './common.js';
import { entryRow } from './entries.js';
import { contentStatus } from './enums.js';
import { revisions, workflows } from './rows.gen.js';

// Approval workflows, the review of an entry through their stages, and review links for clients without an account.

/** Who reviews a stage: `user:<userId>`, `role:<OWNER|ADMIN|MEMBER>`, or `client` (CLIENT members of the entry's client, or a review
 * link). */
export const stageAssignee = z
  .string()
  .max(100)
  .regex(/^(user:[^\s:]{1,64}|role:[A-Z_]{1,32}|client)$/, 'Expected "user:<id>", "role:<ROLE>" or "client"');

/** The statuses a workflow stage may stand for. */
export const stageStatus = ['DRAFT', 'IN_REVIEW', 'APPROVED'] as const;

/** One stage of a workflow; IN_REVIEW stages are the ones an entry is submitted to, in `order`. */
export const workflowStage = z.strictObject({
  name: f.text().min(1).max(100),
  status: z.enum(stageStatus),
  order: z.number().int().min(0).max(1000),
  /** Required on IN_REVIEW stages. */
  assignTo: stageAssignee.optional(),
  /** Review due this many hours after the stage starts (sets the revision's `dueDate`). */
  dueInHours: z.number().int().min(1).max(8760).optional(),
});
export type WorkflowStage = z.output<typeof workflowStage>;

/**
 * A workflow's stages: unique `order`s and names, at least one IN_REVIEW stage, every IN_REVIEW
 * stage assigned. Checked again on the server (users must be members, roles must exist).
 */
export const workflowStages = z
  .array(workflowStage)
  .min(1)
  .max(20)
  .superRefine((stages, ctx) => {
    const orders = new Set<number>();
    const names = new Set<string>();
    stages.forEach((stage, i) => {
      if (orders.has(stage.order))
        ctx.addIssue({ code: 'custom', path: [i, 'order'], message: `Another stage already has order ${stage.order}` });
      if (names.has(stage.name))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `Another stage is already named "${stage.name}"` });
      orders.add(stage.order);
      names.add(stage.name);
      if (stage.status === 'IN_REVIEW' && !stage.assignTo)
        ctx.addIssue({ code: 'custom', path: [i, 'assignTo'], message: 'An IN_REVIEW stage needs an assignee' });
      if (stage.status !== 'IN_REVIEW' && stage.assignTo)
        ctx.addIssue({ code: 'custom', path: [i, 'assignTo'], message: 'Only IN_REVIEW stages are assigned' });
    });
    if (!stages.some((s) => s.status === 'IN_REVIEW'))
      ctx.addIssue({ code: 'custom', path: [], message: 'At least one IN_REVIEW stage is needed' });
  });

export const workflowRow = workflows.row.extend({ stages: z.array(workflowStage) });
export type WorkflowRow = z.output<typeof workflowRow>;
export const workflowCreate = z.strictObject({
  name: f.text().min(1).max(200),
  description: f.text().max(2000).nullable().optional(),
  /** The organization's default workflow drives content types without their own; setting it unsets the previous default. */
  isDefault: z.boolean().optional(),
  stages: workflowStages,
  isActive: z.boolean().optional(),
});
export const workflowUpdate = workflowCreate.partial();
export const workflowFilters = z.object({ isDefault: boolFilter(), isActive: boolFilter() });

// Reviews: revisions of an entry through the stages, and review links for clients without an account.

export type RevisionRow = z.output<typeof revisions.row>;
export const submitBody = z.strictObject({
  /** Shown to the reviewers; stored as the activity's description. */
  note: f.text().max(2000).optional(),
  /** Overrides the stage's `dueInHours`. */
  dueDate: f.timestamp().optional(),
});
export const decisionBody = z.strictObject({ feedback: f.longText().max(20_000).optional() });
/** Reject and request changes say why. */
export const feedbackBody = z.strictObject({ feedback: f.longText().min(1).max(20_000) });
/** The entry and the review state after a workflow action. */
export const workflowState = z.object({
  entry: entryRow,
  /** The revision the action created or decided. */
  revision: revisions.row,
  /** The next stage's revision, when the action opened one. */
  next: revisions.row.nullable(),
});
export const reviewLinkBody = z.strictObject({ expiresInHours: z.number().int().min(1).max(720).optional() });
export const reviewLink = z.object({
  token: z.string(),
  /** Relative to the API's base URL; the host app shows it through its own page or hands it to the client. */
  url: z.string(),
  expiresAt: f.timestamp(),
});
export const reviewTokenParams = z.object({ token: z.string().min(10).max(2000) });
/** What a review link shows: the entry's current draft and the stage it waits in. */
export const reviewView = z.object({
  organization: z.object({ name: z.string() }),
  entry: z.object({
    id: z.string(),
    title: z.string(),
    slug: z.string(),
    locale: z.string(),
    status: z.enum(contentStatus),
    version: z.number().int(),
    data: z.record(z.string(), f.json()),
    updatedAt: f.timestamp(),
  }),
  contentType: z.object({ name: z.string(), slug: z.string(), schema: f.json() }),
  revision: z.object({ id: z.string(), stageName: z.string(), status: revisions.row.shape.status, dueDate: f.timestamp().nullable() }),
  expiresAt: f.timestamp(),
});
export const reviewDecision = z.strictObject({
  decision: z.enum(['approve', 'reject', 'request_changes']),
  /** Who decides; recorded on the revision (`reviewerName`) and in the activity stream. */
  reviewerName: f.text().min(1).max(200),
  /** Required to reject or request changes. */
  feedback: f.longText().max(20_000).optional(),
});
export const reviewOutcome = z.object({ revision: revisions.row, entryStatus: z.enum(contentStatus) });

export const workflowOps = {
  listWorkflows: defineOperation({
    id: 'cms.workflows.list',
    description: "The organization's approval workflows with their stages.",
    method: 'GET',
    path: `${base}/workflows`,
    tag,
    summary: 'List approval workflows',
    query: listQuery.extend(workflowFilters.shape),
    response: pageOf(workflowRow),
    roles: writers,
  }),
  getWorkflow: defineOperation({
    id: 'cms.workflows.get',
    description: 'One approval workflow with its ordered stages and who each is assigned to.',
    method: 'GET',
    path: `${base}/workflows/:id`,
    tag,
    summary: 'Get a workflow',
    params: idParams,
    response: workflowRow,
    roles: writers,
  }),
  createWorkflow: defineOperation({
    id: 'cms.workflows.create',
    description:
      'Creates an approval workflow: ordered stages, each with who decides it (a member, or a role such as ' +
      '`role:ADMIN`). Assignees must exist; one workflow may be the default for types without their own.',
    method: 'POST',
    path: `${base}/workflows`,
    tag,
    summary: 'Create a workflow (stages validated: assignees must exist)',
    body: workflowCreate,
    response: workflowRow,
    status: 201,
    roles: ['OWNER', 'ADMIN'],
  }),
  updateWorkflow: defineOperation({
    id: 'cms.workflows.update',
    description: "Changes a workflow's name or stages. Entries already in review finish on the revision they are in.",
    method: 'PATCH',
    path: `${base}/workflows/:id`,
    tag,
    summary: 'Update a workflow; entries already in review keep their current revision',
    params: idParams,
    body: workflowUpdate,
    response: workflowRow,
    roles: ['OWNER', 'ADMIN'],
  }),
  deleteWorkflow: defineOperation({
    id: 'cms.workflows.delete',
    description: 'Deletes a workflow that no content type uses (409 otherwise).',
    method: 'DELETE',
    path: `${base}/workflows/:id`,
    tag,
    summary: 'Delete a workflow no content type uses',
    params: idParams,
    response: deleted,
    roles: ['OWNER', 'ADMIN'],
  }),
  submitEntry: defineOperation({
    id: 'cms.entries.submit',
    description:
      "Sends an entry into review: the first stage of its type's workflow opens as a pending revision and " +
      'the entry becomes IN_REVIEW. Already in review is 409; a type without a workflow has nothing to ' +
      'submit to.',
    method: 'POST',
    path: `${base}/entries/:id/submit`,
    tag,
    summary: "Submit an entry for review: opens the first review stage of its type's workflow (409 if already in review)",
    params: idParams,
    body: submitBody,
    response: workflowState,
    roles: writers,
  }),
  listEntryRevisions: defineOperation({
    id: 'cms.entries.revisions',
    description: 'The review history of an entry: every stage opened and how it was decided, by whom, with feedback, ' + 'oldest first.',
    method: 'GET',
    path: `${base}/entries/:id/revisions`,
    tag,
    summary: 'Review history of an entry, oldest first',
    params: idParams,
    response: z.object({ data: z.array(revisions.row) }),
    roles: allRoles,
  }),
  approveRevision: defineOperation({
    id: 'cms.revisions.approve',
    description:
      'Approves a pending stage. The next stage opens, or after the last one the entry becomes APPROVED and ' +
      "may be published. Only the stage's assignee or OWNER/ADMIN may decide.",
    method: 'POST',
    path: `${base}/revisions/:id/approve`,
    tag,
    summary: 'Approve a pending revision (assignee, or OWNER/ADMIN): opens the next stage, or APPROVED after the last',
    params: idParams,
    body: decisionBody,
    response: workflowState,
    roles: allRoles,
  }),
  rejectRevision: defineOperation({
    id: 'cms.revisions.reject',
    description: 'Rejects a pending stage with feedback; the review ends and the entry returns to DRAFT.',
    method: 'POST',
    path: `${base}/revisions/:id/reject`,
    tag,
    summary: 'Reject a pending revision with feedback: the entry goes back to DRAFT',
    params: idParams,
    body: feedbackBody,
    response: workflowState,
    roles: allRoles,
  }),
  requestChanges: defineOperation({
    id: 'cms.revisions.requestChanges',
    description:
      'Sends an entry back for changes with feedback; the review ends and the entry returns to DRAFT, ready ' + 'to be submitted again.',
    method: 'POST',
    path: `${base}/revisions/:id/request-changes`,
    tag,
    summary: 'Ask for changes with feedback: the entry goes back to DRAFT',
    params: idParams,
    body: feedbackBody,
    response: workflowState,
    roles: allRoles,
  }),
  skipRevision: defineOperation({
    id: 'cms.revisions.skip',
    description: 'Skips a pending stage as if approved, recorded as SKIPPED; it bypasses review, so only OWNER and ' + 'ADMIN may.',
    method: 'POST',
    path: `${base}/revisions/:id/skip`,
    tag,
    summary: 'Skip a pending stage (OWNER/ADMIN: skipping bypasses review): like approving it, recorded as SKIPPED',
    params: idParams,
    body: decisionBody,
    response: workflowState,
    roles: ['OWNER', 'ADMIN'],
  }),
  createReviewLink: defineOperation({
    id: 'cms.revisions.reviewLink',
    description:
      'Mints a signed link that expires, through which a client approves, rejects or asks for changes on a ' +
      'pending client stage without an account.',
    method: 'POST',
    path: `${base}/revisions/:id/review-link`,
    tag,
    summary: 'Mint a signed, expiring link through which the client reviews a pending client stage without an account (OWNER/ADMIN)',
    params: idParams,
    body: reviewLinkBody,
    response: reviewLink,
    status: 201,
    // Whoever holds the link decides for the client: handing it out is an OWNER/ADMIN's call, like deciding for them.
    roles: ['OWNER', 'ADMIN'],
  }),
  viewReviewLink: defineOperation({
    id: 'cms.reviewLinks.view',
    description: "What a review link shows: the entry's draft under review and the stage it is in. A malformed or " + 'forged link is 401.',
    method: 'GET',
    path: `${base}/review-links/:token`,
    tag,
    summary: 'What a review link shows: the draft under review (no credentials: the link is the credential)',
    params: reviewTokenParams,
    response: reviewView,
    auth: 'public',
  }),
  decideReviewLink: defineOperation({
    id: 'cms.reviewLinks.decide',
    method: 'POST',
    path: `${base}/review-links/:token/decision`,
    tag,
    summary: "Approve, reject or request changes through a review link, with the reviewer's name",
    description:
      "Decides the client stage a review link is for, with the reviewer's name and feedback. " +
      'The decision is recorded in the activity stream under the reviewer\'s name, with `via: "review-link"` and ' +
      '`linkCreatedBy` (the id and name of whoever minted the link). A client stage an OWNER/ADMIN decides directly ' +
      'is recorded with `onBehalfOfClient: true`.',
    params: reviewTokenParams,
    body: reviewDecision,
    response: reviewOutcome,
    auth: 'public',
  }),
  createRevisionRefused: defineOperation({
    id: 'cms.revisions.create',
    description: refusedDescription,
    method: 'POST',
    path: `${base}/revisions`,
    tag,
    summary: refuse('revisions are opened by submitting an entry'),
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
  updateRevisionRefused: defineOperation({
    id: 'cms.revisions.update',
    description: refusedDescription,
    method: 'PATCH',
    path: `${base}/revisions/:id`,
    tag,
    summary: refuse('decide through approve, reject, request-changes or skip'),
    params: idParams,
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
  deleteRevisionRefused: defineOperation({
    id: 'cms.revisions.delete',
    description: refusedDescription,
    method: 'DELETE',
    path: `${base}/revisions/:id`,
    tag,
    summary: refuse('the review history is kept'),
    params: idParams,
    response: z.never(),
    roles: writers,
  }),
};
