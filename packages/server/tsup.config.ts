import { defineConfig } from 'tsup';

export default defineConfig({
  // The tagger runs models in a child process it starts from `dist/tagger-process.js`.
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'testing/index': 'src/testing/index.ts',
    'tagger-process': 'src/dam/media/tagger-process.ts',
  },
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/testing/index.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
});
