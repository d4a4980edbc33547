import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { commentCreate, commentFilters, commentThread } from './comments.js';
import { base, tag, writers } from './common.js';
import { shareAccessLevel } from './enums.js';
import { comments } from './rows.gen.js';

// A collection share (`collection_shares`, one per email) gives its holder an access level on the
// collection's assets: VIEW < DOWNLOAD < COMMENT < EDIT. Its holder is a CLIENT member whose email it
// names (through the ordinary comment operations), or anyone holding the share's signed link. From
// COMMENT up, and while the collection allows comments, the holder reads and writes comment threads on
// the shared assets only.

/** A signed link to one collection share: the token is the credential of its public side. */
export const shareLink = z.object({
  token: z.string(),
  /** The public address, relative to the API. */
  url: z.string(),
  expiresAt: f.timestamp(),
});
export const shareLinkBody = z.strictObject({
  /** How long the link works, capped by the share's own expiry. */
  expiresInDays: z.number().int().min(1).max(365).default(30),
});
/** What a share link shows: the collection, the access it gives, the shared assets (up to 200). */
export const publicShare = z.object({
  collection: z.object({ name: z.string(), description: z.string().nullable() }),
  accessLevel: z.enum(shareAccessLevel),
  canComment: z.boolean(),
  assets: z.array(z.object({ id: z.string(), name: z.string(), assetType: z.string() })),
});
const tokenParams = z.object({ token: z.string().min(1).max(500) });
/** A comment through a share link: the commenter's name, since the link has no account behind it. */
export const sharedCommentCreate = commentCreate.extend({ authorName: f.text().trim().min(1).max(200).optional() });

export const shareOps = {
  createShareLink: defineOperation({
    id: 'dam.collectionShares.link',
    method: 'POST',
    path: `${base}/collection-shares/:id/link`,
    tag,
    summary: 'Mint a signed link for a collection share: its holder gets the share’s access without an account',
    description:
      'The link is signed for the share purpose and expires after `expiresInDays` or with the share, whichever comes first. ' +
      'Deleting the share stops every link to it at once. A share of another organization answers 404.',
    params: idParams,
    body: shareLinkBody,
    response: shareLink,
    status: 201,
    roles: writers,
  }),
  viewShare: defineOperation({
    id: 'dam.shares.view',
    method: 'GET',
    path: `${base}/public/shares/:token`,
    tag,
    summary: 'What a collection share link shows: the collection, its access level and its assets',
    description:
      'No credentials: the signed link is the credential (forged or expired: 401; its share deleted: 404). EXPIRED ' +
      'assets are left out. Each visit counts in the share’s `accessCount`.',
    params: tokenParams,
    response: publicShare,
    auth: 'public',
  }),
  listSharedComments: defineOperation({
    id: 'dam.shares.comments.list',
    method: 'GET',
    path: `${base}/public/shares/:token/comments`,
    tag,
    summary: 'Comment threads on the assets of a share that gives COMMENT access',
    description:
      'Only threads on the shared assets; a share below COMMENT (VIEW, DOWNLOAD), or on a collection that does not ' +
      'allow comments, answers 403.',
    params: tokenParams,
    query: listQuery.omit({ sort: true }).extend(commentFilters.shape),
    response: pageOf(commentThread),
    auth: 'public',
  }),
  createSharedComment: defineOperation({
    id: 'dam.shares.comments.create',
    method: 'POST',
    path: `${base}/public/shares/:token/comments`,
    tag,
    summary: 'Comment on a shared asset through a share link that gives COMMENT access',
    description:
      'Like POST /v1/dam/comments, limited to the shared assets (another asset answers 403), written as a client ' +
      'comment under `authorName` (default: the share’s email).',
    params: tokenParams,
    body: sharedCommentCreate,
    response: comments.row,
    status: 201,
    auth: 'public',
  }),
};
