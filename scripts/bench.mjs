// `npm run bench`: runs every benchmark in bench/ in one process pool, one file at a time, and
// leaves the figures in bench-results.json (git-ignored).
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';

// A fresh set of timings each run; the mutation scores (`npm run mutate`) are kept, since a
// benchmark run does not measure them.
const kept = existsSync('bench-results.json')
  ? Object.fromEntries(
      Object.entries(JSON.parse(readFileSync('bench-results.json', 'utf8'))).filter(([k]) =>
        k.startsWith('mutation_'),
      ),
    )
  : {};
writeFileSync('bench-results.json', JSON.stringify(kept, null, 2) + '\n');
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
