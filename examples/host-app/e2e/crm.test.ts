import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { type Stack, startStack, violations } from './harness.js';

// The pipeline board in Chromium: real mouse drags (pointer down, moves in steps, up, over the cards' real
// coordinates), a keyboard move, a lost deal with its reason, all written by the reference server; both themes
// (screenshots to SCREENSHOT_DIR when set).

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

/** Drags `card` onto `column` the way a person does: press, move in small steps, release. */
async function drag(page: Page, card: Locator, column: Locator) {
  const from = (await card.boundingBox())!;
  const to = (await column.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 20, from.y + 20, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 15 });
  await page.mouse.up();
}

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const stageOf = async (dealId: string) => (await stack.t.sdk.crm.deals.get(dealId)).stageId;

it('moves a deal across two stages with the mouse and one with the keyboard, then marks it lost with a reason', async () => {
  const { t } = stack;
  const pipeline = await t.sdk.crm.pipelines.create({
    name: 'New business',
    isDefault: true,
    stages: [
      { id: 'lead', name: 'Lead', order: 0, probability: 10, color: '#64748B' },
      { id: 'qualified', name: 'Qualified', order: 1, probability: 30, color: '#2563EB' },
      { id: 'proposal', name: 'Proposal', order: 2, probability: 60, color: '#7C3AED' },
      { id: 'won', name: 'Won', order: 3, probability: 100, isClosed: true, isWon: true, color: '#15803D' },
      { id: 'lost', name: 'Lost', order: 4, probability: 0, isClosed: true, color: '#DC2626' },
    ],
  });
  const deal = await t.sdk.crm.deals.create({
    pipelineId: pipeline.id,
    name: 'Acme rebrand',
    amount: '25000.00',
    currency: 'USD',
    expectedCloseDate: '2026-06-30T00:00:00Z',
  });
  const contact = await t.sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test', companyName: 'Acme' });
  await t.sdk.crm.dealContacts.create({ dealId: deal.id, contactId: contact.id, role: 'DECISION_MAKER', isPrimary: true });
  await t.sdk.crm.contactActivities.create({ contactId: contact.id, activityType: 'CALL_OUTBOUND', subject: 'Intro call', duration: 20 });
  await t.sdk.crm.tasks.create({ title: 'Chase the Acme invoice', contactId: contact.id, dueDate: '2020-11-02T09:00:00Z' });
  await t.sdk.crm.tasks.create({ title: 'Send Ada the proposal', contactId: contact.id, dueDate: '2099-01-15T09:00:00Z' });
  await t.sdk.crm.deals.create({
    pipelineId: pipeline.id,
    name: 'Globex site',
    amount: '12000.00',
    currency: 'USD',
    expectedCloseDate: '2026-07-15T00:00:00Z',
  });
  await t.sdk.crm.deals.create({
    pipelineId: pipeline.id,
    name: 'Initech retainer',
    amount: '4800.00',
    currency: 'USD',
    stageId: 'qualified',
  });

  const page = await stack.open('#/pipeline');
  const card = page.getByRole('article', { name: 'Acme rebrand' });
  await card.waitFor();
  const shots = process.env.SCREENSHOT_DIR;
  if (shots) await page.screenshot({ path: `${shots}/pipeline-light.png` });

  await drag(page, card, column(page, 'Qualified'));
  await expect.poll(() => stageOf(deal.id)).toBe('qualified');
  await expect.poll(() => column(page, 'Qualified').getByRole('article', { name: 'Acme rebrand' }).count()).toBe(1);
  await drag(page, column(page, 'Qualified').getByRole('article', { name: 'Acme rebrand' }), column(page, 'Proposal'));
  await expect.poll(() => stageOf(deal.id)).toBe('proposal');
  await expect.poll(() => column(page, 'Proposal').getByRole('article', { name: 'Acme rebrand' }).count()).toBe(1);
  await expect.poll(() => column(page, 'Proposal').locator('[data-sum="total"]').textContent()).toBe('$25,000');

  // The keyboard: focus the card, pick it up, one stage to the right, drop.
  await column(page, 'Proposal').getByRole('article', { name: 'Acme rebrand' }).focus();
  await page.keyboard.press('Space');
  await page.locator('[data-part="board"][data-dragging]').waitFor();
  await page.keyboard.press('ArrowRight');
  await column(page, 'Won').and(page.locator('[data-over]')).waitFor();
  await page.keyboard.press('Space');
  await expect.poll(() => stageOf(deal.id)).toBe('won');
  await expect.poll(() => column(page, 'Won').getByRole('article', { name: 'Acme rebrand' }).count()).toBe(1);

  // Onto the lost stage: nothing moves until the reason is given.
  await drag(page, column(page, 'Won').getByRole('article', { name: 'Acme rebrand' }), column(page, 'Lost'));
  const dialog = page.getByRole('dialog', { name: 'Why was Acme rebrand lost?' });
  await dialog.waitFor();
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
  if (shots) await page.screenshot({ path: `${shots}/pipeline-lost-dialog.png` });
  expect(await stageOf(deal.id)).toBe('won');
  await dialog.getByLabel('Reason').fill('Budget cut');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect.poll(() => stageOf(deal.id)).toBe('lost');
  expect((await t.sdk.crm.deals.get(deal.id)).lostReason).toBe('Budget cut');
  await expect.poll(() => column(page, 'Lost').getByRole('article', { name: 'Acme rebrand' }).count()).toBe(1);

  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  if (shots) await page.screenshot({ path: `${shots}/pipeline-dark.png` });

  // The deal's stage history, every move in order, and its contact with their role.
  await column(page, 'Lost').getByRole('button', { name: 'Acme rebrand', exact: true }).click();
  const deal$ = page.getByRole('dialog', { name: 'Acme rebrand' });
  const history = deal$.getByRole('region', { name: 'Stage history' });
  await expect.poll(() => history.getByRole('listitem').allTextContents()).toHaveLength(5);
  // The test server's clock stands still, so every move has the same time: compare them as a set.
  expect((await history.locator('li strong').allTextContents()).sort()).toEqual([
    'Created in Lead',
    'Lead → Qualified',
    'Proposal → Won',
    'Qualified → Proposal',
    'Won → Lost',
  ]);
  await deal$.getByText('Decision maker').waitFor();
  expect(await deal$.getByText('Budget cut').count()).toBe(1);
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
  if (shots) await page.screenshot({ path: `${shots}/deal-dialog-dark.png` });
  await page.keyboard.press('Escape');

  // The contact's timeline: the deal won, then lost with its reason, and the call logged by hand.
  await page.getByRole('link', { name: 'Contacts' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByText('Deal lost').waitFor();
  const entries = await timeline.getByRole('listitem').allTextContents();
  expect(entries.some((e) => e.includes('Deal “Acme rebrand” lost') && e.includes('Budget cut'))).toBe(true);
  expect(entries.some((e) => e.includes('Deal won'))).toBe(true);
  expect(entries.some((e) => e.includes('Intro call · 20 min'))).toBe(true);
  // My open tasks beside them, soonest due first, the overdue one marked.
  const tasks = page.getByRole('region', { name: 'My open tasks' });
  await tasks.getByRole('listitem', { name: 'Send Ada the proposal' }).waitFor();
  expect(await tasks.getByRole('listitem').evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')))).toEqual([
    'Chase the Acme invoice',
    'Send Ada the proposal',
  ]);
  await tasks.getByRole('listitem', { name: 'Chase the Acme invoice' }).getByText('Overdue').waitFor();
  expect(await violations(page)).toEqual([]);
  if (shots) await page.screenshot({ path: `${shots}/contacts-dark.png` });
  await page.getByRole('button', { name: 'Light theme' }).click();
  if (shots) await page.screenshot({ path: `${shots}/contacts-light.png` });
  await page.close();
});

it('imports a CSV with one bad row from the Contacts page: the check, the counts and the error report', async () => {
  const { t } = stack;
  const page = await stack.open('#/contacts');
  await page.getByRole('button', { name: 'Import contacts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  const csv = 'First name,Last name,Email\nGrace,Hopper,grace@navy.test\nBad,Row,not-an-email\nKatherine,Johnson,kj@nasa.test\n';
  await dialog.getByLabel('CSV file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  expect(await dialog.getByLabel('Email', { exact: true }).inputValue()).toBe('email');
  const shots = process.env.SCREENSHOT_DIR;
  if (shots) await page.screenshot({ path: `${shots}/import-mapping-light.png` });
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
  // The rest in the dark theme (the page behind a modal dialog is inert, so switch with the dialog closed).
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('button', { name: 'Import contacts' }).click();
  await dialog.getByLabel('CSV file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  await dialog.getByRole('button', { name: 'Check' }).click();
  // The check is a job too: its progress shows until the job has run.
  await dialog.locator('[data-part="progress"], [data-part="outcome"]').first().waitFor();
  await t.runJobs();
  await dialog.getByText('Check: nothing has been written yet').waitFor();
  await expect.poll(() => dialog.locator('[data-count="refused"] dd').textContent()).toBe('1');
  expect(await dialog.locator('[data-count="created"] dd').textContent()).toBe('2');

  await dialog.getByRole('button', { name: 'Import' }).click();
  await dialog.getByRole('progressbar', { name: 'Import progress' }).waitFor();
  if (shots) await page.screenshot({ path: `${shots}/import-progress-dark.png` });
  await t.runJobs();
  await dialog.getByText('Import finished').waitFor();
  const report = dialog.getByRole('link', { name: 'Download error report' });
  await report.waitFor();
  expect(decodeURIComponent((await report.getAttribute('href'))!)).toContain('3,Email,email,');
  expect(await dialog.locator('[data-count="created"] dd').textContent()).toBe('2');
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
  if (shots) await page.screenshot({ path: `${shots}/import-result-dark.png` });
  await page.close();
});

it('builds a segment on the Contacts page with a live count and saves it as a dynamic list', async () => {
  const { t } = stack;
  const page = await stack.open('#/contacts');
  await page.getByRole('button', { name: 'New segment' }).click();
  const dialog = page.getByRole('dialog', { name: 'New segment' });
  await dialog.getByLabel('Name').fill('Navy people');
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await dialog.getByLabel('Rule 1: how').selectOption('contains');
  await dialog.getByLabel('Rule 1: value').fill('navy');
  const segmentRules = { kind: 'field', field: 'email', op: 'contains', value: 'navy' } as const;
  const { count } = await t.sdk.crm.contactLists.preview({ segmentRules });
  expect(count).toBe(1);
  await expect.poll(() => dialog.locator('[data-part="count"]').textContent()).toBe('1 contact matches');
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
  const shots = process.env.SCREENSHOT_DIR;
  if (shots) await page.screenshot({ path: `${shots}/segment-light.png` });
  await dialog.getByRole('button', { name: 'Save list' }).click();
  await dialog.getByText('Saved: 1 member').waitFor();
  const [list] = (await t.sdk.crm.contactLists.list({ listType: 'DYNAMIC' })).data;
  expect(list).toMatchObject({ name: 'Navy people', memberCount: 1 });
  await page.close();
});
