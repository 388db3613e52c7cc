#!/usr/bin/env node
// Security gate: runs Doyensec's Electronegativity on the built app (out/) and fails on any finding
// other than CSP_GLOBAL_CHECK (it rates `script-src 'self'` as "maybe").
// Electronegativity always exits 0, so the gate reads its SARIF report itself.
//
// Usage: node scripts/electronegativity-gate.mjs [--input <built app dir>] [--sarif <output file>]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolDir = path.join(root, 'tools', 'electronegativity');
const toolBin = path.join(toolDir, 'node_modules/@doyensec/electronegativity/dist/index.js');
const ALLOWED = new Set(['CSP_GLOBAL_CHECK']);

const { values: args } = parseArgs({
  options: {
    input: { type: 'string', default: path.join(root, 'out') },
    sarif: { type: 'string', default: path.join(root, 'artifacts', 'electronegativity.sarif') },
  },
});
const input = path.resolve(args.input);
const sarifOut = path.resolve(args.sarif);

const log = (message) => console.log(`[electronegativity] ${message}`);
function fail(message) {
  console.error(`\n[electronegativity] FAILED: ${message}\n`);
  process.exit(1);
}

// 1. The scanner lives in its own folder with its own lockfile: as an app devDependency its bundled
//    TypeScript parser resolves the app's TypeScript and crashes.
if (!fs.existsSync(toolBin)) {
  log('installing @doyensec/electronegativity into tools/electronegativity (npm ci)');
  const install = spawnSync('npm', ['ci', '--prefix', toolDir, '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (install.status !== 0 || !fs.existsSync(toolBin)) {
    fail(
      `npm ci --prefix tools/electronegativity failed (exit ${install.status ?? install.signal})`,
    );
  }
}

// 2. Scan the built app.
if (!fs.existsSync(path.join(input, 'main'))) {
  fail(`${path.join(input, 'main')} is missing: run \`npm run build\` (electron-vite build) first`);
}
let electronVersion = '45.4.1';
try {
  const pkg = path.join(root, 'node_modules', 'electron', 'package.json');
  electronVersion = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
} catch {
  log(`electron is not installed; assuming Electron ${electronVersion}`);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'caseseal-electronegativity-'));
const report = path.join(tmp, 'report.sarif');
const scanArgs = ['-i', input, '-r', '-e', electronVersion];
scanArgs.push('-x', 'AvailableSecurityFixesGlobalCheck', '-o', report);
log(`scanning ${path.relative(root, input) || '.'} for Electron ${electronVersion}`);
// en-US is bundled; the preload refuses the scanner's translation download so it never goes online.
const offline = path.join(root, 'scripts', 'electronegativity-offline.cjs');
const scan = spawnSync(process.execPath, ['--require', offline, toolBin, ...scanArgs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LANG: 'en-US' },
});
if (scan.status !== 0) fail(`electronegativity exited with ${scan.status ?? scan.signal}`);

// 3. Gate on the SARIF report.
let sarif;
try {
  sarif = JSON.parse(fs.readFileSync(report, 'utf8'));
} catch (error) {
  fail(`no readable SARIF report at ${report}: ${error.message}`);
}
fs.mkdirSync(path.dirname(sarifOut), { recursive: true });
fs.copyFileSync(report, sarifOut);
fs.rmSync(tmp, { recursive: true, force: true });
log(`SARIF report saved to ${path.relative(root, sarifOut)}`);

if (!Array.isArray(sarif.runs) || sarif.runs.length === 0) fail('the SARIF report has no runs');
const findings = sarif.runs.flatMap((run) =>
  (run.results ?? []).map((result) => {
    const where = result.locations?.[0]?.physicalLocation;
    return {
      rule: result.ruleId ?? '(no rule id)',
      level: result.level ?? 'warning',
      file: where?.artifactLocation?.uri ?? '(unknown file)',
      line: where?.region?.startLine ?? 0,
      message: result.message?.text ?? '',
    };
  }),
);
const blocking = findings.filter((f) => !ALLOWED.has(f.rule));
const show = (f) => `${f.rule} [${f.level}] ${f.file}:${f.line} ${f.message}`;
for (const f of findings.filter((f) => ALLOWED.has(f.rule))) log(`accepted: ${show(f)}`);
if (blocking.length > 0) {
  for (const f of blocking) console.error(`[electronegativity] finding: ${show(f)}`);
  fail(
    `${blocking.length} finding(s) beyond ${[...ALLOWED].join(', ')}; see ${path.relative(root, sarifOut)}`,
  );
}
log(`OK: ${findings.length} finding(s), none beyond ${[...ALLOWED].join(', ')}`);
