import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { base, deleted, id, tag, writers } from './common.js';
import { dealProducts } from './rows.gen.js';

// Deal lines: totalled on the server in decimal arithmetic, and the deal's amount follows them.

const positive = f.decimal(10, 2).refine((v) => Number(v) > 0, 'Must be more than 0');
const percent = f.decimal(5, 2).refine((v) => Number(v) >= 0 && Number(v) <= 100, 'A percentage from 0 to 100');
export const dealLineCreate = z.strictObject({
  dealId: id,
  /** A product of the catalogue; its name, price and billing fill what is not given. */
  productId: id.nullable().optional(),
  name: f.text().min(1).max(500).optional(),
  description: f.text().max(5000).nullable().optional(),
  quantity: positive.optional(),
  unitPrice: f.decimal(12, 2).optional(),
  /** Percent off the line. */
  discount: percent.optional(),
  isRecurring: z.boolean().optional(),
  billingPeriod: f.text().max(50).nullable().optional(),
  sortOrder: f.int().optional(),
});
export const dealLineUpdate = dealLineCreate.omit({ dealId: true, productId: true }).partial();

export const productOps = {
  createDealLine: defineOperation({
    id: 'crm.dealProducts.create',
    description:
      'Adds a product line to a deal. Its total is quantity × unit price × (1 − discount/100), and the ' +
      "deal's amount becomes the sum of its lines.",
    method: 'POST',
    path: `${base}/deal-products`,
    tag,
    summary: 'Add a line to a deal: total = quantity × unitPrice × (1 − discount/100); the deal amount becomes the sum of its lines',
    body: dealLineCreate,
    response: dealProducts.row,
    status: 201,
    roles: writers,
  }),
  updateDealLine: defineOperation({
    id: 'crm.dealProducts.update',
    description: "Changes a deal line's quantity, price or discount; its total and the deal's amount are computed " + 'again.',
    method: 'PATCH',
    path: `${base}/deal-products/:id`,
    tag,
    summary: 'Change a deal line; its total and the deal amount are recomputed',
    params: idParams,
    body: dealLineUpdate,
    response: dealProducts.row,
    roles: writers,
  }),
  deleteDealLine: defineOperation({
    id: 'crm.dealProducts.delete',
    description: "Removes a line from a deal; the deal's amount becomes the sum of the lines left.",
    method: 'DELETE',
    path: `${base}/deal-products/:id`,
    tag,
    summary: 'Remove a deal line; the deal amount follows the remaining lines',
    params: idParams,
    response: deleted,
    roles: writers,
  }),
};
