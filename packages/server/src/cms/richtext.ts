/**
 * Rich text is stored as Tiptap (ProseMirror) JSON. The server checks the document's shape so that
 * every renderer downstream (the editor, the delivery API's consumers) can trust it, refuses
 * script-bearing links, and extracts plain text for search.
 */

/** A Tiptap node as stored in an entry's `data`. */
export interface TiptapNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: TiptapNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

// The node and mark types of the editor's extensions (StarterKit, links, tables, images, tasks and a few
// common inline extensions). Anything else would render as nothing, or not at all, in consumers.
const nodeTypes = new Set([
  'doc',
  'paragraph',
  'text',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'taskList',
  'taskItem',
  'blockquote',
  'codeBlock',
  'horizontalRule',
  'hardBreak',
  'image',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
  'mention',
  'details',
  'detailsSummary',
  'detailsContent',
  'youtube',
]);
const markTypes = new Set(['bold', 'italic', 'strike', 'underline', 'code', 'link', 'highlight', 'subscript', 'superscript', 'textStyle']);
// Blocks end a line in the extracted text; inline nodes run together.
const blockTypes = new Set([
  'paragraph',
  'heading',
  'image',
  'table',
  'horizontalRule',
  'listItem',
  'taskItem',
  'blockquote',
  'codeBlock',
  'tableCell',
  'tableHeader',
  'tableRow',
  'detailsSummary',
]);

const maxDepth = 64;
const maxNodes = 100_000;
// Links and images may point to web pages, mail, phone numbers, anchors or relative paths — never to
// `javascript:` or `data:` URLs, which would run script in a reader's browser.
const safeUrl = /^(https?:|mailto:|tel:|#|\/|\.{0,2}\/|[^:]*$)/i;

// A character reference (`javascript&colon;…`) turns into a scheme once an HTML renderer decodes it.
const charReference = /&(#\d+|#x[\da-f]+);?|&[a-z][\da-z]*;/i;
const isSafeUrl = (value: unknown) =>
  typeof value === 'string' && !/[\u0000-\u001f\u007f]/.test(value) && !charReference.test(value) && safeUrl.test(value.trim());

// The attributes each node and mark of the editor's extensions carries, and what each may hold: a safe
// URL, plain text (no markup: a mention label is rendered as text, never as HTML), a number, a boolean,
// or a CSS colour. Anything else (`onerror`, `style`, `srcset`, …) is refused.
type AttrKind = 'url' | 'text' | 'number' | 'boolean' | 'color' | 'numbers' | 'target' | 'rel';
const attrsOf: Record<string, Record<string, AttrKind>> = {
  heading: { level: 'number', textAlign: 'text' },
  paragraph: { textAlign: 'text' },
  orderedList: { start: 'number', type: 'text' },
  codeBlock: { language: 'text' },
  taskItem: { checked: 'boolean' },
  image: { src: 'url', alt: 'text', title: 'text', width: 'number', height: 'number', fileId: 'text' },
  tableCell: { colspan: 'number', rowspan: 'number', colwidth: 'numbers' },
  tableHeader: { colspan: 'number', rowspan: 'number', colwidth: 'numbers' },
  mention: { id: 'text', label: 'text', mentionSuggestionChar: 'text' },
  details: { open: 'boolean' },
  youtube: { src: 'url', start: 'number', width: 'number', height: 'number' },
  link: { href: 'url', target: 'target', rel: 'rel', class: 'text', title: 'text' },
  highlight: { color: 'color' },
  textStyle: { color: 'color' },
};
const color = /^(#[\da-f]{3,8}|rgba?\(\s*[\d.%\s,/]+\)|[a-z]{3,20})$/i;
// A link opens here or in a new tab; its rel holds what the editor's link form offers (a new tab brings
// noopener noreferrer), each once: no `opener`, no `me`/`alternate` claims a delivered page would make.
const linkRels = new Set(['noopener', 'noreferrer', 'nofollow', 'sponsored', 'ugc']);
const isLinkRel = (value: unknown) => {
  if (typeof value !== 'string') return false;
  const tokens = value.trim().split(/\s+/);
  return tokens.every((token) => linkRels.has(token)) && new Set(tokens).size === tokens.length;
};
function attrError(type: string, attrs: Record<string, unknown>, path: string): { path: string; message: string } | undefined {
  const allowed = attrsOf[type] ?? {};
  for (const [name, value] of Object.entries(attrs)) {
    const kind = allowed[name];
    const at = `${path}attrs.${name}`;
    if (!kind) return { path: at, message: `"${type}" has no attribute "${name}"` };
    if (value === null) continue;
    const ok =
      kind === 'url'
        ? isSafeUrl(value)
        : kind === 'target'
          ? value === '_blank'
          : kind === 'rel'
            ? isLinkRel(value)
            : kind === 'text'
              ? typeof value === 'string' && value.length <= 2000 && !/[<>]/.test(value)
              : kind === 'number'
                ? typeof value === 'number' && Number.isFinite(value)
                : kind === 'numbers'
                  ? Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isFinite(n))
                  : kind === 'boolean'
                    ? typeof value === 'boolean'
                    : typeof value === 'string' && color.test(value);
    if (!ok)
      return {
        path: at,
        message:
          kind === 'url'
            ? 'Must be a safe URL (http, https, mailto, tel or relative)'
            : kind === 'target'
              ? 'A link opens in the same tab (null) or a new one ("_blank")'
              : kind === 'rel'
                ? 'Must be some of noopener, noreferrer, nofollow, sponsored, ugc, each once, separated by spaces'
                : kind === 'text'
                  ? 'Must be plain text (no < or >)'
                  : `Must be a ${kind === 'numbers' ? 'list of numbers' : kind}`,
      };
  }
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks that `value` is a Tiptap document; returns the problem (with a JSON path inside the document),
 * or undefined when it is valid.
 *
 * @example richTextError({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] }) // undefined
 */
export function richTextError(value: unknown): { path: string; message: string } | undefined {
  if (!isRecord(value) || value.type !== 'doc')
    return { path: '', message: 'Expected a rich text document: { "type": "doc", "content": [...] }' };
  let count = 0;
  const visit = (node: unknown, path: string, depth: number): { path: string; message: string } | undefined => {
    if (++count > maxNodes) return { path, message: `A document holds at most ${maxNodes} nodes` };
    if (depth > maxDepth) return { path, message: `Nesting deeper than ${maxDepth} levels` };
    if (!isRecord(node) || typeof node.type !== 'string') return { path, message: 'Expected a node with a "type"' };
    if (!nodeTypes.has(node.type)) return { path: `${path}type`.replace(/^\./, ''), message: `Unknown node type "${node.type}"` };
    if (depth > 0 && node.type === 'doc') return { path, message: 'A document cannot contain another document' };
    for (const key of Object.keys(node))
      if (!['type', 'attrs', 'content', 'marks', 'text'].includes(key)) return { path: `${path}${key}`, message: 'Unknown node property' };
    if (node.attrs !== undefined && !isRecord(node.attrs)) return { path: `${path}attrs`, message: 'Expected an object' };
    if (node.type === 'text') {
      if (typeof node.text !== 'string' || !node.text) return { path: `${path}text`, message: 'A text node needs non-empty "text"' };
      if (node.content !== undefined) return { path: `${path}content`, message: 'A text node has no content' };
    } else if (node.text !== undefined) return { path: `${path}text`, message: 'Only text nodes carry "text"' };
    if (node.type === 'heading') {
      const level = (node.attrs as Record<string, unknown> | undefined)?.level;
      if (level !== undefined && !(Number.isInteger(level) && (level as number) >= 1 && (level as number) <= 6))
        return { path: `${path}attrs.level`, message: 'Heading level is 1 to 6' };
    }
    if (node.type === 'image') {
      const src = (node.attrs as Record<string, unknown> | undefined)?.src;
      if (typeof src === 'string' && !isSafeUrl(src)) return { path: `${path}attrs.src`, message: 'Unsafe image URL' };
    }
    if (node.attrs !== undefined) {
      const error = attrError(node.type, node.attrs as Record<string, unknown>, path);
      if (error) return error;
    }
    if (node.marks !== undefined) {
      if (!Array.isArray(node.marks)) return { path: `${path}marks`, message: 'Expected an array' };
      for (const [i, mark] of node.marks.entries()) {
        if (!isRecord(mark) || typeof mark.type !== 'string' || !markTypes.has(mark.type))
          return { path: `${path}marks.${i}`, message: 'Unknown mark' };
        if (mark.attrs !== undefined && !isRecord(mark.attrs)) return { path: `${path}marks.${i}.attrs`, message: 'Expected an object' };
        const href = (mark.attrs as Record<string, unknown> | undefined)?.href;
        if (mark.type === 'link' && !isSafeUrl(href))
          return { path: `${path}marks.${i}.attrs.href`, message: 'A link needs a safe href (http, https, mailto, tel or relative)' };
        if (mark.attrs !== undefined) {
          const error = attrError(mark.type, mark.attrs as Record<string, unknown>, `${path}marks.${i}.`);
          if (error) return error;
        }
        // A new tab without noopener hands the opened page `window.opener`, a way to navigate the reader's tab.
        const { target, rel } = (mark.attrs ?? {}) as Record<string, unknown>;
        if (mark.type === 'link' && target === '_blank' && !(typeof rel === 'string' && rel.split(/\s+/).includes('noopener')))
          return { path: `${path}marks.${i}.attrs.rel`, message: 'A link that opens a new tab needs rel "noopener noreferrer"' };
      }
    }
    if (node.content !== undefined) {
      if (!Array.isArray(node.content)) return { path: `${path}content`, message: 'Expected an array' };
      for (const [i, child] of node.content.entries()) {
        const error = visit(child, `${path}content.${i}.`, depth + 1);
        if (error) return error;
      }
    }
    return undefined;
  };
  const error = visit(value, '', 0);
  return error && { path: error.path.replace(/\.$/, ''), message: error.message };
}

/**
 * The text of a Tiptap document: blocks on their own lines, inline nodes run together, images by
 * their alt text. Used for `plainText` (search) and for length limits.
 *
 * @example plainTextOf({ type: 'doc', content: [{ type: 'heading', content: [{ type: 'text', text: 'Hello' }] }] }) // 'Hello'
 */
export function plainTextOf(doc: unknown): string {
  const out: string[] = [];
  const visit = (node: unknown) => {
    if (!isRecord(node)) return;
    if (node.type === 'text' && typeof node.text === 'string') out.push(node.text);
    else if (node.type === 'hardBreak') out.push('\n');
    else if (node.type === 'image' && isRecord(node.attrs) && typeof node.attrs.alt === 'string') out.push(node.attrs.alt);
    if (Array.isArray(node.content)) node.content.forEach(visit);
    if (typeof node.type === 'string' && blockTypes.has(node.type)) out.push('\n');
  };
  visit(doc);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Whether a document says anything: some text, or an atom such as an image or a rule. An editor's
 * empty document (`doc > paragraph`) is empty, so a required rich text field refuses it.
 *
 * @example isEmptyRichText({ type: 'doc', content: [{ type: 'paragraph' }] }) // true
 */
export function isEmptyRichText(doc: unknown): boolean {
  const hasContent = (node: unknown): boolean => {
    if (!isRecord(node)) return false;
    if (node.type === 'text') return typeof node.text === 'string' && node.text.trim() !== '';
    if (node.type === 'image' || node.type === 'horizontalRule' || node.type === 'youtube' || node.type === 'mention') return true;
    return Array.isArray(node.content) && node.content.some(hasContent);
  };
  return !hasContent(doc);
}

/**
 * A rich text document holding `text` as paragraphs, one per line (used when a text field becomes rich text).
 *
 * @example textToRichText('Hello\nWorld') // { type: 'doc', content: [paragraph 'Hello', paragraph 'World'] }
 */
export function textToRichText(text: string): TiptapNode {
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
  };
}

/**
 * The uploaded images of a document: image nodes whose `attrs.fileId` names a file, with the JSON
 * path of that id inside the document. Saves check these ids like media fields' (files of the
 * organization), which is what lets delivery sign URLs for them.
 *
 * @example richTextImages({ type: 'doc', content: [{ type: 'image', attrs: { fileId: 'f1' } }] }) // [{ fileId: 'f1', path:
 * 'content.0.attrs.fileId' }]
 */
export function richTextImages(doc: unknown): { fileId: string; path: string }[] {
  const out: { fileId: string; path: string }[] = [];
  const visit = (node: unknown, path: string) => {
    if (!isRecord(node)) return;
    if (node.type === 'image' && isRecord(node.attrs) && typeof node.attrs.fileId === 'string')
      out.push({ fileId: node.attrs.fileId, path: `${path}attrs.fileId` });
    if (Array.isArray(node.content)) node.content.forEach((child, i) => visit(child, `${path}content.${i}.`));
  };
  visit(doc, '');
  return out;
}

/**
 * A copy of the document whose uploaded images (`attrs.fileId`) carry `src: urlOf(fileId)` — the
 * stored `src` of an upload is a signed URL that expires, so readers get a fresh one. Returns the
 * document itself when it holds no such image.
 *
 * @example withImageUrls(doc, (id) => origin + files.signedUrl(id))
 */
export function withImageUrls<T>(doc: T, urlOf: (fileId: string) => string): T {
  const rewrite = (node: unknown): unknown => {
    if (!isRecord(node)) return node;
    let next = node;
    if (node.type === 'image' && isRecord(node.attrs) && typeof node.attrs.fileId === 'string')
      next = { ...node, attrs: { ...node.attrs, src: urlOf(node.attrs.fileId) } };
    if (Array.isArray(node.content)) {
      const content = node.content.map(rewrite);
      if (content.some((c, i) => c !== (node.content as unknown[])[i])) next = { ...next, content };
    }
    return next;
  };
  return rewrite(doc) as T;
}
