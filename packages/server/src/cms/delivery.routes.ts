import { deliveryOps as ops } from '@spokestack/core/cms';
import type { Context } from 'hono';
import type { Db } from '../db/client.js';
import type { AppEnv } from '../http/env.js';
import type { Router } from '../http/router.js';
import { type DeliveryReply, createDelivery } from './delivery.js';
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
}
