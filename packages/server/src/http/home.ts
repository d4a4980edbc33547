// What a person sees opening the server's address in a browser: not a 404, but where to go next.

/** A link the start page shows besides the reference (the host app of a demo, an admin console, …). */
export interface HomeLink {
  label: string;
  url: string;
}

/** The SpokeStack mark, served as the favicon of the start page and the reference. */
export const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><title>SpokeStack</title><rect width="32" height="32" rx="7" ' +
  'fill="#4f46e5"/>' +
  '<circle cx="16" cy="16" r="5" fill="#fff"/><g stroke="#fff" stroke-width="3" stroke-linecap="round">' +
  '<path d="M16 4v5M16 23v5M4 16h5M23 16h5"/></g></svg>';

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[ch]};`);

/**
 * The start page at `/`: links to the API reference, the OpenAPI document, and `links`. Only http(s)
 * links are shown.
 *
 * @example app.get('/', (c) => c.html(homePage([{ label: 'Host app', url: 'http://localhost:5173/' }])))
 */
export function homePage(links: HomeLink[] = []): string {
  const items = [
    { label: 'API reference', url: '/docs', note: 'every operation, its roles, bodies and replies' },
    { label: 'OpenAPI document', url: '/v1/openapi.json', note: 'OpenAPI 3.1, for code generators and API clients' },
    ...links.filter((l) => /^https?:\/\//.test(l.url)).map((l) => ({ ...l, note: l.url })),
  ]
    .map((l) => `<li><a href="${esc(l.url)}">${esc(l.label)}</a><span>${esc(l.note)}</span></li>`)
    .join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" ` +
    `content="width=device-width,initial-scale=1"><title>SpokeStack</title><link rel="icon" href="/favicon.svg" ` +
    `type="image/svg+xml"><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 ` +
    `1rem;color:#1f2937}a{color:#4338ca;font-weight:600}ul{list-style:none;padding:0}li{margin:.75rem ` +
    `0;display:flex;flex-direction:column}span{color:#4b5563;font-size:14px}@media ` +
    `(prefers-color-scheme:dark){body{background:#111827;color:#f3f4f6}a{color:#a5b4fc}span{color:#d1d5db}` +
    `}</style></head><body><h1>SpokeStack API</h1><p>This server speaks JSON under <code>/v1</code>` +
    `. Authenticate with <code>Authorization: Bearer &lt;key or session token&gt;</code>.</p><ul>` +
    `${items}</ul></body></html>`
  );
}
