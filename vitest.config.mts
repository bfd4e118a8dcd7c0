import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // type-graphql is CommonJS: make test files and it share one copy of graphql.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-postgres.ts'],
    // One seed for every property test (FC_SEED overrides it; see the file).
    setupFiles: ['test/setup/propertySeed.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The JSON report lets CI print one plain summary line (`N passed, N failed`).
    reporters: ['default', ['json', { outputFile: 'coverage/vitest-results.json' }]],
  },
});
