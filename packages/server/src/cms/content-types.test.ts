import type { SpokeStack } from '@spokestack/core';
import type { ContentTypeInput } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

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
  t.sdk.cms.contentTypes.create({ name: `Type ${++seq}`, schema: { fields }, ...extra });
const title: Fields[number] = { name: 'title', type: 'text', required: true };
/** A schema of these fields. */
const schemaOf = (...fields: Fields) => ({ fields });

describe('type definitions', () => {
  it('creates a type with a slug from its name', async () => {
    const type = await t.sdk.cms.contentTypes.create({ name: 'Case Study', schema: { fields: [title] } });
    expect(type).toMatchObject({
      slug: 'case-study',
      titleField: 'title',
      enableVersioning: true,
      maxVersions: 50,
      schema: { fields: [title] },
    });
    expect((await problem(t.sdk.cms.contentTypes.create({ name: 'Case Study', schema: { fields: [title] } }))).status).toBe(409);
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'a bad field name',
      { schema: { fields: [title, { name: 'ok', type: 'text' }, { name: '2bad', type: 'text' }] } },
      'body.schema.fields.2.name',
      /start with a letter/,
    ],
    ['an unknown field type', { schema: { fields: [title, { name: 'x', type: 'video' }] } }, 'body.schema.fields.1.type', /./],
    ['a duplicate field name', { schema: { fields: [title, { name: 'title', type: 'text' }] } }, 'body.schema.fields.1.name', /Duplicate/],
    ['no fields', { schema: { fields: [] } }, 'body.schema.fields', /./],
    [
      'a title field that does not exist',
      { schema: { fields: [{ name: 'headline', type: 'text' }] } },
      'body.titleField',
      /no field "title"/,
    ],
    ['a title field that is not text', { schema: { fields: [{ name: 'title', type: 'number' }] } }, 'body.titleField', /is number/],
    ['an invalid pattern', { schema: { fields: [{ ...title, pattern: '([a-z' }] } }, 'body.schema.fields.0.pattern', /regular expression/],
    [
      'min above max',
      { schema: { fields: [title, { name: 'n', type: 'number', min: 5, max: 1 }] } },
      'body.schema.fields.1.min',
      /Greater than max/,
    ],
    [
      'a default outside the options',
      { schema: { fields: [title, { name: 's', type: 'select', options: [{ value: 'a' }], default: 'b' }] } },
      'body.schema.fields.1.default',
      /Not a valid value/,
    ],
    [
      'a relation to an unknown type',
      { schema: { fields: [title, { name: 'r', type: 'relation', contentType: 'ghost' }] } },
      'body.schema.fields.1.contentType',
      /No content type/,
    ],
    [
      'a slug field from a non-text field',
      { schema: { fields: [title, { name: 'n', type: 'number' }, { name: 's', type: 'slug', from: 'n' }] } },
      'body.schema.fields.2.from',
      /text field/,
    ],
    [
      'a unique rich text field',
      { schema: { fields: [title, { name: 'b', type: 'richtext', unique: true }] } },
      'body.schema.fields.1.unique',
      /cannot be unique/,
    ],
    ['an unknown field property', { schema: { fields: [{ ...title, colour: 'red' }] } }, 'body.schema.fields.0.colour', /Unknown field/],
    [
      'an empty pattern message',
      { schema: { fields: [{ ...title, pattern: '^a', patternMessage: '' }] } },
      'body.schema.fields.0.patternMessage',
      /./,
    ],
    [
      'a group naming a field the schema lacks',
      { schema: { fields: [title], groups: [{ id: 'main', label: 'Main', fields: ['title', 'body'] }] } },
      'body.schema.groups.0.fields.1',
      /No field "body"/,
    ],
    [
      'a field in two groups',
      {
        schema: {
          fields: [title],
          groups: [
            { id: 'main', label: 'Main', fields: ['title'] },
            { id: 'again', label: 'Again', fields: ['title'] },
          ],
        },
      },
      'body.schema.groups.1.fields.0',
      /already in the group "main"/,
    ],
    [
      'a duplicate group id',
      {
        schema: {
          fields: [title, { name: 'body', type: 'text' }],
          groups: [
            { id: 'main', label: 'Main', fields: ['title'] },
            { id: 'main', label: 'Other', fields: ['body'] },
          ],
        },
      },
      'body.schema.groups.1.id',
      /Duplicate group id/,
    ],
    ['a layout without groups', { schema: { fields: [title], layout: 'tabs' } }, 'body.schema.layout', /needs groups/],
  ];
  it.each(invalid)('refuses %s with a 400 naming it', async (_, body, path, message) => {
    const error = await problem(t.sdk.cms.contentTypes.create({ name: `Invalid ${++seq}`, ...body } as ContentTypeInput));
    expect(error.status).toBe(400);
    expect(error.errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('groups fields into sections or tabs for long forms', async () => {
    const groups = [
      { id: 'content', label: 'Content', fields: ['title', 'body'] },
      { id: 'seo', label: 'Search', description: 'How it shows in search results', fields: ['summary'], collapsed: true },
    ];
    const fields: Fields = [title, { name: 'body', type: 'text' }, { name: 'summary', type: 'text' }, { name: 'extra', type: 'text' }];
    const type = await t.sdk.cms.contentTypes.create({ name: 'Long form', schema: { fields, groups, layout: 'tabs' } });
    expect(type.schema).toEqual({ fields, groups, layout: 'tabs' });
    expect((await t.sdk.cms.contentTypes.get(type.id)).schema.groups).toEqual(groups);
  });

  it('lets a relation point at its own type', async () => {
    await expect(
      t.sdk.cms.contentTypes.create({
        name: 'Page',
        slug: 'page',
        schema: { fields: [title, { name: 'parent', type: 'relation', contentType: 'page' }] },
      }),
    ).resolves.toMatchObject({ slug: 'page' });
  });

  it('deletes a type only without entries, and refuses renaming a type that relations point at', async () => {
    const target = await t.sdk.cms.contentTypes.create({ name: 'Target', slug: 'target', schema: { fields: [title] } });
    await makeType([title, { name: 'link', type: 'relation', contentType: 'target' }]);
    expect((await problem(t.sdk.cms.contentTypes.update(target.id, { slug: 'renamed' }))).status).toBe(409);
    expect(await problem(t.sdk.cms.contentTypes.delete(target.id))).toMatchObject({ status: 409, extensions: { targetedBy: 1 } });
    const entry = await t.sdk.cms.entries.create({ contentTypeId: target.id, data: { title: 'Used' } });
    expect(await problem(t.sdk.cms.contentTypes.delete(target.id))).toMatchObject({ status: 409, extensions: { entries: 1 } });
    await t.sdk.cms.entries.delete(entry.id);
    const lonely = await makeType([title]);
    await expect(t.sdk.cms.contentTypes.delete(lonely.id)).resolves.toEqual({ id: lonely.id, deleted: true });
    await expect(t.sdk.cms.contentTypes.get(lonely.id)).rejects.toMatchObject({ status: 404 });
  });

  it("keeps types per organization: another's ids answer 404, and CLIENT members may read but not write", async () => {
    const type = await makeType([title]);
    await expect(other.sdk.cms.contentTypes.get(type.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.contentTypes.update(type.id, { name: 'Stolen' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.contentTypes.delete(type.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.contentTypes.checkSchema(type.id, { schema: { fields: [title] } })).rejects.toMatchObject({ status: 404 });
    expect((await other.sdk.cms.contentTypes.list()).data.map((x) => x.id)).not.toContain(type.id);
    const client = await t.sdk.platform.clients.create({ name: 'Viewer Co', slug: 'viewer-co' });
    const user = await t.sdk.platform.users.create({ email: 'viewer@client.test', name: 'Viewer', role: 'CLIENT', clientId: client.id });
    const viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
    expect((await viewer.cms.contentTypes.list()).data.map((x) => x.id)).toContain(type.id);
    await expect(viewer.cms.contentTypes.update(type.id, { name: 'Nope' })).rejects.toMatchObject({ status: 403 });
  });
});

describe('schema changes against existing entries', () => {
  it('refuses a new required field without default (409 with affectedEntries), and fills one with a default', async () => {
    const type = await makeType([title]);
    for (const n of [1, 2, 3]) await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: `E${n}` } });
    const added = schemaOf(title, { name: 'summary', type: 'text', required: true });
    const refused = await problem(t.sdk.cms.contentTypes.update(type.id, { schema: added }));
    expect(refused).toMatchObject({
      status: 409,
      extensions: { affectedEntries: 3, reasons: [{ field: 'summary', reason: 'Required', entries: 3 }] },
    });
    expect((await t.sdk.cms.contentTypes.get(type.id)).schema).toEqual({ fields: [title] });
    // The dry run says the same without changing anything.
    expect(await t.sdk.cms.contentTypes.checkSchema(type.id, { schema: added })).toMatchObject({ affectedEntries: 3, rewrittenEntries: 0 });

    const withDefault = schemaOf(title, { name: 'summary', type: 'text', required: true, default: 'TBD' });
    expect(await t.sdk.cms.contentTypes.checkSchema(type.id, { schema: withDefault })).toEqual({
      affectedEntries: 0,
      rewrittenEntries: 3,
      reasons: [],
    });
    await t.sdk.cms.contentTypes.update(type.id, { schema: withDefault });
    const { data } = await t.sdk.cms.entries.list({ type: type.id });
    expect(data.map((e) => [e.data, e.version])).toEqual([
      [{ title: expect.any(String), summary: 'TBD' }, 2],
      [{ title: expect.any(String), summary: 'TBD' }, 2],
      [{ title: expect.any(String), summary: 'TBD' }, 2],
    ]);
    // The rewrite is a version of each entry.
    const versions = await t.sdk.cms.entries.versions.list(data[0]!.id);
    expect(versions.data[0]).toMatchObject({ versionNumber: 2, changedFields: ['summary'], changeNote: 'Content type schema change' });
  });

  it('fills a new required field from migration.defaults', async () => {
    const type = await makeType([title]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'E' } });
    await t.sdk.cms.contentTypes.update(type.id, {
      schema: { fields: [title, { name: 'rank', type: 'number', required: true }] },
      migration: { defaults: { rank: 5 } },
    });
    expect((await t.sdk.cms.entries.get(entry.id)).data).toEqual({ title: 'E', rank: 5 });
    const bad = await problem(
      t.sdk.cms.contentTypes.update(type.id, {
        schema: { fields: [title, { name: 'rank', type: 'number', required: true, max: 3 }] },
        migration: { defaults: { rank: 'high' } },
      }),
    );
    expect(bad).toMatchObject({ status: 400, errors: [{ path: 'body.migration.defaults.rank' }] });
  });

  it('refuses removing a field that holds data unless migration.drop names it', async () => {
    const type = await makeType([title, { name: 'legacy', type: 'text' }]);
    const full = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Full', legacy: 'old' } });
    const empty = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Empty' } });
    const refused = await problem(t.sdk.cms.contentTypes.update(type.id, { schema: { fields: [title] } }));
    expect(refused.extensions).toMatchObject({
      affectedEntries: 1,
      reasons: [{ field: 'legacy', reason: expect.stringContaining('migration.drop'), entries: 1 }],
    });
    await t.sdk.cms.contentTypes.update(type.id, { schema: { fields: [title] }, migration: { drop: ['legacy'] } });
    expect(await t.sdk.cms.entries.get(full.id)).toMatchObject({ data: { title: 'Full' }, version: 2 });
    expect(await t.sdk.cms.entries.get(empty.id)).toMatchObject({ version: 1 });
    const activity = await t.sdk.platform.activity.list({ entityType: 'content_types', entityId: type.id });
    expect(activity.data[0]).toMatchObject({ action: 'migrated', metadata: { rewrittenEntries: 1, migration: { drop: ['legacy'] } } });
  });

  it('refuses a type change of a field holding data unless migration.convert converts it', async () => {
    const type = await makeType([title, { name: 'price', type: 'number' }, { name: 'note', type: 'text', multiline: true }]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'P', price: 12.5, note: 'Hello\nworld' } });
    const next = schemaOf(title, { name: 'price', type: 'text' }, { name: 'note', type: 'richtext' });
    const refused = await problem(t.sdk.cms.contentTypes.update(type.id, { schema: next }));
    expect(refused.extensions).toMatchObject({ affectedEntries: 1 });
    expect((refused.extensions.reasons as { field: string }[]).map((r) => r.field).sort()).toEqual(['note', 'price']);
    expect(
      (await problem(t.sdk.cms.contentTypes.update(type.id, { schema: next, migration: { convert: { price: 'number' } } }))).errors,
    ).toContainEqual({ path: 'body.migration.convert.price', message: expect.stringContaining('declares "price" as text') });
    await t.sdk.cms.contentTypes.update(type.id, { schema: next, migration: { convert: { price: 'text', note: 'richtext' } } });
    const converted = await t.sdk.cms.entries.get(entry.id);
    expect(converted.data).toEqual({
      title: 'P',
      price: '12.5',
      note: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'world' }] },
        ],
      },
    });
    expect(converted.plainText).toBe('P\n12.5\nHello\nworld');
    // Back to numbers: a value that does not parse needs a default when the field is required.
    await t.sdk.cms.entries.update(entry.id, { data: { price: 'about ten' } });
    const back = schemaOf(title, { name: 'price', type: 'number', required: true }, { name: 'note', type: 'richtext' });
    const unconvertible = await problem(
      t.sdk.cms.contentTypes.update(type.id, { schema: back, migration: { convert: { price: 'number' } } }),
    );
    expect(unconvertible.extensions.reasons).toEqual([
      { field: 'price', reason: expect.stringContaining('cannot be converted'), entries: 1 },
    ]);
    await t.sdk.cms.contentTypes.update(type.id, { schema: back, migration: { convert: { price: 'number' }, defaults: { price: 0 } } });
    expect((await t.sdk.cms.entries.get(entry.id)).data.price).toBe(0);
  });

  it('refuses stricter constraints existing data violates, counting entries per reason', async () => {
    const type = await makeType([
      title,
      { name: 'color', type: 'select', options: [{ value: 'red' }, { value: 'blue' }] },
      { name: 'code', type: 'text' },
    ]);
    await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Red', color: 'red', code: 'ABCDEF' } });
    await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Blue', color: 'blue', code: 'AB' } });
    await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Blue again', color: 'blue', code: 'XY' } });
    const stricter = schemaOf(
      title,
      { name: 'color', type: 'select', options: [{ value: 'red' }] },
      { name: 'code', type: 'text', maxLength: 3 },
    );
    const refused = await problem(t.sdk.cms.contentTypes.update(type.id, { schema: stricter }));
    expect(refused.extensions.affectedEntries).toBe(3);
    expect(refused.extensions.reasons).toEqual(
      expect.arrayContaining([
        { field: 'color', reason: 'Expected one of "red"', entries: 2 },
        { field: 'code', reason: 'At most 3 characters', entries: 1 },
      ]),
    );
    expect(refused.errors).toContainEqual({ path: 'body.schema.color', message: expect.stringContaining('2 entries') });
    // Unique on a field with repeated values, and multiple → single with several values.
    const unique = await problem(
      t.sdk.cms.contentTypes.update(type.id, {
        schema: {
          fields: [
            title,
            { name: 'color', type: 'select', unique: true, options: [{ value: 'red' }, { value: 'blue' }] },
            { name: 'code', type: 'text' },
          ],
        },
      }),
    );
    expect(unique.extensions).toMatchObject({
      affectedEntries: 2,
      reasons: [{ field: 'color', reason: 'Now unique, but entries share values', entries: 2 }],
    });
  });

  it('converts between single and multiple values', async () => {
    const type = await makeType([title, { name: 'color', type: 'select', options: [{ value: 'red' }, { value: 'blue' }] }]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'C', color: 'red' } });
    const multiple = schemaOf(title, { name: 'color', type: 'select', multiple: true, options: [{ value: 'red' }, { value: 'blue' }] });
    expect((await problem(t.sdk.cms.contentTypes.update(type.id, { schema: multiple }))).extensions.reasons).toEqual([
      { field: 'color', reason: 'Expected an array', entries: 1 },
    ]);
    await t.sdk.cms.contentTypes.update(type.id, { schema: multiple, migration: { convert: { color: 'select' } } });
    expect((await t.sdk.cms.entries.get(entry.id)).data.color).toEqual(['red']);
  });

  it('refreshes titles when the title field changes, and leaves untouched entries alone', async () => {
    const type = await makeType([title, { name: 'headline', type: 'text' }]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Old title', headline: 'New title' } });
    await t.sdk.cms.contentTypes.update(type.id, { titleField: 'headline' });
    expect(await t.sdk.cms.entries.get(entry.id)).toMatchObject({ title: 'New title', version: 2 });
    // Changes that are not to the schema (name, description) rewrite nothing.
    await t.sdk.cms.contentTypes.update(type.id, { name: 'Renamed', description: 'Words' });
    expect((await t.sdk.cms.entries.get(entry.id)).version).toBe(2);
  });

  it('migrates translations with their entries: dropped fields go, newly required localized fields make them OUTDATED', async () => {
    const type = await makeType([title, { name: 'body', type: 'text', localized: true }, { name: 'old', type: 'text', localized: true }]);
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'T', body: 'b', old: 'o' } });
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { body: 'corps', old: 'vieux' }, status: 'APPROVED' });
    const next = schemaOf(
      title,
      { name: 'body', type: 'text', localized: true },
      { name: 'teaser', type: 'text', localized: true, required: true, default: 'Soon' },
    );
    expect((await problem(t.sdk.cms.contentTypes.update(type.id, { schema: next }))).extensions).toMatchObject({
      affectedEntries: 1,
      reasons: [{ field: 'old' }],
    });
    await t.sdk.cms.contentTypes.update(type.id, { schema: next, migration: { drop: ['old'] } });
    expect((await t.sdk.cms.entries.get(entry.id)).data).toEqual({ title: 'T', body: 'b', teaser: 'Soon' });
    expect(await t.sdk.cms.entries.translations.get(entry.id, 'fr')).toMatchObject({ data: { body: 'corps' }, status: 'OUTDATED' });
  });
});
