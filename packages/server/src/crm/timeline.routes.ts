import { timelineOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import { companyTimeline, contactTimeline, createNote, deleteNote, logContactActivity, updateNote } from './timeline.js';

/** Timelines of contacts and companies, notes, and calls and meetings logged by hand. @example timelineRoutes(router, db) */
export function timelineRoutes(router: Router, db: Db): void {
  router.on(ops.logContactActivity, ({ ctx, body }) => logContactActivity(db, ctx, body));
  router.on(ops.updateContactActivityRefused, refused('The timeline is a record of what happened'));
  router.on(ops.deleteContactActivityRefused, refused('The timeline is a record of what happened'));
  router.on(ops.createNote, ({ ctx, body }) => createNote(db, ctx, body));
  router.on(ops.updateNote, ({ ctx, params, body }) => updateNote(db, ctx, params.id, body));
  router.on(ops.deleteNote, ({ ctx, params }) => deleteNote(db, ctx, params.id));
  router.on(ops.contactTimeline, ({ ctx, params, query }) => contactTimeline(db, ctx, params.id, query));
  router.on(ops.companyTimeline, ({ ctx, params, query }) => companyTimeline(db, ctx, params.id, query));
}
