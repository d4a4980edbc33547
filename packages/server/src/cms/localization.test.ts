import type { SpokeStack } from '@spokestack/core';
import type { ContentTypeInput } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, pngBytes, problem, type TestInstance } from '../testing/index.js';
import { getEntry } from './entry-rows.js';
import { getTranslation } from './localization.js';
import { publishLocale, unpublishLocale } from './publish-state.js';

let t: TestInstance;
let other: { sdk: SpokeStack };
beforeAll(async () => {
  t = await createTestInstance();
  other = await t.createOrg('Rival Agency');
  await t.sdk.platform.organization.update({ locales: ['en', 'fr', 'de', 'ar'], defaultLocale: 'en' });
});
afterAll(() => t.close());

type Fields = ContentTypeInput['schema']['fields'];
let seq = 0;
const cms = () => t.contextFor(t.organization.id);
const fields: Fields = [
  { name: 'title', type: 'text', required: true, localized: true },
  { name: 'body', type: 'text', localized: true, required: true, multiline: true },
  { name: 'code', type: 'text', localized: true, unique: true },
  { name: 'price', type: 'number' },
];
const makeType = () => t.sdk.cms.contentTypes.create({ name: `Product ${++seq}`, schema: { fields } });
describe('translations', () => {
  it('creates and updates translations per organization locale, with title, slug and status of their own', async () => {
    const type = await makeType();
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: type.id,
      data: { title: 'Running shoes', body: 'Light and fast.', price: 90 },
    });
    const fr = await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Chaussures de course', body: 'Légères.' } });
    expect(fr).toMatchObject({
      locale: 'fr',
      title: 'Chaussures de course',
      slug: 'chaussures-de-course',
      status: 'IN_PROGRESS',
      translatedById: expect.any(String),
    });
    const pending = await t.sdk.cms.entries.translations.put(entry.id, 'de', { data: {} });
    expect(pending).toMatchObject({ status: 'PENDING', title: 'Running shoes' });
    const approved = await t.sdk.cms.entries.translations.put(entry.id, 'fr', {
      data: { title: 'Chaussures de course', body: 'Très légères.' },
      status: 'APPROVED',
    });
    expect(approved).toMatchObject({ id: fr.id, status: 'APPROVED', slug: 'chaussures-de-course', data: { body: 'Très légères.' } });
    expect((await t.sdk.cms.entries.translations.list(entry.id)).data.map((l) => [l.locale, l.status])).toEqual([
      ['de', 'PENDING'],
      ['fr', 'APPROVED'],
    ]);
    const activity = await t.sdk.platform.activity.list({ entityType: 'content_entries', entityId: entry.id, limit: 1 });
    expect(activity.data[0]).toMatchObject({ action: 'translated', metadata: { locale: 'fr', status: 'APPROVED', from: 'IN_PROGRESS' } });
    await t.sdk.cms.entries.translations.delete(entry.id, 'de');
    await expect(t.sdk.cms.entries.translations.get(entry.id, 'de')).rejects.toMatchObject({ status: 404 });
  });

  it('validates locales and localized fields', async () => {
    const type = await makeType();
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Shoe', body: 'b', code: 'S-1' } });
    const cases: [string, Parameters<typeof t.sdk.cms.entries.translations.put>[2], string, RegExp][] = [
      ['es', { data: { title: 'x' } }, 'params.locale', /organization locales/],
      ['en', { data: { title: 'x' } }, 'params.locale', /entry's own locale/],
      ['fr', { data: { price: 5 } }, 'body.data.price', /shared with the source/],
      ['fr', { data: { nope: 5 } }, 'body.data.nope', /Unknown field/],
      ['fr', { data: { title: 42 } }, 'body.data.title', /Expected a string/],
      ['fr', { data: { title: 'Only a title' }, status: 'REVIEW' }, 'body.data.body', /Required/],
      ['xx-invalid!', { data: {} }, 'params.locale', /locale tag/],
    ];
    for (const [locale, body, path, message] of cases) {
      const error = await problem(t.sdk.cms.entries.translations.put(entry.id, locale, body));
      expect(error.status, `${locale} ${JSON.stringify(body)}`).toBe(400);
      expect(error.errors).toContainEqual({ path, message: expect.stringMatching(message) });
    }
    // An unfinished translation may lack required fields while IN_PROGRESS.
    await expect(t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Seulement un titre' } })).resolves.toMatchObject({
      status: 'IN_PROGRESS',
    });
    // Unique localized fields are unique within the target locale.
    const second = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Boot', body: 'b', code: 'S-2' } });
    await t.sdk.cms.entries.translations.put(second.id, 'de', { data: { code: 'DE-1' } });
    expect(await problem(t.sdk.cms.entries.translations.put(entry.id, 'de', { data: { code: 'DE-1' } }))).toMatchObject({
      status: 409,
      errors: [{ path: 'body.data.code' }],
    });
    // A translation slug is unique among entries and translations of the type in that locale.
    const frSource = await t.sdk.cms.entries.create({ contentTypeId: type.id, locale: 'fr', data: { title: 'Botte', body: 'b' } });
    expect(frSource.slug).toBe('botte');
    const frBoot = await t.sdk.cms.entries.translations.put(second.id, 'fr', { data: { title: 'Botte' } });
    expect(frBoot.slug).toBe('botte-2');
    expect((await problem(t.sdk.cms.entries.translations.put(second.id, 'fr', { data: { title: 'Botte' }, slug: 'botte' }))).status).toBe(
      409,
    );
  });

  it('marks translations OUTDATED when a localized source field changes, not when a shared one does', async () => {
    const type = await makeType();
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Shoe', body: 'b', price: 1 } });
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Chaussure', body: 'c' }, status: 'APPROVED' });
    await t.sdk.cms.entries.translations.put(entry.id, 'de', { data: { title: 'Schuh' } });
    await t.sdk.cms.entries.update(entry.id, { data: { price: 2 } });
    expect((await t.sdk.cms.entries.translations.list(entry.id)).data.map((l) => l.status)).toEqual(['IN_PROGRESS', 'APPROVED']);
    await t.sdk.cms.entries.update(entry.id, { data: { body: 'new body' } });
    expect((await t.sdk.cms.entries.translations.list(entry.id)).data.map((l) => l.status)).toEqual(['OUTDATED', 'OUTDATED']);
    // Editing an outdated translation puts it back in progress.
    expect(await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Chaussure', body: 'nouveau corps' } })).toMatchObject(
      { status: 'IN_PROGRESS' },
    );
  });

  it('keeps SEO and social fields per locale: only those the translation sets, its own files only', async () => {
    const type = await makeType();
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Boot', body: 'Warm' }, seoTitle: 'Boots' });
    const fr = await t.sdk.cms.entries.translations.put(entry.id, 'fr', {
      data: { title: 'Botte' },
      meta: { seoTitle: 'Bottes', seoDescription: '', seoKeywords: [], noIndex: false, ogTitle: null },
    });
    // Blank values are not the translation's own: the source's are served for them.
    expect(fr.meta).toEqual({ seoTitle: 'Bottes' });
    // A save without `meta` keeps them; one with `meta` replaces them.
    const kept = await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Botte', body: 'Chaude' } });
    expect(kept.meta).toEqual({ seoTitle: 'Bottes' });
    const replaced = await t.sdk.cms.localizations.update(fr.id, { meta: { ogDescription: 'Au chaud' } });
    expect(replaced.meta).toEqual({ ogDescription: 'Au chaud' });
    expect((await t.sdk.cms.entries.get(entry.id)).seoTitle).toBe('Boots');
    const theirs = await other.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'theirs.png' });
    expect(
      await problem(t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Botte' }, meta: { ogImageId: theirs.id } })),
    ).toMatchObject({ status: 400, errors: [{ path: 'body.meta.ogImageId' }] });
    expect(
      await problem(
        t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Botte' }, meta: { canonicalUrl: 'javascript:alert(1)' } }),
      ),
    ).toMatchObject({ status: 400, errors: [{ path: 'body.meta.canonicalUrl' }] });
  });

  it('routes the localizations resource through the same rules', async () => {
    const type = await makeType();
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Hat', body: 'b' } });
    const de = await t.sdk.cms.localizations.create({ entryId: entry.id, locale: 'de', data: { title: 'Hut' } });
    expect(de).toMatchObject({ title: 'Hut', slug: 'hut', status: 'IN_PROGRESS' });
    expect((await problem(t.sdk.cms.localizations.create({ entryId: entry.id, locale: 'de', data: {} }))).status).toBe(409);
    expect((await problem(t.sdk.cms.localizations.create({ entryId: entry.id, locale: 'es', data: {} }))).errors).toContainEqual({
      path: 'body.locale',
      message: expect.any(String),
    });
    expect(await t.sdk.cms.localizations.update(de.id, { data: { body: 'Ein Hut' } })).toMatchObject({
      data: { title: 'Hut', body: 'Ein Hut' },
    });
    expect((await problem(t.sdk.cms.localizations.update(de.id, { data: { price: 3 } }))).errors[0]!.path).toBe('body.data.price');
    await t.sdk.cms.localizations.delete(de.id);
    expect((await t.sdk.cms.entries.translations.list(entry.id)).data).toEqual([]);
  });

  it('keeps translations per organization', async () => {
    const type = await makeType();
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Mine', body: 'b' } });
    const fr = await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'À moi' } });
    await expect(other.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Volé' } })).rejects.toMatchObject({
      status: 404,
    });
    await expect(other.sdk.cms.entries.translations.get(entry.id, 'fr')).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.localizations.update(fr.id, { status: 'APPROVED' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.localizations.delete(fr.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.localizations.create({ entryId: entry.id, locale: 'en', data: {} })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.entryId' }],
    });
    expect((await t.sdk.cms.entries.translations.get(entry.id, 'fr')).title).toBe('À moi');
  });
});

describe('publish state per locale', () => {
  it('publishes fr without touching the source or de, and the source without touching fr', async () => {
    const type = await makeType();
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Shoe', body: 'Fast', price: 90 } });
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Chaussure', body: 'Rapide' }, status: 'APPROVED' });
    await t.sdk.cms.entries.translations.put(entry.id, 'de', { data: { title: 'Schuh', body: 'Schnell' }, status: 'APPROVED' });

    // A translation goes live over its published source.
    await expect(publishLocale(t.db, cms(), entry.id, 'fr')).rejects.toMatchObject({ status: 409 });
    const source = await publishLocale(t.db, cms(), entry.id, 'en');
    expect(source).toMatchObject({
      status: 'PUBLISHED',
      publishedTitle: 'Shoe',
      publishedData: { title: 'Shoe', body: 'Fast', price: 90 },
    });
    const fr = await publishLocale(t.db, cms(), entry.id, 'fr');
    expect(fr).toMatchObject({
      locale: 'fr',
      publishedTitle: 'Chaussure',
      publishedSlug: 'chaussure',
      publishedData: { title: 'Chaussure', body: 'Rapide', price: 90 },
      publishedAt: t.clock.now(),
    });
    expect(await getEntry(t.db, cms(), entry.id)).toMatchObject({ status: 'PUBLISHED', publishedTitle: 'Shoe' });
    expect(await getTranslation(t.db, cms(), entry.id, 'de')).toMatchObject({ publishedData: null, publishedAt: null });

    await unpublishLocale(t.db, cms(), entry.id, 'fr');
    expect(await getTranslation(t.db, cms(), entry.id, 'fr')).toMatchObject({
      publishedData: null,
      publishedTitle: null,
      publishedSlug: null,
    });
    expect(await getEntry(t.db, cms(), entry.id)).toMatchObject({ status: 'PUBLISHED', publishedTitle: 'Shoe' });
    await unpublishLocale(t.db, cms(), entry.id, 'en');
    expect(await getEntry(t.db, cms(), entry.id)).toMatchObject({ status: 'UNPUBLISHED', publishedData: null });
    const activity = await t.sdk.platform.activity.list({ entityType: 'content_entries', entityId: entry.id, limit: 4 });
    expect(activity.data.map((a) => [a.action, (a.metadata as { locale?: string }).locale])).toEqual([
      ['unpublished', 'en'],
      ['unpublished', 'fr'],
      ['published', 'fr'],
      ['published', 'en'],
    ]);
  });

  it('publishes only APPROVED, complete translations, and refuses missing ones', async () => {
    const type = await makeType();
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Cap', body: 'b' } });
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Casquette' } });
    await expect(publishLocale(t.db, cms(), entry.id, 'fr')).rejects.toMatchObject({ status: 409 });
    await expect(publishLocale(t.db, cms(), entry.id, 'de')).rejects.toMatchObject({ status: 404 });
    await expect(unpublishLocale(t.db, cms(), entry.id, 'de')).rejects.toMatchObject({ status: 404 });
    await expect(publishLocale(t.db, { ...cms(), organizationId: 'someone-else' }, entry.id, 'en')).rejects.toMatchObject({ status: 404 });
  });
});

describe('missing translations report', () => {
  it('lists, per entry, the organization locales lacking an approved and current translation, with a summary per locale', async () => {
    const type = await makeType();
    const done = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Done', body: 'b' } });
    for (const locale of ['fr', 'de', 'ar'])
      await t.sdk.cms.entries.translations.put(done.id, locale, { data: { title: `Done ${locale}`, body: 'b' }, status: 'APPROVED' });
    const partial = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Partial', body: 'b' } });
    await t.sdk.cms.entries.translations.put(partial.id, 'fr', { data: { title: 'Partiel', body: 'b' }, status: 'APPROVED' });
    await t.sdk.cms.entries.translations.put(partial.id, 'de', { data: { title: 'Teilweise' }, status: 'IN_PROGRESS' });
    await t.sdk.cms.entries.update(partial.id, { data: { body: 'changed' } });
    await t.sdk.cms.entries.translations.put(partial.id, 'de', { data: { title: 'Teilweise', body: 'geändert' }, status: 'REVIEW' });
    const french = await t.sdk.cms.entries.create({ contentTypeId: type.id, locale: 'fr', data: { title: 'Français', body: 'b' } });

    const report = await t.sdk.cms.contentTypes.missingTranslations(type.id);
    expect(report.locales).toEqual(['en', 'fr', 'de', 'ar']);
    expect(report.data.sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { entryId: french.id, title: 'Français', locale: 'fr', missing: ['en', 'de', 'ar'], outdated: [], notApproved: [] },
      { entryId: partial.id, title: 'Partial', locale: 'en', missing: ['ar'], outdated: ['fr'], notApproved: ['de'] },
    ]);
    expect(report.summary).toEqual({
      en: { missing: 1, outdated: 0, notApproved: 0, approved: 0 },
      fr: { missing: 0, outdated: 1, notApproved: 0, approved: 1 },
      de: { missing: 1, outdated: 0, notApproved: 1, approved: 1 },
      ar: { missing: 2, outdated: 0, notApproved: 0, approved: 1 },
    });
    const onlyDe = await t.sdk.cms.contentTypes.missingTranslations(type.id, { locale: 'de' });
    expect(onlyDe.data.map((d) => [d.title, d.missing, d.notApproved]).sort()).toEqual([
      ['Français', ['de'], []],
      ['Partial', [], ['de']],
    ]);
    const page = await t.sdk.cms.contentTypes.missingTranslations(type.id, { limit: 1 });
    const next = await t.sdk.cms.contentTypes.missingTranslations(type.id, { limit: 1, cursor: page.nextCursor! });
    expect([...page.data, ...next.data].map((d) => d.entryId).sort()).toEqual([french.id, partial.id].sort());
    await expect(t.sdk.cms.contentTypes.missingTranslations(type.id, { locale: 'es' })).rejects.toMatchObject({ status: 400 });
    await expect(other.sdk.cms.contentTypes.missingTranslations(type.id)).rejects.toMatchObject({ status: 404 });
  });
});
