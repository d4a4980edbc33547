import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { allRoles, base, color, deleted, id, slug, tag, writers } from './common.js';
import { categories, tags } from './rows.gen.js';

// Tags and the category tree.

export type TagRow = z.output<typeof tags.row>;
export type CategoryRow = z.output<typeof categories.row>;
export const tagCreate = z.strictObject({
  name: f.text().min(1).max(100),
  /** Defaults to the name, slugified. */
  slug: slug.optional(),
  color: color.nullable().optional(),
  description: f.text().max(1000).nullable().optional(),
});
export const tagUpdate = tagCreate.partial();
export const tagFilters = z.object({ slug: f.text().optional() });
export const categoryCreate = z.strictObject({
  name: f.text().min(1).max(200),
  /** Defaults to the name, slugified; the category's `path` is its ancestors' slugs and its own. */
  slug: slug.optional(),
  /** The parent category; null or absent for a top-level one. Changing it moves the whole subtree. */
  parentId: id.nullable().optional(),
  description: f.text().max(2000).nullable().optional(),
  icon: f.text().max(100).nullable().optional(),
  color: color.nullable().optional(),
  sortOrder: f.int().optional(),
  seoTitle: f.text().max(300).nullable().optional(),
  seoDescription: f.text().max(1000).nullable().optional(),
});
export const categoryUpdate = categoryCreate.partial();
export const categoryFilters = z.object({
  parentId: f.text().optional(),
  /** Category id: only categories below it (its subtree, itself excluded). */
  under: f.text().optional(),
  slug: f.text().optional(),
  depth: z.coerce.number().int().min(0).optional(),
});
// `true` from the SDK, `"true"` from a query string.
export const categoryDeleteQuery = z.object({
  cascade: z
    .union([z.boolean(), f.queryBool()])
    .optional()
    .describe('Delete the whole subtree (otherwise a category with children is refused)'),
});

export const taxonomyOps = {
  listTags: defineOperation({
    id: 'cms.tags.list',
    description: "The organization's tags, a page at a time.",
    method: 'GET',
    path: `${base}/tags`,
    tag,
    summary: 'List tags',
    query: listQuery.extend(tagFilters.shape),
    response: pageOf(tags.row),
    roles: allRoles,
  }),
  getTag: defineOperation({
    id: 'cms.tags.get',
    description: "One of the organization's tags by id, with its name and slug.",
    method: 'GET',
    path: `${base}/tags/:id`,
    tag,
    summary: 'Get a tag',
    params: idParams,
    response: tags.row,
    roles: allRoles,
  }),
  createTag: defineOperation({
    id: 'cms.tags.create',
    description: 'Creates a tag; its slug comes from its name and is unique in the organization (409).',
    method: 'POST',
    path: `${base}/tags`,
    tag,
    summary: 'Create a tag (slug from its name)',
    body: tagCreate,
    response: tags.row,
    status: 201,
    roles: writers,
  }),
  updateTag: defineOperation({
    id: 'cms.tags.update',
    description: 'Changes a tag; its slug stays unique in the organization (409).',
    method: 'PATCH',
    path: `${base}/tags/:id`,
    tag,
    summary: 'Update a tag',
    params: idParams,
    body: tagUpdate,
    response: tags.row,
    roles: writers,
  }),
  deleteTag: defineOperation({
    id: 'cms.tags.delete',
    description: 'Deletes a tag and removes it from every entry that had it.',
    method: 'DELETE',
    path: `${base}/tags/:id`,
    tag,
    summary: 'Delete a tag (detaching it from its entries)',
    params: idParams,
    response: deleted,
    roles: writers,
  }),
  listCategories: defineOperation({
    id: 'cms.categories.list',
    description: "The organization's categories with their path and depth; `sort=path` returns them in tree order.",
    method: 'GET',
    path: `${base}/categories`,
    tag,
    summary: 'List categories (`sort=path` gives tree order)',
    query: listQuery.extend(categoryFilters.shape),
    response: pageOf(categories.row),
    roles: allRoles,
  }),
  getCategory: defineOperation({
    id: 'cms.categories.get',
    description: 'One category by id, with its path and depth.',
    method: 'GET',
    path: `${base}/categories/:id`,
    tag,
    summary: 'Get a category',
    params: idParams,
    response: categories.row,
    roles: allRoles,
  }),
  createCategory: defineOperation({
    id: 'cms.categories.create',
    description: 'Creates a category at the top or under a parent; its path and depth follow from the parent.',
    method: 'POST',
    path: `${base}/categories`,
    tag,
    summary: 'Create a category (path and depth from its parent)',
    body: categoryCreate,
    response: categories.row,
    status: 201,
    roles: writers,
  }),
  updateCategory: defineOperation({
    id: 'cms.categories.update',
    description:
      'Renames or moves a category; the paths of its whole subtree follow. Moving it under one of its own ' + 'descendants is 409.',
    method: 'PATCH',
    path: `${base}/categories/:id`,
    tag,
    summary: 'Update, rename or move a category; its subtree follows (a move under its own descendant is refused, 409)',
    params: idParams,
    body: categoryUpdate,
    response: categories.row,
    roles: writers,
  }),
  deleteCategory: defineOperation({
    id: 'cms.categories.delete',
    description: 'Deletes a category. One with children needs `cascade=true`, which deletes its subtree too.',
    method: 'DELETE',
    path: `${base}/categories/:id`,
    tag,
    summary: 'Delete a category; one with children needs `cascade=true`',
    params: idParams,
    query: categoryDeleteQuery,
    response: deleted,
    roles: writers,
  }),
};
