import { damOps as ops } from '@spokestack/core/dam';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { listAssetRenditions, renditionContent, retryRendition } from './renditions.js';
import { handleTus } from './tus.js';
import { ingestUpload } from './uploads.js';

/**
 * Uploads (multipart and streamed) and renditions: their list with URLs, retries, and their bytes under
 * content-addressed URLs.
 *
 * @example uploadRoutes(router, db)
 */
export function uploadRoutes(router: Router, db: Db): void {
  router.on(ops.uploadAsset, ({ ctx, body }) => {
    const { file, ...meta } = body;
    return ingestUpload(db, ctx, file.stream(), { ...meta, fileName: meta.fileName || file.name || undefined }, 'body');
  });
  router.on(ops.streamUpload, ({ ctx, query, c }) => ingestUpload(db, ctx, c.req.raw.body, query, 'query'));
  router.on(ops.assetRenditions, ({ ctx, params }) => listAssetRenditions(db, ctx, params.id));
  router.on(ops.retryRendition, ({ ctx, params }) => retryRendition(db, ctx, params.id));
  router.on(ops.renditionContent, async ({ app, params, c }) => {
    const { body, size, mimeType, checksum } = await renditionContent(db, app, params.id, params.file);
    const headers = {
      'content-type': mimeType,
      'content-length': String(size),
      etag: `"${checksum}"`,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    };
    if (c.req.header('if-none-match') === headers.etag) {
      await body.cancel();
      return c.body(null, 304, headers);
    }
    return c.body(body, 200, headers);
  });
}

/** The tus resumable upload protocol (`/v1/dam/tus`), for Uppy and tus-js-client. @example tusRoutes(router, db) */
export function tusRoutes(router: Router, db: Db): void {
  router.on(ops.tusCreate, ({ ctx, app, c }) => handleTus(db, ctx, app, c.req.raw));
  router.on(ops.tusOffset, ({ ctx, app, params, c }) => handleTus(db, ctx, app, c.req.raw, params.id));
  router.on(ops.tusPatch, ({ ctx, app, params, c }) => handleTus(db, ctx, app, c.req.raw, params.id));
  router.on(ops.tusTerminate, ({ ctx, app, params, c }) => handleTus(db, ctx, app, c.req.raw, params.id));
}
