import type { SpokeStack } from '@spokestack/core';
import { type ContentTypeInput, deliveredEntry, deliveryList } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../db/client.js';
import { createTestInstance, pngBytes, type TestInstance } from '../testing/index.js';
import { type DeliveryQueryInput, deliveryStatement, rowsOf } from './delivery-sql.js';

let t: TestInstance;
let site: SpokeStack;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let authorType: { id: string; slug: string };
let postType: { id: string; slug: string };
let photo: { id: string };
beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  await t.sdk.platform.organization.update({ locales: ['en', 'fr', 'de'], defaultLocale: 'en' });
  const key = await t.sdk.platform.apiKeys.create({ name: 'Website', kind: 'PUBLISHABLE' });
  site = t.sdkFor(key.secret);
  photo = await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), {
    name: 'photo.png',
  });
  authorType = await t.sdk.cms.contentTypes.create({
    name: 'Author',
    slug: 'author',
    schema: {
      fields: [
        { name: 'name', type: 'text', required: true },
        { name: 'photo', type: 'media' },
      ],
    },
    titleField: 'name',
  });
  const fields: ContentTypeInput['schema']['fields'] = [
    { name: 'title', type: 'text', required: true, localized: true },
    { name: 'summary', type: 'text', localized: true },
    { name: 'cover', type: 'media' },
    { name: 'author', type: 'relation', contentType: 'author' },
    { name: 'featured', type: 'boolean' },
    { name: 'sections', type: 'blocks' },
  ];
  postType = await t.sdk.cms.contentTypes.create({ name: 'Post', slug: 'post', schema: { fields } });
});
afterAll(() => t.close());

const later = (minutes: number) => t.clock.advance(minutes * 60_000);
async function published(data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const entry = await t.sdk.cms.entries.create({ contentTypeId: postType.id, data: data as never, ...extra });
  later(1);
  return (await t.sdk.cms.entries.publish(entry.id)).entry;
}
const get = (path: string, headers: Record<string, string> = {}) => t.request(path, { headers });

describe('published content only', () => {
  it('serves the published snapshot, never drafts, and a draft edit only once republished', async () => {
    const draft = await t.sdk.cms.entries.create({ contentTypeId: postType.id, data: { title: 'Secret plans' } });
    await expect(site.cms.delivery.get('post', draft.slug)).rejects.toMatchObject({ status: 404 });
    expect((await site.cms.delivery.list('post')).data.map((e) => e.id)).not.toContain(draft.id);

    const post = await published({ title: 'Hello world', summary: 'First', featured: true });
    const served = await site.cms.delivery.get('post', 'hello-world');
    expect(deliveredEntry.parse(served)).toMatchObject({
      id: post.id,
      type: 'post',
      locale: 'en',
      fallback: false,
      slug: 'hello-world',
      title: 'Hello world',
      data: { title: 'Hello world', summary: 'First', featured: true },
      preview: false,
    });
    expect(served.publishedAt).toBe(post.publishedAt);

    await t.sdk.cms.entries.update(post.id, { data: { summary: 'Edited, not yet live' } });
    expect((await site.cms.delivery.get('post', 'hello-world')).data.summary).toBe('First');
    await t.sdk.cms.entries.publish(post.id);
    expect((await site.cms.delivery.get('post', 'hello-world')).data.summary).toBe('Edited, not yet live');
    await t.sdk.cms.entries.unpublish(post.id);
    await expect(site.cms.delivery.get('post', 'hello-world')).rejects.toMatchObject({ status: 404 });
  });

  it('serves SEO and social fields as last published, and the draft ones only in preview', async () => {
    const post = await published(
      { title: 'Launch notes' },
      { seoTitle: 'Launch | Northwind', ogTitle: 'We launched', seoKeywords: ['launch'], noIndex: false },
    );
    await t.sdk.cms.entries.update(post.id, { seoTitle: 'Unannounced rename', seoKeywords: ['secret'], noIndex: true });
    expect(await site.cms.delivery.get('post', 'launch-notes')).toMatchObject({
      seo: { title: 'Launch | Northwind', keywords: ['launch'], noIndex: false },
      og: { title: 'We launched' },
    });
    const { token } = await t.sdk.cms.previewTokens.create({ entryId: post.id });
    expect(await site.cms.delivery.get('post', 'launch-notes', { preview: token })).toMatchObject({
      seo: { title: 'Unannounced rename', keywords: ['secret'], noIndex: true },
    });
    await t.sdk.cms.entries.publish(post.id);
    expect(await site.cms.delivery.get('post', 'launch-notes')).toMatchObject({
      seo: { title: 'Unannounced rename', keywords: ['secret'], noIndex: true },
    });
  });

  it('answers 404 for an unknown type and slug', async () => {
    await expect(site.cms.delivery.list('nope')).rejects.toMatchObject({ status: 404, detail: 'Content type not found' });
    await expect(site.cms.delivery.get('post', 'no-such-post')).rejects.toMatchObject({ status: 404, detail: 'Entry not found' });
  });
});

describe('locales', () => {
  it(
    'serves an approved, published translation and falls back to the default locale otherwise, saying which locale was ' + 'served',
    async () => {
      const post = await published({ title: 'Good morning', summary: 'EN summary' });
      await t.sdk.cms.entries.translations.put(post.id, 'fr', { data: { title: 'Bonjour', summary: 'Résumé FR' }, status: 'APPROVED' });
      // Approved but not published yet: French readers get English.
      const before = await site.cms.delivery.get('post', 'good-morning', { locale: 'fr' });
      expect(before).toMatchObject({ locale: 'en', fallback: true, title: 'Good morning' });
      await t.sdk.cms.entries.publish(post.id, { locale: 'fr' });

      const bySourceSlug = await site.cms.delivery.get('post', 'good-morning', { locale: 'fr' });
      expect(bySourceSlug).toMatchObject({
        locale: 'fr',
        fallback: false,
        slug: 'bonjour',
        title: 'Bonjour',
        data: { title: 'Bonjour', summary: 'Résumé FR' },
      });
      const byOwnSlug = await t.request('/v1/delivery/post/bonjour?locale=fr');
      expect(byOwnSlug.headers.get('content-language')).toBe('fr');
      expect(await byOwnSlug.json()).toMatchObject({ id: post.id, locale: 'fr' });
      expect(await site.cms.delivery.get('post', 'good-morning', { locale: 'de' })).toMatchObject({
        locale: 'en',
        fallback: true,
        title: 'Good morning',
      });

      const frList = await site.cms.delivery.list('post', { locale: 'fr' });
      expect(frList.locale).toBe('fr');
      expect(frList.data.find((e) => e.id === post.id)).toMatchObject({ locale: 'fr', title: 'Bonjour' });
      expect(frList.data.filter((e) => e.id !== post.id).every((e) => e.fallback && e.locale === 'en')).toBe(true);

      // A translation that is no longer APPROVED (here: back in review) is not served, whatever was published.
      await t.sdk.cms.entries.translations.put(post.id, 'fr', { data: { title: 'Bonjour !', summary: 'Résumé FR' }, status: 'REVIEW' });
      expect(await site.cms.delivery.get('post', 'good-morning', { locale: 'fr' })).toMatchObject({ locale: 'en', fallback: true });
      expect((await site.cms.delivery.list('post', { locale: 'fr' })).data.find((e) => e.id === post.id)).toMatchObject({
        locale: 'en',
        fallback: true,
      });
    },
  );
});

describe('SEO per locale', () => {
  it("serves each locale its own SEO and social fields as last published, the source's where it has none", async () => {
    const post = await published({ title: 'Spring sale' }, { seoTitle: 'Spring sale | Northwind', ogTitle: 'Sale', seoKeywords: ['sale'] });
    await t.sdk.cms.entries.translations.put(post.id, 'fr', {
      data: { title: 'Soldes de printemps' },
      meta: { seoTitle: 'Soldes | Northwind', ogImageId: photo.id },
      status: 'APPROVED',
    });
    await t.sdk.cms.entries.publish(post.id, { locale: 'fr' });
    // A later edit of the French SEO stays private until the translation is published again.
    await t.sdk.cms.entries.translations.put(post.id, 'fr', { data: { title: 'Soldes de printemps' }, meta: { seoTitle: 'Brouillon' } });
    await t.sdk.cms.entries.translations.put(post.id, 'fr', { data: { title: 'Soldes de printemps' }, status: 'APPROVED' });
    const fr = await site.cms.delivery.get('post', 'soldes-de-printemps', { locale: 'fr' });
    expect(fr).toMatchObject({
      locale: 'fr',
      seo: { title: 'Soldes | Northwind', keywords: ['sale'] },
      og: { title: 'Sale', image: { fileId: photo.id } },
    });
    // The French social image is served without credentials, being in the published French copy.
    expect((await t.app.request(fr.og.image!.url)).status).toBe(200);
    const list = await site.cms.delivery.list('post', { locale: 'fr' });
    expect(list.data.find((e) => e.id === post.id)).toMatchObject({ seo: { title: 'Soldes | Northwind' } });
    // English keeps its own; German (no translation) falls back to the English entry and its SEO.
    expect(await site.cms.delivery.get('post', 'spring-sale')).toMatchObject({
      seo: { title: 'Spring sale | Northwind' },
      og: { image: null },
    });
    expect(await site.cms.delivery.get('post', 'spring-sale', { locale: 'de' })).toMatchObject({
      fallback: true,
      seo: { title: 'Spring sale | Northwind' },
    });
    // A preview shows the draft French SEO.
    const { token } = await t.sdk.cms.previewTokens.create({ entryId: post.id });
    expect(await site.cms.delivery.get('post', 'soldes-de-printemps', { locale: 'fr', preview: token })).toMatchObject({
      seo: { title: 'Brouillon' },
    });
  });
});

describe('lists', () => {
  it('pages newest first, sorts by title, filters by tag, category subtree and field values, and projects fields', async () => {
    const type = await t.sdk.cms.contentTypes.create({
      name: 'Note',
      slug: 'note',
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'kind', type: 'text' },
          { name: 'body', type: 'text' },
        ],
      },
    });
    const tag = await t.sdk.cms.tags.create({ name: 'Launch' });
    const marketing = await t.sdk.cms.categories.create({ name: 'Marketing' });
    const social = await t.sdk.cms.categories.create({ name: 'Social', parentId: marketing.id });
    const made = [];
    for (const [i, title] of ['Charlie', 'Alpha', 'Echo', 'Bravo', 'Delta'].entries()) {
      const entry = await t.sdk.cms.entries.create({
        contentTypeId: type.id,
        data: { title, kind: i % 2 ? 'odd' : 'even', body: `Body ${title}` },
        tagIds: i < 2 ? [tag.id] : [],
        categoryIds: i === 1 ? [social.id] : [],
      });
      later(1);
      await t.sdk.cms.entries.publish(entry.id);
      made.push(entry);
    }
    const first = await site.cms.delivery.list('note', { limit: 2 });
    expect(deliveryList.parse(first).data.map((e) => e.title)).toEqual(['Delta', 'Bravo']);
    const second = await site.cms.delivery.list('note', { limit: 2, cursor: first.nextCursor! });
    const third = await site.cms.delivery.list('note', { limit: 2, cursor: second.nextCursor! });
    expect([...second.data, ...third.data].map((e) => e.title)).toEqual(['Echo', 'Alpha', 'Charlie']);
    expect(third.nextCursor).toBeNull();
    const all = [];
    for await (const e of site.cms.delivery.iterate('note', { limit: 3, sort: 'title' })) all.push(e.title);
    expect(all).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
    expect((await site.cms.delivery.list('note', { sort: '-title', limit: 2 })).data.map((e) => e.title)).toEqual(['Echo', 'Delta']);
    expect((await site.cms.delivery.list('note', { sort: 'publishedAt', limit: 1 })).data.map((e) => e.title)).toEqual(['Charlie']);

    const tagged = await site.cms.delivery.list('note', { tag: 'launch' });
    expect(tagged.data.map((e) => e.title).sort()).toEqual(['Alpha', 'Charlie']);
    expect(tagged.data[0]!.tags).toEqual(['launch']);
    const inMarketing = await site.cms.delivery.list('note', { category: 'marketing' });
    expect(inMarketing.data).toHaveLength(1);
    expect(inMarketing.data[0]).toMatchObject({ title: 'Alpha', categories: ['/marketing/social'] });
    expect((await site.cms.delivery.list('note', { where: 'kind:odd' })).data.map((e) => e.title).sort()).toEqual(['Alpha', 'Bravo']);
    const slim = await site.cms.delivery.list('note', { fields: 'title', limit: 1 });
    expect(slim.data[0]!.data).toEqual({ title: 'Delta' });

    await expect(site.cms.delivery.list('note', { where: 'nope:1' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'query.where' }],
    });
    await expect(site.cms.delivery.list('note', { fields: 'title,nope' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'query.fields' }],
    });
    await expect(site.cms.delivery.list('note', { cursor: 'garbage' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'query.cursor' }],
    });
    await expect(Promise.resolve(t.request('/v1/delivery/note?sort=slug')).then((r) => r.status)).resolves.toBe(400);
  });
});

describe('relations, blocks and media', () => {
  it(
    'resolves relations one level deep (published only), inlines shared blocks, and gives media URLs a browser loads without ' +
      'credentials',
    async () => {
      const ada = await t.sdk.cms.entries.create({
        contentTypeId: authorType.id,
        data: { name: 'Ada', photo: { fileId: photo.id, alt: 'Ada smiling' } },
      });
      const bob = await t.sdk.cms.entries.create({ contentTypeId: authorType.id, data: { name: 'Bob' } });
      await t.sdk.cms.entries.publish(ada.id);
      const cta = await t.sdk.cms.blocks.create({
        name: 'CTA',
        slug: 'cta',
        blockType: 'cta',
        data: { label: 'Subscribe' },
        isGlobal: true,
      });
      const byAda = await published(
        {
          title: 'By Ada',
          cover: { fileId: photo.id, alt: 'Cover' },
          author: ada.id,
          sections: [{ blockId: cta.id }, { type: 'quote', data: { text: 'Hi' } }],
        },
        { ogImageId: photo.id },
      );
      const byBob = await published({ title: 'By Bob', author: bob.id });

      const served = await site.cms.delivery.get('post', byAda.slug);
      expect(served.data.author).toMatchObject({
        id: ada.id,
        type: 'author',
        title: 'Ada',
        slug: 'ada',
        locale: 'en',
        data: {
          name: 'Ada',
          photo: { fileId: photo.id, alt: 'Ada smiling', url: `http://spokestack.test/v1/delivery/media/${ada.id}/${photo.id}` },
        },
      });
      expect(served.data.sections).toEqual([
        { blockId: cta.id, type: 'cta', data: { label: 'Subscribe' } },
        { type: 'quote', data: { text: 'Hi' } },
      ]);
      const cover = served.data.cover as { url: string };
      expect(cover.url).toBe(`http://spokestack.test/v1/delivery/media/${byAda.id}/${photo.id}`);
      expect(served.og.image).toMatchObject({ fileId: photo.id, url: cover.url });
      // No Authorization header: the URL works for as long as the published entry holds the file.
      const bytes = await t.app.request(cover.url);
      expect(bytes.status).toBe(200);
      expect(bytes.headers.get('content-type')).toBe('image/png');
      expect(bytes.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // An unpublished author is not exposed.
      expect((await site.cms.delivery.get('post', byBob.slug)).data.author).toBeNull();
    },
  );

  it('gives images uploaded into rich text a stable URL, and refuses images that are not files of the organization', async () => {
    const article = await t.sdk.cms.contentTypes.create({
      name: 'Article',
      slug: 'article',
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'body', type: 'richtext' },
        ],
      },
    });
    const image = (fileId: string, src: string) => ({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Look:' }] },
        { type: 'image', attrs: { fileId, src, alt: 'Shot' } },
      ],
    });
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: article.id,
      data: { title: 'Gallery', body: image(photo.id, '/v1/platform/files/x/content?exp=1&sig=stale') as never },
    });
    await t.sdk.cms.entries.publish(entry.id);
    const served = await site.cms.delivery.get('article', 'gallery');
    const node = (served.data.body as { content: { attrs?: { src: string; fileId: string } }[] }).content[1]!;
    expect(node.attrs).toMatchObject({
      fileId: photo.id,
      alt: 'Shot',
      src: `http://spokestack.test/v1/delivery/media/${entry.id}/${photo.id}`,
    });
    expect((await t.app.request(node.attrs!.src)).status).toBe(200);
    // The stored document keeps what the editor saved.
    expect(
      ((await t.sdk.cms.entries.get(entry.id)).data.body as { content: { attrs?: { src: string } }[] }).content[1]!.attrs!.src,
    ).toContain('sig=stale');

    const theirs = await other.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'theirs.png' });
    const text = await t.sdk.platform.files.upload(new Blob(['notes']), { name: 'notes.txt' });
    for (const [fileId, message] of [
      [theirs.id, 'No file with this id'],
      [text.id, 'accepted: image/*'],
    ] as const) {
      const refused = await t.sdk.cms.entries
        .create({ contentTypeId: article.id, data: { title: 'Borrowed', body: image(fileId, '/x.png') as never } })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({
        status: 400,
        errors: [{ path: 'body.data.body.content.1.attrs.fileId', message: expect.stringContaining(message) }],
      });
    }
  });
});

describe('stable media URLs', () => {
  it('serve a published file without credentials, immutable, until the file leaves the entry or the entry is unpublished', async () => {
    const keep = await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), {
      name: 'keep.png',
    });
    const post = await published({ title: 'Media that lasts', cover: { fileId: photo.id, alt: 'Cover' } });
    const url = ((await site.cms.delivery.get('post', post.slug)).data.cover as { url: string }).url;
    const anonymous = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });
    const first = await anonymous(url);
    expect(first.status).toBe(200);
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(pngBytes());
    expect(first.headers.get('surrogate-key')).toBe(`entry-${post.id}`);
    expect((await anonymous(url, { 'if-none-match': first.headers.get('etag')! })).status).toBe(304);
    // The same URL an hour, a day later: nothing in it expires.
    later(24 * 60);
    expect(((await site.cms.delivery.get('post', post.slug)).data.cover as { url: string }).url).toBe(url);
    expect((await anonymous(url)).status).toBe(200);

    // Only files the entry's published content holds: not another file of the organization through it,
    // not this file through another entry, nor another organization's entry.
    expect((await anonymous(`/v1/delivery/media/${post.id}/${keep.id}`)).status).toBe(404);
    const unrelated = await published({ title: 'Without media' });
    expect((await anonymous(`/v1/delivery/media/${unrelated.id}/${photo.id}`)).status).toBe(404);
    const theirType = await other.sdk.cms.contentTypes.create({
      name: 'Page',
      slug: 'page',
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'image', type: 'media' },
        ],
      },
    });
    const theirs = await other.sdk.cms.entries.create({ contentTypeId: theirType.id, data: { title: 'Borrow' } });
    await other.sdk.cms.entries.publish(theirs.id);
    expect((await anonymous(`/v1/delivery/media/${theirs.id}/${photo.id}`)).status).toBe(404);

    // An edit that drops the file keeps it served until published; then the URL stops working.
    await t.sdk.cms.entries.update(post.id, { data: { cover: { fileId: keep.id, alt: 'New cover' } } });
    expect((await anonymous(url)).status).toBe(200);
    await t.sdk.cms.entries.publish(post.id);
    expect((await anonymous(url)).status).toBe(404);
    const kept = ((await site.cms.delivery.get('post', post.slug)).data.cover as { url: string }).url;
    expect((await anonymous(kept)).status).toBe(200);
    await t.sdk.cms.entries.unpublish(post.id);
    expect((await anonymous(kept)).status).toBe(404);
  });
});

describe('caching', () => {
  it('sends an ETag and Cache-Control, answers 304 on revalidation, and a new ETag after a change', async () => {
    const post = await published({ title: 'Cache me' });
    const first = await get('/v1/delivery/post/cache-me');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    const again = await get('/v1/delivery/post/cache-me', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const listTag = (await get('/v1/delivery/post')).headers.get('etag')!;
    expect((await get('/v1/delivery/post', { 'if-none-match': `W/${listTag}` })).status).toBe(304);

    await t.sdk.cms.entries.update(post.id, { data: { summary: 'Now with a summary' } });
    later(1);
    await t.sdk.cms.entries.publish(post.id);
    const changed = await get('/v1/delivery/post/cache-me', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await get('/v1/delivery/post', { 'if-none-match': listTag })).status).toBe(200);
  });

  it('takes Cache-Control lifetimes from the type, and names served and embedded entries in Surrogate-Key and Cache-Tag', async () => {
    const writer = await t.sdk.cms.entries.create({ contentTypeId: authorType.id, data: { name: 'Grace' } });
    await t.sdk.cms.entries.publish(writer.id);
    const post = await published({ title: 'Tagged for purges', author: writer.id });
    const one = await get(`/v1/delivery/post/${post.slug}`);
    expect(one.headers.get('surrogate-key')).toBe(`entry-${post.id} entry-${writer.id}`);
    expect(one.headers.get('cache-tag')).toBe(`entry-${post.id},entry-${writer.id}`);
    const page = await get('/v1/delivery/post?limit=2');
    const ids = ((await page.json()) as { data: { id: string }[] }).data.map((e) => e.id);
    expect(page.headers.get('surrogate-key')!.split(' ')).toEqual(
      expect.arrayContaining([`type-${postType.id}`, ...ids.map((id) => `entry-${id}`)]),
    );

    await t.sdk.cms.contentTypes.update(postType.id, { deliveryMaxAge: 3600, deliveryStaleWhileRevalidate: 86_400 });
    const longer = await get(`/v1/delivery/post/${post.slug}`);
    expect(longer.headers.get('cache-control')).toBe('public, max-age=3600, stale-while-revalidate=86400');
    const revalidated = await get(`/v1/delivery/post/${post.slug}`, { 'if-none-match': longer.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('cache-control')).toBe('public, max-age=3600, stale-while-revalidate=86400');
    expect((await get('/v1/delivery/author')).headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    await expect(t.sdk.cms.contentTypes.update(postType.id, { deliveryMaxAge: -1 })).rejects.toMatchObject({ status: 400 });
    await expect(site.cms.contentTypes.update(postType.id, { deliveryMaxAge: 1 })).rejects.toMatchObject({ status: 403 });
    await t.sdk.cms.contentTypes.update(postType.id, { deliveryMaxAge: 60, deliveryStaleWhileRevalidate: 300 });

    const { token } = await t.sdk.cms.previewTokens.create({ entryId: post.id });
    const preview = await get(`/v1/delivery/post/${post.slug}?preview=${token}`);
    expect(preview.headers.get('surrogate-key')).toBeNull();
  });
});

describe('preview', () => {
  it('serves drafts only with a preview token bound to the entry or the type, short-lived and never cached', async () => {
    const draft = await t.sdk.cms.entries.create({ contentTypeId: postType.id, data: { title: 'Coming soon', summary: 'Draft summary' } });
    const other = await t.sdk.cms.entries.create({ contentTypeId: postType.id, data: { title: 'Also a draft' } });
    await expect(site.cms.delivery.get('post', draft.slug)).rejects.toMatchObject({ status: 404 });
    const { token, expiresAt } = await t.sdk.cms.previewTokens.create({ entryId: draft.id, expiresInMinutes: 30 });
    expect(expiresAt).toBe(new Date(t.clock.now().getTime() + 1_800_000).toISOString());
    const shown = await site.cms.delivery.get('post', draft.slug, { preview: token });
    // Never published: a preview has no publishedAt to show.
    expect(shown).toMatchObject({ id: draft.id, preview: true, publishedAt: null, data: { summary: 'Draft summary' } });
    const raw = await get(`/v1/delivery/post/${draft.slug}?preview=${token}`);
    expect(raw.headers.get('cache-control')).toBe('private, no-store');
    // The token shows its entry only.
    await expect(site.cms.delivery.get('post', other.slug, { preview: token })).rejects.toMatchObject({ status: 404 });
    expect((await site.cms.delivery.list('post', { preview: token })).data.map((e) => e.id)).toEqual([draft.id]);

    const typeToken = (await t.sdk.cms.previewTokens.create({ contentTypeId: postType.id })).token;
    expect((await site.cms.delivery.list('post', { preview: typeToken, limit: 100 })).data.map((e) => e.id)).toEqual(
      expect.arrayContaining([draft.id, other.id]),
    );
    await expect(site.cms.delivery.list('author', { preview: typeToken })).rejects.toMatchObject({ status: 403 });

    await expect(site.cms.delivery.get('post', draft.slug, { preview: `${token}x` })).rejects.toMatchObject({ status: 401 });
    await expect(t.sdk.cms.previewTokens.create({})).rejects.toMatchObject({ status: 400 });
    await expect(site.cms.previewTokens.create({ entryId: draft.id })).rejects.toMatchObject({ status: 403 });
    later(31);
    await expect(site.cms.delivery.get('post', draft.slug, { preview: token })).rejects.toMatchObject({
      status: 401,
      detail: 'Invalid or expired preview token',
    });
  });
});

describe('keys and tenants', () => {
  it('accepts publishable and secret keys; a publishable key reads nothing else; another organization sees none of it', async () => {
    const post = await published({ title: 'Org A only' });
    expect((await t.sdk.cms.delivery.get('post', post.slug)).id).toBe(post.id);
    await expect(site.cms.entries.list()).rejects.toMatchObject({ status: 403 });
    await expect(Promise.resolve(t.request('/v1/delivery/post', { headers: { authorization: '' } })).then((r) => r.status)).resolves.toBe(
      401,
    );

    // Org B: its keys do not reach org A's content, and it may have a "post" type of its own.
    await expect(other.sdk.cms.delivery.get('post', post.slug)).rejects.toMatchObject({ status: 404 });
    const theirs = await other.sdk.cms.contentTypes.create({
      name: 'Post',
      slug: 'post',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    const theirEntry = await other.sdk.cms.entries.create({ contentTypeId: theirs.id, data: { title: 'Org A only' } });
    await other.sdk.cms.entries.publish(theirEntry.id);
    expect((await other.sdk.cms.delivery.list('post')).data.map((e) => e.id)).toEqual([theirEntry.id]);
    expect((await site.cms.delivery.get('post', post.slug)).id).toBe(post.id);

    // A preview token of org A is useless to org B, and org B's token useless here.
    const mine = (await t.sdk.cms.previewTokens.create({ entryId: post.id })).token;
    await expect(other.sdk.cms.delivery.get('post', theirEntry.slug, { preview: mine })).rejects.toMatchObject({ status: 401 });
    const theirToken = (await other.sdk.cms.previewTokens.create({ entryId: theirEntry.id })).token;
    await expect(site.cms.delivery.get('post', post.slug, { preview: theirToken })).rejects.toMatchObject({ status: 401 });
    await expect(t.sdk.cms.previewTokens.create({ entryId: theirEntry.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.entryId' }],
    });
  });
});

describe('the statement', () => {
  const listOf = (over: Partial<NonNullable<DeliveryQueryInput['list']>> = {}): DeliveryQueryInput['list'] => ({
    sort: 'publishedAt',
    desc: true,
    where: [],
    ...over,
  });
  const base = (over: Partial<DeliveryQueryInput>): DeliveryQueryInput => ({
    organizationId: t.organization.id,
    typeSlug: 'post',
    locale: 'en',
    mode: 'published',
    limit: 20,
    ...over,
  });

  it('has the same text for every request of one shape, whatever the values, which travel only as parameters', () => {
    const evil = "x'); drop table content_entries; --";
    const shapes: [DeliveryQueryInput, DeliveryQueryInput][] = [
      [base({ list: listOf() }), base({ organizationId: other.organization.id, typeSlug: evil, locale: 'fr', list: listOf() })],
      [base({ limit: 1, slug: 'hello-world' }), base({ limit: 1, slug: evil, locale: 'de' })],
      [
        base({ fields: ['title'], list: listOf({ after: { value: '2025-03-01T10:00:00Z', id: 'a' }, tag: 'launch' }) }),
        base({ fields: ['summary', evil, 'cover'], list: listOf({ after: { value: '2024-01-01T00:00:00Z', id: evil }, tag: evil }) }),
      ],
      [
        base({ list: listOf({ where: [['kind', 'odd']], category: 'marketing' }) }),
        base({ list: listOf({ where: [[evil, evil]], category: evil }) }),
      ],
    ];
    for (const [one, two] of shapes) {
      const [a, b] = [deliveryStatement(one), deliveryStatement(two)];
      expect(b.text).toBe(a.text);
      expect(b.text).not.toContain('drop table');
      expect(a.text).not.toMatch(/limit \$/);
      expect(b.params).not.toEqual(a.params);
    }
    // The page size is part of the shape (a literal, so the generic plan knows it); values never are.
    expect(deliveryStatement(base({ limit: 5, list: listOf() })).text).not.toBe(deliveryStatement(base({ list: listOf() })).text);
  });

  it('is planned once: PostgreSQL settles on a generic plan for the list and by slug, reading the delivery index in order', async () => {
    for (const title of ['Plan one', 'Plan two', 'Plan three']) await published({ title });
    const literal = (v: unknown): string =>
      Array.isArray(v) ? `array[${v.map(literal).join(', ')}]::text[]` : `'${String(v).replaceAll("'", "''")}'`;
    const cases = [
      { name: 'delivery_list', input: (i: number) => base({ fields: i % 2 ? ['title'] : ['summary'], list: listOf() }) },
      { name: 'delivery_slug', input: (i: number) => base({ limit: 1, slug: ['plan-one', 'plan-two', 'plan-three'][i % 3]! }) },
    ];
    await t.db.transaction(async (tx) => {
      for (const { name, input } of cases) {
        await tx.execute(sql.raw(`prepare ${name} as ${deliveryStatement(input(0)).text}`));
        for (let i = 0; i < 8; i++) {
          const { params } = deliveryStatement(input(i));
          const rows = rowsOf<{ id: string | null }>(await tx.execute(sql.raw(`execute ${name}(${params.map(literal).join(', ')})`)));
          expect(rows.filter((r) => r.id !== null).length).toBeGreaterThan(0);
        }
        const [plans] = rowsOf<{ generic_plans: number | string }>(
          await tx.execute(sql`select generic_plans from pg_prepared_statements where name = ${name}`),
        );
        expect(Number(plans!.generic_plans)).toBeGreaterThan(0);
      }
      // With sorting and sequential scans priced out (the test tables are tiny), the newest page is
      // read from the delivery index: the index serves it in order.
      await tx.execute(sql.raw('set local enable_sort = off'));
      await tx.execute(sql.raw('set local enable_seqscan = off'));
      const { params } = deliveryStatement(cases[0]!.input(0));
      const plan = rowsOf<Record<string, unknown>>(
        await tx.execute(sql.raw(`explain (analyze, settings, format json) execute delivery_list(${params.map(literal).join(', ')})`)),
      );
      const text = JSON.stringify(plan);
      expect(text).toContain('content_entries_delivery_newest_idx');
      expect(text).toContain('"enable_sort":"off"');
      for (const { name } of cases) await tx.execute(sql.raw(`deallocate ${name}`));
    });
  });
});

describe('statements per request', () => {
  // Every statement the app sends, as the driver is handed it (each query of either driver goes through the
  // session's prepareQuery), while `run` runs.
  async function statementsOf(run: () => Promise<unknown>): Promise<{ sql: string; params: unknown[] }[]> {
    const session = t.db._.session as unknown as {
      prepareQuery: (query: { sql: string; params: unknown[] }, ...rest: unknown[]) => unknown;
    };
    const original = session.prepareQuery;
    const seen: { sql: string; params: unknown[] }[] = [];
    session.prepareQuery = function (this: unknown, query, ...rest) {
      seen.push(query);
      return original.call(this, query, ...rest);
    };
    try {
      await run();
    } finally {
      session.prepareQuery = original;
    }
    return seen;
  }

  it('sends one statement per reply (relations, shared blocks and withheld media included), the same text for other values', async () => {
    const author = await t.sdk.cms.entries.create({
      contentTypeId: authorType.id,
      data: { name: 'Stat Author', photo: { fileId: photo.id, alt: 'Stat' } },
    });
    await t.sdk.cms.entries.publish(author.id);
    const block = await t.sdk.cms.blocks.create({
      name: 'Stat CTA',
      slug: 'stat-cta',
      blockType: 'cta',
      data: { label: 'Go' },
      isGlobal: true,
    });
    const data = (title: string) => ({
      title,
      cover: { fileId: photo.id, alt: 'Cover' },
      author: author.id,
      sections: [{ blockId: block.id }],
    });
    const [one, two] = [await published(data('Stat one')), await published(data('Stat two'))];
    // The first reply for the type after it changed learns its fields; from then on, one statement each.
    await site.cms.delivery.list('post', { limit: 2 });
    await site.cms.delivery.get('post', one.slug);
    const requests = [
      () => site.cms.delivery.get('post', one.slug, { locale: 'en' }),
      () => site.cms.delivery.get('post', two.slug, { locale: 'fr' }),
      () => site.cms.delivery.list('post', { limit: 2 }),
      () => site.cms.delivery.list('post', { limit: 2, locale: 'de', fields: 'title,author,sections' }),
      () => site.cms.delivery.list('post', { limit: 2, locale: 'fr', fields: 'cover' }),
    ];
    const sent = [];
    for (const request of requests) {
      let reply: unknown;
      const statements = await statementsOf(async () => (reply = await request()));
      expect(statements).toHaveLength(1);
      sent.push(statements[0]!);
      // What the one statement brought: the related author (with its photo's URL) and the shared block.
      const entry =
        'data' in (reply as object) && Array.isArray((reply as { data: unknown }).data)
          ? (reply as { data: { data: Record<string, unknown> }[] }).data[0]!.data
          : (reply as { data: Record<string, unknown> }).data;
      if ('author' in entry)
        expect(entry.author).toMatchObject({ id: author.id, data: { photo: { url: expect.stringContaining(photo.id) } } });
      if ('sections' in entry) expect(entry.sections).toEqual([{ blockId: block.id, type: 'cta', data: { label: 'Go' } }]);
    }
    // Requests that differ only in values send the same text (so PostgreSQL plans it once); the values differ.
    expect(sent[1]!.sql).toBe(sent[0]!.sql);
    expect(sent[1]!.params).not.toEqual(sent[0]!.params);
    expect(sent[4]!.sql).toBe(sent[3]!.sql);
    expect(sent[4]!.params).not.toEqual(sent[3]!.params);
    // A page without fields= is another shape (the whole data), not another text per request.
    expect(sent[2]!.sql).not.toBe(sent[3]!.sql);
  });
});
