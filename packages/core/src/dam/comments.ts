import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { allRoles, base, id, tag, writers } from './common.js';
import { comments } from './rows.gen.js';

// Comments on an asset, in threads (one level of replies), each pinned to the version it is about.
// A top-level comment may carry an annotation: a point or a rectangle on the picture (coordinates 0..1
// of its width and height, so they hold at any rendition size) or a moment of a video or audio file
// (seconds, within its duration). Threads are resolved and reopened as a whole.

const unit = z.number().min(0).max(1);
export const annotation = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('point'), x: unit, y: unit }),
  z
    .strictObject({ type: z.literal('rect'), x: unit, y: unit, width: unit.positive(), height: unit.positive() })
    .refine((r) => r.x + r.width <= 1, { path: ['width'], message: 'The rectangle goes past the right edge (x + width > 1)' })
    .refine((r) => r.y + r.height <= 1, { path: ['height'], message: 'The rectangle goes past the bottom edge (y + height > 1)' }),
  z.strictObject({ type: z.literal('timestamp'), time: z.number().min(0).max(86_400) }),
]);
export type Annotation = z.output<typeof annotation>;

export const commentCreate = z.strictObject({
  assetId: id,
  content: f.text().trim().min(1).max(10_000),
  /** A top-level comment of the same asset: this one is a reply in its thread. */
  parentId: id.optional(),
  /** Only on top-level comments. */
  annotation: annotation.optional(),
  /** The version commented on; default the current one (replies: their thread's). */
  versionNumber: z.number().int().min(1).optional(),
});
export const commentUpdate = z.strictObject({ content: f.text().trim().min(1).max(10_000) });
export const commentFilters = z.object({
  /** One asset's threads; absent: the threads of every asset you see. */
  assetId: id.optional(),
  versionNumber: z.coerce.number().int().min(1).optional(),
  isResolved: z.union([z.boolean(), f.queryBool()]).optional(),
});
/** A top-level comment with its replies, oldest first. */
export const commentThread = comments.row.extend({ replies: z.array(comments.row) });

export const commentOps = {
  createComment: defineOperation({
    id: 'dam.comments.create',
    method: 'POST',
    path: `${base}/comments`,
    tag,
    summary: 'Comment on an asset (or reply in a thread), optionally annotating a point, a region or a moment',
    description:
      'Annotations: `point` and `rect` in 0..1 of the width and height (images, videos, PDFs); `timestamp` in seconds within the ' +
      'duration of a video or audio asset. A reply takes its thread’s version and carries no annotation. A CLIENT member ' +
      'comments only on assets of a collection shared with their email at COMMENT access or above (anything else: 403).',
    body: commentCreate,
    response: comments.row,
    status: 201,
    roles: allRoles,
  }),
  listComments: defineOperation({
    id: 'dam.comments.list',
    method: 'GET',
    path: `${base}/comments`,
    tag,
    summary: 'Comment threads (of one asset, or every asset you see), oldest first, with their replies',
    description:
      "Each thread is pinned to the asset version it was written on (replies take their thread's); assets " +
      'in libraries the caller cannot see are left out. A CLIENT member sees the threads of assets shared with them at ' +
      'COMMENT access or above. Paginated.',
    query: listQuery.omit({ sort: true }).extend(commentFilters.shape),
    response: pageOf(commentThread),
    roles: allRoles,
  }),
  getComment: defineOperation({
    id: 'dam.comments.get',
    method: 'GET',
    path: `${base}/comments/:id`,
    tag,
    summary: 'Get one comment',
    description: 'A comment on an asset the caller cannot see, or of another organization, answers 404.',
    params: idParams,
    response: comments.row,
    roles: allRoles,
  }),
  updateComment: defineOperation({
    id: 'dam.comments.update',
    method: 'PATCH',
    path: `${base}/comments/:id`,
    tag,
    summary: 'Edit the text of your own comment',
    description: 'Only the author edits a comment; anyone else is refused.',
    params: idParams,
    body: commentUpdate,
    response: comments.row,
    roles: writers,
  }),
  deleteComment: defineOperation({
    id: 'dam.comments.delete',
    method: 'DELETE',
    path: `${base}/comments/:id`,
    tag,
    summary: 'Delete your comment (OWNER/ADMIN: any) with its replies',
    description: 'The author deletes their own comment, an OWNER or ADMIN any; deleting a thread deletes its replies.',
    params: idParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    roles: writers,
  }),
  resolveComment: defineOperation({
    id: 'dam.comments.resolve',
    method: 'POST',
    path: `${base}/comments/:id/resolve`,
    tag,
    summary: 'Resolve a thread',
    description: 'Marks a thread resolved; it lists as resolved until it is reopened.',
    params: idParams,
    response: comments.row,
    roles: writers,
  }),
  reopenComment: defineOperation({
    id: 'dam.comments.reopen',
    method: 'POST',
    path: `${base}/comments/:id/reopen`,
    tag,
    summary: 'Reopen a resolved thread',
    description: "Clears a thread's resolution so it shows as open again.",
    params: idParams,
    response: comments.row,
    roles: writers,
  }),
};
