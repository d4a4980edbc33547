import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ContentTypeRow } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pngBytes } from '@spokestack/server/testing';
import { doc, everyFieldType, renderWith, startServer } from '../test/server.js';
import { ContentEditor } from './ContentEditor.js';

let t: Awaited<ReturnType<typeof startServer>>;
let type: ContentTypeRow;
beforeAll(async () => {
  t = await startServer();
  await t.sdk.platform.organization.update({ locales: ['en', 'fr', 'ar'], defaultLocale: 'en' });
  type = await t.sdk.cms.contentTypes.create({ name: 'Article', slug: 'article', schema: { fields: everyFieldType }, maxVersions: 50 });
});
afterAll(() => t?.close());

const editorRoot = () => document.querySelector('[data-scope="entry-form"][data-part="root"]')!;
const saveState = () => editorRoot().getAttribute('data-state');
const field = (name: string) => document.querySelector<HTMLElement>(`[data-part="field"][data-field="${name}"]`)!;

async function openEditor(entryId: string, props: Partial<Parameters<typeof ContentEditor>[0]> = {}, sdk = t.sdk) {
  const view = renderWith(sdk, <ContentEditor entryId={entryId} autosave={200} {...props} />);
  await waitFor(() => expect(editorRoot()).toBeTruthy(), { timeout: 15_000 });
  return view;
}

describe('ContentEditor', () => {
  it('generates an input for every field type of the schema, filled from the entry', async () => {
    const other = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Other post' } });
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: type.id,
      data: {
        title: 'Hello world',
        summary: 'Line one\nLine two',
        code: 'ABC-1',
        body: doc('First paragraph'),
        price: 12.5,
        featured: true,
        launch: '2025-03-01',
        category: 'guide',
        channels: ['web', 'social'],
        related: [other.id],
        keywords: ['launch', 'spring'],
        settings: { theme: 'dark' },
        sections: [{ type: 'quote', data: { text: 'Hi' } }],
      },
    });
    await openEditor(entry.id);

    expect((screen.getByLabelText(/^Title/) as HTMLInputElement).value).toBe('Hello world');
    expect(screen.getByLabelText(/^Summary/).tagName).toBe('TEXTAREA');
    expect((screen.getByLabelText(/^Code/) as HTMLInputElement).getAttribute('aria-describedby')).toContain('description');
    const body = screen.getByRole('textbox', { name: 'Body' });
    expect(body.getAttribute('contenteditable')).toBe('true');
    expect(body.textContent).toBe('First paragraph');
    expect(screen.getByRole('toolbar', { name: 'Formatting' })).toBeTruthy();
    expect((screen.getByRole('spinbutton', { name: 'Price' }) as HTMLInputElement).value).toBe('12.5');
    expect((screen.getByRole('switch', { name: 'Featured' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Launch date') as HTMLInputElement).type).toBe('date');
    expect((screen.getByRole('combobox', { name: 'Category' }) as HTMLSelectElement).value).toBe('guide');
    const channels = screen.getByRole('group', { name: 'Channels' });
    expect(
      within(channels)
        .getAllByRole('checkbox')
        .map((box) => (box as HTMLInputElement).checked),
    ).toEqual([true, false, true]);
    expect(within(screen.getByRole('group', { name: 'Hero image' })).getByRole('button', { name: 'Choose from library' })).toBeTruthy();
    await waitFor(() => expect(within(field('related')).getByText('Other post')).toBeTruthy());
    expect(within(field('keywords')).getByText('spring')).toBeTruthy();
    expect(JSON.parse((screen.getByLabelText('Settings') as HTMLTextAreaElement).value)).toEqual({ theme: 'dark' });
    expect((screen.getByLabelText('Slug') as HTMLInputElement).value).toBe('hello-world');
    const sections = screen.getByRole('group', { name: 'Sections' });
    expect(within(sections).getByText('quote', { selector: 'strong' })).toBeTruthy();
    expect(JSON.parse((within(sections).getByLabelText('Block data (JSON)') as HTMLTextAreaElement).value)).toEqual({ text: 'Hi' });
    expect(saveState()).toBe('saved');
  });

  it('autosaves a change: dirty, then saving, then saved, with the new version on the server', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Draft one' } });
    const onSaved = vi.fn();
    await openEditor(entry.id, { onSaved });
    const user = userEvent.setup();
    const title = screen.getByLabelText(/^Title/);
    await user.clear(title);
    await user.type(title, 'Draft two');
    expect(saveState()).toBe('dirty');
    expect(field('title').getAttribute('data-state')).toBe('dirty');
    expect(screen.getByRole('status', { name: '' }).textContent).toBeDefined();

    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(field('title').getAttribute('data-state')).toBeNull();
    const saved = await t.sdk.cms.entries.get(entry.id);
    expect(saved.title).toBe('Draft two');
    expect(saved.version).toBeGreaterThan(entry.version);
    expect(onSaved).toHaveBeenCalled();
    expect(screen.getByText('All changes saved').getAttribute('data-state')).toBe('saved');
  });

  it('edits SEO and social metadata, tags and categories in the side panel, autosaved with the draft', async () => {
    const marketing = await t.sdk.cms.categories.create({ name: 'Marketing' });
    const social = await t.sdk.cms.categories.create({ name: 'Social', parentId: marketing.id });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Findable' } });
    await openEditor(entry.id);
    const user = userEvent.setup();
    const panel = screen.getByRole('region', { name: 'SEO & social' });
    await user.type(within(panel).getByLabelText('SEO title'), 'Findable | Northwind');
    expect(within(panel).getByText('20 / 300 characters')).toBeTruthy();
    await user.type(within(panel).getByLabelText('Keywords'), 'brand, launch');
    await user.click(within(panel).getByLabelText('Hide from search engines (noindex)'));
    const categories = within(panel).getByRole('group', { name: 'Categories' });
    // Tree order: the child right under its parent.
    expect(
      within(categories)
        .getAllByRole('checkbox')
        .map((box) => box.parentElement!.textContent),
    ).toEqual(['Marketing', 'Social']);
    await user.click(within(categories).getByLabelText('Social'));
    await user.type(within(panel).getByRole('combobox', { name: 'Tags' }), 'Evergreen');
    await user.click(await within(panel).findByRole('option', { name: 'Create "Evergreen"' }));

    await waitFor(
      async () =>
        expect(await t.sdk.cms.entries.get(entry.id)).toMatchObject({
          seoTitle: 'Findable | Northwind',
          seoKeywords: ['brand', 'launch'],
          noIndex: true,
          categoryIds: [social.id],
          tagIds: [expect.any(String)],
        }),
      { timeout: 5_000 },
    );
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect((await t.sdk.cms.entries.list({ category: marketing.slug })).data.map((e) => e.id)).toContain(entry.id);
  });

  it('groups a long form into sections and tabs, and takes the user to a problem in a closed one', async () => {
    const fields = ['headline', 'teaser', 'metaNote', 'credit'].map((name) => ({ name, label: name, type: 'text' as const }));
    const grouped = await t.sdk.cms.contentTypes.create({
      name: 'Grouped',
      titleField: 'headline',
      schema: {
        fields: [...fields, { name: 'photo', label: 'photo', type: 'media' }],
        groups: [
          { id: 'story', label: 'Story', fields: ['teaser'] },
          { id: 'extra', label: 'Extra', description: 'Rarely needed', fields: ['metaNote', 'credit', 'photo'], collapsed: true },
        ],
      },
    });
    const file = await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'p.png' });
    // The photo has no alt text: publishing is blocked by a field of the second group.
    const entry = await t.sdk.cms.entries.create({ contentTypeId: grouped.id, data: { headline: 'Hi', photo: { fileId: file.id } } });
    const view = await openEditor(entry.id);
    const story = screen.getByRole('region', { name: 'Story' });
    expect(within(story).getByLabelText('teaser')).toBeTruthy();
    // Ungrouped fields come first; a collapsed section is a disclosure.
    const order = [...document.querySelectorAll('[data-scope="entry-form"][data-part="field"]')].map((f) => f.getAttribute('data-field'));
    expect(order).toEqual(['headline', 'teaser', 'metaNote', 'credit', 'photo']);
    const extra = field('credit').closest('details')!;
    expect(extra.open).toBe(false);
    expect(extra.querySelector('summary')!.textContent).toBe('Extra');
    expect(within(extra).getByText('Rarely needed')).toBeTruthy();
    view.unmount();

    // As tabs: one tab per group, every panel mounted, arrow keys move between tabs.
    await t.sdk.cms.contentTypes.update(grouped.id, { schema: { ...grouped.schema, layout: 'tabs' } });
    await openEditor(entry.id);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Story', 'Extra']);
    expect(screen.getByRole('tabpanel', { name: 'Story' })).toBeTruthy();
    expect(field('credit').closest('[role="tabpanel"]')!.hasAttribute('hidden')).toBe(true);
    const user = userEvent.setup();
    tabs[0]!.focus();
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(field('credit').closest('[role="tabpanel"]')!.hasAttribute('hidden')).toBe(false));
    // Home goes to the first tab; ArrowLeft from the first wraps to the last and selects it (one tab stop).
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(tabs[0]);
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(tabs[1]);
    expect(tabs.map((tab) => [tab.getAttribute('aria-selected'), tab.tabIndex])).toEqual([
      ['false', -1],
      ['true', 0],
    ]);
    await user.click(tabs[0]!);
    // The blocker's button opens the tab its field is in and focuses the input.
    await user.click(await screen.findByRole('button', { name: /^photo: Alt text/ }));
    await waitFor(() => expect(document.activeElement).toBe(within(field('photo')).getByLabelText('Alt text')));
    expect(field('photo').closest('[role="tabpanel"]')!.hasAttribute('hidden')).toBe(false);
  });

  it("explains a pattern with the schema's message, never the regex", async () => {
    const message = 'Three capitals, a dash and digits, like ABC-123';
    const coded = await t.sdk.cms.contentTypes.create({
      name: 'Coded',
      titleField: 'code',
      schema: { fields: [{ name: 'code', label: 'Code', type: 'text', pattern: '^[A-Z]{3}-\\d+$', patternMessage: message }] },
    });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: coded.id, data: { code: 'ABC-1' } });
    await openEditor(entry.id);
    expect(field('code').textContent).toContain(message);
    await userEvent.setup().type(screen.getByLabelText(/^Code/), 'x');
    await waitFor(() => expect(saveState()).toBe('error'));
    expect(within(field('code')).getByRole('alert').textContent).toBe(message);
    expect(document.body.textContent).not.toContain('[A-Z]');
  });

  it('shows the server’s field errors next to their fields and keeps the typed values', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Valid' } });
    await openEditor(entry.id);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Code/), 'abc');
    await user.type(screen.getByRole('spinbutton', { name: 'Price' }), '-5');
    await waitFor(() => expect(saveState()).toBe('error'));

    expect(field('code').getAttribute('data-state')).toBe('invalid');
    // In words: neither the server nor the hint shows editors the regex.
    expect(within(field('code')).getByRole('alert').textContent).toBe('Not in the expected format');
    expect(document.body.textContent).not.toContain('[A-Z]');
    expect(screen.getByLabelText(/^Code/).getAttribute('aria-invalid')).toBe('true');
    expect(within(field('price')).getByRole('alert').textContent).toBe('At least 0');
    expect((screen.getByLabelText(/^Code/) as HTMLInputElement).value).toBe('abc');
    expect((await t.sdk.cms.entries.get(entry.id)).version).toBe(entry.version);

    // Fixing the fields clears their errors and the next autosave goes through.
    await user.clear(screen.getByLabelText(/^Code/));
    await user.type(screen.getByLabelText(/^Code/), 'ABC-7');
    await user.clear(screen.getByRole('spinbutton', { name: 'Price' }));
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(field('code').getAttribute('data-state')).toBeNull();
    expect((await t.sdk.cms.entries.get(entry.id)).data).toMatchObject({ code: 'ABC-7' });
  });

  it('refuses to save JSON that does not parse, without losing it', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Json' } });
    await openEditor(entry.id);
    const user = userEvent.setup();
    const settings = screen.getByLabelText('Settings');
    await user.click(settings);
    await user.paste('{"a": ');
    expect(within(field('settings')).getByRole('alert').textContent).toMatch(/Not valid JSON/);
    await user.paste('1}');
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect((await t.sdk.cms.entries.get(entry.id)).data).toMatchObject({ settings: { a: 1 } });
  });

  it('on a concurrent edit shows the conflict, keeps the local change, and overwrites on request', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Shared', summary: 'theirs' } });
    await openEditor(entry.id);
    // Someone else saves first.
    await t.sdk.cms.entries.update(entry.id, { data: { summary: 'their summary' }, version: entry.version });

    const user = userEvent.setup();
    const title = screen.getByLabelText(/^Title/);
    await user.clear(title);
    await user.type(title, 'Mine');
    await waitFor(() => expect(saveState()).toBe('conflict'));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This entry changed while you were editing');
    expect((title as HTMLInputElement).value).toBe('Mine');
    expect((await t.sdk.cms.entries.get(entry.id)).title).toBe('Shared');

    await user.click(within(alert).getByRole('button', { name: 'Overwrite with my changes' }));
    await waitFor(() => expect(saveState()).toBe('saved'));
    const saved = await t.sdk.cms.entries.get(entry.id);
    // Theirs kept where only they changed; mine where I did.
    expect(saved.title).toBe('Mine');
    expect(saved.data).toMatchObject({ summary: 'their summary' });
  });

  it('on a conflict can reload the other version instead, dropping the local change', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Reload me' } });
    await openEditor(entry.id);
    await t.sdk.cms.entries.update(entry.id, { data: { title: 'Their title' }, version: entry.version });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Summary/), 'my summary');
    await waitFor(() => expect(saveState()).toBe('conflict'));
    await user.click(screen.getByRole('button', { name: 'Reload their version' }));
    await waitFor(() => expect((screen.getByLabelText(/^Title/) as HTMLInputElement).value).toBe('Their title'));
    expect((screen.getByLabelText(/^Summary/) as HTMLTextAreaElement).value).toBe('');
    expect(saveState()).toBe('saved');
  });

  it('creates an entry from a content type, then keeps editing it', async () => {
    const onCreated = vi.fn();
    renderWith(t.sdk, <ContentEditor contentTypeId={type.id} autosave={200} onCreated={onCreated} />);
    await waitFor(() => expect(editorRoot()).toBeTruthy(), { timeout: 15_000 });
    expect(saveState()).toBe('new');
    const user = userEvent.setup();
    // Nothing is created while typing: a new entry is created by the explicit button.
    await user.click(screen.getByRole('button', { name: 'Create entry' }));
    await waitFor(() => expect(saveState()).toBe('error'));
    expect(within(field('title')).getByRole('alert').textContent).toBe('Required');

    await user.type(screen.getByLabelText(/^Title/), 'Brand new');
    await user.click(screen.getByRole('button', { name: 'Create entry' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledOnce());
    const created = onCreated.mock.calls[0]![0] as { id: string; title: string; version: number };
    expect(created.title).toBe('Brand new');
    expect(editorRoot().getAttribute('data-mode')).toBe('edit');
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();

    await user.type(screen.getByLabelText(/^Summary/), 'More');
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect((await t.sdk.cms.entries.get(created.id)).data).toMatchObject({ title: 'Brand new', summary: 'More' });
  });

  it('shows the version history with labels, authors, files and a field diff, and restores a version after confirming', async () => {
    const hero = await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'harbour-at-dawn.png' });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'The quick fox', price: 1 } });
    const writer = await t.sdk.platform.users.create({ email: 'ada@northwind.test', name: 'Ada Writer', role: 'MEMBER' });
    const { token } = await t.sdk.platform.sessions.create({ userId: writer.id });
    const v2 = await t.sdkWith(token).cms.entries.update(entry.id, {
      data: { title: 'The slow fox', price: 2, hero: { fileId: hero.id, alt: 'Boats' } },
      version: entry.version,
    });
    const v3 = await t.sdk.cms.entries.update(entry.id, { data: { title: 'The slow brown fox' }, version: v2.version });
    await t.sdk.cms.entries.update(entry.id, { seoTitle: 'Foxes', version: v3.version });
    await openEditor(entry.id);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'History' }));
    const dialog = await screen.findByRole('dialog', { name: 'Version history' });
    await waitFor(() => expect(within(dialog).getAllByRole('button', { name: /^Version \d/ })).toHaveLength(4));
    const item = (n: number) => within(dialog).getByRole('button', { name: new RegExp(`^Version ${n}`) });
    // Labels (never keys), the author and what changed since the version before; version 1 is the creation.
    await waitFor(() => expect(item(2).textContent).toContain('by Ada Writer'));
    expect(item(2).querySelector('[data-part="fields"]')!.textContent).toBe('Title, Price, Hero image');
    expect(item(4).querySelector('[data-part="fields"]')!.textContent).toBe('SEO title');
    expect(item(4).textContent).toContain('by You');
    expect(item(4).textContent).toContain('current');
    expect(item(1).querySelector('[data-part="fields"]')!.textContent).toBe('Created');

    // The newest version against the one before it: the SEO title, by its label. The current version offers no restore.
    await waitFor(() => expect(within(dialog).getByText('Version 3 → Version 4')).toBeTruthy());
    expect(dialog.querySelector('[data-part="change"] dt')!.firstChild?.textContent?.trim()).toBe('SEO title');
    expect(within(dialog).queryByRole('button', { name: /^Restore/ })).toBeNull();

    // Media show as file names with thumbnails, never file ids.
    await user.click(item(2));
    await user.selectOptions(within(dialog).getByLabelText('Compare with'), 'Version 1');
    await waitFor(() => expect(within(dialog).getByText('Version 1 → Version 2')).toBeTruthy());
    await waitFor(() => expect(within(dialog).getByText('harbour-at-dawn.png · Boats')).toBeTruthy());
    expect(dialog.querySelector('[data-part="file"] img')).toBeTruthy();
    expect(dialog.textContent).not.toContain(hero.id);
    const title = [...dialog.querySelectorAll('[data-part="change"]')].find((c) =>
      c.querySelector('dt')!.textContent!.startsWith('Title'),
    )!;
    expect(title.querySelector('del')?.textContent).toBe('quick');

    // A restore asks first; cancelling changes nothing.
    await user.click(item(1));
    await user.click(within(dialog).getByRole('button', { name: 'Restore version 1' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Restore version 1?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect((await t.sdk.cms.entries.get(entry.id)).title).toBe('The slow brown fox');
    await user.click(within(dialog).getByRole('button', { name: 'Restore version 1' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Restore version 1' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect((screen.getByLabelText(/^Title/) as HTMLInputElement).value).toBe('The quick fox'));
    expect((screen.getByRole('spinbutton', { name: 'Price' }) as HTMLInputElement).value).toBe('1');
    const restored = await t.sdk.cms.entries.get(entry.id);
    expect(restored).toMatchObject({ title: 'The quick fox', seoTitle: null });
    const [newest] = (await t.sdk.cms.entries.versions.list(entry.id)).data;
    expect(newest).toMatchObject({ versionNumber: restored.version, isRestored: true });
    expect(saveState()).toBe('saved');
  });

  it('is read-only for the CLIENT role: nothing editable, nothing saved', async () => {
    const client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: type.id,
      clientId: client.id,
      data: { title: 'For Acme', body: doc('Read me'), featured: false },
    });
    const member = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: client.id });
    const { token } = await t.sdk.platform.sessions.create({ userId: member.id });
    await openEditor(entry.id, {}, t.sdkWith(token));

    expect(editorRoot().getAttribute('data-readonly')).toBe('true');
    expect(screen.getByText('Read only')).toBeTruthy();
    expect((screen.getByLabelText(/^Title/) as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByRole('switch', { name: 'Featured' }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole('textbox', { name: 'Body' }).getAttribute('contenteditable')).toBe('false');
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Choose from library' })).toBeNull();
    // Nothing is saved here, so no save state is claimed, and no action this role cannot take is offered.
    expect(screen.queryByText('All changes saved')).toBeNull();
    // The live region is there, empty, so what a client's approval did can still be announced.
    expect(document.querySelector('[data-part="save-status"]')?.textContent).toBe('');
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Submit for review' })).toBeNull();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Title/), 'changed');
    expect((screen.getByLabelText(/^Title/) as HTMLInputElement).value).toBe('For Acme');
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect((await t.sdk.cms.entries.get(entry.id)).version).toBe(entry.version);
  });

  it('translates beside the source: localized fields show the source value, SEO is per language, empty headings are gone', async () => {
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: type.id,
      data: { title: 'Harbour lights', summary: 'A night walk.', body: doc('Along the quay.'), price: 4 },
      seoTitle: 'Harbour lights | Northwind',
    });
    await openEditor(entry.id);
    const user = userEvent.setup();
    // The source language shows no source beside its fields.
    expect(document.querySelector('[data-part="source"]')).toBeNull();
    await user.click(within(screen.getByRole('group', { name: 'Language' })).getByRole('radio', { name: /^French/ }));
    await waitFor(() => expect(editorRoot().getAttribute('data-mode')).toBe('translation'));

    const source = (name: string) => within(field(name)).getByRole('group', { name: 'English (source)' });
    expect(source('title').textContent).toContain('Harbour lights');
    expect(source('summary').textContent).toContain('A night walk.');
    expect(source('body').textContent).toContain('Along the quay.');
    // Shared fields have none (they are the source's, read-only); the input names the source in its description.
    expect(within(field('price')).queryByRole('group', { name: 'English (source)' })).toBeNull();
    expect(screen.getByLabelText(/^Title/)).toHaveProperty('value', '');
    expect(screen.getByRole('textbox', { name: 'Title' }).getAttribute('aria-describedby')).toContain(
      source('title').querySelector('[data-part="source-value"]')!.id,
    );

    // SEO fields are this language's own: empty, with the source's shown as what an empty one serves.
    const seoTitle = screen.getByLabelText('SEO title') as HTMLInputElement;
    expect(seoTitle.readOnly).toBe(false);
    expect(seoTitle.placeholder).toBe('Harbour lights | Northwind');
    // Nothing under them and nothing to choose here: no Tags or Categories heading.
    expect(screen.queryByText('Tags')).toBeNull();
    expect(screen.queryByText('Categories')).toBeNull();
    await user.type(screen.getByLabelText(/^Title/), 'Lumières du port');
    await user.type(seoTitle, 'Lumières | Northwind');
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(await t.sdk.cms.entries.translations.get(entry.id, 'fr')).toMatchObject({
      data: { title: 'Lumières du port' },
      meta: { seoTitle: 'Lumières | Northwind' },
    });
    expect((await t.sdk.cms.entries.get(entry.id)).seoTitle).toBe('Harbour lights | Northwind');
  });

  it('edits a translation right to left for Arabic, with its status in the language switcher', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Welcome', price: 3 } });
    await openEditor(entry.id);
    const user = userEvent.setup();
    const languages = screen.getByRole('group', { name: 'Language' });
    expect(within(languages).getAllByText('Not translated')).toHaveLength(2);
    await user.click(within(languages).getByRole('radio', { name: /^Arabic/ }));
    await waitFor(() => expect(editorRoot().getAttribute('data-mode')).toBe('translation'));

    const title = screen.getByLabelText(/^Title/) as HTMLInputElement;
    expect(title.dir).toBe('rtl');
    expect(title.value).toBe('');
    // Fields every language shares are shown from the source, read-only.
    const price = screen.getByRole('spinbutton', { name: 'Price' }) as HTMLInputElement;
    expect(price.readOnly).toBe(true);
    expect(price.value).toBe('3');
    expect(field('price').getAttribute('data-shared')).toBe('true');

    await user.type(title, 'أهلا');
    await waitFor(() => expect(saveState()).toBe('saved'));
    const translation = await t.sdk.cms.entries.translations.get(entry.id, 'ar');
    expect(translation.data).toEqual({ title: 'أهلا' });
    await waitFor(() => expect(within(languages).getByText('In progress')).toBeTruthy());

    // Back to the source language: its own values.
    await user.click(within(languages).getByRole('radio', { name: /^English/ }));
    await waitFor(() => expect((screen.getByLabelText(/^Title/) as HTMLInputElement).value).toBe('Welcome'));
    expect((screen.getByLabelText(/^Title/) as HTMLInputElement).dir).toBe('ltr');
  });
});
