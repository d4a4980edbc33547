import type { dealLineCreate, dealLineUpdate } from '@spokestack/core/crm';
import { crmResources } from '@spokestack/core/crm';
import Decimal from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest } from '../http/problem.js';
import type { TenantContext } from '../platform/context.js';
import { crmDeals, dealActivities, dealProducts, products } from './schema.js';

const lineService = resourceService(dealProducts, crmResources.dealProducts);
// Enough significant digits for the largest quantity × price the columns hold (decimal.js defaults to 20).
const D = Decimal.clone({ precision: 40 });

/**
 * A line's total, quantity × unitPrice × (1 − discount/100), in decimal arithmetic rounded half-up to
 * cents: never through floats, so `0.1 × 3` is `0.30`.
 *
 * @example lineTotal('3', '19.99', '10') // '53.97'
 */
export function lineTotal(quantity: string, unitPrice: string, discount: string): string {
  return new D(quantity).times(unitPrice).times(new D(100).minus(discount).dividedBy(100)).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);
}

/** The deal's amount becomes the sum of its lines (summed as SQL numeric), with an AMOUNT_CHANGED activity when it moves. */
async function followLines(tx: Db, ctx: TenantContext, dealId: string) {
  const [before] = await tx.select({ amount: crmDeals.amount }).from(crmDeals).where(eq(crmDeals.id, dealId)).for('update');
  const [sum] = await tx
    .select({ n: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${dealProducts.total}), 0)::numeric(14, 2)::text` })
    .from(dealProducts)
    .where(and(eq(dealProducts.organizationId, ctx.organizationId), eq(dealProducts.dealId, dealId)));
  // A deal without lines keeps the amount it was given.
  if (!sum?.n || before?.amount === sum.total) return;
  await tx.update(crmDeals).set({ amount: sum.total, updatedAt: ctx.now }).where(eq(crmDeals.id, dealId));
  await tx.insert(dealActivities).values({
    organizationId: ctx.organizationId,
    dealId,
    activityType: 'AMOUNT_CHANGED',
    subject: 'Amount follows the deal lines',
    oldValue: before?.amount ?? null,
    newValue: sum.total,
    performedById: ctx.actor.id,
    createdAt: ctx.now,
  });
}

/** @example await addDealLine(db, ctx, { dealId, productId, quantity: '3', discount: '10' }) */
export async function addDealLine(db: Db, ctx: TenantContext, input: z.output<typeof dealLineCreate>) {
  return transaction(db, async (tx) => {
    const [deal] = await tx
      .select({ id: crmDeals.id })
      .from(crmDeals)
      .where(and(eq(crmDeals.organizationId, ctx.organizationId), eq(crmDeals.id, input.dealId)));
    if (!deal) throw badRequest([{ path: 'body.dealId', message: 'No deal with this id' }]);
    let product: typeof products.$inferSelect | undefined;
    if (input.productId) {
      [product] = await tx
        .select()
        .from(products)
        .where(and(eq(products.organizationId, ctx.organizationId), eq(products.id, input.productId)));
      if (!product) throw badRequest([{ path: 'body.productId', message: 'No product with this id' }]);
    }
    const name = input.name ?? product?.name;
    const unitPrice = input.unitPrice ?? product?.unitPrice;
    const errors = [];
    if (!name) errors.push({ path: 'body.name', message: 'Required without a product' });
    if (!unitPrice) errors.push({ path: 'body.unitPrice', message: 'Required without a product' });
    if (errors.length) throw badRequest(errors);
    const quantity = input.quantity ?? '1';
    const discount = input.discount ?? '0';
    const row = await lineService.create(tx, ctx, {
      ...input,
      name,
      description: input.description ?? product?.description?.slice(0, 5000) ?? null,
      unitPrice,
      quantity,
      discount,
      isRecurring: input.isRecurring ?? product?.isRecurring ?? false,
      billingPeriod: input.billingPeriod ?? product?.billingPeriod ?? null,
      total: lineTotal(quantity, unitPrice!, discount),
      createdAt: ctx.now,
    });
    await followLines(tx, ctx, row.dealId);
    return row;
  });
}

export async function updateDealLine(db: Db, ctx: TenantContext, id: string, input: z.output<typeof dealLineUpdate>) {
  return transaction(db, async (tx) => {
    const before = await lineService.get(tx, ctx, id);
    const quantity = input.quantity ?? before.quantity;
    const unitPrice = input.unitPrice ?? before.unitPrice;
    const discount = input.discount ?? before.discount;
    const row = await lineService.update(tx, ctx, id, { ...input, total: lineTotal(quantity, unitPrice, discount) });
    await followLines(tx, ctx, row.dealId);
    return row;
  });
}

export async function removeDealLine(db: Db, ctx: TenantContext, id: string) {
  return transaction(db, async (tx) => {
    const before = await lineService.get(tx, ctx, id);
    const result = await lineService.remove(tx, ctx, id);
    await followLines(tx, ctx, before.dealId);
    return result;
  });
}
