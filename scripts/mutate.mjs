// `npm run mutate`: StrykerJS over the folders in stryker.config.mjs, at the lowest CPU priority
// (the machine is shared), then the score per folder into bench-results.json. Extra arguments go
// to Stryker, e.g. `npm run mutate -- --mutate "src/main/core/log/**/*.ts"` for one folder.
import { spawnSync } from 'node:child_process';
import os from 'node:os';

try {
  os.setPriority(19); // inherited by Stryker and its test runners
} catch {
  // not permitted on this system: run at normal priority
}
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (args) =>
  spawnSync(npx, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const stryker = run(['--no', 'stryker', 'run', ...process.argv.slice(2)]);
const scores = spawnSync(process.execPath, ['scripts/mutation-scores.mjs'], { stdio: 'inherit' });
process.exit(stryker || (scores.status ?? 1));
