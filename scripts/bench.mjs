// `npm run bench`: runs every benchmark in bench/ in one process pool, one file at a time, and
// leaves the figures in bench-results.json (git-ignored).
import { spawnSync } from 'node:child_process';
import { rmSync, readFileSync, existsSync } from 'node:fs';

rmSync('bench-results.json', { force: true });
const r = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'vitest.bench.config.mts', ...process.argv.slice(2)],
  { stdio: 'inherit', shell: process.platform === 'win32' },
);
if (existsSync('bench-results.json')) {
  console.log('\nbench-results.json:');
  console.log(readFileSync('bench-results.json', 'utf8'));
}
process.exit(r.status ?? 1);
