import { SpokeStackError } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

let t: TestInstance;
beforeAll(async () => {
  t = await createTestInstance();
});
afterAll(() => t.close());

const doc = (...paragraphs: string[]) => ({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

describe('entries', () => {
  it('creates an entry with title, slug, plain text and version 1', async () => {
    const type = await t.sdk.cms.contentTypes.create({ name: 'Blog Post', schema: { fields: [{ name: 'title', type: 'text', required: true }, { name: 'body', type: 'richtext' }] } });
    expect(type.slug).toBe('blog-post');
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Hello World', body: doc('First paragraph', 'Second') } });
    expect(entry).toMatchObject({ title: 'Hello World', slug: 'hello-world', version: 1, plainText: 'Hello World\nFirst paragraph\nSecond', tagIds: [], categoryIds: [] });
    const again = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Hello World' } });
    expect(again.slug).toBe('hello-world-2');
    const err = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { body: doc('x') } }).catch((e: SpokeStackError) => e);
    expect(err).toMatchObject({ status: 400 });
    expect((err as SpokeStackError).errors).toEqual([{ path: 'body.data.title', message: 'Required' }]);
    const updated = await t.sdk.cms.entries.update(entry.id, { data: { title: 'Hello again' }, version: 1 });
    expect(updated.version).toBe(2);
    await expect(t.sdk.cms.entries.update(entry.id, { data: { title: 'Stale' }, version: 1 })).rejects.toMatchObject({ status: 409 });
    const found = await t.sdk.cms.entries.list({ q: 'paragraph' });
    expect(found.data.map((e) => e.id)).toEqual([entry.id]);
    expect(found.data[0]!.highlight).toContain('<mark>');
  });
});
