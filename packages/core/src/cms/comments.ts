import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { allRoles, base, boolFilter, deleted, id, tag } from './common.js';
import { comments } from './rows.gen.js';

// Comments on entries, fields and text selections, in threads.

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

export const commentOps = {
  listComments: defineOperation({
    id: 'cms.comments.list',
    description:
      'Comments on entries, oldest first; filter by entry. CLIENT members see comments on entries shared ' + 'with their client.',
    method: 'GET',
    path: `${base}/comments`,
    tag,
    summary: 'Comments, oldest first (CLIENT members: on entries shared with their client)',
    query: listQuery.omit({ sort: true }).extend(commentFilters.shape),
    response: pageOf(comments.row),
    roles: allRoles,
  }),
  getComment: defineOperation({
    id: 'cms.comments.get',
    description: 'One comment by id, with its field, selection and thread.',
    method: 'GET',
    path: `${base}/comments/:id`,
    tag,
    summary: 'Get a comment',
    params: idParams,
    response: comments.row,
    roles: allRoles,
  }),
  createComment: defineOperation({
    id: 'cms.comments.create',
    description:
      'Comments on an entry, on one of its fields, or on a text selection in a field, or replies to a ' +
      'thread (`parentId`). Every member who can see the entry may comment, clients included.',
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
    description: "Edits the text of your own comment; other people's comments are not yours to change.",
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
    description: 'Deletes a comment with its replies: your own, or any for OWNER and ADMIN.',
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
    description: 'Marks a thread resolved; it stays in the history and can be reopened.',
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
    description: 'Reopens a resolved thread, so it shows among the open ones again.',
    method: 'POST',
    path: `${base}/comments/:id/reopen`,
    tag,
    summary: 'Reopen a resolved comment',
    params: idParams,
    response: comments.row,
    roles: allRoles,
  }),
};
