import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { photoJpeg } from './media/test-files.js';

// Collection shares giving COMMENT access: a CLIENT member through their email, and a share's signed
// link; VIEW access and unshared assets are refused.

let t: TestInstance;
let shared: string;
let other: string;
let collectionId: string;
const anonymous = () => t.sdkFor('');

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  const library = await t.sdk.dam.libraries.create({ name: 'Campaign', slug: 'campaign' });
  const upload = async (fileName: string) =>
    (await t.sdk.dam.assets.upload({ libraryId: library.id, file: await photoJpeg({ width: 40, height: 30 }), fileName })).asset.id;
  shared = await upload('hero.jpg');
  other = await upload('internal.jpg');
  const collection = await t.sdk.dam.collections.create({ name: 'For Acme', slug: 'for-acme' });
  collectionId = collection.id;
  await t.sdk.dam.collections.addItems(collectionId, [shared]);
  await t.sdk.dam.comments.create({ assetId: shared, content: 'Internal: approved crop' });
  await t.sdk.dam.comments.create({ assetId: other, content: 'Not for the client' });
});
afterAll(() => t.close());

async function clientSession(email: string) {
  const client = await t.sdk.platform.clients.create({ name: email, slug: email.replace(/\W/g, '-') });
  const user = await t.sdk.platform.users.create({ email, name: email, role: 'CLIENT', clientId: client.id });
  return t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
}

describe('collection shares per email', () => {
  it('take one share per email and collection (any case), a real email, and change level or go', async () => {
    const picks = await t.sdk.dam.collections.create({ name: 'Picks', slug: 'picks' });
    const share = await t.sdk.dam.collectionShares.create({ collectionId: picks.id, email: 'dee@acme.test', accessLevel: 'VIEW' });
    expect(await problem(t.sdk.dam.collectionShares.create({ collectionId: picks.id, email: 'DEE@acme.test' }))).toMatchObject({
      status: 409,
      errors: [{ path: 'body.email', message: 'Already has access' }],
    });
    expect((await problem(t.sdk.dam.collectionShares.create({ collectionId: picks.id, email: 'not an email' }))).errors).toEqual([
      { path: 'body.email', message: 'Expected an email address' },
    ]);
    expect(await t.sdk.dam.collectionShares.update(share.id, { accessLevel: 'DOWNLOAD' })).toMatchObject({ accessLevel: 'DOWNLOAD' });
    await t.sdk.dam.collectionShares.delete(share.id);
    await expect(t.sdk.dam.collectionShares.create({ collectionId: picks.id, email: 'dee@acme.test' })).resolves.toMatchObject({
      accessLevel: 'VIEW',
    });
  });
});

describe('comments through collection shares', () => {
  it('a CLIENT member with COMMENT access reads and adds comments on the shared assets only; VIEW cannot', async () => {
    await t.sdk.dam.collectionShares.create({ collectionId, email: 'Ann@Acme.test', accessLevel: 'COMMENT' });
    await t.sdk.dam.collectionShares.create({ collectionId, email: 'vic@acme.test', accessLevel: 'VIEW' });
    const ann = await clientSession('ann@acme.test');
    const vic = await clientSession('vic@acme.test');
    t.clock.advance(1000);

    const mine = await ann.dam.comments.create({
      assetId: shared,
      content: 'Warmer colours, please',
      annotation: { type: 'point', x: 0.5, y: 0.5 },
    });
    expect(mine).toMatchObject({ assetId: shared, authorType: 'client', versionNumber: 1 });
    expect((await ann.dam.comments.list({ assetId: shared })).data.map((c) => c.content)).toEqual([
      'Internal: approved crop',
      'Warmer colours, please',
    ]);
    // Without an asset: only the shared assets' threads.
    expect((await ann.dam.comments.list()).data.map((c) => c.assetId)).toEqual([shared, shared]);
    expect(await ann.dam.comments.get(mine.id)).toMatchObject({ id: mine.id });
    expect((await problem(ann.dam.comments.create({ assetId: other, content: 'Peek' }))).status).toBe(403);
    expect((await problem(ann.dam.comments.list({ assetId: other }))).status).toBe(403);
    // Editing and resolving stay with the team.
    expect((await problem(ann.dam.comments.resolve(mine.id))).status).toBe(403);

    expect((await problem(vic.dam.comments.create({ assetId: shared, content: 'Hi' }))).status).toBe(403);
    expect((await vic.dam.comments.list()).data).toEqual([]);
    expect((await problem(vic.dam.comments.list({ assetId: shared }))).status).toBe(403);

    // The team sees the client's comment in the thread list and the activity stream.
    expect((await t.sdk.dam.comments.list({ assetId: shared })).data.map((c) => c.authorType)).toEqual(['user', 'client']);
  });

  it('a share link with COMMENT access comments on the shared assets, counted; VIEW, forged and deleted links are refused', async () => {
    const share = await t.sdk.dam.collectionShares.create({ collectionId, email: 'studio@freelance.test', accessLevel: 'COMMENT' });
    const viewOnly = await t.sdk.dam.collectionShares.create({ collectionId, accessLevel: 'VIEW' });
    const { token, url, expiresAt } = await t.sdk.dam.collectionShares.link(share.id, { expiresInDays: 7 });
    expect(url).toBe(`/v1/dam/public/shares/${token}`);
    expect(expiresAt).toBe(new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString());

    const visitor = anonymous();
    expect(await visitor.dam.shares.view(token)).toEqual({
      collection: { name: 'For Acme', description: null },
      accessLevel: 'COMMENT',
      canComment: true,
      assets: [{ id: shared, name: 'hero', assetType: 'IMAGE_PHOTO' }],
    });
    const note = await visitor.dam.shares.comment(token, { assetId: shared, content: 'Logo left?', authorName: 'Sam' });
    expect(note).toMatchObject({ authorType: 'client', authorId: `share:${share.id}` });
    const threads = (await visitor.dam.shares.comments(token, { assetId: shared })).data.map((c) => c.content);
    expect(threads).toContain('Logo left?');
    expect(threads).toContain('Internal: approved crop');
    expect((await visitor.dam.shares.comments(token)).data.every((c) => c.assetId === shared)).toBe(true);
    expect((await problem(visitor.dam.shares.comment(token, { assetId: other, content: 'Peek' }))).status).toBe(403);
    expect((await problem(visitor.dam.shares.comments(token, { assetId: other }))).status).toBe(403);
    const activity = (await t.sdk.platform.activity.list({ entityId: shared, limit: 200 })).data.find(
      (a) => a.action === 'commented' && a.actorName === 'Sam',
    );
    expect(activity).toBeDefined();
    // Each opening counts.
    expect(await t.sdk.dam.collectionShares.get(share.id)).toMatchObject({ accessCount: 6, lastAccessedAt: t.clock.now().toISOString() });

    const looker = (await t.sdk.dam.collectionShares.link(viewOnly.id)).token;
    expect(await visitor.dam.shares.view(looker)).toMatchObject({ accessLevel: 'VIEW', canComment: false });
    expect((await problem(visitor.dam.shares.comment(looker, { assetId: shared, content: 'Hi' }))).status).toBe(403);
    expect((await problem(visitor.dam.shares.comments(looker))).status).toBe(403);

    // A collection that allows no comments turns COMMENT into looking.
    await t.sdk.dam.collections.update(collectionId, { allowComments: false });
    expect((await problem(visitor.dam.shares.comment(token, { assetId: shared, content: 'Hi' }))).status).toBe(403);
    await t.sdk.dam.collections.update(collectionId, { allowComments: true });

    // An EXPIRED asset leaves the share.
    await t.sdk.dam.assets.update(shared, { status: 'EXPIRED' });
    expect((await visitor.dam.shares.view(token)).assets).toEqual([]);
    expect((await problem(visitor.dam.shares.comment(token, { assetId: shared, content: 'Still?' }))).status).toBe(403);
    await t.sdk.dam.assets.update(shared, { status: 'APPROVED' });

    // Forged, another purpose, expired, deleted, another tenant.
    expect((await problem(visitor.dam.shares.view(`${token.slice(0, -2)}xx`))).status).toBe(401);
    const session = (
      await t.sdk.platform.sessions.create({
        userId: (await t.sdk.platform.users.create({ email: 'x@a.test', name: 'X', role: 'MEMBER' })).id,
      })
    ).token;
    expect((await problem(visitor.dam.shares.view(session))).status).toBe(401);
    t.clock.advance(8 * 86_400_000);
    expect((await problem(visitor.dam.shares.view(token))).status).toBe(401);
    t.clock.advance(-8 * 86_400_000);
    await t.sdk.dam.collectionShares.delete(share.id);
    expect((await problem(visitor.dam.shares.view(token))).status).toBe(404);
    const rival = await t.createOrg('Rival');
    expect((await problem(rival.sdk.dam.collectionShares.link(viewOnly.id))).status).toBe(404);
  });

  it('a share link never lasts past its share, and an expired share mints none', async () => {
    const share = await t.sdk.dam.collectionShares.create({ collectionId, accessLevel: 'COMMENT', expiresAt: '2025-03-03T00:00:00Z' });
    expect((await t.sdk.dam.collectionShares.link(share.id, { expiresInDays: 30 })).expiresAt).toBe('2025-03-03T00:00:00.000Z');
    t.clock.advance(3 * 86_400_000);
    expect((await problem(t.sdk.dam.collectionShares.link(share.id))).status).toBe(409);
    t.clock.advance(-3 * 86_400_000);
  });
});
