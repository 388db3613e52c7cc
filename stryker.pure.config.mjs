// StrykerJS for the pure folders only (src/shared/rules, src/shared/guard): the same settings as
// stryker.config.mjs, with vitest in one shared thread (vitest.stryker.pure.config.mts). Run one
// folder at a time, e.g.
//   nice -n 19 npx stryker run stryker.pure.config.mjs --concurrency 1 \
//     --mutate "src/shared/rules/**/*.ts" --testFiles "tests/unit/r*/**/*.test.ts"
import config from './stryker.config.mjs';

export default { ...config, vitest: { configFile: 'vitest.stryker.pure.config.mts' } };
