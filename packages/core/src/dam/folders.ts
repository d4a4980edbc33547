import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation } from '../shared/operation.js';
import { base, id, ids, tag, writers } from './common.js';
import { folders } from './rows.gen.js';

// Folders are a tree inside a library: `path` (slugs from the root, `/campaigns/spring`) and `depth` are
// the server's, kept on create, rename and move, with the whole subtree in one transaction.

const slug = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a slug: lowercase letters and digits, words joined by "-"');
export const folderCreate = z.strictObject({
  libraryId: id,
  name: f.text().min(1).max(200),
  /** Default: from the name. */
  slug: slug.optional(),
  /** A folder of the same library; absent or null: at the root. */
  parentId: id.nullable().optional(),
  description: f.text().nullable().optional(),
  color: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'Expected a colour like "#6B7280"')
    .nullable()
    .optional(),
  /** Applied to new uploads (see `folderDefaults`). */
  defaultMetadata: z.record(z.string(), f.json()).optional(),
});
/** Renaming (`slug`) or moving (`parentId`, null for the root) carries the subtree along. */
export const folderUpdate = folderCreate.omit({ libraryId: true }).partial();
export const assetMove = z.strictObject({
  assetIds: ids,
  /** A folder of the assets' library, or null for its root. */
  folderId: id.nullable(),
});

/** What happens to what a folder holds when it is deleted; without it, a folder that holds anything is a 409. */
export const folderDeleteQuery = z.object({
  /** `move`: every asset of the folder and its subfolders moves to `to`; `delete`: they are deleted like DELETE /assets/:id. */
  assets: z.enum(['move', 'delete']).optional(),
  /** The folder of the same library, outside the deleted subtree, that receives the assets (required with `assets=move`). */
  to: id.optional(),
});
/** Like every delete's reply; how many subfolders went and assets moved or went is in the activity stream. */
export const folderDeleted = z.object({ id: z.string(), deleted: z.literal(true) });

export const folderOps = {
  createFolder: defineOperation({
    id: 'dam.folders.create',
    description: 'Creates a folder at the root of a library or inside another folder of the same library.',
    method: 'POST',
    path: `${base}/folders`,
    tag,
    summary: 'Create a folder at the root of a library or inside another folder',
    body: folderCreate,
    response: folders.row,
    status: 201,
    roles: writers,
  }),
  updateFolder: defineOperation({
    id: 'dam.folders.update',
    description:
      'Renames a folder or moves it, with everything below it, to another parent in its library. Moving a ' +
      'folder under itself or its descendants is 409.',
    method: 'PATCH',
    path: `${base}/folders/:id`,
    tag,
    summary: 'Rename or move a folder with its subtree (moving it under itself is a 409)',
    params: z.object({ id }),
    body: folderUpdate,
    response: folders.row,
    roles: writers,
  }),
  deleteFolder: defineOperation({
    id: 'dam.folders.delete',
    description:
      'Deletes a folder with its subfolders in one transaction. A folder that holds assets or subfolders is refused with a ' +
      '409 naming the counts, unless `assets=move&to=<folderId>` moves every asset below it to another folder of the ' +
      'library, or `assets=delete` deletes them.',
    method: 'DELETE',
    path: `${base}/folders/:id`,
    tag,
    summary: 'Delete a folder and its subfolders; its assets are moved (assets=move&to=) or deleted (assets=delete)',
    params: z.object({ id }),
    query: folderDeleteQuery,
    response: folderDeleted,
    roles: writers,
  }),
  moveAssets: defineOperation({
    id: 'dam.assets.move',
    description: 'Moves a set of assets into one folder of their library (or its root). Either every asset moves or ' + 'none does.',
    method: 'POST',
    path: `${base}/assets/move`,
    tag,
    summary: 'Move assets into a folder (or the root) of their library, all or none',
    body: assetMove,
    response: z.object({ moved: z.number().int() }),
    roles: writers,
  }),
};
