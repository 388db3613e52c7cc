// Vitest under StrykerJS (`npm run mutate`): the same tests as vitest.config.mts, with room for
// instrumented code on a shared two-core machine (the first instrumented run is several times slower).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
    reporters: ['default'],
  },
});
