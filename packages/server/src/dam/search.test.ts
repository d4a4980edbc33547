import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { photoJpeg } from './media/test-files.js';
import { useTagger } from './tagging.js';

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

describe('facets, orientation and colour', () => {
  let facetLibrary: string;
  const mine: Record<string, string> = {};
  beforeAll(async () => {
    facetLibrary = (await t.sdk.dam.libraries.create({ name: 'Facets', slug: 'facets' })).id;
    const add = async (
      fileName: string,
      size: { width: number; height: number },
      tags: string[],
      colors: string[],
      assetType = 'IMAGE_PHOTO',
    ) => {
      const file = await photoJpeg(size);
      const { asset } = await t.sdk.dam.assets.upload({ libraryId: facetLibrary, file, fileName, tags });
      mine[asset.name] = asset.id;
      return { id: asset.id, colors, assetType };
    };
    const made = [
      await add('wide.jpg', { width: 48, height: 24 }, ['sky', 'blue'], ['#1e66f5', '#ffffff']),
      await add('tower.jpg', { width: 24, height: 48 }, ['sky'], ['#d20f39']),
      await add('tile.jpg', { width: 32, height: 32 }, ['blue'], ['#2a6ef0', '#000000'], 'IMAGE_GRAPHIC'),
    ];
    // Processing reads width and height from the files; the palette is set by hand to known colours.
    await t.runJobs();
    for (const { id, colors, assetType } of made)
      await t.sdk.dam.assets.update(id, { aiMetadata: { colors }, assetType: assetType as 'IMAGE_PHOTO' });
  });
  const search = async (query: Parameters<typeof t.sdk.dam.assets.search>[0]) =>
    names(await t.sdk.dam.assets.search({ libraryId: facetLibrary, ...query })).sort();

  it('filters by orientation from the stored width and height', async () => {
    expect(await search({ orientation: 'landscape' })).toEqual(['wide']);
    expect(await search({ orientation: 'portrait,square' })).toEqual(['tile', 'tower']);
    expect(await search({ orientation: 'square', tags: 'sky' })).toEqual([]);
    expect(await problem(t.sdk.dam.assets.search({ orientation: 'round' }))).toMatchObject({
      status: 400,
      errors: [{ path: 'query.orientation.0' }],
    });
  });

  it('filters by the nearest dominant colour within a tolerance (ΔE in CIELAB)', async () => {
    expect(await search({ color: '#1e66f5' })).toEqual(['tile', 'wide']);
    expect(await search({ color: '1E66F5', colorTolerance: 1 })).toEqual(['wide']);
    expect(await search({ color: '#e01040' })).toEqual(['tower']);
    expect(await search({ color: '#ff0000' })).toEqual([]);
    expect(await search({ color: '#ff0000', colorTolerance: 40 })).toEqual(['tower']);
    expect(await search({ color: '#808000' })).toEqual([]);
    expect(await search({ color: '#000000', colorTolerance: 5, q: 'tile' })).toEqual(['tile']);
    expect(await problem(t.sdk.dam.assets.search({ color: 'blue' }))).toMatchObject({ status: 400, errors: [{ path: 'query.color' }] });
    expect((await problem(t.sdk.dam.assets.search({ color: '#000000', colorTolerance: 101 }))).status).toBe(400);
  });

  it('counts type, tags, orientation and status over the whole filtered search, on the first page only', async () => {
    const page = await t.sdk.dam.assets.search({ libraryId: facetLibrary, facets: 'true', limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.facets).toEqual({
      type: [
        { value: 'IMAGE_PHOTO', count: 2 },
        { value: 'IMAGE_GRAPHIC', count: 1 },
      ],
      tags: [
        { value: 'blue', count: 2 },
        { value: 'sky', count: 2 },
      ],
      orientation: [
        { value: 'landscape', count: 1 },
        { value: 'portrait', count: 1 },
        { value: 'square', count: 1 },
      ],
      status: [{ value: 'APPROVED', count: 3 }],
    });
    const blue = await t.sdk.dam.assets.search({ libraryId: facetLibrary, facets: 'true', tags: 'blue', q: 'tower' });
    expect(blue.data).toEqual([]);
    expect(blue.facets).toEqual({ type: [], tags: [], orientation: [], status: [] });
    const sky = await t.sdk.dam.assets.search({ libraryId: facetLibrary, facets: 'true', tags: 'sky' });
    expect(sky.facets?.tags).toEqual([
      { value: 'sky', count: 2 },
      { value: 'blue', count: 1 },
    ]);
    expect(sky.facets?.orientation.map((o) => o.value)).toEqual(['landscape', 'portrait']);
    expect((await t.sdk.dam.assets.search({ libraryId: facetLibrary, facets: 'true', limit: 1, cursor: page.nextCursor! })).facets).toBe(
      undefined,
    );
    expect((await t.sdk.dam.assets.search({ libraryId: facetLibrary })).facets).toBe(undefined);
    // Facets stay inside what the caller sees.
    const rival = await t.createOrg('Facet Rival');
    expect((await rival.sdk.dam.assets.search({ facets: 'true' })).facets).toEqual({ type: [], tags: [], orientation: [], status: [] });
  });
});

describe('AI labels a person confirms or removes', () => {
  let assetId: string;
  beforeAll(async () => {
    const library = await t.sdk.dam.libraries.create({ name: 'Labels', slug: 'labels' });
    const { asset } = await t.sdk.dam.assets.upload({
      libraryId: library.id,
      file: await photoJpeg({ width: 16, height: 16 }),
      fileName: 'pier.jpg',
    });
    assetId = asset.id;
    // As the built-in tagger writes it: names, with their confidence beside them.
    await t.sdk.dam.assets.update(assetId, {
      aiMetadata: { labels: ['seagull', 'boardwalk'], objects: ['seagull'], confidence: { seagull: 0.7, boardwalk: 0.9 }, colors: [] },
    });
  });
  const found = async (q: string) => names(await t.sdk.dam.assets.search({ q }));

  it('a confirmed label becomes a tag; a removed one leaves aiMetadata and the search', async () => {
    expect(await found('seagull')).toEqual(['pier']);
    expect(await found('boardwalk')).toEqual(['pier']);
    const confirmed = await t.sdk.dam.assets.confirmLabel(assetId, 'Boardwalk');
    expect(confirmed.tags).toEqual(['boardwalk']);
    expect(confirmed.aiMetadata).toMatchObject({ labels: ['seagull', 'boardwalk'], confirmed: ['boardwalk'] });
    expect(names(await t.sdk.dam.assets.search({ tags: 'boardwalk' }))).toEqual(['pier']);
    // Confirming twice keeps one tag.
    expect((await t.sdk.dam.assets.confirmLabel(assetId, 'boardwalk')).tags).toEqual(['boardwalk']);

    const removed = await t.sdk.dam.assets.removeLabel(assetId, 'seagull');
    expect(removed.aiMetadata).toMatchObject({
      labels: ['boardwalk'],
      objects: [],
      confidence: { boardwalk: 0.9 },
      confirmed: ['boardwalk'],
      rejected: ['seagull'],
    });
    expect(await found('seagull')).toEqual([]);
    expect(await problem(t.sdk.dam.assets.removeLabel(assetId, 'seagull'))).toMatchObject({ status: 404 });
    expect(await problem(t.sdk.dam.assets.confirmLabel(assetId, 'seagull'))).toMatchObject({ status: 404 });

    // Removing a confirmed label takes its tag away too.
    const untagged = await t.sdk.dam.assets.removeLabel(assetId, 'boardwalk');
    expect(untagged.tags).toEqual([]);
    expect(untagged.aiMetadata).toMatchObject({ labels: [], confirmed: [], rejected: ['seagull', 'boardwalk'] });
    expect(await found('boardwalk')).toEqual([]);
    const { data: activity } = await t.sdk.platform.activity.list({ entityId: assetId });
    expect(
      activity
        .map((a) => a.action)
        .filter((a) => a.startsWith('label_'))
        .sort(),
    ).toEqual(['label_confirmed', 'label_confirmed', 'label_removed', 'label_removed']);
  });

  it('tagging the asset again keeps the review: a removed label stays out, a confirmed one stays a tag', async () => {
    // A tagger that always sees a gull and a pier, standing in for the built-in models.
    useTagger({
      name: 'test',
      tag: async () => ({
        labels: [
          { name: 'gull', confidence: 0.9, source: 'test' },
          { name: 'pier', confidence: 0.8, source: 'test' },
        ],
      }),
    });
    const library = await t.sdk.dam.libraries.create({ name: 'Tagged', slug: 'tagged', settings: { autoTagging: true } });
    const file = await photoJpeg({ width: 16, height: 16 });
    const { asset } = await t.sdk.dam.assets.upload({ libraryId: library.id, file, fileName: 'jetty.jpg' });
    await t.runJobs();
    expect((await t.sdk.dam.assets.get(asset.id)).aiMetadata).toMatchObject({ labels: ['gull', 'pier'], tagger: 'test' });
    await t.sdk.dam.assets.removeLabel(asset.id, 'gull');
    await t.sdk.dam.assets.confirmLabel(asset.id, 'pier');
    await t.sdk.dam.assets.uploadVersion(asset.id, { file: await photoJpeg({ width: 20, height: 16 }), changeType: 'REVISION' });
    await t.runJobs();
    const again = await t.sdk.dam.assets.get(asset.id);
    expect(again.aiMetadata).toMatchObject({ labels: ['pier'], confirmed: ['pier'], rejected: ['gull'] });
    expect(again.tags).toEqual(['pier']);
    expect(names(await t.sdk.dam.assets.search({ q: 'gull', libraryId: library.id }))).toEqual([]);
  });

  it('only members who see the asset may review its labels', async () => {
    const client = await t.sdk.platform.clients.create({ name: 'Pier Co', slug: 'pier-co' });
    const cleo = await t.sdk.platform.users.create({ email: 'c@pier.test', name: 'Cleo', role: 'CLIENT', clientId: client.id });
    const viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: cleo.id })).token);
    expect((await problem(viewer.dam.assets.confirmLabel(assetId, 'anything'))).status).toBe(403);
    const rival = await t.createOrg('Label Rival');
    expect((await problem(rival.sdk.dam.assets.confirmLabel(assetId, 'anything'))).status).toBe(404);
    expect((await problem(rival.sdk.dam.assets.removeLabel(assetId, 'anything'))).status).toBe(404);
  });
});
