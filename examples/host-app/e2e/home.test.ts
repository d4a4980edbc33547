import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack, violations } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

it('signs in with a session token and shows who you are and your clients', async () => {
  const { t } = stack;
  await t.sdk.platform.clients.create({ name: 'Acme Corp', slug: 'acme', industry: 'Retail' });
  const user = await t.sdk.platform.users.create({ email: 'sam@agency.test', name: 'Sam Rivera' });
  const { token } = await t.sdk.platform.sessions.create({ userId: user.id });

  const page = await stack.open('', token);
  await page.getByRole('heading', { name: 'Welcome, Sam Rivera' }).waitFor();
  expect(await page.getByText(t.organization.id).count()).toBe(1);
  await page.getByRole('cell', { name: 'Acme Corp' }).waitFor();
  // The key left the address bar for sessionStorage.
  expect(page.url()).not.toContain('key=');
  await page.close();
});

it('shows the problem when the key is refused', async () => {
  const page = await stack.open('', 'sk_not_a_real_key_000000000000000000');
  await page.getByText('Unknown or revoked API key').waitFor();
  await page.getByRole('button', { name: 'Use another key' }).waitFor();
  await page.close();
});

it("signs in through the host app's own backend: a short-lived session, no secret key in the browser", async () => {
  const { t } = stack;
  await t.sdk.platform.users.create({ email: 'ada@agency.test', name: 'Ada Admin', role: 'ADMIN' });
  const page = await (await stack.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(15_000);
  const authorizations: string[] = [];
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (header) authorizations.push(header);
  });
  await page.goto(`${stack.appUrl}/`);
  await page.getByRole('button', { name: 'Sign in as admin' }).click();
  await page.getByRole('heading', { name: 'Welcome, Ada Admin' }).waitFor();
  await page.getByText('ADMIN', { exact: true }).waitFor();
  expect(authorizations.length).toBeGreaterThan(0);
  expect(authorizations.every((h) => h.startsWith('Bearer ') && !h.includes('sk_'))).toBe(true);
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain('sk_');
  await page.screenshot({ path: join(tmpdir(), 'host-app-signed-in.png') });
  expect(await violations(page)).toEqual([]);
  await page.close();
});

it('the sign-in screen says why when the organization has no member of the role', async () => {
  const page = await (await stack.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${stack.appUrl}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.screenshot({ path: join(tmpdir(), 'host-app-sign-in.png') });
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.screenshot({ path: join(tmpdir(), 'host-app-sign-in-dark.png') });
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Sign in as client' }).click();
  await page.getByRole('alert').getByText('The organization has no CLIENT member to sign in as').waitFor();
  await page.close();
});
