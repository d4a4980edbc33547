import { writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

// What a browser downloads for each way of importing `@spokestack/react`: esbuild bundles the import (minified,
// React external, as a host's bundler would), and the budget is on the gzipped size. `pnpm bench` prints every
// line; `pnpm bench:bundles` (and CI) exits 1 when one is over its budget. A new feature subpath adds its lines.
// `--metafile DIR` writes esbuild's metafile per line (open them at https://esbuild.github.io/analyze/).

/** One budget line: the module a host writes, and the most its gzipped bundle may weigh. */
export interface Budget {
  name: string;
  /** The entry module's source, as a host would write it. */
  source: string;
  /** Maximum gzipped bytes. */
  max: number;
  /** Packages that must not be in this bundle (prefixes of their paths under node_modules). */
  without?: string[];
}

const KB = 1024;
export const budgets: Budget[] = [
  { name: "import { Button } from '@spokestack/react'", source: "export { Button } from '@spokestack/react';", max: 5 * KB },
  {
    name: "'@spokestack/react' (the root)",
    source: "export * from '@spokestack/react';",
    max: 40 * KB,
    without: ['@uppy/', '@tiptap/', 'recharts/'],
  },
  {
    name: "import { ContentList } from '@spokestack/react/cms'",
    source: "export { ContentList } from '@spokestack/react/cms';",
    max: 70 * KB,
    without: ['@uppy/', '@tiptap/', 'prosemirror-'],
  },
  { name: "'@spokestack/react/cms' (whole)", source: "export * from '@spokestack/react/cms';", max: 200 * KB },
  // The uploader (Uppy + tus) comes with the browser only: a media field that just picks an asset stays light.
  {
    name: "import { AssetPicker } from '@spokestack/react/dam'",
    source: "export { AssetPicker } from '@spokestack/react/dam';",
    max: 60 * KB,
    without: ['@uppy/', 'tus-js-client/', '@tiptap/', 'recharts/'],
  },
  {
    name: "'@spokestack/react/dam' (whole)",
    source: "export * from '@spokestack/react/dam';",
    max: 120 * KB,
    without: ['@tiptap/', 'recharts/'],
  },
  // Recharts comes with this subpath only: the root and the other features must stay free of it.
  {
    name: "'@spokestack/react/analytics' (whole)",
    source: "export * from '@spokestack/react/analytics';",
    max: 150 * KB,
    without: ['@uppy/', '@tiptap/'],
  },
  // dnd-kit and TanStack Virtual come with the CRM subpath only; a page with just a board loads no editor,
  // uploader or charts.
  {
    name: "import { PipelineBoard } from '@spokestack/react/crm'",
    source: "export { PipelineBoard } from '@spokestack/react/crm';",
    max: 90 * KB,
    without: ['@uppy/', '@tiptap/', 'prosemirror-', 'recharts/'],
  },
  {
    name: "'@spokestack/react/crm' (whole)",
    source: "export * from '@spokestack/react/crm';",
    max: 90 * KB,
    without: ['@uppy/', '@tiptap/', 'prosemirror-', 'recharts/'],
  },
];

export interface BundleSize {
  budget: Budget;
  minified: number;
  gzip: number;
  /** Packages of `budget.without` found in the bundle. */
  forbidden: string[];
  metafile: Metafile;
}

const reactDir = join(dirname(fileURLToPath(import.meta.url)), '../packages/react');

/** Bundles one budget line from the react package's sources (the `source` condition: no build needed). */
export async function measure(budget: Budget): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: budget.source, resolveDir: reactDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  // Only the modules that left code in the bundle: tree-shaken ones are listed in the inputs too.
  const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).flatMap(([path, { bytesInOutput }]) => (bytesInOutput > 0 ? [path] : [])),
  );
  const forbidden = (budget.without ?? []).filter((name) => inputs.some((path) => path.includes(`node_modules/${name}`)));
  return { budget, minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, forbidden, metafile: result.metafile };
}

/** The packages (or our own folders) that weigh most in a bundle, by minified bytes of their output. */
export function heaviest(metafile: Metafile, count = Number(process.env.BUNDLE_TOP ?? 8)): { name: string; bytes: number }[] {
  const byName = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
      const name = match?.[1] ?? relative(reactDir, path).split('/').slice(0, 2).join('/');
      byName.set(name, (byName.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byName]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** Measures every line, prints it, and says whether all are within budget. */
export async function checkBudgets(options: { verbose?: boolean; metafileDir?: string } = {}): Promise<boolean> {
  let ok = true;
  for (const [index, budget] of budgets.entries()) {
    const size = await measure(budget);
    const over = size.gzip > budget.max;
    const verdict = over ? 'OVER BUDGET' : size.forbidden.length ? `contains ${size.forbidden.join(', ')}` : 'ok';
    if (verdict !== 'ok') ok = false;
    console.log(
      `${budget.name.padEnd(56)} ${kb(size.gzip).padStart(9)} gzip  (${kb(size.minified)} min)  budget ${kb(budget.max)}  ${verdict}`,
    );
    if (options.verbose || verdict !== 'ok') {
      for (const { name, bytes } of heaviest(size.metafile)) console.log(`    ${name.padEnd(40)} ${kb(bytes).padStart(9)} min`);
    }
    if (options.metafileDir) await writeFile(join(options.metafileDir, `bundle-${index}.json`), JSON.stringify(size.metafile));
  }
  return ok;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const metafileAt = args.indexOf('--metafile');
  const ok = await checkBudgets({ verbose: args.includes('--verbose'), metafileDir: metafileAt >= 0 ? args[metafileAt + 1] : undefined });
  if (!ok) {
    console.error('A bundle is over its budget or contains what it must not (see above).');
    process.exit(1);
  }
}
