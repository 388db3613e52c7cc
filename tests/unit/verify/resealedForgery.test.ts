// Forgeries that an insider re-seals with the DSL's own real key (so the manifest's signature and
// every listed hash are consistent): the police verifier must still refuse them, naming the file
// or the record, because the checks behind the manifest signature stand on their own.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { sign as edSign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure } from '@zip.js/zip.js';
import { sealExport } from '../../../src/main/core/export/sealExport';
import { verifyBundle } from '../../../src/main/core/verify/bundle';
import {
  BUNDLE_FILES,
  MANIFEST_FILES,
  manifestText,
  type AuditFile,
  type RecordsFile,
} from '../../../src/main/core/verify/bundleFormat';
import { sha256Hex } from '../../../src/main/core/crypto/hash';
import { generateSigningKeyPair, signMessage } from '../../../src/main/core/crypto/ed25519';
import { auditSigningMessage } from '../../../src/main/core/audit/auditLog';
import { recordSigningMessage, type Envelope } from '../../../src/shared/records/envelope';
import type { VerifyReport } from '../../../src/shared/exportReport';
import { removeDir, tempDir } from '../../helpers/vault';
import {
  buildWorld,
  reseal,
  unzipBundle,
  zipBundle,
  type World,
} from '../../helpers/exportFixture';

configure({ useWebWorkers: false });

let w: World;
let dir: string;
let files: Map<string, Buffer>;
let dslKey: KeyObject;

beforeAll(async () => {
  w = await buildWorld();
  dir = tempDir('caseseal-reseal-');
  const sealed = await sealExport(w.core, {
    caseIds: [w.caseId],
    recipient: {
      officerName: 'DC Rowan Whitlock',
      force: 'Kingsford Constabulary',
      reference: 'KB-1',
    },
    encrypt: false,
    outPath: join(dir, 'bundle.zip'),
  });
  files = await unzipBundle(readFileSync(sealed.outPath));
  dslKey = w.core.requireSession().privateKey;
}, 10 * 60_000); // room for the instrumented run of `npm run mutate` on a busy machine

afterAll(async () => {
  await w?.core.close();
  if (w) removeDir(w.dir);
  if (dir) removeDir(dir);
});

const verify = async (f: ReadonlyMap<string, Buffer>): Promise<VerifyReport> =>
  verifyBundle(await zipBundle(f));

function problemsOf(r: VerifyReport) {
  if (r.status !== 'invalid') throw new Error(`expected invalid, got ${r.status}`);
  return r.problems;
}

it('the untouched bundle, and the same re-sealed with the DSL key, are valid (the baseline)', async () => {
  expect((await verify(files)).status).toBe('valid');
  expect((await verify(reseal(files, dslKey))).status).toBe('valid');
});

describe('a file kept in the bundle but left out of a manifest re-signed with the DSL key', () => {
  for (const name of MANIFEST_FILES) {
    it(`${name} is named as not listed, and the bundle is invalid`, async () => {
      const manifest = Buffer.from(
        manifestText(
          MANIFEST_FILES.filter((n) => n !== name).map((n) => ({
            name: n,
            sha256: sha256Hex(files.get(n)!),
          })),
        ),
      );
      const forged = new Map(files)
        .set(BUNDLE_FILES.manifest, manifest)
        .set(BUNDLE_FILES.signature, edSign(null, manifest, dslKey));
      const problems = problemsOf(await verify(forged));
      expect(problems).toContainEqual({
        code: 'manifest-missing-entry',
        file: name,
        message: `manifest.sha256 does not list ${name}.`,
      });
      // The signature is good: only the missing line gives it away.
      expect(problems.map((p) => p.code)).not.toContain('manifest-signature-invalid');
    });
  }
});

describe('a bad per-record signature, with the bundle re-sealed by the DSL key', () => {
  const records = () =>
    JSON.parse(files.get(BUNDLE_FILES.records)!.toString('utf8')) as RecordsFile;
  const withRecords = (r: RecordsFile) =>
    reseal(
      new Map(files).set(BUNDLE_FILES.records, Buffer.from(JSON.stringify(r, null, 1) + '\n')),
      dslKey,
    );

  it("a record's signature replaced by the signer's valid signature of ANOTHER record is named", async () => {
    const r = records();
    const list = r.cases[0]!.records;
    const target = list[1]!;
    target.signature = list[2]!.signature;
    const id = (JSON.parse(target.canonical) as Envelope).id;
    const problems = problemsOf(await verify(withRecords(r)));
    expect(problems.filter((p) => p.recordId === id).map((p) => p.code)).toEqual(['bad-signature']);
    expect(problems.find((p) => p.code === 'bad-signature')!.message).toMatch(
      /has a signature that does not verify with its signer's key/,
    );
  });

  it("a record's signature made by the DSL's key over a different message (not the record's hash) is named", async () => {
    const r = records();
    const target = r.cases[0]!.records[0]!;
    target.signature = signMessage(dslKey, recordSigningMessage('0'.repeat(64)));
    const id = (JSON.parse(target.canonical) as Envelope).id;
    const problems = problemsOf(await verify(withRecords(r)));
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'bad-signature', recordId: id, file: BUNDLE_FILES.records }),
    );
    expect(problems.map((p) => p.code)).not.toContain('manifest-signature-invalid');
    expect(problems.map((p) => p.code)).not.toContain('file-hash-mismatch');
  });
});

describe('an audit entry re-signed with a key the insider added, the bundle re-sealed by the DSL key', () => {
  it("attack: a deputy adds their own key for the DSL's account to records.json, re-signs the DSL's audit entry with it and re-seals: named as not certified by the school key", async () => {
    const r = JSON.parse(files.get(BUNDLE_FILES.records)!.toString('utf8')) as RecordsFile;
    const a = JSON.parse(files.get(BUNDLE_FILES.audit)!.toString('utf8')) as AuditFile;
    const dslId = r.exporter.accountId;
    const target = a.entries.find((e) => e.actorId === dslId && e.signature)!;
    expect(target).toBeDefined();
    const forged = generateSigningKeyPair();
    const dslEntry = r.keys.find((k) => k.accountId === dslId)!;
    r.keys.push({ ...dslEntry, keyId: forged.keyId, publicKeyPem: forged.publicKeyPem });
    target.signerKeyId = forged.keyId;
    target.signature = signMessage(forged.privateKey, auditSigningMessage(target.hash));
    const forgedFiles = reseal(
      new Map(files)
        .set(BUNDLE_FILES.records, Buffer.from(JSON.stringify(r, null, 1) + '\n'))
        .set(BUNDLE_FILES.audit, Buffer.from(JSON.stringify(a, null, 1) + '\n')),
      dslKey,
    );
    const problems = problemsOf(await verify(forgedFiles));
    // The signature itself verifies with the inserted key: only the certificate check can catch it.
    expect(problems.map((p) => p.code)).not.toContain('audit-bad-signature');
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'uncertified-signer',
        file: BUNDLE_FILES.audit,
        message: expect.stringContaining(`audit.json entry ${target.seq} (${target.action}`),
      }),
    );
  });
});
