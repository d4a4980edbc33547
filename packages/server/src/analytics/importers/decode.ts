// Bytes to text for report files. Meta writes UTF-8 (often with a BOM); Google Ads' default "CSV" download
// is UTF-16LE with a BOM and tabs. The encoding is read from the BOM, or from where the zero bytes of
// ASCII text fall in UTF-16, and decoding streams: a character split across two chunks comes out whole.

export const reportEncodings = ['utf-8', 'utf-16le', 'utf-16be'] as const;
export type ReportEncoding = (typeof reportEncodings)[number];

/** A whole file, or its bytes as they arrive: a Node stream, a web `ReadableStream`, or any (async) iterable. */
export type ReportSource = string | Uint8Array | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array> | ReadableStream<Uint8Array>;

/** The encoding of a file from its first bytes. */
export function sniffEncoding(head: Uint8Array): ReportEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // Without a BOM, ASCII text in UTF-16 has a zero in every other byte.
  if (head.length >= 4 && head[1] === 0 && head[3] === 0 && head[0] !== 0) return 'utf-16le';
  if (head.length >= 4 && head[0] === 0 && head[2] === 0 && head[1] !== 0) return 'utf-16be';
  return 'utf-8';
}

async function* chunksOf(source: ReportSource): AsyncGenerator<Uint8Array | string> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    yield source;
    return;
  }
  // Node 20's web ReadableStream is async-iterable, though the DOM typings do not say so.
  yield* source as AsyncIterable<Uint8Array | string>;
}

/**
 * The text of a report, chunk by chunk, and the encoding it was read with. A BOM is dropped.
 *
 * @example
 * const { encoding, text } = await decodeReport(createReadStream('campaigns.csv'));
 * for await (const chunk of text) process(chunk);
 */
export async function decodeReport(
  source: ReportSource,
  forced?: ReportEncoding,
): Promise<{ encoding: ReportEncoding; text: AsyncGenerator<string> }> {
  const chunks = chunksOf(source);
  // Four bytes tell the encoding; chunks may be smaller than that, so gather them first.
  let head: Uint8Array = new Uint8Array(0);
  let first: IteratorResult<Uint8Array | string>;
  while (!(first = await chunks.next()).done) {
    const chunk = first.value;
    if (typeof chunk === 'string') {
      if (head.length > 0) throw new TypeError('A report source must give either bytes or text, not both');
      return { encoding: 'utf-8', text: textOf(chunk, chunks) };
    }
    head = concat(head, chunk);
    if (head.length >= 4) break;
  }
  const encoding = forced ?? sniffEncoding(head);
  return { encoding, text: decoded(new TextDecoder(encoding), head, chunks) };
}

async function* textOf(first: string, rest: AsyncGenerator<Uint8Array | string>): AsyncGenerator<string> {
  yield first.replace(/^\uFEFF/, '');
  for await (const chunk of rest) {
    if (typeof chunk !== 'string') throw new TypeError('A report source must give either bytes or text, not both');
    yield chunk;
  }
}

async function* decoded(decoder: TextDecoder, head: Uint8Array, rest: AsyncGenerator<Uint8Array | string>): AsyncGenerator<string> {
  const first = decoder.decode(head, { stream: true });
  if (first) yield first;
  for await (const chunk of rest) {
    if (typeof chunk === 'string') throw new TypeError('A report source must give either bytes or text, not both');
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const last = decoder.decode();
  if (last) yield last;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
