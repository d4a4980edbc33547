import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Builds the tracker into dist/tracker.js: one minified IIFE for every browser since 2017 (ES2017: no
// optional catch binding or object spread surprises in old Safari). The tests build the file with this same
// function and measure and run the file itself.

const entry = fileURLToPath(new URL('../src/tracker.ts', import.meta.url));
export const trackerFile = fileURLToPath(new URL('../dist/tracker.js', import.meta.url));

/**
 * The minified tracker script, built in memory.
 *
 * @example
 * const code = await buildTracker();
 * serveStatic('/tracker.js', code, 'text/javascript');
 */
export async function buildTracker(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2017',
    legalComments: 'none',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

/**
 * Builds the tracker and writes it to dist/tracker.js (what `pnpm build` ships); returns the file's path.
 *
 * @example
 * const file = await writeTracker(); // …/packages/tracker/dist/tracker.js
 */
export async function writeTracker(): Promise<string> {
  const code = await buildTracker();
  await mkdir(dirname(trackerFile), { recursive: true });
  await writeFile(trackerFile, code);
  return trackerFile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeTracker();
  console.log(`wrote ${trackerFile}`);
}
