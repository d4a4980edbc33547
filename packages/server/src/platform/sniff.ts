import { open } from 'node:fs/promises';

// The one sniffer of the platform (uploads, the DAM's media library). The type of an upload, read from its bytes: the
// client's Content-Type and file name are claims, and a claim
// of image/png on an HTML page is how stored XSS starts. Signatures come from the formats' specifications and
// the WHATWG MIME Sniffing standard; text formats (SVG, HTML, XML, JavaScript) are recognised by their first
// tokens, and every type a browser could run is marked `active` so it is served as an attachment.

/** The family of a sniffed type: what the DAM can do with it (metadata, renditions, asset type). */
export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'design' | 'font' | 'model' | 'archive' | 'text' | 'other';

/** A type read from the bytes. */
export interface SniffedType {
  /** The media type to store and serve, e.g. `image/jpeg`. */
  mime: string;
  /** The usual file extension, without a dot, e.g. `jpg`. */
  ext: string;
  kind: MediaKind;
  /** A browser would run it (HTML, SVG, XML, JavaScript, Flash): serve it as an attachment under a sandbox CSP. */
  active: boolean;
}

/** How many leading bytes `sniffType` looks at; office files list their parts within them. */
export const sniffHeadBytes = 64 * 1024;

const t = (mime: string, ext: string, kind: MediaKind, active = false): SniffedType => ({ mime, ext, kind, active });

/** What unrecognised binary bytes are: stored and served as a download, never interpreted. */
export const unknownType: SniffedType = t('application/octet-stream', 'bin', 'other');

/**
 * The type of a file from its first bytes (pass at least `sniffHeadBytes` of them, or the whole file when it is
 * shorter). Never throws; unknown binary data is `application/octet-stream`, unknown text `text/plain`.
 *
 * @example
 * sniffType(await readHead(path))   // { mime: 'image/jpeg', ext: 'jpg', kind: 'image', active: false }
 * sniffType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')).active   // true
 */
export function sniffType(head: Uint8Array): SniffedType {
  // A UTF-16 byte order mark (FF FE) also reads as an MPEG audio frame header: text decides first there.
  const utf16 = at(head, [0xff, 0xfe]) || at(head, [0xfe, 0xff]);
  return (utf16 ? sniffText(head) : undefined) ?? sniffBinary(head) ?? sniffText(head) ?? unknownType;
}

/** The first `size` bytes of a file or buffer (fewer when it is shorter). @example sniffType(await readHead(path)) */
export async function readHead(source: string | Uint8Array, size = sniffHeadBytes): Promise<Uint8Array> {
  if (typeof source !== 'string') return source.subarray(0, size);
  const file = await open(source, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await file.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * `sniffType` over the head of a file or of bytes in memory.
 *
 * @example const type = await sniffFile('/uploads/abc')
 */
export async function sniffFile(source: string | Uint8Array): Promise<SniffedType> {
  return sniffType(await readHead(source, sniffHeadBytes));
}

const at = (b: Uint8Array, sig: string | readonly number[], offset = 0): boolean => {
  if (b.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) {
    const want = typeof sig === 'string' ? sig.charCodeAt(i) : sig[i];
    if (b[offset + i] !== want) return false;
  }
  return true;
};
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
const ascii = (b: Uint8Array, start: number, end: number) => latin1(b.subarray(start, Math.min(end, b.length)));
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);

function sniffBinary(b: Uint8Array): SniffedType | undefined {
  // Images
  if (at(b, [0xff, 0xd8, 0xff])) return t('image/jpeg', 'jpg', 'image');
  if (at(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return t('image/png', 'png', 'image');
  if (at(b, 'GIF87a') || at(b, 'GIF89a')) return t('image/gif', 'gif', 'image');
  if (at(b, 'RIFF') && at(b, 'WEBP', 8)) return t('image/webp', 'webp', 'image');
  if (at(b, 'II*\0') || at(b, 'MM\0*')) return at(b, 'CR', 8) ? t('image/x-canon-cr2', 'cr2', 'image') : t('image/tiff', 'tif', 'image');
  if (at(b, 'BM') && at(b, [0, 0, 0, 0], 6) && b.length >= 26) return t('image/bmp', 'bmp', 'image');
  if (at(b, [0, 0, 1, 0]) && b.length >= 22 && u16le(b, 4) > 0 && u16le(b, 4) < 256) return t('image/x-icon', 'ico', 'image');
  if (at(b, [0xff, 0x0a]) || at(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a])) return t('image/jxl', 'jxl', 'image');
  if (at(b, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20])) return t('image/jp2', 'jp2', 'image');
  if (at(b, '8BPS')) return t('image/vnd.adobe.photoshop', 'psd', 'design');
  if (at(b, 'ftyp', 4)) return isoMedia(b);
  // Video
  if (at(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    return latin1(b.subarray(0, 4096)).includes('webm') ? t('video/webm', 'webm', 'video') : t('video/x-matroska', 'mkv', 'video');
  }
  if (at(b, 'RIFF') && at(b, 'AVI ', 8)) return t('video/x-msvideo', 'avi', 'video');
  if (at(b, 'FLV\x01')) return t('video/x-flv', 'flv', 'video');
  if (at(b, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return t('video/x-ms-asf', 'wmv', 'video');
  if (at(b, [0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0d, 0x01, 0x02])) return t('application/mxf', 'mxf', 'video');
  if (b[0] === 0x47 && b.length >= 377 && b[188] === 0x47 && b[376] === 0x47) return t('video/mp2t', 'ts', 'video');
  if (at(b, [0, 0, 1, 0xba]) || at(b, [0, 0, 1, 0xb3])) return t('video/mpeg', 'mpg', 'video');
  // Audio
  if (at(b, 'RIFF') && at(b, 'WAVE', 8)) return t('audio/wav', 'wav', 'audio');
  if (at(b, 'fLaC')) return t('audio/flac', 'flac', 'audio');
  if (at(b, 'FORM') && (at(b, 'AIFF', 8) || at(b, 'AIFC', 8))) return t('audio/aiff', 'aif', 'audio');
  if (at(b, 'OggS')) {
    const head = latin1(b.subarray(0, 512));
    if (head.includes('OpusHead')) return t('audio/ogg', 'opus', 'audio');
    if (head.includes('\x80theora')) return t('video/ogg', 'ogv', 'video');
    return t('audio/ogg', 'ogg', 'audio');
  }
  if (at(b, 'ID3')) return t('audio/mpeg', 'mp3', 'audio');
  if (b[0] === 0xff && b.length > 2 && (b[1]! & 0xe0) === 0xe0) {
    // An MPEG audio frame header: layer bits 00 are AAC's ADTS, anything else MPEG-1/2 audio (MP3).
    const layer = (b[1]! >> 1) & 3;
    if (layer === 0 && (b[1]! & 0xf6) === 0xf0) return t('audio/aac', 'aac', 'audio');
    if (layer !== 0 && ((b[1]! >> 3) & 3) !== 1 && b[2]! >> 4 !== 0x0f) return t('audio/mpeg', 'mp3', 'audio');
  }
  if (at(b, 'MThd')) return t('audio/midi', 'mid', 'audio');
  // Documents and design files (a PDF may carry up to 1 KiB of junk before its header, and readers accept it)
  if (latin1(b.subarray(0, 1024)).includes('%PDF-')) return t('application/pdf', 'pdf', 'document');
  if (at(b, '%!PS')) {
    return ascii(b, 0, 40).split('\n')[0]!.includes('EPSF')
      ? t('application/postscript', 'eps', 'design')
      : t('application/postscript', 'ps', 'document');
  }
  if (at(b, [0xc5, 0xd0, 0xd3, 0xc6])) return t('application/postscript', 'eps', 'design');
  if (at(b, '{\\rtf')) return t('application/rtf', 'rtf', 'document');
  if (at(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return compoundFile(b);
  if (at(b, 'PK\x03\x04')) return zipBased(b);
  if (at(b, [0x06, 0x06, 0xed, 0xf5, 0xd8, 0x1d, 0x46, 0xe5, 0xbd, 0x31, 0xef, 0xe7, 0xfe, 0x74, 0xb7, 0x1d]))
    return t('application/x-indesign', 'indd', 'design');
  if (at(b, 'fig-kiwi')) return t('application/x-figma', 'fig', 'design');
  // Fonts
  if (at(b, 'wOFF')) return t('font/woff', 'woff', 'font');
  if (at(b, 'wOF2')) return t('font/woff2', 'woff2', 'font');
  if (at(b, 'OTTO')) return t('font/otf', 'otf', 'font');
  if (at(b, 'ttcf')) return t('font/collection', 'ttc', 'font');
  if ((at(b, [0, 1, 0, 0]) || at(b, 'true')) && b.length >= 12) {
    const tables = (b[4]! << 8) | b[5]!;
    if (tables > 3 && tables < 64) return t('font/ttf', 'ttf', 'font');
  }
  // 3D
  if (at(b, 'glTF')) return t('model/gltf-binary', 'glb', 'model');
  if (at(b, 'Kaydara FBX Binary')) return t('application/octet-stream', 'fbx', 'model');
  // Archives
  if (at(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return t('application/x-7z-compressed', '7z', 'archive');
  if (at(b, 'Rar!\x1a\x07')) return t('application/vnd.rar', 'rar', 'archive');
  if (at(b, [0x1f, 0x8b])) return t('application/gzip', 'gz', 'archive');
  if (at(b, 'BZh')) return t('application/x-bzip2', 'bz2', 'archive');
  if (at(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return t('application/x-xz', 'xz', 'archive');
  if (at(b, 'ustar', 257)) return t('application/x-tar', 'tar', 'archive');
  // Runs in old browser plug-ins: never inline.
  if (at(b, 'FWS') || at(b, 'CWS') || at(b, 'ZWS')) return t('application/x-shockwave-flash', 'swf', 'other', true);
  if (at(b, 'MZ')) return t('application/vnd.microsoft.portable-executable', 'exe', 'other');
  if (at(b, '\0asm')) return t('application/wasm', 'wasm', 'other');
  return undefined;
}

/** ISO base media files (MP4, MOV, HEIC, AVIF, M4A, CR3) by their major and compatible brands. */
function isoMedia(b: Uint8Array): SniffedType {
  const size = Math.min(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0, b.length, 256);
  const major = ascii(b, 8, 12);
  const brands = new Set([major]);
  for (let i = 16; i + 4 <= size; i += 4) brands.add(ascii(b, i, i + 4));
  if (brands.has('avif') || brands.has('avis')) return t('image/avif', 'avif', 'image');
  if (major === 'crx ') return t('image/x-canon-cr3', 'cr3', 'image');
  if (['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx'].some((brand) => brands.has(brand))) return t('image/heic', 'heic', 'image');
  if (major === 'mif1' || major === 'msf1') return t('image/heif', 'heif', 'image');
  if (major === 'qt  ') return t('video/quicktime', 'mov', 'video');
  if (major === 'M4A ' || major === 'M4B ' || major === 'F4A ') return t('audio/mp4', 'm4a', 'audio');
  if (major === 'M4V ' || major === 'M4VH' || major === 'M4VP') return t('video/x-m4v', 'm4v', 'video');
  if (major.startsWith('3g2')) return t('video/3gpp2', '3g2', 'video');
  if (major.startsWith('3gp')) return t('video/3gpp', '3gp', 'video');
  return t('video/mp4', 'mp4', 'video');
}

const openDocument: Record<string, SniffedType> = {
  'application/vnd.oasis.opendocument.text': t('application/vnd.oasis.opendocument.text', 'odt', 'document'),
  'application/vnd.oasis.opendocument.spreadsheet': t('application/vnd.oasis.opendocument.spreadsheet', 'ods', 'document'),
  'application/vnd.oasis.opendocument.presentation': t('application/vnd.oasis.opendocument.presentation', 'odp', 'document'),
  'application/vnd.oasis.opendocument.graphics': t('application/vnd.oasis.opendocument.graphics', 'odg', 'design'),
  'application/epub+zip': t('application/epub+zip', 'epub', 'document'),
  'application/vnd.adobe.sparkler.project+dcxucf': t('application/vnd.adobe.xd', 'xd', 'design'),
};

/** ZIP containers: Office Open XML, OpenDocument, EPUB, iWork, Sketch, Adobe XD, USDZ; else a plain ZIP. */
function zipBased(b: Uint8Array): SniffedType {
  const text = latin1(b);
  const names: string[] = [];
  // Local file headers: flags at +6, method at +8, compressed size at +18, name length at +26, extra length at
  // +28, name at +30. Entries written with a data descriptor carry no sizes here, so headers are found by
  // their signature rather than by walking from one to the next.
  for (let i = text.indexOf('PK\x03\x04'); i >= 0 && i + 30 <= b.length; i = text.indexOf('PK\x03\x04', i + 4)) {
    const nameLength = u16le(b, i + 26);
    const name = text.slice(i + 30, i + 30 + nameLength);
    names.push(name);
    // A stored `mimetype` first entry names the format (OpenDocument, EPUB, Adobe XD).
    if (names.length === 1 && name === 'mimetype' && u16le(b, i + 8) === 0) {
      const start = i + 30 + nameLength + u16le(b, i + 28);
      const known = openDocument[text.slice(start, start + Math.min(u16le(b, i + 18), 100)).trim()];
      if (known) return known;
    }
  }
  const has = (prefix: string) => names.some((name) => name.startsWith(prefix));
  if (has('word/')) return t('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx', 'document');
  if (has('xl/')) return t('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx', 'document');
  if (has('ppt/')) return t('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx', 'document');
  if (has('Index/Slide') || has('Index/MasterSlide')) return t('application/vnd.apple.keynote', 'key', 'document');
  if (has('Index/Tables/') || has('Index/CalculationEngine')) return t('application/vnd.apple.numbers', 'numbers', 'document');
  if (has('Index/Document.iwa')) return t('application/vnd.apple.pages', 'pages', 'document');
  if (has('pages/') && (has('document.json') || has('meta.json'))) return t('application/x-sketch', 'sketch', 'design');
  if (names[0] && /\.usd[ac]?$/.test(names[0])) return t('model/vnd.usdz+zip', 'usdz', 'model');
  return t('application/zip', 'zip', 'archive');
}

/** OLE compound files (Word 97–2003, Excel, PowerPoint), told apart by their stream names when they are in the head. */
function compoundFile(b: Uint8Array): SniffedType {
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength & ~1).toString('utf16le');
  if (text.includes('WordDocument')) return t('application/msword', 'doc', 'document');
  if (text.includes('Workbook') || text.includes('Book\0')) return t('application/vnd.ms-excel', 'xls', 'document');
  if (text.includes('PowerPoint Document')) return t('application/vnd.ms-powerpoint', 'ppt', 'document');
  return t('application/x-ole-storage', 'cfb', 'document');
}

// Text formats ---------------------------------------------------------------------------------------------

/** WHATWG MIME Sniffing's HTML patterns: one of these tags, then a space or `>`. */
const htmlTags = [
  '!doctype html',
  'html',
  'head',
  'script',
  'iframe',
  'h1',
  'div',
  'font',
  'table',
  'a',
  'style',
  'title',
  'b',
  'body',
  'br',
  'p',
];

function sniffText(b: Uint8Array): SniffedType | undefined {
  const text = decodeText(b);
  if (text === undefined) return undefined;
  const start = text.replace(/^\s+/, '');
  const lower = start.slice(0, 4096).toLowerCase();
  if (lower.startsWith('<')) {
    const root = rootElement(lower);
    if (root === 'svg' || /^<!doctype\s+svg/.test(skipProlog(lower))) return t('image/svg+xml', 'svg', 'image', true);
    if (root === 'html' && lower.startsWith('<?xml')) return t('application/xhtml+xml', 'xhtml', 'text', true);
    const opening = skipProlog(lower);
    for (const tag of htmlTags) {
      const next = opening.charAt(tag.length + 1);
      if (opening.startsWith(`<${tag}`) && (next === '>' || /\s/.test(next))) return t('text/html', 'html', 'text', true);
    }
    if (lower.startsWith('<?xml') || root) return t('application/xml', 'xml', 'text', true);
  }
  if (looksLikeJavaScript(start)) return t('text/javascript', 'js', 'text', true);
  if (/^[{[]\s*("|\{|\[|\]|\}|-?\d|true|false|null)/.test(start)) return t('application/json', 'json', 'text');
  if (looksLikeCsv(start)) return t('text/csv', 'csv', 'document');
  return t('text/plain', 'txt', 'text');
}

/** The bytes as text (UTF-8, or UTF-16 with a BOM), or undefined when they are binary. */
function decodeText(b: Uint8Array): string | undefined {
  if (b.length === 0) return undefined;
  let text: string;
  if (at(b, [0xff, 0xfe]) || at(b, [0xfe, 0xff])) {
    const body = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
    text = (b[0] === 0xfe ? body.swap16() : body).toString('utf16le');
  } else {
    let body = at(b, [0xef, 0xbb, 0xbf]) ? b.subarray(3) : b;
    // The head may end inside a multi-byte character: drop a partial last character before the strict decode.
    for (let i = body.length - 1, n = 0; i >= 0 && n < 4 && (body[i]! & 0x80) !== 0; i--, n++) {
      if ((body[i]! & 0xc0) === 0xc0) {
        const need = body[i]! >= 0xf0 ? 4 : body[i]! >= 0xe0 ? 3 : 2;
        if (body.length - i < need) body = body.subarray(0, i);
        break;
      }
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return undefined;
    }
  }
  return /[\0-\x08\x0e-\x1a\x1c-\x1f]/.test(text) ? undefined : text;
}

/** Skips the XML declaration, processing instructions and comments before the first element or doctype. */
function skipProlog(lower: string): string {
  let rest = lower;
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    if (rest.startsWith('<?')) rest = rest.slice(rest.includes('?>') ? rest.indexOf('?>') + 2 : rest.length);
    else if (rest.startsWith('<!--')) rest = rest.slice(rest.includes('-->') ? rest.indexOf('-->') + 3 : rest.length);
    else return rest;
  }
}

/** The local name of the first element after the prolog and doctype, e.g. `svg`, or undefined. */
function rootElement(lower: string): string | undefined {
  let rest = skipProlog(lower);
  if (rest.startsWith('<!doctype')) rest = skipProlog(rest.slice(rest.indexOf('>') + 1));
  return /^<([a-z_][\w.-]*:)?([a-z_][\w.-]*)[\s/>]/.exec(rest)?.[2];
}

/** Source text that opens like a script or module (a keyword, a directive, an IIFE) and has code punctuation. */
function looksLikeJavaScript(start: string): boolean {
  const code = start.replace(/^(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)+/, '');
  if (/^#![^\n]*\b(node|deno|bun)\b/.test(code)) return true;
  const opener = new RegExp(
    [
      `^['"]use strict['"]`,
      `^import\\s*[{*\\w'"(]`,
      `^export\\s+(default|const|function|class|let|var|async|\\{)`,
      `^(const|let|var)\\s+[\\w$[{]+\\s*=`,
      `^(async\\s+)?function[\\s*(]`,
      `^class\\s+\\w+\\s*(extends|\\{)`,
      `^[!(]\\s*function\\b`,
      `^\\(\\s*\\(\\s*\\)\\s*=>`,
      `^(window|document|globalThis|self)\\.[\\w$]+\\s*[=(.]`,
    ].join('|'),
  );
  return opener.test(code) && /[;{}()=]/.test(code.slice(0, 200));
}

/** Several lines with the same number (≥ 1) of commas, semicolons or tabs outside quotes. */
function looksLikeCsv(start: string): boolean {
  const lines = start.split(/\r?\n/, 6).filter((line) => line.length > 0);
  if (lines.length < 2) return false;
  const counts = lines.slice(0, 5).map((line) => (line.replace(/"[^"]*"/g, '').match(/[,;\t]/g) ?? []).length);
  return counts[0]! >= 1 && counts.every((count) => count === counts[0]);
}

// Types a browser only displays: images but SVG, audio, video, plain text and PDF (its viewer runs no
// script of ours). Everything else — HTML, SVG, XML, JavaScript, and anything unknown — is served as an
// attachment, so nothing uploaded ever runs on the API's origin.
const inlineImages = /^image\/(png|jpeg|gif|webp|avif|bmp|tiff|x-icon|vnd\.microsoft\.icon|heic|heif)$/;
const inlineOthers = /^(audio\/[\w.+-]+|video\/[\w.+-]+|text\/plain|application\/pdf)$/;

/**
 * Whether a stored type may be shown inline; false for every type a browser could run, and for unknown ones.
 *
 * @example servedInline('image/png') // true
 * servedInline('image/svg+xml')      // false
 */
export const servedInline = (mime: string) => {
  const type = mime.toLowerCase();
  return (inlineImages.test(type) || inlineOthers.test(type)) && !/xml|script|html/.test(type);
};

// Text types the sniffer reads as plain text but a client may name more precisely; kept when claimed.
const plainTextClaims = new Set(['text/csv', 'text/markdown', 'application/json', 'text/tab-separated-values', 'text/calendar']);

/**
 * The type to store for an upload: what the bytes are, never the client's claim — except a claim that
 * refines plain text to a harmless text type (CSV, JSON, Markdown).
 *
 * @example storedType(sniffType(bytes), 'image/png') // 'text/html' when the bytes are an HTML page
 */
export function storedType(sniffed: SniffedType, claimed: string): string {
  const claim = claimed.split(';')[0]!.trim().toLowerCase();
  return sniffed.mime === 'text/plain' && plainTextClaims.has(claim) ? claim : sniffed.mime;
}
