import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './env.js';
import { pageFraming } from './html.js';

/**
 * The API reference's policy: only this server's own scripts, styles, images and API — no inline script or style,
 * no CDN — so the page works offline and nothing injected into the document (a description, an example) can run.
 * `data:` images are Swagger UI's icons.
 */
export const docsCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Swagger UI shipped in the package (swagger-ui-dist), served from node_modules: no internet needed.
const assets = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

// The page's own script, a file rather than inline so the policy needs no 'unsafe-inline'. Try it out sends
// requests to this same server with the credentials entered under Authorize.
const initScript = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/v1/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    docExpansion: 'none',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    filter: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
    validatorUrl: null,
  });
});
`;

const page =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
  '<title>SpokeStack API reference</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">' +
  '<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body>' +
  '<noscript><p>The reference needs JavaScript; the document itself is at <a href="/v1/openapi.json">/v1/openapi.json</a>.</p></noscript>' +
  '<main id="reference"></main><script src="/docs/assets/swagger-ui-bundle.js"></script>' +
  '<script src="/docs/assets/init.js"></script></body></html>';

/**
 * Serves the API reference at `/docs`: Swagger UI over `/v1/openapi.json`, its assets from this server under a
 * strict Content Security Policy. The assets are read on first request and kept in memory.
 *
 * @example registerDocs(app)
 */
export function registerDocs(app: Hono<AppEnv>) {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, string>();
  const read = (name: keyof typeof assets) => cache.get(name) ?? cache.set(name, readFileSync(join(dir, name), 'utf8')).get(name)!;
  const headers = (type: string) => ({ 'Content-Type': type, 'Content-Security-Policy': docsCsp, ...pageFraming });

  app.get('/docs', (c) => c.body(page, 200, { ...headers('text/html; charset=utf-8'), 'Cache-Control': 'no-cache' }));
  app.get('/docs/assets/init.js', (c) =>
    c.body(initScript, 200, { ...headers(assets['swagger-ui-bundle.js']), 'Cache-Control': 'no-cache' }),
  );
  // The package's version can change them: an hour of caching, then revalidate.
  for (const [name, type] of Object.entries(assets) as [keyof typeof assets, string][])
    app.get(`/docs/assets/${name}`, (c) => c.body(read(name), 200, { ...headers(type), 'Cache-Control': 'public, max-age=3600' }));
}
