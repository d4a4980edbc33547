import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferAssetType } from './asset-type.js';
import { sniffFile, sniffType } from '../../platform/sniff.js';
import { type TempDir, tempDir } from './source.js';
import { beachSvg, makeAudio, makePdf, makeVideo, makeZip, photoJpeg } from './test-files.js';

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.remove());

const image = () => sharp(Buffer.from(beachSvg(64, 48)));

describe('sniffType reads the type from the bytes', () => {
  it('recognises the image formats sharp writes', async () => {
    const cases: [string, Buffer][] = [
      ['image/jpeg', await image().jpeg().toBuffer()],
      ['image/png', await image().png().toBuffer()],
      ['image/webp', await image().webp().toBuffer()],
      ['image/avif', await image().avif().toBuffer()],
      ['image/gif', await image().gif().toBuffer()],
      ['image/tiff', await image().tiff().toBuffer()],
    ];
    for (const [mime, bytes] of cases) expect(sniffType(bytes), mime).toMatchObject({ mime, kind: 'image', active: false });
  });

  it('recognises video and audio that ffmpeg writes, by content rather than by name', async () => {
    const files = {
      'clip.mp4': ['video/mp4', 'video'],
      'clip.webm': ['video/webm', 'video'],
      'clip.mov': ['video/quicktime', 'video'],
      'clip.mkv': ['video/x-matroska', 'video'],
      'clip.avi': ['video/x-msvideo', 'video'],
    } as const;
    for (const [name, [mime, kind]] of Object.entries(files)) {
      const path = join(tmp.path, name);
      await makeVideo(path, { seconds: 1, width: 64, height: 48 });
      expect(await sniffFile(path), name).toMatchObject({ mime, kind });
    }
    const sounds = {
      'tone.mp3': 'audio/mpeg',
      'tone.wav': 'audio/wav',
      'tone.ogg': 'audio/ogg',
      'tone.flac': 'audio/flac',
      'tone.m4a': 'audio/mp4',
    } as const;
    for (const [name, mime] of Object.entries(sounds)) {
      const path = join(tmp.path, name);
      await makeAudio(path, { seconds: 1 });
      expect(await sniffFile(path), name).toMatchObject({ mime, kind: 'audio' });
    }
  });

  it('recognises PDF, Office Open XML, OpenDocument and plain ZIP', async () => {
    expect(sniffType(await makePdf(2))).toMatchObject({ mime: 'application/pdf', ext: 'pdf', kind: 'document' });
    const office = (dir: string) =>
      makeZip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', [`${dir}/document.xml`]: '<x/>' });
    expect(sniffType(office('word')).ext).toBe('docx');
    expect(sniffType(office('xl')).ext).toBe('xlsx');
    expect(sniffType(office('ppt'))).toMatchObject({ ext: 'pptx', kind: 'document' });
    const odp = makeZip({ mimetype: 'application/vnd.oasis.opendocument.presentation', 'content.xml': '<x/>' });
    expect(sniffType(odp)).toMatchObject({ mime: 'application/vnd.oasis.opendocument.presentation', ext: 'odp' });
    expect(sniffType(makeZip({ 'photos/a.jpg': 'x' }))).toMatchObject({ mime: 'application/zip', kind: 'archive' });
  });

  it('marks SVG, HTML, XHTML, XML and JavaScript as active content, whatever precedes the first tag', () => {
    const active = {
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>': 'image/svg+xml',
      '\uFEFF<?xml version="1.0"?>\n<!-- Generator: Illustrator -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg/>':
        'image/svg+xml',
      '  <!DOCTYPE html><html><body>hi</body></html>': 'text/html',
      '<script>fetch("/v1/platform/api-keys")</script>': 'text/html',
      '<!-- note --><div onclick="x()">': 'text/html',
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>': 'application/xhtml+xml',
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>': 'application/xml',
      '"use strict";\nwindow.location = "https://evil.example";': 'text/javascript',
      '// tracker\nimport { x } from "./x.js";\nx();': 'text/javascript',
      '(function () { document.cookie; })();': 'text/javascript',
    };
    for (const [text, mime] of Object.entries(active)) expect(sniffType(Buffer.from(text)), text).toMatchObject({ mime, active: true });
    // The same markup in UTF-16 (which browsers decode too) is still SVG.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>', 'utf16le')]);
    expect(sniffType(utf16)).toMatchObject({ mime: 'image/svg+xml', active: true });
  });

  it('keeps plain text, CSV and JSON inert, and unknown bytes a download', () => {
    expect(sniffType(Buffer.from('Let me know what you think of the brief.\nThanks!'))).toMatchObject({
      mime: 'text/plain',
      active: false,
    });
    expect(sniffType(Buffer.from('name,email,plan\nAda,ada@example.com,pro\nBob,bob@example.com,free\n'))).toMatchObject({
      mime: 'text/csv',
      kind: 'document',
    });
    expect(sniffType(Buffer.from('{"campaign": "summer", "budget": 1200}'))).toMatchObject({ mime: 'application/json', active: false });
    expect(sniffType(Buffer.from([0x00, 0x13, 0x37, 0xfe, 0x00, 0x01, 0x02]))).toMatchObject({
      mime: 'application/octet-stream',
      active: false,
    });
    expect(sniffType(new Uint8Array())).toMatchObject({ mime: 'application/octet-stream' });
  });

  it('tolerates a head cut in the middle of a multi-byte character', () => {
    const text = Buffer.from('Café brief — été 2024 ✓');
    expect(sniffType(text.subarray(0, text.length - 1))).toMatchObject({ mime: 'text/plain' });
  });
});

describe('inferAssetType', () => {
  it('maps each family to the spec enum and refines it with metadata and the name', async () => {
    const jpeg = sniffType(await photoJpeg({ width: 64, height: 48 }));
    expect(inferAssetType(jpeg, { width: 4000, height: 3000, cameraMake: 'Canon' })).toBe('IMAGE_PHOTO');
    expect(inferAssetType(jpeg, { fileName: 'acme-logo.jpg' })).toBe('IMAGE_LOGO');
    const png = sniffType(await image().png().toBuffer());
    expect(inferAssetType(png, { width: 1200, height: 630 })).toBe('IMAGE_GRAPHIC');
    expect(inferAssetType(png, { width: 64, height: 64 })).toBe('IMAGE_ICON');
    const svg = sniffType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(inferAssetType(svg, { fileName: 'Brand Logo.svg' })).toBe('IMAGE_LOGO');

    const mp4 = { mime: 'video/mp4', ext: 'mp4', kind: 'video', active: false } as const;
    expect(inferAssetType(mp4, { duration: 95, hasVideo: true, hasAudio: true })).toBe('VIDEO_EDITED');
    expect(inferAssetType(mp4, { duration: 8, hasVideo: true, hasAudio: false })).toBe('VIDEO_MOTION');
    expect(inferAssetType(mp4, { fileName: 'raw-footage-day1.mp4', hasVideo: true, hasAudio: true })).toBe('VIDEO_RAW');
    expect(inferAssetType(mp4, { duration: 180, hasVideo: false, channels: 2 })).toBe('AUDIO_MUSIC');

    const mp3 = { mime: 'audio/mpeg', ext: 'mp3', kind: 'audio', active: false } as const;
    expect(inferAssetType(mp3, { duration: 1.5 })).toBe('AUDIO_SFX');
    expect(inferAssetType(mp3, { duration: 30, channels: 1 })).toBe('AUDIO_VOICEOVER');
    expect(inferAssetType(mp3, { duration: 200, channels: 2 })).toBe('AUDIO_MUSIC');

    const pdf = sniffType(await makePdf(1));
    expect(inferAssetType(pdf)).toBe('DOC_REPORT');
    expect(inferAssetType(pdf, { fileName: 'Creative Brief - Summer.pdf' })).toBe('DOC_BRIEF');
    expect(inferAssetType(sniffType(makeZip({ 'ppt/presentation.xml': '<x/>' })))).toBe('DOC_PRESENTATION');
    expect(inferAssetType(sniffType(makeZip({ 'word/document.xml': '<x/>' })))).toBe('DOC_COPY');
    expect(inferAssetType(sniffType(Buffer.from('8BPS\0\x01')))).toBe('DESIGN_SOURCE');
    expect(inferAssetType(sniffType(Buffer.from('wOF2\0\x01\0\0')))).toBe('FONT');
    expect(inferAssetType(sniffType(Buffer.from('glTF\x02\0\0\0')))).toBe('THREE_D_MODEL');
    expect(inferAssetType(sniffType(Buffer.from('<html><body>x</body></html>')))).toBe('OTHER');
  });

  it('reads the header of a file on disk, never its name', async () => {
    const jpegNamedPng = join(tmp.path, 'photo.png');
    await sharp(await photoJpeg({ width: 32, height: 32 }))
      .jpeg()
      .toFile(jpegNamedPng);
    expect(await sniffFile(jpegNamedPng)).toMatchObject({ mime: 'image/jpeg', ext: 'jpg' });
  });
});
