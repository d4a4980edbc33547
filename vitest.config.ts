import { defineConfig } from 'vitest/config';

// One run over every package; each package's vitest.config.ts sets its own environment.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts'],
  },
});
