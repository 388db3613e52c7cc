// Vitest: unit and integration tests under plain Node, against real SQLCipher files in temp dirs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/glue/**/*.test.ts',
    ],
    environment: 'node',
    globalSetup: ['tests/setup/buildWorker.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
