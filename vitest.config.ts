import { defineConfig } from 'vitest/config';

// Two projects: fast pure tests, and tests against a real Neo4j (started by the
// global setup on its own port and data folder, never the developer's), including
// the end-to-end tests in Debian's Chromium against the real stack.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/test/**/*.test.ts',
            'apps/*/test/**/*.test.ts',
            // component tests beside their components (each names its DOM environment)
            'apps/*/src/**/*.test.tsx',
            'tools/*/test/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
          environment: 'node',
          // Property tests run dozens of generated cases with file I/O; on a loaded 2-core
          // machine 5 s is luck, not a bound (speed is measured in `npm run bench`).
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          // End-to-end tests share the test database with the integration tests, so they
          // run in the same project, one file at a time, under one global setup.
          include: ['**/test/**/*.int.test.ts', '**/test/**/*.e2e.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          globalSetup: ['./test/neo4j.global-setup.ts', './test/cli.global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
