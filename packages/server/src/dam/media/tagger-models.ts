import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config, Human, Result } from '@vladmandic/human';
import sharp from 'sharp';
import { paletteOf } from './colors.js';
import { MediaError } from './errors.js';
import { imageInputOptions, readImageMetadata, unreadable } from './image.js';
import type { BuiltinTagger, ModelTaggerOptions } from './builtin-tagger.js';
import {
  type Box,
  createLimiter,
  type DetectedFace,
  type DetectedObject,
  heuristicLabels,
  type Label,
  mergeTags,
  type Tags,
  type TagInput,
  type TextLine,
} from './tagger.js';

// The built-in tagger's models, run in the current thread: two real models on the CPU, offline, from weights
// shipped in npm packages:
// - objects (COCO classes, CenterNet) and faces (BlazeFace + FaceMesh, age/gender, expression) through
//   @vladmandic/human on TensorFlow.js's WebAssembly backend (no native TensorFlow binary to download);
// - text through PaddleOCR's detection and recognition models (@gutenye/ocr-node on onnxruntime-node's CPU build).
// Each model loads once per tagger, on first use, and is reused for every image after that. Inference holds the
// thread for up to a second an image, so the server runs this in a child process (see builtin-tagger.ts).

/** The longest side the models see: enough for faces and lines of text, small enough to stay quick. */
const modelSide = 1280;

/**
 * The models in this thread: what the tagger's child process runs, and what `createBuiltinTagger({ isolate: false })`
 * gives a script that does nothing else.
 *
 * @example const tagger = createModelTagger({ ocr: false }); await tagger.tag({ image: bytes })
 */
export function createModelTagger(options: ModelTaggerOptions = {}): BuiltinTagger {
  const { vision = true, ocr = true, concurrency = 1, minConfidence = 0.3, minTextConfidence = 0.6, threads = 1, ocrSide = 960 } = options;
  const limiter = createLimiter(concurrency);
  const modelLoads = { vision: 0, ocr: 0 };
  const loaded = async <T>(model: 'vision' | 'ocr', load: () => Promise<T>) => {
    const started = performance.now();
    const value = await load();
    modelLoads[model]++;
    options.onModelLoad?.(model, performance.now() - started);
    return value;
  };
  let human: Promise<HumanModel> | undefined;
  let reader: Promise<OcrModel> | undefined;
  // One image at a time per model: neither library promises that concurrent calls on one instance are safe.
  const visionTurn = createLimiter(1);
  const ocrTurn = createLimiter(1);
  let tf: Tf | undefined;
  const visionModel = () =>
    (human ??= loaded('vision', loadHuman).then(
      (model) => ((tf = model.tf), model),
      forget(() => (human = undefined)),
    ));
  const ocrModel = () => (reader ??= loaded('ocr', () => loadOcr(threads)).catch(forget(() => (reader = undefined))));

  return {
    name: 'builtin',
    tag: (input) =>
      limiter.run(async () => {
        const pixels = await decode(input.image);
        const [seen, read, known] = await Promise.all([
          vision ? visionModel().then((model) => visionTurn.run(() => detect(model, pixels, minConfidence))) : {},
          ocr ? ocrModel().then((model) => ocrTurn.run(() => readText(model, pixels, minTextConfidence, ocrSide))) : {},
          fromFile(input, pixels),
        ]);
        return mergeTags([seen, read, known]);
      }),
    stats: () => ({
      ...limiter.stats(),
      modelLoads: { ...modelLoads },
      tensors: tf?.memory().numTensors ?? 0,
      rss: process.memoryUsage.rss(),
      peakRss: process.resourceUsage().maxRSS * 1024,
    }),
    async close() {
      const model = await human?.catch(() => undefined);
      for (const graph of Object.values(model?.human.models.models ?? {})) graph?.dispose();
      human = reader = undefined;
    },
  };
}

/** A failed model load is not kept: the next image tries again. */
const forget = (reset: () => void) => (error: unknown) => {
  reset();
  throw error;
};

interface Pixels {
  /** Upright sRGB, 3 channels, no alpha (transparent areas on white, as a viewer shows them). */
  rgb: Buffer;
  width: number;
  height: number;
}

async function decode(image: string | Uint8Array): Promise<Pixels> {
  const { data, info } = await sharp(image, imageInputOptions)
    .autoOrient()
    .resize(modelSide, modelSide, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(unreadable);
  return { rgb: data, width: info.width, height: info.height };
}

/** Labels from the name, the metadata blocks and the colours; read here when the caller did not pass them. */
async function fromFile(input: TagInput, pixels: Pixels): Promise<Partial<Tags>> {
  const metadata = input.metadata ?? (await readImageMetadata(input.image).catch(() => undefined));
  const colors =
    input.colors ??
    paletteOf(
      await sharp(pixels.rgb, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
        .resize(100, 100, { fit: 'inside' })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true })
        .then(({ data, info }) => ({ data, width: info.width, height: info.height })),
    );
  return { labels: heuristicLabels({ fileName: input.fileName, metadata, colors }), colors };
}

// Vision: @vladmandic/human on tfjs-backend-wasm ---------------------------------------------------------

/** The parts of TensorFlow.js the tagger uses (Human exposes its instance untyped). */
interface Tf {
  tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): unknown;
  dispose(tensor: unknown): void;
  memory(): { numTensors: number };
  io: { registerLoadRouter(router: (url: string | string[]) => { load(): Promise<unknown> } | null): void };
}

interface HumanModel {
  human: Human;
  tf: Tf;
}

const routed = new WeakSet<Tf>();
const require = createRequire(import.meta.url);

async function loadHuman(): Promise<HumanModel> {
  // The Node WebAssembly build is not in the package's exports map, so it is loaded by its path.
  const dist = dirname(require.resolve('@vladmandic/human'));
  const models = join(dist, '..', 'models');
  const module = (await import(pathToFileURL(join(dist, 'human.node-wasm.js')).href)) as {
    Human?: typeof Human;
    default?: { Human: typeof Human };
  };
  const HumanClass = module.Human ?? module.default?.Human;
  if (!HumanClass) throw new MediaError('tool_missing', '@vladmandic/human has no Node WebAssembly build');
  const config: Partial<Config> = {
    backend: 'wasm',
    wasmPath: `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}${sep}`,
    modelBasePath: pathToFileURL(`${models}${sep}`).href,
    debug: false,
    async: true,
    warmup: 'none',
    // Every call is a new photo, not the next frame of a video: never reuse the previous result.
    cacheSensitivity: 0,
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 20, minConfidence: 0.3, return: false },
      mesh: { enabled: true },
      iris: { enabled: false },
      description: { enabled: true },
      emotion: { enabled: true },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    } as Config['face'],
    object: { enabled: true, maxDetected: 20, minConfidence: 0.2 } as Config['object'],
    body: { enabled: false } as Config['body'],
    hand: { enabled: false } as Config['hand'],
    gesture: { enabled: false },
    segmentation: { enabled: false } as Config['segmentation'],
  };
  const human = new HumanClass(config);
  const tf = human.tf as Tf;
  if (!routed.has(tf)) {
    routed.add(tf);
    tf.io.registerLoadRouter((url) => (typeof url === 'string' ? fileModel(url, models) : null));
  }
  await human.load();
  return { human, tf };
}

/**
 * TensorFlow.js loads models over fetch, which cannot read `file://` URLs in Node 20 (only tfjs-node, with its
 * downloaded binary, adds that). This IO handler reads a graph model and its weight shards from disk, for URLs
 * inside Human's own models folder and nowhere else.
 */
function fileModel(url: string, root: string): { load(): Promise<unknown> } | null {
  if (!url.startsWith('file://')) return null;
  const path = fileURLToPath(url);
  if (!path.startsWith(root + sep) || !path.endsWith('.json')) return null;
  return {
    async load() {
      const json = JSON.parse(await readFile(path, 'utf8')) as {
        modelTopology: unknown;
        format?: string;
        generatedBy?: string;
        convertedBy?: string;
        signature?: unknown;
        userDefinedMetadata?: unknown;
        weightsManifest: { paths: string[]; weights: unknown[] }[];
      };
      const shards = await Promise.all(json.weightsManifest.flatMap((group) => group.paths.map((p) => readFile(join(dirname(path), p)))));
      const weights = Buffer.concat(shards);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      };
    },
  };
}

async function detect({ human, tf }: HumanModel, pixels: Pixels, minConfidence: number): Promise<Partial<Tags>> {
  const tensor = tf.tensor3d(pixels.rgb, [pixels.height, pixels.width, 3], 'int32');
  let result: Result;
  try {
    result = await human.detect(tensor as Parameters<Human['detect']>[0]);
  } finally {
    tf.dispose(tensor);
  }
  if (result.error) throw new MediaError('tool_failed', `The vision model failed: ${result.error}`);
  const box = ([x, y, width, height]: readonly number[]): Box => ({ x: r4(x!), y: r4(y!), width: r4(width!), height: r4(height!) });
  const objects: DetectedObject[] = result.object
    .filter((o) => o.score >= minConfidence)
    .map((o) => ({ label: o.label, confidence: r4(o.score), box: box(o.boxRaw) }));
  const faces: DetectedFace[] = result.face
    .filter((f) => f.score >= minConfidence)
    .map((f) => {
      const face: DetectedFace = { box: box(f.boxRaw), confidence: r4(f.score) };
      if (f.age) face.age = Math.round(f.age);
      if (f.gender === 'male' || f.gender === 'female') [face.gender, face.genderConfidence] = [f.gender, r4(f.genderScore ?? 0)];
      const mood = f.emotion?.reduce((best, e) => (e.score > best.score ? e : best));
      if (mood) [face.expression, face.expressionConfidence] = [mood.emotion, r4(mood.score)];
      return face;
    });
  const labels: Label[] = objects.map((o) => ({ name: o.label, confidence: o.confidence, source: 'vision' }));
  const people = Math.max(faces.length, objects.filter((o) => o.label === 'person').length);
  if (faces.length) labels.push({ name: 'face', confidence: Math.max(...faces.map((f) => f.confidence)), source: 'vision' });
  if (people >= 2) labels.push({ name: 'people', confidence: 0.8, source: 'vision' });
  if (faces.length === 1 && faces[0]!.box.width * faces[0]!.box.height >= 0.05)
    labels.push({ name: 'portrait', confidence: faces[0]!.confidence * 0.9, source: 'vision' });
  return { labels, objects, faces };
}

const r4 = (n: number) => Math.round(n * 10_000) / 10_000;

// OCR: PaddleOCR through @gutenye/ocr-node ------------------------------------------------------------------

interface OcrLine {
  text: string;
  mean: number;
  box?: number[][];
}
interface OcrModel {
  detect(image: string | Uint8Array): Promise<OcrLine[]>;
}

async function loadOcr(threads: number): Promise<OcrModel> {
  // Imported on first use: onnxruntime's native binding loads only in a process that reads text.
  const { default: Ocr } = await import('@gutenye/ocr-node');
  // Without onnxruntime's arena and memory patterns, activations go back to the allocator after each image
  // instead of staying reserved at the largest size seen.
  const onnxOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    enableCpuMemArena: false,
    enableMemPattern: false,
  } as const;
  return (await Ocr.create({ onnxOptions })) as OcrModel;
}

async function readText(model: OcrModel, pixels: Pixels, minConfidence: number, maxSide: number): Promise<Partial<Tags>> {
  // The detector wants sides in multiples of 32 and would letterbox otherwise; stretching by under 32 px keeps
  // the boxes it returns in our coordinates.
  const scale = Math.min(1, maxSide / Math.max(pixels.width, pixels.height));
  const width = Math.max(32, Math.round((pixels.width * scale) / 32) * 32);
  const height = Math.max(32, Math.round((pixels.height * scale) / 32) * 32);
  const png = await sharp(pixels.rgb, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
    .resize(width, height, { fit: 'fill' })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const lines = await model.detect(png);
  const text: TextLine[] = lines
    .map((line) => ({ line, text: line.text.trim() }))
    .filter(({ line, text: t }) => line.mean >= minConfidence && /[\p{L}\p{N}]/u.test(t))
    .map(({ line, text: t }) => {
      const found: TextLine = { text: t, confidence: r4(line.mean) };
      const points = line.box ?? [];
      if (points.length) {
        const xs = points.map((p) => p[0]!);
        const ys = points.map((p) => p[1]!);
        const [x, y] = [Math.max(0, Math.min(...xs)), Math.max(0, Math.min(...ys))];
        found.box = {
          x: r4(x / width),
          y: r4(y / height),
          width: r4((Math.max(...xs) - x) / width),
          height: r4((Math.max(...ys) - y) / height),
        };
      }
      return found;
    })
    .sort((a, b) => (a.box?.y ?? 0) - (b.box?.y ?? 0));
  return { text };
}
