import { MediaError } from './errors.js';
import { type MediaSource, withLocalFile } from './source.js';
import { runTool, type ToolOptions } from './tools.js';

/** What poppler's pdfinfo and pdftotext say about a PDF. */
export interface PdfInfo {
  pageCount: number;
  /** Words of text over all pages (0 for a scan without a text layer). */
  wordCount: number;
  /** The first page's size in points (1/72 inch). */
  pageWidth?: number;
  pageHeight?: number;
  title?: string;
  author?: string;
  /** The application that made the document. */
  creator?: string;
  producer?: string;
  /** The document contains JavaScript (a viewer may run it: never open it inline). */
  hasJavaScript: boolean;
}

/**
 * Page count, word count, page size and the document's info of a PDF, by poppler (Debian's poppler-utils).
 * A PDF that cannot be opened without a password is MediaError `invalid`.
 *
 * @example (await readPdfInfo('/tmp/brief.pdf')).pageCount   // 3
 */
export async function readPdfInfo(source: MediaSource, options: ToolOptions = {}): Promise<PdfInfo> {
  return withLocalFile(source, async (path) => {
    const [info, text] = await Promise.all([
      poppler('pdfinfo', ['-enc', 'UTF-8', path], options),
      poppler('pdftotext', ['-enc', 'UTF-8', '-q', path, '-'], { maxOutputBytes: 32 * 1024 * 1024, ...options }).catch((error: unknown) => {
        // A huge text layer is counted no further than what fits; the page count still stands.
        if (error instanceof MediaError && error.code === 'too_large') return Buffer.alloc(0);
        throw error;
      }),
    ]);
    const fields = new Map<string, string>();
    for (const line of info.toString('utf8').split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    const pageCount = Number(fields.get('Pages'));
    if (!Number.isInteger(pageCount) || pageCount < 1) throw new MediaError('invalid', 'Not a readable PDF');
    const size = /^([\d.]+) x ([\d.]+) pts/.exec(fields.get('Page size') ?? '');
    const result: PdfInfo = {
      pageCount,
      wordCount: text.toString('utf8').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0,
      hasJavaScript: fields.get('JavaScript') === 'yes',
    };
    if (size) [result.pageWidth, result.pageHeight] = [Number(size[1]), Number(size[2])];
    for (const [key, field] of [
      ['title', 'Title'],
      ['author', 'Author'],
      ['creator', 'Creator'],
      ['producer', 'Producer'],
    ] as const) {
      const value = fields.get(field);
      if (value) result[key] = value;
    }
    return result;
  });
}

/**
 * One page of a PDF as a PNG whose longer side is `size` pixels, by poppler's pdftoppm: the DAM's document
 * previews and thumbnails start from it.
 *
 * @example const png = await renderPdfPage('/tmp/brief.pdf', { page: 1, size: 1600 })
 */
export async function renderPdfPage(source: MediaSource, options: { page?: number; size?: number } & ToolOptions = {}): Promise<Buffer> {
  const { page = 1, size = 2048, ...tool } = options;
  return withLocalFile(source, (path) =>
    poppler('pdftoppm', ['-png', '-f', String(page), '-l', String(page), '-singlefile', '-scale-to', String(size), path], tool),
  ).then((png) => {
    if (png.length === 0) throw new MediaError('invalid', `The PDF has no page ${page}`);
    return png;
  });
}

/** A poppler tool, its refusals of the file turned into `invalid`. */
function poppler(tool: string, args: string[], options: ToolOptions): Promise<Buffer> {
  return runTool(tool, args, { timeoutMs: 120_000, ...options }).catch((error: unknown) => {
    if (error instanceof MediaError && error.code === 'tool_failed') {
      const locked = /Incorrect password|encrypted/i.test(error.message);
      throw new MediaError('invalid', locked ? 'The PDF is password-protected' : 'Not a readable PDF', { cause: error });
    }
    throw error;
  });
}
