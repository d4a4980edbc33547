import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { photoJpeg } from './media/test-files.js';

let t: TestInstance;
let libraryId: string;
let folders: Record<string, string>;
let ids: Record<string, string>;

const names = (page: { data: { name: string }[] }) => page.data.map((a) => a.name);

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  const jpeg = await photoJpeg({ width: 48, height: 32 });
  libraryId = (await t.sdk.dam.libraries.create({ name: 'Brand', slug: 'brand' })).id;
  const campaigns = await t.sdk.dam.folders.create({ libraryId, name: 'Campaigns' });
  const spring = await t.sdk.dam.folders.create({ libraryId, name: 'Spring', parentId: campaigns.id });
  const archive = await t.sdk.dam.folders.create({ libraryId, name: 'Archive' });
  folders = { campaigns: campaigns.id, spring: spring.id, archive: archive.id };
  ids = {};
  const add = async (fileName: string, folderId: string | undefined, tags: string[], extra: Record<string, unknown> = {}) => {
    const { asset } = await t.sdk.dam.assets.upload({ libraryId, folderId, file: jpeg, fileName, tags });
    if (Object.keys(extra).length) await t.sdk.dam.assets.update(asset.id, extra);
    ids[asset.name] = asset.id;
    t.clock.advance(60_000);
  };
  await add('launch-hero.jpg', spring.id, ['summer', 'beach'], { license: 'ROYALTY_FREE', expiresAt: '2025-03-10T00:00:00Z' });
  await add('poster.jpg', campaigns.id, ['print'], { description: 'Poster for the summer launch', license: 'OWNED' });
  await add('snowfield.jpg', archive.id, ['winter'], { assetType: 'IMAGE_GRAPHIC', expiresAt: '2026-01-01T00:00:00Z' });
  await add('sea.jpg', undefined, ['summer'], { aiMetadata: { labels: [{ name: 'dolphin', confidence: 0.9 }] }, status: 'EXPIRED' });
});
afterAll(() => t.close());

describe('asset search', () => {
  it('matches words as prefixes over name, tags, description and AI labels, name first, with a near spelling too', async () => {
    expect(names(await t.sdk.dam.assets.search({ q: 'launch' }))).toEqual(['launch-hero', 'poster']);
    expect(names(await t.sdk.dam.assets.search({ q: 'Laun' }))).toEqual(['launch-hero', 'poster']);
    expect(names(await t.sdk.dam.assets.search({ q: 'summer launch' }))).toEqual(['launch-hero', 'poster']);
    expect(names(await t.sdk.dam.assets.search({ q: 'beach' }))).toEqual(['launch-hero']);
    expect(names(await t.sdk.dam.assets.search({ q: 'dolphin' }))).toEqual(['sea']);
    expect(names(await t.sdk.dam.assets.search({ q: 'snowfeld' }))).toEqual(['snowfield']);
    expect(names(await t.sdk.dam.assets.search({ q: 'nothing-like-it' }))).toEqual([]);
    const hits = await t.sdk.dam.assets.search({ q: 'launch' });
    expect(hits.data[0]!.rank).toBeGreaterThan(hits.data[1]!.rank!);
    // Punctuation is not query syntax.
    expect(names(await t.sdk.dam.assets.search({ q: "launch & | ! ' :*" }))).toEqual(['launch-hero', 'poster']);
  });

  it('filters by type, status, tags, folder subtree, library, licence, rights and dates', async () => {
    const search = async (query: Parameters<typeof t.sdk.dam.assets.search>[0]) => names(await t.sdk.dam.assets.search(query)).sort();
    expect(await search({ assetType: 'IMAGE_GRAPHIC' })).toEqual(['snowfield']);
    expect(await search({ assetType: 'IMAGE_PHOTO,IMAGE_GRAPHIC', status: 'EXPIRED' })).toEqual(['sea']);
    expect(await search({ tags: 'summer' })).toEqual(['launch-hero', 'sea']);
    expect(await search({ tags: 'summer,beach' })).toEqual(['launch-hero']);
    expect(await search({ folderId: folders.campaigns })).toEqual(['launch-hero', 'poster']);
    expect(await search({ folderId: folders.spring })).toEqual(['launch-hero']);
    expect(await search({ folderId: folders.campaigns, q: 'summer' })).toEqual(['launch-hero', 'poster']);
    expect(await search({ libraryId })).toHaveLength(4);
    expect(await search({ license: 'OWNED,ROYALTY_FREE' })).toEqual(['launch-hero', 'poster']);
    expect(await search({ rights: 'expiring' })).toEqual(['launch-hero']);
    expect(await search({ rights: 'active' })).toEqual(['snowfield']);
    expect(await search({ rights: 'expired' })).toEqual(['sea']);
    expect(await search({ rights: 'none' })).toEqual(['poster']);
    expect(await search({ createdAfter: '2025-03-01T10:01:00Z', createdBefore: '2025-03-01T10:02:00Z' })).toEqual(['poster', 'snowfield']);
    expect(await problem(t.sdk.dam.assets.search({ assetType: 'PHOTO' }))).toMatchObject({
      status: 400,
      errors: [{ path: 'query.assetType.0' }],
    });
    expect(await problem(t.sdk.dam.assets.search({ folderId: 'missing' }))).toMatchObject({
      status: 400,
      errors: [{ path: 'query.folderId' }],
    });
  });

  it('pages by keyset with and without words', async () => {
    const first = await t.sdk.dam.assets.search({ limit: 3 });
    expect(names(first)).toEqual(['sea', 'snowfield', 'poster']);
    expect(names(await t.sdk.dam.assets.search({ limit: 3, cursor: first.nextCursor! }))).toEqual(['launch-hero']);
    const ranked = await t.sdk.dam.assets.search({ q: 'summer', limit: 1 });
    const seen = [...names(ranked)];
    let cursor = ranked.nextCursor;
    while (cursor) {
      const page = await t.sdk.dam.assets.search({ q: 'summer', limit: 1, cursor });
      seen.push(...names(page));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(names(await t.sdk.dam.assets.search({ q: 'summer' })));
    expect(seen.sort()).toEqual(['launch-hero', 'poster', 'sea']);
    expect((await problem(t.sdk.dam.assets.search({ q: 'summer', cursor: 'garbage' }))).status).toBe(400);
    expect((await problem(t.sdk.dam.assets.search({ q: 'summer', cursor: first.nextCursor! }))).status).toBe(400);
  });

  it('finds only what the caller sees: hidden libraries and other organizations stay out', async () => {
    const hidden = await t.sdk.dam.libraries.create({ name: 'Board', slug: 'board', allowedRoles: ['ADMIN'] });
    await t.sdk.dam.assets.upload({
      libraryId: hidden.id,
      file: await photoJpeg({ width: 16, height: 16 }),
      fileName: 'launch-secret.jpg',
    });
    expect(names(await t.sdk.dam.assets.search({ q: 'launch' }))).toContain('launch-secret');
    const user = await t.sdk.platform.users.create({ email: 'm@agency.test', name: 'Mo', role: 'MEMBER' });
    const mo = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
    expect(names(await mo.dam.assets.search({ q: 'launch' }))).toEqual(['launch-hero', 'poster']);
    const rival = await t.createOrg('Rival Agency');
    expect((await rival.sdk.dam.assets.search({ q: 'launch' })).data).toEqual([]);
    expect((await rival.sdk.dam.assets.search()).data).toEqual([]);
    expect((await problem(rival.sdk.dam.assets.search({ folderId: folders.campaigns }))).status).toBe(400);
    const client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
    const ann = await t.sdk.platform.users.create({ email: 'a@acme.test', name: 'Ann', role: 'CLIENT', clientId: client.id });
    const viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: ann.id })).token);
    expect((await viewer.dam.assets.search({ q: 'launch' })).data).toEqual([]);
  });
});
