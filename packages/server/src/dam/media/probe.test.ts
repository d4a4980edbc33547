import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdfInfo, renderPdfPage } from './pdf.js';
import { probeMedia } from './probe.js';
import { sniffType } from '../../platform/sniff.js';
import { type TempDir, tempDir } from './source.js';
import { makeAudio, makePdf, makeVideo } from './test-files.js';
import sharp from 'sharp';

let tmp: TempDir;
let clip: string;
beforeAll(async () => {
  tmp = await tempDir();
  clip = await makeVideo(join(tmp.path, 'clip.mp4'), { seconds: 3, width: 640, height: 360, fps: 25 });
});
afterAll(() => tmp.remove());

describe('probeMedia', () => {
  it('reads duration, fps, codecs, resolution, bitrates, sample rate and channels of an MP4 with sound', async () => {
    const probe = await probeMedia(clip);
    expect(probe.container).toContain('mp4');
    expect(probe.duration).toBeCloseTo(3, 0);
    expect(probe.bitrate).toBeGreaterThan(0);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 640, height: 360, resolution: '640x360', fps: 25, pixelFormat: 'yuv420p' });
    expect(probe.video?.bitrate).toBeGreaterThan(0);
    expect(probe.audio).toMatchObject({ codec: 'aac', sampleRate: 44100, channels: 2, channelLayout: 'stereo' });
  });

  it('reads a stream (as storage hands it over) the same as a path', async () => {
    const fromStream = await probeMedia(Readable.toWeb(createReadStream(clip)) as ReadableStream<Uint8Array>);
    expect(fromStream).toEqual(await probeMedia(clip));
  });

  it('reads audio without a video stream', async () => {
    const mp3 = await makeAudio(join(tmp.path, 'vo.mp3'), { seconds: 2, channels: 1 });
    const probe = await probeMedia(mp3);
    expect(probe.video).toBeUndefined();
    expect(probe.audio).toMatchObject({ codec: 'mp3', sampleRate: 44100, channels: 1 });
    expect(probe.duration).toBeCloseTo(2, 0);
  });

  it('refuses a file with no audio or video as invalid, without leaking paths', async () => {
    const fake = join(tmp.path, 'fake.mp4');
    await writeFile(fake, 'this is not a video');
    const error = await probeMedia(fake).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ name: 'MediaError', code: 'invalid' });
    expect(error?.message).not.toContain(tmp.path);
  });
});

describe('PDF', () => {
  it('counts the pages and words of a multi-page PDF and reads its info', async () => {
    const info = await readPdfInfo(await makePdf(3));
    expect(info).toMatchObject({
      pageCount: 3,
      title: 'Summer campaign brief',
      author: 'Ada Lovelace',
      pageWidth: 595,
      pageHeight: 842,
      hasJavaScript: false,
    });
    // "Page of the summer campaign brief N" on each page: seven words.
    expect(info.wordCount).toBe(21);
  });

  it('renders a page as a PNG whose longer side is the size asked for', async () => {
    const png = await renderPdfPage(await makePdf(2), { page: 2, size: 400 });
    expect(sniffType(png).mime).toBe('image/png');
    const meta = await sharp(png).metadata();
    expect(meta.height).toBe(400);
    expect(meta.width).toBe(283);
    // The page's blue band is at the top.
    const { data } = await sharp(png).extract({ left: 100, top: 20, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[2]).toBeGreaterThan(data[0]! + 60);
  });

  it('refuses bytes that are not a PDF, and a page past the end', async () => {
    await expect(readPdfInfo(Buffer.from('%PDF-1.7 broken'))).rejects.toMatchObject({ code: 'invalid' });
    await expect(renderPdfPage(await makePdf(1), { page: 5 })).rejects.toMatchObject({ code: 'invalid' });
  });
});
