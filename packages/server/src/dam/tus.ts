import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import { type DataStore, Server, type Upload } from '@tus/server';
import type { Db } from '../db/client.js';
import { HttpError, notFound } from '../http/problem.js';
import type { AppContext, TenantContext } from '../platform/context.js';
import type { Storage } from '../platform/storage.js';
import { ingestUpload, type UploadMeta, uploadTarget } from './uploads.js';

// Resumable uploads over tus (@tus/server). The partial upload and its offset live in the app's storage —
// a `.tus/` folder beside the local files, or the S3 bucket (S3 multipart uploads) — so a
// client cut off mid-upload resumes from its offset on whichever instance it reaches next. Every request
// is authenticated and role-checked by the router first; the upload records the organization that
// created it, and another organization's upload id answers 404. When the last byte arrives the file goes
// through `ingestUpload` like any other upload (type sniffed, library rules, duplicates, jobs) and the
// partial upload is removed.

/** The largest tus upload any library may take, whatever its own `maxFileSize`. */
const maxTusBytes = 10 * 1024 ** 3;
export const tusPath = '/v1/dam/tus';

const servers = new WeakMap<Storage, { server: Server; store: ReadableStore }>();
/** The tenant context of each request the tus server is handling, for its hooks. */
const contexts = new WeakMap<Request, TenantContext>();

/** A data store that can also read an upload back (both the file and the S3 store can). */
type ReadableStore = DataStore & { read(id: string): Readable | Promise<Readable> };

function storeFor(storage: Storage): ReadableStore {
  const location = storage.location;
  if (location?.kind === 's3') return new S3Store({ s3ClientConfig: { ...location.client, bucket: location.bucket } });
  if (location?.kind === 'local') return new FileStore({ directory: join(location.root, '.tus') });
  throw new Error('tus uploads need local or S3 storage (a Storage with `location`)');
}

/** tus metadata → the upload's description (everything the client may set; the rest is ours). */
const metaOf = (upload: Upload): UploadMeta => {
  const m = upload.metadata ?? {};
  const text = (key: string) => m[key]?.trim() || undefined;
  return {
    libraryId: text('libraryId') ?? '',
    folderId: text('folderId'),
    fileName: text('filename') ?? text('name'),
    name: text('title'),
    description: text('description'),
    tags: text('tags')
      ?.split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    projectId: text('projectId'),
  };
};

/** A problem as the tus server sends errors: its status and the problem+json body. */
const tusError = (error: unknown) => {
  if (error instanceof HttpError) return { status_code: error.status, body: JSON.stringify(error.toProblem()) };
  throw error;
};

function tusServerFor(db: Db, storage: Storage) {
  let entry = servers.get(storage);
  if (entry) return entry;
  const store = storeFor(storage);
  const server = new Server({
    path: tusPath,
    datastore: store,
    maxSize: maxTusBytes,
    // `tus…` ids keep partial uploads (keys `tus…` and `tus….info` in a bucket) apart from the platform's `<org>/…` keys.
    namingFunction: () => `tus${randomBytes(16).toString('hex')}`,
    // The router authenticates and sets CORS for every /v1 route; the tus server adds its own headers.
    async onUploadCreate(req, upload) {
      const ctx = contexts.get(req as unknown as Request)!;
      const meta = metaOf(upload);
      await uploadTarget(db, ctx, meta, 'metadata', upload.size).catch((error: unknown) => {
        throw tusError(error);
      });
      return { metadata: { ...upload.metadata, organizationId: ctx.organizationId, createdBy: ctx.actor.id } };
    },
    async onUploadFinish(req, upload) {
      const ctx = contexts.get(req as unknown as Request)!;
      const source = await store.read(upload.id);
      const stream = Readable.toWeb(source) as WebReadableStream<Uint8Array> as ReadableStream<Uint8Array>;
      const result = await ingestUpload(db, ctx, stream, metaOf(upload), 'metadata').catch((error: unknown) => {
        throw tusError(error);
      });
      await store.remove(upload.id);
      return { status_code: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
    },
  });
  entry = { server, store };
  servers.set(storage, entry);
  return entry;
}

/**
 * Hands a tus request to the tus server, in the caller's tenant: an existing upload must be the
 * organization's (404 otherwise, as for an id that never existed).
 *
 * @example router.on(ops.tusPatch, ({ ctx, app, params, c }) => handleTus(db, ctx, app, c.req.raw, params.id))
 */
export async function handleTus(db: Db, ctx: TenantContext, app: AppContext, request: Request, id?: string): Promise<Response> {
  const { server, store } = tusServerFor(db, app.files.storage);
  if (id !== undefined) {
    const upload = await store.getUpload(id).catch(() => undefined);
    if (upload?.metadata?.organizationId !== ctx.organizationId) throw notFound('Upload');
  }
  contexts.set(request, ctx);
  return server.handleWeb(request as never);
}
