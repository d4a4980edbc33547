import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { type Stack, startStack, violations } from './harness.js';

// The assets page in Chromium: a real 2–3 MB JPEG uploaded through the page's Uppy over tus with one PATCH cut
// off mid-upload (it resumes from the server's offset), its thumbnail, a comment pinned on it, a share link with a
// password and two downloads opened in a fresh browser, and axe on the page and each dialog. Each state is
// screenshot in both themes to SCREENSHOT_DIR when set.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

/** Screenshots the page as it is, light then dark (the theme lives on the provider's root and the dialogs'). */
async function shoot(page: Page, name: string) {
  const shots = process.env.SCREENSHOT_DIR;
  if (!shots) return;
  // No transitions: a screenshot right after the theme flips would catch colours half-way.
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
  for (const theme of ['light', 'dark']) {
    await page.evaluate((value) => {
      for (const el of document.querySelectorAll('[data-theme]')) el.setAttribute('data-theme', value);
    }, theme);
    await page.screenshot({ path: `${shots}/assets-${name}-${theme}.png` });
  }
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('[data-theme]')) el.setAttribute('data-theme', 'light');
  });
}

it('uploads a photo over tus through a cut connection, pins a comment on it and shares it for two downloads', async () => {
  const { t, browser } = stack;
  await t.sdk.dam.libraries.create({ name: 'Campaign photos', slug: 'campaign-photos', settings: { maxFileSize: 20_000_000 } });
  // Noise does not compress away: about 2.5 MB of JPEG, three 1 MiB tus chunks.
  const photo = await sharp({
    create: { width: 1800, height: 1300, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 70 } },
  })
    .jpeg({ quality: 95 })
    .toBuffer();
  expect(photo.length).toBeGreaterThan(2_000_000);
  expect(photo.length).toBeLessThan(3_000_000);

  const page = await stack.open('#/assets');
  await page.getByText('No assets here yet').waitFor();
  expect(await violations(page)).toEqual([]);
  await shoot(page, 'empty');

  // The second PATCH is held (the panel shows the upload mid-way), then its connection is reset.
  let patches = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let cut!: () => void;
  const wasCut = new Promise<void>((resolve) => {
    cut = resolve;
  });
  await page.route('**/v1/dam/tus/**', async (route: Route) => {
    if (route.request().method() === 'PATCH' && ++patches === 2) {
      await held;
      await route.abort('connectionreset');
      cut();
      return;
    }
    await route.continue();
  });
  const offsets: number[] = [];
  page.on('response', (response) => {
    if (response.request().method() === 'HEAD' && response.url().includes('/v1/dam/tus/')) {
      offsets.push(Number(response.headers()['upload-offset']));
    }
  });

  await page.locator('input[type="file"]').setInputFiles({ name: 'harbour-dawn.jpg', mimeType: 'image/jpeg', buffer: photo });
  const progress = page.getByRole('progressbar', { name: 'harbour-dawn.jpg' });
  await expect.poll(() => progress.getAttribute('aria-valuenow').then(Number)).toBeGreaterThan(0);
  await expect.poll(() => patches).toBe(2);
  await shoot(page, 'uploading');
  release();
  await wasCut;

  // tus-js-client asks the server where it stopped (HEAD) and sends the rest from there.
  const status = page.locator('[data-scope="asset-uploads"][data-part="status"]');
  await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Uploaded');
  expect(offsets).toEqual([1024 * 1024]);
  expect(patches).toBe(4);
  await page.unroute('**/v1/dam/tus/**');

  const { data: rows } = await t.sdk.dam.assets.list({});
  expect(rows).toHaveLength(1);
  const asset = rows[0]!;
  // Stored under the library's naming (no extension); the bytes are checked at the shared link's download.
  expect(asset).toMatchObject({ name: 'harbour-dawn', assetType: 'IMAGE_PHOTO' });

  // Renditions come from the job queue; once they ran, the grid shows the thumbnail. Labels as a tagger
  // would leave them, for the detail dialog's review.
  await t.runJobs();
  const processed = await t.sdk.dam.assets.get(asset.id);
  await t.sdk.dam.assets.update(asset.id, {
    aiMetadata: { ...(processed.aiMetadata as object), labels: ['boat', 'sea'], confidence: { boat: 0.91, sea: 0.55 } },
  });
  await page.reload();
  const tile = page.getByRole('option', { name: /harbour-dawn/ });
  const thumbnail = tile.locator('img');
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect(await violations(page)).toEqual([]);
  await shoot(page, 'library');
  // The facets count what the search found: one landscape photo.
  await page.getByRole('group', { name: 'Refine' }).getByRole('button', { name: 'landscape 1' }).waitFor();

  // Open it (Enter on the focused tile), pin a comment a third of the way in.
  await tile.click();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('dialog', { name: 'harbour-dawn' });
  await detail.locator('[data-part="picture"] img').waitFor();
  const picture = detail.getByRole('button', { name: 'Click the image to pin your comment to a spot.' });
  const box = (await picture.boundingBox())!;
  await picture.click({ position: { x: box.width / 3, y: box.height / 2 } });
  await detail.getByText('Pinned at 33%, 50%').waitFor();
  await detail.getByLabel('Add a comment').fill('Crop the mast out');
  await detail.getByRole('button', { name: 'Post' }).click();
  await detail.getByText('Crop the mast out').waitFor();
  const { data: threads } = await t.sdk.dam.comments.list({ assetId: asset.id });
  expect(threads).toMatchObject([
    { content: 'Crop the mast out', annotation: { type: 'point', x: expect.closeTo(1 / 3, 2), y: expect.closeTo(0.5, 2) } },
  ]);
  await expect.poll(() => detail.locator('[data-part="pin"]').count()).toBe(1);
  // A person confirms one AI label (it becomes a tag) and removes the wrong one.
  const labels = detail.getByRole('region', { name: 'AI labels' });
  await shoot(page, 'labels');
  await labels.getByRole('button', { name: 'Confirm “boat” as a tag' }).click();
  await labels.getByText('Confirmed').waitFor();
  await labels.getByRole('button', { name: 'Remove the label “sea”' }).click();
  await expect.poll(() => labels.getByText('sea', { exact: true }).count()).toBe(0);
  expect(await t.sdk.dam.assets.get(asset.id)).toMatchObject({ tags: ['boat'], aiMetadata: { labels: ['boat'], rejected: ['sea'] } });
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
  await shoot(page, 'detail');
  await page.keyboard.press('Escape');
  await detail.waitFor({ state: 'hidden' });

  // Share it (it is still selected) with a password and two downloads.
  await page.getByRole('button', { name: 'Share' }).click();
  const share = page.getByRole('dialog', { name: /harbour-dawn/ });
  await share.getByLabel('Password').fill('harbour-2026');
  await share.getByLabel('Download limit').fill('2');
  await share.getByRole('button', { name: 'Create link' }).click();
  const url = share.getByRole('textbox', { name: 'Copy link' });
  await url.waitFor();
  const address = await url.inputValue();
  expect(address).toMatch(new RegExp(`^${stack.appUrl}/share/[\\w-]{32,}$`));
  await share.getByText('0 of 2 downloads').waitFor();
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
  await shoot(page, 'share');
  await page.close();

  // Someone else's browser: no credential, only the link and its password.
  const outsider = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await outsider.goto(address);
  await outsider.getByRole('heading', { name: 'harbour-dawn' }).waitFor();
  await outsider.getByText('2 downloads left', { exact: false }).waitFor();
  expect(await violations(outsider)).toEqual([]);
  await shoot(outsider, 'shared');
  await outsider.getByLabel('Password').fill('wrong');
  await outsider.getByRole('button', { name: 'Download' }).click();
  await outsider.getByRole('alert').waitFor();
  await outsider.getByLabel('Password').fill('harbour-2026');
  for (const left of ['1 download left', 'This link has no downloads left.']) {
    const [download] = await Promise.all([outsider.waitForEvent('download'), outsider.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('harbour-dawn.jpg');
    expect((await readFile((await download.path())!)).equals(photo)).toBe(true);
    await outsider.getByText(left, { exact: false }).waitFor();
  }
  await expect.poll(() => outsider.getByRole('button', { name: 'Download' }).count()).toBe(0);
  await shoot(outsider, 'used-up');
  // The server refuses a third download, whatever the page shows.
  const token = address.split('/').pop()!;
  const third = await outsider.request.post(`${stack.appUrl}/v1/dam/public/links/${token}/download`, {
    data: { password: 'harbour-2026' },
  });
  expect(third.status()).toBeGreaterThanOrEqual(400);
  const [link] = (await t.sdk.dam.links.list({ assetId: asset.id })).data;
  expect(link).toMatchObject({ downloadCount: 2, maxDownloads: 2 });
  await outsider.context().close();
  // The whole flow, three dialogs and a second browser, on a shared 2-core machine.
}, 120_000);
