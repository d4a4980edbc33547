import { createHash } from 'node:crypto';
import { newId } from '../db/columns.js';
import { filesResource } from '@spokestack/core';
import { and, eq, like } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { checkReferences, resourceService, scopeOf, tableInfo } from '../db/resource-service.js';
import { badRequest, forbidden, notFound } from '../http/problem.js';
import { recordActivity } from './activity.js';
import type { Clock } from './clock.js';
import { isAdmin } from './auth.js';
import type { AppContext, TenantContext } from './context.js';
import { files } from './schema.js';
import { sniffHeadBytes, sniffType, storedType } from './sniff.js';
import type { Signer } from './signing.js';
import { type Storage, storageKey } from './storage.js';

type FileRow = typeof files.$inferSelect;

// Signed download URLs stay valid for one to two hours; rounding the expiry to the hour keeps the
// URL stable so browsers and CDNs can cache the bytes.
const urlLifetimeMs = 3_600_000;

/** The app's file part (`ctx.files`): where bytes live, and URLs that load them without credentials. */
export interface FileStore {
  storage: Storage;
  /** A URL (relative to the API) that loads a file's bytes without credentials for one to two hours. */
  url(id: string): string;
}

/**
 * The file part of an app: its storage, and signed download URLs (purpose `file`).
 *
 * @example const store = createFileStore({ storage: localStorage('.spokestack/files'), signer, clock })
 */
export function createFileStore(deps: { storage: Storage; signer: Signer; clock: Clock }): FileStore {
  const { storage, signer, clock } = deps;
  // Signed URLs repeat within their hour, so hot pages (the delivery API) sign each file once an hour.
  const signed = new Map<string, string>();
  return {
    storage,
    url(id) {
      const expiresAt = new Date(Math.ceil((clock.now().getTime() + urlLifetimeMs) / urlLifetimeMs) * urlLifetimeMs);
      const key = `${id}:${expiresAt.getTime()}`;
      let url = signed.get(key);
      if (url === undefined) {
        if (signed.size >= 10_000) signed.clear();
        const { exp, sig } = signer.sign('file', [id], expiresAt);
        signed.set(key, (url = `/v1/platform/files/${id}/content?exp=${exp}&sig=${sig}`));
      }
      return url;
    },
  };
}

const info = tableInfo(files);
const generic = resourceService(files, filesResource);

/** The row as the API shows it, with a signed URL an `<img>` can load without credentials. */
export const presentFile = (ctx: AppContext, row: FileRow) => {
  const { storageKey: _key, organizationId: _org, ...rest } = row;
  return { ...rest, url: ctx.files.url(row.id) };
};

/**
 * Stores an upload and its `files` row. `clientId` and `projectId` must be the organization's, checked
 * like every JSON write (another organization's id answers exactly like a made-up one).
 *
 * @example const file = await uploadFile(db, ctx, blob, { name: 'logo.png', clientId })
 */
export async function uploadFile(
  db: Db,
  ctx: TenantContext,
  blob: Blob,
  meta: { name: string; clientId?: string | null; projectId?: string | null },
) {
  const links = { clientId: meta.clientId ?? null, projectId: meta.projectId ?? null };
  await checkReferences(db, info, ctx, links);
  const id = newId();
  const name = meta.name.replace(/[\\/\0]/g, '_').slice(0, 255) || 'upload';
  const key = storageKey(ctx.organizationId, id, name.replace(/[^\w.-]+/g, '_'));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const checksum = createHash('sha256').update(bytes).digest('hex');
  // The bytes say what a file is; the client's Content-Type is a claim (image/png on an HTML page).
  const mimeType = storedType(sniffType(bytes.subarray(0, sniffHeadBytes)), blob.type);
  await ctx.files.storage.put(key, bytes, mimeType);
  try {
    return await transaction(db, async (tx) => {
      const [row] = await tx
        .insert(files)
        .values({
          id,
          organizationId: ctx.organizationId,
          name,
          mimeType,
          size: bytes.byteLength,
          storageKey: key,
          checksum,
          ...links,
          uploadedById: ctx.actor.id,
        })
        .returning();
      await recordActivity(tx, ctx, { action: 'uploaded', entityType: 'files', entityId: id, entityTitle: name, ...links });
      return presentFile(ctx, row!);
    });
  } catch (error) {
    await ctx.files.storage.delete(key);
    throw error;
  }
}

/**
 * A page of the organization's files; `mimeType` "image/" lists every image, a full type matches exactly.
 *
 * @example const { data } = await listFiles(db, ctx, { mimeType: 'image/' })
 */
export async function listFiles(
  db: Db,
  ctx: TenantContext,
  query: { limit?: number; cursor?: string; sort?: string; mimeType?: string; clientId?: string; projectId?: string },
) {
  const { mimeType, ...rest } = query;
  const extra = mimeType
    ? [mimeType.endsWith('/') ? like(files.mimeType, `${mimeType.replace(/[%_]/g, '')}%`) : eq(files.mimeType, mimeType)]
    : [];
  const page = await generic.list(db, ctx, rest, extra);
  return { data: page.data.map((row) => presentFile(ctx, row)), nextCursor: page.nextCursor };
}

/** @example const file = await getFile(db, ctx, id) */
export async function getFile(db: Db, ctx: TenantContext, id: string) {
  return presentFile(ctx, await generic.get(db, ctx, id));
}

/**
 * Deletes a file's row, then its bytes. A MEMBER deletes only their own uploads (others' files may be
 * in use anywhere in the organization); OWNER, ADMIN and secret keys delete any.
 *
 * @example await deleteFile(db, ctx, id)
 */
export async function deleteFile(db: Db, ctx: TenantContext, id: string) {
  const row = await generic.get(db, ctx, id);
  if (!isAdmin(ctx) && row.uploadedById !== ctx.actor.id)
    throw forbidden('A MEMBER may delete only the files they uploaded; ask an OWNER or ADMIN');
  const result = await generic.remove(db, ctx, id);
  await ctx.files.storage.delete(row.storageKey);
  return result;
}

/**
 * A file's row and bytes, for a caller of the organization (`tenant`) or a valid signed URL (`exp`, `sig`).
 *
 * @example const { row, body, size } = await fileContent(db, app, id, { tenant, exp, sig })
 */
export async function fileContent(db: Db, app: AppContext, id: string, access: { tenant?: TenantContext; exp?: string; sig?: string }) {
  let row: FileRow | undefined;
  if (access.tenant)
    [row] = await db
      .select()
      .from(files)
      .where(and(scopeOf(info, access.tenant), eq(files.id, id)))
      .limit(1);
  else {
    if (!app.signer.check('file', [id], access.exp, access.sig, app.now))
      throw badRequest([{ path: 'query.sig', message: 'Invalid or expired file link' }]);
    [row] = await db.select().from(files).where(eq(files.id, id)).limit(1);
  }
  if (!row) throw notFound('file');
  const stored = await app.files.storage.get(row.storageKey);
  if (!stored) throw notFound('file content');
  return { row, ...stored };
}
