import { Readable } from 'node:stream';
import sharp from 'sharp';
import { thumbHashToAverageRGBA } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { colorName, paletteOf } from './colors.js';
import { MediaError } from './errors.js';
import { analyzeImage, readImageMetadata } from './image.js';
import { beachSvg, photoJpeg, withIptc, xmpPacket } from './test-files.js';

const camera = {
  IFD0: { Make: 'Canon', Model: 'Canon EOS R5', Artist: 'Exif Artist', Copyright: 'Exif Copyright', Software: 'Lightroom' },
  IFD2: {
    DateTimeOriginal: '2024:06:01 18:30:05',
    OffsetTimeOriginal: '+04:00',
    ExposureTime: '1/250',
    FNumber: '8/1',
    ISOSpeedRatings: '100',
  },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 4/1 48/1', GPSLongitudeRef: 'W', GPSLongitude: '55/1 8/1 24/1' },
};

describe('readImageMetadata', () => {
  it('reads size, format, colour space, DPI, camera, date, GPS and rights from EXIF, IPTC and XMP', async () => {
    const xmp = xmpPacket({
      creator: 'Ada Photographer',
      rights: '© 2024 Acme Agency',
      keywords: ['beach', 'summer'],
      created: '2024-06-01T18:30:05+04:00',
    });
    const jpeg = withIptc(await photoJpeg({ width: 1200, height: 800, exif: camera, xmp, density: 300 }), {
      byline: 'Iptc Byline',
      copyright: 'Iptc Copyright',
      keywords: ['sunset', 'beach'],
      title: 'Golden hour',
      caption: 'Sunset over the bay',
    });
    const meta = await readImageMetadata(jpeg);
    expect(meta).toMatchObject({
      format: 'jpeg',
      width: 1200,
      height: 800,
      colorSpace: 'srgb',
      dpi: 300,
      hasAlpha: false,
      camera: { make: 'Canon', model: 'Canon EOS R5' },
      dateTaken: '2024-06-01T18:30:05+04:00',
      gps: { latitude: 25.08, longitude: -55.14 },
      // XMP wins over IPTC, IPTC over EXIF, as in Lightroom and Bridge.
      creator: 'Ada Photographer',
      copyright: '© 2024 Acme Agency',
      title: 'Golden hour',
      description: 'Sunset over the bay',
      software: 'Lightroom',
    });
    expect(meta.keywords).toEqual(['sunset', 'beach', 'summer']);
    expect(meta.exposure?.fNumber).toBe(8);
  });

  it('falls back to IPTC, then EXIF, when the richer blocks are absent', async () => {
    const iptcOnly = withIptc(await photoJpeg({ width: 64, height: 48 }), { byline: 'Iptc Byline', copyright: 'Iptc Copyright' });
    expect(await readImageMetadata(iptcOnly)).toMatchObject({ creator: 'Iptc Byline', copyright: 'Iptc Copyright' });
    const exifOnly = await photoJpeg({ width: 64, height: 48, exif: camera });
    expect(await readImageMetadata(exifOnly)).toMatchObject({
      creator: 'Exif Artist',
      copyright: 'Exif Copyright',
      dateTaken: '2024-06-01T18:30:05+04:00',
    });
  });

  it('reports the displayed size of a rotated camera JPEG, and its stored orientation', async () => {
    const meta = await readImageMetadata(await photoJpeg({ width: 600, height: 400, orientation: 6 }));
    expect(meta).toMatchObject({ width: 400, height: 600, orientation: 6 });
  });

  it('reads PNG, WebP and AVIF (with alpha) from a path, bytes or a stream', async () => {
    const rgba = sharp({ create: { width: 320, height: 200, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } });
    const png = await rgba.clone().png().toBuffer();
    const webp = await rgba.clone().webp().toBuffer();
    const avif = await rgba
      .clone()
      .withExif({ IFD0: { Make: 'Apple', Model: 'iPhone 15' } })
      .avif()
      .toBuffer();
    expect(await readImageMetadata(png)).toMatchObject({ format: 'png', width: 320, height: 200, hasAlpha: true });
    expect(await readImageMetadata(Readable.from([webp]))).toMatchObject({ format: 'webp', width: 320, height: 200, hasAlpha: true });
    expect(await readImageMetadata(avif)).toMatchObject({
      format: 'heif',
      width: 320,
      height: 200,
      camera: { make: 'Apple', model: 'iPhone 15' },
    });
  });

  it('rejects bytes that are not an image as invalid', async () => {
    await expect(readImageMetadata(Buffer.from('not an image at all'))).rejects.toMatchObject({ name: 'MediaError', code: 'invalid' });
    await expect(readImageMetadata(Buffer.from('not an image at all'))).rejects.toBeInstanceOf(MediaError);
  });
});

describe('analyzeImage: palette and blur placeholder', () => {
  it('finds the dominant colours with their shares', async () => {
    // 70 % blue on the left, 30 % white on the right.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="400">
      <rect width="700" height="400" fill="#1e66f5"/><rect x="700" width="300" height="400" fill="#ffffff"/></svg>`;
    const { colors } = await analyzeImage(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(colors).toHaveLength(2);
    expect(colors[0]!.hex).toBe('#1e66f5');
    expect(colors[0]!.share).toBeCloseTo(0.7, 1);
    expect(colors[1]!.hex).toBe('#ffffff');
    expect(colorName(colors[0]!.hex)).toBe('blue');
  });

  it('gives up to five colours of a photo, largest first, summing to one', async () => {
    const { colors, metadata } = await analyzeImage(await photoJpeg({ width: 900, height: 600 }));
    expect(metadata.width).toBe(900);
    expect(colors.length).toBeGreaterThanOrEqual(3);
    expect(colors.length).toBeLessThanOrEqual(5);
    for (const color of colors) expect(color.hex).toMatch(/^#[0-9a-f]{6}$/);
    expect(colors.map((c) => c.share)).toEqual([...colors.map((c) => c.share)].sort((a, b) => b - a));
    expect(colors.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 2);
    expect(colors.map((c) => colorName(c.hex))).toEqual(expect.arrayContaining(['blue', 'yellow']));
  });

  it('ignores transparent pixels', () => {
    const data = new Uint8Array(4 * 100);
    for (let i = 0; i < 100; i++) data.set(i < 25 ? [255, 0, 0, 255] : [0, 255, 0, 0], i * 4);
    expect(paletteOf({ data, width: 10, height: 10 })).toEqual([{ hex: '#ff0000', share: 1 }]);
  });

  it('makes a thumbhash with the image average colour and a PNG data URL of its aspect ratio', async () => {
    const { placeholder } = await analyzeImage(
      await sharp({ create: { width: 800, height: 400, channels: 3, background: '#d04010' } })
        .jpeg()
        .toBuffer(),
    );
    expect(placeholder.thumbhash.length).toBeLessThan(40);
    const average = thumbHashToAverageRGBA(Buffer.from(placeholder.thumbhash, 'base64'));
    expect(Math.round(average.r * 255)).toBeCloseTo(0xd0, -1);
    expect(Math.round(average.g * 255)).toBeCloseTo(0x40, -1);
    expect(placeholder.dataUrl).toMatch(/^data:image\/png;base64,/);
    const png = await sharp(Buffer.from(placeholder.dataUrl.split(',')[1]!, 'base64')).metadata();
    expect(png.format).toBe('png');
    expect(png.width! / png.height!).toBeCloseTo(2, 0);
  });

  it('gives the same palette for the same image every time', async () => {
    const png = await sharp(Buffer.from(beachSvg(600, 400)))
      .png()
      .toBuffer();
    const [a, b] = await Promise.all([analyzeImage(png), analyzeImage(png)]);
    expect(a.colors).toEqual(b.colors);
    expect(a.placeholder).toEqual(b.placeholder);
  });
});
