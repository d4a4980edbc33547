import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createBuiltinTagger, createRendition, renditionSpecs } from '../packages/server/src/dam/media/index.js';
import { tempDir } from '../packages/server/src/dam/media/source.js';
import { beachSvg, humanSamplesPath, textPng } from '../packages/server/src/dam/media/test-files.js';

// The DAM's media benchmarks, without a database: thumbnail throughput of createRendition against bare sharp
// doing the same resize and encode on the same files in the same run (target ≥ 0.8), and tagging throughput
// of the built-in tagger with its memory peak. Both use every core (2 here): thumbnails two at a time, tagging
// at the tagger's default concurrency.
//
//   node --conditions=source --import tsx bench/dam-thumbnails.ts [--images 16] [--rounds 5] [--seconds 3] [--tag-images 8]
//
// `runDamMediaBench()` returns the rows for bench/run.ts to print beside the HTTP scenarios.

/** One measured comparison or figure. */
export interface MediaBenchRow {
  name: string;
  /** Images per second of ours, and of the baseline when there is one. */
  ours: number;
  baseline?: number;
  ratio?: number;
  target?: number;
  verdict: 'ok' | 'missed target';
  note: string;
}

/**
 * Generates camera-sized JPEGs, measures thumbnails (ours vs bare sharp, alternating rounds) and tagging.
 *
 * @example const rows = await runDamMediaBench({ images: 16, rounds: 5, seconds: 3, tagImages: 8 })
 */
export async function runDamMediaBench(
  options: { images?: number; rounds?: number; seconds?: number; tagImages?: number } = {},
): Promise<MediaBenchRow[]> {
  const { images = 16, rounds = 5, seconds = 3, tagImages = 8 } = options;
  const tmp = await tempDir();
  try {
    const files = await cameraJpegs(tmp.path, images);
    return [await thumbnails(files, rounds, seconds), await tagging(files, tagImages)];
  } finally {
    await tmp.remove();
  }
}

/** 3000 × 2000 JPEGs of the beach scene under sensor-like noise, so they compress and decode like photos. */
async function cameraJpegs(dir: string, count: number): Promise<string[]> {
  const width = 3000;
  const height = 2000;
  const noise = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 24 } },
  })
    .png()
    .toBuffer();
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `photo-${i}.jpg`);
    const scene = Buffer.from(beachSvg(width, height, { x: 0.1 + (0.8 * i) / Math.max(1, count - 1), y: 0.3 }));
    await sharp(scene)
      .composite([{ input: noise, blend: 'soft-light' }])
      .jpeg({ quality: 90 })
      .toFile(path);
    files.push(path);
  }
  return files;
}

/** Runs `task` over the files, `parallel` at a time, round and round for `seconds`; returns images per second. */
async function throughput(files: string[], parallel: number, seconds: number, task: (file: string) => Promise<unknown>): Promise<number> {
  let next = 0;
  let done = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < until) {
        await task(files[next++ % files.length]!);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

async function thumbnails(files: string[], rounds: number, seconds: number): Promise<MediaBenchRow> {
  const spec = renditionSpecs.THUMBNAIL_MEDIUM;
  const bare = (file: string) =>
    sharp(file)
      .autoOrient()
      .resize(spec.width, spec.height, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: spec.quality, effort: 4 })
      .toBuffer();
  const ours = (file: string) => createRendition(file, 'THUMBNAIL_MEDIUM');
  const parallel = availableParallelism();
  // Warm both paths (libvips' caches, JIT), then alternate so drift in the machine's load hits both sides alike.
  await throughput(files, parallel, 1, bare);
  await throughput(files, parallel, 1, ours);
  const [baseline, mine] = [[] as number[], [] as number[]];
  for (let round = 0; round < rounds; round++) {
    baseline.push(await throughput(files, parallel, seconds, bare));
    mine.push(await throughput(files, parallel, seconds, ours));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const [b, o] = [median(baseline), median(mine)];
  const ratio = o / b;
  return {
    name: 'dam: THUMBNAIL_MEDIUM of 3000×2000 JPEGs',
    ours: o,
    baseline: b,
    ratio,
    target: 0.8,
    verdict: ratio >= 0.8 ? 'ok' : 'missed target',
    note:
      `median of ${rounds} alternating ${seconds} s rounds over ${files.length} images, ${parallel} at a time; ` +
      'baseline: bare sharp, same resize and WebP settings',
  };
}

async function tagging(files: string[], count: number): Promise<MediaBenchRow> {
  // A realistic mix: the photo grid with faces, text banners, and photos.
  const samples = await readFile(humanSamplesPath());
  const banners = await Promise.all(['Summer Sale', 'New Collection', 'Free Shipping'].map((t) => textPng(t)));
  const inputs: (string | Uint8Array)[] = Array.from({ length: count }, (_, i) =>
    i % 3 === 0 ? samples : i % 3 === 1 ? banners[i % banners.length]! : files[i % files.length]!,
  );
  let loadMs = 0;
  // The models run in the tagger's own process, which reports its resident memory with every image.
  const tagger = createBuiltinTagger({ onModelLoad: (_, ms) => (loadMs += ms) });
  try {
    const first = performance.now();
    await tagger.tag({ image: inputs[0]! });
    const firstMs = performance.now() - first;
    const afterLoad = tagger.stats().rss;
    const started = performance.now();
    await Promise.all(inputs.map((image) => tagger.tag({ image })));
    const perSecond = inputs.length / ((performance.now() - started) / 1000);
    const { peakRss, rss } = tagger.stats();
    const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
    return {
      name: 'dam: built-in tagging (objects, faces, OCR, labels)',
      ours: perSecond,
      verdict: 'ok',
      note:
        `${inputs.length} images at concurrency 1 after a first image of ${Math.round(firstMs)} ms ` +
        `(models loaded in ${Math.round(loadMs)} ms); tagger process RSS ${mb(afterLoad)} after the first image, ` +
        `${mb(rss)} after the last, peak ${mb(peakRss)}`,
    };
  } finally {
    await tagger.close();
  }
}

/** Prints the rows under the HTTP table of bench/run.ts, or alone. @example printMediaRows(await runDamMediaBench()) */
export function printMediaRows(rows: MediaBenchRow[]) {
  const f = (n: number | undefined, digits = 1) => (n === undefined ? '–' : n.toFixed(digits));
  console.log(`SpokeStack DAM media bench · Node ${process.version} · ${availableParallelism()}× ${cpus()[0]?.model.trim() ?? 'CPU'}\n`);
  for (const r of rows) {
    console.log(
      `${r.name}\n  ours ${f(r.ours)} images/s · baseline ${f(r.baseline)} images/s · ratio ${f(r.ratio, 2)}` +
        `${r.target === undefined ? '' : ` (target ≥ ${r.target.toFixed(2)})`} · ${r.verdict}\n  ${r.note}\n`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      images: { type: 'string', default: '16' },
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '3' },
      'tag-images': { type: 'string', default: '8' },
      json: { type: 'string' },
    },
  });
  const rows = await runDamMediaBench({
    images: Number(values.images),
    rounds: Number(values.rounds),
    seconds: Number(values.seconds),
    tagImages: Number(values['tag-images']),
  });
  printMediaRows(rows);
  if (values.json) await writeFile(values.json, JSON.stringify(rows, null, 2));
  process.exitCode = rows.some((r) => r.verdict !== 'ok') ? 1 : 0;
}
