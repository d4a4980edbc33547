import { taskOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { completeTask, createTask, deferTask, myOpenTasks, reassignTask } from './tasks.js';

/** Tasks: create with reminders, complete (recurring), defer, reassign, "my open tasks". @example taskRoutes(router, db) */
export function taskRoutes(router: Router, db: Db): void {
  router.on(ops.myOpenTasks, ({ ctx, query }) => myOpenTasks(db, ctx, query));
  router.on(ops.createTask, ({ ctx, body }) => createTask(db, ctx, body));
  router.on(ops.completeTask, ({ ctx, params }) => completeTask(db, ctx, params.id));
  router.on(ops.deferTask, ({ ctx, params, body }) => deferTask(db, ctx, params.id, body.dueDate));
  router.on(ops.reassignTask, ({ ctx, params, body }) => reassignTask(db, ctx, params.id, body.assignedToId));
}
