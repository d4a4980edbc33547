import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { photoJpeg } from './media/test-files.js';

let t: TestInstance;
let jpeg: Buffer;
let assetId: string;
const anonymous = () => t.sdkFor('');

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  jpeg = await photoJpeg({ width: 320, height: 240 });
  const library = await t.sdk.dam.libraries.create({ name: 'Shared', slug: 'shared' });
  assetId = (await t.sdk.dam.assets.upload({ libraryId: library.id, file: jpeg, fileName: 'launch.jpg' })).asset.id;
});
afterAll(() => t.close());

describe('asset links', () => {
  it('shares with a password that is never returned, and downloads through the token without credentials', async () => {
    const link = await t.sdk.dam.links.create({ assetId, password: 'spring-2025', expiresAt: '2025-03-08T10:00:00Z', maxDownloads: 3 });
    expect(link).toMatchObject({ assetId, hasPassword: true, maxDownloads: 3, downloadCount: 0, allowDownload: true });
    expect(link).not.toHaveProperty('password');
    // 192 random bits, base64url.
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(await t.sdk.dam.links.list({ assetId }))).not.toContain('scrypt');

    const viewer = anonymous();
    expect(await viewer.dam.links.view(link.token)).toEqual({
      asset: { name: 'launch', assetType: 'IMAGE_PHOTO', mimeType: 'image/jpeg', size: jpeg.byteLength },
      allowDownload: true,
      hasPassword: true,
      expiresAt: '2025-03-08T10:00:00.000Z',
      downloadsLeft: 3,
    });
    expect(await problem(viewer.dam.links.download(link.token))).toMatchObject({ status: 403, detail: 'This link needs its password' });
    expect(await problem(viewer.dam.links.download(link.token, 'wrong-password'))).toMatchObject({ status: 403 });
    const response = await viewer.dam.links.download(link.token, 'spring-2025');
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await response.arrayBuffer()).equals(jpeg)).toBe(true);
    // Wrong passwords did not count; the download did, on the link and on the asset.
    expect((await t.sdk.dam.links.get(link.id)).downloadCount).toBe(1);
    const asset = await t.sdk.dam.assets.get(assetId);
    expect(asset).toMatchObject({ downloadCount: 1, lastDownloadedAt: '2025-03-01T10:00:00.000Z' });

    // Expired: 410, for viewing and downloading.
    t.clock.advance(8 * 86_400_000);
    expect((await problem(viewer.dam.links.view(link.token))).status).toBe(410);
    expect((await problem(viewer.dam.links.download(link.token, 'spring-2025'))).status).toBe(410);
    expect((await problem(viewer.dam.links.view('not-a-token'))).status).toBe(404);
  });

  it('lets exactly maxDownloads of 20 concurrent downloads through', async () => {
    const link = await t.sdk.dam.links.create({ assetId, maxDownloads: 5 });
    const before = (await t.sdk.dam.assets.get(assetId)).downloadCount;
    const viewer = anonymous();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, async () => {
        const response = await viewer.dam.links.download(link.token);
        return (await response.arrayBuffer()).byteLength;
      }),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(5);
    expect(ok.every((r) => r.value === jpeg.byteLength)).toBe(true);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r.reason as { status: number }).status);
    expect(refused).toEqual(Array(15).fill(410));
    expect((await t.sdk.dam.links.get(link.id)).downloadCount).toBe(5);
    expect((await t.sdk.dam.assets.get(assetId)).downloadCount).toBe(before + 5);
    expect(await viewer.dam.links.view(link.token)).toMatchObject({ downloadsLeft: 0 });
  });

  it('lists and revokes your own links; OWNER/ADMIN see all; other organizations and CLIENTs none', async () => {
    const member = await t.sdk.platform.users.create({ email: 'm@agency.test', name: 'Mia', role: 'MEMBER' });
    const mia = t.sdkFor((await t.sdk.platform.sessions.create({ userId: member.id })).token);
    const hers = await mia.dam.links.create({ assetId });
    const mine = await t.sdk.dam.links.create({ assetId, allowDownload: false });
    expect((await mia.dam.links.list()).data.map((l) => l.id)).toEqual([hers.id]);
    const all = (await t.sdk.dam.links.list({ assetId })).data.map((l) => l.id);
    expect(all).toEqual(expect.arrayContaining([hers.id, mine.id]));
    expect((await t.sdk.dam.links.list({ mine: true })).data.map((l) => l.id)).not.toContain(hers.id);
    expect((await problem(mia.dam.links.get(mine.id))).status).toBe(404);
    expect((await problem(mia.dam.links.revoke(mine.id))).status).toBe(404);
    expect((await problem(anonymous().dam.links.download(mine.token))).status).toBe(403);

    const patch = await t.request(`/v1/dam/links/${hers.id}`, { method: 'PATCH', body: JSON.stringify({ maxDownloads: 99 }) });
    expect(patch.status).toBe(405);
    await mia.dam.links.revoke(hers.id);
    expect((await problem(anonymous().dam.links.view(hers.token))).status).toBe(404);

    const other = await t.createOrg('Rival Agency');
    expect((await other.sdk.dam.links.list()).data).toEqual([]);
    expect((await problem(other.sdk.dam.links.get(mine.id))).status).toBe(404);
    expect(await problem(other.sdk.dam.links.create({ assetId }))).toMatchObject({ status: 400, errors: [{ path: 'body.assetId' }] });
    const client = await t.sdk.platform.clients.create({ name: 'Viewer Co', slug: 'viewer-co' });
    const user = await t.sdk.platform.users.create({ email: 'v@client.test', name: 'V', role: 'CLIENT', clientId: client.id });
    const viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
    expect((await problem(viewer.dam.links.create({ assetId }))).status).toBe(403);
    expect((await problem(viewer.dam.links.list())).status).toBe(403);
  });
});
