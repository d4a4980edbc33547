import { defineProject } from 'vitest/config';

// `source` first so `@spokestack/*` resolve to their `src/` (no build needed); the rest are Vite's defaults,
// which a custom `conditions` list would otherwise replace.
const clientConditions = ['source', 'module', 'browser', 'development|production'];
const serverConditions = ['source', 'module', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions: clientConditions },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    name: 'react',
    environment: 'happy-dom',
    include: ['src/**/*.test.tsx'],
    setupFiles: ['src/test/setup.ts'],
  },
});
