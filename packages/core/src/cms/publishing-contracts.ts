import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { locale } from '../platform/contracts.js';
import { membershipRole } from '../platform/enums.js';
import { entryRow, slug } from './contracts.js';
import { contentStatus, publishAction, scheduleStatus } from './enums.js';
import { blocks, briefLinks, comments, localizations, revisions, schedules, templates, workflows } from './rows.gen.js';

// Contracts of the CMS operations beyond content: approval workflows and review links, comments,
// publishing and schedules, page templates, content blocks, brief links, and the delivery API that
// public sites read published content through.

const tag = 'CMS';
const id = z.string().min(1).max(64);
const deleted = z.object({ id: z.string(), deleted: z.literal(true) });
const allRoles = membershipRole;
const writers = ['OWNER', 'ADMIN', 'MEMBER'] as const;
/** A boolean filter: `true` from the SDK, `"true"` from a query string. */
const boolFilter = () => z.union([z.boolean(), f.queryBool()]).optional();

// ---------------------------------------------------------------- workflows

/** Who reviews a stage: `user:<userId>`, `role:<OWNER|ADMIN|MEMBER>`, or `client` (CLIENT members of the entry's client, or a review link). */
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

// ---------------------------------------------------------------- review

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

// ---------------------------------------------------------------- comments

export type CommentRow = z.output<typeof comments.row>;
/** A text range inside a field's text (character offsets), with the quoted text. */
export const commentSelection = z
  .strictObject({
    from: z.number().int().min(0).max(10_000_000),
    to: z.number().int().min(0).max(10_000_000),
    text: f.text().max(2000).optional(),
  })
  .refine((s) => s.to >= s.from, { message: '`to` must not be before `from`', path: ['to'] });
export const commentCreate = z.strictObject({
  entryId: id,
  content: f.longText().min(1).max(20_000),
  /** A comment of the same entry to reply to. */
  parentId: id.nullable().optional(),
  /** A field of the entry's content type the comment is about. */
  fieldName: z.string().max(64).nullable().optional(),
  /** A range of the field's text; needs `fieldName`. */
  selection: commentSelection.nullable().optional(),
});
export const commentUpdate = z.strictObject({ content: f.longText().min(1).max(20_000) });
export const commentFilters = z.object({
  entryId: f.text().optional(),
  parentId: f.text().optional(),
  fieldName: f.text().optional(),
  isResolved: boolFilter(),
});

// ---------------------------------------------------------------- publishing

export const publishBody = z.strictObject({
  /** Publish one translation (or the source locale); default: the entry's source locale. */
  locale: locale.optional(),
  /** Publish only if the draft is still at this version (what the publisher saw); 409 otherwise. */
  version: z.number().int().min(1).optional(),
});
export const unpublishBody = z.strictObject({ locale: locale.optional() });
/** The entry after a publish action, and the translation when one locale other than the source was acted on. */
export const publishResult = z.object({ entry: entryRow, localization: localizations.row.nullable() });

export type ScheduleRow = z.output<typeof schedules.row>;
export const scheduleCreate = z.strictObject({
  entryId: id,
  /** PUBLISH makes the draft live, UPDATE pushes the current draft of a live entry, UNPUBLISH takes it offline, ARCHIVE archives it. */
  action: z.enum(publishAction),
  /** When to run; must be in the future. */
  scheduledFor: f.timestamp(),
  /** The locale acted on (PUBLISH, UPDATE, UNPUBLISH); default: the entry's source locale. */
  locale: locale.optional(),
});
/** Moves a pending schedule. */
export const scheduleUpdate = z.strictObject({ scheduledFor: f.timestamp() });
export const scheduleFilters = z.object({
  entryId: f.text().optional(),
  status: z.enum(scheduleStatus).optional(),
  action: z.enum(publishAction).optional(),
  locale: f.text().optional(),
  from: f.timestamp().optional().describe('Scheduled at or after'),
  to: f.timestamp().optional().describe('Scheduled before'),
});
export const scheduleSortable = ['scheduledFor', 'createdAt', 'executedAt', 'status', 'action'] as const;

// ---------------------------------------------------------------- templates and blocks

/** A page template's layout: sections of a type showing some fields of the template's content type. */
export const templateStructure = z.strictObject({
  sections: z
    .array(
      z.strictObject({
        type: f.text().min(1).max(100),
        label: f.text().max(200).optional(),
        fields: z.array(z.string().min(1).max(64)).max(500),
      }),
    )
    .max(200),
});
export type TemplateStructure = z.output<typeof templateStructure>;
export const templateRow = templates.row.extend({ structure: templateStructure, defaults: z.record(z.string(), f.json()) });
export const templateCreate = z.strictObject({
  name: f.text().min(1).max(200),
  slug,
  description: f.text().max(2000).nullable().optional(),
  thumbnail: f.text().max(2000).nullable().optional(),
  structure: templateStructure,
  /** Field values new entries built from the template start with (validated against the content type when set). */
  defaults: z.record(z.string(), f.json()).optional(),
  /** The content type the template lays out; its fields are what `structure` and `defaults` may name. */
  contentTypeId: id.nullable().optional(),
  isActive: z.boolean().optional(),
});
export const templateUpdate = templateCreate.partial();

export const blockCreate = z.strictObject({
  name: f.text().min(1).max(200),
  slug,
  description: f.text().max(2000).nullable().optional(),
  blockType: f.text().min(1).max(100),
  data: z.record(z.string(), f.json()),
  /** Usable by every entry; otherwise only by entries of the block's client (`clientId`, or entries without a client when null). */
  isGlobal: z.boolean().optional(),
  /** A locked block refuses edits (409) until an OWNER or ADMIN unlocks it. */
  isLocked: z.boolean().optional(),
  clientId: id.nullable().optional(),
});
export const blockUpdate = blockCreate.partial();
export type BlockRow = z.output<typeof blocks.row>;

// ---------------------------------------------------------------- brief links

/** How an entry relates to a brief. */
export const briefLinkTypes = ['deliverable', 'source', 'reference'] as const;
export const briefLinkCreate = z.strictObject({ briefId: id, contentEntryId: id, linkType: z.enum(briefLinkTypes) });
export const briefLinkUpdate = z.strictObject({ linkType: z.enum(briefLinkTypes) });
export const linkedBrief = z.object({
  link: briefLinks.row,
  brief: z.object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    clientId: z.string().nullable(),
    projectId: z.string().nullable(),
    dueDate: f.timestamp().nullable(),
  }),
});
export const linkedEntry = z.object({
  link: briefLinks.row,
  entry: z.object({
    id: z.string(),
    title: z.string(),
    slug: z.string(),
    locale: z.string(),
    status: z.enum(contentStatus),
    contentTypeId: z.string(),
    clientId: z.string().nullable(),
    updatedAt: f.timestamp(),
  }),
});

// ---------------------------------------------------------------- delivery

export const previewTokenBody = z
  .strictObject({
    /** Preview this entry's draft (every locale). */
    entryId: id.optional(),
    /** Preview the drafts of every entry of this type. */
    contentTypeId: id.optional(),
    expiresInMinutes: z.number().int().min(1).max(1440).optional(),
  })
  .refine((b) => (b.entryId === undefined) !== (b.contentTypeId === undefined), {
    message: 'Give exactly one of entryId and contentTypeId',
    path: ['entryId'],
  });
export const previewToken = z.object({ token: z.string(), expiresAt: f.timestamp() });

const deliveryQueryBase = z.object({
  /** The locale wanted (default: the organization's default locale). Missing or unapproved translations fall back to the default locale. */
  locale: locale.optional(),
  /** A preview token (from `POST /v1/cms/preview-tokens`): serves drafts instead of published content. */
  preview: z.string().max(2000).optional(),
});
export const deliveryGetQuery = deliveryQueryBase;
export const deliveryListQuery = deliveryQueryBase.extend({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
  /** `-publishedAt` (default, newest first), `publishedAt`, `title` or `-title`. */
  sort: z.enum(['-publishedAt', 'publishedAt', 'title', '-title']).optional(),
  /** Tag slug. */
  tag: f.text().max(200).optional(),
  /** Category slug; entries in it or any category below it. */
  category: f.text().max(200).optional(),
  /** Comma-separated data fields to return (default: all). */
  fields: f.text().max(2000).optional(),
  /** `field:value` equality filters on data fields (text, number, boolean, select, date, slug), comma-separated. */
  where: f.text().max(2000).optional(),
});
export const deliveryTypeParams = z.object({ type: z.string().min(1).max(200) });
export const deliverySlugParams = z.object({ type: z.string().min(1).max(200), slug: z.string().min(1).max(200) });

/** A delivered media value: the stored `{ fileId, alt?, caption? }` with a URL a browser loads without credentials. */
export const deliveredMedia = z.object({ fileId: z.string(), alt: z.string().optional(), caption: z.string().optional(), url: z.string() });
/** A delivered entry; relation fields hold the related entries (published only, one level deep) or null. */
export const deliveredEntry = z.object({
  id: z.string(),
  /** Content type slug. */
  type: z.string(),
  /** The locale served. */
  locale: z.string(),
  /** True when the requested locale had no published, approved translation and the default locale was served. */
  fallback: z.boolean(),
  slug: z.string(),
  title: z.string(),
  publishedAt: f.timestamp().nullable(),
  data: z.record(z.string(), f.json()),
  seo: z.object({
    title: z.string().nullable(),
    description: z.string().nullable(),
    keywords: z.array(z.string()),
    canonicalUrl: z.string().nullable(),
    noIndex: z.boolean(),
  }),
  og: z.object({
    title: z.string().nullable(),
    description: z.string().nullable(),
    image: z.object({ fileId: z.string(), url: z.string() }).nullable(),
  }),
  /** Tag slugs. */
  tags: z.array(z.string()),
  /** Category paths, e.g. `/marketing/social`. */
  categories: z.array(z.string()),
  /** True when served through a preview token (a draft). */
  preview: z.boolean(),
});
export type DeliveredEntry = z.output<typeof deliveredEntry>;
export const deliveryList = pageOf(deliveredEntry).extend({ locale: z.string(), preview: z.boolean() });
export type DeliveryList = z.output<typeof deliveryList>;

// ---------------------------------------------------------------- operations

const base = '/v1/cms';
const refuse = (what: string) => `Not allowed: ${what}`;
export const cmsPublishingOps = {
  listWorkflows: defineOperation({
    id: 'cms.workflows.list',
    method: 'GET',
    path: `${base}/workflows`,
    tag,
    summary: 'List approval workflows',
    query: listQuery.extend(workflowFilters.shape),
    response: pageOf(workflowRow),
  }),
  getWorkflow: defineOperation({
    id: 'cms.workflows.get',
    method: 'GET',
    path: `${base}/workflows/:id`,
    tag,
    summary: 'Get a workflow',
    params: idParams,
    response: workflowRow,
  }),
  createWorkflow: defineOperation({
    id: 'cms.workflows.create',
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
    method: 'POST',
    path: `${base}/entries/:id/submit`,
    tag,
    summary: "Submit an entry for review: opens the first review stage of its type's workflow (409 if already in review)",
    params: idParams,
    body: submitBody,
    response: workflowState,
  }),
  listEntryRevisions: defineOperation({
    id: 'cms.entries.revisions',
    method: 'GET',
    path: `${base}/entries/:id/revisions`,
    tag,
    summary: 'Review history of an entry, oldest first',
    params: idParams,
    response: z.object({ data: z.array(revisions.row) }),
  }),
  approveRevision: defineOperation({
    id: 'cms.revisions.approve',
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
    method: 'POST',
    path: `${base}/revisions/:id/skip`,
    tag,
    summary: 'Skip a pending stage (assignee, or OWNER/ADMIN): like approving it, recorded as SKIPPED',
    params: idParams,
    body: decisionBody,
    response: workflowState,
    roles: allRoles,
  }),
  createReviewLink: defineOperation({
    id: 'cms.revisions.reviewLink',
    method: 'POST',
    path: `${base}/revisions/:id/review-link`,
    tag,
    summary: 'Mint a signed, expiring link through which the client reviews a pending client stage without an account',
    params: idParams,
    body: reviewLinkBody,
    response: reviewLink,
    status: 201,
  }),
  viewReviewLink: defineOperation({
    id: 'cms.reviewLinks.view',
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
    params: reviewTokenParams,
    body: reviewDecision,
    response: reviewOutcome,
    auth: 'public',
  }),
  createRevisionRefused: defineOperation({
    id: 'cms.revisions.create',
    method: 'POST',
    path: `${base}/revisions`,
    tag,
    summary: refuse('revisions are opened by submitting an entry'),
    body: z.unknown(),
    response: z.never(),
  }),
  updateRevisionRefused: defineOperation({
    id: 'cms.revisions.update',
    method: 'PATCH',
    path: `${base}/revisions/:id`,
    tag,
    summary: refuse('decide through approve, reject, request-changes or skip'),
    params: idParams,
    body: z.unknown(),
    response: z.never(),
  }),
  deleteRevisionRefused: defineOperation({
    id: 'cms.revisions.delete',
    method: 'DELETE',
    path: `${base}/revisions/:id`,
    tag,
    summary: refuse('the review history is kept'),
    params: idParams,
    response: z.never(),
  }),

  listComments: defineOperation({
    id: 'cms.comments.list',
    method: 'GET',
    path: `${base}/comments`,
    tag,
    summary: 'Comments, oldest first (CLIENT members: on entries shared with their client)',
    query: listQuery.omit({ sort: true }).extend(commentFilters.shape),
    response: pageOf(comments.row),
  }),
  getComment: defineOperation({
    id: 'cms.comments.get',
    method: 'GET',
    path: `${base}/comments/:id`,
    tag,
    summary: 'Get a comment',
    params: idParams,
    response: comments.row,
  }),
  createComment: defineOperation({
    id: 'cms.comments.create',
    method: 'POST',
    path: `${base}/comments`,
    tag,
    summary: 'Comment on an entry, a field or a text selection, or reply in a thread (CLIENT members too, on their entries)',
    body: commentCreate,
    response: comments.row,
    status: 201,
    roles: allRoles,
  }),
  updateComment: defineOperation({
    id: 'cms.comments.update',
    method: 'PATCH',
    path: `${base}/comments/:id`,
    tag,
    summary: 'Edit your comment',
    params: idParams,
    body: commentUpdate,
    response: comments.row,
    roles: allRoles,
  }),
  deleteComment: defineOperation({
    id: 'cms.comments.delete',
    method: 'DELETE',
    path: `${base}/comments/:id`,
    tag,
    summary: 'Delete your comment (OWNER/ADMIN: any) with its replies',
    params: idParams,
    response: deleted,
    roles: allRoles,
  }),
  resolveComment: defineOperation({
    id: 'cms.comments.resolve',
    method: 'POST',
    path: `${base}/comments/:id/resolve`,
    tag,
    summary: 'Resolve a comment thread',
    params: idParams,
    response: comments.row,
    roles: allRoles,
  }),
  reopenComment: defineOperation({
    id: 'cms.comments.reopen',
    method: 'POST',
    path: `${base}/comments/:id/reopen`,
    tag,
    summary: 'Reopen a resolved comment',
    params: idParams,
    response: comments.row,
    roles: allRoles,
  }),

  publishEntry: defineOperation({
    id: 'cms.entries.publish',
    method: 'POST',
    path: `${base}/entries/:id/publish`,
    tag,
    summary:
      "Publish now: the draft (or one locale's translation) goes live after validation (required fields, image alt text, workflow approval)",
    params: idParams,
    body: publishBody,
    response: publishResult,
  }),
  unpublishEntry: defineOperation({
    id: 'cms.entries.unpublish',
    method: 'POST',
    path: `${base}/entries/:id/unpublish`,
    tag,
    summary: 'Take the source locale (or one locale) offline',
    params: idParams,
    body: unpublishBody,
    response: publishResult,
  }),
  archiveEntry: defineOperation({
    id: 'cms.entries.archive',
    method: 'POST',
    path: `${base}/entries/:id/archive`,
    tag,
    summary: 'Archive an entry: every locale goes offline, pending schedules are cancelled',
    params: idParams,
    response: entryRow,
  }),
  unarchiveEntry: defineOperation({
    id: 'cms.entries.unarchive',
    method: 'POST',
    path: `${base}/entries/:id/unarchive`,
    tag,
    summary: 'Bring an archived entry back as a DRAFT',
    params: idParams,
    response: entryRow,
  }),

  listSchedules: defineOperation({
    id: 'cms.schedules.list',
    method: 'GET',
    path: `${base}/schedules`,
    tag,
    summary: 'Scheduled publishing actions (default order: soonest first)',
    query: listQuery.extend(scheduleFilters.shape),
    response: pageOf(schedules.row),
  }),
  getSchedule: defineOperation({
    id: 'cms.schedules.get',
    method: 'GET',
    path: `${base}/schedules/:id`,
    tag,
    summary: 'Get a schedule (with its error when it failed)',
    params: idParams,
    response: schedules.row,
  }),
  createSchedule: defineOperation({
    id: 'cms.schedules.create',
    method: 'POST',
    path: `${base}/schedules`,
    tag,
    summary: 'Schedule PUBLISH, UPDATE, UNPUBLISH or ARCHIVE of an entry (optionally one locale) at a future time',
    body: scheduleCreate,
    response: schedules.row,
    status: 201,
  }),
  updateSchedule: defineOperation({
    id: 'cms.schedules.update',
    method: 'PATCH',
    path: `${base}/schedules/:id`,
    tag,
    summary: 'Move a pending schedule to another (future) time',
    params: idParams,
    body: scheduleUpdate,
    response: schedules.row,
  }),
  cancelSchedule: defineOperation({
    id: 'cms.schedules.cancel',
    method: 'POST',
    path: `${base}/schedules/:id/cancel`,
    tag,
    summary: 'Cancel a pending schedule',
    params: idParams,
    response: schedules.row,
  }),
  deleteScheduleRefused: defineOperation({
    id: 'cms.schedules.delete',
    method: 'DELETE',
    path: `${base}/schedules/:id`,
    tag,
    summary: refuse('cancel a schedule instead; the history is kept'),
    params: idParams,
    response: z.never(),
  }),

  createTemplate: defineOperation({
    id: 'cms.templates.create',
    method: 'POST',
    path: `${base}/templates`,
    tag,
    summary: "Create a page template (structure and defaults checked against its content type's fields)",
    body: templateCreate,
    response: templateRow,
    status: 201,
  }),
  updateTemplate: defineOperation({
    id: 'cms.templates.update',
    method: 'PATCH',
    path: `${base}/templates/:id`,
    tag,
    summary: 'Update a page template',
    params: idParams,
    body: templateUpdate,
    response: templateRow,
  }),

  createBlock: defineOperation({
    id: 'cms.blocks.create',
    method: 'POST',
    path: `${base}/blocks`,
    tag,
    summary: 'Create a reusable content block',
    body: blockCreate,
    response: blocks.row,
    status: 201,
  }),
  updateBlock: defineOperation({
    id: 'cms.blocks.update',
    method: 'PATCH',
    path: `${base}/blocks/:id`,
    tag,
    summary: 'Update a block (locked: 409; unlocking needs OWNER or ADMIN)',
    params: idParams,
    body: blockUpdate,
    response: blocks.row,
  }),
  deleteBlock: defineOperation({
    id: 'cms.blocks.delete',
    method: 'DELETE',
    path: `${base}/blocks/:id`,
    tag,
    summary: 'Delete a block no entry uses (locked or used: 409)',
    params: idParams,
    response: deleted,
  }),

  createMediaRefused: defineOperation({
    id: 'cms.media.create',
    method: 'POST',
    path: `${base}/media`,
    tag,
    summary: refuse("content media rows follow the entries' media fields"),
    body: z.unknown(),
    response: z.never(),
  }),
  updateMediaRefused: defineOperation({
    id: 'cms.media.update',
    method: 'PATCH',
    path: `${base}/media/:id`,
    tag,
    summary: refuse("edit the entry's media field"),
    params: idParams,
    body: z.unknown(),
    response: z.never(),
  }),
  deleteMediaRefused: defineOperation({
    id: 'cms.media.delete',
    method: 'DELETE',
    path: `${base}/media/:id`,
    tag,
    summary: refuse("edit the entry's media field"),
    params: idParams,
    response: z.never(),
  }),

  createBriefLink: defineOperation({
    id: 'cms.briefLinks.create',
    method: 'POST',
    path: `${base}/brief-links`,
    tag,
    summary: 'Link an entry to a brief (deliverable, source or reference)',
    body: briefLinkCreate,
    response: briefLinks.row,
    status: 201,
  }),
  updateBriefLink: defineOperation({
    id: 'cms.briefLinks.update',
    method: 'PATCH',
    path: `${base}/brief-links/:id`,
    tag,
    summary: 'Change how an entry relates to a brief',
    params: idParams,
    body: briefLinkUpdate,
    response: briefLinks.row,
  }),
  entryBriefs: defineOperation({
    id: 'cms.entries.briefs',
    method: 'GET',
    path: `${base}/entries/:id/briefs`,
    tag,
    summary: 'Briefs an entry is linked to',
    params: idParams,
    response: z.object({ data: z.array(linkedBrief) }),
  }),
  briefContent: defineOperation({
    id: 'platform.briefs.content',
    method: 'GET',
    path: '/v1/platform/briefs/:id/content',
    tag,
    summary: 'CMS entries linked to a brief',
    params: idParams,
    response: z.object({ data: z.array(linkedEntry) }),
  }),

  createPreviewToken: defineOperation({
    id: 'cms.previewTokens.create',
    method: 'POST',
    path: `${base}/preview-tokens`,
    tag,
    summary: 'Mint a short-lived token that lets the delivery API serve drafts of one entry or one content type',
    body: previewTokenBody,
    response: previewToken,
    status: 201,
    roles: writers,
  }),
  deliveryList: defineOperation({
    id: 'cms.delivery.list',
    method: 'GET',
    path: '/v1/delivery/:type',
    tag: 'Delivery',
    auth: 'publishable',
    params: deliveryTypeParams,
    query: deliveryListQuery,
    response: deliveryList,
    summary:
      'Published entries of a content type (publishable keys welcome): filters, sort, pagination, relations and media resolved, locale fallback; ETag and 304',
  }),
  deliveryGet: defineOperation({
    id: 'cms.delivery.get',
    method: 'GET',
    path: '/v1/delivery/:type/:slug',
    tag: 'Delivery',
    auth: 'publishable',
    params: deliverySlugParams,
    query: deliveryGetQuery,
    response: deliveredEntry,
    summary:
      'One published entry by content type and slug (the slug of the locale, or of the default locale) with locale fallback; ETag and 304',
  }),
};
