import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { makeVideo, photoJpeg } from './media/test-files.js';
import { tempDir, type TempDir } from './media/source.js';

let t: TestInstance;
let tmp: TempDir;
let libraryId: string;
let imageId: string;
let videoId: string;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  tmp = await tempDir();
  libraryId = (await t.sdk.dam.libraries.create({ name: 'Review', slug: 'review' })).id;
  imageId = (await t.sdk.dam.assets.upload({ libraryId, file: await photoJpeg({ width: 320, height: 240 }), fileName: 'hero.jpg' })).asset
    .id;
  const clip = await readFile(await makeVideo(join(tmp.path, 'spot.mp4'), { seconds: 2, width: 160, height: 90 }));
  videoId = (await t.sdk.dam.assets.upload({ libraryId, file: clip, fileName: 'spot.mp4' })).asset.id;
  // Metadata (the video's duration) comes from the processing job.
  await t.runJobs();
}, 120_000);
afterAll(async () => {
  await t.close();
  await tmp.remove();
});

describe('comments and annotations', () => {
  it('threads comments pinned to a version, with point, rect and timestamp annotations, resolved and reopened', async () => {
    const point = await t.sdk.dam.comments.create({
      assetId: imageId,
      content: 'Logo too small',
      annotation: { type: 'point', x: 0.8, y: 0.1 },
    });
    expect(point).toMatchObject({ assetId: imageId, versionNumber: 1, authorType: 'user', isResolved: false, parentId: null });
    t.clock.advance(1000);
    const rect = await t.sdk.dam.comments.create({
      assetId: imageId,
      content: 'Crop here',
      annotation: { type: 'rect', x: 0.1, y: 0.2, width: 0.5, height: 0.5 },
    });
    t.clock.advance(1000);
    const reply = await t.sdk.dam.comments.create({ assetId: imageId, parentId: point.id, content: 'Agreed, 20% larger' });
    expect(reply).toMatchObject({ parentId: point.id, versionNumber: 1, annotation: null });

    // A new version: new comments pin to it, earlier ones stay with v1.
    await t.sdk.dam.assets.uploadVersion(imageId, { file: await photoJpeg({ width: 400, height: 300 }), changeType: 'REVISION' });
    const onV2 = await t.sdk.dam.comments.create({ assetId: imageId, content: 'Better' });
    expect(onV2.versionNumber).toBe(2);
    const late = await t.sdk.dam.comments.create({ assetId: imageId, content: 'About v1 still', versionNumber: 1 });
    expect(late.versionNumber).toBe(1);
    expect((await t.sdk.dam.comments.list({ assetId: imageId, versionNumber: 1 })).data.map((c) => c.content)).toEqual([
      'Logo too small',
      'Crop here',
      'About v1 still',
    ]);

    const threads = await t.sdk.dam.comments.list({ assetId: imageId, limit: 1 });
    expect(threads.data).toHaveLength(1);
    expect(threads.data[0]).toMatchObject({ id: point.id, replies: [{ id: reply.id, content: 'Agreed, 20% larger' }] });
    const next = await t.sdk.dam.comments.list({ assetId: imageId, limit: 1, cursor: threads.nextCursor! });
    expect(next.data[0]!.id).toBe(rect.id);

    const resolved = await t.sdk.dam.comments.resolve(point.id);
    expect(resolved).toMatchObject({ isResolved: true, resolvedById: expect.any(String), resolvedAt: t.clock.now().toISOString() });
    expect((await t.sdk.dam.comments.list({ assetId: imageId, isResolved: false })).data.map((c) => c.id)).not.toContain(point.id);
    expect(await t.sdk.dam.comments.reopen(point.id)).toMatchObject({ isResolved: false, resolvedById: null, resolvedAt: null });
    expect(await problem(t.sdk.dam.comments.resolve(reply.id))).toMatchObject({ status: 400 });

    const moment = await t.sdk.dam.comments.create({ assetId: videoId, content: 'Cut here', annotation: { type: 'timestamp', time: 1.5 } });
    expect(moment.annotation).toEqual({ type: 'timestamp', time: 1.5 });
    // Point and rect annotations on a video frame are fine too.
    await expect(
      t.sdk.dam.comments.create({ assetId: videoId, content: 'Here', annotation: { type: 'point', x: 0.5, y: 0.5 } }),
    ).resolves.toMatchObject({ versionNumber: 1 });

    const activity = await t.sdk.platform.activity.list({ entityId: imageId, limit: 200 });
    expect(activity.data.map((a) => a.action)).toEqual(
      expect.arrayContaining(['commented', 'replied', 'comment_resolved', 'comment_reopened']),
    );
  }, 60_000);

  it('validates annotations against the asset and the thread', async () => {
    const bad = (body: Record<string, unknown>) => problem(t.sdk.dam.comments.create({ assetId: imageId, content: 'x', ...body } as never));
    expect(await bad({ annotation: { type: 'point', x: 1.2, y: 0.5 } })).toMatchObject({
      status: 400,
      errors: [{ path: 'body.annotation.x' }],
    });
    expect(await bad({ annotation: { type: 'rect', x: 0.6, y: 0.1, width: 0.5, height: 0.2 } })).toMatchObject({
      errors: [{ path: 'body.annotation.width' }],
    });
    expect(await bad({ annotation: { type: 'circle', x: 0.5 } })).toMatchObject({ status: 400 });
    expect(await bad({ annotation: { type: 'timestamp', time: 3 } })).toMatchObject({
      status: 400,
      errors: [{ path: 'body.annotation' }],
    });
    expect(
      await problem(t.sdk.dam.comments.create({ assetId: videoId, content: 'x', annotation: { type: 'timestamp', time: 9 } })),
    ).toMatchObject({ status: 400, errors: [{ path: 'body.annotation.time' }] });
    expect(await bad({ versionNumber: 7 })).toMatchObject({ errors: [{ path: 'body.versionNumber' }] });
    expect(await bad({ content: '   ' })).toMatchObject({ errors: [{ path: 'body.content' }] });

    const thread = await t.sdk.dam.comments.create({ assetId: imageId, content: 'Thread' });
    const reply = await t.sdk.dam.comments.create({ assetId: imageId, content: 'Reply', parentId: thread.id });
    expect(await bad({ parentId: reply.id })).toMatchObject({ errors: [{ path: 'body.parentId' }] });
    expect(await bad({ parentId: thread.id, annotation: { type: 'point', x: 0.1, y: 0.1 } })).toMatchObject({
      errors: [{ path: 'body.annotation' }],
    });
    expect(await problem(t.sdk.dam.comments.create({ assetId: videoId, content: 'Elsewhere', parentId: thread.id }))).toMatchObject({
      errors: [{ path: 'body.parentId' }],
    });
  });

  it('lets authors edit, authors and admins delete with replies; hides comments of hidden assets and other tenants', async () => {
    const user = await t.sdk.platform.users.create({ email: 'm@agency.test', name: 'Mo', role: 'MEMBER' });
    const mo = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
    const mine = await t.sdk.dam.comments.create({ assetId: imageId, content: 'Owner’s note' });
    const his = await mo.dam.comments.create({ assetId: imageId, content: 'Typo' });
    await mo.dam.comments.create({ assetId: imageId, content: 'Reply', parentId: mine.id });
    expect(await mo.dam.comments.update(his.id, 'Fixed typo')).toMatchObject({ content: 'Fixed typo' });
    expect((await problem(mo.dam.comments.update(mine.id, 'Mine now'))).status).toBe(403);
    expect((await problem(mo.dam.comments.delete(mine.id))).status).toBe(403);
    // Deleting a thread takes its replies along.
    await t.sdk.dam.comments.delete(mine.id);
    expect((await problem(t.sdk.dam.comments.get(mine.id))).status).toBe(404);
    await mo.dam.comments.delete(his.id);

    const hidden = await t.sdk.dam.libraries.create({ name: 'Board', slug: 'board', allowedRoles: ['ADMIN'] });
    const secret = (await t.sdk.dam.assets.upload({ libraryId: hidden.id, file: await photoJpeg({ width: 32, height: 32 }) })).asset;
    const note = await t.sdk.dam.comments.create({ assetId: secret.id, content: 'Board only' });
    expect((await problem(mo.dam.comments.get(note.id))).status).toBe(404);
    const everywhere = (await t.sdk.dam.comments.list({ limit: 200 })).data.map((c) => c.id);
    expect(everywhere).toContain(note.id);
    expect((await mo.dam.comments.list({ limit: 200 })).data.map((c) => c.id)).not.toContain(note.id);
    expect((await problem(mo.dam.comments.list({ assetId: secret.id }))).status).toBe(404);
    expect(await problem(mo.dam.comments.create({ assetId: secret.id, content: 'Peek' }))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.assetId' }],
    });
    expect((await problem(mo.dam.comments.resolve(note.id))).status).toBe(404);

    const rival = await t.createOrg('Rival Agency');
    expect((await problem(rival.sdk.dam.comments.get(note.id))).status).toBe(404);
    expect((await problem(rival.sdk.dam.comments.list({ assetId: imageId }))).status).toBe(404);
    expect((await problem(rival.sdk.dam.comments.delete(note.id))).status).toBe(404);
    const client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
    const ann = await t.sdk.platform.users.create({ email: 'a@acme.test', name: 'Ann', role: 'CLIENT', clientId: client.id });
    const viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: ann.id })).token);
    expect((await problem(viewer.dam.comments.create({ assetId: imageId, content: 'Hi' }))).status).toBe(403);
  });
});
