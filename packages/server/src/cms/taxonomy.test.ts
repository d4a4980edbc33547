import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: { sdk: SpokeStack };
let typeId: string;
beforeAll(async () => {
  t = await createTestInstance();
  other = await t.createOrg('Rival Agency');
  typeId = (await t.sdk.cms.contentTypes.create({ name: 'Article', schema: { fields: [{ name: 'title', type: 'text', required: true }] } }))
    .id;
});
afterAll(() => t.close());

const entry = (title: string, extra: { tagIds?: string[]; categoryIds?: string[] } = {}) =>
  t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title }, ...extra });
const usage = async (...ids: string[]) => Promise.all(ids.map(async (id) => (await t.sdk.cms.tags.get(id)).usageCount));

describe('tags', () => {
  it('creates tags with a slug from the name, refuses a taken slug, and updates and deletes them', async () => {
    const tag = await t.sdk.cms.tags.create({ name: 'Product Launch', color: '#FF0000' });
    expect(tag).toMatchObject({ slug: 'product-launch', color: '#FF0000', usageCount: 0 });
    expect(await t.sdk.cms.tags.create({ name: 'Défilé' })).toMatchObject({ slug: 'defile', color: '#6B7280' });
    await expect(t.sdk.cms.tags.create({ name: 'product launch' })).rejects.toMatchObject({ status: 409, errors: [{ path: 'body.slug' }] });
    await expect(t.sdk.cms.tags.create({ name: 'Bad colour', color: 'red' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.color' }],
    });
    expect((await t.request('/v1/cms/tags', { method: 'POST', body: JSON.stringify({ name: 'Counted', usageCount: 99 }) })).status).toBe(
      400,
    );
    expect(await t.sdk.cms.tags.update(tag.id, { name: 'Launch', description: 'Go-to-market' })).toMatchObject({
      name: 'Launch',
      slug: 'product-launch',
    });
    expect((await t.sdk.cms.tags.list({ slug: 'product-launch' })).data.map((x) => x.id)).toEqual([tag.id]);
    await t.sdk.cms.tags.delete(tag.id);
    await expect(t.sdk.cms.tags.get(tag.id)).rejects.toMatchObject({ status: 404 });
  });

  it('keeps usageCount exact through attach, detach, entry delete and tag delete', async () => {
    const a = await t.sdk.cms.tags.create({ name: 'Usage A' });
    const b = await t.sdk.cms.tags.create({ name: 'Usage B' });
    const one = await entry('One', { tagIds: [a.id, b.id] });
    const two = await entry('Two', { tagIds: [a.id, a.id] });
    expect(two.tagIds).toEqual([a.id]);
    expect(await usage(a.id, b.id)).toEqual([2, 1]);
    await t.sdk.cms.entries.update(one.id, { tagIds: [b.id] });
    expect(await usage(a.id, b.id)).toEqual([1, 1]);
    // Re-sending the same tags changes nothing.
    const same = await t.sdk.cms.entries.update(one.id, { tagIds: [b.id] });
    expect(same.version).toBe(2);
    expect(await usage(a.id, b.id)).toEqual([1, 1]);
    await t.sdk.cms.entries.update(two.id, { tagIds: [] });
    expect(await usage(a.id, b.id)).toEqual([0, 1]);
    await t.sdk.cms.entries.update(two.id, { tagIds: [a.id, b.id] });
    expect(await usage(a.id, b.id)).toEqual([1, 2]);
    await t.sdk.cms.entries.delete(one.id);
    expect(await usage(a.id, b.id)).toEqual([1, 1]);
    await t.sdk.cms.tags.delete(b.id);
    expect((await t.sdk.cms.entries.get(two.id)).tagIds).toEqual([a.id]);
    expect(await usage(a.id)).toEqual([1]);
  });

  it('counts exactly under concurrent saves', async () => {
    const tag = await t.sdk.cms.tags.create({ name: 'Busy' });
    await Promise.all(Array.from({ length: 8 }, (_, i) => entry(`Busy ${i}`, { tagIds: [tag.id] })));
    expect(await usage(tag.id)).toEqual([8]);
    const { data } = await t.sdk.cms.entries.list({ tag: tag.id, limit: 200 });
    await Promise.all(data.slice(0, 5).map((e) => t.sdk.cms.entries.update(e.id, { tagIds: [] })));
    expect(await usage(tag.id)).toEqual([3]);
  });

  it('keeps tags per organization', async () => {
    const tag = await t.sdk.cms.tags.create({ name: 'Private' });
    await expect(other.sdk.cms.tags.get(tag.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.tags.update(tag.id, { name: 'Mine now' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.tags.delete(tag.id)).rejects.toMatchObject({ status: 404 });
    expect((await other.sdk.cms.tags.list()).data.map((x) => x.id)).not.toContain(tag.id);
    // Another organization may reuse the slug.
    await expect(other.sdk.cms.tags.create({ name: 'Private' })).resolves.toMatchObject({ slug: 'private' });
  });
});

describe('categories', () => {
  it('maintains path and depth on create, rename and move, for the whole subtree', async () => {
    const marketing = await t.sdk.cms.categories.create({ name: 'Marketing' });
    const social = await t.sdk.cms.categories.create({ name: 'Social', parentId: marketing.id });
    const video = await t.sdk.cms.categories.create({ name: 'Video', parentId: social.id });
    const shorts = await t.sdk.cms.categories.create({ name: 'Shorts', parentId: video.id });
    expect([marketing, social, video, shorts].map((c) => [c.path, c.depth])).toEqual([
      ['/marketing', 0],
      ['/marketing/social', 1],
      ['/marketing/social/video', 2],
      ['/marketing/social/video/shorts', 3],
    ]);
    // Rename: a new slug rewrites the paths below.
    expect(await t.sdk.cms.categories.update(social.id, { name: 'Social media', slug: 'social-media' })).toMatchObject({
      path: '/marketing/social-media',
      depth: 1,
    });
    expect((await t.sdk.cms.categories.get(shorts.id)).path).toBe('/marketing/social-media/video/shorts');
    // A new name alone keeps the slug (URLs stay stable).
    expect(await t.sdk.cms.categories.update(video.id, { name: 'Videos' })).toMatchObject({
      slug: 'video',
      path: '/marketing/social-media/video',
    });
    // Move the video subtree to the top, then under another branch.
    const brand = await t.sdk.cms.categories.create({ name: 'Brand' });
    expect(await t.sdk.cms.categories.update(video.id, { parentId: null })).toMatchObject({ path: '/video', depth: 0, parentId: null });
    expect(await t.sdk.cms.categories.get(shorts.id)).toMatchObject({ path: '/video/shorts', depth: 1 });
    await t.sdk.cms.categories.update(video.id, { parentId: brand.id });
    expect(await t.sdk.cms.categories.get(shorts.id)).toMatchObject({ path: '/brand/video/shorts', depth: 2 });
    expect((await t.sdk.cms.categories.list({ under: brand.id })).data.map((c) => c.path)).toEqual(['/brand/video', '/brand/video/shorts']);
    expect((await t.sdk.cms.categories.list({ parentId: brand.id })).data.map((c) => c.id)).toEqual([video.id]);
    const activity = await t.sdk.platform.activity.list({ entityType: 'content_categories', entityId: video.id, limit: 1 });
    expect(activity.data[0]).toMatchObject({ action: 'moved', metadata: { from: '/video', to: '/brand/video', descendants: 1 } });
  });

  it('refuses cycles and unknown parents', async () => {
    const root = await t.sdk.cms.categories.create({ name: 'Cycle root' });
    const child = await t.sdk.cms.categories.create({ name: 'Cycle child', parentId: root.id });
    const grandchild = await t.sdk.cms.categories.create({ name: 'Cycle grandchild', parentId: child.id });
    await expect(t.sdk.cms.categories.update(root.id, { parentId: grandchild.id })).rejects.toMatchObject({
      status: 409,
      errors: [{ path: 'body.parentId' }],
    });
    await expect(t.sdk.cms.categories.update(root.id, { parentId: root.id })).rejects.toMatchObject({ status: 409 });
    await expect(t.sdk.cms.categories.create({ name: 'Orphan', parentId: 'missing' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.parentId' }],
    });
    await expect(t.sdk.cms.categories.create({ name: 'Cycle child' })).rejects.toMatchObject({ status: 409 });
    expect((await t.sdk.cms.categories.get(root.id)).path).toBe('/cycle-root');
  });

  it('deletes a leaf, refuses a category with children unless cascade, which removes the subtree', async () => {
    const top = await t.sdk.cms.categories.create({ name: 'Doomed' });
    const mid = await t.sdk.cms.categories.create({ name: 'Doomed mid', parentId: top.id });
    const leaf = await t.sdk.cms.categories.create({ name: 'Doomed leaf', parentId: mid.id });
    const filed = await entry('Filed', { categoryIds: [leaf.id, top.id] });
    await expect(t.sdk.cms.categories.delete(top.id)).rejects.toMatchObject({ status: 409, extensions: { descendants: 2 } });
    await t.sdk.cms.categories.delete(top.id, { cascade: true });
    for (const id of [top.id, mid.id, leaf.id]) await expect(t.sdk.cms.categories.get(id)).rejects.toMatchObject({ status: 404 });
    expect(await t.sdk.cms.entries.get(filed.id)).toMatchObject({ categoryIds: [] });
    const lone = await t.sdk.cms.categories.create({ name: 'Lone' });
    await expect(t.sdk.cms.categories.delete(lone.id)).resolves.toEqual({ id: lone.id, deleted: true });
  });

  it('filters entries by a category and its subtree', async () => {
    const news = await t.sdk.cms.categories.create({ name: 'News' });
    const local = await t.sdk.cms.categories.create({ name: 'Local', parentId: news.id });
    const city = await t.sdk.cms.categories.create({ name: 'City', parentId: local.id });
    const sport = await t.sdk.cms.categories.create({ name: 'Sport' });
    const a = await entry('In news', { categoryIds: [news.id] });
    const b = await entry('In city', { categoryIds: [city.id] });
    const c = await entry('In sport', { categoryIds: [sport.id] });
    const titles = async (category: string) => (await t.sdk.cms.entries.list({ category, sort: 'title' })).data.map((e) => e.id);
    expect(await titles(news.id)).toEqual([b.id, a.id]);
    expect(await titles('local')).toEqual([b.id]);
    expect(await titles(sport.id)).toEqual([c.id]);
    // After a move the filter follows the new tree.
    await t.sdk.cms.categories.update(local.id, { parentId: sport.id });
    expect(await titles(sport.id)).toEqual([b.id, c.id]);
    expect(await titles(news.id)).toEqual([a.id]);
  });

  it('keeps categories per organization', async () => {
    const mine = await t.sdk.cms.categories.create({ name: 'Mine only' });
    await expect(other.sdk.cms.categories.get(mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.categories.update(mine.id, { name: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.categories.delete(mine.id, { cascade: true })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.categories.create({ name: 'Child', parentId: mine.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.parentId' }],
    });
    const theirs = await other.sdk.cms.categories.create({ name: 'Theirs' });
    await expect(t.sdk.cms.categories.update(mine.id, { parentId: theirs.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.parentId' }],
    });
  });
});
