import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { defineResource } from '../shared/resource.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { apiKeyKind, membershipRole } from './enums.js';

const tag = 'Platform';
const admins = ['OWNER', 'ADMIN'] as const;
const writers = ['OWNER', 'ADMIN', 'MEMBER'] as const;

export const organization = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  defaultLocale: z.string(),
  locales: z.array(z.string()),
  settings: f.json(),
  createdAt: f.timestamp(),
  updatedAt: f.timestamp(),
});
export type Organization = z.output<typeof organization>;

/** A locale tag such as `en`, `fr`, `pt-BR` or `ar`. */
export const locale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Expected a locale tag like "en" or "pt-BR"');

export const organizationUpdate = z.strictObject({
  name: f.text().min(1).optional(),
  defaultLocale: locale.optional(),
  locales: z.array(locale).min(1).max(100).optional(),
  settings: z.record(z.string(), f.json()).optional(),
});

/** Who is calling: the organization and the actor (a user through a session, or an API key). */
export const me = z.object({
  organizationId: z.string(),
  actor: z.object({
    type: z.enum(['user', 'apiKey']),
    id: z.string(),
    name: z.string(),
    role: z.enum(membershipRole),
    clientId: z.string().nullable(),
  }),
});
export type Me = z.output<typeof me>;

/** A member of the organization: the user and their role. */
export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  externalId: z.string().nullable(),
  role: z.enum(membershipRole),
  clientId: z.string().nullable(),
  createdAt: f.timestamp(),
  updatedAt: f.timestamp(),
});
export type User = z.output<typeof user>;

export const userCreate = z.strictObject({
  email: z.email().max(320),
  name: f.text().min(1).max(200),
  avatarUrl: f.httpUrl().nullable().optional(),
  /** Your app's id for this user, so you can find them again. */
  externalId: f.text().max(200).nullable().optional(),
  role: z.enum(membershipRole).default('MEMBER'),
  /** Required for CLIENT members: the client whose shared content they see. */
  clientId: z.string().max(64).nullable().optional(),
});
export const userUpdate = userCreate.partial().extend({ role: z.enum(membershipRole).optional() });
export const userFilters = z.object({
  role: z.enum(membershipRole).optional(),
  externalId: f.text().optional(),
  email: f.text().optional(),
});

export const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(apiKeyKind),
  prefix: z.string(),
  createdById: z.string().nullable(),
  lastUsedAt: f.timestamp().nullable(),
  expiresAt: f.timestamp().nullable(),
  revokedAt: f.timestamp().nullable(),
  createdAt: f.timestamp(),
});
export type ApiKey = z.output<typeof apiKey>;
/** A new key with its secret, which is shown this once and never again. */
export const apiKeyWithSecret = apiKey.extend({ secret: z.string() });
export const apiKeyCreate = z.strictObject({
  name: f.text().min(1).max(200),
  kind: z.enum(apiKeyKind).default('SECRET'),
  expiresAt: f.timestamp().nullable().optional(),
});

export const sessionCreate = z.strictObject({
  userId: z.string().min(1).max(64),
  /** The role the token carries; defaults to the user's membership role. */
  role: z.enum(membershipRole).optional(),
  /** Lifetime in seconds, 60 to 86,400 (default one hour). */
  expiresIn: z.number().int().min(60).max(86_400).default(3600),
});
export const session = z.object({ token: z.string(), expiresAt: f.timestamp() });

export const activity = z.object({
  id: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  entityTitle: z.string(),
  description: z.string().nullable(),
  metadata: f.json().nullable(),
  clientId: z.string().nullable(),
  projectId: z.string().nullable(),
  occurredAt: f.timestamp(),
});
export type Activity = z.output<typeof activity>;
export const activityQuery = listQuery.omit({ sort: true }).extend({
  entityType: f.text().max(100).optional(),
  entityId: f.text().max(64).optional(),
  clientId: f.text().max(64).optional(),
  projectId: f.text().max(64).optional(),
  since: f.timestamp().optional(),
});

export const file = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number(),
  checksum: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  clientId: z.string().nullable(),
  projectId: z.string().nullable(),
  uploadedById: z.string().nullable(),
  createdAt: f.timestamp(),
  /** Where the bytes can be downloaded with the caller's credentials. */
  url: z.string(),
});
export type FileRow = z.output<typeof file>;
export const fileFilters = z.object({
  mimeType: f.text().optional().describe('Exact type, or a prefix like "image/"'),
  clientId: f.text().optional(),
  projectId: f.text().optional(),
});
/** A multipart upload: the file part, and optionally its name and what it belongs to. */
export const fileUpload = z.object({
  file: z.file({ error: 'Required: the file to upload' }).describe("The bytes; their type is the part's content type"),
  name: z.string().optional().describe("The file's name (default: the part's file name)"),
  clientId: z.string().max(64).optional(),
  projectId: z.string().max(64).optional(),
});
/** Download options: a signed URL's `exp` and `sig`, and `download` to save rather than show. */
export const fileContentQuery = z.object({
  exp: z.string().max(20).optional(),
  sig: z.string().max(100).optional(),
  download: z.string().max(10).optional().describe('Any value: send the file as an attachment'),
});
/** Files as a resource (uploads go through `POST /v1/platform/files` as multipart). */
export const filesResource = defineResource({
  name: 'files',
  path: '/v1/platform/files',
  entityType: 'files',
  tag,
  row: file,
  create: z.strictObject({}),
  update: z.strictObject({}),
  filters: fileFilters.omit({ mimeType: true }),
  sortable: ['createdAt', 'name', 'size'],
});

export const platformOps = {
  me: defineOperation({
    id: 'platform.me',
    description:
      'Tells a caller who it is: the organization, and the actor behind the credential (an API key, or a ' +
      "session's user) with its role. Use it to check a key or a session before anything else.",
    method: 'GET',
    path: '/v1/platform/me',
    tag,
    summary: 'Who is calling',
    response: me,
    auth: 'publishable',
    roles: membershipRole,
  }),
  getOrganization: defineOperation({
    id: 'platform.organization.get',
    description: 'The organization the credential belongs to: its name, slug, default locale, locales and settings.',
    method: 'GET',
    path: '/v1/platform/organization',
    tag,
    summary: 'The organization',
    response: organization,
    roles: membershipRole,
  }),
  updateOrganization: defineOperation({
    id: 'platform.organization.update',
    description:
      "Changes the organization's name, slug, locales or settings; the change is recorded in the activity " +
      'stream. A slug another organization uses is 409.',
    method: 'PATCH',
    path: '/v1/platform/organization',
    tag,
    summary: 'Update the organization (ADMIN)',
    body: organizationUpdate,
    response: organization,
    roles: admins,
  }),
  listUsers: defineOperation({
    id: 'platform.users.list',
    description: "The organization's members with their role, a page at a time (`limit`, `cursor`).",
    method: 'GET',
    path: '/v1/platform/users',
    tag,
    summary: 'List members',
    query: listQuery.extend(userFilters.shape),
    response: pageOf(user),
    // The team is staff-only: CLIENT members see what is shared with them, not who works here.
    roles: writers,
  }),
  getUser: defineOperation({
    id: 'platform.users.get',
    description:
      'One member of the organization by user id. A user of another organization answers 404, like one that ' + 'does not exist.',
    method: 'GET',
    path: '/v1/platform/users/:id',
    tag,
    summary: 'Get a member',
    params: idParams,
    response: user,
    // The team is staff-only: CLIENT members see what is shared with them, not who works here.
    roles: writers,
  }),
  createUser: defineOperation({
    id: 'platform.users.create',
    description:
      'Adds a person to the organization with a role. CLIENT members need the client whose work they see ' + '(`clientId`, 400 without).',
    method: 'POST',
    path: '/v1/platform/users',
    tag,
    summary: 'Add a member (ADMIN)',
    body: userCreate,
    response: user,
    status: 201,
    roles: admins,
  }),
  updateUser: defineOperation({
    id: 'platform.users.update',
    description: "Changes a member's details or role. Sessions already minted for them act with at most their current " + 'role.',
    method: 'PATCH',
    path: '/v1/platform/users/:id',
    tag,
    summary: 'Update a member or their role (ADMIN)',
    params: idParams,
    body: userUpdate,
    response: user,
    roles: admins,
  }),
  deleteUser: defineOperation({
    id: 'platform.users.delete',
    description: "Removes a person's membership of the organization.",
    method: 'DELETE',
    path: '/v1/platform/users/:id',
    tag,
    summary: 'Remove a member (ADMIN)',
    params: idParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    roles: admins,
  }),
  listApiKeys: defineOperation({
    id: 'platform.apiKeys.list',
    description:
      "The organization's API keys with their name, kind (secret or publishable) and prefix. The key itself " + 'is never shown again.',
    method: 'GET',
    path: '/v1/platform/api-keys',
    tag,
    summary: 'List API keys (ADMIN)',
    query: listQuery.omit({ sort: true }),
    response: pageOf(apiKey),
    roles: admins,
  }),
  createApiKey: defineOperation({
    id: 'platform.apiKeys.create',
    description:
      'Creates a secret (`sk_…`) or publishable (`pk_…`) key. The reply carries the key once: it is stored ' +
      'hashed, so keep it now. Publishable keys only read published content through the delivery API.',
    method: 'POST',
    path: '/v1/platform/api-keys',
    tag,
    summary: 'Create an API key; the secret is in this reply only (ADMIN)',
    body: apiKeyCreate,
    response: apiKeyWithSecret,
    status: 201,
    roles: admins,
  }),
  revokeApiKey: defineOperation({
    id: 'platform.apiKeys.revoke',
    description: 'Revokes a key: it stops working at once, and so do the sessions it minted.',
    method: 'DELETE',
    path: '/v1/platform/api-keys/:id',
    tag,
    summary: 'Revoke an API key (ADMIN)',
    params: idParams,
    response: apiKey,
    roles: admins,
  }),
  createSession: defineOperation({
    id: 'platform.sessions.create',
    method: 'POST',
    path: '/v1/platform/sessions',
    tag,
    summary: 'Mint a session token for a member (secret API key only)',
    description:
      "Mints a short-lived session token (`st_…`) for one member and a role, for the host's backend to hand to its browser. " +
      "The session acts with the member's current role (a changed role applies within 5 seconds) and ends when " +
      'the API key that minted it is revoked (within 5 seconds on every instance): revoking a leaked backend key ' +
      'also cuts off every browser session it handed out. Sessions minted by other keys live on.',
    body: sessionCreate,
    response: session,
    status: 201,
    auth: 'apiKey',
  }),
  listActivity: defineOperation({
    id: 'platform.activity.list',
    description:
      'Every change in the organization across features (who did what to which record, when), newest first ' + 'and a page at a time.',
    method: 'GET',
    path: '/v1/activity',
    tag,
    summary: 'The unified activity stream, newest first',
    query: activityQuery,
    response: pageOf(activity),
    roles: membershipRole,
  }),
  listFiles: defineOperation({
    id: 'platform.files.list',
    description: "The organization's uploaded files, a page at a time, with signed URLs to their bytes.",
    method: 'GET',
    path: '/v1/platform/files',
    tag,
    summary: 'List uploaded files',
    query: listQuery.extend(fileFilters.shape),
    response: pageOf(file),
    roles: membershipRole,
  }),
  getFile: defineOperation({
    id: 'platform.files.get',
    description: 'One uploaded file by id, with a signed URL to its bytes. A file of another organization answers 404.',
    method: 'GET',
    path: '/v1/platform/files/:id',
    tag,
    summary: 'Get a file',
    params: idParams,
    response: file,
    roles: membershipRole,
  }),
  uploadFile: defineOperation({
    id: 'platform.files.upload',
    description:
      'Uploads one file as `multipart/form-data` (the `file` part, optionally its name, client and ' +
      "project). Its type is read from the bytes, not the client's claim; the reply has the stored file " +
      'with a signed URL.',
    method: 'POST',
    path: '/v1/platform/files',
    tag,
    summary: 'Upload a file (multipart/form-data)',
    body: fileUpload,
    bodyType: 'multipart',
    response: file,
    status: 201,
    roles: writers,
  }),
  downloadFile: defineOperation({
    id: 'platform.files.content',
    description:
      "Streams a file's bytes. Call it with the organization's credentials, or with none through the signed " +
      'URL a file reply gives (its `sig` in the query). Active content (HTML, SVG, XML, JavaScript) is ' +
      'served as an attachment under a sandbox policy.',
    method: 'GET',
    path: '/v1/platform/files/:id/content',
    tag,
    summary: "A file's bytes, with credentials of its organization or through its signed URL",
    params: idParams,
    query: fileContentQuery,
    response: z.file(),
    responseType: 'binary',
    auth: 'optional',
    roles: membershipRole,
  }),
  deleteFile: defineOperation({
    id: 'platform.files.delete',
    method: 'DELETE',
    path: '/v1/platform/files/:id',
    tag,
    summary: 'Delete a file',
    description:
      "A MEMBER deletes only the files they uploaded (403 for anyone else's: a file may be in use anywhere in the " +
      'organization); OWNER, ADMIN and secret keys delete any. A file of another organization answers 404.',
    params: idParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    roles: writers,
  }),
};
