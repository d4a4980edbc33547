import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance, pngBytes } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let typeId: string;
const files: { id: string }[] = [];

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  for (const name of ['a.png', 'b.png', 'c.png'])
    files.push(await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name }));
  typeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Gallery',
      slug: 'gallery',
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'cover', type: 'media' },
          { name: 'images', type: 'media', multiple: true },
        ],
      },
    })
  ).id;
});
afterAll(() => t.close());

const rows = async (entryId: string) =>
  (await t.sdk.cms.media.list({ entryId, sort: 'fieldName,position' })).data.map((m) => [
    m.fieldName,
    m.position,
    m.fileId,
    m.altText,
    m.caption,
  ]);

describe('content media', () => {
  it("keeps content_media in step with the entry's media fields on every save", async () => {
    const [a, b, c] = files as [{ id: string }, { id: string }, { id: string }];
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: {
        title: 'Summer',
        cover: { fileId: a.id, alt: 'Beach', caption: 'Day one' },
        images: [{ fileId: b.id, alt: 'Sea' }, { fileId: c.id }],
      },
    });
    expect(await rows(entry.id)).toEqual([
      ['cover', 0, a.id, 'Beach', 'Day one'],
      ['images', 0, b.id, 'Sea', null],
      ['images', 1, c.id, null, null],
    ]);
    await t.sdk.cms.entries.update(entry.id, {
      data: {
        images: [
          { fileId: c.id, alt: 'Sunset' },
          { fileId: b.id, alt: 'Sea' },
        ],
      },
    });
    expect(await rows(entry.id)).toEqual([
      ['cover', 0, a.id, 'Beach', 'Day one'],
      ['images', 0, c.id, 'Sunset', null],
      ['images', 1, b.id, 'Sea', null],
    ]);
    await t.sdk.cms.entries.update(entry.id, { data: { cover: null, images: [] } });
    expect(await rows(entry.id)).toEqual([]);
    // Publishing needs alt text on every image.
    await t.sdk.cms.entries.update(entry.id, {
      data: {
        images: [
          { fileId: a.id, alt: 'Ok' },
          { fileId: b.id, alt: '  ' },
        ],
      },
    });
    await expect(t.sdk.cms.entries.publish(entry.id)).rejects.toMatchObject({ status: 400, errors: [{ path: 'data.images.1.alt' }] });
    // The rows follow the entry only: they cannot be written directly, and go with the entry.
    for (const [method, path] of [
      ['POST', '/v1/cms/media'],
      ['PATCH', `/v1/cms/media/x`],
      ['DELETE', `/v1/cms/media/x`],
    ] as const)
      expect((await t.request(path, { method, ...(method === 'DELETE' ? {} : { body: '{}' }) })).status).toBe(405);
    await t.sdk.cms.entries.delete(entry.id);
    expect(await rows(entry.id)).toEqual([]);
  });

  it('refuses files of another organization in media fields', async () => {
    const theirs = await other.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'x.png' });
    await expect(
      t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title: 'x', cover: { fileId: theirs.id, alt: 'x' } } }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.data.cover.fileId' }] });
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: { title: 'Mine', cover: { fileId: files[0]!.id, alt: 'x' } },
    });
    expect((await other.sdk.cms.media.list({ entryId: entry.id })).data).toEqual([]);
  });

  it('follows a schema change: files and blocks of dropped fields no longer count as used', async () => {
    const [a, b] = files as [{ id: string }, { id: string }];
    const title = { name: 'title', type: 'text', required: true } as const;
    const type = await t.sdk.cms.contentTypes.create({
      name: 'Page',
      slug: 'page-media',
      schema: { fields: [title, { name: 'hero', type: 'media' }, { name: 'thumb', type: 'media' }, { name: 'sections', type: 'blocks' }] },
    });
    const block = await t.sdk.cms.blocks.create({
      name: 'Hero CTA',
      slug: 'hero-cta',
      blockType: 'cta',
      data: { label: 'Go' },
      isGlobal: true,
    });
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: type.id,
      data: {
        title: 'Home',
        hero: { fileId: a.id, alt: 'Hero' },
        thumb: { fileId: b.id, alt: 'Thumb' },
        sections: [{ blockId: block.id }],
      },
    });
    expect((await t.sdk.cms.blocks.get(block.id)).usedInEntries).toEqual([entry.id]);

    await t.sdk.cms.contentTypes.update(type.id, {
      schema: { fields: [title, { name: 'thumb', type: 'media' }] },
      migration: { drop: ['hero', 'sections'] },
    });
    expect(await rows(entry.id)).toEqual([['thumb', 0, b.id, 'Thumb', null]]);
    expect((await t.sdk.cms.blocks.get(block.id)).usedInEntries).toEqual([]);
    // The block is free again, so it can be deleted.
    await t.sdk.cms.blocks.delete(block.id);
  });
});
