import { defineProject } from 'vitest/config';

// The built script, measured and run in Debian's Chromium through playwright-core.
const conditions = ['source', 'node', 'development|production'];
export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: 'tracker',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    server: { deps: { inline: [/@spokestack\//] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
