// StrykerJS for the folders whose fast tests run in one thread: the same settings as
// stryker.config.mjs, with vitest in one shared thread (vitest.stryker.pure.config.mts). Run one
// folder at a time through its entry file, e.g.
//   nice -n 19 npx stryker run stryker.pure.config.mjs --concurrency 1 \
//     --mutate "src/shared/guard/**/*.ts" --testFiles "tests/mutation/guard.mutation.ts"
import config from './stryker.config.mjs';

export default {
  ...config,
  vitest: { configFile: 'vitest.stryker.pure.config.mts' },
  // These tests take seconds, not minutes: a mutant that loops for ever (a decoder's loop bound
  // flipped) is ended after twice the test's own time plus 10 s, not after 30 s, which would make a
  // folder with many loops take hours longer. Still ample on a loaded two-core machine.
  timeoutMS: 10_000,
};
