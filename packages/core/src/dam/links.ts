import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { base, id, tag, writers } from './common.js';

// Share links to one asset: a token of 192 random bits, an expiry, an optional password (kept as a slow
// hash, never returned: `hasPassword`), a download limit enforced atomically. Anyone with the token can
// look at the link and download through it, without an account.

/** A link as its creator sees it (the password never leaves the server). */
export const assetLink = z.object({
  id: z.string(),
  organizationId: z.string(),
  assetId: z.string(),
  token: z.string(),
  /** The public download address, relative to the API. */
  url: z.string(),
  allowDownload: z.boolean(),
  expiresAt: f.timestamp().nullable(),
  hasPassword: z.boolean(),
  maxDownloads: z.number().int().nullable(),
  downloadCount: z.number().int(),
  createdById: z.string(),
  createdAt: f.timestamp(),
});
export type AssetLinkView = z.output<typeof assetLink>;
export const linkCreate = z.strictObject({
  assetId: id,
  allowDownload: z.boolean().optional(),
  expiresAt: f.timestamp().nullable().optional(),
  password: z.string().min(8, 'At least 8 characters').max(200).nullable().optional(),
  maxDownloads: z.number().int().min(1).max(1_000_000).nullable().optional(),
});
export const linkFilters = z.object({
  assetId: f.text().optional(),
  /** OWNER and ADMIN see everyone's links; `mine=true` narrows to their own. Others always see only theirs. */
  mine: z.union([z.boolean(), f.queryBool()]).optional(),
});
/** What a link shows to anyone holding its token. */
export const publicLink = z.object({
  asset: z.object({ name: z.string(), assetType: z.string(), mimeType: z.string(), size: z.number() }),
  allowDownload: z.boolean(),
  hasPassword: z.boolean(),
  expiresAt: f.timestamp().nullable(),
  /** Downloads left, when the link has a limit. */
  downloadsLeft: z.number().int().nullable(),
});
const tokenParams = z.object({ token: z.string().min(1).max(100) });
export const linkDownloadBody = z.strictObject({ password: z.string().max(200).optional() });

export const linkOps = {
  createLink: defineOperation({
    id: 'dam.links.create',
    description:
      'Creates a share link to an asset for people without an account: an expiry, an optional password ' +
      "(stored hashed) and an optional download limit. The reply has the link's URL.",
    method: 'POST',
    path: `${base}/links`,
    tag,
    summary: 'Share an asset by link: expiry, optional password, optional download limit',
    body: linkCreate,
    response: assetLink,
    status: 201,
    roles: writers,
  }),
  listLinks: defineOperation({
    id: 'dam.links.list',
    description: "Share links, newest first, with their expiry and download count; members see their own, OWNER and ADMIN everyone's.",
    method: 'GET',
    path: `${base}/links`,
    tag,
    summary: 'Your share links, newest first (OWNER/ADMIN: everyone’s)',
    query: listQuery.omit({ sort: true }).extend(linkFilters.shape),
    response: pageOf(assetLink),
    roles: writers,
  }),
  getLink: defineOperation({
    id: 'dam.links.get',
    description: 'One share link by id (yours, or any for OWNER and ADMIN).',
    method: 'GET',
    path: `${base}/links/:id`,
    tag,
    summary: 'Get one of your share links',
    params: idParams,
    response: assetLink,
    roles: writers,
  }),
  revokeLink: defineOperation({
    id: 'dam.links.revoke',
    description: 'Revokes a share link: its token stops working at once, for viewing and for downloads alike.',
    method: 'DELETE',
    path: `${base}/links/:id`,
    tag,
    summary: 'Revoke a share link (yours; OWNER/ADMIN: any): its token stops working at once',
    params: idParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    roles: writers,
  }),
  updateLinkRefused: defineOperation({
    id: 'dam.links.update',
    description: refusedDescription,
    method: 'PATCH',
    path: `${base}/links/:id`,
    tag,
    summary: 'Not allowed: revoke the link and create another',
    params: idParams,
    response: z.never(),
    roles: writers,
  }),
  viewLink: defineOperation({
    id: 'dam.links.view',
    description:
      'What a share link shows its visitor: the shared asset, and whether a password is needed. An unknown ' +
      'link answers 404, an expired one 410.',
    method: 'GET',
    path: `${base}/public/links/:token`,
    tag,
    summary: 'What a share link leads to (no credentials: the token is the credential)',
    params: tokenParams,
    response: publicLink,
    auth: 'public',
  }),
  downloadLink: defineOperation({
    id: 'dam.links.download',
    description:
      'Downloads the shared asset through its link, with the password when the link has one. Each download ' +
      "counts toward the link's limit; once it is reached the link answers 410.",
    method: 'POST',
    path: `${base}/public/links/:token/download`,
    tag,
    summary: 'Download through a share link, with its password when it has one; each download counts toward its limit',
    params: tokenParams,
    body: linkDownloadBody,
    response: z.file(),
    responseType: 'binary',
    auth: 'public',
  }),
};
