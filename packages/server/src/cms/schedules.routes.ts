import { scheduleOps as ops } from '@spokestack/core/cms';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import { cancelSchedule, createSchedule, getSchedule, listSchedules, reschedule } from './schedules.js';

/** Scheduled publishing: schedule, move, cancel; the job queue runs them. @example scheduleRoutes(router, db) */
export function scheduleRoutes(router: Router, db: Db): void {
  router.on(ops.listSchedules, ({ ctx, query }) => listSchedules(db, ctx, query));
  router.on(ops.getSchedule, ({ ctx, params }) => getSchedule(db, ctx, params.id));
  router.on(ops.createSchedule, ({ ctx, body }) => createSchedule(db, ctx, body));
  router.on(ops.updateSchedule, ({ ctx, params, body }) => reschedule(db, ctx, params.id, new Date(body.scheduledFor)));
  router.on(ops.cancelSchedule, ({ ctx, params }) => cancelSchedule(db, ctx, params.id));
  router.on(ops.deleteScheduleRefused, refused('Cancel the schedule instead (POST /v1/cms/schedules/:id/cancel); the history is kept'));
}
