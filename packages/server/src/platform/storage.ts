import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3ClientConfig } from '@aws-sdk/client-s3';

/** Where file bytes live. Keys are `/`-separated paths the platform chooses; never user input. */
export interface Storage {
  put(key: string, body: ReadableStream<Uint8Array> | Uint8Array, contentType: string): Promise<void>;
  /** The bytes as a web stream with their size, or null when absent. */
  get(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  delete(key: string): Promise<void>;
  /**
   * Where the bytes are, for parts that write there with their own client (the tus upload stores keep
   * their partial uploads beside the files, so any instance can resume them).
   */
  location?: { kind: 'local'; root: string } | { kind: 's3'; bucket: string; prefix?: string; client?: S3ClientConfig };
}

/**
 * Files in a local folder: the default for laptops and a single instance. Use S3-compatible
 * storage when several instances serve the same data.
 *
 * @example const storage = localStorage('.spokestack/files')
 */
export function localStorage(root: string): Storage {
  const base = resolve(root);
  const path = (key: string) => {
    const full = resolve(base, key);
    if (!full.startsWith(base + sep)) throw new Error(`Storage key escapes the root: ${key}`);
    return full;
  };
  return {
    location: { kind: 'local', root: base },
    async put(key, body) {
      const file = path(key);
      await mkdir(dirname(file), { recursive: true });
      const source =
        body instanceof Uint8Array ? Readable.from([body]) : Readable.fromWeb(body as import('node:stream/web').ReadableStream);
      await pipeline(source, createWriteStream(file));
    },
    async get(key) {
      const file = path(key);
      const info = await stat(file).catch(() => null);
      if (!info) return null;
      return { body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, size: info.size };
    },
    async delete(key) {
      await rm(path(key), { force: true });
    },
  };
}

export const storageKey = (...parts: string[]) =>
  join(...parts)
    .split(sep)
    .join('/');
