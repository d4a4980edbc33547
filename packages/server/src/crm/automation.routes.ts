import { automationOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import { createWorkflow, dryRunWorkflow, getWorkflow, listWorkflows, runWorkflow, updateWorkflow } from './automation.js';

/**
 * Workflows (checked, secrets write-only), manual and dry runs; executions are written by runs only.
 *
 * @example automationRoutes(router, db)
 */
export function automationRoutes(router: Router, db: Db): void {
  router.on(ops.listWorkflows, ({ ctx, query }) => listWorkflows(db, ctx, query));
  router.on(ops.getWorkflow, ({ ctx, params }) => getWorkflow(db, ctx, params.id));
  router.on(ops.createWorkflow, ({ ctx, body }) => createWorkflow(db, ctx, body));
  router.on(ops.updateWorkflow, ({ ctx, params, body }) => updateWorkflow(db, ctx, params.id, body));
  router.on(ops.runWorkflow, ({ ctx, params, body }) => runWorkflow(db, ctx, params.id, body));
  router.on(ops.dryRunWorkflow, ({ ctx, params, body }) => dryRunWorkflow(db, ctx, params.id, body));
  router.on(ops.createExecutionRefused, refused('runs are started by triggers or by running the workflow'));
  router.on(ops.updateExecutionRefused, refused('a run’s log is written by the run'));
}
