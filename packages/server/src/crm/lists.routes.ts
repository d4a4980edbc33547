import { listOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import {
  addMembers,
  createContactList,
  createListMember,
  getContactList,
  listContactLists,
  listMembers,
  previewSegment,
  removeMembers,
  updateContactList,
} from './lists.js';

/** Static, dynamic and suppression lists, their members and segment previews. @example listRoutes(router, db) */
export function listRoutes(router: Router, db: Db): void {
  router.on(ops.previewSegment, ({ ctx, body }) => previewSegment(db, ctx, body));
  router.on(ops.listContactLists, ({ ctx, query }) => listContactLists(db, ctx, query));
  router.on(ops.getContactList, ({ ctx, params }) => getContactList(db, ctx, params.id));
  router.on(ops.createContactList, ({ ctx, body }) => createContactList(db, ctx, body));
  router.on(ops.updateContactList, ({ ctx, params, body }) => updateContactList(db, ctx, params.id, body));
  router.on(ops.listMembers, ({ ctx, params, query }) => listMembers(db, ctx, params.id, query));
  router.on(ops.addMembers, ({ ctx, params, body }) => addMembers(db, ctx, params.id, body.contactIds));
  router.on(ops.removeMembers, ({ ctx, params, body }) => removeMembers(db, ctx, params.id, body.contactIds));
  router.on(ops.createListMember, ({ ctx, body }) => createListMember(db, ctx, body));
  router.on(ops.updateListMemberRefused, refused('a membership is added or removed, never moved to another list'));
}
