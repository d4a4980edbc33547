/** What the content page shows, from the address: `#/content/<entryId>` or `#/content/new/<contentTypeId>`. */
export type ContentSelection = { entryId: string } | { contentTypeId: string } | null;

/** The content page's selection in a hash route, or undefined when the route is another page. */
export function parseContentRoute(hash: string): ContentSelection | undefined {
  if (hash !== '#/content' && !hash.startsWith('#/content/')) return undefined;
  const [first, second] = hash.slice('#/content/'.length).split('/');
  if (first === 'new' && second) return { contentTypeId: decodeURIComponent(second) };
  return first ? { entryId: decodeURIComponent(first) } : null;
}
