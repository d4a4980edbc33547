import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defineConfig } from 'tsup';

/** The stylesheets, in the aggregate's order: base (tokens + ui primitives), then each feature's. */
export const stylesheets: [source: string, built: string][] = [
  ['src/ui/styles.css', 'dist/base.css'],
  ['src/platform/styles.css', 'dist/platform/styles.css'],
  ['src/cms/styles.css', 'dist/cms/styles.css'],
  ['src/dam/styles.css', 'dist/dam/styles.css'],
  ['src/crm/styles.css', 'dist/crm/styles.css'],
  ['src/analytics/styles.css', 'dist/analytics/styles.css'],
];

export default defineConfig({
  // One entry per subpath, so a host importing `@spokestack/react/crm` never pulls in the editor or the charts.
  entry: ['src/index.ts', 'src/platform/index.ts', 'src/cms/index.ts', 'src/dam/index.ts', 'src/crm/index.ts', 'src/analytics/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Keep every dependency (and react's own subpaths such as `react/jsx-runtime`) out of the bundle:
  // hosts dedupe them, and two copies of React or TanStack Query break context.
  external: [
    /^react($|\/)/,
    /^react-dom($|\/)/,
    /^@spokestack\//,
    /^@tanstack\//,
    /^@tiptap\//,
    /^@dnd-kit\//,
    /^@uppy\//,
    /^radix-ui($|\/)/,
    /^recharts($|\/)/,
    /^zustand($|\/)/,
  ],
  // Everything here uses hooks and context; frameworks with server components need the directive.
  banner: { js: "'use client';" },
  async onSuccess() {
    // One sheet per feature beside the base sheet, and styles.css as their concatenation (in the source it
    // @imports them; a built file a <link> can load has no relative imports to chase).
    let aggregate = '';
    for (const [from, to] of stylesheets) {
      const css = await readFile(from, 'utf8');
      await mkdir(dirname(to), { recursive: true });
      await writeFile(to, css);
      aggregate += `${css}\n`;
    }
    await writeFile('dist/styles.css', aggregate);
  },
});
