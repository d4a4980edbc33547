import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from './probe.js';
import { createRendition, type Rendition, renditionKindsFor, renditionSpecs } from './renditions.js';
import { sniffType } from '../../platform/sniff.js';
import { type TempDir, tempDir } from './source.js';
import { makeAudio, makePdf, makeVideo, photoJpeg } from './test-files.js';
import { posterFrame } from './video.js';

let tmp: TempDir;
let photo: string;
let video: string;
beforeAll(async () => {
  tmp = await tempDir();
  photo = join(tmp.path, 'beach.jpg');
  await writeFile(photo, await photoJpeg({ width: 1200, height: 800 }));
  video = await makeVideo(join(tmp.path, 'clip.mp4'), { seconds: 14, width: 1920, height: 1080, fps: 30 });
});
afterAll(() => tmp.remove());

const bytes = async (rendition: Rendition) =>
  rendition.body instanceof Uint8Array
    ? Buffer.from(rendition.body)
    : Buffer.concat(await Readable.fromWeb(rendition.body as never).toArray());
/** The colour at a point of an encoded image, as [r, g, b]. */
const pixel = async (image: Buffer, x: number, y: number) =>
  [...(await sharp(image).extract({ left: x, top: y, width: 1, height: 1 }).removeAlpha().raw().toBuffer())] as [number, number, number];

describe('createRendition for images', () => {
  it('makes every still kind at its size and format, and reports what it made', async () => {
    const expected = {
      THUMBNAIL_SMALL: [150, 100, 'image/webp'],
      THUMBNAIL_MEDIUM: [300, 200, 'image/webp'],
      THUMBNAIL_LARGE: [600, 400, 'image/webp'],
      PREVIEW: [1200, 800, 'image/webp'], // never enlarged
      WEB_OPTIMIZED: [1200, 800, 'image/webp'],
      SOCIAL_SQUARE: [1080, 1080, 'image/jpeg'],
      SOCIAL_STORY: [1080, 1920, 'image/jpeg'],
      WATERMARKED: [1200, 800, 'image/jpeg'],
      LOW_RES: [800, 533, 'image/jpeg'],
    } as const;
    expect(Object.keys(expected).sort()).toEqual(Object.keys(renditionSpecs).sort());
    for (const [kind, [width, height, mimeType]] of Object.entries(expected)) {
      const rendition = await createRendition(photo, kind as keyof typeof expected);
      const data = await bytes(rendition);
      expect(rendition, kind).toMatchObject({ kind, width, height, mimeType, size: data.length });
      expect(sniffType(data).mime, kind).toBe(mimeType);
      const meta = await sharp(data).metadata();
      expect([meta.width, meta.height], kind).toEqual([width, height]);
      await rendition.dispose();
    }
  });

  it('makes WEB_OPTIMIZED as AVIF when asked, smaller than the JPEG it came from', async () => {
    const big = await photoJpeg({ width: 3000, height: 2000, quality: 95 });
    const avif = await createRendition(big, 'WEB_OPTIMIZED', { format: 'avif' });
    expect(avif).toMatchObject({ mimeType: 'image/avif', format: 'avif', width: 2560, height: 1707 });
    expect(sniffType(await bytes(avif)).mime).toBe('image/avif');
    expect(avif.size).toBeLessThan(big.length);
  });

  it('turns a camera JPEG upright and strips its metadata (GPS included)', async () => {
    const rotated = await photoJpeg({
      width: 600,
      height: 400,
      orientation: 6,
      exif: { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 4/1 48/1' } },
    });
    const thumb = await createRendition(rotated, 'THUMBNAIL_MEDIUM');
    expect([thumb.width, thumb.height]).toEqual([200, 300]);
    const meta = await sharp(await bytes(thumb)).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('crops SOCIAL_SQUARE around what stands out, not the centre', async () => {
    // Grey canvas with a red subject at the far right: a centre crop would miss it.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="600"><rect width="100%" height="100%" fill="#808080"/>
      <circle cx="1600" cy="300" r="150" fill="#e01010"/></svg>`;
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    expect(await pixel(png, 900, 300)).toEqual([128, 128, 128]);
    const square = await createRendition(png, 'SOCIAL_SQUARE');
    expect([square.width, square.height]).toEqual([1080, 1080]);
    // The subject's centre is 200 px (360 px at this scale) from the right edge of the crop.
    const [r, g, b] = await pixel(await bytes(square), 1080 - 360, 540);
    expect(r).toBeGreaterThan(180);
    expect(g + b).toBeLessThan(120);
  });

  it('watermarks with repeated text, or with a logo in a corner', async () => {
    const plain = await bytes(await createRendition(photo, 'WATERMARKED', { watermark: { text: ' ', opacity: 0.05 } }));
    const marked = await bytes(await createRendition(photo, 'WATERMARKED', { watermark: { text: 'ACME · DRAFT <proof>', opacity: 0.9 } }));
    const [a, b] = await Promise.all([plain, marked].map((image) => sharp(image).greyscale().raw().toBuffer()));
    let changed = 0;
    for (let i = 0; i < a!.length; i++) if (Math.abs(a![i]! - b![i]!) > 40) changed++;
    // The text covers a few percent of the pixels, spread over the whole image.
    expect(changed / a!.length).toBeGreaterThan(0.01);

    const logo = await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 255, g: 0, b: 255, alpha: 1 } } })
      .png()
      .toBuffer();
    const branded = await bytes(
      await createRendition(photo, 'WATERMARKED', { watermark: { image: logo, opacity: 1, gravity: 'southeast' } }),
    );
    const [r, g, bl] = await pixel(branded, 1200 - 24 - 150, 800 - 24 - 70);
    expect([r, g, bl]).toEqual([expect.closeTo(255, -1), expect.closeTo(0, -1), expect.closeTo(255, -1)]);
    expect(await pixel(branded, 100, 100)).not.toEqual([255, 0, 255]);
  });

  it('rasterises an SVG at the rendition size rather than its nominal one', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#0a0"/></svg>',
    );
    const preview = await createRendition(svg, 'THUMBNAIL_LARGE');
    expect([preview.width, preview.height]).toEqual([600, 300]);
  });

  it('refuses kinds a type cannot have, and files it cannot read', async () => {
    await expect(createRendition(photo, 'PREVIEW_VIDEO')).rejects.toMatchObject({ name: 'MediaError', code: 'unsupported' });
    const audio = await makeAudio(join(tmp.path, 'song.mp3'));
    await expect(createRendition(audio, 'THUMBNAIL_SMALL')).rejects.toMatchObject({ code: 'unsupported' });
    expect(renditionKindsFor(sniffType(Buffer.from('%PDF-1.7')))).not.toContain('PREVIEW_VIDEO');
    // A decompression bomb: a tiny JPEG whose frame header claims 30,000 × 30,000 pixels.
    const bomb = Buffer.from(
      await sharp({ create: { width: 16, height: 16, channels: 3, background: '#000' } })
        .jpeg()
        .toBuffer(),
    );
    const frame = bomb.indexOf(Buffer.from([0xff, 0xc0]));
    bomb.writeUInt16BE(30_000, frame + 5);
    bomb.writeUInt16BE(30_000, frame + 7);
    await expect(createRendition(bomb, 'THUMBNAIL_SMALL')).rejects.toMatchObject({ code: 'too_large' });
    const truncated = (await photoJpeg()).subarray(0, 200);
    await expect(createRendition(truncated, 'THUMBNAIL_SMALL')).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('createRendition for video and PDF', () => {
  it('lists PREVIEW_VIDEO among a video’s kinds', () => {
    expect(renditionKindsFor({ mime: 'video/mp4', ext: 'mp4', kind: 'video', active: false })).toEqual([
      ...Object.keys(renditionSpecs),
      'PREVIEW_VIDEO',
    ]);
  });

  it('makes stills from a poster frame', async () => {
    const jpeg = await posterFrame(video);
    expect(sniffType(jpeg).mime).toBe('image/jpeg');
    expect(await sharp(jpeg).metadata()).toMatchObject({ width: 1920, height: 1080 });
    const thumb = await createRendition(video, 'THUMBNAIL_MEDIUM');
    expect(thumb).toMatchObject({ mimeType: 'image/webp', width: 300, height: 169 });
  });

  it('makes PREVIEW_VIDEO: the first 10 s as a faststart H.264/AAC MP4 of at most 720p, streamed from a file', async () => {
    const source = Readable.toWeb(createReadStream(video)) as ReadableStream<Uint8Array>;
    const clip = await createRendition(source, 'PREVIEW_VIDEO');
    try {
      expect(clip).toMatchObject({
        kind: 'PREVIEW_VIDEO',
        mimeType: 'video/mp4',
        format: 'mp4',
        width: 1280,
        height: 720,
        duration: 10,
        startTime: 0,
      });
      expect(clip.body).toBeInstanceOf(ReadableStream);
      const data = await bytes(clip);
      expect(data.length).toBe(clip.size);
      // +faststart: the index (moov) comes before the media data (mdat), so playback starts at once.
      const head = data.toString('latin1');
      expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat'));
      const out = join(tmp.path, 'preview.mp4');
      await writeFile(out, data);
      const probe = await probeMedia(out);
      expect(probe.duration).toBeCloseTo(10, 0);
      expect(probe.video).toMatchObject({ codec: 'h264', profile: 'High', pixelFormat: 'yuv420p', width: 1280, height: 720 });
      expect(probe.audio).toMatchObject({ codec: 'aac', channels: 2 });
    } finally {
      await clip.dispose();
    }
  });

  it('keeps a portrait video portrait and a silent one silent', async () => {
    const phone = await makeVideo(join(tmp.path, 'phone.mp4'), { seconds: 2, width: 720, height: 1280, audio: false });
    const clip = await createRendition(phone, 'PREVIEW_VIDEO');
    const out = join(tmp.path, 'phone-preview.mp4');
    await writeFile(out, await bytes(clip));
    await clip.dispose();
    expect([clip.width, clip.height, clip.duration]).toEqual([720, 1280, 2]);
    expect((await probeMedia(out)).audio).toBeUndefined();
  });

  it('previews a PDF from its first page', async () => {
    const pdf = await makePdf(3);
    const preview = await createRendition(pdf, 'THUMBNAIL_LARGE');
    expect(preview).toMatchObject({ mimeType: 'image/webp', width: 424, height: 600 });
    const [r, , b] = await pixel(await bytes(preview), 200, 20);
    expect(b).toBeGreaterThan(r + 60);
  });
});
