import { Mark, markPasteRule, mergeAttributes, type Extensions } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Code } from '@tiptap/extension-code';
import { CodeBlock } from '@tiptap/extension-code-block';
import { Document } from '@tiptap/extension-document';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Heading } from '@tiptap/extension-heading';
import { HorizontalRule } from '@tiptap/extension-horizontal-rule';
import { Italic } from '@tiptap/extension-italic';
// The lists' and the editor helpers' own entry points: their package roots also hold task lists, placeholders,
// focus and character counts, which bundlers keep (the modules are not marked side-effect free).
import { BulletList } from '@tiptap/extension-list/bullet-list';
import { ListItem } from '@tiptap/extension-list/item';
import { ListKeymap } from '@tiptap/extension-list/keymap';
import { OrderedList } from '@tiptap/extension-list/ordered-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Strike } from '@tiptap/extension-strike';
import { TableKit } from '@tiptap/extension-table';
import { Text } from '@tiptap/extension-text';
import { Underline } from '@tiptap/extension-underline';
import { Dropcursor } from '@tiptap/extensions/drop-cursor';
import { Gapcursor } from '@tiptap/extensions/gap-cursor';
import { TrailingNode } from '@tiptap/extensions/trailing-node';
import { UndoRedo } from '@tiptap/extensions/undo-redo';
import { Plugin, PluginKey } from '@tiptap/pm/state';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    link: {
      /** Links the selection. */
      setLink: (attributes: { href: string; target?: string | null; rel?: string | null }) => ReturnType;
      /** Links the selection, or unlinks it when it is a link. */
      toggleLink: (attributes: { href: string; target?: string | null; rel?: string | null }) => ReturnType;
      /** Removes the link around the selection. */
      unsetLink: () => ReturnType;
    };
  }
}

/** What the server's rich-text allow-list accepts as a link target: http(s), mailto, tel, or relative. */
const safeHref = /^(?:https?:|mailto:|tel:|[/#?.]|(?![a-z][a-z\d+.-]*:))/i;
/** A URL typed or pasted as text: with a scheme, or starting with `www.`; closing punctuation is not part of it. */
const urlInText = /(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'}]/gi;
const urlWord = new RegExp(`^${urlInText.source}$`, 'i');
const trailingPunctuation = /[.,;:!?)\]'}]+$/;
const hrefOf = (url: string) => (url.toLowerCase().startsWith('www.') ? `https://${url}` : url);

/** The `rel` values an editor may choose for a link; the server's allow-list keeps exactly these (and noopener, noreferrer). */
export const linkRels = ['nofollow', 'sponsored', 'ugc'] as const;
export type LinkRel = (typeof linkRels)[number];

/**
 * A link's attributes from the link form's choices: a new tab brings `noopener noreferrer` (the opened page gets no
 * handle on this one), and the chosen relationships follow.
 *
 * @example linkAttributes('https://x.test', { newTab: true, rels: ['sponsored'] })
 * // { href: 'https://x.test', target: '_blank', rel: 'noopener noreferrer sponsored' }
 */
export function linkAttributes(href: string, { newTab, rels }: { newTab: boolean; rels: readonly LinkRel[] }) {
  const rel = [...(newTab ? ['noopener', 'noreferrer'] : []), ...linkRels.filter((r) => rels.includes(r))].join(' ');
  return { href, target: newTab ? '_blank' : null, rel: rel || null };
}

/**
 * Links, without the 60 KB URL recognizer of `@tiptap/extension-link`: a URL becomes a link when the space after
 * it is typed or when it is pasted, `setLink` / `toggleLink` / `unsetLink` edit links, and only safe targets
 * (http, https, mailto, tel, relative) are kept, the same rule as the server's allow-list.
 */
export const Link = Mark.create({
  name: 'link',
  priority: 1000,
  keepOnSplit: false,
  exitable: true,
  // Text typed right after a link is not part of it ("our website" + "." stays "our website").
  inclusive: false,
  addAttributes() {
    return {
      href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute('href') },
      // Neither a new tab nor nofollow by default: both are the editor's choices in the link form (linkAttributes).
      target: { default: null },
      rel: { default: null },
      class: { default: null },
      title: { default: null },
    };
  },
  parseHTML() {
    return [{ tag: 'a[href]', getAttrs: (element: HTMLElement) => (safeHref.test(element.getAttribute('href') ?? '') ? null : false) }];
  },
  renderHTML({ HTMLAttributes }) {
    const href = typeof HTMLAttributes.href === 'string' && safeHref.test(HTMLAttributes.href) ? HTMLAttributes.href : '';
    return ['a', mergeAttributes(HTMLAttributes, { href }), 0];
  },
  addCommands() {
    return {
      setLink:
        (attributes) =>
        ({ chain }) =>
          safeHref.test(attributes.href) && chain().setMark(this.name, attributes).setMeta('preventAutolink', true).run(),
      toggleLink:
        (attributes) =>
        ({ chain }) =>
          safeHref.test(attributes.href) &&
          chain().toggleMark(this.name, attributes, { extendEmptyMarkRange: true }).setMeta('preventAutolink', true).run(),
      unsetLink:
        () =>
        ({ chain }) =>
          chain().unsetMark(this.name, { extendEmptyMarkRange: true }).setMeta('preventAutolink', true).run(),
    };
  },
  addPasteRules() {
    return [
      markPasteRule({
        find: (text) =>
          [...text.matchAll(urlInText)].map((match) => ({ index: match.index, text: match[0], data: { href: hrefOf(match[0]) } })),
        type: this.type,
        getAttributes: (match) => ({ href: match.data?.href }),
      }),
    ];
  },
  addProseMirrorPlugins() {
    const type = this.type;
    return [
      new Plugin({
        key: new PluginKey('autolink'),
        // After a whitespace is typed, the URL just before it (in the same text block, outside code) becomes a link.
        appendTransaction: (transactions, _oldState, state) => {
          if (!transactions.some((tr) => tr.docChanged) || transactions.some((tr) => tr.getMeta('preventAutolink'))) return null;
          const { $from, empty } = state.selection;
          if (!empty || !$from.parent.isTextblock || $from.parent.type.spec.code) return null;
          const before = $from.parent.textBetween(0, $from.parentOffset, undefined, '\ufffc');
          const word = /(\S+)\s$/.exec(before);
          const url = word?.[1]?.replace(trailingPunctuation, '');
          if (!word || !url || !urlWord.test(url)) return null;
          const from = $from.start() + word.index;
          const to = from + url.length;
          if (
            state.doc.rangeHasMark(from, to, type) ||
            (state.schema.marks.code && state.doc.rangeHasMark(from, to, state.schema.marks.code))
          )
            return null;
          return state.tr.addMark(from, to, type.create({ href: hrefOf(url) }));
        },
      }),
    ];
  },
});

/**
 * The rich-text editor's extensions: what Tiptap's StarterKit holds (built from the single extensions so nothing
 * unused is bundled), tables and links. Their node and mark names are the server's allow-list.
 */
export function richTextExtensions(): Extensions {
  return [
    Document,
    Paragraph,
    Text,
    Bold,
    Italic,
    Strike,
    Underline,
    Code,
    CodeBlock,
    Blockquote,
    Heading.configure({ levels: [1, 2, 3, 4] }),
    HorizontalRule,
    HardBreak,
    BulletList,
    OrderedList,
    ListItem,
    ListKeymap,
    Link,
    Dropcursor,
    Gapcursor,
    UndoRedo,
    TrailingNode,
    TableKit.configure({ table: { resizable: false } }),
  ];
}
