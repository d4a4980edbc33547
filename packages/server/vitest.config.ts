import { defineProject } from 'vitest/config';

// `source` first so `@spokestack/*` load from src/ (no build). No `module`: externalized packages run in
// Node, and some (the AWS SDK) point `module` at builds Node cannot load.
const conditions = ['source', 'node', 'development|production'];

// Runs on PGlite by default; the root config adds a second run on PostgreSQL when DATABASE_URL is set.
export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    env: { SPOKESTACK_TEST_DRIVER: 'pglite' },
    server: { deps: { inline: [/@spokestack\//] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files share their worker's module graph: importing the app and compiling PGlite's WASM once per worker rather
    // than once per file takes a third off the suite. Tests keep no module-level state (each makes its own instance).
    isolate: false,
  },
});
