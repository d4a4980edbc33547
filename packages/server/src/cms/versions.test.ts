import type { SpokeStack } from '@spokestack/core';
import type { ContentTypeInput } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, pngBytes, type TestInstance } from '../testing/index.js';
import { publishEntry } from './publish-state.js';

let t: TestInstance;
let other: { sdk: SpokeStack };
beforeAll(async () => {
  t = await createTestInstance();
  other = await t.createOrg('Rival Agency');
  await t.sdk.platform.organization.update({ locales: ['en', 'fr'] });
});
afterAll(() => t.close());

type Fields = ContentTypeInput['schema']['fields'];
let seq = 0;
const makeType = (fields: Fields, extra: Partial<ContentTypeInput> = {}) =>
  t.sdk.cms.contentTypes.create({ name: `Versioned ${++seq}`, schema: { fields }, ...extra });
const cms = () => t.contextFor(t.organization.id);
const title: Fields[number] = { name: 'title', type: 'text', required: true };
const body: Fields[number] = { name: 'body', type: 'text', multiline: true };

describe('versions', () => {
  it('writes a snapshot per save with the fields changed since the previous one, newest first', async () => {
    const type = await makeType([title, body, { name: 'n', type: 'number' }, { name: 'featured', type: 'boolean', default: false }]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'One', body: 'b' }, changeNote: 'First draft' });
    await t.sdk.cms.entries.update(entry.id, { data: { body: 'b2', n: 1 } });
    await t.sdk.cms.entries.update(entry.id, { data: { title: 'Two' }, slug: 'two' });
    const tag = await t.sdk.cms.tags.create({ name: `Tag ${seq}` });
    await t.sdk.cms.entries.update(entry.id, { tagIds: [tag.id] });
    const { data } = await t.sdk.cms.entries.versions.list(entry.id);
    // Version 1 is the creation: nothing in it changed, not even the defaulted `featured`.
    expect(data.map((v) => [v.versionNumber, v.changedFields, v.title])).toEqual([
      [3, ['title', 'slug'], 'Two'],
      [2, ['body', 'n'], 'One'],
      [1, [], 'One'],
    ]);
    expect(data[2]!.changeNote).toBe('First draft');
    expect(data[0]).not.toHaveProperty('data');
    expect(data[0]).not.toHaveProperty('meta');
    // A taxonomy-only save moves the version (ETag) but writes no snapshot.
    expect((await t.sdk.cms.entries.get(entry.id)).version).toBe(4);
    expect(await t.sdk.cms.entries.versions.get(entry.id, 2)).toMatchObject({
      versionNumber: 2,
      data: { title: 'One', body: 'b2', n: 1 },
      isRestored: false,
    });
    await expect(t.sdk.cms.entries.versions.get(entry.id, 4)).rejects.toMatchObject({ status: 404 });
    const page = await t.sdk.cms.entries.versions.list(entry.id, { limit: 2 });
    const rest = await t.sdk.cms.entries.versions.list(entry.id, { limit: 2, cursor: page.nextCursor! });
    expect([...page.data, ...rest.data].map((v) => v.versionNumber)).toEqual([3, 2, 1]);
    expect(rest.nextCursor).toBeNull();
  });

  it('prunes the oldest beyond maxVersions, and keeps none when versioning is off', async () => {
    const type = await makeType([title], { maxVersions: 3 });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'v1' } });
    for (const n of [2, 3, 4, 5]) await t.sdk.cms.entries.update(entry.id, { data: { title: `v${n}` } });
    expect((await t.sdk.cms.entries.versions.list(entry.id)).data.map((v) => v.versionNumber)).toEqual([5, 4, 3]);
    const off = await makeType([title], { enableVersioning: false });
    const plain = await t.sdk.cms.entries.create({ contentTypeId: off.id, data: { title: 'x' } });
    await t.sdk.cms.entries.update(plain.id, { data: { title: 'y' } });
    expect(await t.sdk.cms.entries.get(plain.id)).toMatchObject({ version: 2 });
    expect((await t.sdk.cms.entries.versions.list(plain.id)).data).toEqual([]);
  });

  it('diffs any two versions field by field, in either direction', async () => {
    const type = await makeType([title, body, { name: 'tags', type: 'tags' }, { name: 'meta', type: 'json' }]);
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: type.id,
      data: { title: 'A', body: 'gone soon', meta: { a: 1, b: [1, 2] } },
    });
    await t.sdk.cms.entries.update(entry.id, { data: { title: 'B', body: null, tags: ['x'], meta: { b: [1, 2], a: 1 } } });
    expect(await t.sdk.cms.entries.versions.diff(entry.id, 1, 2)).toEqual({
      from: 1,
      to: 2,
      changes: [
        { field: 'body', before: 'gone soon', change: 'removed' },
        { field: 'tags', after: ['x'], change: 'added' },
        { field: 'title', before: 'A', after: 'B', change: 'changed' },
      ],
    });
    expect((await t.sdk.cms.entries.versions.diff(entry.id, 2, 1)).changes.map((c) => [c.field, c.change])).toEqual([
      ['body', 'added'],
      ['tags', 'removed'],
      ['title', 'changed'],
    ]);
    expect((await t.sdk.cms.entries.versions.diff(entry.id, 2, 2)).changes).toEqual([]);
    await expect(t.sdk.cms.entries.versions.diff(entry.id, 1, 9)).rejects.toMatchObject({ status: 404 });
    expect((await t.request(`/v1/cms/entries/${entry.id}/diff?from=x&to=1`)).status).toBe(400);
  });
});

describe('SEO and social fields', () => {
  it('are versioned: an SEO-only edit writes a version, the diff names them, a restore brings them back', async () => {
    const type = await makeType([title]);
    const image = await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), {
      name: 'card.png',
    });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Launch' }, seoTitle: 'Launch day' });
    expect((await t.sdk.cms.entries.versions.get(entry.id, 1)).meta).toMatchObject({ seoTitle: 'Launch day', ogImageId: null });
    await t.sdk.cms.entries.update(entry.id, { seoTitle: 'Launch week', ogImageId: image.id, noIndex: true });
    const { data } = await t.sdk.cms.entries.versions.list(entry.id);
    expect(data.map((v) => [v.versionNumber, v.changedFields])).toEqual([
      [2, ['noIndex', 'ogImageId', 'seoTitle']],
      [1, []],
    ]);
    expect((await t.sdk.cms.entries.versions.diff(entry.id, 1, 2)).changes).toEqual([
      { field: 'noIndex', before: false, after: true, change: 'changed' },
      { field: 'ogImageId', before: null, after: image.id, change: 'changed' },
      { field: 'seoTitle', before: 'Launch day', after: 'Launch week', change: 'changed' },
    ]);
    const restored = await t.sdk.cms.entries.versions.restore(entry.id, 1);
    expect(restored).toMatchObject({ version: 3, seoTitle: 'Launch day', ogImageId: null, noIndex: false });
    expect((await t.sdk.cms.entries.versions.get(entry.id, 3)).changedFields).toEqual(['noIndex', 'ogImageId', 'seoTitle']);
    // Back to version 2 after its social image was deleted: the rest comes back, the missing file stays out.
    await t.sdk.platform.files.delete(image.id);
    expect(await t.sdk.cms.entries.versions.restore(entry.id, 2)).toMatchObject({
      seoTitle: 'Launch week',
      noIndex: true,
      ogImageId: null,
    });
  });
});

describe('restore', () => {
  it('restores into a new version marked isRestored, without publishing', async () => {
    const type = await makeType([title, body]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Original', body: 'first' } });
    await publishEntry(t.db, cms(), entry.id);
    await t.sdk.cms.entries.update(entry.id, { data: { title: 'Changed', body: 'second' } });
    const v1 = await t.sdk.cms.entries.versions.get(entry.id, 1);
    const restored = await t.sdk.cms.entries.versions.restore(entry.id, 1, { version: 2 });
    expect(restored).toMatchObject({
      version: 3,
      title: 'Original',
      data: { title: 'Original', body: 'first' },
      status: 'PUBLISHED',
      publishedData: { title: 'Original', body: 'first' },
      publishedTitle: 'Original',
    });
    const latest = await t.sdk.cms.entries.versions.get(entry.id, 3);
    expect(latest).toMatchObject({
      isRestored: true,
      restoredFromId: v1.id,
      changeNote: 'Restored from version 1',
      changedFields: ['body', 'title'],
    });

    // The published copy stays what was published even when the restored draft differs from it.
    await t.sdk.cms.entries.update(entry.id, { data: { body: 'third' } });
    await t.sdk.cms.entries.versions.restore(entry.id, 2);
    expect(await t.sdk.cms.entries.get(entry.id)).toMatchObject({ version: 5, data: { body: 'second' }, publishedData: { body: 'first' } });
    // Restoring what the draft already holds still writes a version.
    await t.sdk.cms.entries.versions.restore(entry.id, 2, { changeNote: 'Again' });
    expect((await t.sdk.cms.entries.versions.list(entry.id)).data[0]).toMatchObject({
      versionNumber: 6,
      changedFields: [],
      isRestored: true,
      changeNote: 'Again',
    });
    const activity = await t.sdk.platform.activity.list({ entityType: 'content_entries', entityId: entry.id, limit: 1 });
    expect(activity.data[0]).toMatchObject({ action: 'restored', metadata: { restoredFrom: 2, version: 6 } });
  });

  it('refuses a stale restore (409), and restores a version the schema has since outgrown', async () => {
    const type = await makeType([title, body]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'T', body: 'old' } });
    await t.sdk.cms.entries.update(entry.id, { data: { body: 'new' } });
    await expect(t.sdk.cms.entries.versions.restore(entry.id, 1, { version: 1 })).rejects.toMatchObject({
      status: 409,
      extensions: { currentVersion: 2 },
    });
    // The type gains a required field: version 1 lacks it, the restore keeps the current value.
    await t.sdk.cms.contentTypes.update(type.id, {
      schema: { fields: [title, body, { name: 'rating', type: 'number', required: true }] },
      migration: { defaults: { rating: 3 } },
    });
    const restored = await t.sdk.cms.entries.versions.restore(entry.id, 1);
    expect(restored.data).toEqual({ title: 'T', body: 'old', rating: 3 });
  });

  it('works for types with localized required fields, and marks translations OUTDATED when localized values change', async () => {
    const type = await makeType([
      title,
      { name: 'headline', type: 'text', localized: true, required: true },
      { name: 'price', type: 'number' },
    ]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Shoe', headline: 'Fast shoe', price: 10 } });
    await t.sdk.cms.entries.update(entry.id, { data: { headline: 'Faster shoe', price: 12 } });
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { headline: 'Chaussure plus rapide' }, status: 'APPROVED' });
    const restored = await t.sdk.cms.entries.versions.restore(entry.id, 1);
    expect(restored.data).toEqual({ title: 'Shoe', headline: 'Fast shoe', price: 10 });
    expect(await t.sdk.cms.entries.translations.get(entry.id, 'fr')).toMatchObject({
      status: 'OUTDATED',
      data: { headline: 'Chaussure plus rapide' },
    });
  });

  it('answers 404 for versions of another organization’s entries', async () => {
    const type = await makeType([title]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Mine' } });
    await expect(other.sdk.cms.entries.versions.get(entry.id, 1)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.entries.versions.diff(entry.id, 1, 1)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.entries.versions.restore(entry.id, 1)).rejects.toMatchObject({ status: 404 });
    const { data } = await t.sdk.cms.versions.list({ entryId: entry.id });
    await expect(other.sdk.cms.versions.get(data[0]!.id)).rejects.toMatchObject({ status: 404 });
  });

  it('keeps history read-only through the versions resource', async () => {
    const type = await makeType([title]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'History' } });
    const [version] = (await t.sdk.cms.versions.list({ entryId: entry.id })).data;
    for (const [method, path] of [
      ['POST', '/v1/cms/versions'],
      ['PATCH', `/v1/cms/versions/${version!.id}`],
      ['DELETE', `/v1/cms/versions/${version!.id}`],
    ] as const) {
      const res = await t.request(path, {
        method,
        body: method === 'DELETE' ? undefined : JSON.stringify({ entryId: entry.id, versionNumber: 9, data: {}, title: 'Forged' }),
      });
      expect(res.status, method).toBe(405);
    }
    expect(await t.sdk.cms.versions.get(version!.id)).toMatchObject({ title: 'History' });
  });
});
