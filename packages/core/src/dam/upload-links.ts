import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { base, id, tag, writers } from './common.js';
import { uploadResult } from './uploads.js';

// External upload links: a person who may upload into a folder lets someone without an account (a
// client, a freelancer) drop files into it, until an expiry, behind an optional password (a slow hash,
// never returned: `hasPassword`), with their own size, type and count limits on top of the library's.
// The token is signed for the upload purpose; revoking the link (or deleting its folder) stops it at once.

/** A media type pattern: `image/*`, `*\/*`, `application/pdf`. */
const typePattern = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*|[a-z0-9][a-z0-9.+-]*)\/(\*|[a-z0-9][a-z0-9.+-]*)$/, 'A media type such as image/* or application/pdf');

/** An upload link as its creator sees it (the password never leaves the server). */
export const uploadLink = z.object({
  id: z.string(),
  organizationId: z.string(),
  libraryId: z.string(),
  folderId: z.string(),
  /** A label for the creator's list (who the link is for). */
  name: z.string().nullable(),
  token: z.string(),
  /** The public upload address, relative to the API. */
  url: z.string(),
  expiresAt: f.timestamp(),
  hasPassword: z.boolean(),
  maxFileSize: z.number().int().nullable(),
  allowedFileTypes: z.array(z.string()),
  maxFiles: z.number().int().nullable(),
  uploadCount: z.number().int(),
  lastUploadAt: f.timestamp().nullable(),
  createdById: z.string(),
  createdAt: f.timestamp(),
});
export type UploadLinkView = z.output<typeof uploadLink>;
export const uploadLinkCreate = z.strictObject({
  /** The one folder the link uploads into. */
  folderId: id,
  name: f.text().trim().max(200).nullable().optional(),
  /** When the link stops working (within a year). */
  expiresAt: f.timestamp(),
  password: z.string().min(8, 'At least 8 characters').max(200).nullable().optional(),
  /** Largest file in bytes (the library's own limit still applies). */
  maxFileSize: z.number().int().min(1).nullable().optional(),
  /** Media types the link takes, with wildcards (the library's own list still applies). Empty: the library's. */
  allowedFileTypes: z.array(typePattern).max(50).optional(),
  /** How many files the link takes in all. */
  maxFiles: z.number().int().min(1).max(10_000).nullable().optional(),
});
export const uploadLinkFilters = z.object({
  folderId: f.text().optional(),
  /** OWNER and ADMIN see everyone's links; `mine=true` narrows to their own. Others always see only theirs. */
  mine: z.union([z.boolean(), f.queryBool()]).optional(),
});
/** What an upload link shows to anyone holding its token. */
export const publicUploadLink = z.object({
  name: z.string().nullable(),
  folder: z.object({ name: z.string() }),
  expiresAt: f.timestamp(),
  hasPassword: z.boolean(),
  /** The tighter of the link's and the library's limits. */
  maxFileSize: z.number().int().nullable(),
  /** Types the link takes (the library's list applies too). */
  allowedFileTypes: z.array(z.string()),
  /** Files it still takes, when it has a limit. */
  filesLeft: z.number().int().nullable(),
});
const tokenParams = z.object({ token: z.string().min(1).max(500) });
export const linkUploadBody = z.strictObject({
  file: z.file({ error: 'Required: the file to upload' }).describe('The bytes; the type is sniffed from them, whatever the part claims'),
  password: z.string().max(200).optional(),
  /** Who is uploading, for the activity stream. */
  uploaderName: f.text().trim().max(200).optional(),
  name: f.text().max(500).optional().describe("The asset's display name (default: the file name without extension)"),
  description: f.longText().max(20_000).optional(),
});

export const uploadLinkOps = {
  createUploadLink: defineOperation({
    id: 'dam.uploadLinks.create',
    description:
      'Creates an external upload link into one folder for people without an account: an expiry, an optional password ' +
      '(stored hashed), and optional limits on file size, file types (wildcards) and the number of files.',
    method: 'POST',
    path: `${base}/upload-links`,
    tag,
    summary: 'Let someone without an account upload into a folder: expiry, optional password, size, type and count limits',
    body: uploadLinkCreate,
    response: uploadLink,
    status: 201,
    roles: writers,
  }),
  listUploadLinks: defineOperation({
    id: 'dam.uploadLinks.list',
    description:
      "Upload links, newest first, with their limits and how many files came through; members see their own, OWNER and ADMIN everyone's.",
    method: 'GET',
    path: `${base}/upload-links`,
    tag,
    summary: 'Your upload links, newest first (OWNER/ADMIN: everyone’s)',
    query: listQuery.omit({ sort: true }).extend(uploadLinkFilters.shape),
    response: pageOf(uploadLink),
    roles: writers,
  }),
  revokeUploadLink: defineOperation({
    id: 'dam.uploadLinks.revoke',
    description: 'Revokes an upload link: its token stops taking files at once. Files already uploaded stay.',
    method: 'DELETE',
    path: `${base}/upload-links/:id`,
    tag,
    summary: 'Revoke an upload link (yours; OWNER/ADMIN: any): its token stops working at once',
    params: idParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    roles: writers,
  }),
  viewUploadLink: defineOperation({
    id: 'dam.uploadLinks.view',
    description:
      'What an upload link takes, for the person it was sent to: the folder, the limits, whether a password is needed. ' +
      'A forged or expired link answers 401, a revoked one 404.',
    method: 'GET',
    path: `${base}/public/upload-links/:token`,
    tag,
    summary: 'What an upload link takes (no credentials: the token is the credential)',
    params: tokenParams,
    response: publicUploadLink,
    auth: 'public',
  }),
  uploadThroughLink: defineOperation({
    id: 'dam.uploadLinks.upload',
    description:
      'Uploads one file through an upload link as `multipart/form-data`, with the password when it has one (403). The ' +
      "link's and the library's type (415) and size (413) limits apply to the sniffed type, the naming convention and " +
      'approval rules too; a link that has taken its files answers 410.',
    method: 'POST',
    path: `${base}/public/upload-links/:token/files`,
    tag,
    summary: 'Upload a file through an upload link, without an account (multipart/form-data)',
    params: tokenParams,
    body: linkUploadBody,
    bodyType: 'multipart',
    response: uploadResult.pick({ checksum: true, mimeType: true, size: true }).extend({
      asset: z.object({ name: z.string(), status: z.string() }),
    }),
    status: 201,
    auth: 'public',
  }),
};
