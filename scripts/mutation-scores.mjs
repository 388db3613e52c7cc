// After a Stryker run: prints the mutation score of each folder in stryker.config.mjs and merges
// them into bench-results.json as mutation_score_<folder> (and mutation_mutants_<folder>). With
// report files as arguments (one saved per folder run, e.g. reports/mutation/verify.mutation.json),
// reads those instead of the last run's mutation.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The goal for every folder (below it, the folder is flagged; the run does not fail). */
export const GOAL = 90;

/** bench-results.json key: the folder's last part (src/main/core/verify -> verify). */
export function folderKey(folder) {
  return folder.split('/').filter(Boolean).at(-1);
}

/**
 * Stryker's own definition: detected / (detected + undetected), in per cent. Ignored mutants
 * (equivalent ones marked in the code, static ones) and mutants that do not compile or run count
 * for neither. Folders with no mutant in the report (a run scoped with --mutate) are left out.
 */
export function scoresByFolder(report, folders) {
  const out = [];
  for (const folder of folders) {
    const prefix = folder.replace(/\/$/, '') + '/';
    const t = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, other: 0 };
    let files = 0;
    for (const [file, result] of Object.entries(report.files ?? {})) {
      if (!file.replaceAll('\\', '/').startsWith(prefix)) continue;
      files++;
      for (const m of result.mutants ?? []) {
        if (m.status === 'Killed') t.killed++;
        else if (m.status === 'Timeout') t.timeout++;
        else if (m.status === 'Survived') t.survived++;
        else if (m.status === 'NoCoverage') t.noCoverage++;
        else if (m.status === 'Ignored') t.ignored++;
        else t.other++;
      }
    }
    const detected = t.killed + t.timeout;
    const valid = detected + t.survived + t.noCoverage;
    if (files === 0 || valid === 0) continue;
    out.push({
      folder,
      key: folderKey(folder),
      files,
      mutants: valid,
      ...t,
      score: Math.round((detected / valid) * 10000) / 100,
    });
  }
  return out;
}

/** Several reports as one: a file's results from the report given last win. */
export function mergeReports(reports) {
  const files = {};
  for (const r of reports) Object.assign(files, r.files ?? {});
  return { files };
}

export function mergeIntoBenchResults(file, scores) {
  const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const s of scores) {
    current[`mutation_score_${s.key}`] = s.score;
    current[`mutation_mutants_${s.key}`] = s.mutants;
  }
  writeFileSync(file, JSON.stringify(current, null, 2) + '\n');
}

async function main() {
  const config = await import(pathToFileURL(path.join(root, 'stryker.config.mjs')).href);
  const args = process.argv.slice(2);
  const reportFiles = args.length
    ? args.map((f) => path.resolve(f))
    : [path.join(root, config.default.jsonReporter.fileName)];
  for (const f of reportFiles) {
    if (!existsSync(f)) {
      console.error(`No mutation report at ${f}: run \`npm run mutate\` first.`);
      process.exit(1);
    }
  }
  const report = mergeReports(reportFiles.map((f) => JSON.parse(readFileSync(f, 'utf8'))));
  const scores = scoresByFolder(report, config.MUTATED_FOLDERS);
  console.log('\nMutation score per folder (goal ≥ ' + GOAL + '%):');
  for (const s of scores) {
    const flag = s.score >= GOAL ? '' : `   <- below ${GOAL}%`;
    console.log(
      `  ${s.folder.padEnd(24)} ${String(s.score.toFixed(2)).padStart(6)}%  ` +
        `${s.mutants} mutants: ${s.killed} killed, ${s.timeout} timed out, ${s.survived} survived, ` +
        `${s.noCoverage} not covered (${s.ignored} ignored)${flag}`,
    );
  }
  const missing = config.MUTATED_FOLDERS.filter((f) => !scores.some((s) => s.folder === f));
  if (missing.length) console.log(`  not in this run: ${missing.join(', ')}`);
  mergeIntoBenchResults(path.join(root, 'bench-results.json'), scores);
  console.log('Written to bench-results.json.');
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) await main();
