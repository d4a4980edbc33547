import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { base, id, ids, tag, writers } from './common.js';
import { assets, collections } from './rows.gen.js';

// Collections: MANUAL (and LIGHTBOX, DELIVERABLE) hold items in their own order with a note each; SMART
// hold `smartRules`, a saved query over assets evaluated on every read, so an asset tagged later appears
// without anyone adding it. Either way a collection's assets are read through the libraries' visibility.

/** The asset fields a smart rule can test, and what kind of value each holds. */
export const smartRuleFields = {
  name: 'text',
  description: 'text',
  assetType: 'enum',
  status: 'enum',
  license: 'enum',
  libraryId: 'id',
  folderId: 'id',
  tags: 'array',
  downloadCount: 'number',
  createdAt: 'date',
  updatedAt: 'date',
  expiresAt: 'date',
} as const;
export type SmartRuleField = keyof typeof smartRuleFields;
export const smartRuleOperators = ['eq', 'in', 'contains', 'gt', 'lt', 'before', 'after'] as const;

/** Which operators make sense for each kind of field. */
const operatorsFor: Record<(typeof smartRuleFields)[SmartRuleField], readonly string[]> = {
  text: ['eq', 'in', 'contains'],
  enum: ['eq', 'in'],
  id: ['eq', 'in'],
  array: ['eq', 'in', 'contains'],
  number: ['eq', 'gt', 'lt'],
  date: ['before', 'after', 'gt', 'lt'],
};

export const smartCondition = z
  .strictObject({
    field: z.enum(Object.keys(smartRuleFields) as [SmartRuleField, ...SmartRuleField[]]),
    operator: z.enum(smartRuleOperators),
    value: z.union([z.string().max(500), z.number(), z.array(z.string().max(500)).min(1).max(100)]),
  })
  .superRefine((c, issue) => {
    const kind = smartRuleFields[c.field];
    if (!operatorsFor[kind].includes(c.operator))
      issue.addIssue({ code: 'custom', path: ['operator'], message: `${c.field} takes ${operatorsFor[kind].join(', ')}` });
    else if (c.operator === 'in' ? !Array.isArray(c.value) : Array.isArray(c.value))
      issue.addIssue({ code: 'custom', path: ['value'], message: c.operator === 'in' ? 'Expected a list' : 'Expected one value' });
    else if (kind === 'number' && typeof c.value !== 'number')
      issue.addIssue({ code: 'custom', path: ['value'], message: 'Expected a number' });
    else if (kind === 'date' && (typeof c.value !== 'string' || Number.isNaN(Date.parse(c.value))))
      issue.addIssue({ code: 'custom', path: ['value'], message: 'Expected a date like "2025-01-01"' });
    else if (kind !== 'number' && !Array.isArray(c.value) && typeof c.value !== 'string')
      issue.addIssue({ code: 'custom', path: ['value'], message: 'Expected text' });
  });
export type SmartCondition = z.output<typeof smartCondition>;

/** A saved query: every condition (`all`) or at least one (`any`). */
export const smartRules = z.strictObject({
  conditions: z.array(smartCondition).min(1).max(50),
  match: z.enum(['all', 'any']).default('all'),
});
export type SmartRules = z.output<typeof smartRules>;

export const collectionCreate = collections.create.extend({ smartRules: smartRules.nullable().optional() });
export const collectionUpdate = collectionCreate.partial();

/** An asset as a collection holds it: a manual collection's note and place, null for a smart one. */
export const collectionAsset = assets.row.extend({ note: z.string().nullable(), sortOrder: z.number().int().nullable() });
export const collectionItemsAdd = z.strictObject({ assetIds: ids, note: f.text().max(2000).nullable().optional() });
export const collectionItemsOrder = z.strictObject({ assetIds: ids });
const itemParams = z.object({ id, assetId: id });

export const collectionOps = {
  createCollection: defineOperation({
    id: 'dam.collections.create',
    method: 'POST',
    path: `${base}/collections`,
    tag,
    summary: 'Create a collection: MANUAL, LIGHTBOX or DELIVERABLE with items, or SMART with rules',
    description: 'A SMART collection needs `smartRules`; its assets are whatever matches them at the time of each read.',
    body: collectionCreate,
    response: collections.row,
    status: 201,
    roles: writers,
  }),
  updateCollection: defineOperation({
    id: 'dam.collections.update',
    method: 'PATCH',
    path: `${base}/collections/:id`,
    tag,
    summary: 'Change a collection (its rules, for a SMART one)',
    description:
      "A SMART collection's new rules are checked against each field's type, as on create. A collection of " +
      'another organization answers 404.',
    params: idParams,
    body: collectionUpdate,
    response: collections.row,
    roles: writers,
  }),
  collectionAssets: defineOperation({
    id: 'dam.collections.assets',
    method: 'GET',
    path: `${base}/collections/:id/assets`,
    tag,
    summary: 'The assets of a collection, paged: in item order, or for a SMART one what matches its rules now',
    description: 'Only assets of libraries the caller sees; a SMART collection leaves out EXPIRED assets, newest first.',
    params: idParams,
    query: listQuery.omit({ sort: true }),
    response: pageOf(collectionAsset),
    roles: writers,
  }),
  addCollectionItems: defineOperation({
    id: 'dam.collections.addItems',
    method: 'POST',
    path: `${base}/collections/:id/items`,
    tag,
    summary: 'Add assets at the end of a manual collection (ones already in it stay where they are)',
    description:
      'Only for MANUAL collections (a SMART one answers 409: its rules decide its assets). All or none: an ' +
      'unknown asset, or one the caller cannot see, is a 400 naming it.',
    params: idParams,
    body: collectionItemsAdd,
    response: z.object({ added: z.number().int() }),
    roles: writers,
  }),
  orderCollectionItems: defineOperation({
    id: 'dam.collections.orderItems',
    method: 'PUT',
    path: `${base}/collections/:id/items/order`,
    tag,
    summary: 'Put the given items first, in this order; the others follow in their order',
    description: 'Only for MANUAL collections (a SMART one answers 409). Items not named keep their relative order after the named ones.',
    params: idParams,
    body: collectionItemsOrder,
    response: z.object({ ordered: z.number().int() }),
    roles: writers,
  }),
  removeCollectionItem: defineOperation({
    id: 'dam.collections.removeItem',
    method: 'DELETE',
    path: `${base}/collections/:id/items/:assetId`,
    tag,
    summary: 'Take an asset out of a manual collection (the asset stays)',
    description: 'Only for MANUAL collections (a SMART one answers 409); an asset that is not in the collection answers 404.',
    params: itemParams,
    response: z.object({ removed: z.literal(true) }),
    roles: writers,
  }),
  createCollectionItemRefused: defineOperation({
    id: 'dam.collectionItems.create',
    method: 'POST',
    path: `${base}/collection-items`,
    tag,
    summary: 'Not allowed: add items with POST /v1/dam/collections/:id/items',
    description: refusedDescription,
    response: z.never(),
    roles: writers,
  }),
};
