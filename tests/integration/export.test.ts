// The sealed export end to end over a real vault: a case holding every registered record
// kind (plus a second case) is exported plain and AES-encrypted; the bundles are checked by our own
// verifier, by the real tools (7zz, sha256sum, openssl, pdftotext) and by the built command-line
// verifier as a child process; no exported file holds imagery; the export is a signed record and an
// audit entry; the receipt; cancellation and failures leave nothing behind; roles are enforced.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealExport, type ExportResult } from '../../src/main/core/export/sealExport';
import { verifyBundle } from '../../src/main/core/verify/bundle';
import { scanPdf } from '../../src/main/core/verify/pdfText';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { RECORD_KINDS } from '../../src/shared/records/registry';
import { detectImagery, sniffImageryBytes } from '../../src/shared/guard/imagery';
import { PASSPHRASE_WORDS } from '../../src/main/core/export/wordList';
import { flagLabel } from '../../src/main/core/export/reportPdf';
import { ALL_FILES, BUNDLE_FILES, type RecordsFile } from '../../src/main/core/verify/bundleFormat';
import type { VerifyReport } from '../../src/shared/exportReport';
import { sha256Hex } from '../../src/main/core/crypto/hash';
import { removeDir, SCHOOL, tempDir } from '../helpers/vault';
import { buildWorld, flipBit, unzipBundle, zipBundle, type World } from '../helpers/exportFixture';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli', 'caseseal-verify.cjs');
const RECIPIENT = {
  officerName: 'DC Rowan Whitlock',
  force: 'Kingsford Constabulary',
  reference: 'KB-231126-0042',
  collarNumber: '4471',
};

let w: World;
let out: string;
let plain: ExportResult;
let enc: ExportResult;
let plainFiles: Map<string, Buffer>;
let encFiles: Map<string, Buffer>;

beforeAll(async () => {
  // The CLI test runs the built verifier: build it from the current source (esbuild, well under a second).
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  w = await buildWorld();
  out = tempDir('caseseal-export-');
  plain = await sealExport(w.core, {
    caseIds: [w.caseId, w.smallCaseId],
    recipient: RECIPIENT,
    encrypt: false,
    outPath: join(out, 'plain.zip'),
  });
  enc = await sealExport(w.core, {
    caseIds: [w.caseId],
    recipient: RECIPIENT,
    encrypt: true,
    outPath: join(out, 'enc.zip'),
  });
  plainFiles = await unzipBundle(readFileSync(plain.outPath));
  encFiles = await unzipBundle(readFileSync(enc.outPath), enc.passphrase!);
}, 10 * 60_000); // room for the instrumented run of `npm run mutate` on a busy machine

afterAll(async () => {
  await w?.core.close();
  if (w) removeDir(w.dir);
  if (out) removeDir(out);
});

const recordsOf = (files: Map<string, Buffer>) =>
  JSON.parse(files.get(BUNDLE_FILES.records)!.toString('utf8')) as RecordsFile;
const kindsIn = (r: RecordsFile) =>
  new Set(
    r.cases.flatMap((c) =>
      c.records.map((x) => (JSON.parse(x.canonical) as { kind: string }).kind),
    ),
  );

describe('the bundle', () => {
  it('holds a record of every registered kind, exactly as signed, with the export record last on each case', async () => {
    expect(w.notCovered).toEqual([]);
    const r = recordsOf(plainFiles);
    const missing = RECORD_KINDS.map((k) => k.kind).filter((k) => !kindsIn(r).has(k));
    // A kind registered later without a way to make it in tests/helpers/exportFixture.ts fails here, by name.
    expect(missing).toEqual([]);
    expect(r.cases.map((c) => c.caseId)).toEqual([w.caseId, w.smallCaseId]);
    const db = w.core.requireDb();
    for (const c of r.cases) {
      const stored = await db.all<{ envelope: string; hash: string; signature: string }>(
        'SELECT envelope, hash, signature FROM records WHERE case_id = ? ORDER BY case_seq',
        [c.caseId],
      );
      // plain exported after: the encrypted export added one more export record to the first case
      expect(c.records.map((x) => [x.canonical, x.hash, x.signature])).toEqual(
        stored.slice(0, c.records.length).map((s) => [s.envelope, s.hash, s.signature]),
      );
      const last = JSON.parse(c.records.at(-1)!.canonical) as {
        kind: string;
        body: { exportId: string; recipient: unknown; cases: Array<{ caseId: string }> };
      };
      expect(last.kind).toBe('export');
      expect(last.body.exportId).toBe(plain.exportId);
      expect(last.body.recipient).toEqual(RECIPIENT);
      expect(last.body.cases.map((x) => x.caseId)).toEqual([w.caseId, w.smallCaseId]);
    }
    expect(r.school).toEqual(SCHOOL);
    expect(r.exporter).toMatchObject({ accountId: w.ids.dsl, role: 'dsl' });
    expect(r.keys.map((k) => k.accountId).sort()).toEqual(
      [w.ids.dsl, w.ids.slt, w.ids.staff].sort(),
    );
    expect(r.cases[0]!.facts.flags).toContain('copy-made');
    expect([...plainFiles.keys()].sort()).toEqual([...ALL_FILES].sort());
  });

  it('verifies as valid with the shared verifier, plain and encrypted', async () => {
    const a = await verifyBundle(plain.outPath);
    expect(a.status, JSON.stringify(a)).toBe('valid');
    if (a.status !== 'valid') return;
    expect(a.checks.every((c) => c.ok)).toBe(true);
    expect(a.summary).toMatchObject({
      exportId: plain.exportId,
      encrypted: false,
      records: plain.records,
      manifestSha256: plain.manifestSha256,
      signingKey: { keyId: plain.keyId, fingerprint: plain.fingerprint },
    });
    const b = await verifyBundle(readFileSync(enc.outPath), { passphrase: enc.passphrase! });
    expect(b.status).toBe('valid');
    // typed with spaces and capitals, as an officer might
    const spaced = enc.passphrase!.split('-').join('  ').toUpperCase();
    expect((await verifyBundle(enc.outPath, { passphrase: ` ${spaced} ` })).status).toBe('valid');
  });

  it('refuses an encrypted bundle without the right passphrase as unusable, saying why', async () => {
    expect(await verifyBundle(enc.outPath)).toMatchObject({
      status: 'unusable',
      reason: 'passphrase-needed',
    });
    const wrong = PASSPHRASE_WORDS.slice(0, 6).join('-');
    expect(await verifyBundle(enc.outPath, { passphrase: wrong })).toMatchObject({
      status: 'unusable',
      reason: 'wrong-passphrase',
      message: expect.stringMatching(/passphrase does not open/),
    });
  });

  it('uses a one-time passphrase of six list words (66 bits) that CaseSeal never stores', async () => {
    const words = enc.passphrase!.split('-');
    expect(words).toHaveLength(6);
    for (const x of words) expect(PASSPHRASE_WORDS).toContain(x);
    expect(plain.passphrase).toBeNull();
    const db = w.core.requireDb();
    const like = `%${words.join('-')}%`;
    for (const [table, col] of [
      ['records', 'envelope'],
      ['audit', 'detail'],
      ['settings', 'value'],
      ['record_fts', 'text'],
    ] as const) {
      expect(
        (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${col} LIKE ?`, [
          like,
        ]))!.n,
        table,
      ).toBe(0);
    }
    for (const f of encFiles.values()) expect(f.includes(Buffer.from(words.join('-')))).toBe(false);
  });

  it('is a signed record on each case and an audit entry with the manifest SHA-256', async () => {
    const db = w.core.requireDb();
    const exportRecords = await db.all<{ case_id: string; envelope: string; signer_id: string }>(
      "SELECT case_id, envelope, signer_id FROM records WHERE kind = 'export' ORDER BY seq",
    );
    expect(exportRecords.map((r) => r.case_id)).toEqual([w.caseId, w.smallCaseId, w.caseId]);
    expect(exportRecords.every((r) => r.signer_id === w.ids.dsl)).toBe(true);
    const audits = (await w.core.listAudit({ action: 'export' })).reverse();
    expect(audits.map((a) => a.caseId)).toEqual([w.caseId, w.smallCaseId, w.caseId]);
    expect(audits[0]!.detail).toMatchObject({
      exportId: plain.exportId,
      manifestSha256: sha256Hex(plainFiles.get(BUNDLE_FILES.manifest)!),
      keyId: plain.keyId,
      encrypted: false,
    });
    expect(audits[2]!.detail).toMatchObject({
      exportId: enc.exportId,
      manifestSha256: enc.manifestSha256,
      encrypted: true,
    });
    // the audit entry is written after the bundle, so the bundle's audit.json does not hold its own
    const audit = JSON.parse(plainFiles.get(BUNDLE_FILES.audit)!.toString('utf8')) as {
      entries: Array<{ action: string; caseId: string }>;
    };
    expect(audit.entries.some((e) => e.action === 'export')).toBe(false);
    expect(audit.entries.some((e) => e.action === 'record-signed')).toBe(true);
    expect(audit.entries.every((e) => e.caseId === w.caseId || e.caseId === w.smallCaseId)).toBe(
      true,
    );
  });
});

describe('no imagery in any exported file (R2)', () => {
  it('finds no image or video signature in the zips, any file, any PDF stream or any text', () => {
    for (const zip of [plain.outPath, enc.outPath])
      expect(sniffImageryBytes(readFileSync(zip))).toBeNull();
    for (const files of [plainFiles, encFiles]) {
      for (const [name, data] of files) {
        expect(sniffImageryBytes(data), name).toBeNull();
        if (name !== BUNDLE_FILES.report && name !== BUNDLE_FILES.signature)
          expect(detectImagery(data.toString('utf8')), name).toBeNull();
      }
      const pdf = files.get(BUNDLE_FILES.report)!;
      const scan = scanPdf(pdf);
      expect(scan.imageObjects).toEqual([]);
      expect(scan.inlineImages).toBe(0);
      expect(detectImagery(scan.text)).toBeNull();
      // every stream inside the PDF (content, fonts, CMaps), decoded
      const text = pdf.toString('latin1');
      let streams = 0;
      for (const m of text.matchAll(
        /\/Length (\d+)[^>]*\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g,
      )) {
        const start = m.index + m[0].length;
        const decoded = inflateSync(pdf.subarray(start, start + Number(m[1])));
        expect(sniffImageryBytes(decoded)).toBeNull();
        streams++;
      }
      expect(streams).toBeGreaterThan(3);
    }
  });
});

describe('interop with standard tools', () => {
  const unpack = (zip: string, dir: string, pass?: string) =>
    spawnSync('7zz', ['x', '-y', `-o${dir}`, ...(pass ? [`-p${pass}`] : []), zip], {
      encoding: 'utf8',
    });

  it('7zz opens the encrypted bundle with the passphrase (AES-256) and refuses a wrong one', () => {
    const listing = execFileSync('7zz', ['l', '-slt', `-p${enc.passphrase}`, enc.outPath], {
      encoding: 'utf8',
    });
    expect(listing).toMatch(/Method = AES-256/);
    const bad = unpack(enc.outPath, join(out, 'x-wrong'), 'wrong-words-entirely');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/Wrong password/i);
    const good = unpack(enc.outPath, join(out, 'x-enc'), enc.passphrase!);
    expect(good.status).toBe(0);
    expect(readdirSync(join(out, 'x-enc')).sort()).toEqual([...ALL_FILES].sort());
  });

  it('sha256sum -c and openssl pkeyutl -verify -rawin accept the unpacked bundle; the key fingerprint matches', () => {
    for (const [zip, pass] of [
      [plain.outPath, undefined],
      [enc.outPath, enc.passphrase!],
    ] as const) {
      const dir = join(out, `tools-${pass ? 'enc' : 'plain'}`);
      expect(unpack(zip, dir, pass).status).toBe(0);
      const sums = execFileSync('sha256sum', ['-c', '--strict', BUNDLE_FILES.manifest], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(sums.trim().split('\n')).toEqual([
        'VERIFY.txt: OK',
        'audit.json: OK',
        'certificates.json: OK',
        'records.json: OK',
        'report.pdf: OK',
        'signer.pub.pem: OK',
      ]);
      const sig = execFileSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          BUNDLE_FILES.publicKey,
          '-rawin',
          '-in',
          BUNDLE_FILES.manifest,
          '-sigfile',
          BUNDLE_FILES.signature,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(sig).toMatch(/Signature Verified Successfully/);
      // the fingerprint command of VERIFY.txt, step 2
      const der = execFileSync(
        'openssl',
        ['pkey', '-pubin', '-in', BUNDLE_FILES.publicKey, '-outform', 'DER'],
        { cwd: dir },
      );
      expect(sha256Hex(der.subarray(der.length - 32))).toBe(plain.keyId);
      expect(readFileSync(join(dir, BUNDLE_FILES.verify), 'utf8')).toContain(plain.fingerprint);
      // and a changed file is caught by both tools
      writeFileSync(
        join(dir, BUNDLE_FILES.records),
        flipBit(readFileSync(join(dir, BUNDLE_FILES.records)), 100),
      );
      expect(spawnSync('sha256sum', ['-c', BUNDLE_FILES.manifest], { cwd: dir }).status).not.toBe(
        0,
      );
      writeFileSync(
        join(dir, BUNDLE_FILES.manifest),
        flipBit(readFileSync(join(dir, BUNDLE_FILES.manifest)), 3),
      );
      const badSig = spawnSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          BUNDLE_FILES.publicKey,
          '-rawin',
          '-in',
          BUNDLE_FILES.manifest,
          '-sigfile',
          BUNDLE_FILES.signature,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(badSig.status).not.toBe(0);
    }
  });

  it('pdftotext reads the report: the school, the cases, the flag, every record id and hash', () => {
    const dir = join(out, 'pdf');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'report.pdf');
    writeFileSync(file, plainFiles.get(BUNDLE_FILES.report)!);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(SCHOOL.name);
    expect(flat).toContain(RECIPIENT.officerName);
    expect(flat).toContain(plain.fingerprint);
    expect(flat).toContain(flagLabel('copy-made').replace(/\s+/g, ' ').slice(0, 40));
    for (const c of recordsOf(plainFiles).cases) {
      expect(flat).toContain(`Case ${c.ref}`);
      for (const r of c.records) {
        const env = JSON.parse(r.canonical) as { id: string };
        expect(flat).toContain(`Record id: ${env.id}`);
        expect(flat).toContain(`Record SHA-256: ${r.hash}`);
      }
    }
    // a device's chain of custody and a record's rule findings are printed
    expect(flat).toMatch(/CS-123456-2026-\d{3}/);
    expect(flat).toMatch(/Countersigned by Barnaby Headworth as agreement/);
    expect(flat).toMatch(/Corrected by record #\d+/);
  });
});

describe('caseseal-verify, the built command-line verifier', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, CASESEAL_EXPORT_PASSPHRASE: '' },
    });

  it('exits 0 on a valid bundle and prints the fingerprint to compare with the receipt', () => {
    const r = run(plain.outPath);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/RESULT: VALID/);
    expect(r.stdout).toContain(plain.fingerprint);
    expect(r.stdout).toContain(plain.manifestSha256);
    expect(r.stdout).toContain(sha256Hex(readFileSync(plain.outPath)));
    expect(plain.bundleSha256).toBe(sha256Hex(readFileSync(plain.outPath)));
    const e = run(enc.outPath, '--passphrase', enc.passphrase!);
    expect(e.status).toBe(0);
    // the bin launcher runs the same build
    const viaBin = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'caseseal-verify.cjs'), plain.outPath, '--json'],
      { encoding: 'utf8' },
    );
    expect(viaBin.status).toBe(0);
    expect(JSON.parse(viaBin.stdout) as VerifyReport & { exitCode: number }).toMatchObject({
      status: 'valid',
      exitCode: 0,
    });
  });

  it('exits 1 on a tampered bundle, naming the file', async () => {
    const files = new Map(plainFiles);
    files.set(BUNDLE_FILES.audit, flipBit(files.get(BUNDLE_FILES.audit)!, 40));
    const bad = join(out, 'tampered.zip');
    writeFileSync(bad, await zipBundle(files));
    const r = run(bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/RESULT: INVALID/);
    expect(r.stdout).toMatch(
      /\[audit\.json\] audit\.json has been changed since the bundle was sealed/,
    );
    const j = run(bad, '--json');
    expect(j.status).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({
      status: 'invalid',
      exitCode: 1,
      problems: expect.arrayContaining([
        expect.objectContaining({ code: 'file-hash-mismatch', file: 'audit.json' }),
      ]),
    });
  });

  it('exits 2 on unusable input: wrong or missing passphrase, not a zip, not a bundle, no file, bad usage', async () => {
    expect(run(enc.outPath).status).toBe(2);
    const wrong = run(enc.outPath, '--passphrase', 'not-the-right-words-at-all');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/passphrase does not open this export/);
    const notZip = join(out, 'notes.zip');
    writeFileSync(notZip, 'This is plain text, not a zip file.');
    expect(run(notZip)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/not a readable zip/),
    });
    const other = join(out, 'other.zip');
    writeFileSync(
      other,
      await zipBundle(new Map([['holiday-list.txt', Buffer.from('Not an export')]])),
    );
    expect(run(other)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/not a CaseSeal export/),
    });
    expect(run(join(out, 'no-such-file.zip'))).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/no file at that path/),
    });
    expect(run(out).status).toBe(2);
    expect(run().status).toBe(2);
    expect(run('a.zip', 'b.zip').status).toBe(2);
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:/);
  });
});

describe('export through the handler table, with progress, cancellation and the receipt', () => {
  it('exports with a chosen path, reports progress, prints the receipt, and verifies in the app', async () => {
    const target = join(out, 'via-handlers.zip');
    const progress: Array<{ task: string; done: number; total: number }> = [];
    const off = w.core.onEvent((e) => {
      if (e.type === 'progress') progress.push(e);
    });
    const pdfFile = join(out, 'receipt.pdf');
    const pdfAsked: string[] = [];
    const handlers = createHandlers(w.core, {
      chooseSavePath: async (name) => (
        expect(name).toMatch(/^caseseal-export-C-\d{4}-\d{4}-\d{4}-\d{2}-\d{2}\.zip$/),
        target
      ),
      chooseBundle: async () => target,
      chooseSavePdfPath: async (name) => (
        pdfAsked.push(name),
        pdfAsked.length === 1 ? null : pdfFile
      ),
    });
    const call = (ch: string, payload: unknown) =>
      dispatch(handlers, ch, payload, { trustedSender: true });
    const r = await call('app:export.create', {
      caseIds: [w.smallCaseId],
      recipient: RECIPIENT,
      encrypt: true,
    });
    off();
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    const outcome = r.value as {
      exportId: string;
      passphrase: string;
      manifestSha256: string;
      keyFingerprint: string;
      fileName: string;
    };
    expect(outcome.fileName).toBe('via-handlers.zip');
    expect(existsSync(target)).toBe(true);
    expect(progress.map((p) => p.task)).toEqual(
      expect.arrayContaining(['export-records', 'export-report', 'export-bundle', 'export-write']),
    );

    // the receipt is saved by main where the person chooses (the renderer can neither save nor print a PDF);
    // closing the save dialog saves nothing and audits nothing
    const printed = async () => (await w.core.listAudit({ action: 'receipt-printed' })).length;
    const printedBefore = await printed();
    expect(await call('app:export.receipt', { exportId: outcome.exportId })).toEqual({
      ok: true,
      value: { fileName: `export-receipt-${outcome.exportId.slice(0, 8)}.pdf`, saved: false },
    });
    expect(existsSync(pdfFile)).toBe(false);
    expect(await printed()).toBe(printedBefore);
    const receipt = await call('app:export.receipt', { exportId: outcome.exportId });
    expect(receipt).toEqual({
      ok: true,
      value: { fileName: 'receipt.pdf', saved: true, path: pdfFile },
    });
    expect(pdfAsked).toEqual([
      `export-receipt-${outcome.exportId.slice(0, 8)}.pdf`,
      `export-receipt-${outcome.exportId.slice(0, 8)}.pdf`,
    ]);
    expect(readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(outcome.manifestSha256);
    expect(text).toContain(sha256Hex(readFileSync(target)));
    expect(text).toContain(outcome.keyFingerprint);
    expect(text).toContain(RECIPIENT.officerName);
    expect(text).toContain(RECIPIENT.collarNumber);
    expect(text).toMatch(/Received by \(police officer\)/);
    expect(text).not.toContain(outcome.passphrase);
    expect(await printed()).toBe(printedBefore + 1);
    // an unknown export: refused before any dialog is shown
    expect(
      await call('app:export.receipt', { exportId: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(pdfAsked).toHaveLength(2);

    const pick = await call('app:export.pickBundle', {});
    expect(pick).toMatchObject({
      ok: true,
      value: { fileName: 'via-handlers.zip', encrypted: true },
    });
    const token = (pick as { value: { token: string } }).value.token;
    expect(await call('app:export.verify', { token })).toMatchObject({
      ok: true,
      value: { status: 'unusable', reason: 'passphrase-needed' },
    });
    expect(
      await call('app:export.verify', { token, passphrase: outcome.passphrase }),
    ).toMatchObject({ ok: true, value: { status: 'valid' } });
    expect((await w.core.listAudit({ action: 'export-verified' })).length).toBe(2);
    expect(
      await call('app:export.verify', { token: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // the user closes the save dialog without choosing: nothing happens
    const none = await dispatch(
      createHandlers(w.core, { chooseSavePath: async () => null }),
      'app:export.create',
      { caseIds: [w.smallCaseId], recipient: RECIPIENT, encrypt: false },
      { trustedSender: true },
    );
    expect(none).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });

    // Cancel pressed (or the screen closed on lock) while the save dialog is still open: the
    // export never starts, even though the person then chooses a file.
    const dir = tempDir('caseseal-cancel-dialog-');
    const auditBefore = (await w.core.listAudit({ action: 'export' })).length;
    let answer!: () => void;
    const dialogOpen = new Promise<void>((resolve) => (answer = resolve));
    let shown!: () => void;
    const dialogShown = new Promise<void>((resolve) => (shown = resolve));
    const held = createHandlers(w.core, {
      chooseSavePath: async () => {
        shown();
        await dialogOpen;
        return join(dir, 'chosen-after-cancel.zip');
      },
    });
    const started = dispatch(
      held,
      'app:export.create',
      { caseIds: [w.smallCaseId], recipient: RECIPIENT, encrypt: false },
      { trustedSender: true },
    );
    await dialogShown;
    expect(await dispatch(held, 'app:export.cancel', {}, { trustedSender: true })).toMatchObject({
      ok: true,
      value: { cancelled: true },
    });
    answer();
    expect(await started).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(readdirSync(dir)).toEqual([]);
    expect((await w.core.listAudit({ action: 'export' })).length).toBe(auditBefore);
  });

  it('cancelling part-way leaves no file, no temp file, no export record and no audit entry', async () => {
    const dir = tempDir('caseseal-cancel-');
    const db = w.core.requireDb();
    const count = async () => ({
      records: (await db.get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n,
      exports: (await db.get<{ n: number }>(
        "SELECT count(*) AS n FROM audit WHERE action = 'export'",
      ))!.n,
    });
    const before = await count();
    // cancelled through the channel while the report is being built
    const handlers = createHandlers(w.core, {
      chooseSavePath: async () => join(dir, 'cancelled.zip'),
    });
    const cancelled: unknown[] = [];
    const off = w.core.onEvent((e) => {
      if (e.type === 'progress' && e.task === 'export-report' && cancelled.length === 0)
        cancelled.push(dispatch(handlers, 'app:export.cancel', {}, { trustedSender: true }));
    });
    const r = await dispatch(
      handlers,
      'app:export.create',
      { caseIds: [w.caseId], recipient: RECIPIENT, encrypt: true },
      { trustedSender: true },
    );
    off();
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await cancelled[0]).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(readdirSync(dir)).toEqual([]);
    expect(await count()).toEqual(before);
    expect(
      await dispatch(handlers, 'app:export.cancel', {}, { trustedSender: true }),
    ).toMatchObject({ ok: true, value: { cancelled: false } });

    // cancelled at each later stage through the core's signal
    for (const stage of ['records', 'bundle'] as const) {
      const ac = new AbortController();
      await expect(
        sealExport(w.core, {
          caseIds: [w.smallCaseId],
          recipient: RECIPIENT,
          encrypt: false,
          outPath: join(dir, `${stage}.zip`),
          signal: ac.signal,
          onProgress: (p) => {
            if (p.stage === stage) ac.abort();
          },
        }),
      ).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(readdirSync(dir)).toEqual([]);
    }
    // already cancelled before it starts
    const ac = new AbortController();
    ac.abort();
    await expect(
      sealExport(w.core, {
        caseIds: [w.smallCaseId],
        recipient: RECIPIENT,
        encrypt: false,
        outPath: join(dir, 'x.zip'),
        signal: ac.signal,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readdirSync(dir)).toEqual([]);
    expect(await count()).toEqual(before);
    removeDir(dir);
  });

  it('refuses bad requests and other roles, writing nothing', async () => {
    const dir = tempDir('caseseal-refuse-');
    const db = w.core.requireDb();
    const records = async () =>
      (await db.get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
    const before = await records();
    const base = { caseIds: [w.smallCaseId], recipient: RECIPIENT, encrypt: false };
    await expect(
      sealExport(w.core, { ...base, outPath: join(dir, 'missing-folder', 'x.zip') }),
    ).rejects.toMatchObject({ code: 'EXPORT_FAILED' });
    await expect(sealExport(w.core, { ...base, outPath: 'relative.zip' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(
      sealExport(w.core, { ...base, caseIds: [], outPath: join(dir, 'x.zip') }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      sealExport(w.core, {
        ...base,
        recipient: { ...RECIPIENT, force: '' },
        outPath: join(dir, 'x.zip'),
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      sealExport(w.core, {
        ...base,
        caseIds: ['00000000-0000-4000-8000-000000000000'],
        outPath: join(dir, 'x.zip'),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // the final rename fails (a folder is in the way) after everything was built: nothing is left
    mkdirSync(join(dir, 'taken.zip'));
    await expect(
      sealExport(w.core, { ...base, outPath: join(dir, 'taken.zip') }),
    ).rejects.toMatchObject({ code: 'EXPORT_FAILED' });
    expect(readdirSync(dir)).toEqual(['taken.zip']);
    expect(readdirSync(join(dir, 'taken.zip'))).toEqual([]);
    expect(await records()).toBe(before);
    for (const role of ['slt', 'staff'] as const) {
      await w.signAs(role);
      await expect(
        sealExport(w.core, { ...base, outPath: join(dir, 'x.zip') }),
      ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
      const viaIpc = await dispatch(
        createHandlers(w.core, { chooseSavePath: async () => join(dir, 'x.zip') }),
        'app:export.create',
        base,
        { trustedSender: true },
      );
      expect(viaIpc).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
      const receipt = await dispatch(
        createHandlers(w.core),
        'app:export.receipt',
        { exportId: plain.exportId },
        { trustedSender: true },
      );
      expect(receipt).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    }
    // a deputy may export
    await w.signAs('deputy');
    const byDeputy = await sealExport(w.core, { ...base, outPath: join(dir, 'deputy.zip') });
    expect((await verifyBundle(byDeputy.outPath)).status).toBe('valid');
    await w.signAs('dsl');
    expect(readdirSync(dir).sort()).toEqual(['deputy.zip', 'taken.zip']);
    removeDir(dir);
  });
});
