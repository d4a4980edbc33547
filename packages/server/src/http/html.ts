import { createHash } from 'node:crypto';

/** What every page the server renders sends beside its policy: no framing (for pre-CSP-2 browsers too), no referrer. */
export const pageFraming = { 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' } as const;

/**
 * The headers of a page the server renders itself (`/`, `/docs`): a strict Content-Security-Policy that
 * runs no script at all, allows exactly the page's own `<style>` blocks (by hash, not `unsafe-inline`),
 * loads images only from this origin, and forbids framing (`frame-ancestors 'none'`, and
 * `X-Frame-Options` for browsers older than CSP 2). Anything injected into the page would do nothing.
 *
 * @example app.get('/', (c) => c.html(page, 200, pageHeaders(page))) // pageHeaders(page, { formAction: "'self'" }) for a form
 */
export function pageHeaders(html: string, options: { formAction?: string } = {}): Record<string, string> {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css]) => `'sha256-${createHash('sha256').update(css!).digest('base64')}'`,
  );
  const policy = [
    "default-src 'none'",
    `style-src ${styles.join(' ') || "'none'"}`,
    "img-src 'self'",
    "base-uri 'none'",
    // A page with a form (the unsubscribe confirmation) names where it may post; the rest post nowhere.
    `form-action ${options.formAction ?? "'none'"}`,
    "frame-ancestors 'none'",
  ];
  return { 'Content-Security-Policy': policy.join('; '), ...pageFraming };
}
