// An export says only what the signed records say. An insider holding the DSL's own key edits the
// bundle's unsigned summary or audit trail and re-seals the manifest with that genuine key: each
// change is a failure with a precise message, and the verifier still prints what the signed records
// say. VERIFY.txt's step 5 runs exactly as printed from the folder where the bundle was saved.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyObject } from 'node:crypto';
import { sealExport, type ExportResult } from '../../src/main/core/export/sealExport';
import { verifyBundle } from '../../src/main/core/verify/bundle';
import {
  BUNDLE_FILES,
  type AuditFile,
  type RecordsFile,
} from '../../src/main/core/verify/bundleFormat';
import type { BundleProblem, VerifyReport } from '../../src/shared/exportReport';
import { removeDir, tempDir } from '../helpers/vault';
import {
  buildWorld,
  flipBit,
  reseal,
  unzipBundle,
  zipBundle,
  type World,
} from '../helpers/exportFixture';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli', 'caseseal-verify.cjs');
const RECIPIENT = {
  officerName: 'DC Rowan Whitlock',
  force: 'Kingsford Constabulary',
  reference: 'KB-1',
};

let w: World;
let dir: string;
let bundle: ExportResult;
let files: Map<string, Buffer>;
let dslKey: KeyObject;

beforeAll(async () => {
  w = await buildWorld();
  dir = tempDir('caseseal-truth-');
  bundle = await sealExport(w.core, {
    caseIds: [w.caseId, w.smallCaseId],
    recipient: RECIPIENT,
    encrypt: false,
    outPath: join(dir, 'Police export 2026.zip'),
  });
  files = await unzipBundle(readFileSync(bundle.outPath));
  dslKey = w.core.requireSession().privateKey;
}, 180_000);

afterAll(async () => {
  await w?.core.close();
  if (w) removeDir(w.dir);
  if (dir) removeDir(dir);
});

const json = <T>(name: string) => JSON.parse(files.get(name)!.toString('utf8')) as T;
const withFile = (name: string, value: unknown) =>
  new Map(files).set(name, Buffer.from(JSON.stringify(value, null, 1) + '\n'));
async function verifyFiles(f: ReadonlyMap<string, Buffer>): Promise<VerifyReport> {
  return verifyBundle(await zipBundle(f));
}
function problemsOf(r: VerifyReport): BundleProblem[] {
  if (r.status !== 'invalid') throw new Error(`expected invalid, got ${r.status}`);
  return r.problems;
}

it('the vault that made the bundle passes its own full check (witnesses sign their audit entries with their own keys)', async () => {
  const r = await w.core.checkWholeLog();
  expect(r.problems).toEqual([]);
  const valid = await verifyBundle(bundle.outPath);
  expect(valid.status).toBe('valid');
});

describe('re-sealed with the genuine DSL key after the change', () => {
  it('an insider removes the copy-made flag from the case summary → failure naming the flag; the verifier still reports it', async () => {
    const r = json<RecordsFile>(BUNDLE_FILES.records);
    const c = r.cases.find((x) => x.caseId === w.caseId)!;
    const flags = c.facts.flags as string[];
    expect(flags).toContain('copy-made');
    c.facts.flags = flags.filter((f) => f !== 'copy-made');
    const report = await verifyFiles(reseal(withFile(BUNDLE_FILES.records, r), dslKey));
    const p = problemsOf(report).find((x) => x.code === 'summary-flag-missing');
    expect(p).toMatchObject({ file: 'records.json', caseId: w.caseId });
    expect(p!.message).toMatch(
      new RegExp(
        `^records\\.json's summary of case ${c.ref} leaves out the flag "copy-made" \\(.+\\) that its signed records set`,
      ),
    );
    // What the verifier prints comes from the signed records, not the edited summary.
    expect(
      report.status === 'invalid' && report.summary.cases.find((x) => x.caseId === w.caseId)!.flags,
    ).toContain('copy-made');
  });

  it('an insider changes the case title in the summary → failure naming both titles', async () => {
    const r = json<RecordsFile>(BUNDLE_FILES.records);
    const c = r.cases.find((x) => x.caseId === w.caseId)!;
    const original = c.title;
    c.title = 'Minor disagreement at lunch';
    const report = await verifyFiles(reseal(withFile(BUNDLE_FILES.records, r), dslKey));
    expect(problemsOf(report)).toContainEqual({
      code: 'summary-title-differs',
      file: 'records.json',
      caseId: w.caseId,
      message: `records.json gives case ${c.ref} the title "Minor disagreement at lunch", but its signed records give "${original}": the unsigned summary has been changed.`,
    });
    expect(
      report.status === 'invalid' && report.summary.cases.find((x) => x.caseId === w.caseId)!.title,
    ).toBe(original);
  });

  it('an insider deletes an audit entry about the case → failure naming the entry', async () => {
    const a = json<AuditFile>(BUNDLE_FILES.audit);
    const i = a.entries.findIndex((e) => e.action === 'record-signed' && e.caseId === w.caseId);
    expect(i).toBeGreaterThanOrEqual(0);
    const [gone] = a.entries.splice(i, 1);
    const r = json<RecordsFile>(BUNDLE_FILES.records);
    const ref = r.cases.find((x) => x.caseId === w.caseId)!.ref;
    const report = await verifyFiles(reseal(withFile(BUNDLE_FILES.audit, a), dslKey));
    expect(problemsOf(report)).toContainEqual({
      code: 'audit-entry-missing',
      file: 'audit.json',
      caseId: w.caseId,
      message: `audit.json lacks entry ${gone!.seq} about case ${ref}, which the signed export record lists: it has been removed.`,
    });
  });

  it('an insider strips an audit entry’s signature → failure naming the entry', async () => {
    const a = json<AuditFile>(BUNDLE_FILES.audit);
    const e = a.entries[0]!;
    e.signature = null;
    e.signerKeyId = null;
    const report = await verifyFiles(reseal(withFile(BUNDLE_FILES.audit, a), dslKey));
    expect(problemsOf(report).map((p) => p.message)).toContain(
      `audit.json entry ${e.seq} (${e.action}) has been changed: its content no longer matches its hash.`,
    );
  });
});

it('a flipped line of manifest.sha256 names the broken signature first', async () => {
  const m = files.get(BUNDLE_FILES.manifest)!;
  // A digit of the records.json line, flipped to another digit: the line still reads as a hash.
  const line = m.lastIndexOf('\n', m.indexOf('  records.json')) + 1;
  const at =
    line +
    m
      .subarray(line, line + 64)
      .toString('latin1')
      .search(/[0-9]/);
  const report = await verifyFiles(new Map(files).set(BUNDLE_FILES.manifest, flipBit(m, at, 0x01)));
  const p = problemsOf(report);
  expect(p[0]!.code).toBe('manifest-signature-invalid');
  expect(p.map((x) => x.code)).toContain('file-hash-mismatch');
});

it('VERIFY.txt step 5 works exactly as printed, run with a shell in the folder where the officer saved the bundle', () => {
  expect(existsSync(CLI), 'npm run build:cli builds the verifier').toBe(true);
  const text = files.get(BUNDLE_FILES.verify)!.toString('utf8');
  const step5 = text.slice(text.indexOf('Step 5'), text.indexOf('Exit code 0'));
  const commands = step5
    .split('\n')
    .filter((l) => l.startsWith('    '))
    .map((l) => l.trim());
  expect(commands).toEqual([`node caseseal-verify.cjs 'Police export 2026.zip'`]);
  // The officer's own folder, somewhere else entirely, with a space in its name.
  const officer = join(tempDir('caseseal-officer-'), 'USB stick', 'Evidence KB-1');
  mkdirSync(officer, { recursive: true });
  copyFileSync(bundle.outPath, join(officer, 'Police export 2026.zip'));
  copyFileSync(CLI, join(officer, 'caseseal-verify.cjs'));
  const run = spawnSync('/bin/sh', ['-c', commands.join('\n')], { cwd: officer, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/VALID/i);
  removeDir(join(officer, '..', '..'));
  void execFileSync;
});
