import { createRequire } from 'node:module';
import sharp, { type SharpOptions } from 'sharp';
import { type ColorShare, paletteOf } from './colors.js';
import { MediaError } from './errors.js';
import { type BlurPlaceholder, placeholderOf } from './placeholder.js';
import { type MediaSource, withRandomAccess } from './source.js';

// exifr's ESM build leaves `sidecar` off its default export and its CommonJS build is a UMD bundle whose
// names Node cannot see from ESM: requiring it gives the same complete object everywhere.
const exifr = createRequire(import.meta.url)('exifr') as typeof import('exifr');

/** What an image says about itself: pixels from its header, the rest from EXIF, IPTC and XMP. */
export interface ImageMetadata {
  /** sharp's name of the format: `jpeg`, `png`, `webp`, `avif`, `heif`, `tiff`, `gif`, `svg`, … */
  format: string;
  /** Pixels as the image is displayed, its EXIF orientation applied. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 as stored (1 is upright). */
  orientation?: number;
  /** `srgb`, `cmyk`, `b-w` (greyscale), `rgb16`, … */
  colorSpace: string;
  /** An ICC profile is embedded. */
  hasProfile: boolean;
  hasAlpha: boolean;
  /** Pixels per inch, when the file records it. */
  dpi?: number;
  /** Frames of an animation (GIF, WebP) or pages of a multi-page TIFF. */
  pages?: number;
  camera?: { make?: string; model?: string; lens?: string };
  /** Exposure settings of a photograph. */
  exposure?: { exposureTime?: number; fNumber?: number; iso?: number; focalLength?: number };
  /** When the photo was taken, ISO 8601: with its UTC offset when the camera recorded one, else the camera's local time. */
  dateTaken?: string;
  gps?: { latitude: number; longitude: number; altitude?: number };
  /** The photographer or author (XMP dc:creator, IPTC By-line, EXIF Artist). */
  creator?: string;
  /** The copyright notice (XMP dc:rights, IPTC Copyright Notice, EXIF Copyright). */
  copyright?: string;
  title?: string;
  description?: string;
  /** IPTC and XMP keywords. */
  keywords?: string[];
  /** The program that wrote the file. */
  software?: string;
}

/** Everything the DAM stores about an image, from one read. */
export interface ImageAnalysis {
  metadata: ImageMetadata;
  /** The dominant colours, for `aiMetadata.colors` and the colour filter. */
  colors: ColorShare[];
  placeholder: BlurPlaceholder;
}

/** How an image is opened: lenient with the small defects cameras and exporters leave, strict on size. */
export const imageInputOptions: SharpOptions = { failOn: 'error', limitInputPixels: 268_402_689 };

/**
 * The metadata of an image (any format sharp reads: JPEG, PNG, WebP, AVIF, HEIF, TIFF, GIF, SVG). Reads the
 * header and metadata blocks only, not the pixels, so it is quick on large files.
 *
 * @example
 * const meta = await readImageMetadata('/tmp/beach.jpg')
 * meta.camera?.make   // 'Canon'
 * meta.gps            // { latitude: 25.08, longitude: 55.14 }
 */
export async function readImageMetadata(source: MediaSource): Promise<ImageMetadata> {
  return withRandomAccess(source, metadataOf);
}

/**
 * Metadata, a 5-colour palette and a blur placeholder, decoding the image once for the last two.
 *
 * @example
 * const { metadata, colors, placeholder } = await analyzeImage(bytes)
 * colors[0]              // { hex: '#3366cc', share: 0.62 }
 * placeholder.dataUrl    // 'data:image/png;base64,…' for a CSS background while the thumbnail loads
 */
export async function analyzeImage(source: MediaSource): Promise<ImageAnalysis> {
  return withRandomAccess(source, async (input) => {
    const [metadata, small] = await Promise.all([metadataOf(input), smallRgba(input)]);
    return { metadata, colors: paletteOf(small), placeholder: placeholderOf(small) };
  });
}

/**
 * Pixels of the image, upright, in sRGB, at most 100 × 100 (what thumbhash takes), RGBA.
 *
 * @example const palette = paletteOf(await smallRgba(path))
 */
export async function smallRgba(input: string | Uint8Array): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(input, imageInputOptions)
    .autoOrient()
    .resize(100, 100, { fit: 'inside' })
    .toColourspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(unreadable);
  return { data, width: info.width, height: info.height };
}

/**
 * A sharp failure on the input as the library's error: the file is not an image sharp can read.
 *
 * @example await sharp(input).metadata().catch(unreadable)
 */
export function unreadable(error: unknown): never {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  if (/pixel limit/i.test(message))
    throw new MediaError('too_large', `The image has more pixels than allowed: ${message}`, { cause: error });
  throw new MediaError('invalid', `Not a readable image: ${message}`, { cause: error });
}

async function metadataOf(input: string | Uint8Array): Promise<ImageMetadata> {
  const meta = await sharp(input, imageInputOptions).metadata().catch(unreadable);
  const [exif, iptc, xmp] = await Promise.all([
    // sharp hands over each block whatever the container; exifr parses the blocks (a bad block is no metadata).
    meta.exif && meta.exif.length > 6
      ? exifr
          .parse(meta.exif.subarray(meta.exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0), exifOptions)
          .catch(() => undefined)
      : undefined,
    meta.iptc
      ? exifr.parse(asJpegSegment(0xed, meta.iptc), { tiff: false, iptc: true, reviveValues: false }).catch(() => undefined)
      : undefined,
    meta.xmp ? exifr.sidecar(meta.xmp, { reviveValues: false }, 'xmp').catch(() => undefined) : undefined,
  ]);
  return compact({
    format: meta.format,
    width: meta.autoOrient?.width ?? meta.width ?? 0,
    height: meta.autoOrient?.height ?? meta.height ?? 0,
    orientation: meta.orientation,
    colorSpace: meta.space ?? 'srgb',
    hasProfile: meta.hasProfile ?? false,
    hasAlpha: meta.hasAlpha ?? false,
    dpi: meta.density ? Math.round(meta.density) : undefined,
    pages: meta.pages && meta.pages > 1 ? meta.pages : undefined,
    ...fromBlocks(exif as ExifBlocks | undefined, iptc as Record<string, unknown> | undefined, xmp as XmpBlocks | undefined),
  });
}

const exifOptions = { tiff: true, exif: true, gps: true, interop: false, ifd1: false, mergeOutput: false, reviveValues: false };

interface ExifBlocks {
  ifd0?: Record<string, unknown>;
  exif?: Record<string, unknown>;
  gps?: Record<string, unknown>;
}
type XmpBlocks = Record<string, Record<string, unknown> | undefined>;

/** Wraps a metadata block in a minimal JPEG (SOI, one APPn segment, EOI) so exifr's segment parser reads it. */
function asJpegSegment(marker: number, payload: Uint8Array): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(Math.min(payload.length + 2, 0xffff));
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, marker]), length, payload.subarray(0, 0xfffd), Buffer.from([0xff, 0xd9])]);
}

function fromBlocks(
  exif: ExifBlocks | undefined,
  iptc: Record<string, unknown> | undefined,
  xmp: XmpBlocks | undefined,
): Partial<ImageMetadata> {
  const ifd0 = exif?.ifd0 ?? {};
  const sub = exif?.exif ?? {};
  const gps = exif?.gps;
  const dc = xmp?.dc ?? {};
  const make = text(ifd0.Make) ?? text(xmp?.tiff?.Make);
  const model = text(ifd0.Model) ?? text(xmp?.tiff?.Model);
  const lens = text(sub.LensModel) ?? text(xmp?.aux?.Lens) ?? text(xmp?.exifEX?.LensModel);
  const keywords = [...new Set([...list(iptc?.Keywords), ...list(dc.subject)])];
  return {
    camera: make || model || lens ? { make, model, lens } : undefined,
    exposure:
      sub.ExposureTime || sub.FNumber || sub.ISO || sub.FocalLength
        ? {
            exposureTime: number(sub.ExposureTime),
            fNumber: number(sub.FNumber),
            iso: number(sub.ISO),
            focalLength: number(sub.FocalLength),
          }
        : undefined,
    dateTaken:
      exifDate(sub.DateTimeOriginal, sub.OffsetTimeOriginal) ??
      xmpDate(xmp?.photoshop?.DateCreated ?? xmp?.exif?.DateTimeOriginal ?? xmp?.xmp?.CreateDate) ??
      iptcDate(iptc?.DateCreated, iptc?.TimeCreated) ??
      exifDate(sub.CreateDate ?? sub.DateTimeDigitized, sub.OffsetTimeDigitized),
    gps: gpsOf(gps),
    creator: text(dc.creator) ?? text(iptc?.Byline) ?? text(ifd0.Artist),
    copyright: text(dc.rights) ?? text(iptc?.CopyrightNotice) ?? text(ifd0.Copyright),
    title: text(dc.title) ?? text(iptc?.ObjectName),
    description: text(dc.description) ?? text(iptc?.Caption) ?? text(ifd0.ImageDescription),
    keywords: keywords.length ? keywords : undefined,
    software: text(ifd0.Software) ?? text(xmp?.xmp?.CreatorTool),
  };
}

/** Decimal degrees from EXIF's degrees/minutes/seconds and N/S, E/W references; altitude below sea level negative. */
function gpsOf(gps: Record<string, unknown> | undefined): ImageMetadata['gps'] {
  if (!gps) return undefined;
  const degrees = (dms: unknown, ref: unknown, negative: string) => {
    if (!Array.isArray(dms) || dms.length === 0 || !dms.every((part) => typeof part === 'number' && Number.isFinite(part)))
      return undefined;
    const [d = 0, m = 0, s = 0] = dms as number[];
    return round((d + m / 60 + s / 3600) * (text(ref)?.toUpperCase() === negative ? -1 : 1), 6);
  };
  const latitude = degrees(gps.GPSLatitude, gps.GPSLatitudeRef, 'S');
  const longitude = degrees(gps.GPSLongitude, gps.GPSLongitudeRef, 'W');
  if (latitude === undefined || longitude === undefined || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  const altitude = number(gps.GPSAltitude);
  return { latitude, longitude, altitude: altitude === undefined ? undefined : (gps.GPSAltitudeRef === 1 ? -1 : 1) * altitude };
}

/** A tag's text: XMP's language alternatives and sequences give their first value. */
function text(value: unknown): string | undefined {
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object' && 'value' in value) return text((value as { value: unknown }).value);
  if (value instanceof Uint8Array) return text(Buffer.from(value).toString('utf8'));
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(/\0+$/, '').trim(); // EXIF strings are NUL padded
  return clean || undefined;
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((item) => text(item) ?? []);

const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** EXIF's `2024:06:01 18:30:00` (+ `OffsetTimeOriginal` `+04:00`) as ISO 8601. */
function exifDate(value: unknown, offset: unknown): string | undefined {
  const match = /^(\d{4}):(\d\d):(\d\d)[ T](\d\d):(\d\d):(\d\d)/.exec(text(value) ?? '');
  if (!match || match[1] === '0000') return undefined;
  const zone = /^[+-]\d\d:\d\d$/.test(text(offset) ?? '') ? text(offset) : '';
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${zone}`;
}

/** XMP dates are already ISO 8601, possibly without seconds or time. */
function xmpDate(value: unknown): string | undefined {
  const date = text(value);
  return date && /^\d{4}-\d\d-\d\d/.test(date) ? date : undefined;
}

/** IPTC's `20240601` and `183000+0400`. */
function iptcDate(date: unknown, time: unknown): string | undefined {
  const d = /^(\d{4})-?(\d\d)-?(\d\d)$/.exec(text(date) ?? '');
  if (!d) return undefined;
  const t = /^(\d\d):?(\d\d):?(\d\d)([+-]\d\d):?(\d\d)?/.exec(text(time) ?? '');
  return `${d[1]}-${d[2]}-${d[3]}${t ? `T${t[1]}:${t[2]}:${t[3]}${t[4]}:${t[5] ?? '00'}` : ''}`;
}

/** Drops undefined fields, so stored JSON carries only what the file said. */
function compact<T extends object>(value: T): T {
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) delete (value as Record<string, unknown>)[key];
    else if (field && typeof field === 'object' && !Array.isArray(field)) compact(field);
  }
  return value;
}
