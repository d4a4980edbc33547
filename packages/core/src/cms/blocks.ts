import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { base, deleted, id, slug, tag, writers } from './common.js';
import { blocks } from './rows.gen.js';

// Reusable content blocks that entries embed.

export const blockCreate = z.strictObject({
  name: f.text().min(1).max(200),
  slug,
  description: f.text().max(2000).nullable().optional(),
  blockType: f.text().min(1).max(100),
  data: z.record(z.string(), f.json()),
  /** Usable by every entry; otherwise only by entries of the block's client (`clientId`, or entries without a client when null). */
  isGlobal: z.boolean().optional(),
  /** A locked block refuses edits (409) until an OWNER or ADMIN unlocks it. */
  isLocked: z.boolean().optional(),
  clientId: id.nullable().optional(),
});
export const blockUpdate = blockCreate.partial();
export type BlockRow = z.output<typeof blocks.row>;

export const blockOps = {
  createBlock: defineOperation({
    id: 'cms.blocks.create',
    description: 'Creates a reusable content block that entries embed.',
    method: 'POST',
    path: `${base}/blocks`,
    tag,
    summary: 'Create a reusable content block',
    body: blockCreate,
    response: blocks.row,
    status: 201,
    roles: writers,
  }),
  updateBlock: defineOperation({
    id: 'cms.blocks.update',
    description: 'Changes a block. A locked block is 409; locking and unlocking need OWNER or ADMIN.',
    method: 'PATCH',
    path: `${base}/blocks/:id`,
    tag,
    summary: 'Update a block (locked: 409; unlocking needs OWNER or ADMIN)',
    params: idParams,
    body: blockUpdate,
    response: blocks.row,
    roles: writers,
  }),
  deleteBlock: defineOperation({
    id: 'cms.blocks.delete',
    description: 'Deletes a block that no entry uses; a locked or used block is 409.',
    method: 'DELETE',
    path: `${base}/blocks/:id`,
    tag,
    summary: 'Delete a block no entry uses (locked or used: 409)',
    params: idParams,
    response: deleted,
    roles: writers,
  }),
};
