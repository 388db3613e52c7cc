// Mutation testing stays pointed at the code that protects the evidence: the folder list in
// stryker.config.mjs cannot silently shrink, and the per-folder score is computed as Stryker does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

interface StrykerConfig {
  MUTATED_FOLDERS: string[];
  default: {
    mutate: string[];
    testRunner: string;
    incremental: boolean;
    incrementalFile: string;
    concurrency: number;
    jsonReporter: { fileName: string };
    htmlReporter: { fileName: string };
  };
}

interface Score {
  folder: string;
  key: string;
  mutants: number;
  score: number;
}
interface ScoresModule {
  folderKey(folder: string): string;
  scoresByFolder(report: unknown, folders: string[]): Score[];
  mergeIntoBenchResults(file: string, scores: Score[]): void;
  mergeReports(reports: unknown[]): unknown;
}

const load = async <T>(file: string): Promise<T> =>
  (await import(pathToFileURL(path.join(root, file)).href)) as T;

/** The folders that must always be mutated (the trust model: accounts with certificates, intake). */
const REQUIRED = [
  'src/shared/rules',
  'src/shared/guard',
  'src/main/core/log',
  'src/main/core/verify',
  'src/main/core/access',
  'src/main/core/api',
  'src/main/core/accounts',
  'src/main/core/intake',
];

describe('stryker.config.mjs', () => {
  it('mutates every required folder (a folder dropped from the list fails here)', async () => {
    const config = await load<StrykerConfig>('stryker.config.mjs');
    for (const folder of REQUIRED) {
      expect(config.MUTATED_FOLDERS, folder).toContain(folder);
      expect(config.default.mutate, folder).toContain(`${folder}/**/*.ts`);
    }
  });

  it('every listed folder exists and holds TypeScript to mutate; their report keys are distinct', async () => {
    const { MUTATED_FOLDERS } = await load<StrykerConfig>('stryker.config.mjs');
    const scores = await load<ScoresModule>('scripts/mutation-scores.mjs');
    for (const folder of MUTATED_FOLDERS) {
      const dir = path.join(root, folder);
      expect(fs.existsSync(dir), folder).toBe(true);
      expect(
        fs.readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.ts')),
        folder,
      ).toBe(true);
    }
    const keys = MUTATED_FOLDERS.map((f) => scores.folderKey(f));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('runs vitest incrementally, two workers at most, with its reports under the git-ignored reports/', async () => {
    const { default: c } = await load<StrykerConfig>('stryker.config.mjs');
    expect(c.testRunner).toBe('vitest');
    expect(c.incremental).toBe(true);
    expect(c.concurrency).toBeLessThanOrEqual(2);
    for (const f of [c.incrementalFile, c.jsonReporter.fileName, c.htmlReporter.fileName])
      expect(f.startsWith('reports/')).toBe(true);
    expect(fs.readFileSync(path.join(root, '.gitignore'), 'utf8')).toMatch(/^reports\/$/m);
  });

  it('is run by `npm run mutate`, never by `npm test`', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.mutate).toBe('node scripts/mutate.mjs');
    const testAll = fs.readFileSync(path.join(root, 'scripts/test-all.mjs'), 'utf8');
    expect(testAll).not.toMatch(/stryker|mutate/i);
  });
});

describe('the score per folder', () => {
  const mutants = (...statuses: string[]) =>
    statuses.map((status, i) => ({ id: String(i), status }));
  const report = {
    files: {
      'src/main/core/log/a.ts': { mutants: mutants('Killed', 'Killed', 'Survived', 'Ignored') },
      'src/main/core/log/deep/b.ts': { mutants: mutants('Timeout', 'NoCoverage', 'CompileError') },
      'src/main/core/logbook/c.ts': { mutants: mutants('Survived') },
      'src/shared/rules/r.ts': { mutants: mutants('Killed') },
    },
  };

  it('counts killed and timed-out as detected, survived and uncovered as not; ignored and broken mutants not at all', async () => {
    const { scoresByFolder } = await load<ScoresModule>('scripts/mutation-scores.mjs');
    const [log, rules] = scoresByFolder(report, ['src/main/core/log', 'src/shared/rules']);
    // log: 3 detected of 5 valid; the sibling folder "logbook" is not part of "log".
    expect(log).toMatchObject({ key: 'log', mutants: 5, score: 60 });
    expect(rules).toMatchObject({ key: 'rules', mutants: 1, score: 100 });
  });

  it('reads the reports of several folder runs as one (the last report of a file wins), so no folder is lost', async () => {
    const { scoresByFolder, mergeReports } = await load<ScoresModule>(
      'scripts/mutation-scores.mjs',
    );
    const verify = {
      files: { 'src/main/core/verify/v.ts': { mutants: mutants('Killed', 'Survived') } },
    };
    const rerun = { files: { 'src/shared/rules/r.ts': { mutants: mutants('Survived') } } };
    const merged = mergeReports([report, verify, rerun]);
    const scores = scoresByFolder(merged, [
      'src/main/core/log',
      'src/main/core/verify',
      'src/shared/rules',
    ]);
    expect(scores.map((s) => [s.key, s.mutants, s.score])).toEqual([
      ['log', 5, 60],
      ['verify', 2, 50],
      ['rules', 1, 0],
    ]);
  });

  it('leaves out a folder that was not in the run, and merges into bench-results.json without losing figures', async () => {
    const { scoresByFolder, mergeIntoBenchResults } = await load<ScoresModule>(
      'scripts/mutation-scores.mjs',
    );
    expect(scoresByFolder(report, ['src/main/core/verify'])).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseseal-mutation-'));
    try {
      const file = path.join(dir, 'bench-results.json');
      fs.writeFileSync(file, JSON.stringify({ unlock_kdf_ms: 390, mutation_score_log: 1 }));
      mergeIntoBenchResults(file, scoresByFolder(report, ['src/main/core/log']));
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
        unlock_kdf_ms: 390,
        mutation_score_log: 60,
        mutation_mutants_log: 5,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
