import type { ContentField } from '@spokestack/core/cms';

/** One run of a word diff: kept, removed (only before) or added (only after). */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

const maxWords = 1500;

/**
 * A word-level diff of two texts (longest common subsequence over words and the spaces between them), so a
 * changed sentence shows which words changed. Very long texts (beyond ~1,500 words) come back as one removal and
 * one addition.
 *
 * @example diffWords('the quick fox', 'the slow fox') // same 'the ', removed 'quick', added 'slow', same ' fox'
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = before.split(/(\s+)/).filter(Boolean);
  const b = after.split(/(\s+)/).filter(Boolean);
  if (a.length > maxWords || b.length > maxWords)
    return [...(before ? [{ kind: 'removed' as const, text: before }] : []), ...(after ? [{ kind: 'added' as const, text: after }] : [])];
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return parts;
}

interface Node {
  type?: string;
  text?: string;
  content?: Node[];
  attrs?: Record<string, unknown>;
}

const blockNodes = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'codeBlock', 'tableRow', 'tableCell', 'tableHeader']);

/**
 * The text of a Tiptap document, blocks on their own lines and images by their alt text.
 *
 * @example plainText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] }) // 'Hi'
 */
export function plainText(doc: unknown): string {
  const out: string[] = [];
  const visit = (node: Node) => {
    if (node.type === 'text' && typeof node.text === 'string') out.push(node.text);
    else if (node.type === 'hardBreak') out.push('\n');
    else if (node.type === 'image') out.push(`[${typeof node.attrs?.alt === 'string' ? node.attrs.alt : 'image'}]`);
    node.content?.forEach(visit);
    if (node.type && blockNodes.has(node.type)) out.push('\n');
  };
  if (typeof doc === 'object' && doc !== null) visit(doc as Node);
  return out.join('').replace(/\n+/g, '\n').trim();
}

/**
 * A field value as text for the version diff: rich text as its text, lists joined, yes/no for booleans, JSON for
 * the rest (media are shown as files, never as text).
 *
 * @example valueText({ type: 'boolean', name: 'featured' }, true, { yes: 'Yes', no: 'No' }) // 'Yes'
 */
export function valueText(field: ContentField | undefined, value: unknown, words: { yes: string; no: string }): string {
  if (value === undefined || value === null) return '';
  switch (field?.type) {
    case 'richtext':
      return plainText(value);
    case 'boolean':
      return value === true ? words.yes : words.no;
    case 'select':
    case 'tags':
    case 'relation':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'text':
    case 'slug':
    case 'date':
      return String(value);
    case 'number':
      return String(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  }
}
