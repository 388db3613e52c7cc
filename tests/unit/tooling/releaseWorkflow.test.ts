// The release workflow cannot run here (no hosted runners): these checks prove its syntax against the
// GitHub Actions workflow schema (action-validator) and that it still does what the README promises.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '@action-validator/core';
import yaml from 'js-yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const text = readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: {
    build: {
      strategy: { matrix: { include: Array<{ platform: string; arch: string; runner: string }> } };
      steps: Step[];
    };
  };
}
const wf = yaml.load(text) as Workflow;
const steps = wf.jobs.build.steps;
const runOf = (pattern: RegExp) =>
  steps.filter((s) => pattern.test(s.name ?? '')).map((s) => s.run ?? '');

describe('release workflow (.github/workflows/release.yml)', () => {
  it('is a valid GitHub Actions workflow', () => {
    const result = validateWorkflow(text) as { errors: unknown[] };
    expect(result.errors).toEqual([]);
  });

  it('a typo in a job key is caught by the same validator (the check can fail)', () => {
    const broken = text.replace('runs-on: ${{ matrix.runner }}', 'run-on: ${{ matrix.runner }}');
    expect(broken).not.toBe(text);
    const result = validateWorkflow(broken) as { errors: unknown[] };
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('builds Windows x64 and arm64, macOS and Linux', () => {
    const targets = wf.jobs.build.strategy.matrix.include.map((m) => `${m.platform}-${m.arch}`);
    expect(targets).toEqual(
      expect.arrayContaining([
        'win-x64',
        'win-arm64',
        'mac-arm64',
        'mac-x64',
        'linux-x64',
        'linux-arm64',
      ]),
    );
  });

  it('uses Node 24, typechecks and runs the unit tests before building the installers', () => {
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['node-version']).toBe(24);
    const order = steps.map((s) => s.run ?? s.uses ?? '');
    const at = (re: RegExp) => order.findIndex((r) => re.test(r));
    expect(at(/^npm ci/)).toBeGreaterThan(-1);
    expect(at(/npm run typecheck/)).toBeGreaterThan(at(/^npm ci/));
    expect(at(/vitest run/)).toBeGreaterThan(at(/npm run typecheck/));
    expect(at(/electron-builder/)).toBeGreaterThan(at(/vitest run/));
  });

  it('installs one installer silently on each platform and starts it with --self-test', () => {
    const win = runOf(/Windows/).join('\n');
    expect(win).toMatch(/'\/S'/);
    expect(win).toMatch(/--self-test/);
    expect(win).toMatch(/ExitCode -ne 0/);
    expect(runOf(/macOS/).join('\n')).toMatch(/CaseSeal --self-test/);
    expect(runOf(/Linux/).join('\n')).toMatch(/\.deb[\s\S]*caseseal --self-test/);
  });

  it('never publishes anything', () => {
    expect(
      steps
        .filter((s) => /electron-builder/.test(s.run ?? ''))
        .every((s) => /--publish never/.test(s.run!)),
    ).toBe(true);
  });
});
