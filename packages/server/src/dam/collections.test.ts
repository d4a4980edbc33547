import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { photoJpeg } from './media/test-files.js';

let t: TestInstance;
let jpeg: Buffer;
let libraryId: string;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  jpeg = await photoJpeg({ width: 64, height: 48 });
  libraryId = (await t.sdk.dam.libraries.create({ name: 'Brand', slug: 'brand' })).id;
});
afterAll(() => t.close());

const upload = async (fileName: string, tags: string[] = [], lib = libraryId) => {
  const { asset } = await t.sdk.dam.assets.upload({ libraryId: lib, file: jpeg, fileName, tags });
  t.clock.advance(1000);
  return asset;
};
const names = (page: { data: { name: string }[] }) => page.data.map((a) => a.name);

describe('smart collections', () => {
  it('evaluates the saved rules at read time, with all/any, and pages the matches newest first', async () => {
    const beach = await upload('beach.jpg', ['summer', 'beach']);
    const pool = await upload('pool.jpg', ['summer']);
    await upload('snow.jpg', ['winter']);
    const smart = await t.sdk.dam.collections.create({
      name: 'Summer',
      slug: 'summer',
      collectionType: 'SMART',
      smartRules: { conditions: [{ field: 'tags', operator: 'contains', value: 'summer' }] },
    });
    expect(names(await t.sdk.dam.collections.assets(smart.id))).toEqual(['pool', 'beach']);

    // Live: an asset tagged later appears without being added.
    const later = await upload('sunset.jpg', ['summer']);
    const first = await t.sdk.dam.collections.assets(smart.id, { limit: 2 });
    expect(names(first)).toEqual(['sunset', 'pool']);
    expect(first.data[0]).toMatchObject({ id: later.id, note: null, sortOrder: null });
    const second = await t.sdk.dam.collections.assets(smart.id, { limit: 2, cursor: first.nextCursor! });
    expect(names(second)).toEqual(['beach']);
    expect(second.nextCursor).toBeNull();

    await t.sdk.dam.collections.update(smart.id, {
      smartRules: {
        match: 'all',
        conditions: [
          { field: 'tags', operator: 'in', value: ['beach', 'winter'] },
          { field: 'createdAt', operator: 'before', value: pool.createdAt },
        ],
      },
    });
    expect(names(await t.sdk.dam.collections.assets(smart.id))).toEqual(['beach']);
    await t.sdk.dam.collections.update(smart.id, {
      smartRules: {
        match: 'any',
        conditions: [
          { field: 'name', operator: 'contains', value: 'NOW' },
          { field: 'assetType', operator: 'eq', value: 'IMAGE_GRAPHIC' },
          { field: 'downloadCount', operator: 'gt', value: 5 },
        ],
      },
    });
    expect(names(await t.sdk.dam.collections.assets(smart.id))).toEqual(['snow']);

    // An expired licence takes the asset out.
    await t.sdk.dam.assets.update(beach.id, { status: 'EXPIRED' });
    await t.sdk.dam.collections.update(smart.id, {
      smartRules: { conditions: [{ field: 'tags', operator: 'eq', value: 'summer' }] },
    });
    expect(names(await t.sdk.dam.collections.assets(smart.id))).toEqual(['sunset', 'pool']);
  });

  it('refuses rules that do not fit their field, SMART without rules, and items on a SMART collection', async () => {
    const bad = (smartRules: unknown) =>
      problem(t.sdk.dam.collections.create({ name: 'Bad', slug: 'bad', collectionType: 'SMART', smartRules } as never));
    expect(await bad({ conditions: [{ field: 'assetType', operator: 'gt', value: 'IMAGE_PHOTO' }] })).toMatchObject({
      status: 400,
      errors: [{ path: 'body.smartRules.conditions.0.operator' }],
    });
    expect(await bad({ conditions: [{ field: 'tags', operator: 'in', value: 'summer' }] })).toMatchObject({
      errors: [{ path: 'body.smartRules.conditions.0.value', message: 'Expected a list' }],
    });
    expect(await bad({ conditions: [{ field: 'createdAt', operator: 'after', value: 'yesterday' }] })).toMatchObject({
      errors: [{ path: 'body.smartRules.conditions.0.value' }],
    });
    expect(await bad({ conditions: [{ field: 'password', operator: 'eq', value: 'x' }] })).toMatchObject({ status: 400 });
    expect(await bad({ conditions: [] })).toMatchObject({ status: 400 });
    expect(await bad(null)).toMatchObject({ status: 400, errors: [{ path: 'body.smartRules' }] });

    const smart = await t.sdk.dam.collections.create({
      name: 'Winter',
      slug: 'winter',
      collectionType: 'SMART',
      smartRules: { conditions: [{ field: 'tags', operator: 'contains', value: 'winter' }] },
    });
    const asset = await upload('ice.jpg', ['winter']);
    expect((await problem(t.sdk.dam.collections.addItems(smart.id, [asset.id]))).status).toBe(409);
    expect((await problem(t.sdk.dam.collections.update(smart.id, { smartRules: null }))).status).toBe(400);
  });
});

describe('manual collections', () => {
  it('keeps items in order with notes, appends, reorders, removes, and pages', async () => {
    const [a, b, c] = [await upload('a.jpg'), await upload('b.jpg'), await upload('c.jpg')];
    const board = await t.sdk.dam.collections.create({ name: 'Moodboard', slug: 'moodboard' });
    expect(await t.sdk.dam.collections.addItems(board.id, [b.id, a.id], 'Hero options')).toEqual({ added: 2 });
    expect(await t.sdk.dam.collections.addItems(board.id, [a.id, c.id])).toEqual({ added: 1 });
    const page = await t.sdk.dam.collections.assets(board.id);
    expect(page.data.map((x) => [x.name, x.note, x.sortOrder])).toEqual([
      ['b', 'Hero options', 0],
      ['a', 'Hero options', 1],
      ['c', null, 2],
    ]);
    expect(await t.sdk.dam.collections.orderItems(board.id, [c.id, a.id])).toEqual({ ordered: 3 });
    const first = await t.sdk.dam.collections.assets(board.id, { limit: 2 });
    expect(names(first)).toEqual(['c', 'a']);
    expect(names(await t.sdk.dam.collections.assets(board.id, { limit: 2, cursor: first.nextCursor! }))).toEqual(['b']);

    await t.sdk.dam.collections.removeItem(board.id, a.id);
    expect(names(await t.sdk.dam.collections.assets(board.id))).toEqual(['c', 'b']);
    expect((await problem(t.sdk.dam.collections.removeItem(board.id, a.id))).status).toBe(404);
    expect(await problem(t.sdk.dam.collections.orderItems(board.id, [a.id]))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.assetIds' }],
    });
    expect(await problem(t.sdk.dam.collections.addItems(board.id, [a.id, 'missing']))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.assetIds' }],
    });
    // Items go through the collection's operations, not the generic table.
    const raw = await t.request('/v1/dam/collection-items', { method: 'POST', body: JSON.stringify({ collectionId: board.id }) });
    expect(raw.status).toBe(405);
    // The asset is kept when it leaves the collection.
    await expect(t.sdk.dam.assets.get(a.id)).resolves.toMatchObject({ id: a.id });
  });

  it('reads through library visibility and the organization; CLIENTs have no collections', async () => {
    const hidden = await t.sdk.dam.libraries.create({ name: 'Leadership', slug: 'leadership', allowedRoles: ['ADMIN'] });
    const secret = await upload('board-pack.jpg', [], hidden.id);
    const open = await upload('open.jpg');
    const board = await t.sdk.dam.collections.create({ name: 'Mixed', slug: 'mixed' });
    await t.sdk.dam.collections.addItems(board.id, [secret.id, open.id]);
    const user = await t.sdk.platform.users.create({ email: 'm@agency.test', name: 'Mo', role: 'MEMBER' });
    const mo = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
    expect(names(await mo.dam.collections.assets(board.id))).toEqual(['open']);
    expect(await problem(mo.dam.collections.addItems(board.id, [secret.id]))).toMatchObject({ status: 400 });
    expect(names(await t.sdk.dam.collections.assets(board.id))).toEqual(['board-pack', 'open']);

    const rival = await t.createOrg('Rival Agency');
    expect((await problem(rival.sdk.dam.collections.assets(board.id))).status).toBe(404);
    expect((await problem(rival.sdk.dam.collections.addItems(board.id, [open.id]))).status).toBe(404);
    expect((await problem(rival.sdk.dam.collections.removeItem(board.id, open.id))).status).toBe(404);
    const client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
    const ann = await t.sdk.platform.users.create({ email: 'a@acme.test', name: 'Ann', role: 'CLIENT', clientId: client.id });
    const viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: ann.id })).token);
    expect((await problem(viewer.dam.collections.assets(board.id))).status).toBe(403);
  });
});
