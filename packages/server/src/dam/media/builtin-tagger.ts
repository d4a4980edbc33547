import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MediaError, type MediaErrorCode } from './errors.js';
import { type CompleteTagger, createLimiter, type TaggerStats, type Tags, type TagInput } from './tagger.js';
import { createModelTagger } from './tagger-models.js';

// The built-in tagger: objects, faces and text from real models (tagger-models.ts), plus labels from the file
// name, EXIF/IPTC/XMP and colours. Inference holds a thread for up to a second an image and the models keep
// about a gigabyte resident at their peak, so by default they run in a child process: the server's event loop
// stays free, a crash or a stuck image costs the child and not the server, and the memory is the child's.

/** Choices of the models. */
export interface ModelTaggerOptions {
  /** Objects and faces (default true). */
  vision?: boolean;
  /** Text (default true). */
  ocr?: boolean;
  /** Images tagged at once (default 1): each one in flight holds its decoded pixels and a model's activations. */
  concurrency?: number;
  /** Objects and faces below this score are dropped (default 0.3). */
  minConfidence?: number;
  /** Text lines below this score are dropped (default 0.6). */
  minTextConfidence?: number;
  /**
   * The longer side text is looked for at (default 960, PaddleOCR's own): 1280 also finds captions a few percent
   * of the image high, at about three times the time (≈ 1.5 s instead of 0.5 s a photo on one core).
   */
  ocrSide?: number;
  /** CPU threads the OCR model may use (default 1, so tagging leaves the other cores to the server). */
  threads?: number;
  /** Called once per model when it has loaded, with the milliseconds it took: for logs and tests. */
  onModelLoad?: (model: 'vision' | 'ocr', ms: number) => void;
}

/** Choices of the built-in tagger. */
export interface BuiltinTaggerOptions extends ModelTaggerOptions {
  /** Run the models in a child process (default true). `false` runs them in this thread, for a script that does nothing else. */
  isolate?: boolean;
  /** Longest one image may take, model loading included, before the child is stopped (default 60 s). */
  timeoutMs?: number;
}

/** Queue figures, model loads (one per model, on first use, again only after a child had to be restarted), and memory. */
export interface BuiltinTaggerStats extends TaggerStats {
  modelLoads: { vision: number; ocr: number };
  /** Tensors the vision model holds: constant from one image to the next. */
  tensors: number;
  /** Bytes resident in the process that runs the models, as of the last image, and the most it ever held. */
  rss: number;
  peakRss: number;
}

export interface BuiltinTagger extends CompleteTagger {
  stats(): BuiltinTaggerStats;
  close(): Promise<void>;
}

/**
 * The built-in tagger. Nothing is fetched at run time: the weights ship in npm packages. Create one per
 * process and share it; the models load on the first image and stay loaded.
 *
 * @example
 * const tagger = createBuiltinTagger({ concurrency: 1 })
 * const tags = await tagger.tag({ image: '/tmp/summer-sale.png', fileName: 'summer-sale.png' })
 * tags.text[0]?.text   // 'Summer Sale'
 * tags.objects         // [{ label: 'person', confidence: 0.52, box: { x: 0.1, … } }]
 * await tagger.close()
 */
export function createBuiltinTagger(options: BuiltinTaggerOptions = {}): BuiltinTagger {
  const { isolate = true, timeoutMs = 60_000, onModelLoad, ...models } = options;
  if (!isolate) return createModelTagger({ ...models, onModelLoad });
  const limiter = createLimiter(models.concurrency ?? 1);
  const modelLoads = { vision: 0, ocr: 0 };
  const latest = { tensors: 0, rss: 0, peakRss: 0 };
  const waiting = new Map<number, { resolve(tags: Tags): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  let child: ChildProcess | undefined;
  let ids = 0;

  const start = () => {
    const { path, execArgv } = processEntry();
    const proc = fork(path, [JSON.stringify(models)], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    proc.on('message', (message: FromChild) => {
      if (message.type === 'load') {
        modelLoads[message.model]++;
        onModelLoad?.(message.model, message.ms);
        return;
      }
      const call = waiting.get(message.id);
      if (!call) return;
      waiting.delete(message.id);
      clearTimeout(call.timer);
      if (message.type === 'result') {
        Object.assign(latest, message.stats);
        call.resolve(message.tags);
      } else call.reject(message.error.code ? new MediaError(message.error.code, message.error.message) : new Error(message.error.message));
      idle();
    });
    const stopped = (why: string) => {
      if (child === proc) child = undefined;
      const tail = stderr.trim().split('\n').slice(-2).join(' | ').slice(-300);
      for (const [id, call] of waiting) {
        clearTimeout(call.timer);
        call.reject(new MediaError('tool_failed', `The tagger process stopped (${why})${tail ? `: ${tail}` : ''}`));
        waiting.delete(id);
      }
    };
    proc.on('exit', (code, signal) => stopped(signal ?? `exit ${code}`));
    proc.on('error', (error) => stopped(error.message));
    return proc;
  };
  // An idle child must not keep the server (or a test run) from exiting.
  const idle = () => {
    if (waiting.size === 0) {
      child?.unref();
      child?.channel?.unref();
    }
  };

  return {
    name: 'builtin',
    tag: (input) =>
      limiter.run(
        () =>
          new Promise<Tags>((resolve, reject) => {
            const proc = (child ??= start());
            proc.ref();
            proc.channel?.ref();
            const id = ids++;
            const timer = setTimeout(() => {
              waiting.delete(id);
              reject(new MediaError('timeout', `Tagging took longer than ${timeoutMs / 1000} s`));
              // The image may have wedged a model: start afresh with the next one.
              proc.kill('SIGKILL');
            }, timeoutMs);
            waiting.set(id, { resolve, reject, timer });
            proc.send({ type: 'tag', id, input } satisfies ToChild);
          }),
      ),
    stats: () => ({ ...limiter.stats(), modelLoads: { ...modelLoads }, ...latest }),
    async close() {
      const proc = child;
      if (!proc) return;
      child = undefined;
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => proc.kill('SIGKILL'), 5_000);
        proc.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        proc.disconnect();
      });
    },
  };
}

/** What the parent sends its tagger process. */
export type ToChild = { type: 'tag'; id: number; input: TagInput };
/** What the tagger process answers. */
export type FromChild =
  | { type: 'load'; model: 'vision' | 'ocr'; ms: number }
  | { type: 'result'; id: number; tags: Tags; stats: { tensors: number; rss: number; peakRss: number } }
  | { type: 'error'; id: number; error: { message: string; code?: MediaErrorCode } };

/**
 * The child's entry: tagger-process.ts beside this module when running from source (through tsx, as tests and
 * `pnpm start` do), `tagger-process.js` beside the bundle in a build, where tsup emits it as its own entry.
 */
function processEntry(): { path: string; execArgv: string[] } {
  const source = import.meta.url.endsWith('.ts');
  // Resolution conditions (`--conditions=source`, or `-C source` as two arguments) carry over to the child.
  const conditions = process.execArgv.flatMap((arg, i, all) =>
    arg.startsWith('--conditions=') ? [arg] : (arg === '--conditions' || arg === '-C') && all[i + 1] ? [`--conditions=${all[i + 1]}`] : [],
  );
  return {
    path: fileURLToPath(new URL(source ? './tagger-process.ts' : './tagger-process.js', import.meta.url)),
    execArgv: source ? [...conditions, '--import', 'tsx'] : conditions,
  };
}
