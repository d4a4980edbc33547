import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../db/columns.js';
import { files } from '../platform/schema.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { makePdf, makeVideo, photoJpeg, textPng } from './media/test-files.js';
import { tempDir, type TempDir } from './media/source.js';
import { applyNamingConvention, typeAllowed } from './uploads.js';

let t: TestInstance;
let tmp: TempDir;
let jpeg: Buffer;
let libraryId: string;
let seq = 0;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const library = (settings: { [key: string]: Json } = {}, extra: { clientId?: string } = {}) =>
  t.sdk.dam.libraries.create({ name: `Library ${++seq}`, slug: `library-${seq}`, settings, ...extra });
/** Every stored object under the test's file folder. */
const storedFiles = async () => (await readdir(t.filesDir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).length;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  tmp = await tempDir();
  jpeg = await photoJpeg({ width: 640, height: 480 });
  libraryId = (await library()).id;
});
afterAll(async () => {
  await t.close();
  await tmp.remove();
});

describe('uploads', () => {
  it('streams bytes from the SDK with progress, sniffs the type, stores the SHA-256 and reports duplicates', async () => {
    const progress: number[] = [];
    const first = await t.sdk.dam.assets.upload({
      libraryId,
      file: jpeg,
      fileName: 'beach.png', // a claim the bytes contradict
      tags: ['summer', 'beach'],
      onProgress: ({ loaded, total }) => {
        expect(total).toBe(jpeg.byteLength);
        progress.push(loaded);
      },
    });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(jpeg.byteLength);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(first).toMatchObject({ mimeType: 'image/jpeg', size: jpeg.byteLength, checksum: sha(jpeg), duplicates: [] });
    expect(first.asset).toMatchObject({
      name: 'beach',
      slug: 'beach',
      status: 'APPROVED',
      tags: ['summer', 'beach'],
      assetType: 'IMAGE_PHOTO',
    });
    const file = await t.sdk.platform.files.get(first.asset.fileId);
    expect(file).toMatchObject({ name: 'beach.jpg', mimeType: 'image/jpeg', checksum: sha(jpeg), size: jpeg.byteLength });
    const versions = await t.sdk.dam.versions.list({ assetId: first.asset.id });
    expect(versions.data).toEqual([expect.objectContaining({ versionNumber: 1, changeType: 'INITIAL', isCurrentVersion: true })]);

    // The same bytes again, from a Node stream without a known size: stored, and the first reported as a duplicate.
    const again = await t.sdk.dam.assets.upload({
      libraryId,
      file: Readable.from([jpeg.subarray(0, 1000), jpeg.subarray(1000)]),
      fileName: 'beach.jpg',
    });
    expect(again.asset.slug).toBe('beach-2');
    expect(again.duplicates).toEqual([{ id: first.asset.id, name: 'beach', folderId: null }]);
    // Another library holds no duplicate of it.
    const elsewhere = await t.sdk.dam.assets.upload({ libraryId: (await library()).id, file: jpeg, fileName: 'beach.jpg' });
    expect(elsewhere.duplicates).toEqual([]);
  });

  it('takes a multipart POST into a folder, whose default metadata the asset gets', async () => {
    const folder = await t.sdk.dam.folders.create({
      libraryId,
      name: 'Campaign',
      slug: 'campaign',
      defaultMetadata: { tags: ['spring-campaign'], license: 'ROYALTY_FREE', copyrightHolder: 'Lightbox', campaign: 'Spring 25' },
    });
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(jpeg)], { type: 'text/html' }), 'hero shot.jpg');
    form.set('libraryId', libraryId);
    form.set('folderId', folder.id);
    form.set('name', 'Hero shot');
    form.set('tags', 'hero, web');
    const response = await t.request('/v1/dam/assets/upload', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    const { asset, mimeType } = (await response.json()) as { asset: Record<string, unknown>; mimeType: string };
    expect(mimeType).toBe('image/jpeg');
    expect(asset).toMatchObject({
      name: 'Hero shot',
      folderId: folder.id,
      tags: ['hero', 'web', 'spring-campaign'],
      license: 'ROYALTY_FREE',
      copyrightHolder: 'Lightbox',
      metadata: expect.objectContaining({ campaign: 'Spring 25', originalName: 'hero shot.jpg' }),
    });

    // A folder of another library is refused, naming the field.
    const other = await library();
    form.set('libraryId', other.id);
    const refused = await t.request('/v1/dam/assets/upload', { method: 'POST', body: form });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: unknown[] }).errors).toEqual([{ path: 'body.folderId', message: expect.any(String) }]);
  });

  it("enforces the library's settings: types with wildcards, size, naming convention, approval", async () => {
    const client = await t.sdk.platform.clients.create({ name: 'Harbor & Pine', slug: `harbor-${seq}` });
    const project = await t.sdk.platform.projects.create({ name: 'Spring Launch', clientId: client.id } as never);
    const strict = await library(
      { allowedFileTypes: ['image/*'], maxFileSize: 200_000, namingConvention: '{client}_{project}_{date}_{name}', requireApproval: true },
      { clientId: client.id },
    );
    const before = await storedFiles();
    const pdf = await problem(t.sdk.dam.assets.upload({ libraryId: strict.id, file: await makePdf(1), fileName: 'brief.jpg' }));
    expect(pdf).toMatchObject({
      status: 415,
      errors: [{ path: 'body', message: 'Files of type application/pdf are not allowed in this library' }],
    });
    const big = await sharp({
      create: { width: 1500, height: 1500, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .png()
      .toBuffer();
    expect((await problem(t.sdk.dam.assets.upload({ libraryId: strict.id, file: big, fileName: 'noise.png' }))).status).toBe(413);
    expect(await storedFiles()).toBe(before);

    const ok = await t.sdk.dam.assets.upload({ libraryId: strict.id, file: jpeg, fileName: 'Team Photo.jpeg', projectId: project.id });
    expect(ok.asset.status).toBe('PENDING');
    expect((await t.sdk.platform.files.get(ok.asset.fileId)).name).toBe('harbor-pine_spring-launch_20250301_team-photo.jpg');
    const noProject = await t.sdk.dam.assets.upload({ libraryId: strict.id, file: jpeg, fileName: 'Team Photo.jpeg' });
    expect((await t.sdk.platform.files.get(noProject.asset.fileId)).name).toBe('harbor-pine_20250301_team-photo.jpg');

    expect(typeAllowed('image/svg+xml', ['image/*'])).toBe(true);
    expect(typeAllowed('video/mp4', ['image/*', 'application/pdf'])).toBe(false);
    expect(typeAllowed('video/mp4', ['*/*'])).toBe(true);
    expect(applyNamingConvention('{client}-{name}', { name: 'x' }, 'png')).toBe('x.png');
  });

  it('refuses empty files, unknown libraries and callers without write access; other organizations see nothing', async () => {
    expect(await problem(t.sdk.dam.assets.upload({ libraryId, file: new Uint8Array(0) }))).toMatchObject({ status: 400 });
    const other = await t.createOrg('Rival Agency');
    const theirs = await problem(other.sdk.dam.assets.upload({ libraryId, file: jpeg }));
    expect(theirs).toMatchObject({ status: 400, errors: [{ path: 'query.libraryId' }] });
    const client = await t.sdk.platform.clients.create({ name: 'Viewer Co', slug: `viewer-${seq}` });
    const user = await t.sdk.platform.users.create({ email: `v${seq}@client.test`, name: 'V', role: 'CLIENT', clientId: client.id });
    const viewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
    expect((await problem(viewer.dam.assets.upload({ libraryId, file: jpeg }))).status).toBe(403);
  });
});

describe('ids of another organization', () => {
  it('answer a folder or project of another organization exactly like one that does not exist, multipart or streamed', async () => {
    const other = await t.createOrg('Prying Agency');
    const theirLibrary = (await other.sdk.dam.libraries.create({ name: 'Theirs', slug: 'theirs' })).id;
    const ours = {
      folderId: (await t.sdk.dam.folders.create({ libraryId, name: 'Private', slug: `private-${++seq}` })).id,
      projectId: (await t.sdk.platform.projects.create({ name: 'Private launch' })).id,
    };
    const multipart = (fields: Record<string, string>) => {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(jpeg)]), 'probe.jpg');
      form.set('libraryId', theirLibrary);
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      return t.request('/v1/dam/assets/upload', { method: 'POST', body: form, headers: { authorization: `Bearer ${other.apiKey}` } });
    };
    const streamed = (fields: Record<string, string>) =>
      t.request(`/v1/dam/assets/upload-stream?${new URLSearchParams({ libraryId: theirLibrary, fileName: 'probe.jpg', ...fields })}`, {
        method: 'POST',
        body: new Uint8Array(jpeg),
        headers: { authorization: `Bearer ${other.apiKey}`, 'content-type': 'application/octet-stream' },
      });
    const seen = async (reply: Response, id: string) => {
      const { requestId: _, ...body } = (await reply.json()) as Record<string, unknown>;
      return { status: reply.status, body: JSON.stringify(body).replaceAll(id, 'ID') };
    };
    for (const send of [multipart, streamed])
      for (const field of ['folderId', 'projectId'] as const) {
        const theirs = await seen(await send({ [field]: ours[field] }), ours[field]);
        const madeUp = await seen(await send({ [field]: 'no-such-record-000000' }), 'no-such-record-000000');
        expect(theirs.status, field).toBe(400);
        expect(JSON.parse(theirs.body).errors, field).toEqual([
          { path: expect.stringMatching(new RegExp(`^(body|query)\\.${field}$`)), message: expect.any(String) },
        ]);
        // Same status, title, detail and field errors: nothing tells the two apart.
        expect(theirs, field).toEqual(madeUp);
      }
    expect((await other.sdk.dam.assets.list()).data).toEqual([]);
  });
});

describe('processing', () => {
  it('extracts image metadata and makes every rendition, served content-addressed and immutable', async () => {
    const { asset } = await t.sdk.dam.assets.upload({ libraryId, file: jpeg, fileName: 'pier.jpg' });
    const pending = await t.sdk.dam.assets.renditions(asset.id);
    expect(pending.data).toHaveLength(9);
    expect(pending.data.every((r) => r.status === 'PENDING' && r.url === null)).toBe(true);
    await t.runJobs();

    const processed = await t.sdk.dam.assets.get(asset.id);
    expect(processed.metadata).toMatchObject({ width: 640, height: 480, format: 'jpeg', placeholder: { thumbhash: expect.any(String) } });
    expect((processed.aiMetadata as { colors: string[] }).colors[0]).toMatch(/^#[0-9a-f]{6}$/);
    expect((await t.sdk.platform.files.get(asset.fileId)).width).toBe(640);

    const { data } = await t.sdk.dam.assets.renditions(asset.id);
    expect(data.map((r) => r.status)).toEqual(Array(9).fill('COMPLETED'));
    const thumb = data.find((r) => r.renditionType === 'THUMBNAIL_SMALL')!;
    expect(thumb).toMatchObject({ width: 150, height: 113, format: 'webp' });
    expect(thumb.url).toMatch(/^\/v1\/dam\/renditions\/\w+\/[0-9a-f]{64}\.webp$/);
    // Public: no credentials needed, the hash in the name is the capability.
    const response = await t.request(thumb.url!, { headers: { authorization: '' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(thumb.url).toContain(sha(bytes));
    expect((await sharp(bytes).metadata()).width).toBe(150);
    expect((await t.request(thumb.url!.replace(/[0-9a-f]{64}/, '0'.repeat(64)), { headers: { authorization: '' } })).status).toBe(404);
    const square = data.find((r) => r.renditionType === 'SOCIAL_SQUARE')!;
    expect(square).toMatchObject({ width: 1080, height: 1080, format: 'jpeg' });
  }, 60_000);

  it('reads video and PDF metadata: duration, fps, codec, sound; page count; a 10 s preview clip', async () => {
    const video = await makeVideo(join(tmp.path, 'clip.mp4'), { seconds: 2, width: 320, height: 180, fps: 25 });
    const stream = Readable.toWeb(createReadStream(video)) as ReadableStream<Uint8Array>;
    const clip = await t.sdk.dam.assets.upload({ libraryId, file: stream, fileName: 'clip.mp4' });
    const pdf = await t.sdk.dam.assets.upload({ libraryId, file: await makePdf(3), fileName: 'brief.pdf' });
    await t.runJobs();
    const movie = await t.sdk.dam.assets.get(clip.asset.id);
    expect(movie.metadata).toMatchObject({ width: 320, height: 180, fps: 25, codec: 'h264', channels: expect.any(Number) });
    expect((movie.metadata as { duration: number }).duration).toBeCloseTo(2, 0);
    const renditions = (await t.sdk.dam.assets.renditions(clip.asset.id)).data;
    expect(renditions.find((r) => r.renditionType === 'PREVIEW_VIDEO')).toMatchObject({ status: 'COMPLETED', format: 'mp4', startTime: 0 });
    expect(renditions.find((r) => r.renditionType === 'THUMBNAIL_MEDIUM')).toMatchObject({ status: 'COMPLETED', width: 300 });
    const brief = await t.sdk.dam.assets.get(pdf.asset.id);
    expect(brief.metadata).toMatchObject({ pageCount: 3 });
    expect(brief.assetType).toMatch(/^DOC_/);
    const page = (await t.sdk.dam.assets.renditions(pdf.asset.id)).data.find((r) => r.renditionType === 'PREVIEW')!;
    expect(page.status).toBe('COMPLETED');
  }, 120_000);

  it('keeps the error of a failed rendition, and a retry makes it once the bytes are readable', async () => {
    // A JPEG cut short: the head says JPEG, the decoder fails.
    const broken = jpeg.subarray(0, 2000);
    const { asset } = await t.sdk.dam.assets.upload({ libraryId, file: broken, fileName: 'broken.jpg' });
    await t.runJobs();
    expect((await t.sdk.dam.assets.get(asset.id)).metadata).toMatchObject({ extractionError: expect.any(String) });
    const failed = (await t.sdk.dam.assets.renditions(asset.id)).data;
    expect(failed.every((r) => r.status === 'FAILED' && r.error && r.url === null)).toBe(true);
    const thumb = failed.find((r) => r.renditionType === 'THUMBNAIL_SMALL')!;

    // The stored object is repaired (a storage glitch), and the rendition retried.
    const file = await t.sdk.platform.files.get(asset.fileId);
    const [row] = await t.db.select({ key: files.storageKey }).from(files).where(eq(files.id, file.id));
    await writeFile(join(t.filesDir, row!.key), jpeg);
    const retried = await t.sdk.dam.renditions.retry(thumb.id);
    expect(retried).toMatchObject({ status: 'PENDING', error: null });
    await t.runJobs();
    const after = (await t.sdk.dam.assets.renditions(asset.id)).data;
    expect(after.find((r) => r.id === thumb.id)).toMatchObject({ status: 'COMPLETED', width: 150 });
    expect(after.filter((r) => r.status === 'FAILED')).toHaveLength(8);
    expect(await problem(t.sdk.dam.renditions.retry(thumb.id))).toMatchObject({ status: 409 });

    const other = await t.createOrg('Rival Agency');
    expect((await problem(other.sdk.dam.renditions.retry(thumb.id))).status).toBe(404);
    expect((await problem(other.sdk.dam.assets.renditions(asset.id))).status).toBe(404);
  });
});

describe('auto-tagging', () => {
  it('tags uploads of an autoTagging library offline: text by OCR, labels from the name and colours', async () => {
    const tagged = await library({ autoTagging: true });
    const { asset } = await t.sdk.dam.assets.upload({ libraryId: tagged.id, file: await textPng('SUMMER'), fileName: 'summer-poster.png' });
    const plain = await t.sdk.dam.assets.upload({ libraryId, file: await textPng('SUMMER'), fileName: 'summer-poster.png' });
    await t.runJobs();
    const ai = (await t.sdk.dam.assets.get(asset.id)).aiMetadata as { text: string; labels: string[]; colors: string[]; tagger: string };
    expect(ai.tagger).toBe('builtin');
    expect(ai.text.toUpperCase()).toContain('SUMMER');
    expect(ai.labels).toEqual(expect.arrayContaining(['summer', 'poster']));
    expect(ai.colors.length).toBeGreaterThan(0);
    // Without autoTagging only the colours are there.
    expect((await t.sdk.dam.assets.get(plain.asset.id)).aiMetadata).not.toHaveProperty('text');
  }, 180_000);
});
