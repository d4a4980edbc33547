import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { RenditionType } from '@spokestack/core/dam';
import sharp, { type Sharp } from 'sharp';
import { MediaError } from './errors.js';
import { imageInputOptions, unreadable } from './image.js';
import { renderPdfPage } from './pdf.js';
import { type SniffedType, sniffFile } from '../../platform/sniff.js';
import { type MediaSource, withLocalFile, withRandomAccess } from './source.js';
import type { ToolOptions } from './tools.js';
import { posterFrame, previewVideo } from './video.js';

/** Formats a still rendition is encoded in. */
export type ImageFormat = 'jpeg' | 'webp' | 'avif' | 'png';

/** How one still rendition kind is made. */
export interface RenditionSpec {
  /** The box: the image fits inside it (`inside`, never enlarged) or fills it exactly, cropped (`cover`). */
  width: number;
  height: number;
  fit: 'inside' | 'cover';
  format: ImageFormat;
  quality: number;
}

/**
 * Every still rendition of the spec's `RenditionType` (PREVIEW_VIDEO is a clip, see `previewVideo`). Screens get
 * WebP, which every current browser shows; files people take elsewhere (social posts, proofs) get JPEG, which
 * every platform accepts. Cover crops keep the most salient region (sharp's attention strategy: skin, saturated
 * colour, detail), not the centre.
 */
export const renditionSpecs: Record<Exclude<RenditionType, 'PREVIEW_VIDEO'>, RenditionSpec> = {
  THUMBNAIL_SMALL: { width: 150, height: 150, fit: 'inside', format: 'webp', quality: 70 },
  THUMBNAIL_MEDIUM: { width: 300, height: 300, fit: 'inside', format: 'webp', quality: 75 },
  THUMBNAIL_LARGE: { width: 600, height: 600, fit: 'inside', format: 'webp', quality: 80 },
  PREVIEW: { width: 1600, height: 1600, fit: 'inside', format: 'webp', quality: 82 },
  WEB_OPTIMIZED: { width: 2560, height: 2560, fit: 'inside', format: 'webp', quality: 80 },
  SOCIAL_SQUARE: { width: 1080, height: 1080, fit: 'cover', format: 'jpeg', quality: 88 },
  SOCIAL_STORY: { width: 1080, height: 1920, fit: 'cover', format: 'jpeg', quality: 88 },
  WATERMARKED: { width: 1600, height: 1600, fit: 'inside', format: 'jpeg', quality: 85 },
  LOW_RES: { width: 800, height: 800, fit: 'inside', format: 'jpeg', quality: 55 },
};

/** The PREVIEW_VIDEO clip: seconds from the start and its box. */
export const previewVideoSpec = { seconds: 10, width: 1280, height: 720, format: 'mp4' } as const;

/** A watermark: a line of text repeated across the image, or an image (a logo) in a corner. */
export type Watermark =
  | { text: string; opacity?: number }
  | {
      /** The watermark image (PNG or SVG with transparency reads best), as a path or bytes. */
      image: string | Uint8Array;
      opacity?: number;
      /** Its width as a share of the rendition's (default 0.25). */
      scale?: number;
      gravity?: 'center' | 'northwest' | 'northeast' | 'southwest' | 'southeast';
    };

/** Choices for one rendition. */
export interface RenditionOptions extends ToolOptions {
  /** Another output format than the kind's, e.g. `avif` for WEB_OPTIMIZED (about 30 % smaller than WebP, slower). */
  format?: ImageFormat;
  quality?: number;
  /** WATERMARKED's mark (default: the text "PREVIEW"). */
  watermark?: Watermark;
  /** The sniffed type, when the caller has it (skips reading the head again). */
  type?: SniffedType;
}

/** An encoded rendition, ready for `Storage.put(key, body, mimeType)`, then `dispose()`. */
export interface Rendition {
  kind: RenditionType;
  mimeType: string;
  /** `jpeg`, `webp`, `avif`, `png` or `mp4`: the spec's `format` column. */
  format: ImageFormat | 'mp4';
  width: number;
  height: number;
  /** Bytes. */
  size: number;
  quality?: number;
  /** A clip's seconds and where it starts in the source (the spec's `duration` and `startTime`). */
  duration?: number;
  startTime?: number;
  /** Stills are bytes in memory (bounded by the rendition's size); a clip streams from a temporary file. */
  body: Uint8Array | ReadableStream<Uint8Array>;
  /** Removes the clip's temporary file; nothing to do for a still. Call it once `body` is consumed. */
  dispose(): Promise<void>;
}

const mimeTypes: Record<ImageFormat | 'mp4', string> = {
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  png: 'image/png',
  mp4: 'video/mp4',
};

/** Image formats sharp decodes here (its libvips build has no HEVC, so HEIC photos are not among them). */
const stillSources = new Set(['jpg', 'png', 'gif', 'webp', 'avif', 'tif', 'svg', 'jp2', 'jxl', 'bmp']);
const stills = Object.keys(renditionSpecs) as Exclude<RenditionType, 'PREVIEW_VIDEO'>[];

/**
 * The rendition kinds a file of this type can have: every still for images, videos (from a poster frame) and
 * PDFs (from the first page), plus PREVIEW_VIDEO for videos; none for other types.
 *
 * @example renditionKindsFor(await sniffFile(path))   // ['THUMBNAIL_SMALL', …, 'LOW_RES', 'PREVIEW_VIDEO'] for an MP4
 */
export function renditionKindsFor(type: SniffedType): RenditionType[] {
  if (type.kind === 'video') return [...stills, 'PREVIEW_VIDEO'];
  if (type.mime === 'application/pdf' || (type.kind === 'image' && stillSources.has(type.ext))) return [...stills];
  return [];
}

/**
 * Makes one rendition of an image, video or PDF. Stills are resized (EXIF orientation applied, converted to
 * sRGB, metadata stripped), cropped where the kind says so, watermarked for WATERMARKED; a video's stills come
 * from its poster frame and a PDF's from its first page. PREVIEW_VIDEO is the first 10 s as H.264/AAC MP4.
 * A kind the type cannot have is MediaError `unsupported`; an unreadable file `invalid`.
 *
 * @example
 * const thumb = await createRendition('/tmp/beach.jpg', 'THUMBNAIL_MEDIUM')
 * thumb   // { mimeType: 'image/webp', width: 300, height: 200, size: 9120, body: Uint8Array, … }
 * const avif = await createRendition(bytes, 'WEB_OPTIMIZED', { format: 'avif' })
 * const proof = await createRendition(bytes, 'WATERMARKED', { watermark: { text: 'Acme · draft' } })
 */
export async function createRendition(source: MediaSource, kind: RenditionType, options: RenditionOptions = {}): Promise<Rendition> {
  return withRandomAccess(source, async (input) => {
    const type = options.type ?? (await sniffFile(input));
    if (!renditionKindsFor(type).includes(kind)) throw new MediaError('unsupported', `A ${type.mime} file has no ${kind} rendition`);
    if (kind === 'PREVIEW_VIDEO') return videoRendition(input, options);
    const spec = renditionSpecs[kind];
    const longest = Math.max(spec.width, spec.height);
    let still: string | Uint8Array = input;
    let density: number | undefined;
    if (type.kind === 'video') still = await withLocalFile(input, (path) => posterFrame(path, options));
    else if (type.mime === 'application/pdf') still = await renderPdfPage(input, { page: 1, size: longest, ...options });
    else if (type.ext === 'svg') [still, density] = await svgInput(input, longest);
    return stillRendition(kind, still, spec, options, density);
  });
}

async function stillRendition(
  kind: RenditionType,
  input: string | Uint8Array,
  spec: RenditionSpec,
  options: RenditionOptions,
  density?: number,
): Promise<Rendition> {
  const format = options.format ?? spec.format;
  const quality = options.quality ?? spec.quality;
  let image = sharp(input, { ...imageInputOptions, ...(density ? { density } : {}) }).autoOrient();
  image =
    spec.fit === 'cover'
      ? image.resize(spec.width, spec.height, { fit: 'cover', position: sharp.strategy.attention })
      : image.resize(spec.width, spec.height, { fit: 'inside', withoutEnlargement: true });
  if (kind === 'WATERMARKED') image = await watermarked(image, options.watermark ?? { text: 'PREVIEW' });
  if (format === 'jpeg') image = image.flatten({ background: '#ffffff' }).jpeg({ quality, progressive: true, chromaSubsampling: '4:2:0' });
  else if (format === 'webp') image = image.webp({ quality, effort: 4 });
  else if (format === 'avif') image = image.avif({ quality: Math.round(quality * 0.7), effort: 3 });
  else image = image.png({ compressionLevel: 8 });
  const { data, info } = await image.toBuffer({ resolveWithObject: true }).catch(unreadable);
  return {
    kind,
    mimeType: mimeTypes[format],
    format,
    width: info.width,
    height: info.height,
    size: data.length,
    quality,
    body: data,
    dispose: async () => {},
  };
}

async function videoRendition(input: string | Uint8Array, options: RenditionOptions): Promise<Rendition> {
  const clip = await withLocalFile(input, (path) =>
    previewVideo(path, {
      seconds: previewVideoSpec.seconds,
      maxWidth: previewVideoSpec.width,
      maxHeight: previewVideoSpec.height,
      ...options,
    }),
  );
  const size = (await stat(clip.path)).size;
  return {
    kind: 'PREVIEW_VIDEO',
    mimeType: mimeTypes.mp4,
    format: 'mp4',
    width: clip.width,
    height: clip.height,
    size,
    duration: Math.round(clip.duration),
    startTime: 0,
    body: Readable.toWeb(createReadStream(clip.path)) as ReadableStream<Uint8Array>,
    dispose: clip.remove,
  };
}

/**
 * An SVG as bytes (so librsvg has no base path to resolve `href`s against: an SVG cannot pull in files beside
 * it) and the density at which its longer side renders at `longest` pixels, so small vectors stay sharp.
 */
async function svgInput(input: string | Uint8Array, longest: number): Promise<[Uint8Array, number]> {
  if (typeof input === 'string' && (await stat(input)).size > 16 * 1024 * 1024) throw new MediaError('too_large', 'SVG larger than 16 MiB');
  const bytes = typeof input === 'string' ? await readFile(input) : input;
  const meta = await sharp(bytes, imageInputOptions).metadata().catch(unreadable);
  const side = Math.max(meta.width ?? 0, meta.height ?? 0) || longest;
  return [bytes, Math.min(2400, Math.max(1, (72 * longest) / side))];
}

/** The resized image with its watermark composited (the overlay is sized from the resized dimensions). */
async function watermarked(image: Sharp, mark: Watermark): Promise<Sharp> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true }).catch(unreadable);
  const { width, height, channels } = info;
  const base = sharp(data, { raw: { width, height, channels } });
  const opacity = Math.min(1, Math.max(0.05, mark.opacity ?? ('text' in mark ? 0.4 : 0.6)));
  if ('text' in mark) {
    const size = Math.max(14, Math.round(Math.min(width, height) / 12));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><pattern id="w" width="${size * 12}" height="${size * 5}" patternUnits="userSpaceOnUse" patternTransform="rotate(-30)">
    <text x="0" y="${size * 2}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-weight="bold" font-size="${size}"
      fill="#fff" fill-opacity="${opacity}" stroke="#000" stroke-opacity="${opacity / 2}" stroke-width="${Math.max(1, size / 24)}"
      >${escapeXml(mark.text.slice(0, 80))}</text>
  </pattern></defs>
  <rect width="100%" height="100%" fill="url(#w)"/>
</svg>`;
    return base.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]);
  }
  const margin = mark.gravity === 'center' ? 0 : Math.round(Math.min(width, height) * 0.03);
  // The mark and its margins must fit inside the image for sharp to composite it.
  const markWidth = Math.max(1, Math.min(width - 2 * margin, Math.round(width * Math.min(1, Math.max(0.05, mark.scale ?? 0.25)))));
  const logo = await sharp(mark.image, imageInputOptions)
    .resize(markWidth, Math.max(1, height - 2 * margin), { fit: 'inside' })
    .ensureAlpha()
    .linear([1, 1, 1, opacity], [0, 0, 0, 0])
    .extend({ top: margin, bottom: margin, left: margin, right: margin, background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer()
    .catch(unreadable);
  return base.composite([{ input: logo, gravity: mark.gravity ?? 'southeast' }]);
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
