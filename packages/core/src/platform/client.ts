import type { z } from 'zod';
import type { HttpClient, RequestOptions } from '../shared/http.js';
import { resourceClients } from '../shared/resource-client.js';
import type { ListQuery, Page } from '../shared/pagination.js';
import { type FileRow, platformOps as ops, type userFilters } from './contracts.js';
import { platformResources } from './rows.gen.js';

type In<T extends z.ZodType> = z.input<T>;

/** `sdk.platform`: the organization, members, API keys, session tokens, files, clients, projects, briefs. */
export function createPlatformClient(http: HttpClient) {
  const list =
    <T>(path: string) =>
    (query?: ListQuery & Record<string, unknown>, options?: RequestOptions) =>
      http.request<Page<T>>('GET', path, { query: query as Record<string, string>, ...options });
  return {
    ...resourceClients(http, platformResources),
    /** Who the credentials belong to. @example const { actor } = await sdk.platform.me() */
    me: (options?: RequestOptions) => http.call(ops.me, undefined, options),
    organization: {
      get: (options?: RequestOptions) => http.call(ops.getOrganization, undefined, options),
      update: (body: In<typeof ops.updateOrganization.body & z.ZodType>, options?: RequestOptions) =>
        http.call(ops.updateOrganization, { body }, options),
    },
    users: {
      list: (query?: ListQuery & In<typeof userFilters>, options?: RequestOptions) => http.call(ops.listUsers, { query }, options),
      get: (id: string, options?: RequestOptions) => http.call(ops.getUser, { params: { id } }, options),
      create: (body: In<typeof ops.createUser.body & z.ZodType>, options?: RequestOptions) => http.call(ops.createUser, { body }, options),
      update: (id: string, body: In<typeof ops.updateUser.body & z.ZodType>, options?: RequestOptions) =>
        http.call(ops.updateUser, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteUser, { params: { id } }, options),
    },
    apiKeys: {
      list: (query?: Omit<ListQuery, 'sort'>, options?: RequestOptions) => http.call(ops.listApiKeys, { query }, options),
      /** Creates a key; keep `secret` now, it is never shown again. */
      create: (body: In<typeof ops.createApiKey.body & z.ZodType>, options?: RequestOptions) =>
        http.call(ops.createApiKey, { body }, options),
      revoke: (id: string, options?: RequestOptions) => http.call(ops.revokeApiKey, { params: { id } }, options),
    },
    sessions: {
      /**
       * Mints a short-lived token for one of your users, for their browser. Call it from your backend
       * with a secret key. @example const { token } = await sdk.platform.sessions.create({ userId })
       */
      create: (body: In<typeof ops.createSession.body & z.ZodType>, options?: RequestOptions) =>
        http.call(ops.createSession, { body }, options),
    },
    activity: {
      list: (query?: In<typeof ops.listActivity.query & z.ZodType>, options?: RequestOptions) =>
        http.call(ops.listActivity, { query }, options),
    },
    files: {
      list: list<FileRow>('/v1/platform/files'),
      get: (id: string, options?: RequestOptions) => http.call(ops.getFile, { params: { id } }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteFile, { params: { id } }, options),
      /**
       * Uploads a file (multipart, up to the server's size limit).
       * @example const file = await sdk.platform.files.upload(new Blob([bytes], { type: 'image/png' }), { name: 'logo.png' })
       */
      upload: (blob: Blob, meta: { name?: string; clientId?: string; projectId?: string } = {}, options?: RequestOptions) => {
        const form = new FormData();
        form.set('file', blob, meta.name ?? (blob instanceof File ? blob.name : 'upload'));
        if (meta.clientId) form.set('clientId', meta.clientId);
        if (meta.projectId) form.set('projectId', meta.projectId);
        return http.request<FileRow>('POST', '/v1/platform/files', { body: form, ...options });
      },
    },
  };
}
