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
  /** Maximum gzipped bytes of what loads up front. */
  max: number;
  /** Maximum gzipped bytes of the chunks it loads on demand (`import()`), when it has any. */
  maxOnDemand?: number;
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
  // Recharts comes with this subpath only: the root and the other features must stay free of it. Within the
  // subpath it is a chunk of its own, fetched when the first chart renders (KPI tiles and tables do not wait
  // for it), as is the ImportWizard; `maxOnDemand` bounds those chunks together.
  {
    name: "'@spokestack/react/analytics' (whole)",
    source: "export * from '@spokestack/react/analytics';",
    max: 30 * KB,
    maxOnDemand: 150 * KB,
    without: ['@uppy/', '@tiptap/', 'recharts/'],
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
  /** What loads up front (the entry and its static chunks), minified and gzipped. */
  minified: number;
  gzip: number;
  /** Gzipped chunks loaded on demand (`import()`), not in the budget. */
  onDemandGzip: number;
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
    // Code splitting, as a host's bundler does: what a subpath loads on demand (`import()`, e.g. the
    // ImportWizard) becomes its own chunk, counted apart from what the page downloads up front.
    splitting: true,
    outdir: 'out',
    entryNames: 'entry',
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
  // Up front: the entry and the chunks it imports statically (shared code); `import()`ed chunks load later.
  const outputs = result.metafile.outputs;
  const upFront = new Set<string>();
  const visit = (path: string) => {
    if (upFront.has(path) || !outputs[path]) return;
    upFront.add(path);
    for (const { path: next, kind } of outputs[path].imports) if (kind === 'import-statement') visit(next);
  };
  visit(Object.keys(outputs).find((path) => /(^|\/)entry\.js$/.test(path))!);
  const fileOf = (path: string) => result.outputFiles.find((file) => file.path.endsWith(`/${path}`) || file.path === path);
  const sizes = (paths: string[]) => {
    const code = paths.map((path) => fileOf(path)?.contents ?? new Uint8Array());
    return {
      minified: code.reduce((sum, c) => sum + c.byteLength, 0),
      gzip: code.reduce((sum, c) => sum + gzipSync(c, { level: 9 }).byteLength, 0),
    };
  };
  const jsOutputs = Object.keys(outputs).filter((path) => path.endsWith('.js'));
  const first = sizes([...upFront]);
  const later = sizes(jsOutputs.filter((path) => !upFront.has(path)));
  // Only the modules that left code in what loads up front: tree-shaken ones are listed in the inputs too.
  const inputs = [...upFront].flatMap((path) =>
    Object.entries(outputs[path]!.inputs).flatMap(([input, { bytesInOutput }]) => (bytesInOutput > 0 ? [input] : [])),
  );
  const forbidden = (budget.without ?? []).filter((name) => inputs.some((path) => path.includes(`node_modules/${name}`)));
  return { budget, ...first, onDemandGzip: later.gzip, forbidden, metafile: result.metafile };
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
    const over = size.gzip > budget.max || (budget.maxOnDemand !== undefined && size.onDemandGzip > budget.maxOnDemand);
    const verdict = over ? 'OVER BUDGET' : size.forbidden.length ? `contains ${size.forbidden.join(', ')}` : 'ok';
    if (verdict !== 'ok') ok = false;
    console.log(
      `${budget.name.padEnd(56)} ${kb(size.gzip).padStart(9)} gzip  (${kb(size.minified)} min)  budget ${kb(budget.max)}  ${verdict}` +
        (size.onDemandGzip ? `  + ${kb(size.onDemandGzip)} gzip on demand (budget ${kb(budget.maxOnDemand ?? 0)})` : ''),
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
