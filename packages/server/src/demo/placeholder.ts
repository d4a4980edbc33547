import { crc32, deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];

const hex = (color: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16)) as unknown as Rgb;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A real PNG for a demo image: `width`×`height`, a vertical gradient from `top` to `bottom` (`#rrggbb`).
 * Rows are single colours, so it compresses to a few kilobytes whatever its size.
 *
 * @example await storage.put(key, placeholderPng(480, 270, '#2563eb', '#0f172a'), 'image/png')
 */
export function placeholderPng(width: number, height: number, top: string, bottom: string): Buffer {
  const [from, to] = [hex(top), hex(bottom)];
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const t = height > 1 ? y / (height - 1) : 0;
    const rgb = from.map((c, i) => Math.round(c + (to[i]! - c) * t));
    // Each row: filter byte 0 (none), then its pixels.
    for (let x = 0; x < width; x++) raw.set(rgb, y * stride + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
