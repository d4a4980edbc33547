import { defineConfig } from 'vitest/config';

// One run over every package. Server tests run on PGlite and, when DATABASE_URL is set, again on PostgreSQL.
const server = 'packages/server/vitest.config.ts';
export default defineConfig({
  test: {
    projects: [
      'packages/core/vitest.config.ts',
      'packages/react/vitest.config.ts',
      'packages/tracker/vitest.config.ts',
      'examples/*/vitest.config.ts',
      server,
      ...(process.env.DATABASE_URL
        ? [
            {
              extends: server,
              root: 'packages/server',
              // Tests that never touch the database run once, in the PGlite project.
              test: {
                name: 'server:postgres',
                env: { SPOKESTACK_TEST_DRIVER: 'postgres' },
                exclude: ['**/node_modules/**', 'src/dam/media/**', 'src/platform/secrets.test.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
