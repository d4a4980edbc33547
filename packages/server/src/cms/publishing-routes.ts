import { cmsOps as ops } from '@spokestack/core/cms';
import type { Context } from 'hono';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../http/env.js';
import { HttpError } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { createBlock, deleteBlock, updateBlock } from './blocks.js';
import { briefContent, createBriefLink, entryBriefs, updateBriefLink } from './brief-links.js';
import { createComment, deleteComment, getComment, listComments, setResolved, updateComment } from './comments.js';
import { expectedVersion } from './content-routes.js';
import { type DeliveryReply, createDelivery } from './delivery.js';
import { cmsContext, getEntry } from './entries.js';
import { archiveEntry, publishNow, unarchiveEntry, unpublishNow } from './publishing.js';
import { cancelSchedule, createSchedule, getSchedule, listSchedules, reschedule, scheduleJobName, scheduleRunner } from './schedules.js';
import { createTemplate, updateTemplate } from './templates.js';
import {
  createReviewLink,
  createWorkflow,
  decideReviewLink,
  decideRevision,
  deleteWorkflow,
  getWorkflow,
  listEntryRevisions,
  listWorkflows,
  submitEntry,
  updateWorkflow,
  viewReviewLink,
} from './workflows.js';

const refused = (detail: string) => () => {
  throw new HttpError(405, 'https://spokestack.dev/problems/method-not-allowed', 'Method not allowed', detail);
};

/** Whether `If-None-Match` names the reply's ETag (weak or strong, or `*`). */
const matches = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);

/**
 * A delivery reply: the serialized body with its ETag (304 when the client has it), cacheable by
 * shared caches for a minute (keyed by the credentials too), drafts never cached.
 */
function send(c: Context<AppEnv>, reply: DeliveryReply): Response {
  const headers: Record<string, string> = {
    etag: reply.etag,
    'cache-control': reply.preview ? 'private, no-store' : 'public, max-age=60, stale-while-revalidate=300',
    vary: 'Authorization',
    'content-language': reply.locale,
  };
  if (matches(c.req.header('if-none-match'), reply.etag)) return c.body(null, 304, headers);
  return c.body(reply.body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
}

/**
 * Routes of workflows and reviews, comments, publishing and schedules, templates, blocks, media,
 * brief links and the delivery API; registers the schedule runner with the job handlers.
 *
 * @example registerPublishingRoutes(deps) // from registerCmsRoutes, before the generic CRUD
 */
export function registerPublishingRoutes(deps: AppDeps): void {
  const { db, clock, router, secret, files } = deps;
  const cms = (ctx: TenantContext) => cmsContext(ctx, clock);
  const delivery = createDelivery({ db, files, secret, clock });
  deps.jobHandlers[scheduleJobName] = scheduleRunner({ db, clock });

  router.on(ops.listWorkflows, ({ ctx, query }) => listWorkflows(db, cms(ctx), query));
  router.on(ops.getWorkflow, ({ ctx, params }) => getWorkflow(db, cms(ctx), params.id));
  router.on(ops.createWorkflow, ({ ctx, body }) => createWorkflow(db, cms(ctx), body));
  router.on(ops.updateWorkflow, ({ ctx, params, body }) => updateWorkflow(db, cms(ctx), params.id, body));
  router.on(ops.deleteWorkflow, ({ ctx, params }) => deleteWorkflow(db, cms(ctx), params.id));

  router.on(ops.submitEntry, ({ ctx, params, body }) => submitEntry(db, cms(ctx), params.id, body));
  router.on(ops.listEntryRevisions, ({ ctx, params }) => listEntryRevisions(db, cms(ctx), params.id));
  const decide =
    (decision: 'approve' | 'reject' | 'request_changes' | 'skip') =>
    async ({ ctx, params, body }: { ctx: TenantContext; params: { id: string }; body: { feedback?: string } }) => {
      const context = cms(ctx);
      const { revision, next } = await decideRevision(db, context, params.id, decision, { feedback: body.feedback });
      return { entry: await getEntry(db, context, revision.entryId), revision, next };
    };
  router.on(ops.approveRevision, decide('approve'));
  router.on(ops.rejectRevision, decide('reject'));
  router.on(ops.requestChanges, decide('request_changes'));
  router.on(ops.skipRevision, decide('skip'));
  router.on(ops.createReviewLink, ({ ctx, params, body }) => createReviewLink(db, cms(ctx), secret, params.id, body.expiresInHours));
  router.on(ops.viewReviewLink, ({ params }) => viewReviewLink(db, secret, clock, params.token));
  router.on(ops.decideReviewLink, ({ params, body }) => decideReviewLink(db, secret, clock, params.token, body));
  router.on(ops.createRevisionRefused, refused('Revisions are opened by submitting an entry for review'));
  router.on(ops.updateRevisionRefused, refused('Decide a revision through approve, reject, request-changes or skip'));
  router.on(ops.deleteRevisionRefused, refused('The review history is kept'));

  router.on(ops.listComments, ({ ctx, query }) => listComments(db, cms(ctx), query));
  router.on(ops.getComment, ({ ctx, params }) => getComment(db, cms(ctx), params.id));
  router.on(ops.createComment, ({ ctx, body }) => createComment(db, cms(ctx), body));
  router.on(ops.updateComment, ({ ctx, params, body }) => updateComment(db, cms(ctx), params.id, body.content));
  router.on(ops.deleteComment, ({ ctx, params }) => deleteComment(db, cms(ctx), params.id));
  router.on(ops.resolveComment, ({ ctx, params }) => setResolved(db, cms(ctx), params.id, true));
  router.on(ops.reopenComment, ({ ctx, params }) => setResolved(db, cms(ctx), params.id, false));

  router.on(ops.publishEntry, ({ ctx, params, body, c }) =>
    publishNow(db, cms(ctx), params.id, { locale: body.locale, version: expectedVersion(c, body.version) }),
  );
  router.on(ops.unpublishEntry, ({ ctx, params, body }) => unpublishNow(db, cms(ctx), params.id, { locale: body.locale }));
  router.on(ops.archiveEntry, ({ ctx, params }) => archiveEntry(db, cms(ctx), params.id));
  router.on(ops.unarchiveEntry, ({ ctx, params }) => unarchiveEntry(db, cms(ctx), params.id));

  router.on(ops.listSchedules, ({ ctx, query }) => listSchedules(db, cms(ctx), query));
  router.on(ops.getSchedule, ({ ctx, params }) => getSchedule(db, cms(ctx), params.id));
  router.on(ops.createSchedule, ({ ctx, body }) => createSchedule(db, cms(ctx), body));
  router.on(ops.updateSchedule, ({ ctx, params, body }) => reschedule(db, cms(ctx), params.id, new Date(body.scheduledFor)));
  router.on(ops.cancelSchedule, ({ ctx, params }) => cancelSchedule(db, cms(ctx), params.id));
  router.on(ops.deleteScheduleRefused, refused('Cancel the schedule instead (POST /v1/cms/schedules/:id/cancel); the history is kept'));

  router.on(ops.createTemplate, ({ ctx, body }) => createTemplate(db, cms(ctx), body));
  router.on(ops.updateTemplate, ({ ctx, params, body }) => updateTemplate(db, cms(ctx), params.id, body));
  router.on(ops.createBlock, ({ ctx, body }) => createBlock(db, cms(ctx), body));
  router.on(ops.updateBlock, ({ ctx, params, body }) => updateBlock(db, cms(ctx), params.id, body));
  router.on(ops.deleteBlock, ({ ctx, params }) => deleteBlock(db, cms(ctx), params.id));
  router.on(ops.createMediaRefused, refused("Content media rows follow the entries' media fields; edit the entry"));
  router.on(ops.updateMediaRefused, refused("Content media rows follow the entries' media fields; edit the entry"));
  router.on(ops.deleteMediaRefused, refused("Content media rows follow the entries' media fields; edit the entry"));

  router.on(ops.createBriefLink, ({ ctx, body }) => createBriefLink(db, cms(ctx), body));
  router.on(ops.updateBriefLink, ({ ctx, params, body }) => updateBriefLink(db, cms(ctx), params.id, body.linkType));
  router.on(ops.entryBriefs, ({ ctx, params }) => entryBriefs(db, cms(ctx), params.id));
  router.on(ops.briefContent, ({ ctx, params }) => briefContent(db, cms(ctx), params.id));

  router.on(ops.createPreviewToken, ({ ctx, body }) => delivery.previewToken(ctx, body));
  router.on(ops.deliveryList, async ({ ctx, params, query, c }) =>
    send(c, await delivery.list(ctx, params.type, query, new URL(c.req.url).origin)),
  );
  router.on(ops.deliveryGet, async ({ ctx, params, query, c }) =>
    send(c, await delivery.get(ctx, params.type, params.slug, query, new URL(c.req.url).origin)),
  );
}
