// Mutation testing of one folder a file at a time, so a long run keeps each finished file's result
// and can be stopped and resumed: `node scripts/mutate-by-file.mjs <folder> <entry test file>`.
//
// Each file gets its own Stryker run (stryker.pure.config.mjs, one test runner, lowest priority)
// with its own incremental file, so a second pass re-tests only what changed. Reports go to
// reports/mutation/files/<path>.mutation.json; at the end the folder's score is printed and
// written to bench-results.json (scripts/mutation-scores.mjs). `--only-missing` skips the files
// that already have a report (to resume a stopped pass). Progress is printed as it goes
// (`progress-append-only`), so a run of hours shows how far it has got.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const onlyMissing = args.includes('--only-missing');
const [folder, entry] = args.filter((a) => !a.startsWith('--'));
if (!folder || !entry) {
  console.error(
    'Usage: node scripts/mutate-by-file.mjs <folder> <entry test file> [--only-missing]\n' +
      'e.g.   node scripts/mutate-by-file.mjs src/shared/guard tests/mutation/guard.mutation.ts',
  );
  process.exit(2);
}

try {
  os.setPriority(19); // inherited by Stryker and its test runners: the machine is shared
} catch {
  // not permitted here: run at normal priority
}

const sources = readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => `${folder}/${f.replaceAll('\\', '/')}`)
  .sort();
const reportsDir = path.join(root, 'reports/mutation/files');
mkdirSync(reportsDir, { recursive: true });
const lastReport = path.join(root, 'reports/mutation/mutation.json');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const reports = [];

for (const source of sources) {
  const name = source.replaceAll('/', '__');
  const report = path.join(reportsDir, `${name}.mutation.json`);
  if (onlyMissing && existsSync(report)) {
    reports.push(report);
    continue;
  }
  console.log(`\n=== ${source} (${new Date().toISOString().slice(11, 19)})`);
  const run = spawnSync(
    npx,
    [
      '--no',
      'stryker',
      'run',
      'stryker.pure.config.mjs',
      '--concurrency',
      '1',
      '--mutate',
      source,
      '--testFiles',
      entry,
      '--incrementalFile',
      `reports/mutation/files/${name}.incremental.json`,
      '--reporters',
      'json,html,clear-text,progress-append-only',
    ],
    { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' },
  );
  // A run that found nothing to mutate (a file of types only) writes no new report: never count
  // the previous file's report twice.
  const written = existsSync(lastReport) ? JSON.parse(readFileSync(lastReport, 'utf8')) : null;
  if (run.status === 0 && written?.files?.[source]) {
    copyFileSync(lastReport, report);
    reports.push(report);
  } else if (run.status !== 0) {
    console.log(`Stryker stopped on ${source} (exit ${run.status}); its result is not counted.`);
  }
}

spawnSync(process.execPath, ['scripts/mutation-scores.mjs', ...reports], {
  cwd: root,
  stdio: 'inherit',
});
