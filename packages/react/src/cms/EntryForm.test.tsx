import { Profiler, type ProfilerOnRenderCallback, useCallback } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ContentField, ContentTypeRow } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWith, startServer } from '../test/server.js';
import { ContentEditor } from './ContentEditor.js';
import { useEntryEditor } from './controller.js';
import * as EntryForm from './EntryForm.js';
import { defaultFieldInputs } from './fields/FieldInput.js';

let t: Awaited<ReturnType<typeof startServer>>;
let media: ContentTypeRow;
beforeAll(async () => {
  t = await startServer();
  media = await t.sdk.cms.contentTypes.create({
    name: 'Gallery',
    schema: {
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'cover', label: 'Cover', type: 'media', accept: ['image/*'] },
        { name: 'photos', label: 'Photos', type: 'media', multiple: true, accept: ['image/*'] },
        { name: 'body', label: 'Body', type: 'richtext' },
      ],
    },
  });
});
afterAll(() => t?.close());

// A 1×1 transparent PNG.
const png = () =>
  new File(
    [
      Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) =>
        c.charCodeAt(0),
      ),
    ],
    'pixel.png',
    { type: 'image/png' },
  );
const state = () => document.querySelector('[data-scope="entry-form"][data-part="root"]')?.getAttribute('data-state');
const field = (name: string) => document.querySelector<HTMLElement>(`[data-part="field"][data-field="${name}"]`)!;

describe('media fields', () => {
  it('upload through the files endpoint with Uppy, take alt text, and pick earlier uploads from the library', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: media.id, data: { title: 'Trip' } });
    const user = userEvent.setup();
    renderWith(t.sdk, <ContentEditor entryId={entry.id} autosave={200} seo={false} />);
    await waitFor(() => expect(field('cover')).toBeTruthy(), { timeout: 15_000 });

    await user.upload(within(field('cover')).getByLabelText('Upload'), png());
    // An image without alt text yet is decorative (alt=""), so it is found by tag rather than by role.
    await waitFor(() => expect(field('cover').querySelector('img')).toBeTruthy(), { timeout: 10_000 });
    const preview = field('cover').querySelector('img')!;
    expect(preview.getAttribute('alt')).toBe('');
    expect(preview.getAttribute('src')).toMatch(/^http:\/\/spokestack\.test\/v1\/platform\/files\/\w+\/content\?exp=\d+&sig=/);
    await user.type(within(field('cover')).getByLabelText('Alt text'), 'A pixel');
    await waitFor(() => expect(state()).toBe('saved'));
    expect(preview.getAttribute('alt')).toBe('A pixel');
    const saved = await t.sdk.cms.entries.get(entry.id);
    const cover = (saved.data as { cover: { fileId: string; alt: string } }).cover;
    expect(cover.alt).toBe('A pixel');
    const file = await t.sdk.platform.files.get(cover.fileId);
    expect(file).toMatchObject({ name: 'pixel.png', mimeType: 'image/png' });
    // Single media: once chosen, no second one is offered.
    expect(within(field('cover')).queryByRole('button', { name: 'Choose from library' })).toBeNull();

    // The same image, picked from earlier uploads into the multiple field.
    await user.click(within(field('photos')).getByRole('button', { name: 'Choose from library' }));
    const dialog = await screen.findByRole('dialog', { name: 'Media library' });
    await user.click(await within(dialog).findByRole('button', { name: 'Select pixel.png' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(state()).toBe('saved'));
    expect((await t.sdk.cms.entries.get(entry.id)).data).toMatchObject({ photos: [{ fileId: cover.fileId }] });
  });
});

describe('rich text', () => {
  it('formats with the toolbar (one tab stop, arrow keys) and saves Tiptap JSON', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: media.id, data: { title: 'Notes' } });
    const user = userEvent.setup();
    renderWith(t.sdk, <ContentEditor entryId={entry.id} autosave={200} seo={false} />);
    const body = await screen.findByRole('textbox', { name: 'Body' }, { timeout: 15_000 });
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    const tools = within(toolbar).getAllByRole('button');
    expect(tools.filter((tool) => tool.getAttribute('tabindex') === '0')).toHaveLength(1);
    tools[0]!.focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(within(toolbar).getByRole('button', { name: 'Heading 1' }));
    // Undo and Redo are disabled with no history yet, so End lands on the last tool that works.
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(within(toolbar).getByRole('button', { name: 'Insert table' }));

    await user.click(body);
    await user.click(within(toolbar).getByRole('button', { name: 'Heading 2' }));
    expect(within(toolbar).getByRole('button', { name: 'Heading 2' }).getAttribute('aria-pressed')).toBe('true');
    await user.keyboard('Agenda');
    await waitFor(() => expect(state()).toBe('saved'));
    expect((await t.sdk.cms.entries.get(entry.id)).data).toMatchObject({
      body: {
        type: 'doc',
        content: [{ type: 'heading', attrs: expect.objectContaining({ level: 2 }), content: [{ type: 'text', text: 'Agenda' }] }],
      },
    });
  });
});

describe('rich text images', () => {
  it('inserts an uploaded image with its file id, and shows stored images from a freshly signed URL', async () => {
    const file = await t.sdk.platform.files.upload(png(), { name: 'inline.png' });
    // A document saved earlier, whose signed image URL has long expired.
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: media.id,
      data: {
        title: 'Pictures',
        body: {
          type: 'doc',
          content: [
            { type: 'image', attrs: { src: 'http://spokestack.test/expired.png', alt: 'Old', fileId: file.id } },
            { type: 'paragraph', content: [{ type: 'text', text: 'Caption' }] },
          ],
        },
      },
    });
    const user = userEvent.setup();
    renderWith(t.sdk, <ContentEditor entryId={entry.id} autosave={200} seo={false} />);
    const body = await screen.findByRole('textbox', { name: 'Body' }, { timeout: 15_000 });
    await waitFor(() =>
      expect(body.querySelector('img')?.getAttribute('src')).toMatch(new RegExp(`/v1/platform/files/${file.id}/content\\?exp=`)),
    );
    expect(body.querySelector('img')?.getAttribute('alt')).toBe('Old');
    expect(state()).toBe('saved');

    // A new one through the toolbar's image button, picked from the uploads.
    await user.click(within(body).getByText('Caption'));
    await user.click(screen.getByRole('button', { name: 'Insert image' }));
    const dialog = await screen.findByRole('dialog', { name: 'Insert image' });
    await user.click(await within(dialog).findByRole('button', { name: 'Select inline.png' }));
    await waitFor(() => expect(body.querySelectorAll('img')).toHaveLength(2));
    await waitFor(() => expect(state()).toBe('saved'));
    const saved = (await t.sdk.cms.entries.get(entry.id)).data as {
      body: { content: { type: string; attrs?: { fileId?: string; src?: string; alt?: string } }[] };
    };
    const images = saved.body.content.filter((node) => node.type === 'image');
    expect(images).toHaveLength(2);
    expect(images.find((image) => image.attrs?.alt === 'inline.png')?.attrs).toMatchObject({
      fileId: file.id,
      src: expect.stringContaining(`/v1/platform/files/${file.id}/content`),
    });
    // The old image keeps what was stored: showing it from a fresh URL did not change the document.
    expect(images.find((image) => image.attrs?.alt === 'Old')?.attrs?.src).toBe('http://spokestack.test/expired.png');
  });
});

describe('a content type with 200 fields', () => {
  const fields: ContentField[] = Array.from({ length: 200 }, (_, i) => ({
    name: `f${i + 1}`,
    label: `Field ${i + 1}`,
    type: i % 10 === 9 ? 'number' : 'text',
  }));

  function Editor({ entryId, onRender }: { entryId: string; onRender: ProfilerOnRenderCallback }) {
    const editor = useEntryEditor({ entryId, autosave: false });
    // A stable render prop, as a host would write it, so the field list itself does not re-render with the editor.
    const renderField = useCallback(
      (f: ContentField) => (
        <Profiler id={f.name} onRender={onRender}>
          <EntryForm.Field name={f.name} />
        </Profiler>
      ),
      [onRender],
    );
    if (editor.status !== 'ready') return null;
    return (
      <EntryForm.Root editor={editor} inputs={defaultFieldInputs}>
        <EntryForm.Fields renderField={renderField} />
        <EntryForm.SaveStatus />
        <EntryForm.SaveButton />
      </EntryForm.Root>
    );
  }

  it('renders every field and re-renders only the field being typed in', async () => {
    const type = await t.sdk.cms.contentTypes.create({ name: 'Huge', schema: { fields }, titleField: 'f1' });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { f1: 'One', f200: 200 } });
    const rendered = new Map<string, number>();
    const onRender: ProfilerOnRenderCallback = (id) => rendered.set(id, (rendered.get(id) ?? 0) + 1);
    const user = userEvent.setup();
    renderWith(t.sdk, <Editor entryId={entry.id} onRender={onRender} />);
    await waitFor(() => expect(document.querySelectorAll('[data-part="field"]')).toHaveLength(200), { timeout: 15_000 });
    expect((screen.getByRole('spinbutton', { name: 'Field 200' }) as HTMLInputElement).value).toBe('200');

    rendered.clear();
    await user.type(screen.getByLabelText('Field 57'), 'abc');
    expect([...rendered.keys()]).toEqual(['f57']);
    expect(state()).toBe('dirty');

    rendered.clear();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(state()).toBe('saved'));
    // Saving re-renders the field that was dirty (its mark goes away), not the other 199.
    expect([...rendered.keys()]).toEqual(['f57']);
    expect((await t.sdk.cms.entries.get(entry.id)).data).toMatchObject({ f57: 'abc' });
  });

  it('keeps two editors on one page apart', async () => {
    const type = await t.sdk.cms.contentTypes.create({
      name: 'Pair',
      schema: { fields: [{ name: 'title', label: 'Title', type: 'text' }] },
    });
    const a = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Left' } });
    const b = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Right' } });
    const user = userEvent.setup();
    renderWith(
      t.sdk,
      <>
        <ContentEditor entryId={a.id} autosave={false} seo={false} />
        <ContentEditor entryId={b.id} autosave={false} seo={false} />
      </>,
    );
    await waitFor(() => expect(screen.getAllByLabelText('Title')).toHaveLength(2), { timeout: 15_000 });
    const [left, right] = screen.getAllByLabelText('Title') as HTMLInputElement[];
    await user.type(left!, ' edited');
    expect(left!.value).toBe('Left edited');
    expect(right!.value).toBe('Right');
    const states = [...document.querySelectorAll('[data-scope="entry-form"][data-part="root"]')].map((root) =>
      root.getAttribute('data-state'),
    );
    expect(states).toEqual(['dirty', 'saved']);
  });
});
