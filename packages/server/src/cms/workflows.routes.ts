import { workflowOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import type { TenantContext } from '../platform/context.js';
import { getEntry } from './entry-rows.js';
import {
  type Decision,
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

/**
 * Workflows, reviews (submit, decide, the review history) and client review links, whose two routes
 * are public: the link's token is the credential. @example workflowRoutes(router, db)
 */
export function workflowRoutes(router: Router, db: Db): void {
  router.on(ops.listWorkflows, ({ ctx, query }) => listWorkflows(db, ctx, query));
  router.on(ops.getWorkflow, ({ ctx, params }) => getWorkflow(db, ctx, params.id));
  router.on(ops.createWorkflow, ({ ctx, body }) => createWorkflow(db, ctx, body));
  router.on(ops.updateWorkflow, ({ ctx, params, body }) => updateWorkflow(db, ctx, params.id, body));
  router.on(ops.deleteWorkflow, ({ ctx, params }) => deleteWorkflow(db, ctx, params.id));

  router.on(ops.submitEntry, ({ ctx, params, body }) => submitEntry(db, ctx, params.id, body));
  router.on(ops.listEntryRevisions, ({ ctx, params }) => listEntryRevisions(db, ctx, params.id));
  const decide =
    (decision: Decision) =>
    async ({ ctx, params, body }: { ctx: TenantContext; params: { id: string }; body: { feedback?: string } }) => {
      const { revision, next } = await decideRevision(db, ctx, params.id, decision, { feedback: body.feedback });
      return { entry: await getEntry(db, ctx, revision.entryId), revision, next };
    };
  router.on(ops.approveRevision, decide('approve'));
  router.on(ops.rejectRevision, decide('reject'));
  router.on(ops.requestChanges, decide('request_changes'));
  router.on(ops.skipRevision, decide('skip'));

  router.on(ops.createReviewLink, ({ ctx, params, body }) => createReviewLink(db, ctx, params.id, body.expiresInHours));
  router.on(ops.viewReviewLink, ({ app, params }) => viewReviewLink(db, app, params.token));
  router.on(ops.decideReviewLink, ({ app, params, body }) => decideReviewLink(db, app, params.token, body));
  router.on(ops.createRevisionRefused, refused('Revisions are opened by submitting an entry for review'));
  router.on(ops.updateRevisionRefused, refused('Decide a revision through approve, reject, request-changes or skip'));
  router.on(ops.deleteRevisionRefused, refused('The review history is kept'));
}
