import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createId } from '@paralleldrive/cuid2';
import { filesResource } from '@spokestack/core';
import { and, eq, like } from 'drizzle-orm';
import { type Db, transaction } from '../db/client.js';
import { resourceService, scopeOf, tableInfo } from '../db/resource-service.js';
import { badRequest, notFound } from '../http/problem.js';
import { recordActivity } from './activity.js';
import type { Clock } from './clock.js';
import type { TenantContext } from './context.js';
import { files } from './schema.js';
import { type Storage, storageKey } from './storage.js';

type FileRow = typeof files.$inferSelect;

// Signed download URLs stay valid for one to two hours; rounding the expiry to the hour keeps the
// URL stable so browsers and CDNs can cache the bytes.
const urlLifetimeMs = 3_600_000;

/** File records and their bytes: uploads, signed download URLs, deletion. */
export function createFileService(deps: { db: Db; storage: Storage; clock: Clock; secret: string }) {
  const { db, storage, clock, secret } = deps;
  const sign = (id: string, exp: number) => createHmac('sha256', secret).update(`file:${id}:${exp}`).digest('base64url');

  // Signed URLs repeat within their hour, so hot pages (the delivery API) sign each file once an hour.
  const signed = new Map<string, string>();
  /** A URL (relative to the API) that loads a file's bytes without credentials for one to two hours. */
  const signedUrl = (id: string) => {
    const exp = Math.ceil((clock.now().getTime() + urlLifetimeMs) / urlLifetimeMs) * urlLifetimeMs;
    const key = `${id}:${exp}`;
    let url = signed.get(key);
    if (url === undefined) {
      if (signed.size >= 10_000) signed.clear();
      signed.set(key, (url = `/v1/platform/files/${id}/content?exp=${exp}&sig=${sign(id, exp)}`));
    }
    return url;
  };

  /** The row as the API shows it, with a signed URL an `<img>` can load without credentials. */
  const present = (row: FileRow) => {
    const { storageKey: _key, organizationId: _org, ...rest } = row;
    return { ...rest, url: signedUrl(row.id) };
  };

  const info = tableInfo(files);
  const generic = resourceService(files, filesResource);

  return {
    present,
    signedUrl,
    async upload(ctx: TenantContext, blob: Blob, meta: { name: string; clientId?: string | null; projectId?: string | null }) {
      const id = createId();
      const name = meta.name.replace(/[\\/\0]/g, '_').slice(0, 255) || 'upload';
      const key = storageKey(ctx.organizationId, id, name.replace(/[^\w.-]+/g, '_'));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const checksum = createHash('sha256').update(bytes).digest('hex');
      await storage.put(key, bytes, blob.type || 'application/octet-stream');
      try {
        return await transaction(db, async (tx) => {
          const [row] = await tx
            .insert(files)
            .values({
              id,
              organizationId: ctx.organizationId,
              name,
              mimeType: blob.type || 'application/octet-stream',
              size: bytes.byteLength,
              storageKey: key,
              checksum,
              clientId: meta.clientId ?? null,
              projectId: meta.projectId ?? null,
              uploadedById: ctx.actor.id,
            })
            .returning();
          await recordActivity(tx, ctx, {
            action: 'uploaded',
            entityType: 'files',
            entityId: id,
            entityTitle: name,
            clientId: row!.clientId,
            projectId: row!.projectId,
          });
          return present(row!);
        });
      } catch (error) {
        await storage.delete(key);
        throw error;
      }
    },
    async list(
      ctx: TenantContext,
      query: { limit?: number; cursor?: string; sort?: string; mimeType?: string; clientId?: string; projectId?: string },
    ) {
      const { mimeType, ...rest } = query;
      // "image/" lists every image; a full type matches exactly.
      const extra = mimeType
        ? [mimeType.endsWith('/') ? like(files.mimeType, `${mimeType.replace(/[%_]/g, '')}%`) : eq(files.mimeType, mimeType)]
        : [];
      const page = await generic.list(db, ctx, rest, extra);
      return { data: page.data.map(present), nextCursor: page.nextCursor };
    },
    async get(ctx: TenantContext, id: string) {
      return present(await generic.get(db, ctx, id));
    },
    async remove(ctx: TenantContext, id: string) {
      const row = await generic.get(db, ctx, id);
      const result = await generic.remove(db, ctx, id);
      await storage.delete(row.storageKey);
      return result;
    },
    /** The bytes, for a caller of the organization or a valid signed URL. */
    async content(id: string, access: { ctx?: TenantContext; exp?: string; sig?: string }) {
      let row: FileRow | undefined;
      if (access.ctx)
        [row] = await db
          .select()
          .from(files)
          .where(and(scopeOf(info, access.ctx), eq(files.id, id)))
          .limit(1);
      else {
        const exp = Number(access.exp);
        const expected = Buffer.from(sign(id, exp));
        const given = Buffer.from(access.sig ?? '');
        if (!Number.isFinite(exp) || exp < clock.now().getTime() || given.length !== expected.length || !timingSafeEqual(given, expected))
          throw badRequest([{ path: 'query.sig', message: 'Invalid or expired file link' }]);
        [row] = await db.select().from(files).where(eq(files.id, id)).limit(1);
      }
      if (!row) throw notFound('file');
      const stored = await storage.get(row.storageKey);
      if (!stored) throw notFound('file content');
      return { row, ...stored };
    },
  };
}
export type FileService = ReturnType<typeof createFileService>;
