import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { doc, renderWith, startServer } from '../test/server.js';
import { ContentList } from './ContentList.js';

let t: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  t = await startServer();
  const notes = await t.sdk.cms.contentTypes.create({
    name: 'Note',
    slug: 'note',
    schema: {
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'body', type: 'richtext' },
      ],
    },
  });
  const pages = await t.sdk.cms.contentTypes.create({
    name: 'Page',
    slug: 'page',
    schema: { fields: [{ name: 'title', type: 'text', required: true }] },
  });
  const launch = await t.sdk.cms.tags.create({ name: 'Launch' });
  const guides = await t.sdk.cms.categories.create({ name: 'Guides' });
  const howTo = await t.sdk.cms.categories.create({ name: 'How-to', parentId: guides.id });
  for (let i = 1; i <= 23; i++) {
    t.clock.advance(60_000);
    await t.sdk.cms.entries.create({
      contentTypeId: notes.id,
      data: {
        title: `Note ${String(i).padStart(2, '0')}`,
        body: doc(i % 5 === 0 ? 'Our R&D <press> team plans the rocket launch' : 'Ordinary words'),
      },
      tagIds: i % 5 === 0 ? [launch.id] : [],
      categoryIds: i <= 2 ? [howTo.id] : i === 3 ? [guides.id] : [],
    });
  }
  t.clock.advance(60_000);
  await t.sdk.cms.entries.create({ contentTypeId: pages.id, data: { title: 'About us' } });
});
afterAll(() => t?.close());

const items = () => screen.queryAllByRole('button', { name: /^(Note|About)/ });

describe('ContentList', () => {
  it('pages through entries with "load more", newest first, with status badges', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <ContentList pageSize={10} />);
    await waitFor(() => expect(items()).toHaveLength(10), { timeout: 15_000 });
    expect(
      items()
        .map((b) => b.querySelector('[data-part="title"]')?.textContent)
        .slice(0, 3),
    ).toEqual(['About us', 'Note 23', 'Note 22']);
    expect(within(items()[1]!).getByText('Draft').getAttribute('data-tone')).toBe('neutral');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(items()).toHaveLength(20));
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(items()).toHaveLength(24));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('searches with ranked full-text search and shows the highlighted snippet, safely', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    renderWith(t.sdk, <ContentList onSelect={onSelect} />);
    await waitFor(() => expect(items().length).toBeGreaterThan(0), { timeout: 15_000 });
    await user.type(screen.getByRole('searchbox', { name: 'Search content' }), 'rocket');
    await waitFor(() => expect(items()).toHaveLength(4));
    const first = items()[0]!;
    expect(first.querySelector('mark')?.textContent).toBe('rocket');
    // The snippet's escaped text is decoded as text ("&amp;" reads "&"), and only <mark> becomes an element.
    const snippet = first.querySelector('[data-part="snippet"]')!;
    expect(snippet.textContent).toContain('R&D');
    expect([...snippet.querySelectorAll('*')].every((el) => el.tagName === 'MARK' || el.tagName === 'SPAN')).toBe(true);

    await user.click(first);
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ title: first.querySelector('[data-part="title"]')?.textContent }));
  });

  it('filters by type, tag, status and category subtree, and says when nothing matches', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <ContentList />);
    await waitFor(() => expect(items().length).toBeGreaterThan(0), { timeout: 15_000 });
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Type' }).querySelectorAll('option')).toHaveLength(3));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'page');
    await waitFor(() => expect(items().map((b) => b.querySelector('[data-part="title"]')?.textContent)).toEqual(['About us']));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), '');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Tag' })).toBeTruthy());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tag' }), 'launch');
    await waitFor(() => expect(items()).toHaveLength(4));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'PUBLISHED');
    await waitFor(() => expect(screen.getByText('Nothing matches')).toBeTruthy());
    expect(items()).toHaveLength(0);
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(items().length).toBeGreaterThan(4));

    // A category includes the entries of the categories below it.
    const category = screen.getByRole('combobox', { name: 'Category' });
    expect([...category.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Any', 'Guides', '\u2003How-to']);
    await user.selectOptions(category, 'Guides');
    await waitFor(() =>
      expect(items().map((b) => b.querySelector('[data-part="title"]')?.textContent)).toEqual(['Note 03', 'Note 02', 'Note 01']),
    );
    await user.selectOptions(category, '\u2003How-to');
    await waitFor(() => expect(items()).toHaveLength(2));
  });

  it('shows an empty state for an organization without entries, and the problem when the list fails', async () => {
    const other = await t.createOrg('Empty Agency');
    renderWith(other.sdk, <ContentList />);
    await waitFor(() => expect(screen.getByText('No entries yet')).toBeTruthy(), { timeout: 15_000 });
    document.body.innerHTML = '';

    renderWith(t.sdkWith('sk_revoked_key_that_does_not_exist_000000'), <ContentList />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/API key/), { timeout: 15_000 });
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
