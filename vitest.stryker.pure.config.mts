// Vitest under StrykerJS for the pure folders (the rules R1–R18 and the imagery guard R2): their
// tests touch no vault, file or native engine, so one shared worker thread without per-file
// isolation is safe and makes each mutant's run several times cheaper on two shared cores. The
// rest is as vitest.stryker.config.mts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // tests/mutation/*.mutation.ts: one entry per folder's fast tests, for Stryker only.
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/mutation/**/*.mutation.ts',
    ],
    environment: 'node',
    pool: 'threads',
    isolate: false,
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
    reporters: ['default'],
  },
});
