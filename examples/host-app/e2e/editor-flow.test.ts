import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pngBytes } from '@spokestack/server/testing';
import type { ContentTypeRow } from '@spokestack/core/cms';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack, violations } from './harness.js';

// The editor as a content team lives in it (issue 9): review to publish without a dead end, by keyboard, and
// with no serious or critical accessibility violation on any surface, in the light and the dark theme.

let stack: Stack;
let type: ContentTypeRow;
beforeAll(async () => {
  stack = await startStack();
  await stack.t.sdk.cms.workflows.create({
    name: 'Editorial',
    isDefault: true,
    stages: [{ name: 'Editor review', status: 'IN_REVIEW', order: 1, assignTo: 'role:ADMIN' }],
  });
  type = await stack.t.sdk.cms.contentTypes.create({
    name: 'Feature',
    slug: 'feature',
    schema: {
      fields: [
        { name: 'title', label: 'Title', type: 'text', required: true },
        { name: 'hero', label: 'Hero image', type: 'media' },
        { name: 'body', label: 'Body', type: 'richtext' },
      ],
    },
  });
});
afterAll(() => stack?.close());

const shot = (page: Page, name: string) => page.screenshot({ path: join(tmpdir(), `editor9-${name}.png`), fullPage: false });

it('takes an entry from a missing alt text through review to live, by keyboard, without a dead end', async () => {
  const { t } = stack;
  const file = await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'lighthouse.png' });
  const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Lighthouses', hero: { fileId: file.id } } });
  const page = await stack.open(`#/content/${entry.id}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  const status = page.locator('[data-scope="content-editor"][data-part="header"] [data-status]');

  // Submitting would be refused for what publishing needs, so the editor says so instead of offering it.
  const blocker = page.getByRole('button', { name: /^Hero image: Alt text is required/ });
  await blocker.waitFor();
  expect(await page.getByRole('button', { name: 'Submit for review' }).count()).toBe(0);
  await shot(page, 'blocked');
  // By keyboard: the blocker takes focus to the alt text, where typing fixes it.
  await blocker.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('label')?.textContent)).toMatch(/^Alt text/);
  await page.keyboard.type('A lighthouse at dusk');

  // Now submit, approve and publish; the approved entry says what an edit would do before anyone edits it.
  const submit = page.getByRole('button', { name: 'Submit for review' });
  await submit.waitFor({ timeout: 10_000 });
  await submit.click();
  const dialog = page.getByRole('dialog', { name: 'Submit for review' });
  await dialog.getByLabel('Note for the reviewers').fill('Alt text added');
  await dialog.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByText('Waiting for Editor review').waitFor();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect.poll(() => status.getAttribute('data-status')).toBe('APPROVED');
  await page.getByText(/Editing this approved entry withdraws its approval/).waitFor();
  await shot(page, 'approved');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect.poll(() => status.getAttribute('data-status')).toBe('PUBLISHED');
  await page.getByRole('button', { name: 'Unpublish' }).waitFor();
  expect(await page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
  expect((await t.sdk.cms.entries.get(entry.id)).publishedData).toMatchObject({ hero: { alt: 'A lighthouse at dusk' } });
  await page.close();
});

it('has no serious or critical accessibility violation on the content page, the editor, the history and the schedule', async () => {
  const { t } = stack;
  const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Second story' } });
  const page = await stack.open(`#/content/${entry.id}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('[data-scope="entry-form"][data-part="root"]').waitFor();
  await page.getByRole('button', { name: 'Submit for review' }).waitFor();

  // A heading in the body, so the toolbar's pressed state (H2) is among what axe checks.
  await page.getByRole('textbox', { name: 'Body' }).click();
  await page.getByRole('button', { name: 'Heading 2' }).click();
  await page.keyboard.type('A subheading');
  await expect.poll(() => page.getByRole('button', { name: 'Heading 2' }).getAttribute('aria-pressed')).toBe('true');

  const found: Record<string, string[]> = {};
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await shot(page, `editor-${theme}`);
    found[`content page and editor, ${theme}`] = await violations(page);

    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('dialog', { name: 'Version history' });
    await history.getByRole('button', { name: /^Version 1/ }).waitFor();
    // Past the opening fade: axe and the picture see the dialog as it stays.
    await page.waitForTimeout(400);
    await shot(page, `history-${theme}`);
    found[`history, ${theme}`] = await violations(page, '[role="dialog"]');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden' });

    const schedule = page.getByRole('region', { name: 'Schedule' });
    await schedule.scrollIntoViewIfNeeded();
    await schedule.getByText(/Publishing cannot be scheduled yet/).waitFor();
    await shot(page, `schedule-${theme}`);
    found[`schedule, ${theme}`] = await violations(page, '[data-scope="schedule"][data-part="root"]');
  }
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  await page.close();
});

it('moves through the content page by keyboard: skip links, label → input → comments, and a tags box that opens when asked', async () => {
  const { t } = stack;
  const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Keyboard story' } });
  const page = await stack.open(`#/content/${entry.id}`);
  await page.locator('[data-scope="entry-form"][data-part="root"]').waitFor();
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el === document.body || !el
        ? 'body'
        : `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim()}`;
    });

  // The first Tab stop skips the app's navigation.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('button:Skip to main content');

  // In the content area, the next skips the list: Enter lands in the editor, whose first stop is its action row.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('button:Skip to the editor');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('button:History');

  // A field's comments button comes after its input.
  await page.getByRole('textbox', { name: 'Title', exact: true }).focus();
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('button:Comments on Title');

  // Tabbing into Tags does not pop its list open, and tabbing out moves on (never to <body>).
  const tags = page.getByRole('combobox', { name: 'Tags' });
  await tags.focus();
  expect(await tags.getAttribute('aria-expanded')).toBe('false');
  await page.keyboard.press('Tab');
  expect(await focused()).not.toBe('body');

  // At 900 px the editor still sits beside the list, in view, so choosing an entry shows it.
  await page.setViewportSize({ width: 900, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const list = await page.getByRole('complementary', { name: 'Entries' }).boundingBox();
  const editor = await page.getByRole('region', { name: 'Editor' }).boundingBox();
  expect(editor!.x).toBeGreaterThanOrEqual(list!.x + list!.width);
  expect(editor!.y).toBeLessThan(200);
  await shot(page, 'narrow-900');
  await page.close();
});

it('keeps the rich-text toolbar on one row at 1440 px and delivers a link that stops where it was set, without nofollow', async () => {
  const { t } = stack;
  const { secret: publishableKey } = await t.sdk.platform.apiKeys.create({ name: 'Links site', kind: 'PUBLISHABLE' });
  const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Links story' } });
  const page = await stack.open(`#/content/${entry.id}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
  const body = page.getByRole('textbox', { name: 'Body' });

  // With a table, the toolbar holds every command it has (the table's three too): still one row, Redo included.
  await body.click();
  await toolbar.getByRole('button', { name: 'Insert table' }).click();
  await toolbar.getByRole('button', { name: 'Delete table' }).waitFor();
  const tops = await toolbar
    .locator('[data-part="tool"]')
    .evaluateAll((tools) => tools.map((tool) => Math.round(tool.getBoundingClientRect().top)));
  expect(tops.length).toBe(18);
  expect(new Set(tops).size).toBe(1);
  await toolbar.getByRole('button', { name: 'Delete table' }).click();

  // A link inserted at the caret; what is typed after it is plain text.
  await body.click();
  await page.keyboard.type('Read ');
  await toolbar.getByRole('button', { name: 'Link' }).click();
  const form = page.getByRole('group', { name: 'Link' });
  await form.getByRole('textbox', { name: /^Link address/ }).fill('https://example.com/launch');
  expect(await form.getByRole('checkbox', { name: 'Open in a new tab' }).isChecked()).toBe(false);
  expect(await form.getByRole('checkbox', { name: /^nofollow:/ }).isChecked()).toBe(false);
  await page.keyboard.press('Enter');
  await page.keyboard.type('. after');
  await page.locator('[data-scope="entry-form"][data-part="root"][data-state="saved"]').waitFor();

  // The link form and the toolbar as people see them, light and dark, with no serious or critical violation.
  const found: Record<string, string[]> = {};
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await body.getByRole('link').click();
    await toolbar.getByRole('button', { name: 'Link' }).click();
    await form.waitFor();
    await page.waitForTimeout(100);
    await page.locator('[data-scope="rich-text"][data-part="root"]').screenshot({ path: join(tmpdir(), `editor9-link-form-${theme}.png`) });
    found[`link form, ${theme}`] = await violations(page, '[data-scope="rich-text"][data-part="root"]');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
  }
  expect(found).toEqual({ 'link form, light': [], 'link form, dark': [] });

  // Published, the delivered link text stops before the full stop and carries no nofollow and no new tab.
  const { revision } = await t.sdk.cms.entries.submit(entry.id);
  await t.sdk.cms.revisions.approve(revision!.id);
  await t.sdk.cms.entries.publish(entry.id);
  const fetched = await fetch(`${stack.appUrl}/v1/delivery/feature/${(await t.sdk.cms.entries.get(entry.id)).slug}`, {
    headers: { authorization: `Bearer ${publishableKey}` },
  });
  expect(fetched.status).toBe(200);
  type Run = { text: string; marks?: { type: string; attrs?: Record<string, unknown> }[] };
  const delivered = (await fetched.json()) as { data: { body: { content: { content?: Run[] }[] } } };
  const runs = delivered.data.body.content.flatMap((block) => block.content ?? []);
  expect(runs.map((run) => run.text).join('')).toBe('Read https://example.com/launch. after');
  const link = runs.find((run) => run.marks?.some((mark) => mark.type === 'link'));
  expect(link?.text).toBe('https://example.com/launch');
  expect(link?.marks?.[0]?.attrs).toMatchObject({ href: 'https://example.com/launch', target: null, rel: null });
  await page.close();
});

it('reads the history (labels, file names, authors) and restores after confirming; translates with the source beside', async () => {
  const { t } = stack;
  await t.sdk.platform.organization.update({ locales: ['en', 'de'], defaultLocale: 'en' });
  const story = await t.sdk.cms.contentTypes.create({
    name: 'Story',
    slug: 'story',
    schema: {
      fields: [
        { name: 'title', label: 'Title', type: 'text', required: true, localized: true },
        { name: 'summary', label: 'Summary', type: 'text', multiline: true, localized: true },
        { name: 'heroImage', label: 'Hero image', type: 'media' },
      ],
    },
  });
  const harbour = await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'harbour-at-dawn.png' });
  const entry = await t.sdk.cms.entries.create({
    contentTypeId: story.id,
    data: { title: 'Harbour lights', summary: 'A night walk along the quay.' },
  });
  const writer = await t.sdk.platform.users.create({ email: 'ada@northwind.test', name: 'Ada Writer', role: 'MEMBER' });
  const { token } = await t.sdk.platform.sessions.create({ userId: writer.id });
  const v2 = await t.sdkFor(token).cms.entries.update(entry.id, {
    data: { heroImage: { fileId: harbour.id, alt: 'Boats at dawn' } },
    version: entry.version,
  });
  await t.sdk.cms.entries.update(entry.id, { seoTitle: 'Harbour lights | Northwind', version: v2.version });

  const page = await stack.open(`#/content/${entry.id}`);
  await page.locator('[data-scope="entry-form"][data-part="root"]').waitFor();
  const found: Record<string, string[]> = {};
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('dialog', { name: 'Version history' });
    const v2Item = history.getByRole('button', { name: /^Version 2/ });
    // Labels, never keys; the author's name; the current version says so and offers no restore.
    await expect.poll(() => v2Item.textContent()).toMatch(/by Ada Writer.*Hero image/);
    expect(await history.getByRole('button', { name: /^Version 3/ }).textContent()).toMatch(/current.*SEO title/);
    expect(await history.getByRole('button', { name: /^Version 1/ }).textContent()).toContain('Created');
    expect(await history.getByRole('button', { name: /^Restore/ }).count()).toBe(0);
    await v2Item.click();
    await history.getByLabel('Compare with').selectOption('1');
    await history.getByText('harbour-at-dawn.png · Boats at dawn').waitFor();
    expect(await history.textContent()).not.toContain(harbour.id);
    await page.waitForTimeout(400);
    await shot(page, `history-read-${theme}`);
    found[`history, ${theme}`] = await violations(page, '[role="dialog"]');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden' });
  }

  // A restore asks first, in words.
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'Version history' });
  await history.getByRole('button', { name: /^Version 1/ }).click();
  await history.getByRole('button', { name: 'Restore version 1' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Restore version 1?' });
  await confirm.getByText(/Nothing is published/).waitFor();
  await page.waitForTimeout(300);
  await shot(page, 'restore-confirm-dark');
  found['restore confirmation, dark'] = await violations(page, '[role="alertdialog"]');
  await confirm.getByRole('button', { name: 'Restore version 1' }).click();
  await history.waitFor({ state: 'hidden' });
  await expect.poll(async () => (await t.sdk.cms.entries.get(entry.id)).seoTitle).toBeNull();
  expect((await t.sdk.cms.entries.get(entry.id)).data).not.toHaveProperty('heroImage');

  // Translating into German: each localized field shows the English value beside it.
  await page
    .getByRole('group', { name: 'Language' })
    .getByRole('radio', { name: /^German/ })
    .click();
  const source = page.locator('[data-field="title"]').getByRole('group', { name: 'English (source)' });
  await expect.poll(() => source.textContent()).toContain('Harbour lights');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Hafenlichter');
  await page.getByLabel('SEO title').fill('Hafenlichter | Northwind');
  // Autosaved into the German translation: its own SEO title, the English one untouched.
  await expect
    .poll(async () => (await t.sdk.cms.entries.translations.get(entry.id, 'de').catch(() => null))?.meta, { timeout: 10_000 })
    .toEqual({ seoTitle: 'Hafenlichter | Northwind' });
  expect((await t.sdk.cms.entries.translations.get(entry.id, 'de')).data).toEqual({ title: 'Hafenlichter' });
  for (const theme of ['dark', 'light'] as const) {
    if (theme === 'light') await page.getByRole('button', { name: 'Light theme' }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await shot(page, `translation-${theme}`);
    found[`translation, ${theme}`] = await violations(page);
  }
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  await page.close();
});
