import { platformOps as ops } from '@spokestack/core';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { deleteFile, fileContent, getFile, listFiles, uploadFile } from './files.js';
import { servedInline } from './sniff.js';

/**
 * Files: multipart uploads, their rows, and their bytes — for credentials of the organization, or
 * through the signed URL every row carries (so an `<img>` loads it without any).
 *
 * @example fileRoutes(router, db)
 */
export function fileRoutes(router: Router, db: Db): void {
  router.on(ops.uploadFile, ({ ctx, body }) =>
    // Empty text parts count as absent, as HTML forms send them.
    uploadFile(db, ctx, body.file, {
      name: body.name || body.file.name || 'upload',
      clientId: body.clientId || null,
      projectId: body.projectId || null,
    }),
  );
  router.on(ops.listFiles, ({ ctx, query }) => listFiles(db, ctx, query));
  router.on(ops.getFile, ({ ctx, params }) => getFile(db, ctx, params.id));
  router.on(ops.deleteFile, ({ ctx, params }) => deleteFile(db, ctx, params.id));
  router.on(ops.downloadFile, async ({ tenant, app, params, query, c }) => {
    // A publishable key sees no files by itself; like anyone, it loads them through their signed URLs.
    const member = tenant?.actor.publishable ? undefined : tenant;
    const { row, body, size } = await fileContent(db, app, params.id, { tenant: member, exp: query.exp, sig: query.sig });
    const etag = `"${row.checksum ?? row.id}"`;
    const disposition = query.download || !servedInline(row.mimeType) ? 'attachment' : 'inline';
    const headers = {
      'content-type': row.mimeType,
      'content-length': String(size),
      etag,
      'cache-control': member ? 'private, max-age=300' : 'public, max-age=3600, immutable',
      // Active or unknown types (HTML, SVG, XML, JavaScript, …) only ever download, under a sandbox that
      // would keep them from running script on the API's origin even if a browser rendered them.
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(row.name)}`,
      'content-security-policy': 'sandbox',
      'x-content-type-options': 'nosniff',
    };
    if (c.req.header('if-none-match') === etag) {
      await body.cancel();
      return c.body(null, 304, headers);
    }
    return c.body(body, 200, headers);
  });
}
