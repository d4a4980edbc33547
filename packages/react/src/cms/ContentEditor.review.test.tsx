import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ContentTypeRow } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '@spokestack/server/testing';
import { renderWith, startServer } from '../test/server.js';
import { ContentEditor } from './ContentEditor.js';

let t: Awaited<ReturnType<typeof startServer>>;
let type: ContentTypeRow;
let pics: ContentTypeRow;
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
        { name: 'lede', label: 'Lede', type: 'text' },
      ],
    },
  });
  pics = await t.sdk.cms.contentTypes.create({
    name: 'Pic',
    schema: {
      fields: [
        { name: 'title', label: 'Title', type: 'text', required: true },
        { name: 'image', label: 'Image', type: 'media' },
      ],
    },
  });
});
afterAll(() => t?.close());

const status = () => document.querySelector('[data-scope="content-editor"][data-part="header"] [data-status]')?.getAttribute('data-status');
/** The buttons of the header's action row, in order. */
const actionNames = () =>
  [...document.querySelectorAll('[data-scope="content-editor"][data-part="actions"] button')].map((b) => b.textContent?.trim());
const saveState = () => document.querySelector('[data-scope="entry-form"][data-part="root"]')?.getAttribute('data-state');

async function open(entryId: string, sdk = t.sdk) {
  renderWith(sdk, <ContentEditor entryId={entryId} autosave={200} />);
  await waitFor(() => expect(screen.getByLabelText(/^Title/)).toBeTruthy(), { timeout: 15_000 });
}

describe('workflow and publishing', () => {
  it('submits for review, approves, then publishes, the row offering only what the state allows', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Launch day' } });
    await open(entry.id);
    const user = userEvent.setup();
    // A draft under a workflow: submitting is the one way on; no disabled Publish, no hint about approval.
    await screen.findByRole('button', { name: 'Submit for review' });
    expect(actionNames()).toEqual(['History', 'Submit for review', 'Save']);

    // An unsaved change goes with the submission.
    await user.type(screen.getByLabelText(/^Lede/), 'Big news');
    await user.click(screen.getByRole('button', { name: 'Submit for review' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit for review' });
    await user.type(within(dialog).getByLabelText('Note for the reviewers'), 'Ready');
    await user.click(within(dialog).getByRole('button', { name: 'Submit for review' }));
    await waitFor(() => expect(status()).toBe('IN_REVIEW'));
    expect(await screen.findByText('Waiting for Editor review')).toBeTruthy();
    expect((await t.sdk.cms.entries.get(entry.id)).data).toMatchObject({ lede: 'Big news' });
    await waitFor(() => expect(actionNames()).toEqual(['History', 'Approve', 'Request changes', 'Reject', 'Save']));
    expect(await screen.findByText(/Editing this entry in review withdraws it from review/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(status()).toBe('APPROVED'));
    await waitFor(() => expect(actionNames()).toEqual(['History', 'Publish', 'Save']));
    // Before the first edit, the editor says in words what an edit would do to the approval.
    expect(await screen.findByText(/Editing this approved entry withdraws its approval: it goes back to draft/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(status()).toBe('PUBLISHED'));
    // Live and unchanged: nothing to publish again, so no Publish and no approval hint; unpublish or start a new review.
    await waitFor(() => expect(actionNames()).toEqual(['History', 'Submit for review', 'Unpublish', 'Save']));
    expect(await screen.findByText(/This entry is live: your edits stay private until they are reviewed/)).toBeTruthy();
    const published = await t.sdk.cms.entries.get(entry.id);
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedTitle: 'Launch day' });
  });

  it('keeps the action row in one place whatever the state', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Steady' } });
    await t.sdk.cms.entries.submit(entry.id);
    await open(entry.id);
    const header = document.querySelector('[data-scope="content-editor"][data-part="header"]')!;
    const row = header.querySelector('[data-scope="content-editor"][data-part="actions"]')!;
    // Review buttons and publish buttons live in the header's one action row, never in a line of their own.
    await screen.findByRole('button', { name: 'Approve' });
    expect(row.contains(screen.getByRole('button', { name: 'Approve' }))).toBe(true);
    expect(row.contains(screen.getByText('Waiting for Editor review'))).toBe(true);
    expect(header.nextElementSibling?.getAttribute('data-part')).toBe('notices');
  });

  it('rejects with feedback, which the author then sees on the draft', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Hot take' } });
    await t.sdk.cms.entries.submit(entry.id);
    await open(entry.id);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject' });
    const confirm = within(dialog).getByRole('button', { name: 'Reject' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await user.type(within(dialog).getByLabelText('Feedback'), 'Too spicy');
    await user.click(confirm);
    await waitFor(() => expect(status()).toBe('DRAFT'));
    await waitFor(() => expect(screen.getByRole('note').textContent).toBe('Reject: Too spicy'));
    expect(await screen.findByRole('button', { name: 'Submit for review' })).toBeTruthy();
  });

  it('checks what publish requires before review: the blocker leads to its field, and once fixed the entry goes through', async () => {
    const file = await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'hero.png' });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: pics.id, data: { title: 'No alt', image: { fileId: file.id } } });
    await open(entry.id);
    const user = userEvent.setup();
    // Submitting would be refused (publish would be): no Submit, and the reason names the field.
    const blocker = await screen.findByRole('button', { name: /^Image: Alt text is required/ });
    expect(screen.queryByRole('button', { name: 'Submit for review' })).toBeNull();
    await user.click(blocker);
    const alt = within(document.querySelector<HTMLElement>('[data-field="image"]')!).getByLabelText('Alt text');
    await waitFor(() => expect(document.activeElement).toBe(alt));
    await user.type(alt, 'A lighthouse at dusk');
    await user.click(await screen.findByRole('button', { name: 'Submit for review' }, { timeout: 5_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit for review' });
    await user.click(within(dialog).getByRole('button', { name: 'Submit for review' }));
    await waitFor(() => expect(status()).toBe('IN_REVIEW'));
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    await user.click(await screen.findByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(status()).toBe('PUBLISHED'));
  });

  it('names a refused publish as a publish error, marks the field and takes focus there', async () => {
    const other = await t.createOrg('No Workflow Agency');
    const otherPics = await other.sdk.cms.contentTypes.create({ name: 'Pic', schema: pics.schema });
    const file = await other.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'a.png' });
    const entry = await other.sdk.cms.entries.create({
      contentTypeId: otherPics.id,
      data: { title: 'With alt', image: { fileId: file.id, alt: 'A cat' } },
    });
    renderWith(other.sdk, <ContentEditor entryId={entry.id} autosave={false} />);
    const user = userEvent.setup();
    const publish = await screen.findByRole('button', { name: 'Publish' }, { timeout: 15_000 });
    // The alt text goes away just before publishing: the save goes through, the publish is refused.
    const field = document.querySelector<HTMLElement>('[data-field="image"]')!;
    await user.clear(within(field).getByLabelText('Alt text'));
    await user.click(publish);
    const alert = await screen.findByText('Not published:');
    expect(alert.parentElement!.textContent).toBe('Not published: Fix the highlighted fields, then try again.');
    await waitFor(() => expect(field.getAttribute('data-state')).toBe('invalid'));
    expect(within(field).getByRole('alert').textContent).toMatch(/alt/i);
    // Nothing failed to save, so the save state does not say so.
    expect(saveState()).toBe('saved');
    expect(screen.getByRole('status').textContent).toBe('All changes saved');
    await waitFor(() => expect(document.activeElement).toBe(within(field).getByLabelText('Alt text')));
    expect((await other.sdk.cms.entries.get(entry.id)).status).toBe('DRAFT');
  });
});

describe('schedule', () => {
  it('offers only what the workflow allows, says why, and shows a refusal inline in words', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Not yet' } });
    await open(entry.id);
    const user = userEvent.setup();
    const panel = screen.getByRole('region', { name: 'Schedule' });
    const select = within(panel).getByLabelText('Action') as HTMLSelectElement;
    // A draft under a workflow cannot be scheduled to publish: not offered, and the panel says why.
    await within(panel).findByText(/^Publishing cannot be scheduled yet: Submit it for review first/);
    expect([...select.options].map((o) => o.value)).toEqual(['UNPUBLISH', 'ARCHIVE']);

    // A time already past: the server's refusal, in words, beside the form (no status, no problem block).
    const when = within(panel).getByLabelText('At');
    await user.clear(when);
    await user.type(when, '2020-01-01T09:00');
    await user.click(within(panel).getByRole('button', { name: 'Add to schedule' }));
    const alert = await within(panel).findByRole('alert');
    expect(alert.textContent).toMatch(/^Not scheduled: .*future/i);
    expect(panel.querySelector('[data-scope="error-state"]')).toBeNull();

    // Approved: publishing is offered, and no explanation is needed.
    const { revision } = await t.sdk.cms.entries.submit(entry.id);
    await t.sdk.cms.revisions.approve(revision.id, {});
    cleanup();
    await open(entry.id);
    const approved = screen.getByRole('region', { name: 'Schedule' });
    await waitFor(() =>
      expect([...(within(approved).getByLabelText('Action') as HTMLSelectElement).options].map((o) => o.value)).toEqual([
        'PUBLISH',
        'UNPUBLISH',
        'ARCHIVE',
      ]),
    );
    expect(within(approved).queryByText(/cannot be scheduled yet/)).toBeNull();
  });

  it('schedules an unpublish, lists it, and cancels it', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Timed' } });
    await open(entry.id);
    const user = userEvent.setup();
    const panel = screen.getByRole('region', { name: 'Schedule' });
    expect(await within(panel).findByText('Nothing scheduled')).toBeTruthy();
    await user.selectOptions(within(panel).getByLabelText('Action'), 'UNPUBLISH');
    await user.click(within(panel).getByRole('button', { name: 'Add to schedule' }));
    const item = await within(panel).findByText('Unpublish', { selector: 'li > span' });
    expect(item.closest('li')?.getAttribute('data-state')).toBe('PENDING');
    const [schedule] = (await t.sdk.cms.schedules.list({ entryId: entry.id })).data;
    expect(schedule).toMatchObject({ action: 'UNPUBLISH', status: 'PENDING' });
    expect(Math.abs(new Date(schedule!.scheduledFor).getTime() - Date.now() - 3_600_000)).toBeLessThan(120_000);

    await user.click(within(panel).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(item.closest('li')?.getAttribute('data-state')).toBe('CANCELLED'));
  });

  it('sets when the entry unpublishes by itself, autosaved with the draft, and clears it', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Seasonal' } });
    await open(entry.id);
    const user = userEvent.setup();
    const panel = screen.getByRole('region', { name: 'Schedule' });
    const expiry = within(panel).getByLabelText('Unpublish automatically at') as HTMLInputElement;
    expect(expiry.value).toBe('');
    await user.type(expiry, '2031-06-30T18:00');
    await waitFor(async () => expect((await t.sdk.cms.entries.get(entry.id)).expiresAt).toBe(new Date('2031-06-30T18:00').toISOString()), {
      timeout: 5_000,
    });
    // The server keeps the expiry as a pending unpublish.
    await waitFor(async () =>
      expect((await t.sdk.cms.schedules.list({ entryId: entry.id })).data).toMatchObject([
        { action: 'UNPUBLISH', status: 'PENDING', scheduledFor: new Date('2031-06-30T18:00').toISOString() },
      ]),
    );
    await user.click(within(panel).getByRole('button', { name: 'Never' }));
    await waitFor(async () => expect((await t.sdk.cms.entries.get(entry.id)).expiresAt).toBeNull(), { timeout: 5_000 });
    expect(expiry.value).toBe('');
  });
});

describe('comments', () => {
  it('comments beside a field, replies, and resolves the thread', async () => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Discuss me' } });
    await open(entry.id);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Comments on Title' }));
    const popover = await screen.findByRole('dialog', { name: 'Comments on Title' });
    await user.type(within(popover).getByLabelText('Comment on Title'), 'Shorter?');
    await user.click(within(popover).getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Comments on Title (1)' })).toBeTruthy());
    const thread = await within(popover).findByRole('article');
    expect(within(thread).getByText('Shorter?')).toBeTruthy();
    expect(within(thread).getByText('You')).toBeTruthy();

    await user.type(within(thread).getByLabelText('Reply'), 'Agreed');
    await user.click(within(thread).getByRole('button', { name: 'Reply' }));
    await waitFor(() => expect(within(thread).getByText('Agreed')).toBeTruthy());
    const root = (await t.sdk.cms.comments.list({ entryId: entry.id, fieldName: 'title' })).data.find((c) => c.parentId === null);
    expect(root).toMatchObject({ content: 'Shorter?', fieldName: 'title', parentId: null });

    await user.click(within(thread).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Comments on Title' })).toBeTruthy());
    expect((await t.sdk.cms.comments.get(root!.id)).isResolved).toBe(true);
    expect(saveState()).toBe('saved');
  });

  it('anchors a new thread to the text selected in the field, and quotes it', async () => {
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: type.id,
      data: { title: 'Quote me', lede: 'We shipped the fastest editor yet' },
    });
    await open(entry.id);
    const user = userEvent.setup();
    const lede = screen.getByLabelText(/^Lede/) as HTMLInputElement;
    lede.setSelectionRange(15, 29);
    await user.click(screen.getByRole('button', { name: 'Comments on Lede' }));
    const popover = await screen.findByRole('dialog', { name: 'Comments on Lede' });
    expect(within(popover).getByText('fastest editor', { selector: 'blockquote' })).toBeTruthy();
    await user.type(within(popover).getByLabelText('Comment on Lede'), 'Can we prove it?');
    await user.click(within(popover).getByRole('button', { name: 'Comment' }));
    const thread = await within(popover).findByRole('article');
    expect(within(thread).getByText('fastest editor', { selector: 'blockquote' })).toBeTruthy();
    // Sent once: the next thread is about the whole field again.
    await waitFor(() => expect(within(popover).queryByText('About the selected text:')).toBeNull());
    const [comment] = (await t.sdk.cms.comments.list({ entryId: entry.id, fieldName: 'lede' })).data;
    expect(comment).toMatchObject({ content: 'Can we prove it?', selection: { from: 15, to: 29, text: 'fastest editor' } });

    // Nothing selected: a comment on the whole field.
    await user.keyboard('{Escape}');
    lede.setSelectionRange(0, 0);
    await user.click(screen.getByRole('button', { name: 'Comments on Lede (1)' }));
    expect(within(await screen.findByRole('dialog', { name: /Comments on Lede/ })).queryByText('About the selected text:')).toBeNull();
  });
});
