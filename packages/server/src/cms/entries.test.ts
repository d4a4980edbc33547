import type { SpokeStack } from '@spokestack/core';
import type { ContentTypeInput } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance, pngBytes } from '../testing/index.js';
import { publishEntry, unpublishEntry } from './publish-state.js';

let t: TestInstance;
let other: { sdk: SpokeStack; organization: { id: string } };
beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  await t.sdk.platform.organization.update({ locales: ['en', 'fr', 'de'], defaultLocale: 'en' });
});
afterAll(() => t.close());

const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
const cms = () => t.contextFor(t.organization.id);
let seq = 0;
const uniqueSlug = (name: string) => `${name}-${++seq}`;
async function makeType(fields: ContentTypeInput['schema']['fields'], extra: Partial<ContentTypeInput> = {}) {
  return t.sdk.cms.contentTypes.create({ name: 'Type', slug: uniqueSlug('type'), schema: { fields }, ...extra });
}
/** The problem an SDK call throws. */
describe('creating entries', () => {
  it(
    'derives the title from titleField, the slug from the title (-2, -3 on clashes) and the plain text from text and rich text ' + 'fields',
    async () => {
      const type = await makeType(
        [
          { name: 'headline', type: 'text', required: true },
          { name: 'body', type: 'richtext' },
          { name: 'rating', type: 'number' },
        ],
        { titleField: 'headline' },
      );
      const first = await t.sdk.cms.entries.create({
        contentTypeId: type.id,
        data: { headline: 'Hello, World!', body: doc('First paragraph', 'Second one'), rating: 4 },
      });
      expect(first).toMatchObject({
        title: 'Hello, World!',
        slug: 'hello-world',
        version: 1,
        locale: 'en',
        status: 'DRAFT',
        plainText: 'Hello, World!\nFirst paragraph\nSecond one',
        tagIds: [],
        categoryIds: [],
      });
      const second = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { headline: 'Hello world' } });
      const third = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { headline: 'Héllo World' } });
      expect([second.slug, third.slug]).toEqual(['hello-world-2', 'hello-world-3']);
      // The same slug is free in another locale.
      const fr = await t.sdk.cms.entries.create({ contentTypeId: type.id, locale: 'fr', data: { headline: 'Hello world' } });
      expect(fr.slug).toBe('hello-world');
      // An explicit slug that is taken is a conflict, not silently renamed.
      const clash = await problem(t.sdk.cms.entries.create({ contentTypeId: type.id, slug: 'hello-world', data: { headline: 'Other' } }));
      expect(clash.status).toBe(409);
      expect(clash.errors.map((e) => e.path)).toContain('body.slug');
    },
  );

  it('allocates distinct slugs to concurrent creates with the same title', async () => {
    const type = await makeType([{ name: 'title', type: 'text', required: true }]);
    const created = await Promise.all(
      Array.from({ length: 6 }, () => t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Launch Day' } })),
    );
    expect(created.map((e) => e.slug).sort()).toEqual([
      'launch-day',
      'launch-day-2',
      'launch-day-3',
      'launch-day-4',
      'launch-day-5',
      'launch-day-6',
    ]);
  });

  it('takes the slug from a slug field, filling it when empty', async () => {
    const type = await makeType([
      { name: 'title', type: 'text', required: true },
      { name: 'name', type: 'text' },
      { name: 'handle', type: 'slug', from: 'name' },
    ]);
    const given = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'T', handle: 'my-handle' } });
    expect(given.slug).toBe('my-handle');
    const derived = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'T', name: 'Jane Doe' } });
    expect(derived).toMatchObject({ slug: 'jane-doe', data: { handle: 'jane-doe' } });
    const taken = await problem(t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'T', handle: 'my-handle' } }));
    expect(taken).toMatchObject({ status: 409 });
    expect(taken.errors[0]).toMatchObject({ path: 'body.data.handle' });
  });

  it('fills defaults and refuses unknown locales, unknown or inactive types', async () => {
    const type = await makeType([
      { name: 'title', type: 'text', required: true },
      { name: 'kind', type: 'select', options: [{ value: 'news' }, { value: 'opinion' }], default: 'news', required: true },
    ]);
    expect((await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'A' } })).data).toEqual({ title: 'A', kind: 'news' });
    expect((await problem(t.sdk.cms.entries.create({ contentTypeId: type.id, locale: 'es', data: { title: 'A' } }))).errors).toEqual([
      { path: 'body.locale', message: expect.stringContaining('organization locales') },
    ]);
    expect((await problem(t.sdk.cms.entries.create({ contentTypeId: 'nope', data: { title: 'A' } }))).errors).toEqual([
      { path: 'body.contentTypeId', message: 'No content type with this id' },
    ]);
    await t.sdk.cms.contentTypes.update(type.id, { isActive: false });
    expect((await problem(t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'A' } }))).errors[0]!.path).toBe(
      'body.contentTypeId',
    );
  });
});

describe('validating data against the type', () => {
  let typeId: string;
  let authorTypeId: string;
  let author: string;
  let imageId: string;
  let pdfId: string;
  beforeAll(async () => {
    const authors = await t.sdk.cms.contentTypes.create({
      name: 'Author',
      slug: 'author',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    authorTypeId = authors.id;
    author = (await t.sdk.cms.entries.create({ contentTypeId: authors.id, data: { title: 'Ada' } })).id;
    imageId = (await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'a.png' })).id;
    pdfId = (await t.sdk.platform.files.upload(new Blob(['pdf'], { type: 'application/pdf' }), { name: 'a.pdf' })).id;
    const type = await makeType([
      { name: 'title', type: 'text', required: true, minLength: 2, maxLength: 20 },
      { name: 'code', type: 'text', pattern: '^[A-Z]{3}$' },
      { name: 'sku', type: 'text', pattern: '^[A-Z]{3}-\\d+$', patternMessage: 'Use three capitals, a dash and digits, like ABC-123' },
      { name: 'body', type: 'richtext', maxLength: 50 },
      { name: 'price', type: 'number', min: 0, max: 100 },
      { name: 'count', type: 'number', integer: true },
      { name: 'featured', type: 'boolean' },
      { name: 'day', type: 'date', min: '2024-01-01' },
      { name: 'at', type: 'date', withTime: true },
      { name: 'color', type: 'select', options: [{ value: 'red' }, { value: 'blue' }] },
      { name: 'colors', type: 'select', multiple: true, options: [{ value: 'red' }, { value: 'blue' }] },
      { name: 'cover', type: 'media', accept: ['image/*'] },
      { name: 'gallery', type: 'media', multiple: true, maxItems: 2 },
      { name: 'author', type: 'relation', contentType: 'author' },
      { name: 'related', type: 'relation', contentType: 'author', multiple: true },
      { name: 'keywords', type: 'tags', maxItems: 2 },
      { name: 'meta', type: 'json' },
      { name: 'sections', type: 'blocks', blockTypes: ['hero'] },
    ]);
    typeId = type.id;
  });

  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['missing required field', { title: undefined }, 'body.data.title', /Required/],
    ['too short text', { title: 'A' }, 'body.data.title', /At least 2/],
    ['too long text', { title: 'x'.repeat(21) }, 'body.data.title', /At most 20/],
    // The default message never shows the regex; a schema may put it in words.
    ['pattern', { code: 'abc' }, 'body.data.code', /^Not in the expected format$/],
    ['pattern with its message', { sku: 'ABC-x' }, 'body.data.sku', /^Use three capitals, a dash and digits, like ABC-123$/],
    ['newline in a single-line text', { code: 'AB\nC' }, 'body.data.code', /single line/],
    ['rich text that is not a document', { body: 'plain' }, 'body.data.body', /rich text document/],
    [
      'unknown rich text node',
      { body: { type: 'doc', content: [{ type: 'script', content: [] }] } },
      'body.data.body.content.0.type',
      /Unknown node type/,
    ],
    [
      'javascript: link',
      {
        body: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }],
            },
          ],
        },
      },
      'body.data.body.content.0.content.0.marks.0.attrs.href',
      /safe href/,
    ],
    ['rich text too long', { body: doc('x'.repeat(51)) }, 'body.data.body', /At most 50/],
    ['number below min', { price: -1 }, 'body.data.price', /At least 0/],
    ['number above max', { price: 101 }, 'body.data.price', /At most 100/],
    ['not an integer', { count: 1.5 }, 'body.data.count', /whole number/],
    ['not a number', { price: '5' }, 'body.data.price', /Expected a number/],
    ['not a boolean', { featured: 'yes' }, 'body.data.featured', /true or false/],
    ['impossible date', { day: '2025-02-30' }, 'body.data.day', /YYYY-MM-DD/],
    ['date before min', { day: '2023-12-31' }, 'body.data.day', /On or after/],
    ['date-time without offset', { at: '2025-01-01T10:00:00' }, 'body.data.at', /date-time/],
    ['select outside options', { color: 'green' }, 'body.data.color', /one of/],
    ['multi-select with a bad value', { colors: ['red', 'pink'] }, 'body.data.colors.1', /one of/],
    ['multi-select not an array', { colors: 'red' }, 'body.data.colors', /array/],
    ['unknown file', { cover: { fileId: 'nofile' } }, 'body.data.cover.fileId', /No file/],
    ['file of a refused type', { cover: { fileId: 'PDF' } }, 'body.data.cover.fileId', /accepted: image\/\*/],
    ['too many media', { gallery: [{ fileId: 'IMG' }, { fileId: 'IMG' }, { fileId: 'IMG' }] }, 'body.data.gallery', /At most 2/],
    ['media without fileId', { cover: { id: 'x' } }, 'body.data.cover', /fileId/],
    ['relation to a missing entry', { author: 'missing' }, 'body.data.author', /No entry/],
    ['relation to an entry of another type', { author: 'SELF_TYPE_ENTRY' }, 'body.data.author', /type "author"/],
    ['tags not strings', { keywords: [1] }, 'body.data.keywords', /array of tags/],
    ['too many tags', { keywords: ['a', 'b', 'c'] }, 'body.data.keywords', /At most 2/],
    ['block of a refused type', { sections: [{ type: 'footer', data: {} }] }, 'body.data.sections.0.type', /hero/],
    ['unknown block', { sections: [{ blockId: 'nope' }] }, 'body.data.sections.0.blockId', /No content block/],
    ['unknown field', { nope: 1 }, 'body.data.nope', /Unknown field/],
  ];
  it.each(cases)('refuses %s with a 400 naming the field', async (_, patch, path, message) => {
    const selfTypeEntry =
      (await t.sdk.cms.entries.list({ contentTypeId: typeId, limit: 1 })).data[0]?.id ??
      (await t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title: 'Seed' } })).id;
    const resolve = (v: unknown): unknown =>
      JSON.parse(
        JSON.stringify(v ?? null)
          .replaceAll('"IMG"', JSON.stringify(imageId))
          .replaceAll('"PDF"', JSON.stringify(pdfId))
          .replaceAll('SELF_TYPE_ENTRY', selfTypeEntry),
      );
    const data = Object.fromEntries(
      Object.entries({ title: 'Valid', ...patch })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, resolve(v)]),
    );
    const error = await problem(t.sdk.cms.entries.create({ contentTypeId: typeId, data: data as Record<string, never> }));
    expect(error.status).toBe(400);
    expect(error.errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('accepts a full valid entry, and validates updates the same way', async () => {
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: {
        title: 'Everything',
        code: 'ABC',
        body: doc('Short'),
        price: 9.5,
        count: 3,
        featured: true,
        day: '2025-01-31',
        at: '2025-01-31T09:00:00+02:00',
        color: 'red',
        colors: ['red', 'blue'],
        cover: { fileId: imageId, alt: 'A picture' },
        gallery: [{ fileId: imageId }, { fileId: pdfId }],
        author,
        related: [author],
        keywords: ['a', 'b'],
        meta: { any: ['json', 1] },
        sections: [{ type: 'hero', data: { heading: 'Hi' } }],
      },
    });
    expect(entry.version).toBe(1);
    const error = await problem(t.sdk.cms.entries.update(entry.id, { data: { price: 1000 } }));
    expect(error).toMatchObject({ status: 400, errors: [{ path: 'body.data.price', message: 'At most 100' }] });
    // Clearing a field with null, and an unchanged save, work; the latter keeps the version.
    const cleared = await t.sdk.cms.entries.update(entry.id, { data: { price: null } });
    expect(cleared.data).not.toHaveProperty('price');
    expect(cleared.version).toBe(2);
    const same = await t.sdk.cms.entries.update(entry.id, { data: { title: 'Everything' } });
    expect(same.version).toBe(2);
    expect(authorTypeId).toBeTruthy();
  });

  it('keeps unique fields unique per type and locale (409 naming the field)', async () => {
    const type = await makeType([
      { name: 'title', type: 'text', required: true },
      { name: 'sku', type: 'text', unique: true },
    ]);
    const a = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'A', sku: 'SKU-1' } });
    const clash = await problem(t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'B', sku: 'SKU-1' } }));
    expect(clash).toMatchObject({
      status: 409,
      errors: [{ path: 'body.data.sku', message: expect.stringContaining('already has this value') }],
    });
    await expect(
      t.sdk.cms.entries.create({ contentTypeId: type.id, locale: 'fr', data: { title: 'B', sku: 'SKU-1' } }),
    ).resolves.toMatchObject({ locale: 'fr' });
    const b = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'B', sku: 'SKU-2' } });
    expect((await problem(t.sdk.cms.entries.update(b.id, { data: { sku: 'SKU-1' } }))).status).toBe(409);
    // Saving an entry that holds its own value is no clash.
    await expect(t.sdk.cms.entries.update(a.id, { data: { title: 'A2', sku: 'SKU-1' } })).resolves.toMatchObject({ title: 'A2' });
  });
});

describe('optimistic concurrency', () => {
  it('refuses the second of two writers based on the same version, and loses nothing', async () => {
    const type = await makeType([
      { name: 'title', type: 'text', required: true },
      { name: 'body', type: 'text', multiline: true },
    ]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Draft', body: 'v1' } });
    const first = await t.sdk.cms.entries.update(entry.id, { data: { body: 'Alice' }, version: entry.version });
    const second = await problem(t.sdk.cms.entries.update(entry.id, { data: { body: 'Bob' }, version: entry.version }));
    expect(second).toMatchObject({ status: 409, extensions: { currentVersion: 2 } });
    expect((await t.sdk.cms.entries.get(entry.id)).data).toEqual({ title: 'Draft', body: 'Alice' });
    expect(first.version).toBe(2);
  });

  it('serializes truly concurrent writers: one wins, the other gets 409', async () => {
    const type = await makeType([{ name: 'title', type: 'text', required: true }]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Race' } });
    const results = await Promise.allSettled(
      ['A', 'B', 'C'].map((who) => t.sdk.cms.entries.update(entry.id, { data: { title: who }, version: 1 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.status)).toEqual([409, 409]);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ title: string }>).value.title;
    expect(await t.sdk.cms.entries.get(entry.id)).toMatchObject({ title: winner, version: 2 });
  });

  it('speaks ETag / If-Match / If-None-Match over HTTP', async () => {
    const type = await makeType([{ name: 'title', type: 'text', required: true }]);
    const created = await t.request('/v1/cms/entries', {
      method: 'POST',
      body: JSON.stringify({ contentTypeId: type.id, data: { title: 'Tagged' } }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const { id } = (await created.json()) as { id: string };
    const got = await t.request(`/v1/cms/entries/${id}`);
    expect(got.headers.get('etag')).toBe('"1"');
    expect((await t.request(`/v1/cms/entries/${id}`, { headers: { 'if-none-match': '"1"' } })).status).toBe(304);
    const saved = await t.request(`/v1/cms/entries/${id}`, {
      method: 'PATCH',
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({ data: { title: 'Tagged 2' } }),
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"2"');
    const stale = await t.request(`/v1/cms/entries/${id}`, {
      method: 'PATCH',
      headers: { 'if-match': 'W/"1"' },
      body: JSON.stringify({ data: { title: 'Lost' } }),
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ currentVersion: 2 });
    const bad = await t.request(`/v1/cms/entries/${id}`, {
      method: 'PATCH',
      headers: { 'if-match': 'nonsense' },
      body: JSON.stringify({ data: { title: 'X' } }),
    });
    expect(bad.status).toBe(400);
    expect((await t.request(`/v1/cms/entries/${id}?version=1`, { method: 'DELETE' })).status).toBe(409);
    expect((await t.request(`/v1/cms/entries/${id}`, { method: 'DELETE', headers: { 'if-match': '"2"' } })).status).toBe(200);
  });
});

describe('search', () => {
  let typeId: string;
  beforeAll(async () => {
    const type = await makeType([
      { name: 'title', type: 'text', required: true },
      { name: 'summary', type: 'text' },
      { name: 'body', type: 'richtext' },
    ]);
    typeId = type.id;
    await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: { title: 'Quarterly report', body: doc('The rocket launches went well this quarter.') },
    });
    await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: { title: 'Rocket launch checklist', summary: 'Everything for launching a rocket', body: doc('Fuel, "crew" & weather <3') },
    });
    await t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title: 'Gardening', body: doc('Tomatoes and basil.') } });
    await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      locale: 'fr',
      data: { title: 'Lancement des fusées', body: doc('Les fusées décollent demain.') },
    });
  });

  it('ranks matches (title before body), stems words, and highlights safely', async () => {
    const { data } = await t.sdk.cms.entries.list({ type: typeId, q: 'launching rockets' });
    expect(data.map((e) => e.title)).toEqual(['Rocket launch checklist', 'Quarterly report']);
    expect(data[1]!.highlight).toMatch(/<mark>rocket<\/mark> <mark>launches<\/mark>/);
    const html = await t.sdk.cms.entries.list({ type: typeId, q: 'crew' });
    expect(html.data[0]!.highlight).toContain('&quot;<mark>crew</mark>&quot; &amp; weather');
    expect((await t.sdk.cms.entries.list({ type: typeId, q: 'submarine' })).data).toEqual([]);
    // Without q there is no highlight.
    expect((await t.sdk.cms.entries.list({ type: typeId })).data[0]).not.toHaveProperty('highlight');
  });

  it('searches another language with the locale filter, and pages through ranked results', async () => {
    const { data } = await t.sdk.cms.entries.list({ type: typeId, locale: 'fr', q: 'fusée' });
    expect(data.map((e) => e.title)).toEqual(['Lancement des fusées']);
    const first = await t.sdk.cms.entries.list({ type: typeId, q: 'rocket', limit: 1 });
    expect(first.data).toHaveLength(1);
    const second = await t.sdk.cms.entries.list({ type: typeId, q: 'rocket', limit: 1, cursor: first.nextCursor! });
    expect(second.data).toHaveLength(1);
    expect(second.data[0]!.id).not.toBe(first.data[0]!.id);
    expect(second.nextCursor).toBeNull();
    const sorted = await t.sdk.cms.entries.list({ type: typeId, q: 'rocket', sort: 'title' });
    expect(sorted.data.map((e) => e.title)).toEqual(['Quarterly report', 'Rocket launch checklist']);
    await expect(t.sdk.cms.entries.list({ q: 'rocket', cursor: 'garbage' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'query.cursor' }],
    });
  });

  it('survives query syntax users type', async () => {
    for (const q of ['"rocket launch"', 'rocket -report', 'rocket OR basil', '!!! &&& ((', "it's", 'the']) {
      const res = await t.request(`/v1/cms/entries?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    const { data } = await t.sdk.cms.entries.list({ type: typeId, q: 'rocket -report' });
    expect(data.map((e) => e.title)).toEqual(['Rocket launch checklist']);
  });
});

describe('list filters', () => {
  it('filters by type, status, locale, tag, category subtree, client, author and date ranges, with sort and pages', async () => {
    const type = await t.sdk.cms.contentTypes.create({
      name: 'Filterable',
      slug: 'filterable',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    const tag = await t.sdk.cms.tags.create({ name: 'Filter Tag' });
    const root = await t.sdk.cms.categories.create({ name: 'Filters' });
    const child = await t.sdk.cms.categories.create({ name: 'Filter Child', parentId: root.id });
    const client = await t.sdk.platform.clients.create({ name: 'Filter Client', slug: 'filter-client' });
    const user = await t.sdk.platform.users.create({ email: 'writer@agency.test', name: 'Writer' });

    t.clock.set('2025-04-01T00:00:00Z');
    const writer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id, expiresIn: 86_400 })).token);
    const a = await t.sdk.cms.entries.create({
      contentTypeId: type.id,
      data: { title: 'Alpha' },
      tagIds: [tag.id],
      categoryIds: [child.id],
    });
    t.clock.set('2025-04-01T12:00:00Z');
    const b = await writer.cms.entries.create({
      contentTypeId: type.id,
      data: { title: 'Bravo' },
      clientId: client.id,
      categoryIds: [root.id],
    });
    t.clock.set('2025-04-20T00:00:00Z');
    const c = await t.sdk.cms.entries.create({ contentTypeId: type.id, locale: 'de', data: { title: 'Charlie' } });
    await publishEntry(t.db, cms(), c.id);

    const ids = async (query: Parameters<typeof t.sdk.cms.entries.list>[0]) =>
      (await t.sdk.cms.entries.list({ type: 'filterable', sort: 'title', ...query })).data.map((e) => e.title);
    expect(await ids({})).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(await ids({ type: type.id })).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(await ids({ status: 'PUBLISHED' })).toEqual(['Charlie']);
    expect(await ids({ status: 'DRAFT' })).toEqual(['Alpha', 'Bravo']);
    expect(await ids({ locale: 'de' })).toEqual(['Charlie']);
    expect(await ids({ tag: tag.id })).toEqual(['Alpha']);
    expect(await ids({ tag: 'filter-tag' })).toEqual(['Alpha']);
    expect(await ids({ category: root.id })).toEqual(['Alpha', 'Bravo']);
    expect(await ids({ category: 'filter-child' })).toEqual(['Alpha']);
    expect(await ids({ category: 'no-such-category' })).toEqual([]);
    expect(await ids({ clientId: client.id })).toEqual(['Bravo']);
    expect(await ids({ createdById: user.id })).toEqual(['Bravo']);
    expect(await ids({ createdAfter: '2025-04-01T06:00:00Z', createdBefore: '2025-04-15T00:00:00Z' })).toEqual(['Bravo']);
    expect(await ids({ updatedAfter: '2025-04-15T00:00:00Z' })).toEqual(['Charlie']);
    expect(await ids({ publishedAfter: '2025-04-19T00:00:00Z', publishedBefore: '2025-04-21T00:00:00Z' })).toEqual(['Charlie']);
    expect(await ids({ sort: '-title' })).toEqual(['Charlie', 'Bravo', 'Alpha']);

    const page1 = await t.sdk.cms.entries.list({ type: 'filterable', sort: '-createdAt', limit: 2 });
    const page2 = await t.sdk.cms.entries.list({ type: 'filterable', sort: '-createdAt', limit: 2, cursor: page1.nextCursor! });
    expect([...page1.data, ...page2.data].map((e) => e.id)).toEqual([c.id, b.id, a.id]);
    const all: string[] = [];
    for await (const e of t.sdk.cms.entries.iterate({ type: 'filterable', limit: 1 })) all.push(e.id);
    expect(all.sort()).toEqual([a.id, b.id, c.id].sort());
    await expect(t.sdk.cms.entries.list({ sort: 'data' })).rejects.toMatchObject({ status: 400, errors: [{ path: 'query.sort' }] });
  });
});

describe('publish hooks', () => {
  it('publishing copies the draft to the published columns; later saves change only the draft; unpublishing takes it offline', async () => {
    const type = await makeType([{ name: 'title', type: 'text', required: true }]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Live' } });
    const published = await publishEntry(t.db, cms(), entry.id, { expectedVersion: 1 });
    expect(published).toMatchObject({
      status: 'PUBLISHED',
      publishedData: { title: 'Live' },
      publishedTitle: 'Live',
      publishedSlug: 'live',
      version: 1,
      publishedById: 'system',
    });
    const edited = await t.sdk.cms.entries.update(entry.id, { data: { title: 'Live (edited)' }, slug: 'live-edited' });
    expect(edited).toMatchObject({
      status: 'PUBLISHED',
      title: 'Live (edited)',
      publishedTitle: 'Live',
      publishedSlug: 'live',
      publishedData: { title: 'Live' },
    });
    await expect(publishEntry(t.db, cms(), entry.id, { expectedVersion: 1 })).rejects.toMatchObject({ status: 409 });
    const offline = await unpublishEntry(t.db, cms(), entry.id);
    expect(offline).toMatchObject({ status: 'UNPUBLISHED', publishedData: null, publishedTitle: null, publishedSlug: null });
    // A published slug cannot be served twice in one type and locale.
    const twin = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Twin' }, slug: 'twin' });
    await publishEntry(t.db, cms(), twin.id);
    await t.sdk.cms.entries.update(twin.id, { slug: 'twin-renamed' });
    const copy = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Copy' }, slug: 'twin' });
    await expect(publishEntry(t.db, cms(), copy.id)).rejects.toMatchObject({ status: 409 });
  });
});

describe('activity', () => {
  it('records created, updated and deleted with the changed fields', async () => {
    const type = await makeType([
      { name: 'title', type: 'text', required: true },
      { name: 'body', type: 'text' },
    ]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Tracked' } });
    await t.sdk.cms.entries.update(entry.id, { data: { body: 'x' }, seoTitle: 'SEO' });
    await t.sdk.cms.entries.delete(entry.id);
    const { data } = await t.sdk.platform.activity.list({ entityType: 'content_entries', entityId: entry.id });
    expect(data.map((a) => a.action)).toEqual(['deleted', 'updated', 'created']);
    expect(data[1]!.metadata).toMatchObject({ changedFields: ['body', 'seoTitle'], version: 2 });
  });
});

describe('tenant isolation and roles', () => {
  it("answers 404 for another organization's entries and 400 for references to its rows", async () => {
    await t.sdk.cms.contentTypes.create({
      name: 'Isolated',
      slug: 'isolated',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    const type = await makeType([
      { name: 'title', type: 'text', required: true },
      { name: 'cover', type: 'media' },
      { name: 'link', type: 'relation', contentType: 'isolated' },
    ]);
    const mine = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Mine' } });
    for (const call of [
      () => other.sdk.cms.entries.get(mine.id),
      () => other.sdk.cms.entries.update(mine.id, { data: { title: 'Theirs' } }),
      () => other.sdk.cms.entries.delete(mine.id),
      () => other.sdk.cms.entries.versions.list(mine.id),
      () => other.sdk.cms.entries.translations.list(mine.id),
    ])
      await expect(call()).rejects.toMatchObject({ status: 404 });
    expect((await other.sdk.cms.entries.list({})).data.map((e) => e.id)).not.toContain(mine.id);

    const theirType = await other.sdk.cms.contentTypes.create({
      name: 'Isolated',
      slug: 'isolated',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    const theirEntry = await other.sdk.cms.entries.create({ contentTypeId: theirType.id, data: { title: 'Theirs' } });
    const theirTag = await other.sdk.cms.tags.create({ name: 'Their tag' });
    const theirCategory = await other.sdk.cms.categories.create({ name: 'Their category' });
    const theirFile = await other.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }));
    const theirClient = await other.sdk.platform.clients.create({ name: 'Their client', slug: 'their-client' });
    const attempts: [Record<string, unknown>, string][] = [
      [{ contentTypeId: theirType.id }, 'body.contentTypeId'],
      [{ tagIds: [theirTag.id] }, 'body.tagIds.0'],
      [{ categoryIds: [theirCategory.id] }, 'body.categoryIds.0'],
      [{ data: { title: 'X', cover: { fileId: theirFile.id } } }, 'body.data.cover.fileId'],
      [{ data: { title: 'X', link: theirEntry.id } }, 'body.data.link'],
      [{ clientId: theirClient.id }, 'body.clientId'],
      [{ ogImageId: theirFile.id }, 'body.ogImageId'],
    ];
    for (const [patch, path] of attempts) {
      const error = await problem(t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'X' }, ...patch } as never));
      expect(error.status, path).toBe(400);
      expect(error.errors.map((e) => e.path)).toContain(path);
      if (!('contentTypeId' in patch)) {
        const update = await problem(t.sdk.cms.entries.update(mine.id, patch as never));
        expect(
          update.errors.map((e) => e.path),
          path,
        ).toContain(path);
      }
    }
  });

  it('lets CLIENT members read only their client’s entries, and write nothing', async () => {
    const type = await makeType([{ name: 'title', type: 'text', required: true }]);
    const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: uniqueSlug('acme') });
    const shared = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'For Acme' }, clientId: acme.id });
    const internal = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Internal' } });
    const user = await t.sdk.platform.users.create({
      email: `acme${seq}@client.test`,
      name: 'Acme viewer',
      role: 'CLIENT',
      clientId: acme.id,
    });
    const viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
    expect((await viewer.cms.entries.list({ type: type.id })).data.map((e) => e.id)).toEqual([shared.id]);
    await expect(viewer.cms.entries.get(internal.id)).rejects.toMatchObject({ status: 404 });
    await expect(viewer.cms.entries.get(shared.id)).resolves.toMatchObject({ title: 'For Acme' });
    await expect(viewer.cms.contentTypes.get(type.id)).resolves.toMatchObject({ id: type.id });
    await expect(viewer.cms.entries.update(shared.id, { data: { title: 'Hacked' } })).rejects.toMatchObject({ status: 403 });
    await expect(viewer.cms.entries.create({ contentTypeId: type.id, data: { title: 'New' } })).rejects.toMatchObject({ status: 403 });
  });
});
