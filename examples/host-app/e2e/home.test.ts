import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from './harness.js';

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
