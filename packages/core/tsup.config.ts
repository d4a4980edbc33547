import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/platform/index.ts', 'src/cms/index.ts', 'src/dam/index.ts', 'src/analytics/index.ts', 'src/crm/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
