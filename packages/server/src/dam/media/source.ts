import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';

/**
 * What the media functions read: a file path, bytes in memory, or a stream (Node or web, e.g. `Storage.get().body`).
 * A stream is read once; functions that need to seek (ffmpeg on MP4, poppler) copy it to a temporary file
 * first, so memory stays bounded whatever the file's size.
 */
export type MediaSource = string | Uint8Array | Readable | ReadableStream<Uint8Array>;

/** A folder of temporary files and its removal. */
export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

/**
 * A fresh private folder under the system's temp directory.
 *
 * @example const tmp = await tempDir(); try { … } finally { await tmp.remove() }
 */
export async function tempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'spokestack-media-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Runs `fn` with an absolute path to the source's bytes (never one a tool could take for an option): a path
 * as it is, anything else copied (streamed) to a temporary file that is removed afterwards.
 *
 * @example const info = await withLocalFile(storageObject.body, (path) => probeMedia(path))
 */
export async function withLocalFile<T>(source: MediaSource, fn: (path: string) => Promise<T>): Promise<T> {
  if (typeof source === 'string') return fn(resolve(source));
  const tmp = await tempDir();
  try {
    const path = join(tmp.path, 'source');
    await pipeline(toNodeStream(source), createWriteStream(path));
    return await fn(path);
  } finally {
    await tmp.remove();
  }
}

/**
 * Runs `fn` with something sharp and exifr read at random: a path or bytes as they are, a stream copied to a
 * temporary file first (sharp would otherwise gather the whole stream in memory).
 *
 * @example const meta = await withRandomAccess(source, (input) => sharp(input).metadata())
 */
export function withRandomAccess<T>(source: MediaSource, fn: (input: string | Uint8Array) => Promise<T>): Promise<T> {
  return source instanceof Uint8Array ? fn(source) : withLocalFile(source, fn);
}

/** The source as a Node stream. @example await pipeline(toNodeStream(bytes), createWriteStream(path)) */
export function toNodeStream(source: Exclude<MediaSource, string>): Readable {
  if (source instanceof Uint8Array) return Readable.from([source]);
  if (source instanceof Readable) return source;
  return Readable.fromWeb(source as WebReadableStream<Uint8Array>);
}

// The head reader lives with the one sniffer, in the platform.
export { readHead } from '../../platform/sniff.js';
