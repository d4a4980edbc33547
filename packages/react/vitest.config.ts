import { defineProject } from 'vitest/config';

// `source` first so `@spokestack/*` resolve to their `src/` (no build needed); the rest are Vite's defaults,
// which a custom `conditions` list would otherwise replace.
const clientConditions = ['source', 'module', 'browser', 'development|production'];
// No 'module': it picks packages' untranspiled ESM builds (the AWS SDK's dist-es) that Node itself cannot load.
const serverConditions = ['source', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions: clientConditions },
  ssr: { resolve: { conditions: serverConditions, externalConditions: ['source'] } },
  test: {
    name: 'react',
    // happy-dom's DOM with Node's URL/fetch classes and Node-transformed modules, so component tests can run
    // the real server (PGlite, Hono) in the same worker; see the file for why.
    environment: './src/test/happy-dom-node.ts',
    include: ['src/**/*.test.{ts,tsx}'],
    // The server's global setup migrates PGlite once per run; each test file's createTestInstance() copies it.
    globalSetup: ['../server/test/global-setup.ts'],
    setupFiles: ['src/test/setup.ts', '../server/test/setup.ts'],
    env: { SPOKESTACK_TEST_DRIVER: 'pglite' },
    server: { deps: { inline: [/@spokestack\//] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files share their worker's modules (React, Tiptap, the server, PGlite's WASM) instead of importing them again
    // per file; each test renders into its own cleaned-up document and its own server instance.
    isolate: false,
  },
});
