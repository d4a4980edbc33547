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
  const deal = await t.sdk.crm.deals.create({ pipelineId: pipeline.id, name: 'Acme rebrand', amount: '25000.00', currency: 'USD', expectedCloseDate: '2026-06-30T00:00:00Z' });
  await t.sdk.crm.deals.create({ pipelineId: pipeline.id, name: 'Globex site', amount: '12000.00', currency: 'USD', expectedCloseDate: '2026-07-15T00:00:00Z' });
  await t.sdk.crm.deals.create({ pipelineId: pipeline.id, name: 'Initech retainer', amount: '4800.00', currency: 'USD', stageId: 'qualified' });

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
  await page.keyboard.press('ArrowRight');
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
  await page.close();
});
