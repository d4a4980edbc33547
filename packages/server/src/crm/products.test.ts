import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';
import { lineTotal } from './products.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let pipelineId: string;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  pipelineId = (
    await t.sdk.crm.pipelines.create({
      name: 'Sales',
      stages: [
        { id: 'open', name: 'Open', order: 0, probability: 20 },
        { id: 'won', name: 'Won', order: 1, probability: 100, isClosed: true, isWon: true },
      ],
    })
  ).id;
});
afterAll(() => t.close());

describe('products and deal lines', () => {
  it('totals lines in decimal arithmetic, never floats', () => {
    expect(lineTotal('3', '0.10', '0')).toBe('0.30');
    expect(lineTotal('3', '19.99', '10')).toBe('53.97');
    expect(lineTotal('1.5', '0.05', '0')).toBe('0.08');
    expect(lineTotal('99999999.99', '9999999999.99', '0')).toBe('999999999899000000.00');
  });

  it('keeps product codes unique, fills lines from the catalogue, and makes the deal amount follow its lines', async () => {
    const retainer = await t.sdk.crm.products.create({
      name: 'Retainer',
      code: 'RET-1',
      unitPrice: '1999.99',
      isRecurring: true,
      billingPeriod: 'monthly',
    });
    await expect(t.sdk.crm.products.create({ name: 'Other', code: 'RET-1', unitPrice: '1.00' })).rejects.toMatchObject({
      status: 409,
      errors: [{ path: 'body.code' }],
    });
    await expect(other.sdk.crm.products.create({ name: 'Theirs', code: 'RET-1', unitPrice: '1.00' })).resolves.toBeTruthy();
    const deal = await t.sdk.crm.deals.create({ pipelineId, name: 'Acme', amount: '5000.00' });
    const line = await t.sdk.crm.dealProducts.create({ dealId: deal.id, productId: retainer.id, quantity: '3', discount: '10' });
    expect(line).toMatchObject({
      name: 'Retainer',
      unitPrice: '1999.99',
      quantity: '3.00',
      discount: '10.00',
      total: '5399.97',
      isRecurring: true,
    });
    const setup = await t.sdk.crm.dealProducts.create({ dealId: deal.id, name: 'Setup', unitPrice: '0.10', quantity: '3' });
    expect(setup.total).toBe('0.30');
    expect((await t.sdk.crm.deals.get(deal.id)).amount).toBe('5400.27');
    await t.sdk.crm.dealProducts.update(setup.id, { discount: '50' });
    expect((await t.sdk.crm.deals.get(deal.id)).amount).toBe('5400.12');
    await t.sdk.crm.dealProducts.delete(line.id);
    expect((await t.sdk.crm.deals.get(deal.id)).amount).toBe('0.15');
    const changes = (await t.sdk.crm.dealActivities.list({ dealId: deal.id })).data.filter((a) => a.activityType === 'AMOUNT_CHANGED');
    expect(changes.map((a) => a.newValue).sort()).toEqual(['0.15', '5399.97', '5400.12', '5400.27']);

    await expect(t.sdk.crm.dealProducts.create({ dealId: deal.id, quantity: '1' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.name' }, { path: 'body.unitPrice' }],
    });
    await expect(t.sdk.crm.dealProducts.create({ dealId: deal.id, name: 'X', unitPrice: '1.00', discount: '101' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.discount' }],
    });
    // Another organization can neither use our deal nor see our lines.
    await expect(other.sdk.crm.dealProducts.create({ dealId: deal.id, name: 'X', unitPrice: '1.00' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.dealId' }],
    });
    await expect(other.sdk.crm.dealProducts.update(setup.id, { quantity: '2' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.dealProducts.delete(setup.id)).rejects.toMatchObject({ status: 404 });
    const theirProduct = (await other.sdk.crm.products.list()).data[0]!;
    await expect(t.sdk.crm.dealProducts.create({ dealId: deal.id, productId: theirProduct.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.productId' }],
    });
  });
});
