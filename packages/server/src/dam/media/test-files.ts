import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { runTool } from './tools.js';

// Real files for the media tests and the benchmark, made on the spot with sharp, ffmpeg and pdf-lib: nothing
// binary is checked in, and each file is exactly what its test needs.

/** A landscape "photo": sky over sea over sand, with a sun, so it has real structure and a clear palette. */
export function beachSvg(width: number, height: number, sun = { x: 0.75, y: 0.3 }): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#2b6cb0"/><stop offset="1" stop-color="#90cdf4"/>
  </linearGradient></defs>
  <rect width="100%" height="60%" fill="url(#sky)"/>
  <rect y="60%" width="100%" height="15%" fill="#1a5f7a"/>
  <rect y="75%" width="100%" height="25%" fill="#e9c46a"/>
  <circle cx="${sun.x * width}" cy="${sun.y * height}" r="${Math.min(width, height) * 0.08}" fill="#ffd166"/>
</svg>`;
}

/** EXIF fields sharp writes (IFD0 = image, IFD2 = Exif, IFD3 = GPS), as libvips spells them. */
export type ExifFields = Parameters<Sharp['withExif']>[0];

/**
 * A JPEG of the beach scene, optionally with EXIF, XMP, an orientation and a density.
 *
 * @example const jpeg = await photoJpeg({ width: 1200, height: 800, exif: { IFD0: { Make: 'Canon' } } })
 */
export async function photoJpeg(
  options: {
    width?: number;
    height?: number;
    exif?: ExifFields;
    xmp?: string;
    orientation?: number;
    density?: number;
    quality?: number;
  } = {},
): Promise<Buffer> {
  const { width = 1200, height = 800 } = options;
  let image = sharp(Buffer.from(beachSvg(width, height)));
  if (options.exif) image = image.withExif(options.exif);
  if (options.xmp) image = image.withXmp(options.xmp);
  if (options.orientation || options.density)
    image = image.withMetadata({
      ...(options.orientation ? { orientation: options.orientation } : {}),
      ...(options.density ? { density: options.density } : {}),
    });
  return image.jpeg({ quality: options.quality ?? 90 }).toBuffer();
}

/** An XMP packet with creator, rights, keywords and a creation date, as Lightroom or Photoshop write them. */
export function xmpPacket(fields: { creator: string; rights: string; keywords: string[]; created: string }): string {
  const items = fields.keywords.map((k) => `<rdf:li>${k}</rdf:li>`).join('');
  const rdf = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
  return [
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="${rdf}">`,
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">',
    `<dc:creator><rdf:Seq><rdf:li>${fields.creator}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${fields.rights}</rdf:li></rdf:Alt></dc:rights>`,
    `<dc:subject><rdf:Bag>${items}</rdf:Bag></dc:subject><photoshop:DateCreated>${fields.created}</photoshop:DateCreated>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  ].join('');
}

/**
 * The JPEG with an IPTC block (APP13, Photoshop 3.0 resource 0x0404) after its SOI marker. sharp keeps IPTC it
 * reads but cannot write one, so the tests build it by the IPTC IIM specification: record 2 datasets, UTF-8.
 */
export function withIptc(
  jpeg: Buffer,
  fields: { byline?: string; copyright?: string; keywords?: string[]; title?: string; caption?: string },
): Buffer {
  const dataset = (record: number, id: number, value: string | Buffer) => {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
    const head = Buffer.from([0x1c, record, id, 0, 0]);
    head.writeUInt16BE(bytes.length, 3);
    return Buffer.concat([head, bytes]);
  };
  const iptc = Buffer.concat([
    dataset(1, 90, Buffer.from([0x1b, 0x25, 0x47])), // coded character set: UTF-8
    ...(fields.title ? [dataset(2, 5, fields.title)] : []),
    ...(fields.keywords ?? []).map((k) => dataset(2, 25, k)),
    ...(fields.byline ? [dataset(2, 80, fields.byline)] : []),
    ...(fields.copyright ? [dataset(2, 116, fields.copyright)] : []),
    ...(fields.caption ? [dataset(2, 120, fields.caption)] : []),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  const resource = Buffer.concat([Buffer.from('8BIM'), Buffer.from([0x04, 0x04, 0, 0]), size, iptc, Buffer.alloc(iptc.length % 2)]);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xed, 0, 0]), payload]);
  segment.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** A white PNG with one line of dark text, for OCR. */
export function textPng(text: string, options: { width?: number; height?: number; size?: number } = {}): Promise<Buffer> {
  const { width = 480, height = 160, size = 48 } = options;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>
<text x="30" y="${Math.round(height / 2 + size / 3)}" font-family="DejaVu Sans" font-size="${size}" fill="#123">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * A video of ffmpeg's moving test pattern with a sine tone (no audio when `audio` is false), in the container
 * the extension names: MP4/MOV/MKV/AVI get H.264 and AAC, WebM VP8 and Opus.
 *
 * @example await makeVideo(join(dir, 'clip.mp4'), { seconds: 3 })
 */
export async function makeVideo(
  path: string,
  options: { seconds?: number; width?: number; height?: number; fps?: number; audio?: boolean; channels?: number } = {},
): Promise<string> {
  const { seconds = 3, width = 320, height = 240, fps = 25, audio = true, channels = 2 } = options;
  const sound = audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`] : [];
  await runTool('ffmpeg', [
    ...[
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`,
    ],
    ...sound,
    // WebM holds only VP8/VP9/AV1 and Vorbis/Opus; everything else gets H.264 and AAC.
    ...(path.endsWith('.webm')
      ? ['-c:v', 'libvpx', '-deadline', 'realtime']
      : ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']),
    ...(audio ? ['-c:a', path.endsWith('.webm') ? 'libopus' : 'aac', '-ac', String(channels)] : []),
    path,
  ]);
  return path;
}

/** An audio file of a sine tone; the container follows the extension (`.mp3`, `.wav`, `.ogg`, `.flac`, `.m4a`). */
export async function makeAudio(path: string, options: { seconds?: number; channels?: number } = {}): Promise<string> {
  const { seconds = 2, channels = 2 } = options;
  const codec = path.endsWith('.ogg') ? ['-c:a', 'libvorbis'] : path.endsWith('.m4a') ? ['-c:a', 'aac'] : [];
  await runTool('ffmpeg', [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=44100:duration=${seconds}`],
    ...['-ac', String(channels), ...codec, path],
  ]);
  return path;
}

/** A PDF of A4 pages, each with a line of text, and a title and author. */
export async function makePdf(pages: number, words = 'Page of the summer campaign brief'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('Summer campaign brief');
  doc.setAuthor('Ada Lovelace');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawRectangle({ x: 0, y: 700, width: 595, height: 142, color: rgb(0.17, 0.42, 0.69) });
    page.drawText(`${words} ${i}`, { x: 50, y: 650, size: 20, font, color: rgb(0.1, 0.1, 0.1) });
  }
  return Buffer.from(await doc.save());
}

/** A ZIP with stored (uncompressed) entries: enough to stand for an Office, OpenDocument or Sketch file. */
export function makeZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The photo grid Human ships for its own tests: several people, faces in view. */
export function humanSamplesPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@vladmandic/human')), '..', 'assets', 'samples.jpg');
}
