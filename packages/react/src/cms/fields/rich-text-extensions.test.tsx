import { Editor, type JSONContent } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { linkAttributes, richTextExtensions } from './rich-text-extensions.js';

// The editor's links without @tiptap/extension-link: typed and pasted URLs become links, and only the targets
// the server's allow-list keeps can be set.

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

function newEditor() {
  editor = new Editor({ element: document.createElement('div'), extensions: richTextExtensions() });
  return editor;
}

const linksIn = (doc: JSONContent): { text?: string; href?: unknown }[] =>
  (doc.content ?? []).flatMap((node) => [
    ...(node.marks ?? []).filter((mark) => mark.type === 'link').map((mark) => ({ text: node.text, href: mark.attrs?.href })),
    ...linksIn(node),
  ]);

describe('rich text links', () => {
  it('links a URL when the space after it is typed, without its closing punctuation', () => {
    const e = newEditor();
    e.commands.insertContent('See https://example.com/launch');
    expect(linksIn(e.getJSON())).toEqual([]);
    e.commands.insertContent('. ');
    e.commands.insertContent('or www.example.org ');
    expect(linksIn(e.getJSON())).toEqual([
      { text: 'https://example.com/launch', href: 'https://example.com/launch' },
      { text: 'www.example.org', href: 'https://www.example.org' },
    ]);
  });

  it('does not link inside code', () => {
    const e = newEditor();
    e.commands.setCodeBlock();
    e.commands.insertContent('curl https://example.com ');
    expect(linksIn(e.getJSON())).toEqual([]);
  });

  it('links pasted URLs', () => {
    const e = newEditor();
    e.view.pasteText('Read https://example.com/a and mailto:x@example.com');
    expect(linksIn(e.getJSON())).toEqual([{ text: 'https://example.com/a', href: 'https://example.com/a' }]);
  });

  it('sets, and removes, a link on the selection; refuses a script URL', () => {
    const e = newEditor();
    e.commands.insertContent('Brief');
    e.commands.selectAll();
    expect(e.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(linksIn(e.getJSON())).toEqual([]);
    expect(e.commands.setLink({ href: '/briefs/1' })).toBe(true);
    expect(linksIn(e.getJSON())).toEqual([{ text: 'Brief', href: '/briefs/1' }]);
    // Neither a new tab nor nofollow unless chosen.
    expect(e.getHTML()).toContain('<a href="/briefs/1">Brief</a>');
    e.commands.unsetLink();
    expect(linksIn(e.getJSON())).toEqual([]);
  });

  it('does not extend a link with what is typed right after it', () => {
    const e = newEditor();
    e.commands.insertContent('our website');
    e.commands.selectAll();
    e.commands.setLink(linkAttributes('https://x.test', { newTab: false, rels: [] }));
    e.commands.setTextSelection(e.state.doc.content.size - 1);
    e.commands.insertContent('.');
    expect(linksIn(e.getJSON())).toEqual([{ text: 'our website', href: 'https://x.test' }]);
    expect(e.getHTML()).toBe('<p><a href="https://x.test">our website</a>.</p>');
  });

  it('turns the link form choices into target and rel', () => {
    expect(linkAttributes('/a', { newTab: false, rels: [] })).toEqual({ href: '/a', target: null, rel: null });
    expect(linkAttributes('/a', { newTab: true, rels: [] })).toEqual({ href: '/a', target: '_blank', rel: 'noopener noreferrer' });
    expect(linkAttributes('/a', { newTab: false, rels: ['ugc', 'nofollow'] })).toEqual({ href: '/a', target: null, rel: 'nofollow ugc' });
  });

  it('drops unsafe links from pasted HTML', () => {
    const e = newEditor();
    e.commands.setContent('<p><a href="javascript:alert(1)">x</a> <a href="https://example.com">y</a></p>');
    expect(linksIn(e.getJSON())).toEqual([{ text: 'y', href: 'https://example.com' }]);
  });
});
