import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

it('creates an entry with rich text, saves versions, goes through review, publishes, and serves it to a public site', async () => {
  const { t } = stack;
  // Set up through the SDK: a content type, an approval workflow, and a publishable key for the public site.
  await t.sdk.cms.contentTypes.create({
    name: 'Article',
    slug: 'article',
    schema: {
      fields: [
        { name: 'title', label: 'Title', type: 'text', required: true },
        { name: 'body', label: 'Body', type: 'richtext', required: true },
      ],
    },
  });
  await t.sdk.cms.workflows.create({
    name: 'Editorial',
    isDefault: true,
    stages: [{ name: 'Editor review', status: 'IN_REVIEW', order: 1, assignTo: 'role:ADMIN' }],
  });
  const { secret: publishableKey } = await t.sdk.platform.apiKeys.create({ name: 'Public site', kind: 'PUBLISHABLE' });

  const page = await stack.open('#/content');
  const editor = page.locator('[data-scope="entry-form"][data-part="root"]');

  // A new entry from the content page: title, then rich text with a bold word, then create.
  await page.getByRole('button', { name: 'New entry' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Hello from Chromium');
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.click();
  await page.keyboard.type('Typed in a real browser, ');
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type('bold');
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type(' and plain.');
  await page.getByRole('button', { name: 'Create entry' }).click();
  await expect.poll(() => editor.getAttribute('data-mode')).toBe('edit');
  await expect.poll(() => editor.getAttribute('data-state')).toBe('saved');
  // The address follows the new entry, and the list shows it.
  await expect.poll(() => page.url()).toMatch(/#\/content\/\w+$/);
  const entryId = page.url().split('/').pop()!;
  await page.getByRole('button', { name: /^Hello from Chromium/ }).waitFor();

  // A second paragraph, saved with the button: a second version.
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second thoughts.');
  await expect.poll(() => editor.getAttribute('data-state')).toBe('dirty');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => editor.getAttribute('data-state')).toBe('saved');

  // The history shows both versions and what changed between them.
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'Version history' });
  await history.getByRole('button', { name: /^Version 2/ }).waitFor();
  await history.getByRole('button', { name: /^Version 1/ }).waitFor();
  await history.getByText('Version 1 → Version 2').waitFor();
  expect((await history.locator('ins').allTextContents()).join('').trim()).toBe('Second thoughts.');
  await history.getByRole('button', { name: 'Close' }).click();

  // Review: submit, then approve (an API key acts as ADMIN, the stage's assignee).
  await page.getByRole('button', { name: 'Submit for review' }).click();
  const submit = page.getByRole('dialog', { name: 'Submit for review' });
  await submit.getByLabel('Note for the reviewers').fill('Ready to go');
  await submit.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByText('Waiting for Editor review').waitFor();
  await page.getByRole('button', { name: 'Approve' }).click();
  const status = page.locator('[data-scope="content-editor"][data-part="header"] [data-status]');
  await expect.poll(() => status.getAttribute('data-status')).toBe('APPROVED');

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect.poll(() => status.getAttribute('data-status')).toBe('PUBLISHED');
  await page.getByRole('button', { name: 'Unpublish' }).waitFor();

  // A public site reads it through the delivery API with the publishable key, over HTTP through the app's origin.
  const entry = await t.sdk.cms.entries.get(entryId);
  const response = await fetch(`${stack.appUrl}/v1/delivery/article/${entry.slug}`, {
    headers: { authorization: `Bearer ${publishableKey}` },
  });
  expect(response.status).toBe(200);
  const delivered = (await response.json()) as {
    title: string;
    slug: string;
    data: { body: { content: { content?: { text: string; marks?: { type: string }[] }[] }[] } };
  };
  expect(delivered).toMatchObject({ title: 'Hello from Chromium', slug: 'hello-from-chromium' });
  const [first, second] = delivered.data.body.content;
  expect(first!.content!.map((node) => node.text).join('')).toBe('Typed in a real browser, bold and plain.');
  expect(first!.content!.find((node) => node.text === 'bold')?.marks).toEqual([{ type: 'bold' }]);
  expect(second!.content![0]!.text).toBe('Second thoughts.');
  // The SDK reads the same thing.
  const viaSdk = await t.sdkFor(publishableKey).cms.delivery.get('article', entry.slug);
  expect(viaSdk.title).toBe('Hello from Chromium');
  await page.close();
});

it('comments on words selected in rich text, quoting them', async () => {
  const { t } = stack;
  const type = await t.sdk.cms.contentTypes.create({
    name: 'Memo',
    slug: 'memo',
    schema: {
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'body', label: 'Body', type: 'richtext' },
      ],
    },
  });
  const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Our editor is the fastest yet.' }] }] };
  const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Claims', body: doc as never } });
  const page = await stack.open(`#/content/${entry.id}`);
  // Select "fastest" in the editor; the comment button takes the selection with it.
  await page.getByRole('textbox', { name: 'Body' }).click();
  await page.evaluate(() => {
    const editable = document.querySelector('[data-field="body"] [contenteditable="true"]')!;
    const text = editable.querySelector('p')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 18);
    range.setEnd(text, 25);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  });
  await page.getByRole('button', { name: 'Comments on Body' }).click();
  const popover = page.getByRole('dialog', { name: 'Comments on Body' });
  await popover.locator('blockquote', { hasText: 'fastest' }).waitFor();
  await popover.getByLabel('Comment on Body').fill('Source?');
  await popover.getByRole('button', { name: 'Comment', exact: true }).click();
  await popover.getByRole('article').waitFor();
  const [comment] = (await t.sdk.cms.comments.list({ entryId: entry.id, fieldName: 'body' })).data;
  expect(comment).toMatchObject({ content: 'Source?', selection: { from: 18, to: 25, text: 'fastest' } });
  await page.close();
});
