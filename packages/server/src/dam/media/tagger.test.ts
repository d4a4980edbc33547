import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createBuiltinTagger } from './builtin-tagger.js';
import { analyzeImage } from './image.js';
import { combineTaggers, heuristicLabels, limitConcurrency, type Tagger, type Tags, toAiMetadata } from './tagger.js';
import { humanSamplesPath, photoJpeg, textPng } from './test-files.js';

// One tagger for the file, as the server keeps one per process: the models load on first use only, in a child
// process of their own.
const loads: string[] = [];
const tagger = createBuiltinTagger({ onModelLoad: (model) => loads.push(model) });
afterAll(() => tagger.close());

describe('the built-in tagger', () => {
  it('reads a rendered word back as text, with where it is', async () => {
    const tags = await tagger.tag({ image: await textPng('Sunset'), fileName: 'banner.png' });
    expect(tags.text.map((line) => line.text)).toEqual(['Sunset']);
    expect(tags.text[0]!.confidence).toBeGreaterThan(0.8);
    // The word starts 30 px into a 480 × 160 image, on its middle band.
    expect(tags.text[0]!.box).toMatchObject({ x: expect.closeTo(30 / 480, 1), y: expect.closeTo(0.35, 1) });
    expect(toAiMetadata(tags, tagger.name).text).toBe('Sunset');
  });

  it('reads lines of a phrase in order (PaddleOCR may drop the space between two words)', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="260"><rect width="100%" height="100%" fill="#fff"/>
      <text x="30" y="90" font-family="DejaVu Sans" font-size="48">Summer Sale</text>
      <text x="30" y="200" font-family="DejaVu Sans" font-size="48">Up to 40% off</text></svg>`;
    const tags = await tagger.tag({ image: await sharp(Buffer.from(svg)).png().toBuffer() });
    expect(tags.text.map((line) => line.text.replace(/\s+/g, ''))).toEqual(['SummerSale', 'Upto40%off']);
  });

  it('finds faces and people in a photo', async () => {
    const tags = await tagger.tag({ image: humanSamplesPath(), fileName: 'samples.jpg' });
    expect(tags.faces.length).toBeGreaterThanOrEqual(1);
    const face = tags.faces[0]!;
    for (const side of [face.box.x, face.box.y, face.box.width, face.box.height]) expect(side).toBeGreaterThanOrEqual(0);
    expect(face.box.x + face.box.width).toBeLessThanOrEqual(1.001);
    expect(face.age).toBeGreaterThan(0);
    expect(tags.objects.some((o) => o.label === 'person' && o.confidence >= 0.3)).toBe(true);
    expect(tags.labels.map((l) => l.name)).toEqual(expect.arrayContaining(['person', 'face', 'people']));
    const ai = toAiMetadata(tags, tagger.name);
    expect(ai.objects).toContain('person');
    expect(ai.faces[0]).toMatchObject({ boundingBox: face.box, confidence: face.confidence });
    expect(ai.confidence.person).toBeGreaterThanOrEqual(0.3);
  });

  it('labels from the file name, EXIF and colours, beside what the models see', async () => {
    const image = await photoJpeg({ width: 800, height: 600, exif: { IFD0: { Make: 'NIKON CORPORATION', Model: 'NIKON Z 6' } } });
    const tags = await tagger.tag({ image, fileName: 'sunset-beach_IMG_2041.jpg' });
    const names = tags.labels.map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['sunset', 'beach', 'nikon', 'photo', 'blue']));
    expect(names).not.toContain('img');
    expect(tags.colors.length).toBeGreaterThan(0);
    expect(tags.labels.find((l) => l.name === 'sunset')).toMatchObject({ source: 'file-name' });
  });

  it('loads each model once and reuses it, holding no more tensors after each image', async () => {
    const before = tagger.stats();
    expect(before.modelLoads).toEqual({ vision: 1, ocr: 1 });
    const image = await readFile(humanSamplesPath());
    await tagger.tag({ image });
    const tensors = tagger.stats().tensors;
    await tagger.tag({ image });
    expect(tagger.stats()).toMatchObject({ modelLoads: { vision: 1, ocr: 1 }, tensors });
    expect(loads.sort()).toEqual(['ocr', 'vision']);
  });

  it('tags one image at a time by default, queueing the rest in order', async () => {
    const images = await Promise.all(['One', 'Two', 'Three'].map((word) => textPng(word)));
    const seen: number[] = [];
    const runs = images.map((image) => tagger.tag({ image }).finally(() => seen.push(tagger.stats().active)));
    expect(tagger.stats()).toMatchObject({ active: 1, queued: 2 });
    const results = await Promise.all(runs);
    expect(results.map((r) => r.text[0]?.text)).toEqual(['One', 'Two', 'Three']);
    expect(Math.max(...seen)).toBeLessThanOrEqual(1);
    expect(tagger.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it('uses the metadata and colours the caller already has', async () => {
    const image = await photoJpeg({ width: 400, height: 300 });
    const { metadata, colors } = await analyzeImage(image);
    const lean = createBuiltinTagger({ vision: false, ocr: false, isolate: false });
    const tags = await lean.tag({ image, fileName: 'brand-day.jpg', metadata: { ...metadata, keywords: ['Launch'] }, colors });
    expect(tags.colors).toEqual(colors);
    expect(tags.labels.map((l) => l.name)).toEqual(expect.arrayContaining(['launch', 'brand', 'day']));
    expect(lean.stats().modelLoads).toEqual({ vision: 0, ocr: 0 });
  });

  it('leaves the event loop free while the models work', async () => {
    const image = await readFile(humanSamplesPath());
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await Promise.all([tagger.tag({ image }), tagger.tag({ image: await textPng('Free Shipping') })]);
    delay.disable();
    // In this thread, detection alone holds the loop for 0.6–1 s an image.
    expect(delay.max / 1e6).toBeLessThan(250);
    expect(tagger.stats().rss).toBeGreaterThan(100 * 1024 * 1024);
  });

  it('stops an image that takes too long, failing it as a timeout', async () => {
    const hasty = createBuiltinTagger({ vision: false, timeoutMs: 1 });
    await expect(hasty.tag({ image: await textPng('Slow') })).rejects.toMatchObject({ name: 'MediaError', code: 'timeout' });
    await hasty.close();
    expect(hasty.stats()).toMatchObject({ active: 0, failed: 1 });
  });

  it('refuses bytes that are not an image', async () => {
    await expect(tagger.tag({ image: Buffer.from('nope') })).rejects.toMatchObject({ name: 'MediaError', code: 'invalid' });
  });
});

describe('plugging in taggers', () => {
  /** A tagger whose calls finish when the test says, to watch concurrency. */
  function manualTagger(name: string, tags: Partial<Tags>) {
    const pending: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;
    const plugged: Tagger = {
      name,
      async tag() {
        most = Math.max(most, ++inFlight);
        await new Promise<void>((resolve) => pending.push(resolve));
        inFlight--;
        return tags;
      },
    };
    return { plugged, release: () => pending.splice(0).forEach((r) => r()), most: () => most, waiting: () => pending.length };
  }

  it('limits how many images a tagger works on at once', async () => {
    const api = manualTagger('api', { labels: [{ name: 'cat', confidence: 0.9, source: 'api' }] });
    const limited = limitConcurrency(api.plugged, 2);
    const runs = Array.from({ length: 5 }, () => limited.tag({ image: Buffer.alloc(0) }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(limited.stats()).toMatchObject({ active: 2, queued: 3 });
    while (limited.stats().completed < 5) {
      api.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(runs);
    expect(api.most()).toBe(2);
    expect(limited.stats()).toEqual({ active: 0, queued: 0, completed: 5, failed: 0 });
    expect(() => limitConcurrency(api.plugged, 0)).toThrow(RangeError);
  });

  it('merges what several taggers find: the surest label wins, the rest add up', async () => {
    const a: Tagger = {
      name: 'a',
      tag: async () => ({
        labels: [{ name: 'Beach', confidence: 0.4, source: 'a' }],
        objects: [{ label: 'umbrella', confidence: 0.7, box: { x: 0, y: 0, width: 1, height: 1 } }],
      }),
    };
    const b: Tagger = {
      name: 'b',
      tag: async () => ({
        labels: [
          { name: 'beach', confidence: 0.9, source: 'b' },
          { name: 'summer', confidence: 0.5, source: 'b' },
        ],
        colors: [{ hex: '#ffffff', share: 1 }],
      }),
    };
    const both = combineTaggers(a, b);
    const tags = await both.tag({ image: Buffer.alloc(0) });
    expect(both.name).toBe('a+b');
    expect(tags.labels).toEqual([
      { name: 'beach', confidence: 0.9, source: 'b' },
      { name: 'summer', confidence: 0.5, source: 'b' },
    ]);
    expect(tags.objects).toHaveLength(1);
    expect(toAiMetadata(tags, both.name)).toMatchObject({
      labels: ['beach', 'summer'],
      objects: ['umbrella'],
      colors: ['#ffffff'],
      text: '',
      tagger: 'a+b',
    });
  });

  it('takes words, keywords, camera makes and colours as labels', () => {
    const labels = heuristicLabels({
      fileName: 'DSC_0042-summerCampaign final v2.JPG',
      metadata: {
        format: 'jpeg',
        width: 1,
        height: 1,
        colorSpace: 'srgb',
        hasAlpha: false,
        hasProfile: false,
        camera: { make: 'FUJIFILM' },
        keywords: ['Dubai Marina'],
      },
      colors: [
        { hex: '#1e66f5', share: 0.55 },
        { hex: '#2a70ff', share: 0.1 },
        { hex: '#ffffff', share: 0.35 },
      ],
    });
    expect(labels.map((l) => l.name)).toEqual(['summer', 'campaign', 'dubai marina', 'fujifilm', 'photo', 'blue', 'white']);
    expect(labels.find((l) => l.name === 'blue')!.confidence).toBeCloseTo(0.65);
  });
});

it('reads a larger photo downscaled, keeping boxes in shares of the original', async () => {
  const big = await sharp(humanSamplesPath()).resize(2560).jpeg().toBuffer();
  const tags = await tagger.tag({ image: big });
  expect(tags.faces.length).toBeGreaterThanOrEqual(1);
  for (const face of tags.faces) expect(face.box.x + face.box.width).toBeLessThanOrEqual(1.001);
});
