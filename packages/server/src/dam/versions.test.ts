import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { makePdf, photoJpeg } from './media/test-files.js';

let t: TestInstance;
let libraryId: string;

beforeAll(async () => {
  t = await createTestInstance();
  libraryId = (await t.sdk.dam.libraries.create({ name: 'Brand', slug: 'brand', settings: { allowedFileTypes: ['image/*'] } })).id;
});
afterAll(() => t.close());

const thumb = async (assetId: string) =>
  (await t.sdk.dam.assets.renditions(assetId)).data.find((r) => r.renditionType === 'THUMBNAIL_MEDIUM')!;

describe('versions', () => {
  it('uploads new versions and restores old ones: one current version, renditions made again, the asset id kept', async () => {
    const v1 = await photoJpeg({ width: 600, height: 400 });
    const { asset } = await t.sdk.dam.assets.upload({ libraryId, file: v1, fileName: 'hero.jpg' });
    await t.runJobs();
    expect(await thumb(asset.id)).toMatchObject({ status: 'COMPLETED', width: 300, height: 200 });

    const v2 = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#2563eb' } })
      .png()
      .toBuffer();
    const progress: number[] = [];
    const revised = await t.sdk.dam.assets.uploadVersion(asset.id, {
      file: v2,
      changeType: 'REVISION',
      changeNote: 'Square crop for social',
      onProgress: ({ loaded }) => progress.push(loaded),
    });
    expect(progress.at(-1)).toBe(v2.byteLength);
    expect(revised.asset).toMatchObject({ id: asset.id, name: 'hero' });
    expect(revised.asset.fileId).not.toBe(asset.fileId);
    expect(revised.version).toMatchObject({
      versionNumber: 2,
      changeType: 'REVISION',
      isCurrentVersion: true,
      changeNote: 'Square crop for social',
    });
    expect(revised.version.diffMetadata).toMatchObject({
      mimeType: { from: 'image/jpeg', to: 'image/png' },
      name: { from: 'hero.jpg', to: 'hero.png' },
    });
    expect((await thumb(asset.id)).status).toBe('PENDING');
    await t.runJobs();
    expect(await thumb(asset.id)).toMatchObject({ status: 'COMPLETED', width: 300, height: 300 });
    expect((await t.sdk.dam.assets.get(asset.id)).metadata).toMatchObject({ width: 400, height: 400, format: 'png' });

    const first = (await t.sdk.dam.versions.list({ assetId: asset.id, sort: 'versionNumber' })).data[0]!;
    const restored = await t.sdk.dam.versions.restore(first.id, { changeNote: 'Back to the approved cut' });
    expect(restored.version).toMatchObject({ versionNumber: 3, changeType: 'RESTORE', fileId: asset.fileId, isCurrentVersion: true });
    expect(restored.version.diffMetadata).toMatchObject({ restoredFrom: 1 });
    expect(restored.asset.fileId).toBe(asset.fileId);
    await t.runJobs();
    expect(await thumb(asset.id)).toMatchObject({ status: 'COMPLETED', width: 300, height: 200 });

    const all = (await t.sdk.dam.versions.list({ assetId: asset.id, sort: 'versionNumber' })).data;
    expect(all.map((v) => [v.versionNumber, v.changeType, v.isCurrentVersion])).toEqual([
      [1, 'INITIAL', false],
      [2, 'REVISION', false],
      [3, 'RESTORE', true],
    ]);
  });

  it("keeps the library's rules for new versions, and hides other organizations' assets", async () => {
    const { asset } = await t.sdk.dam.assets.upload({ libraryId, file: await photoJpeg({ width: 64, height: 64 }), fileName: 'logo.jpg' });
    expect((await problem(t.sdk.dam.assets.uploadVersion(asset.id, { file: await makePdf(1) }))).status).toBe(415);
    expect((await t.sdk.dam.versions.list({ assetId: asset.id })).data).toHaveLength(1);
    const other = await t.createOrg('Rival Agency');
    expect((await problem(other.sdk.dam.assets.uploadVersion(asset.id, { file: await photoJpeg({ width: 8, height: 8 }) }))).status).toBe(
      404,
    );
    const version = (await t.sdk.dam.versions.list({ assetId: asset.id })).data[0]!;
    expect((await problem(other.sdk.dam.versions.restore(version.id))).status).toBe(404);
    const client = await t.sdk.platform.clients.create({ name: 'Viewer Co', slug: 'viewer-co' });
    const user = await t.sdk.platform.users.create({ email: 'v@client.test', name: 'V', role: 'CLIENT', clientId: client.id });
    const viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
    expect((await problem(viewer.dam.versions.restore(version.id))).status).toBe(403);
  });
});
