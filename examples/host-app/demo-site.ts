import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { writeTracker } from '../../packages/tracker/scripts/build.js';

// A demo website beside the back office: `/demo-site` is a customer's page carrying SpokeStack's tracking
// tag, and `/tracker.js` the tracker as `pnpm build` ships it (packages/tracker/dist, built when the dev
// server starts). The beacons go to `/v1/analytics/collect` on this origin, which the dev server forwards to
// the API, so the web property's domain is this page's host (`localhost` for the demo's property).

interface Options {
  /** Where the SpokeStack API answers (server to server). */
  apiUrl: string;
  /** The organization's secret key, to find its first web property when the address names none. */
  secretKey: string | undefined;
}

/** The web property the page tracks: `?property=` when given, else the organization's first one. */
async function propertyOf(options: Options, req: IncomingMessage): Promise<string | null> {
  const asked = new URL(req.url ?? '', 'http://host').searchParams.get('property');
  if (asked) return asked;
  if (!options.secretKey) return null;
  const reply = await fetch(`${options.apiUrl}/v1/analytics/web-properties?limit=1`, {
    headers: { authorization: `Bearer ${options.secretKey}` },
  });
  if (!reply.ok) return null;
  const { data } = (await reply.json()) as { data: { id: string }[] };
  return data[0]?.id ?? null;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: a small outdoor shop's landing page, with the tag a customer pastes into their `<head>`. */
function page(property: string | null): string {
  const tag = property ? `<script defer src="/tracker.js" data-property="${escape(property)}"></script>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harbor &amp; Pine — rain gear for the commute</title>
${tag}
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1c2b2a; background: #f6f4ef; }
  header, main, footer { max-width: 44rem; margin: 0 auto; padding: 1.5rem; }
  h1 { font-size: 2rem; margin: 0 0 .5rem; }
  a { color: #0b5d57; }
  .cta { display: inline-block; padding: .6rem 1.1rem; border-radius: .4rem; background: #0b5d57; color: #fff; text-decoration: none; }
</style>
</head>
<body>
<header><strong>Harbor &amp; Pine Outfitters</strong></header>
<main>
  <h1>Rain jackets that pack into their own pocket</h1>
  <p>Seam-sealed, 340 grams, and a hood that turns with you. Free repairs for as long as you own it.</p>
  <p><a class="cta" href="#shop">Shop rain jackets</a></p>
  <p>${
    property
      ? 'This page counts its visits with the SpokeStack tracker: no cookies, nothing kept in the browser.'
      : 'No web property to track: create one through the API, or open this page with <code>?property=…</code>.'
  }</p>
</main>
<footer><small>A demo page of the SpokeStack host example.</small></footer>
</body>
</html>`;
}

/**
 * The demo website as a Vite plugin, in the dev and preview servers.
 *
 * @example plugins: [react(), demoSite({ apiUrl: 'http://localhost:4000', secretKey: process.env.SPOKESTACK_SECRET_KEY })]
 */
export function demoSite(options: Options): Plugin {
  let tracker: Promise<string> | undefined;
  const handle = async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const path = new URL(req.url ?? '', 'http://host').pathname;
    try {
      if (path === '/tracker.js') {
        tracker ??= writeTracker().then((file) => readFile(file, 'utf8'));
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
        return void res.end(await tracker);
      }
      if (path === '/demo-site') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return void res.end(page(await propertyOf(options, req)));
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return void res.end(error instanceof Error ? error.message : String(error));
    }
    next();
  };
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void handle(req, res, next);
  // `void`: a function returned from these hooks would be taken for a post-hook.
  return {
    name: 'host-app-demo-site',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}
