import { deliveryOps as ops } from '@spokestack/core/cms';
import type { Context } from 'hono';
import type { Db } from '../db/client.js';
import type { AppEnv } from '../http/env.js';
import type { Router } from '../http/router.js';
import { notFound } from '../http/problem.js';
import { type DeliveryReply, createDelivery, publishedMedia } from './delivery.js';
import { createPreviewToken } from './preview-tokens.js';

/** Whether `If-None-Match` names the reply's ETag (weak or strong, or `*`). */
const matches = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);

/**
 * A delivery reply: the serialized body with its ETag (304 when the client has it), cacheable by
 * shared caches for the type's `deliveryMaxAge` and `deliveryStaleWhileRevalidate` (keyed by the
 * credentials too), named by `Surrogate-Key` (Fastly, space-separated) and `Cache-Tag` (Cloudflare,
 * comma-separated) for purges; drafts never cached.
 */
function send(c: Context<AppEnv>, reply: DeliveryReply): Response {
  const { maxAge, staleWhileRevalidate } = reply.cache;
  const headers: Record<string, string> = {
    etag: reply.etag,
    'cache-control': reply.preview ? 'private, no-store' : `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`,
    vary: 'Authorization',
    'content-language': reply.locale,
  };
  if (!reply.preview) {
    headers['surrogate-key'] = reply.keys.join(' ');
    headers['cache-tag'] = reply.keys.join(',');
  }
  if (matches(c.req.header('if-none-match'), reply.etag)) return c.body(null, 304, headers);
  return c.body(reply.body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
}

/** The delivery API (publishable keys welcome) and its preview tokens. @example deliveryRoutes(router, db) */
export function deliveryRoutes(router: Router, db: Db): void {
  const delivery = createDelivery();
  router.on(ops.createPreviewToken, ({ ctx, body }) => createPreviewToken(db, ctx, body));
  router.on(ops.deliveryList, async ({ ctx, params, query, c }) =>
    send(c, await delivery.list(db, ctx, params.type, query, new URL(c.req.url).origin)),
  );
  router.on(ops.deliveryGet, async ({ ctx, params, query, c }) =>
    send(c, await delivery.get(db, ctx, params.type, params.slug, query, new URL(c.req.url).origin)),
  );
  // Immutable for caches: the bytes behind a URL never change; a purge of the entry's key (or the
  // entry's next publish) is what ends a cached copy once the file leaves the entry.
  router.on(ops.deliveryMedia, async ({ app, params, c }) => {
    const file = await publishedMedia(db, params.entryId, params.fileId);
    const stored = file && (await app.files.storage.get(file.storage_key));
    if (!file || !stored) throw notFound('File');
    const headers = {
      'content-type': file.mime_type,
      'content-length': String(stored.size),
      etag: `"${file.checksum ?? file.id}"`,
      'cache-control': 'public, max-age=31536000, immutable',
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'x-content-type-options': 'nosniff',
      'surrogate-key': `entry-${params.entryId}`,
      'cache-tag': `entry-${params.entryId}`,
    };
    if (c.req.header('if-none-match') === headers.etag) {
      await stored.body.cancel();
      return c.body(null, 304, headers);
    }
    return c.body(stored.body, 200, headers);
  });
}
