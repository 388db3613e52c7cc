// Tampering with a real sealed export: flipping any single bit of every file (several
// places each), of the zip's compressed and encrypted data, removing or adding a file, re-signing
// the manifest with another key, reordering or removing records, changing a countersignature, an
// audit entry or the report — each is detected, with a precise message naming the file and record.
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure, Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { sealExport, type ExportResult } from '../../../src/main/core/export/sealExport';
import { verifyBundle } from '../../../src/main/core/verify/bundle';
import {
  ALL_FILES,
  BUNDLE_FILES,
  type RecordsFile,
} from '../../../src/main/core/verify/bundleFormat';
import { canonicalJson } from '../../../src/shared/records/canonical';
import { recordSigningMessage, type Envelope } from '../../../src/shared/records/envelope';
import { sha256Hex } from '../../../src/main/core/crypto/hash';
import { signMessage, formatFingerprint } from '../../../src/main/core/crypto/ed25519';
import { renderExportReport } from '../../../src/main/core/export/reportPdf';
import type { BundleProblem, VerifyReport } from '../../../src/shared/exportReport';
import { emptyFacts } from '../../../src/shared/records/facts';
import { PASSPHRASES, removeDir, tempDir } from '../../helpers/vault';
import {
  buildWorld,
  flipBit,
  reseal,
  unzipBundle,
  zipBundle,
  type World,
} from '../../helpers/exportFixture';

configure({ useWebWorkers: false });

const RECIPIENT = {
  officerName: 'DC Rowan Whitlock',
  force: 'Kingsford Constabulary',
  reference: 'KB-231126-0042',
};

let w: World;
let dir: string;
let plain: ExportResult;
let enc: ExportResult;
let files: Map<string, Buffer>;
let dslKey: ReturnType<typeof createPrivateKey>;

beforeAll(async () => {
  w = await buildWorld();
  dir = tempDir('caseseal-tamper-');
  plain = await sealExport(w.core, {
    caseIds: [w.caseId, w.smallCaseId],
    recipient: RECIPIENT,
    encrypt: false,
    outPath: join(dir, 'plain.zip'),
  });
  enc = await sealExport(w.core, {
    caseIds: [w.smallCaseId],
    recipient: RECIPIENT,
    encrypt: true,
    outPath: join(dir, 'enc.zip'),
  });
  files = await unzipBundle(readFileSync(plain.outPath));
  dslKey = w.core.requireSession().privateKey;
}, 10 * 60_000); // room for the instrumented run of `npm run mutate` on a busy machine

afterAll(async () => {
  await w?.core.close();
  if (w) removeDir(w.dir);
  if (dir) removeDir(dir);
});

async function verifyFiles(f: ReadonlyMap<string, Buffer>): Promise<VerifyReport> {
  return verifyBundle(await zipBundle(f));
}

function problemsOf(r: VerifyReport): BundleProblem[] {
  if (r.status !== 'invalid')
    throw new Error(`expected invalid, got ${r.status}: ${JSON.stringify(r).slice(0, 400)}`);
  return r.problems;
}

const records = (f: ReadonlyMap<string, Buffer>) =>
  JSON.parse(f.get(BUNDLE_FILES.records)!.toString('utf8')) as RecordsFile;
const withRecords = (f: ReadonlyMap<string, Buffer>, r: RecordsFile) =>
  new Map(f).set(BUNDLE_FILES.records, Buffer.from(JSON.stringify(r, null, 1) + '\n'));
const envOf = (canonical: string) => JSON.parse(canonical) as Envelope;

it('the untouched bundle re-zipped is valid (the baseline every case below departs from)', async () => {
  expect((await verifyFiles(files)).status).toBe('valid');
  expect((await verifyFiles(reseal(files, dslKey))).status).toBe('valid');
});

describe('one flipped bit in any file is detected and the file named', () => {
  const positions = (len: number) =>
    [...new Set([0, 1, Math.floor(len / 3), Math.floor(len / 2), len - 2, len - 1])].filter(
      (p) => p >= 0 && p < len,
    );
  for (const name of ALL_FILES) {
    it(`${name}`, async () => {
      const data = files.get(name)!;
      for (const at of positions(data.length)) {
        const problems = problemsOf(await verifyFiles(new Map(files).set(name, flipBit(data, at))));
        if (name === BUNDLE_FILES.manifest || name === BUNDLE_FILES.signature) {
          // the signature no longer covers the manifest (and a changed manifest line names a file whose hash now differs)
          expect(
            problems.map((p) => p.code),
            `${name} @${at}`,
          ).toContain('manifest-signature-invalid');
        } else if (name === BUNDLE_FILES.publicKey) {
          expect(
            problems.some(
              (p) =>
                p.file === name && (p.code === 'file-hash-mismatch' || p.code === 'bad-public-key'),
            ),
            `${name} @${at}`,
          ).toBe(true);
        } else {
          const hit = problems.find((p) => p.code === 'file-hash-mismatch' && p.file === name);
          expect(hit, `${name} @${at}: ${JSON.stringify(problems)}`).toBeDefined();
          expect(hit!.message).toMatch(
            new RegExp(
              `^${name.replace('.', '\\.')} has been changed since the bundle was sealed: its SHA-256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}\\.$`,
            ),
          );
        }
      }
    });
  }

  it('inside a record of records.json, re-sealed with the DSL key: that record is named', async () => {
    const r = records(files);
    const target = r.cases[0]!.records[2]!;
    const edited = {
      ...target,
      canonical: target.canonical.replace(
        'Spoke with the head of year',
        'Spoke with the head of yeas',
      ),
    };
    expect(edited.canonical).not.toBe(target.canonical);
    r.cases[0]!.records[2] = edited;
    const problems = problemsOf(await verifyFiles(reseal(withRecords(files, r), dslKey)));
    const id = envOf(target.canonical).id;
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'content-changed', recordId: id, file: 'records.json' }),
    );
    expect(problems.find((p) => p.code === 'content-changed')!.message).toBe(
      `In case ${r.cases[0]!.ref}, record ${id} (note, case position 3) has been changed since it was signed (its content no longer matches its hash).`,
    );
    expect(
      problems.some(
        (p) => p.code === 'file-hash-mismatch' || p.code === 'manifest-signature-invalid',
      ),
    ).toBe(false);
  });
});

describe('bits flipped inside the zip itself', () => {
  /** Where each entry's (compressed, possibly encrypted) data lies in the zip. */
  async function dataRanges(
    zip: Uint8Array,
  ): Promise<Array<{ name: string; start: number; end: number }>> {
    const reader = new ZipReader(new Uint8ArrayReader(zip), { useWebWorkers: false });
    const out = [];
    for (const e of await reader.getEntries()) {
      const b = Buffer.from(zip);
      const local = e.offset;
      const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
      out.push({ name: e.filename, start, end: start + e.compressedSize });
    }
    await reader.close();
    return out;
  }

  for (const kind of ['plain', 'encrypted'] as const) {
    it(`in the compressed data of every entry (${kind})`, async () => {
      const res = kind === 'plain' ? plain : enc;
      const zip = readFileSync(res.outPath);
      const ranges = await dataRanges(zip);
      expect(ranges.map((r) => r.name).sort()).toEqual([...ALL_FILES].sort());
      let contentFree = 0;
      for (const { name, start, end } of ranges) {
        for (const at of [start, start + 1, Math.floor((start + end) / 2), end - 1]) {
          const report = await verifyBundle(
            flipBit(zip, at, 0x10),
            kind === 'encrypted' ? { passphrase: res.passphrase! } : {},
          );
          if (report.status === 'valid') {
            // A bit that carries no content (deflate padding after the last code, or the unused bits
            // of a stored block's header): every file inside is unchanged, so the contents verify;
            // the bundle file's own SHA-256 — printed on the receipt and by the verifier — differs.
            expect(report.summary.bundleSha256, `${kind} ${name} @${at - start}`).not.toBe(
              res.bundleSha256,
            );
            expect(report.summary.bundleSha256).toBe(sha256Hex(flipBit(zip, at, 0x10)));
            contentFree++;
            continue;
          }
          const problems = problemsOf(report);
          const hit = problems.find(
            (p) =>
              p.file === name &&
              (p.code === 'zip-entry-damaged' || p.code === 'file-hash-mismatch'),
          );
          expect(
            hit,
            `${kind} ${name} @${at - start}/${end - start}: ${JSON.stringify(problems)}`,
          ).toBeDefined();
          expect(hit!.message.startsWith(`${name}`)).toBe(true);
        }
      }
      // nearly every flip changes content and is named; the rest are caught by the receipt's file hash
      expect(contentFree).toBeLessThanOrEqual(ranges.length);
      if (kind === 'encrypted') expect(contentFree).toBe(0);
    });
  }
});

describe('files removed, added, replaced', () => {
  for (const name of ALL_FILES) {
    it(`removing ${name}`, async () => {
      const f = new Map(files);
      f.delete(name);
      expect(problemsOf(await verifyFiles(f))).toContainEqual({
        code: 'missing-file',
        file: name,
        message: `The bundle has no ${name}: a file has been removed.`,
      });
    });
  }

  it('adding a file', async () => {
    const f = new Map(files).set('notes-from-someone.txt', Buffer.from('added later'));
    expect(problemsOf(await verifyFiles(f))).toContainEqual({
      code: 'extra-file',
      file: 'notes-from-someone.txt',
      message:
        'The bundle holds a file that is not part of a CaseSeal export: notes-from-someone.txt',
    });
    // even when the forger lists it in a manifest re-signed with the DSL's own key
    const listed = reseal(f, dslKey);
    expect(problemsOf(await verifyFiles(listed)).map((p) => p.code)).toContain('extra-file');
  });

  it('re-signing the manifest with another key is detected and named', async () => {
    const forger = generateKeyPairSync('ed25519');
    const pem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    // the forger changes a record's text, then re-seals everything consistently with their own key
    const r = records(files);
    r.recipient = { ...r.recipient, reference: 'SOMETHING-ELSE' };
    const forged = reseal(withRecords(files, r), forger.privateKey, pem);
    const problems = problemsOf(await verifyFiles(forged));
    // the hashes and the signature are consistent: only who signed gives it away
    expect(problems.map((p) => p.code)).not.toContain('file-hash-mismatch');
    expect(problems.map((p) => p.code)).not.toContain('manifest-signature-invalid');
    const hit = problems.find((p) => p.code === 'manifest-signer-mismatch')!;
    expect(hit.file).toBe('manifest.sig');
    expect(hit.message).toContain('Quentin Marlowe-Dsl (DSL)');
    expect(hit.message).toContain(plain.fingerprint);
    expect(hit.message).toMatch(/the bundle has been re-signed by someone else/);
    // and with the records untouched, the new key alone is caught the same way
    const again = problemsOf(await verifyFiles(reseal(files, forger.privateKey, pem)));
    expect(again.map((p) => p.code)).toEqual(['manifest-signer-mismatch']);
    const report = await verifyFiles(reseal(files, forger.privateKey, pem));
    expect(report.status === 'invalid' && report.summary.signingKey?.fingerprint).not.toBe(
      plain.fingerprint,
    );
  });

  it('a swapped signer.pub.pem without re-signing breaks the signature', async () => {
    const other = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const problems = problemsOf(
      await verifyFiles(new Map(files).set(BUNDLE_FILES.publicKey, Buffer.from(other))),
    );
    expect(problems.map((p) => p.code)).toEqual(
      expect.arrayContaining([
        'file-hash-mismatch',
        'manifest-signature-invalid',
        'manifest-signer-mismatch',
      ]),
    );
  });
});

describe('records reordered, removed or altered (re-sealed with the DSL key so only the deep checks fire)', () => {
  it('reordering two records of a case', async () => {
    const r = records(files);
    const list = r.cases[0]!.records;
    [list[3], list[4]] = [list[4]!, list[3]!];
    const problems = problemsOf(await verifyFiles(reseal(withRecords(files, r), dslKey)));
    const moved = envOf(list[4]!.canonical);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'records-out-of-order',
        recordId: moved.id,
        message: `records.json lists record ${moved.id} (${moved.kind}, case position ${moved.caseSeq}) after the record at case position ${moved.caseSeq + 1} in case ${r.cases[0]!.ref}: the records have been reordered.`,
      }),
    );
    // and without re-sealing, the file hash is wrong as well
    expect(problemsOf(await verifyFiles(withRecords(files, r))).map((p) => p.code)).toEqual(
      expect.arrayContaining(['file-hash-mismatch', 'records-out-of-order']),
    );
  });

  it('removing a record from the middle of a case', async () => {
    const r = records(files);
    const [gone] = r.cases[0]!.records.splice(6, 1);
    const problems = problemsOf(await verifyFiles(reseal(withRecords(files, r), dslKey)));
    const env = envOf(gone!.canonical);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'missing-record',
        caseId: w.caseId,
        message: expect.stringContaining(`are missing before record`),
      }),
    );
    expect(problems.find((p) => p.code === 'missing-record')!.message).toContain(
      `(positions ${env.caseSeq}–${env.caseSeq})`,
    );
    // report.pdf still shows it: the report and the JSON disagree
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'report-extra-record', recordId: env.id }),
    );
  });

  it('removing the export record, or a whole case', async () => {
    const r = records(files);
    r.cases[1]!.records.pop();
    expect(problemsOf(await verifyFiles(reseal(withRecords(files, r), dslKey)))).toContainEqual(
      expect.objectContaining({ code: 'export-record-missing', caseId: w.smallCaseId }),
    );
    const r2 = records(files);
    r2.cases.pop();
    const problems = problemsOf(await verifyFiles(reseal(withRecords(files, r2), dslKey)));
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'case-missing',
        caseId: w.smallCaseId,
        message: expect.stringMatching(
          /^The export record lists case C-\d{4}-\d{4}, but the bundle does not hold it: a case has been removed\.$/,
        ),
      }),
    );
  });

  it('a countersignature whose recordHash no longer matches its record, even re-signed by the countersigner', async () => {
    const r = records(files);
    const list = r.cases[0]!.records;
    const i = list.findIndex((x) => envOf(x.canonical).kind === 'countersignature');
    const env = envOf(list[i]!.canonical);
    const other = list[0]!.hash;
    // altered without the countersigner's key: the record's own hash and signature fail
    const altered = canonicalJson({ ...env, body: { ...env.body, recordHash: other } });
    list[i] = { ...list[i]!, canonical: altered };
    expect(problemsOf(await verifyFiles(reseal(withRecords(files, r), dslKey)))).toContainEqual(
      expect.objectContaining({ code: 'content-changed', recordId: env.id }),
    );
    // forged with the countersigner's own key (they typed their passphrase): the coverage check names it
    const slt = await w.core.authenticateOther(w.ids.slt, PASSPHRASES.slt);
    const hash = sha256Hex(altered);
    list[i] = {
      ...list[i]!,
      canonical: altered,
      hash,
      signature: signMessage(slt.privateKey, recordSigningMessage(hash)),
    };
    const problems = problemsOf(await verifyFiles(reseal(withRecords(files, r), dslKey)));
    const hit = problems.find((p) => p.code === 'countersignature-mismatch')!;
    expect(hit.recordId).toBe(env.id);
    expect(hit.message).toBe(
      `Countersignature ${env.id} by Barnaby Headworth (as agreement) covers hash ${other}, but record ${String(env.body.recordId)} (note, case position 3) has hash ${list[2]!.hash}: it does not cover that record.`,
    );
    expect(problems.map((p) => p.code)).not.toContain('bad-signature');
  });

  it('a record signed by a key that is not in the bundle, or a key replaced', async () => {
    const r = records(files);
    // The senior leader's countersignature is signed in the case itself (a staff member's own
    // signature now travels inside their sealed concern, checked against certificates.json).
    r.keys = r.keys.filter((k) => k.accountId !== w.ids.slt);
    expect(problemsOf(await verifyFiles(reseal(withRecords(files, r), dslKey)))).toContainEqual(
      expect.objectContaining({ code: 'unknown-key', caseId: w.caseId }),
    );
    const r2 = records(files);
    const k = r2.keys.find((x) => x.accountId === w.ids.slt)!;
    k.publicKeyPem = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(problemsOf(await verifyFiles(reseal(withRecords(files, r2), dslKey)))).toContainEqual(
      expect.objectContaining({
        code: 'key-id-mismatch',
        message: `records.json's public key for Barnaby Headworth is not the key named ${formatFingerprint(k.keyId).slice(0, 19)}…: the key has been replaced.`,
      }),
    );
  });

  it('an audit entry changed', async () => {
    const audit = JSON.parse(files.get(BUNDLE_FILES.audit)!.toString('utf8')) as {
      entries: Array<{ seq: number; action: string; at: string }>;
    };
    const e = audit.entries[3]!;
    e.at = '2026-11-23T07:00:00.000Z';
    const problems = problemsOf(
      await verifyFiles(
        reseal(new Map(files).set(BUNDLE_FILES.audit, Buffer.from(JSON.stringify(audit))), dslKey),
      ),
    );
    expect(problems).toContainEqual({
      code: 'audit-entry-changed',
      file: 'audit.json',
      caseId: w.caseId,
      message: `audit.json entry ${e.seq} (${e.action}) has been changed: its content no longer matches its hash.`,
    });
    const reordered = JSON.parse(files.get(BUNDLE_FILES.audit)!.toString('utf8')) as {
      entries: unknown[];
    };
    reordered.entries.reverse();
    expect(
      problemsOf(
        await verifyFiles(
          reseal(
            new Map(files).set(BUNDLE_FILES.audit, Buffer.from(JSON.stringify(reordered))),
            dslKey,
          ),
        ),
      ).map((p) => p.code),
    ).toContain('audit-out-of-order');
  });
});

describe('the report and the JSON must describe the same records', () => {
  it('a report that leaves a record out, re-sealed, is caught', async () => {
    const r = records(files);
    const caseFacts = emptyFacts(w.smallCaseId);
    const kept = r.cases[1]!.records.slice(1).map((x) => ({
      envelope: envOf(x.canonical),
      canonical: x.canonical,
      hash: x.hash,
      signature: x.signature,
    }));
    const pdf = await renderExportReport({
      exportId: r.exportId,
      exportedAt: r.exportedAt,
      school: r.school,
      exporter: { name: r.exporter.name, role: r.exporter.role, keyId: r.exporter.keyId },
      recipient: r.recipient,
      encrypted: false,
      cases: [
        {
          caseId: w.caseId,
          ref: r.cases[0]!.ref,
          title: r.cases[0]!.title,
          facts: { ...caseFacts, caseId: w.caseId },
          records: r.cases[0]!.records.map((x) => ({
            envelope: envOf(x.canonical),
            canonical: x.canonical,
            hash: x.hash,
            signature: x.signature,
          })),
          audit: [],
        },
        {
          caseId: w.smallCaseId,
          ref: r.cases[1]!.ref,
          title: r.cases[1]!.title,
          facts: caseFacts,
          records: kept,
          audit: [],
        },
      ],
      accounts: [],
    });
    const problems = problemsOf(
      await verifyFiles(reseal(new Map(files).set(BUNDLE_FILES.report, pdf), dslKey)),
    );
    const first = envOf(r.cases[1]!.records[0]!.canonical);
    expect(problems).toEqual([
      {
        code: 'report-missing-record',
        file: 'report.pdf',
        recordId: first.id,
        caseId: w.smallCaseId,
        message: `report.pdf does not show record ${first.id} (case-opened, case position 1) (hash ${r.cases[1]!.records[0]!.hash}).`,
      },
    ]);
  });

  it('a report with an image in it is caught (R2)', async () => {
    const pdf = files.get(BUNDLE_FILES.report)!;
    const image = Buffer.from(
      '\n999 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream\nendobj\n',
      'latin1',
    );
    const problems = problemsOf(
      await verifyFiles(
        reseal(new Map(files).set(BUNDLE_FILES.report, Buffer.concat([pdf, image])), dslKey),
      ),
    );
    expect(problems).toEqual([
      {
        code: 'report-has-images',
        file: 'report.pdf',
        message: 'report.pdf embeds 1 image(s): a CaseSeal report never holds images (R2).',
      },
    ]);
  });

  it('a report that is not a PDF', async () => {
    const problems = problemsOf(
      await verifyFiles(
        reseal(new Map(files).set(BUNDLE_FILES.report, Buffer.from('not a pdf')), dslKey),
      ),
    );
    expect(problems.map((p) => p.code)).toEqual(['report-unreadable']);
  });
});

describe('unusable input', () => {
  it('names the reason for each kind of unusable file', async () => {
    expect(await verifyBundle(Buffer.from('PK\u0003\u0004 but not really a zip'))).toMatchObject({
      status: 'unusable',
      reason: 'not-a-zip',
    });
    expect(await verifyBundle(Buffer.alloc(0))).toMatchObject({
      status: 'unusable',
      reason: 'not-a-zip',
    });
    expect(
      await verifyBundle(await zipBundle(new Map([['photo-list.txt', Buffer.from('x')]]))),
    ).toMatchObject({ status: 'unusable', reason: 'not-a-bundle' });
    expect(await verifyBundle(join(dir, 'missing.zip'))).toMatchObject({
      status: 'unusable',
      reason: 'unreadable',
      message: expect.stringMatching(/no file at that path/),
    });
    expect(await verifyBundle(dir)).toMatchObject({
      status: 'unusable',
      reason: 'unreadable',
      message: expect.stringMatching(/folder/),
    });
    expect(await verifyBundle(enc.outPath)).toMatchObject({
      status: 'unusable',
      reason: 'passphrase-needed',
    });
    expect(
      await verifyBundle(enc.outPath, { passphrase: 'abide-ability-able-abroad-absence-absurd' }),
    ).toMatchObject({ status: 'unusable', reason: 'wrong-passphrase' });
  });

  it('an encrypted bundle with one file added unencrypted names it', async () => {
    const encFiles = await unzipBundle(readFileSync(enc.outPath), enc.passphrase!);
    const mixed = await zipBundle(encFiles, enc.passphrase!);
    // append an unencrypted entry by re-zipping: plain entry among encrypted ones
    const { ZipWriter, Uint8ArrayWriter, Uint8ArrayReader: R } = await import('@zip.js/zip.js');
    const zw = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
    const reader = new ZipReader(new R(mixed), { useWebWorkers: false });
    for (const e of await reader.getEntries()) {
      if (e.directory) continue;
      await zw.add(e.filename, new R(encFiles.get(e.filename)!), {
        password: enc.passphrase!,
        encryptionStrength: 3,
      });
    }
    await zw.add('readme.txt', new R(Buffer.from('unencrypted')));
    const report = await verifyBundle(await zw.close(), { passphrase: enc.passphrase! });
    const problems = problemsOf(report);
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'unencrypted-file', file: 'readme.txt' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'extra-file', file: 'readme.txt' }),
    );
  });
});
