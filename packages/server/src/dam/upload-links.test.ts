import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { makePdf, photoJpeg, textPng } from './media/test-files.js';

// External upload links: someone without an account drops files into one folder, within the link's
// limits and the library's rules, until it expires, runs out of files or is revoked.

let t: TestInstance;
let small: Buffer;
let libraryId: string;
let folderId: string;
const anonymous = () => t.sdkFor('');
const week = '2025-03-08T10:00:00Z';
const fileOf = (bytes: Buffer, name: string, type = 'application/octet-stream') => new File([new Uint8Array(bytes)], name, { type });

beforeAll(async () => {
  t = await createTestInstance({
    now: '2025-03-01T10:00:00Z',
    rateLimits: { failedAuthPerIp: { max: 1000, windowSeconds: 60 }, publicPerIp: { max: 40, windowSeconds: 60 } },
  });
  small = await photoJpeg({ width: 64, height: 48 });
  const library = await t.sdk.dam.libraries.create({
    name: 'Client drops',
    slug: 'client-drops',
    settings: { requireApproval: true, namingConvention: '{folder}_{name}', allowedFileTypes: ['image/*', 'application/pdf'] },
  });
  libraryId = library.id;
  folderId = (await t.sdk.dam.folders.create({ libraryId, name: 'From Acme' })).id;
});
afterAll(() => t.close());

describe('upload links', () => {
  it('take files without an account into their folder, by the link’s limits and the library’s rules', async () => {
    const link = await t.sdk.dam.uploadLinks.create({
      folderId,
      name: 'Acme shoot',
      expiresAt: week,
      password: 'drop-it-here',
      maxFileSize: small.byteLength + 100,
      allowedFileTypes: ['image/*'],
      maxFiles: 3,
    });
    expect(link).toMatchObject({ folderId, libraryId, hasPassword: true, maxFiles: 3, uploadCount: 0, allowedFileTypes: ['image/*'] });
    expect(link).not.toHaveProperty('password');
    expect(link.token).toMatch(/^ul_/);
    expect(JSON.stringify(await t.sdk.dam.uploadLinks.list({ folderId }))).not.toContain('scrypt');

    const guest = anonymous();
    expect(await guest.dam.uploadLinks.view(link.token)).toEqual({
      name: 'Acme shoot',
      folder: { name: 'From Acme' },
      expiresAt: '2025-03-08T10:00:00.000Z',
      hasPassword: true,
      maxFileSize: small.byteLength + 100,
      allowedFileTypes: ['image/*'],
      filesLeft: 3,
    });
    const upload = (file: File, password: string | null = 'drop-it-here') =>
      guest.dam.uploadLinks.upload(link.token, { file, password: password ?? undefined, uploaderName: 'Ann at Acme' });
    expect(await problem(upload(fileOf(small, 'hero.jpg'), null))).toMatchObject({ status: 403, detail: 'This link needs its password' });
    expect((await problem(upload(fileOf(small, 'hero.jpg'), 'guessing-wrong'))).status).toBe(403);
    // A PDF suits the library but not the link; the name and claimed type do not matter, the bytes do.
    expect(await problem(upload(fileOf(await makePdf(1), 'brief.jpg', 'image/jpeg')))).toMatchObject({
      status: 415,
      detail: expect.stringContaining('This link takes image/*'),
    });
    expect(await problem(upload(fileOf(await photoJpeg({ width: 400, height: 300 }), 'big.jpg')))).toMatchObject({ status: 413 });

    // The PNG arrives as PNG (whatever its name says), PENDING by the library's approval rule, named by its convention.
    const png = await textPng('Hi', { width: 40, height: 20 });
    expect(png.byteLength).toBeLessThan(small.byteLength);
    const made = await upload(fileOf(png, 'Logo Final.pdf'));
    expect(made).toMatchObject({ asset: { name: 'Logo Final', status: 'PENDING' }, mimeType: 'image/png' });
    const [asset] = (await t.sdk.dam.assets.list({ folderId })).data;
    expect(asset).toMatchObject({ folderId, libraryId, status: 'PENDING' });
    expect((await t.sdk.platform.files.get(asset!.fileId)).name).toBe('from-acme_logo-final.png');
    const activity = (await t.sdk.platform.activity.list({ entityId: asset!.id })).data;
    expect(activity[0]).toMatchObject({ action: 'uploaded', metadata: expect.objectContaining({ uploadLinkId: link.id }) });
    expect(JSON.stringify(activity[0])).toContain('Ann at Acme');
    expect((await guest.dam.uploadLinks.view(link.token)).filesLeft).toBe(2);

    // Two files left and three sent at once: exactly two get in, refused ones not counted.
    const results = await Promise.allSettled([1, 2, 3].map((n) => upload(fileOf(small, `shot-${n}.jpg`))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(await problem(upload(fileOf(small, 'one-more.jpg')))).toMatchObject({ status: 410 });
    expect((await t.sdk.dam.assets.list({ folderId })).data).toHaveLength(3);
    expect((await t.sdk.dam.uploadLinks.list({ folderId })).data[0]).toMatchObject({
      uploadCount: 3,
      lastUploadAt: '2025-03-01T10:00:00.000Z',
    });
  });

  it('are kept to people who may upload there, listed, revoked, expire, and die with their folder', async () => {
    const member = await t.sdk.platform.users.create({ email: 'mo@agency.test', name: 'Mo', role: 'MEMBER' });
    const mo = t.sdkFor((await t.sdk.platform.sessions.create({ userId: member.id })).token);
    const client = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
    const clientUser = await t.sdk.platform.users.create({ email: 'ann@acme.test', name: 'Ann', role: 'CLIENT', clientId: client.id });
    const ann = t.sdkFor((await t.sdk.platform.sessions.create({ userId: clientUser.id })).token);
    const hidden = await t.sdk.dam.libraries.create({ name: 'Board', slug: 'board', allowedRoles: ['ADMIN'] });
    const boardFolder = await t.sdk.dam.folders.create({ libraryId: hidden.id, name: 'Minutes' });

    expect((await problem(ann.dam.uploadLinks.create({ folderId, expiresAt: week }))).status).toBe(403);
    expect(await problem(mo.dam.uploadLinks.create({ folderId: boardFolder.id, expiresAt: week }))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.folderId' }],
    });
    expect((await problem(mo.dam.uploadLinks.create({ folderId, expiresAt: '2025-02-01T00:00:00Z' }))).errors[0]?.path).toBe(
      'body.expiresAt',
    );
    expect((await problem(mo.dam.uploadLinks.create({ folderId, expiresAt: week, allowedFileTypes: ['images'] }))).status).toBe(400);
    const mine = await mo.dam.uploadLinks.create({ folderId, expiresAt: week });
    const admins = await t.sdk.dam.uploadLinks.create({ folderId, expiresAt: week });
    // Members see their own links; OWNER and ADMIN everyone's. Another organization sees none and revokes none.
    expect((await mo.dam.uploadLinks.list()).data.map((l) => l.id)).toEqual([mine.id]);
    expect((await t.sdk.dam.uploadLinks.list()).data.map((l) => l.id)).toEqual(expect.arrayContaining([mine.id, admins.id]));
    expect((await problem(mo.dam.uploadLinks.revoke(admins.id))).status).toBe(404);
    const rival = await t.createOrg('Rival Agency');
    expect((await rival.sdk.dam.uploadLinks.list()).data).toEqual([]);
    expect((await problem(rival.sdk.dam.uploadLinks.revoke(mine.id))).status).toBe(404);

    const guest = anonymous();
    await expect(guest.dam.uploadLinks.upload(mine.token, { file: fileOf(small, 'a.jpg') })).resolves.toMatchObject({
      mimeType: 'image/jpeg',
    });
    expect(await mo.dam.uploadLinks.revoke(mine.id)).toEqual({ id: mine.id, deleted: true });
    expect((await problem(guest.dam.uploadLinks.view(mine.token))).status).toBe(404);
    expect((await problem(guest.dam.uploadLinks.upload(mine.token, { file: fileOf(small, 'b.jpg') }))).status).toBe(404);
    // Forged, and tokens of another purpose: 401.
    expect((await problem(guest.dam.uploadLinks.view(`${admins.token.slice(0, -2)}AA`))).status).toBe(401);
    const share = await t.sdk.dam.collectionShares.create({
      collectionId: (await t.sdk.dam.collections.create({ name: 'Picks', slug: 'picks' })).id,
      email: 'x@acme.test',
    });
    const shareToken = (await t.sdk.dam.collectionShares.link(share.id)).token;
    expect((await problem(guest.dam.uploadLinks.view(shareToken))).status).toBe(401);

    // Its folder deleted, the link is gone; once the week is over, every link is.
    const temp = await t.sdk.dam.folders.create({ libraryId, name: 'Temp' });
    const doomed = await t.sdk.dam.uploadLinks.create({ folderId: temp.id, expiresAt: week });
    await t.sdk.dam.folders.delete(temp.id);
    expect((await problem(guest.dam.uploadLinks.view(doomed.token))).status).toBe(404);
    t.clock.advance(8 * 86_400_000);
    expect((await problem(guest.dam.uploadLinks.upload(admins.token, { file: fileOf(small, 'late.jpg') }))).status).toBe(401);
  });

  it('are rate-limited per IP like every public surface', async () => {
    const guest = anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 45 && !statuses.includes(429); i++)
      statuses.push((await problem(guest.dam.uploadLinks.view(`ul_forged${i}.x`))).status);
    expect(statuses.at(-1)).toBe(429);
  });
});
