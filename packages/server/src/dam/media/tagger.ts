import { type ColorShare, colorName } from './colors.js';
import type { ImageMetadata } from './image.js';

// What the DAM's tagging job calls: any `Tagger` (the built-in one, or an external vision API behind the same
// interface), combined with others and limited in concurrency, its findings stored as `aiMetadata`.

/** A box as shares of the image's width and height (0..1), from the top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A word that describes the image, with how sure its tagger is and where it comes from. */
export interface Label {
  name: string;
  /** 0..1 */
  confidence: number;
  /** `vision`, `ocr`, `file-name`, `metadata`, `color`, or an external tagger's name. */
  source: string;
}

export interface DetectedObject {
  /** A COCO class name: `person`, `car`, `dog`, `umbrella`, … */
  label: string;
  confidence: number;
  box: Box;
}

export interface DetectedFace {
  box: Box;
  confidence: number;
  /** Estimated years. */
  age?: number;
  gender?: 'male' | 'female';
  genderConfidence?: number;
  /** `happy`, `sad`, `angry`, `surprise`, `fear`, `disgust` or `neutral`. */
  expression?: string;
  expressionConfidence?: number;
}

export interface TextLine {
  text: string;
  confidence: number;
  box?: Box;
}

/** Everything taggers found in one image. */
export interface Tags {
  labels: Label[];
  objects: DetectedObject[];
  faces: DetectedFace[];
  /** Lines of text read from the image, top to bottom. */
  text: TextLine[];
  colors: ColorShare[];
}

/** The image to tag and what is already known about it. */
export interface TagInput {
  /** The image (any format sharp reads), as a path or bytes: for a video, its poster frame; for a PDF, its first page. */
  image: string | Uint8Array;
  /** The name it was uploaded under: its words become labels. */
  fileName?: string;
  /** From `analyzeImage`, when the caller has it; taggers that need it read it otherwise. */
  metadata?: ImageMetadata;
  colors?: ColorShare[];
}

/**
 * Finds labels, objects, faces, text and colours in an image. Implement it to plug in another tagger (an
 * external vision API, a bigger model); return only what it finds. `close` frees models and workers.
 *
 * @example
 * const apiTagger: Tagger = { name: 'acme-vision', async tag({ image }) { return { labels: await callApi(image) } } }
 * const tagger = combineTaggers(createBuiltinTagger(), apiTagger)
 */
export interface Tagger {
  name: string;
  tag(input: TagInput): Promise<Partial<Tags>>;
  close?(): Promise<void>;
}

/** A tagger that always answers with every field of `Tags` (the built-in and combined ones). */
export interface CompleteTagger extends Tagger {
  tag(input: TagInput): Promise<Tags>;
}

/**
 * One tagger that runs several at once on each image and merges what they find: labels by name (the highest
 * confidence wins), the rest concatenated; colours from the first tagger that gives them.
 *
 * @example const tagger = combineTaggers(createBuiltinTagger(), myApiTagger)
 */
export function combineTaggers(...taggers: Tagger[]): CompleteTagger {
  return {
    name: taggers.map((t) => t.name).join('+'),
    async tag(input) {
      return mergeTags(await Promise.all(taggers.map((t) => t.tag(input))));
    },
    async close() {
      await Promise.all(taggers.map((t) => t.close?.()));
    },
  };
}

/**
 * Findings of several taggers as one `Tags`: labels by lower-cased name with the highest confidence, the rest
 * concatenated, colours from the first part that has them.
 *
 * @example mergeTags([{ labels: [{ name: 'Beach', confidence: 0.4, source: 'a' }] }, { text: [{ text: 'SALE', confidence: 0.9 }] }])
 */
export function mergeTags(parts: Partial<Tags>[]): Tags {
  const labels = new Map<string, Label>();
  for (const label of parts.flatMap((p) => p.labels ?? [])) {
    const key = label.name.toLowerCase();
    const known = labels.get(key);
    if (!known || label.confidence > known.confidence) labels.set(key, { ...label, name: key });
  }
  return {
    labels: [...labels.values()].sort((a, b) => b.confidence - a.confidence),
    objects: parts.flatMap((p) => p.objects ?? []),
    faces: parts.flatMap((p) => p.faces ?? []),
    text: parts.flatMap((p) => p.text ?? []),
    colors: parts.find((p) => p.colors?.length)?.colors ?? [],
  };
}

/** How busy a limited tagger is. */
export interface TaggerStats {
  /** Images being tagged now (never more than the limit). */
  active: number;
  /** Images waiting for a turn. */
  queued: number;
  /** Images tagged so far, and those that failed. */
  completed: number;
  failed: number;
}

/**
 * The tagger with at most `limit` images in flight; further calls wait their turn in order. Models use the
 * CPU and memory per image in flight, so this is what keeps a burst of uploads from starving the server.
 *
 * @example const tagger = limitConcurrency(myApiTagger, 4); tagger.stats()   // { active: 0, queued: 0, … }
 */
export function limitConcurrency(tagger: Tagger, limit: number): Tagger & { stats(): TaggerStats } {
  const limiter = createLimiter(limit);
  return {
    name: tagger.name,
    tag: (input) => limiter.run(() => tagger.tag(input)),
    close: async () => tagger.close?.(),
    stats: limiter.stats,
  };
}

/**
 * Runs at most `limit` tasks at once, the others in the order they came.
 *
 * @example const turn = createLimiter(1); await Promise.all(images.map((image) => turn.run(() => detect(image))))
 */
export function createLimiter(limit: number): { run<T>(task: () => Promise<T>): Promise<T>; stats(): TaggerStats } {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('The concurrency limit must be a positive integer');
  const waiting: (() => void)[] = [];
  const counts: TaggerStats = { active: 0, queued: 0, completed: 0, failed: 0 };
  return {
    async run(task) {
      // A finishing task hands its slot straight to the next in line, so a newcomer can never slip in between.
      if (counts.active >= limit) {
        counts.queued++;
        await new Promise<void>((resolve) => waiting.push(resolve));
        counts.queued--;
      } else counts.active++;
      try {
        const result = await task();
        counts.completed++;
        return result;
      } catch (error) {
        counts.failed++;
        throw error;
      } finally {
        const next = waiting.shift();
        if (next) next();
        else counts.active--;
      }
    },
    stats: () => ({ ...counts }),
  };
}

// Labels that need no model --------------------------------------------------------------------------------

/** Words of camera and export file names that say nothing about the picture. */
const noise = new Set(
  [
    'img dsc dscn dscf dcim pxl mvimg image images photo pic picture untitled copy final edit edited export',
    'exported version draft new old scan file files web small large medium thumb thumbnail hires lores high res low',
    'and the for with from jpg jpeg png gif webp tif tiff heic raw psd',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Labels from what the file already says: the words of its name (`sunset-beach_02.jpg` → sunset, beach), its
 * IPTC/XMP keywords, the camera's make (and `photo`), and the names of colours covering a fifth of it or more.
 *
 * @example
 * heuristicLabels({ fileName: 'sunset-beach.jpg', metadata, colors })
 * // [{ name: 'sunset', confidence: 0.6, source: 'file-name' }, …, { name: 'blue', confidence: 0.54, source: 'color' }]
 */
export function heuristicLabels(input: { fileName?: string; metadata?: ImageMetadata; colors?: ColorShare[] }): Label[] {
  const labels: Label[] = [];
  const words = (input.fileName ?? '')
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length >= 3 && !noise.has(word));
  for (const word of new Set(words)) labels.push({ name: word, confidence: 0.6, source: 'file-name' });
  for (const keyword of input.metadata?.keywords ?? []) labels.push({ name: keyword.toLowerCase(), confidence: 0.95, source: 'metadata' });
  const make = input.metadata?.camera?.make
    ?.toLowerCase()
    .replace(/\b(corporation|corp|co|ltd|inc|imaging|company|optical|camera|digital)\b\.?/g, '')
    .trim()
    .split(/\s+/)[0];
  if (make) labels.push({ name: make, confidence: 0.9, source: 'metadata' }, { name: 'photo', confidence: 0.8, source: 'metadata' });
  const shares = new Map<string, number>();
  for (const { hex, share } of input.colors ?? []) shares.set(colorName(hex), (shares.get(colorName(hex)) ?? 0) + share);
  for (const [name, share] of shares) if (share >= 0.2) labels.push({ name, confidence: Math.round(share * 100) / 100, source: 'color' });
  return labels;
}

/** The spec's `aiMetadata` JSON: names and hex colours as lists, each name's confidence beside them. */
export interface AiMetadata {
  labels: string[];
  objects: string[];
  colors: string[];
  faces: { boundingBox: Box; confidence: number; age?: number; gender?: string; expression?: string }[];
  text: string;
  /** Confidence of every label and object name, 0..1. */
  confidence: Record<string, number>;
  /** The colours with their shares of the image. */
  palette: ColorShare[];
  /** Which tagger produced it. */
  tagger: string;
}

/**
 * Tags as the spec's `aiMetadata` (`{ labels, objects, colors, faces, text, … }`), for the asset row.
 *
 * @example await db.update(assets).set({ aiMetadata: toAiMetadata(await tagger.tag(input), tagger.name) })
 */
export function toAiMetadata(found: Partial<Tags>, tagger: string): AiMetadata {
  const tags = mergeTags([found]);
  const confidence: Record<string, number> = {};
  for (const { name, confidence: c } of tags.labels) confidence[name] = Math.max(confidence[name] ?? 0, c);
  const objects: string[] = [];
  for (const { label, confidence: c } of tags.objects) {
    if (!objects.includes(label)) objects.push(label);
    confidence[label] = Math.max(confidence[label] ?? 0, c);
  }
  return {
    labels: tags.labels.map((l) => l.name),
    objects,
    colors: tags.colors.map((c) => c.hex),
    faces: tags.faces.map(({ box, confidence: c, age, gender, expression }) => ({
      boundingBox: box,
      confidence: c,
      age,
      gender,
      expression,
    })),
    text: tags.text.map((line) => line.text).join('\n'),
    confidence,
    palette: tags.colors,
    tagger,
  };
}
