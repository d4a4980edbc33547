import { act, screen, waitFor, within } from '@testing-library/react';
import type { Editor } from '@tiptap/react';
import { userEvent } from '@testing-library/user-event';
import type { ContentTypeRow } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWith, startServer } from '../../test/server.js';
import { ContentEditor } from '../ContentEditor.js';

// Rich text links and toolbar (issue 9 item 6), driven through the editor and saved through the real server.

let t: Awaited<ReturnType<typeof startServer>>;
let type: ContentTypeRow;
beforeAll(async () => {
  t = await startServer();
  type = await t.sdk.cms.contentTypes.create({
    name: 'Post',
    schema: {
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'body', label: 'Body', type: 'richtext' },
      ],
    },
  });
});
afterAll(() => t?.close());

const state = () => document.querySelector('[data-scope="entry-form"][data-part="root"]')?.getAttribute('data-state');
type Text = { type: 'text'; text: string; marks?: { type: string; attrs?: Record<string, unknown> }[] };
/** The saved body's text runs, across its paragraphs (the test cares about the runs, not where a click put the caret). */
const savedText = async (id: string) =>
  ((await t.sdk.cms.entries.get(id)).data as { body: { content: { content?: Text[] }[] } }).body.content.flatMap((p) => p.content ?? []);

async function open(data: Record<string, unknown>) {
  const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Links', ...data } });
  renderWith(t.sdk, <ContentEditor entryId={entry.id} autosave={100} seo={false} />);
  const body = await screen.findByRole('textbox', { name: 'Body' }, { timeout: 15_000 });
  return { entry, body, toolbar: screen.getByRole('toolbar', { name: 'Formatting' }) };
}

describe('rich text links', () => {
  it('inserts a link at the caret that what is typed next does not extend, opening here and without nofollow', async () => {
    const user = userEvent.setup();
    const { entry, body, toolbar } = await open({});
    await user.click(body);
    await user.keyboard('Visit ');
    await user.click(within(toolbar).getByRole('button', { name: 'Link' }));
    const form = screen.getByRole('group', { name: 'Link' });
    // Both choices are offered, and off.
    expect(within(form).getByRole('checkbox', { name: 'Open in a new tab' })).toHaveProperty('checked', false);
    for (const rel of ['nofollow', 'sponsored', 'ugc'])
      expect(within(form).getByRole('checkbox', { name: new RegExp(`^${rel}:`) })).toHaveProperty('checked', false);
    await user.type(within(form).getByRole('textbox', { name: /^Link address/ }), 'https://example.com{Enter}');
    expect(screen.queryByRole('group', { name: 'Link' })).toBeNull();
    await user.keyboard('. After');
    await waitFor(() => expect(state()).toBe('saved'));
    expect(await savedText(entry.id)).toEqual([
      { type: 'text', text: 'Visit ' },
      {
        type: 'text',
        text: 'https://example.com',
        marks: [{ type: 'link', attrs: { href: 'https://example.com', target: null, rel: null, class: null, title: null } }],
      },
      { type: 'text', text: '. After' },
    ]);
    expect(within(body).getByRole('link', { name: 'https://example.com' }).getAttribute('rel')).toBeNull();
  });

  it('sets a new tab (with noopener noreferrer) and a sponsored relationship on a link, and shows them when reopened', async () => {
    const user = userEvent.setup();
    const link = { type: 'link', attrs: { href: 'https://shop.test' } };
    const { entry, body, toolbar } = await open({
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'our shop', marks: [link] },
              { type: 'text', text: '.' },
            ],
          },
        ],
      },
    });
    // The caret inside the link. happy-dom has no layout to click into text, so the caret is put where a click
    // would (Tiptap hangs its editor on the editable element).
    const caretAt = (pos: number) => act(() => (body as HTMLElement & { editor: Editor }).editor.commands.setTextSelection(pos));
    caretAt(4);
    await user.click(within(toolbar).getByRole('button', { name: 'Link' }));
    let form = screen.getByRole('group', { name: 'Link' });
    expect(within(form).getByRole('textbox', { name: /^Link address/ })).toHaveProperty('value', 'https://shop.test');
    await user.click(within(form).getByRole('checkbox', { name: 'Open in a new tab' }));
    await user.click(within(form).getByRole('checkbox', { name: /^sponsored:/ }));
    await user.click(within(form).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(state()).toBe('saved'));
    expect(await savedText(entry.id)).toEqual([
      {
        type: 'text',
        text: 'our shop',
        marks: [
          {
            type: 'link',
            attrs: { href: 'https://shop.test', target: '_blank', rel: 'noopener noreferrer sponsored', class: null, title: null },
          },
        ],
      },
      { type: 'text', text: '.' },
    ]);

    caretAt(4);
    await user.click(within(toolbar).getByRole('button', { name: 'Link' }));
    form = screen.getByRole('group', { name: 'Link' });
    expect(within(form).getByRole('checkbox', { name: 'Open in a new tab' })).toHaveProperty('checked', true);
    expect(within(form).getByRole('checkbox', { name: /^sponsored:/ })).toHaveProperty('checked', true);
    expect(within(form).getByRole('checkbox', { name: /^nofollow:/ })).toHaveProperty('checked', false);
    // Escape closes the form and puts the caret back in the text.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Link' })).toBeNull();
    expect(document.activeElement).toBe(body);
  });
});

describe('rich text toolbar', () => {
  // The single row itself is layout, which only a browser has: the Chromium test measures it at 1440 px.
  it('reaches every command by the arrow keys, the table tools and Redo included', async () => {
    const user = userEvent.setup();
    const { body, toolbar } = await open({});
    const tool = (name: string) => within(toolbar).getByRole('button', { name });
    await user.click(body);
    await user.click(tool('Insert table'));
    tool('Paragraph').focus();
    await user.keyboard('{End}');
    // Redo is disabled with nothing undone, so End lands on Undo; the table's own tools sit just before it.
    expect(document.activeElement).toBe(tool('Undo'));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(tool('Delete table'));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(tool('Add column'));

    // Undo (the command returns the caret to the text); then Redo is the last command, one step back from the first.
    await user.keyboard('{End}{Enter}');
    await waitFor(() => expect(within(toolbar).queryByRole('button', { name: 'Delete table' })).toBeNull());
    tool('Paragraph').focus();
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(tool('Redo'));
    expect(document.activeElement?.getAttribute('tabindex')).toBe('0');
  });
});
