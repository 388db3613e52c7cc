#!/usr/bin/env node
// `npm test`: every check in order, stopping at the first failure with a clear banner.
// Usage: node scripts/test-all.mjs [--from <step>] [--only <step>]   (step names listed below)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const steps = [
  {
    name: 'typecheck',
    title: 'Typecheck (node, web and test configs)',
    cmd: ['npm', 'run', 'typecheck'],
  },
  { name: 'lint', title: 'Lint (ESLint, layer rules)', cmd: ['npm', 'run', 'lint'] },
  { name: 'build', title: 'Build (electron-vite build -> out/)', cmd: ['npm', 'run', 'build'] },
  {
    name: 'witness',
    title: 'SQLCipher witness for the interop tests (tools/sqlcipher-witness)',
    cmd: ['node', 'scripts/witness.mjs'],
  },
  {
    name: 'vitest',
    title: 'Unit, integration and glue tests (vitest)',
    cmd: ['npx', '--no', 'vitest', 'run'],
  },
  {
    name: 'playwright',
    title: 'End-to-end tests (Playwright, Chromium)',
    cmd: ['npx', '--no', 'playwright', 'test'],
  },
  {
    name: 'security',
    title: 'Electronegativity security gate',
    cmd: ['node', 'scripts/electronegativity-gate.mjs'],
  },
  {
    name: 'builder',
    title: 'electron-builder config check and smoke pack',
    cmd: ['node', 'scripts/check-builder.mjs'],
  },
];

const { values: args } = parseArgs({
  options: { from: { type: 'string' }, only: { type: 'string' } },
});
const names = steps.map((s) => s.name);
for (const wanted of [args.from, args.only].filter(Boolean)) {
  if (!names.includes(wanted)) {
    console.error(`Unknown step "${wanted}". Steps: ${names.join(', ')}`);
    process.exit(2);
  }
}
const selected = args.only
  ? steps.filter((s) => s.name === args.only)
  : steps.slice(args.from ? names.indexOf(args.from) : 0);

const line = '='.repeat(78);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const done = [];
const started = Date.now();

function summary() {
  console.log('\nStep durations:');
  for (const { step, ms, ok } of done) {
    console.log(
      `  ${ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(11)} ${seconds(ms).padStart(8)}  ${step.title}`,
    );
  }
  console.log(`  total            ${seconds(Date.now() - started).padStart(8)}`);
}

for (const [i, step] of selected.entries()) {
  console.log(
    `\n${line}\n[${i + 1}/${selected.length}] ${step.title}\n$ ${step.cmd.join(' ')}\n${line}`,
  );
  const t0 = Date.now();
  const [bin, ...rest] = step.cmd;
  const run = spawnSync(bin, rest, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32', // npm and npx are .cmd files on Windows
  });
  const ms = Date.now() - t0;
  const ok = run.status === 0;
  done.push({ step, ms, ok });
  if (!ok) {
    const why = run.error
      ? `could not start: ${run.error.message}`
      : run.signal
        ? `killed by ${run.signal}`
        : `exit code ${run.status}`;
    summary();
    console.error(
      `\n${'#'.repeat(78)}\n#  npm test FAILED at step ${i + 1}/${selected.length}: ${step.name} (${why})`,
    );
    console.error(`#  ${step.title}\n#  $ ${step.cmd.join(' ')}\n${'#'.repeat(78)}\n`);
    process.exit(run.status || 1);
  }
  console.log(`--- ${step.name} passed in ${seconds(ms)}`);
}

summary();
console.log(
  `\n${line}\nnpm test: all ${selected.length} step(s) passed in ${seconds(Date.now() - started)}\n${line}`,
);
