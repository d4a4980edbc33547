import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

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
    /^@uppy\//,
    /^radix-ui($|\/)/,
    /^recharts($|\/)/,
    /^zustand($|\/)/,
  ],
  // Everything here uses hooks and context; frameworks with server components need the directive.
  banner: { js: "'use client';" },
  async onSuccess() {
    await copyFile('src/styles.css', 'dist/styles.css');
  },
});
