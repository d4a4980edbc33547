import { describe, expect, it } from 'vitest';
import { isEmptyRichText, plainTextOf, richTextError, textToRichText } from './richtext.js';

const text = (t: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({
  type: 'text',
  text: t,
  ...(marks ? { marks } : {}),
});
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content });

describe('rich text', () => {
  it('extracts plain text: blocks on lines, inline nodes together, image alt text, hard breaks', () => {
    const value = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
      p(text('Hello '), text('bold', [{ type: 'bold' }]), text(' world')),
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p(text('one'))] },
          { type: 'listItem', content: [p(text('two'))] },
        ],
      },
      p(text('line'), { type: 'hardBreak' }, text('break')),
      { type: 'image', attrs: { src: 'https://x.test/a.png', alt: 'A cat' } },
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('cell'))] }] }] },
    );
    expect(plainTextOf(value)).toBe('Title\nHello bold world\none\ntwo\nline\nbreak\nA cat\ncell');
    expect(richTextError(value)).toBeUndefined();
  });

  it('finds the first problem with its path', () => {
    expect(richTextError('text')).toMatchObject({ path: '' });
    expect(richTextError({ type: 'paragraph' })).toMatchObject({ path: '' });
    expect(richTextError(doc(p({ type: 'text' })))).toEqual({
      path: 'content.0.content.0.text',
      message: expect.stringContaining('non-empty'),
    });
    expect(richTextError(doc({ type: 'heading', attrs: { level: 9 } }))).toEqual({
      path: 'content.0.attrs.level',
      message: expect.any(String),
    });
    expect(richTextError(doc(p(text('x', [{ type: 'link', attrs: { href: 'JavaScript:alert(1)' } }]))))).toMatchObject({
      path: 'content.0.content.0.marks.0.attrs.href',
    });
    expect(richTextError(doc(p(text('x', [{ type: 'link', attrs: { href: '/about' } }]))))).toBeUndefined();
    expect(richTextError(doc({ type: 'image', attrs: { src: 'data:text/html,<script>' } }))).toMatchObject({ path: 'content.0.attrs.src' });
    expect(richTextError(doc(p(text('x', [{ type: 'blink' }]))))).toMatchObject({ path: 'content.0.content.0.marks.0' });
    expect(richTextError(doc(p(text('x')), { type: 'paragraph', onclick: 'x' }))).toMatchObject({ path: 'content.1.onclick' });
    expect(richTextError(doc(doc()))).toMatchObject({ message: expect.stringContaining('another document') });
    let deep: unknown = text('deep');
    for (let i = 0; i < 70; i++) deep = { type: 'blockquote', content: [deep] };
    expect(richTextError(doc(deep))).toMatchObject({ message: expect.stringContaining('deeper') });
  });

  it('knows an empty document from one with content', () => {
    expect(isEmptyRichText(doc())).toBe(true);
    expect(isEmptyRichText(doc(p(), p(text('  '))))).toBe(true);
    expect(isEmptyRichText(doc(p(text('x'))))).toBe(false);
    expect(isEmptyRichText(doc({ type: 'image', attrs: { src: '/a.png' } }))).toBe(false);
  });

  it('turns text into paragraphs', () => {
    expect(textToRichText('a\n\nb')).toEqual(doc(p(text('a')), { type: 'paragraph' }, p(text('b'))));
    expect(plainTextOf(textToRichText('a\nb'))).toBe('a\nb');
  });
});
