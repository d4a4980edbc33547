import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ContentTypeRow } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWith, startServer } from '../test/server.js';
import { ContentEditor } from './ContentEditor.js';

// The content editor as a screen reader presents it (issue 9): landmarks and headings, one polite live region for
// the save state and what actions did, focus that stays put when the action row changes, and fields that say
// they have comments.

let t: Awaited<ReturnType<typeof startServer>>;
let type: ContentTypeRow;
beforeAll(async () => {
  t = await startServer();
  await t.sdk.cms.workflows.create({
    name: 'Editorial',
    isDefault: true,
    stages: [{ name: 'Editor review', status: 'IN_REVIEW', order: 1, assignTo: 'role:ADMIN' }],
  });
  type = await t.sdk.cms.contentTypes.create({
    name: 'Story',
    schema: {
      fields: [
        { name: 'title', label: 'Title', type: 'text', required: true },
        { name: 'summary', label: 'Summary', type: 'text' },
      ],
    },
  });
});
afterAll(() => t?.close());

/** The text of the elements an element names in `aria-describedby`, as a screen reader reads its description. */
const descriptionOf = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => (id ? document.getElementById(id)?.textContent : ''))
    .join(' ')
    .trim();

describe('ContentEditor for screen readers', () => {
  it('has named landmarks and headings, one polite region for save state and action results, focus kept in the action row', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Harbour lights' } });
    const user = userEvent.setup();
    renderWith(t.sdk, <ContentEditor entryId={entry.id} autosave={100} seo={false} />);
    const form = await screen.findByRole('form', { name: 'Harbour lights' }, { timeout: 15_000 });
    expect(within(form).getByRole('heading', { level: 2, name: 'Harbour lights' })).toBeTruthy();
    const sidebar = within(form).getByRole('complementary', { name: 'Entry settings' });
    expect(
      within(sidebar)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(expect.arrayContaining(['Schedule', 'Comments']));

    // One live region, polite, for the save state (once the panels' loading spinners are gone)…
    await waitFor(() => expect(within(form).getAllByRole('status')).toHaveLength(1));
    const status = within(form).getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('All changes saved');

    // …and for what an action did. The Submit button leaves the row once submitted: focus goes to what took its place.
    await user.click(within(form).getByRole('button', { name: 'Submit for review' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit for review' });
    await user.type(within(dialog).getByLabelText('Note for the reviewers'), 'Ready');
    await user.click(within(dialog).getByRole('button', { name: 'Submit for review' }));
    await waitFor(() => expect(status.textContent).toBe('Submitted for review'));
    const approve = await within(form).findByRole('button', { name: 'Approve' });
    await waitFor(() => expect(document.activeElement).toBe(approve));
    expect(within(form).getAllByRole('status')).toEqual([status]);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(status.textContent).toBe('Review decision recorded'));
    const publish = await within(form).findByRole('button', { name: 'Publish' });
    await waitFor(() => expect(document.activeElement).toBe(publish));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(status.textContent).toBe('Published'));
    // Publish leaves too; in its place now is what a live entry with a workflow offers next.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Submit for review'));
    // No toast says it a second time.
    expect(screen.queryByRole('region', { name: /Notifications/ })?.textContent ?? '').not.toContain('Published');

    // The next edit makes the save state the news again.
    await user.type(within(form).getByRole('textbox', { name: 'Summary' }), 'x');
    await waitFor(() => expect(status.textContent).toMatch(/^(Unsaved changes|Saving…|All changes saved)$/));
  });

  it('describes each field by its open comments, and the comments button is named by its field and count', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Tides' } });
    await t.sdk.cms.comments.create({ entryId: entry.id, content: 'Shorter?', fieldName: 'title' });
    await t.sdk.cms.comments.create({ entryId: entry.id, content: 'Or a pun?', fieldName: 'title' });
    renderWith(t.sdk, <ContentEditor entryId={entry.id} seo={false} />);
    const title = await screen.findByRole('textbox', { name: 'Title' }, { timeout: 15_000 });
    await waitFor(() => expect(descriptionOf(title)).toContain('Open comments: 2'));
    expect(screen.getByRole('button', { name: 'Comments on Title (2)' })).toBeTruthy();
    // A field without comments says nothing about them.
    expect(descriptionOf(screen.getByRole('textbox', { name: 'Summary' }))).toBe('');
  });
});
