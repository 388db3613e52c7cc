// StrykerJS (mutation testing): plants small bugs in the code that protects the evidence and checks
// that some test fails for each. `npm run mutate` runs it; the README says when.

/**
 * The folders whose code protects the evidence: the rules R1–R18, the imagery guard (R2), the log
 * (with its checkpoints), the verifiers, access, the IPC boundary, and the trust model: the account
 * keys and the school key's certificates (accounts) and the sealed staff concerns (intake). Add a
 * folder here when new trust code lands; its score is reported as mutation_score_<last part>.
 */
export const MUTATED_FOLDERS = [
  'src/shared/rules',
  'src/shared/guard',
  'src/main/core/log',
  'src/main/core/verify',
  'src/main/core/access',
  'src/main/core/api',
  'src/main/core/accounts',
  'src/main/core/intake',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.mts' },
  mutate: MUTATED_FOLDERS.map((folder) => `${folder}/**/*.ts`),
  // Only what the tests need is copied into Stryker's sandbox.
  ignorePatterns: [
    'out',
    'docs',
    'artifacts',
    'release',
    'test-results',
    'playwright-report',
    'tools',
    'reports',
    'tests/e2e',
  ],
  // A second run re-tests only the mutants whose code or covering tests changed. The file stays on
  // the machine that made it (reports/ is git-ignored): see the README.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  clearTextReporter: { reportTests: false, reportMutants: false },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Two shared cores: one worker each at most (run under `nice -n 19`).
  concurrency: 2,
  coverageAnalysis: 'perTest',
  // A mutant in module-level data (rule texts, pattern tables) runs when the module loads, so every
  // test would have to run for each one: hours on two cores. They are reported as ignored; the
  // ordinary tests check that data directly.
  ignoreStatic: true,
  // The integration tests open real SQLCipher vaults: give a slow, shared machine room.
  timeoutMS: 30_000,
  timeoutFactor: 2,
  // The first, instrumented run of every related test takes well over Stryker's default 5 minutes.
  dryRunTimeoutMinutes: 60,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
