import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { photoJpeg } from './media/test-files.js';

let t: TestInstance;
let jpeg: Buffer;
let libraryId: string;

beforeAll(async () => {
  t = await createTestInstance();
  jpeg = await photoJpeg({ width: 64, height: 48 });
  libraryId = (await t.sdk.dam.libraries.create({ name: 'Brand', slug: 'brand' })).id;
});
afterAll(() => t.close());

const tree = async () =>
  Object.fromEntries((await t.sdk.dam.folders.list({ libraryId, sort: 'path', limit: 200 })).data.map((f) => [f.name, [f.path, f.depth]]));

describe('folders', () => {
  it('keeps path and depth on create, rename and move, with the whole subtree', async () => {
    const campaigns = await t.sdk.dam.folders.create({ libraryId, name: 'Campaigns' });
    const spring = await t.sdk.dam.folders.create({ libraryId, name: 'Spring 2025', parentId: campaigns.id });
    const social = await t.sdk.dam.folders.create({ libraryId, name: 'Social', parentId: spring.id });
    await t.sdk.dam.folders.create({ libraryId, name: 'Stories', parentId: social.id });
    const archive = await t.sdk.dam.folders.create({ libraryId, name: 'Archive' });
    expect(await tree()).toEqual({
      Campaigns: ['/campaigns', 0],
      'Spring 2025': ['/campaigns/spring-2025', 1],
      Social: ['/campaigns/spring-2025/social', 2],
      Stories: ['/campaigns/spring-2025/social/stories', 3],
      Archive: ['/archive', 0],
    });

    await t.sdk.dam.folders.update(spring.id, { slug: 'spring', name: 'Spring' });
    expect((await tree()).Stories).toEqual(['/campaigns/spring/social/stories', 3]);
    const moved = await t.sdk.dam.folders.update(spring.id, { parentId: archive.id });
    expect(moved).toMatchObject({ path: '/archive/spring', depth: 1, parentId: archive.id });
    expect(await tree()).toMatchObject({
      Spring: ['/archive/spring', 1],
      Social: ['/archive/spring/social', 2],
      Stories: ['/archive/spring/social/stories', 3],
    });
    const toRoot = await t.sdk.dam.folders.update(social.id, { parentId: null });
    expect(toRoot).toMatchObject({ path: '/social', depth: 0 });
    expect((await tree()).Stories).toEqual(['/social/stories', 1]);

    // Cycles and clashes are 409; nothing moved.
    const stories = (await t.sdk.dam.folders.list({ libraryId, slug: 'stories' })).data[0]!;
    expect(await problem(t.sdk.dam.folders.update(social.id, { parentId: stories.id }))).toMatchObject({
      status: 409,
      errors: [{ path: 'body.parentId', message: expect.any(String) }],
    });
    expect((await problem(t.sdk.dam.folders.update(social.id, { parentId: social.id }))).status).toBe(409);
    expect((await problem(t.sdk.dam.folders.update(campaigns.id, { slug: 'archive' }))).status).toBe(409);
    expect((await tree()).Stories).toEqual(['/social/stories', 1]);
    // A parent in another library is refused.
    const other = await t.sdk.dam.libraries.create({ name: 'Other', slug: 'other' });
    const outside = await t.sdk.dam.folders.create({ libraryId: other.id, name: 'Elsewhere' });
    expect(await problem(t.sdk.dam.folders.update(social.id, { parentId: outside.id }))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.parentId' }],
    });
  });

  it('moves assets in bulk within their library, all or none', async () => {
    const target = await t.sdk.dam.folders.create({ libraryId, name: 'Finals' });
    const a = (await t.sdk.dam.assets.upload({ libraryId, file: jpeg, fileName: 'a.jpg' })).asset;
    const b = (await t.sdk.dam.assets.upload({ libraryId, file: jpeg, fileName: 'b.jpg' })).asset;
    const other = await t.sdk.dam.libraries.create({ name: 'Elsewhere', slug: 'elsewhere' });
    const c = (await t.sdk.dam.assets.upload({ libraryId: other.id, file: jpeg, fileName: 'c.jpg' })).asset;
    expect(await problem(t.sdk.dam.assets.move([a.id, c.id], target.id))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.assetIds' }],
    });
    expect((await problem(t.sdk.dam.assets.move([a.id, 'missing'], target.id))).status).toBe(400);
    expect((await t.sdk.dam.assets.get(a.id)).folderId).toBeNull();
    expect(await t.sdk.dam.assets.move([a.id, b.id], target.id)).toEqual({ moved: 2 });
    expect((await t.sdk.dam.assets.list({ folderId: target.id })).data.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(await t.sdk.dam.assets.move([a.id], null)).toEqual({ moved: 1 });
    expect((await t.sdk.dam.assets.get(a.id)).folderId).toBeNull();
    const rival = await t.createOrg('Rival Agency');
    expect((await problem(rival.sdk.dam.assets.move([b.id], null))).status).toBe(400);
    expect((await problem(rival.sdk.dam.folders.update(target.id, { name: 'Mine' }))).status).toBe(404);
  });
});

describe('folder delete', () => {
  it('refuses a folder that holds anything unless its assets are moved or deleted, subtree and all', async () => {
    const lib = (await t.sdk.dam.libraries.create({ name: 'Deletes', slug: 'deletes' })).id;
    const shoot = await t.sdk.dam.folders.create({ libraryId: lib, name: 'Shoot' });
    const raw = await t.sdk.dam.folders.create({ libraryId: lib, name: 'Raw', parentId: shoot.id });
    const keep = await t.sdk.dam.folders.create({ libraryId: lib, name: 'Keep' });
    const top = (await t.sdk.dam.assets.upload({ libraryId: lib, folderId: shoot.id, file: jpeg, fileName: 'top.jpg' })).asset;
    const deep = (await t.sdk.dam.assets.upload({ libraryId: lib, folderId: raw.id, file: jpeg, fileName: 'deep.jpg' })).asset;

    expect(await problem(t.sdk.dam.folders.delete(shoot.id))).toMatchObject({
      status: 409,
      detail: expect.stringContaining('2 assets and 1 subfolder'),
      extensions: { assets: 2, subfolders: 1 },
    });
    expect((await problem(t.sdk.dam.folders.delete(shoot.id, { assets: 'move' }))).errors).toEqual([
      { path: 'query.to', message: expect.any(String) },
    ]);
    // Into its own subtree, or another library's folder: refused, nothing changed.
    expect((await problem(t.sdk.dam.folders.delete(shoot.id, { assets: 'move', to: raw.id }))).status).toBe(409);
    const elsewhere = await t.sdk.dam.folders.create({ libraryId, name: 'Not this library' });
    expect((await problem(t.sdk.dam.folders.delete(shoot.id, { assets: 'move', to: elsewhere.id }))).status).toBe(400);
    expect((await t.sdk.dam.folders.get(raw.id)).path).toBe('/shoot/raw');
    const rival = await t.createOrg('Folder Rival');
    expect((await problem(rival.sdk.dam.folders.delete(shoot.id, { assets: 'delete' }))).status).toBe(404);

    expect(await t.sdk.dam.folders.delete(shoot.id, { assets: 'move', to: keep.id })).toEqual({ id: shoot.id, deleted: true });
    const [deletion] = (await t.sdk.platform.activity.list({ entityId: shoot.id })).data;
    expect(deletion).toMatchObject({
      action: 'deleted',
      metadata: expect.objectContaining({ subfolders: 1, assetsMoved: 2, assetsDeleted: 0 }),
    });
    expect((await problem(t.sdk.dam.folders.get(raw.id))).status).toBe(404);
    expect((await t.sdk.dam.assets.list({ folderId: keep.id })).data.map((a) => a.id).sort()).toEqual([top.id, deep.id].sort());

    const old = await t.sdk.dam.folders.create({ libraryId: lib, name: 'Old', parentId: keep.id });
    await t.sdk.dam.assets.move([deep.id], old.id);
    expect(await t.sdk.dam.folders.delete(keep.id, { assets: 'delete' })).toEqual({ id: keep.id, deleted: true });
    expect((await problem(t.sdk.dam.assets.get(top.id))).status).toBe(404);
    expect((await problem(t.sdk.dam.assets.get(deep.id))).status).toBe(404);
    // An empty folder needs no choice.
    const empty = await t.sdk.dam.folders.create({ libraryId: lib, name: 'Empty' });
    expect(await t.sdk.dam.folders.delete(empty.id)).toEqual({ id: empty.id, deleted: true });
  });
});

describe('library visibility', () => {
  it('hides libraries, their folders and assets from members and clients they are not open to', async () => {
    const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
    const beta = await t.sdk.platform.clients.create({ name: 'Beta', slug: 'beta' });
    const internal = await t.sdk.dam.libraries.create({ name: 'Internal', slug: 'internal', visibility: 'INTERNAL' });
    const forAcme = await t.sdk.dam.libraries.create({ name: 'Acme', slug: 'acme', visibility: 'CLIENT', clientId: acme.id });
    const forBeta = await t.sdk.dam.libraries.create({ name: 'Beta', slug: 'beta', visibility: 'CLIENT', clientId: beta.id });
    const admins = await t.sdk.dam.libraries.create({ name: 'Leadership', slug: 'leadership', allowedRoles: ['ADMIN'] });
    const member = await t.sdk.platform.users.create({ email: 'm@agency.test', name: 'Mo', role: 'MEMBER' });
    const named = await t.sdk.dam.libraries.create({ name: 'Mo only', slug: 'mo-only', allowedUserIds: [member.id] });
    const assets: Record<string, string> = {};
    for (const lib of [internal, forAcme, forBeta, admins, named])
      assets[lib.slug] = (await t.sdk.dam.assets.upload({ libraryId: lib.id, file: jpeg, fileName: `${lib.slug}.jpg` })).asset.id;
    const folder = await t.sdk.dam.folders.create({ libraryId: admins.id, name: 'Board' });

    const mo = t.sdkFor((await t.sdk.platform.sessions.create({ userId: member.id })).token);
    const other = await t.sdk.platform.users.create({ email: 'n@agency.test', name: 'Noor', role: 'MEMBER' });
    const noor = t.sdkFor((await t.sdk.platform.sessions.create({ userId: other.id })).token);
    const acmeUser = await t.sdk.platform.users.create({ email: 'a@acme.test', name: 'Ann', role: 'CLIENT', clientId: acme.id });
    const ann = t.sdkFor((await t.sdk.platform.sessions.create({ userId: acmeUser.id })).token);

    const slugs = async (sdk: typeof mo) => (await sdk.dam.libraries.list({ limit: 200 })).data.map((l) => l.slug);
    expect(await slugs(t.sdk)).toEqual(expect.arrayContaining(['internal', 'acme', 'beta', 'leadership', 'mo-only']));
    expect(await slugs(mo)).toEqual(expect.arrayContaining(['internal', 'acme', 'beta', 'mo-only']));
    expect(await slugs(mo)).not.toContain('leadership');
    expect(await slugs(noor)).not.toContain('mo-only');
    expect(await slugs(ann)).toEqual(['acme']);

    expect((await problem(mo.dam.libraries.get(admins.id))).status).toBe(404);
    expect((await problem(mo.dam.assets.get(assets.leadership!))).status).toBe(404);
    expect((await problem(mo.dam.folders.get(folder.id))).status).toBe(404);
    expect((await problem(mo.dam.assets.update(assets.leadership!, { name: 'Peek' }))).status).toBe(404);
    expect((await problem(mo.dam.assets.upload({ libraryId: admins.id, file: jpeg }))).status).toBe(400);
    expect((await mo.dam.assets.list({ limit: 200 })).data.map((a) => a.id)).not.toContain(assets.leadership);
    expect((await mo.dam.versions.list({ assetId: assets.leadership })).data).toEqual([]);
    expect((await mo.dam.renditions.list({ assetId: assets.leadership })).data).toEqual([]);
    const hiddenVersion = (await t.sdk.dam.versions.list({ assetId: assets.leadership })).data[0]!;
    expect((await problem(mo.dam.versions.get(hiddenVersion.id))).status).toBe(404);
    expect((await mo.dam.versions.list({ assetId: assets.internal })).data).toHaveLength(1);
    await expect(noor.dam.assets.get(assets.internal!)).resolves.toMatchObject({ id: assets.internal });
    expect((await problem(noor.dam.assets.get(assets['mo-only']!))).status).toBe(404);

    expect((await ann.dam.assets.list({ limit: 200 })).data.map((a) => a.id)).toEqual([assets.acme]);
    expect((await problem(ann.dam.assets.get(assets.beta!))).status).toBe(404);
    expect((await problem(ann.dam.assets.renditions(assets.internal!))).status).toBe(404);
    await expect(ann.dam.assets.renditions(assets.acme!)).resolves.toMatchObject({ data: expect.any(Array) });
    expect((await problem(ann.dam.assets.update(assets.acme!, { name: 'Mine' }))).status).toBe(403);

    const rival = await t.createOrg('Rival Agency');
    expect((await rival.sdk.dam.libraries.list()).data).toEqual([]);
    expect((await problem(rival.sdk.dam.assets.get(assets.internal!))).status).toBe(404);
  });
});
