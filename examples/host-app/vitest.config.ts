import { defineProject } from 'vitest/config';

// Browser tests: the real server, this app under Vite, Debian's Chromium through playwright-core.
const conditions = ['source', 'node', 'development|production'];
export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: 'e2e',
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    server: { deps: { inline: [/@spokestack\//] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser and one Vite server at a time: the machine has two cores.
    fileParallelism: false,
  },
});
