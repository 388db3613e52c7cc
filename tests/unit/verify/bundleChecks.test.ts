// Each check of the export verifier, attacked one at a time on a real sealed bundle (built once:
// tests/helpers/goldenBundle.ts) and checked without a zip, so every test costs milliseconds. The
// forger is the exporting DSL (or the senior leader who countersigned): they hold real keys and
// re-seal the manifest after their change, so only the deeper check can catch it. Each test names
// the problem an officer would be shown, the record or file it names, and that the bundle is
// invalid.
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBundleFiles } from '../../../src/main/core/verify/bundle';
import {
  ALL_FILES,
  BUNDLE_FILES,
  MANIFEST_FILES,
  type AuditFile,
  type RecordsFile,
} from '../../../src/main/core/verify/bundleFormat';
import { canonicalJson } from '../../../src/shared/records/canonical';
import { type Envelope } from '../../../src/shared/records/envelope';
import { sha256Hex } from '../../../src/main/core/crypto/hash';
import { formatFingerprint, keyIdOf, signMessage } from '../../../src/main/core/crypto/ed25519';
import { auditHash, auditSigningMessage } from '../../../src/main/core/audit/auditLog';
import type { BundleProblem } from '../../../src/shared/exportReport';
import { goldenBundle, type GoldenBundle } from '../../helpers/goldenBundle';
import { bundleForger } from '../../helpers/bundleForger';
import { flipBit, reseal } from '../../helpers/exportFixture';

let g: GoldenBundle;
beforeAll(async () => {
  g = await goldenBundle();
}, 10 * 60_000);

type Entry = AuditFile['entries'][number];
const {
  check,
  problemsOf,
  codes,
  files,
  records,
  audit,
  envOf,
  withRecords,
  withAudit,
  signed,
  mainCase,
  smallCase,
  indexOfKind,
} = bundleForger(() => g);
const label = (env: Envelope) => `record ${env.id} (${env.kind}, case position ${env.caseSeq})`;

describe('the baseline', () => {
  it('the golden bundle, and the same re-sealed by the DSL, are valid with every check passing', () => {
    for (const f of [files(), reseal(files(), g.dslKey)]) {
      const r = check(f);
      expect(r.status).toBe('valid');
      if (r.status === 'unusable') return;
      expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
        ['Files present', true],
        ['Manifest signature (Ed25519)', true],
        ['Manifest format', true],
        ['File hashes (SHA-256)', true],
        ['records.json format', true],
        ['Signers’ public keys', true],
        ['Record hashes and signatures', true],
        ['Signers certified by the school key', true],
        ['Per-case hash chains', true],
        ['Countersignatures and corrections', true],
        ['Export records and manifest signer', true],
        ['Case summaries match the signed records', true],
        ['audit.json format', true],
        ['Audit entries (own hash and signature; links where consecutive)', true],
        ['Report matches records; no images', true],
      ]);
    }
  });

  it('the summary shows what the signed records say: export, exporter, cases, counts, keys', () => {
    const r = check(files());
    if (r.status !== 'valid') throw new Error(r.status);
    const rec = records();
    const s = r.summary;
    expect(s.exportId).toBe(rec.exportId);
    expect(s.exportedAt).toBe(rec.exportedAt);
    expect(s.school).toEqual(rec.school);
    expect(s.exporter).toEqual({
      name: rec.exporter.name,
      role: rec.exporter.role,
      keyId: rec.exporter.keyId,
    });
    expect(s.recipient).toEqual(rec.recipient);
    expect(s.encrypted).toBe(false);
    expect(s.signingKey).toEqual({ keyId: rec.exporter.keyId, fingerprint: g.fingerprint });
    expect(s.manifestSha256).toBe(sha256Hex(g.files.get(BUNDLE_FILES.manifest)!));
    expect(s.records).toBe(rec.cases.reduce((n, c) => n + c.records.length, 0));
    expect(s.auditEntries).toBe(audit().entries.length);
    expect(s.files).toEqual(
      [...g.files].map(([name, b]) => ({ name, bytes: b.length, sha256: sha256Hex(b) })),
    );
    expect(s.cases.map((c) => [c.caseId, c.ref, c.title, c.records])).toEqual(
      rec.cases.map((c) => [c.caseId, c.ref, c.title, c.records.length]),
    );
    expect(s.cases.find((c) => c.caseId === g.caseId)!.flags).toEqual(['copy-made']);
    expect(s.schoolKey?.grouped).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/i);
    const detail = (name: string) => r.checks.find((c) => c.name === name)!.detail;
    expect(detail('Files present')).toBe(`all ${ALL_FILES.length} files, nothing extra`);
    expect(detail('Manifest signature (Ed25519)')).toBe(`signed by key ${g.fingerprint}`);
    expect(detail('Manifest format')).toBe(`${MANIFEST_FILES.length} files listed`);
    expect(detail('File hashes (SHA-256)')).toBe(
      `${MANIFEST_FILES.length} files match the manifest`,
    );
    expect(detail('Export records and manifest signer')).toBe(
      `exported and sealed by ${rec.exporter.name}`,
    );
    expect(detail('Report matches records; no images')).toBe(
      `report.pdf shows all ${s.records} records`,
    );
    expect(detail('Audit entries (own hash and signature; links where consecutive)')).toBe(
      `${audit().entries.length} entries, each signed`,
    );
  });
});

describe('files present', () => {
  for (const name of ALL_FILES) {
    it(`attack: ${name} removed from the bundle is named as missing`, () => {
      const f = files();
      f.delete(name);
      const r = check(f);
      expect(r.status).toBe('invalid');
      if (r.status !== 'invalid') return;
      expect(r.problems).toContainEqual({
        code: 'missing-file',
        file: name,
        message: `The bundle has no ${name}: a file has been removed.`,
      });
      expect(r.checks.find((c) => c.name === 'Files present')).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/^[1-9]\d* problem\(s\)$/),
      });
    });
  }
  it('attack: a file added to the bundle (and even to a re-signed manifest) is named', () => {
    const f = files().set('extra-notes.txt', Buffer.from('planted'));
    expect(problemsOf(f)).toContainEqual({
      code: 'extra-file',
      file: 'extra-notes.txt',
      message: 'The bundle holds a file that is not part of a CaseSeal export: extra-notes.txt',
    });
  });
});

describe('the manifest signature', () => {
  it('attack: signer.pub.pem replaced by a non-Ed25519 key (X25519) is refused as the signing key', () => {
    const x = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' });
    const f = files().set(BUNDLE_FILES.publicKey, Buffer.from(x.toString()));
    const p = problemsOf(f);
    expect(p).toContainEqual({
      code: 'bad-public-key',
      file: BUNDLE_FILES.publicKey,
      message: 'signer.pub.pem is not an Ed25519 public key in PEM form.',
    });
    const r = check(f);
    if (r.status !== 'invalid') throw new Error(r.status);
    expect(r.summary.signingKey).toBeNull();
    expect(r.checks.find((c) => c.name === 'Manifest signature (Ed25519)')?.ok).toBe(false);
  });

  it('attack: signer.pub.pem that is not a key at all is refused', () => {
    const f = files().set(BUNDLE_FILES.publicKey, Buffer.from('-----BEGIN PUBLIC KEY-----\nAA\n'));
    expect(codes(f)).toContain('bad-public-key');
  });

  it('attack: the manifest re-signed by another key, with its public key swapped in, is named as re-signed by someone else', () => {
    const forger = generateKeyPairSync('ed25519');
    const pem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const p = problemsOf(reseal(files(), forger.privateKey, pem));
    const hit = p.find((x) => x.code === 'manifest-signer-mismatch');
    expect(hit?.file).toBe(BUNDLE_FILES.signature);
    expect(hit?.message).toContain(`which is not the key of ${records().exporter.name} (DSL)`);
    expect(hit?.message).toContain(g.fingerprint);
    expect(hit?.message).toMatch(/the bundle has been re-signed by someone else\.$/);
  });

  it('attack: a signature cut to 63 bytes, or one byte added, is not accepted', () => {
    const sig = g.files.get(BUNDLE_FILES.signature)!;
    for (const bad of [sig.subarray(0, 63), Buffer.concat([sig, Buffer.from([0])])]) {
      expect(problemsOf(files().set(BUNDLE_FILES.signature, bad))).toContainEqual({
        code: 'manifest-signature-invalid',
        file: BUNDLE_FILES.signature,
        message:
          'manifest.sig is not a valid Ed25519 signature of manifest.sha256 by the key in signer.pub.pem: the manifest, the signature or the key has been changed.',
      });
    }
  });

  for (const name of [BUNDLE_FILES.publicKey, BUNDLE_FILES.signature, BUNDLE_FILES.manifest]) {
    it(`attack: ${name} removed is named once, as missing (not also as a bad key or a bad signature)`, () => {
      const f = files();
      f.delete(name);
      const p = problemsOf(f);
      expect(p).toContainEqual(expect.objectContaining({ code: 'missing-file', file: name }));
      const codesHere = p.map((x) => x.code);
      expect(codesHere).not.toContain('bad-public-key');
      expect(codesHere).not.toContain('manifest-signature-invalid');
    });
  }

  it('attack: signer.pub.pem replaced by an X25519 key: named as a bad key, not as a broken signature', () => {
    const x = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' });
    const p = problemsOf(files().set(BUNDLE_FILES.publicKey, Buffer.from(x.toString())));
    expect(p.map((x) => x.code)).not.toContain('manifest-signature-invalid');
  });

  it('attack: a manifest line changed without re-signing names the broken signature', () => {
    const m = g.files.get(BUNDLE_FILES.manifest)!;
    expect(codes(files().set(BUNDLE_FILES.manifest, flipBit(m, 3)))).toContain(
      'manifest-signature-invalid',
    );
  });
});

describe('the manifest format', () => {
  const manifestOf = (f: ReadonlyMap<string, Buffer>) =>
    f.get(BUNDLE_FILES.manifest)!.toString('utf8');
  /** A manifest rewritten by hand and signed by the DSL. */
  const withManifest = (text: string) => {
    const f = files().set(BUNDLE_FILES.manifest, Buffer.from(text));
    return f.set(
      BUNDLE_FILES.signature,
      Buffer.from(signMessage(g.dslKey, Buffer.from(text)), 'base64'),
    );
  };

  it('is valid when rewritten and re-signed unchanged (the baseline for the attacks below)', () => {
    expect(check(withManifest(manifestOf(g.files))).status).toBe('valid');
  });

  it('attack: CRLF line endings are named as not sha256sum format', () => {
    const p = problemsOf(withManifest(manifestOf(g.files).replaceAll('\n', '\r\n')));
    expect(p).toContainEqual({
      code: 'manifest-malformed',
      file: BUNDLE_FILES.manifest,
      message: 'manifest.sha256 is not in sha256sum format (every line must end with a single LF).',
    });
  });

  it('attack: the last line without its LF is named', () => {
    expect(codes(withManifest(manifestOf(g.files).trimEnd()))).toEqual(['manifest-malformed']);
  });

  it('attack: a line with one space instead of two is named by its line number', () => {
    const lines = manifestOf(g.files).split('\n');
    lines[1] = lines[1]!.replace('  ', ' ');
    const p = problemsOf(withManifest(lines.join('\n')));
    expect(p).toContainEqual({
      code: 'manifest-malformed',
      file: BUNDLE_FILES.manifest,
      message: 'manifest.sha256 line 2 is not a "<sha256>  <file name>" line.',
    });
  });

  it('attack: a file listed twice is named', () => {
    const text = manifestOf(g.files);
    const first = text.split('\n')[0]!;
    const p = problemsOf(withManifest(text + first + '\n'));
    const name = first.slice(66);
    expect(p).toContainEqual({
      code: 'manifest-malformed',
      file: BUNDLE_FILES.manifest,
      message: `manifest.sha256 lists ${name} twice.`,
    });
  });

  it('attack: a file left out of the re-signed manifest is named as not listed', () => {
    const text = manifestOf(g.files)
      .split('\n')
      .filter((l) => !l.endsWith('  audit.json'))
      .join('\n');
    expect(problemsOf(withManifest(text))).toContainEqual({
      code: 'manifest-missing-entry',
      file: 'audit.json',
      message: 'manifest.sha256 does not list audit.json.',
    });
  });

  it('attack: a planted file listed in the re-signed manifest is named as not part of an export', () => {
    const f = withManifest(manifestOf(g.files) + `${'a'.repeat(64)}  planted.txt\n`);
    expect(problemsOf(f)).toContainEqual({
      code: 'manifest-extra-entry',
      file: 'planted.txt',
      message: 'manifest.sha256 lists planted.txt, which is not part of a CaseSeal export.',
    });
  });
});

describe('file hashes', () => {
  it('attack: VERIFY.txt edited (the officer’s instructions) is named with both hashes', () => {
    const f = files().set(BUNDLE_FILES.verify, Buffer.from('Trust this bundle.\n'));
    const want = sha256Hex(g.files.get(BUNDLE_FILES.verify)!);
    expect(problemsOf(f)).toContainEqual({
      code: 'file-hash-mismatch',
      file: BUNDLE_FILES.verify,
      message: `VERIFY.txt has been changed since the bundle was sealed: its SHA-256 is ${sha256Hex('Trust this bundle.\n')}, the manifest says ${want}.`,
    });
  });

  it('a listed file that is missing is reported once, as missing (not as a changed file)', () => {
    const f = files();
    f.delete(BUNDLE_FILES.verify);
    const p = problemsOf(f);
    expect(p.filter((x) => x.file === BUNDLE_FILES.verify).map((x) => x.code)).toEqual([
      'missing-file',
    ]);
  });
});

describe('records.json format', () => {
  it('attack: records.json that is not JSON is named, and nothing is trusted from it', () => {
    const f = reseal(files().set(BUNDLE_FILES.records, Buffer.from('{not json')), g.dslKey);
    const r = check(f);
    if (r.status !== 'invalid') throw new Error(r.status);
    expect(r.problems).toContainEqual({
      code: 'records-malformed',
      file: BUNDLE_FILES.records,
      message: 'records.json is not valid JSON.',
    });
    expect(r.summary.exportId).toBeNull();
    expect(r.summary.exporter).toBeNull();
  });

  it('attack: records.json with the wrong shape names where, ten problems at most', () => {
    const r = records() as unknown as Record<string, unknown>;
    r.format = 'something-else';
    const p = problemsOf(withRecords(r as unknown as RecordsFile));
    expect(p).toContainEqual(
      expect.objectContaining({
        code: 'records-malformed',
        file: BUNDLE_FILES.records,
        message: expect.stringMatching(/^records\.json is not in the export format at format: /),
      }),
    );
    const many = { cases: 'none' } as unknown as RecordsFile;
    const pm = problemsOf(withRecords(many)).filter((x) => x.code === 'records-malformed');
    expect(pm).toHaveLength(10);
    const top = problemsOf(withRecords([] as unknown as RecordsFile));
    expect(top).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(
          /^records\.json is not in the export format at the top level: /,
        ),
      }),
    );
  });
});

describe('signers’ public keys', () => {
  it('attack: the senior leader’s key replaced by the forger’s is named as replaced', () => {
    const r = records();
    const k = r.keys.find((x) => x.accountId === g.ids.slt)!;
    k.publicKeyPem = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'key-id-mismatch',
      file: BUNDLE_FILES.records,
      message: `records.json's public key for Barnaby Headworth is not the key named ${formatFingerprint(k.keyId).slice(0, 19)}…: the key has been replaced.`,
    });
  });

  it('attack: a non-Ed25519 key given under its own key id is refused', () => {
    const r = records();
    const k = r.keys.find((x) => x.accountId === g.ids.slt)!;
    k.publicKeyPem = generateKeyPairSync('x25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(codes(withRecords(r))).toContain('key-id-mismatch');
    // The same X25519 key named by its own id (SHA-256 of its raw 32 bytes, as an Ed25519 id is):
    // still not a signing key.
    k.keyId = keyIdOf(k.publicKeyPem);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'key-id-mismatch',
      file: BUNDLE_FILES.records,
      message: `records.json's public key for ${k.name} is not the key named ${formatFingerprint(k.keyId).slice(0, 19)}…: the key has been replaced.`,
    });
    k.publicKeyPem = 'not a key';
    expect(codes(withRecords(r))).toContain('key-id-mismatch');
  });

  it('attack: a key listed twice (the second under another account) is named', () => {
    const r = records();
    const k = r.keys.find((x) => x.accountId === g.ids.slt)!;
    r.keys.push({ ...k, accountId: g.ids.deputy, name: 'Devika Deputy-Lead' });
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'duplicate-key',
      file: BUNDLE_FILES.records,
      message: `records.json lists key ${formatFingerprint(k.keyId).slice(0, 19)}… twice.`,
    });
  });
});

describe('signers’ public keys: the detail', () => {
  it('the detail counts the keys the bundle lists, each once', () => {
    const r = check(files());
    if (r.status !== 'valid') throw new Error(r.status);
    expect(r.checks.find((c) => c.name === 'Signers’ public keys')?.detail).toBe(
      `${new Set(records().keys.map((k) => k.keyId)).size} keys, each matching its key id`,
    );
  });
});

describe('record hashes and signatures', () => {
  it('attack: a record whose text is not an envelope is named with its case', () => {
    const r = records();
    const c = smallCase(r);
    c.records[1] = { ...c.records[1]!, canonical: '{"id":1}' };
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'bad-envelope',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      message: `A record of case ${c.ref} (hash ${formatFingerprint(c.records[1]!.hash).slice(0, 19)}…) is not a readable record envelope.`,
    });
  });

  it('attack: a record re-spaced (same JSON, not canonical) is named', () => {
    const r = records();
    const c = smallCase(r);
    const env = envOf(c.records[1]!);
    c.records[1] = { ...c.records[1]!, canonical: JSON.stringify(env, null, 1) };
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'not-canonical',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      recordId: env.id,
      message: `${label(env)} in case ${c.ref} is not in canonical form (RFC 8785): its text has been edited.`,
    });
  });

  it('attack: a record moved under the other case is named as in the wrong case', () => {
    const r = records();
    const moved = mainCase(r).records[2]!;
    smallCase(r).records.push(moved);
    const env = envOf(moved);
    expect(problemsOf(withRecords(r))).toContainEqual(
      expect.objectContaining({
        code: 'record-in-wrong-case',
        caseId: g.smallCaseId,
        recordId: env.id,
        message: `${label(env)} belongs to case ${g.caseId} but is listed under case ${smallCase(r).ref}.`,
      }),
    );
  });

  for (const field of ['seq', 'prev', 'caseSeq', 'casePrev'] as const) {
    it(`attack: the listed chain link "${field}" edited beside an untouched envelope is named`, () => {
      const r = records();
      const rec = mainCase(r).records[3]!;
      const env = envOf(rec);
      (rec.links as Record<string, unknown>)[field] =
        field === 'seq' || field === 'caseSeq' ? (env[field] as number) + 100 : 'b'.repeat(64);
      expect(problemsOf(withRecords(r))).toContainEqual({
        code: 'links-differ',
        file: BUNDLE_FILES.records,
        caseId: g.caseId,
        recordId: env.id,
        message: `${label(env)}: the chain links listed beside it differ from those inside its signed envelope.`,
      });
    });
  }

  it('attack: two records of a case swapped in records.json are named as reordered', () => {
    const r = records();
    const list = mainCase(r).records;
    [list[2], list[3]] = [list[3]!, list[2]!];
    const env = envOf(list[3]!);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'records-out-of-order',
      file: BUNDLE_FILES.records,
      caseId: g.caseId,
      recordId: env.id,
      message: `records.json lists ${label(env)} after the record at case position ${env.caseSeq + 1} in case ${mainCase(r).ref}: the records have been reordered.`,
    });
  });

  it('attack: a record repeated right after itself is named as reordered and as a duplicate', () => {
    const r = records();
    const list = smallCase(r).records;
    list.splice(2, 0, list[1]!);
    const env = envOf(list[1]!);
    const p = problemsOf(withRecords(r)).filter((x) => x.recordId === env.id);
    expect(p.map((x) => x.code)).toEqual(
      expect.arrayContaining(['records-out-of-order', 'duplicate']),
    );
    expect(p.find((x) => x.code === 'duplicate')?.message).toBe(
      `${label(env)} appears twice in records.json.`,
    );
  });

  it('attack: a record’s text changed without re-signing is named as changed since signed', () => {
    const r = records();
    const c = smallCase(r);
    const env = envOf(c.records[1]!);
    const edited = { ...env, body: { ...env.body, subject: 'Call with grandparent' } };
    c.records[1] = { ...c.records[1]!, canonical: canonicalJson(edited) };
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'content-changed',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      recordId: env.id,
      message: `In case ${c.ref}, ${label(env)} has been changed since it was signed (its content no longer matches its hash).`,
    });
  });

  it('attack: a record’s signature replaced by the DSL’s signature over another record is named', () => {
    const r = records();
    const c = smallCase(r);
    const env = envOf(c.records[1]!);
    c.records[1] = { ...c.records[1]!, signature: c.records[0]!.signature };
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'bad-signature',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      recordId: env.id,
      message: `In case ${c.ref}, ${label(env)} has a signature that does not verify with its signer's key.`,
    });
  });

  it('attack: a record naming a key the bundle does not hold is named', () => {
    const r = records();
    r.keys = r.keys.filter((k) => k.accountId !== g.ids.slt);
    const cs = mainCase(r).records[indexOfKind(mainCase(r), 'countersignature')]!;
    expect(problemsOf(withRecords(r))).toContainEqual(
      expect.objectContaining({
        code: 'unknown-key',
        recordId: envOf(cs).id,
        message: `In case ${mainCase(r).ref}, ${label(envOf(cs))} names a signing key that is not known.`,
      }),
    );
  });

  it('attack: a record signed with the DSL’s key but attributed to the senior leader is named as signed with another account’s key', () => {
    const r = records();
    const c = smallCase(r);
    const env = envOf(c.records[1]!);
    const slt = r.keys.find((k) => k.accountId === g.ids.slt)!;
    // The DSL keeps their own key id (so the signature verifies) and names the senior leader.
    const forged = { ...env, signer: { ...env.signer, accountId: slt.accountId, name: slt.name } };
    c.records[1] = signed(forged, g.dslKey);
    const p = problemsOf(withRecords(r));
    expect(p).toContainEqual({
      code: 'key-not-signers',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      recordId: env.id,
      message: `${label(forged)} is signed with a key that belongs to another account.`,
    });
  });

  it('the record count and the detail count every record in every case', () => {
    const r = check(files());
    if (r.status !== 'valid') throw new Error(r.status);
    const n = records().cases.reduce((s, c) => s + c.records.length, 0);
    expect(r.checks.find((c) => c.name === 'Record hashes and signatures')?.detail).toBe(
      `${n} records, canonical, each hash and author signature valid`,
    );
  });
});

describe('per-case hash chains', () => {
  // The forger is the DSL: they drop, move or re-link records and re-seal the manifest with their
  // real key, so the manifest and file hashes pass and only the case chain can object.
  const inCase = (ref: string, rest: string) => `In case ${ref}, ${rest}`;
  const dslIndex = (c: RecordsFile['cases'][number]) =>
    c.records.findIndex((x, i) => i > 1 && envOf(x).signer.accountId === g.ids.dsl);

  it('the detail counts every case chain checked', () => {
    const r = check(files());
    if (r.status !== 'valid') throw new Error(r.status);
    expect(r.checks.find((c) => c.name === 'Per-case hash chains')?.detail).toBe(
      `${records().cases.length} case chain(s) complete and linked`,
    );
  });

  it('attack: a record dropped from the middle of a case is named: how many are missing, before which record, in the case’s own reference', () => {
    const r = records();
    const c = smallCase(r);
    c.records.splice(1, 1);
    const next = envOf(c.records[1]!);
    const p = problemsOf(withRecords(r));
    expect(p).toContainEqual({
      code: 'missing-record',
      file: BUNDLE_FILES.records,
      recordId: next.id,
      caseId: g.smallCaseId,
      message: inCase(
        c.ref,
        `1 record(s) of case ${g.smallCaseId} are missing before ${label(next)} (positions 2–2).`,
      ),
    });
  });

  it('attack: the first record of a case dropped is named (a case chain starts at position 1)', () => {
    const r = records();
    const c = mainCase(r);
    c.records.splice(0, 1);
    const first = envOf(c.records[0]!);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'missing-record',
      file: BUNDLE_FILES.records,
      recordId: first.id,
      caseId: g.caseId,
      message: inCase(
        c.ref,
        `1 record(s) of case ${g.caseId} are missing before ${label(first)} (positions 1–1).`,
      ),
    });
  });

  it('attack: a record re-linked past the record before it (re-signed by the DSL) is named as not linking', () => {
    const r = records();
    const c = smallCase(r);
    const i = dslIndex(c);
    expect(i, 'the small case has a record by the DSL after its second').toBeGreaterThan(1);
    const env = envOf(c.records[i]!);
    const relinked = { ...env, casePrev: c.records[i - 2]!.hash };
    c.records[i] = signed(relinked, g.dslKey);
    const p = problemsOf(withRecords(r));
    expect(p).toContainEqual({
      code: 'chain-broken',
      file: BUNDLE_FILES.records,
      recordId: env.id,
      caseId: g.smallCaseId,
      message: inCase(
        c.ref,
        `${label(env)} does not link to the record before it in the case (its casePrev hash differs).`,
      ),
    });
    // Its signature and hash are valid: the chain is the only check that sees the re-link.
    expect(p.filter((x) => x.recordId === env.id).map((x) => x.code)).not.toContain(
      'bad-signature',
    );
  });

  it('attack: a record moved to the end of the other case (re-signed and re-linked there by the DSL) is named as missing from its own case', () => {
    const r = records();
    const from = mainCase(r);
    const to = smallCase(r);
    const i = indexOfKind(from, 'note');
    const env = envOf(from.records[i]!);
    const after = envOf(from.records[i + 1]!);
    const last = envOf(to.records.at(-1)!);
    // Moved to the end of the other case, re-numbered and linked there as if it had always been.
    const moved = {
      ...env,
      caseId: g.smallCaseId,
      caseSeq: last.caseSeq + 1,
      casePrev: to.records.at(-1)!.hash,
    };
    from.records.splice(i, 1);
    to.records.push(signed(moved, g.dslKey));
    const p = problemsOf(withRecords(r));
    expect(p).toContainEqual({
      code: 'missing-record',
      file: BUNDLE_FILES.records,
      recordId: after.id,
      caseId: g.caseId,
      message: inCase(
        from.ref,
        `1 record(s) of case ${g.caseId} are missing before ${label(after)} (positions ${env.caseSeq}–${env.caseSeq}).`,
      ),
    });
    expect(p).toContainEqual(
      expect.objectContaining({ code: 'records-after-export', caseId: g.smallCaseId }),
    );
  });

  it('attack: a record repeated at its own case position is named by the chain as a repeat', () => {
    const r = records();
    const c = smallCase(r);
    c.records.splice(2, 0, c.records[1]!);
    const env = envOf(c.records[1]!);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'duplicate',
      file: BUNDLE_FILES.records,
      recordId: env.id,
      caseId: g.smallCaseId,
      message: inCase(c.ref, `${label(env)} repeats case position ${env.caseSeq}.`),
    });
  });
});

describe('signers certified by the school key', () => {
  it('attack: certificates.json removed from the re-signed bundle: no signer can be checked', () => {
    const f = files();
    f.delete(BUNDLE_FILES.certificates);
    const p = problemsOf(reseal(f, g.dslKey));
    expect(p).toContainEqual({
      code: 'uncertified-signer',
      file: 'certificates.json',
      message: 'certificates.json is missing: no signer can be checked against the school key.',
    });
  });

  it('attack: certificates.json replaced by something else is refused', () => {
    const f = reseal(files().set(BUNDLE_FILES.certificates, Buffer.from('{}')), g.dslKey);
    expect(problemsOf(f)).toContainEqual({
      code: 'uncertified-signer',
      file: 'certificates.json',
      message: 'certificates.json is not a certificate list this verifier reads.',
    });
  });

  it('attack: a school key swapped in without its fingerprint is refused', () => {
    const c = JSON.parse(g.files.get(BUNDLE_FILES.certificates)!.toString('utf8')) as {
      schoolKey: { publicKeyPem: string };
    };
    c.schoolKey.publicKeyPem = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const f = reseal(
      files().set(BUNDLE_FILES.certificates, Buffer.from(JSON.stringify(c))),
      g.dslKey,
    );
    const r = check(f);
    if (r.status !== 'invalid') throw new Error(r.status);
    expect(r.problems).toContainEqual({
      code: 'uncertified-signer',
      file: 'certificates.json',
      message:
        'certificates.json names a school key whose fingerprint does not match the key itself.',
    });
    expect(r.summary.schoolKey).toBeNull();
  });

  it('attack: a certificate in certificates.json edited (a name changed) is named as not signed by the school key', () => {
    const c = JSON.parse(g.files.get(BUNDLE_FILES.certificates)!.toString('utf8')) as {
      certificates: Array<{ canonical: string; signature: string }>;
    };
    const body = JSON.parse(c.certificates[0]!.canonical) as { serial: string; name: string };
    c.certificates[0]!.canonical = canonicalJson({ ...body, name: 'Someone Else' });
    const f = reseal(
      files().set(BUNDLE_FILES.certificates, Buffer.from(JSON.stringify(c))),
      g.dslKey,
    );
    expect(problemsOf(f)).toContainEqual({
      code: 'uncertified-signer',
      file: 'certificates.json',
      message: `Certificate ${body.serial} in certificates.json is not signed by the school key.`,
    });
  });

  it('attack: a record re-signed by a key the DSL added to records.json for the senior leader is named as never certified', () => {
    const r = records();
    const forger = generateKeyPairSync('ed25519');
    const pem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const keyId = sha256Hex(forger.publicKey.export({ type: 'spki', format: 'der' }).subarray(12));
    const slt = r.keys.find((k) => k.accountId === g.ids.slt)!;
    r.keys.push({ ...slt, keyId, publicKeyPem: pem });
    const c = mainCase(r);
    const i = indexOfKind(c, 'countersignature');
    const env = envOf(c.records[i]!);
    const forged = { ...env, signer: { ...env.signer, keyId } };
    c.records[i] = signed(forged, forger.privateKey);
    const p = problemsOf(withRecords(r));
    expect(p).toContainEqual({
      code: 'uncertified-signer',
      file: 'certificates.json',
      recordId: env.id,
      caseId: g.caseId,
      message: `In case ${c.ref}, record ${env.id} (countersignature, signed ${env.signedAt} as Barnaby Headworth) is signed with a key the school key never certified for that person.`,
    });
  });

  it('attack: records.json naming the senior leader’s key as the exporter’s is named: the sealing key is not certified for the exporter', () => {
    const r = records();
    const slt = r.keys.find((k) => k.accountId === g.ids.slt)!;
    r.exporter = { ...r.exporter, keyId: slt.keyId };
    const p = problemsOf(withRecords(r));
    expect(p).toContainEqual(
      expect.objectContaining({
        code: 'uncertified-signer',
        message: expect.stringMatching(/^The key that sealed this export is signed with a key /),
      }),
    );
  });

  it('attack: an audit entry re-signed by a key the insider added is named as uncertified', () => {
    const r = records();
    const forger = generateKeyPairSync('ed25519');
    const pem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const keyId = sha256Hex(forger.publicKey.export({ type: 'spki', format: 'der' }).subarray(12));
    const dsl = r.keys.find((k) => k.accountId === g.ids.dsl)!;
    r.keys.push({ ...dsl, keyId, publicKeyPem: pem });
    const a = audit();
    const e = a.entries[0]!;
    const changed = { ...e, signerKeyId: keyId };
    changed.hash = auditHash(changed as never);
    changed.signature = signMessage(forger.privateKey, auditSigningMessage(changed.hash));
    a.entries[0] = changed;
    const p = problemsOf(withAudit(a, withRecords(r)));
    expect(
      p.some(
        (x) =>
          x.code === 'uncertified-signer' &&
          x.file === 'audit.json' &&
          x.caseId === g.caseId &&
          x.message.startsWith(`audit.json entry ${e.seq} (${e.action}, made ${e.at}) `),
      ),
      JSON.stringify(p),
    ).toBe(true);
  });
});

describe('countersignatures and corrections', () => {
  it('attack: a countersignature re-signed by the senior leader over another record’s hash is named', () => {
    const r = records();
    const c = mainCase(r);
    const i = indexOfKind(c, 'countersignature');
    const env = envOf(c.records[i]!);
    const other = c.records[0]!.hash;
    c.records[i] = signed({ ...env, body: { ...env.body, recordHash: other } }, g.sltKey);
    const target = c.records.find((x) => envOf(x).id === env.body.recordId)!;
    const p = problemsOf(withRecords(r));
    expect(p).toContainEqual({
      code: 'countersignature-mismatch',
      file: BUNDLE_FILES.records,
      recordId: env.id,
      caseId: g.caseId,
      message: `Countersignature ${env.id} by Barnaby Headworth (as agreement) covers hash ${other}, but ${label(envOf(target))} has hash ${target.hash}: it does not cover that record.`,
    });
    expect(p.map((x) => x.code)).not.toContain('bad-signature');
  });

  it('attack: a countersignature naming a record that is not in the bundle is named', () => {
    const r = records();
    const c = mainCase(r);
    const i = indexOfKind(c, 'countersignature');
    const env = envOf(c.records[i]!);
    const ghost = '00000000-0000-4000-8000-000000000000';
    c.records[i] = signed({ ...env, body: { ...env.body, recordId: ghost } }, g.sltKey);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'countersignature-target-missing',
      file: BUNDLE_FILES.records,
      recordId: env.id,
      caseId: g.caseId,
      message: `Countersignature ${env.id} by Barnaby Headworth (as agreement) names record ${ghost}, which is not in the bundle.`,
    });
  });

  it('attack: a correction re-signed by the DSL over another hash, or naming a missing record, is named', () => {
    const r = records();
    const c = mainCase(r);
    const i = indexOfKind(c, 'correction');
    const env = envOf(c.records[i]!);
    const other = c.records[0]!.hash;
    c.records[i] = signed({ ...env, body: { ...env.body, correctsHash: other } }, g.dslKey);
    const p = problemsOf(withRecords(r));
    const hit = p.find((x) => x.code === 'correction-mismatch');
    expect(hit?.recordId).toBe(env.id);
    expect(hit?.message).toMatch(
      new RegExp(`^Correction ${env.id} by Quentin Marlowe-Dsl covers hash ${other}, but record `),
    );
    const r2 = records();
    const c2 = mainCase(r2);
    const ghost = '00000000-0000-4000-8000-000000000001';
    c2.records[i] = signed({ ...env, body: { ...env.body, correctsId: ghost } }, g.dslKey);
    expect(problemsOf(withRecords(r2))).toContainEqual(
      expect.objectContaining({
        code: 'correction-target-missing',
        recordId: env.id,
        message: `Correction ${env.id} by Quentin Marlowe-Dsl names record ${ghost}, which is not in the bundle.`,
      }),
    );
  });

  it('attack: a countersignature pointing at a record of the other case is named as cross-case', () => {
    const r = records();
    const c = mainCase(r);
    const i = indexOfKind(c, 'countersignature');
    const env = envOf(c.records[i]!);
    const target = smallCase(r).records[1]!;
    c.records[i] = signed(
      { ...env, body: { ...env.body, recordId: envOf(target).id, recordHash: target.hash } },
      g.sltKey,
    );
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'cross-case-reference',
      file: BUNDLE_FILES.records,
      recordId: env.id,
      caseId: g.caseId,
      message: `Countersignature ${env.id} by Barnaby Headworth (as agreement) is in another case than ${label(envOf(target))}.`,
    });
  });

  it('attack: the author countersigning their own record is named (a second person is required)', () => {
    const r = records();
    const c = mainCase(r);
    const i = indexOfKind(c, 'countersignature');
    const env = envOf(c.records[i]!);
    const target = c.records.find((x) => envOf(x).id === env.body.recordId)!;
    const dsl = r.keys.find((k) => k.accountId === g.ids.dsl)!;
    const byDsl = {
      ...env,
      signer: {
        ...env.signer,
        accountId: dsl.accountId,
        keyId: dsl.keyId,
        name: dsl.name,
        role: dsl.role,
      },
    } as Envelope;
    c.records[i] = signed(byDsl, g.dslKey);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'countersigned-by-author',
      file: BUNDLE_FILES.records,
      recordId: env.id,
      caseId: g.caseId,
      message: `Countersignature ${env.id} by ${dsl.name} (as agreement) was made by the author of ${label(envOf(target))}: a countersignature must be a second person's.`,
    });
  });

  it('the detail counts the countersignatures and corrections that cover their records', () => {
    const r = check(files());
    if (r.status !== 'valid') throw new Error(r.status);
    const n = records()
      .cases.flatMap((c) => c.records.map(envOf))
      .filter((e) => e.kind === 'countersignature' || e.kind === 'correction').length;
    expect(n).toBeGreaterThan(1);
    expect(r.checks.find((c) => c.name === 'Countersignatures and corrections')?.detail).toBe(
      `${n} cover the records they name`,
    );
  });
});

describe('export records and the manifest signer', () => {
  const exportIndex = (c: RecordsFile['cases'][number]) => indexOfKind(c, 'export');

  it('attack: the export record removed from a case is named', () => {
    const r = records();
    const c = smallCase(r);
    c.records.splice(exportIndex(c), 1);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'export-record-missing',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      message: `Case ${c.ref} has no signed export record for export ${r.exportId}: the export record has been removed.`,
    });
  });

  it('attack: a second export record for the same export is named', () => {
    const r = records();
    const c = smallCase(r);
    const env = envOf(c.records[exportIndex(c)]!);
    const again = { ...env, id: '00000000-0000-4000-8000-000000000002', caseSeq: env.caseSeq + 1 };
    c.records.push(signed(again, g.dslKey));
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'export-record-duplicate',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      message: `Case ${c.ref} has 2 export records for the same export.`,
    });
  });

  it('attack: a record signed into the case after the export record is named', () => {
    const r = records();
    const c = smallCase(r);
    const exp = c.records[exportIndex(c)]!;
    const note = envOf(c.records[1]!);
    const late = {
      ...note,
      id: '00000000-0000-4000-8000-000000000003',
      caseSeq: envOf(exp).caseSeq + 1,
      casePrev: exp.hash,
    };
    c.records.push(signed(late, g.dslKey));
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'records-after-export',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      recordId: envOf(exp).id,
      message: `In case ${c.ref}, records come after the export record: they were added after the bundle was sealed.`,
    });
  });

  it('attack: a whole case removed from records.json is named as listed but missing', () => {
    const r = records();
    const ref = smallCase(r).ref;
    r.cases = r.cases.filter((c) => c.caseId !== g.smallCaseId);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'case-missing',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      message: `The export record lists case ${ref}, but the bundle does not hold it: a case has been removed.`,
    });
  });

  it('attack: a case added to records.json that the export records do not list is named', () => {
    const r = records();
    const small = smallCase(r);
    const exp = envOf(small.records[exportIndex(small)]!);
    const body = exp.body as { cases: Array<{ caseId: string }> };
    // The small case's export record, re-signed by the DSL, lists only itself; the main case's does not list it.
    const onlySelf = {
      ...exp,
      body: { ...body, cases: body.cases.filter((x) => x.caseId === g.smallCaseId) },
    };
    small.records[exportIndex(small)] = signed(onlySelf, g.dslKey);
    const p = problemsOf(withRecords(r));
    expect(p).toContainEqual({
      code: 'case-extra',
      file: BUNDLE_FILES.records,
      caseId: g.caseId,
      message: `The bundle holds case ${mainCase(r).ref}, which the export record of case ${small.ref} does not list: a case has been added.`,
    });
  });

  it('attack: the recipient in records.json changed to another officer is named', () => {
    const r = records();
    r.recipient = { ...r.recipient, officerName: 'DC Someone Else' };
    const c = r.cases[0]!;
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'export-details-differ',
      file: BUNDLE_FILES.records,
      caseId: c.caseId,
      recordId: envOf(c.records[exportIndex(c)]!).id,
      message: `The recipient or encryption noted in records.json differs from the signed export record of case ${c.ref}.`,
    });
  });

  it('attack: records.json claiming the bundle was encrypted when the export record says not is named', () => {
    const r = records();
    r.encrypted = true;
    expect(codes(withRecords(r))).toContain('export-details-differ');
  });

  it('the recipient’s fields in another order are the same recipient (not a difference)', () => {
    const r = records();
    r.recipient = Object.fromEntries(Object.entries(r.recipient).reverse()) as typeof r.recipient;
    expect(check(withRecords(r)).status).toBe('valid');
  });

  it('attack: records.json naming the senior leader as exporter is named as not the export record’s signer', () => {
    const r = records();
    const slt = r.keys.find((k) => k.accountId === g.ids.slt)!;
    r.exporter = { accountId: slt.accountId, name: slt.name, role: slt.role, keyId: slt.keyId };
    const p = problemsOf(withRecords(r));
    const c = r.cases[0]!;
    expect(p).toContainEqual({
      code: 'exporter-mismatch',
      file: BUNDLE_FILES.records,
      caseId: c.caseId,
      recordId: envOf(c.records[exportIndex(c)]!).id,
      message: `The export record of case ${c.ref} was signed by Quentin Marlowe-Dsl, not by the exporter named in records.json.`,
    });
    // the same account id with another key is no better
    const r2 = records();
    r2.exporter = { ...r2.exporter, keyId: slt.keyId };
    expect(codes(withRecords(r2))).toContain('exporter-mismatch');
    const r3 = records();
    r3.exporter = { ...r3.exporter, accountId: slt.accountId };
    expect(codes(withRecords(r3))).toContain('exporter-mismatch');
  });

  it('attack: export records re-signed by a senior leader (a role that may not export) are named', () => {
    const r = records();
    const slt = r.keys.find((k) => k.accountId === g.ids.slt)!;
    for (const c of r.cases) {
      const i = exportIndex(c);
      const env = envOf(c.records[i]!);
      c.records[i] = signed(
        {
          ...env,
          signer: {
            ...env.signer,
            accountId: slt.accountId,
            keyId: slt.keyId,
            name: slt.name,
            role: 'slt',
          },
        } as Envelope,
        g.sltKey,
      );
    }
    r.exporter = { accountId: slt.accountId, name: slt.name, role: 'slt', keyId: slt.keyId };
    const p = problemsOf(reseal(withRecords(r), g.sltKey, slt.publicKeyPem));
    const c = r.cases[0]!;
    expect(p).toContainEqual({
      code: 'exporter-not-allowed',
      file: BUNDLE_FILES.records,
      caseId: c.caseId,
      recordId: envOf(c.records[exportIndex(c)]!).id,
      message: `The export record of case ${c.ref} was signed by Barnaby Headworth, whose role may not export.`,
    });
  });

  it('a deputy may export: export records signed by the deputy role are not refused for their role', () => {
    const r = records();
    for (const c of r.cases) {
      const i = exportIndex(c);
      const env = envOf(c.records[i]!);
      c.records[i] = signed(
        { ...env, signer: { ...env.signer, role: 'deputy' } } as Envelope,
        g.dslKey,
      );
    }
    expect(codes(withRecords(r))).not.toContain('exporter-not-allowed');
  });

  it('attack: the export records of the two cases signed by different keys are named', () => {
    const r = records();
    const c = smallCase(r);
    const i = exportIndex(c);
    const env = envOf(c.records[i]!);
    const slt = r.keys.find((k) => k.accountId === g.ids.slt)!;
    c.records[i] = signed({ ...env, signer: { ...env.signer, keyId: slt.keyId } }, g.sltKey);
    expect(problemsOf(withRecords(r))).toContainEqual(
      expect.objectContaining({
        code: 'exporter-mismatch',
        caseId: g.smallCaseId,
        message: 'The export records of the cases were signed by different keys.',
      }),
    );
  });
});

describe('case summaries match the signed records', () => {
  it('attack: the unsigned title changed in records.json is named', () => {
    const r = records();
    const c = mainCase(r);
    const real = c.title;
    c.title = 'Nothing to see here';
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'summary-title-differs',
      file: BUNDLE_FILES.records,
      caseId: g.caseId,
      message: `records.json gives case ${c.ref} the title "Nothing to see here", but its signed records give "${real}": the unsigned summary has been changed.`,
    });
  });

  it('attack: the case reference changed in records.json is named, and the signed one is shown', () => {
    const r = records();
    const c = mainCase(r);
    const real = c.ref;
    c.ref = 'C-1999-0001';
    const report = check(withRecords(r));
    if (report.status !== 'invalid') throw new Error(report.status);
    expect(report.problems).toContainEqual({
      code: 'summary-ref-differs',
      file: BUNDLE_FILES.records,
      caseId: g.caseId,
      message: `records.json gives case reference C-1999-0001, but the signed export record gives ${real}.`,
    });
    expect(report.summary.cases.find((x) => x.caseId === g.caseId)?.ref).toBe(real);
  });

  it('attack: the "copy made" flag dropped from the summary is named; a flag added is named', () => {
    const r = records();
    mainCase(r).facts.flags = [];
    smallCase(r).facts.flags = ['copy-made'];
    const p = problemsOf(withRecords(r));
    const missing = p.find((x) => x.code === 'summary-flag-missing');
    expect(missing?.caseId).toBe(g.caseId);
    expect(missing?.message).toMatch(
      new RegExp(
        `^records\\.json's summary of case ${mainCase(r).ref} leaves out the flag "copy-made" \\(.+\\) that its signed records set: the unsigned summary has been changed\\.$`,
      ),
    );
    const extra = p.find((x) => x.code === 'summary-flag-extra');
    expect(extra?.caseId).toBe(g.smallCaseId);
    expect(extra?.message).toMatch(
      new RegExp(
        `^records\\.json's summary of case ${smallCase(r).ref} shows the flag "copy-made" \\(.+\\), which its signed records do not set\\.$`,
      ),
    );
    const r2 = records();
    smallCase(r2).facts.flags = ['made-up-flag'];
    expect(problemsOf(withRecords(r2))).toContainEqual(
      expect.objectContaining({
        code: 'summary-flag-extra',
        message: `records.json's summary of case ${smallCase(r2).ref} shows the flag "made-up-flag", which its signed records do not set.`,
      }),
    );
    const r3 = records();
    mainCase(r3).facts.flags = 'copy-made';
    expect(codes(withRecords(r3))).toContain('summary-flag-missing');
  });

  it('attack: the status changed to closed in the summary is named; a summary without a status is not', () => {
    const r = records();
    const real = String(mainCase(r).facts.status);
    mainCase(r).facts.status = 'closed';
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'summary-status-differs',
      file: BUNDLE_FILES.records,
      caseId: g.caseId,
      message: `records.json's summary says case ${mainCase(r).ref} is "closed", but its signed records make it "${real}".`,
    });
    const r2 = records();
    delete mainCase(r2).facts.status;
    expect(check(withRecords(r2)).status).toBe('valid');
  });
});

describe('audit entries', () => {
  it('attack: audit.json from another export is named', () => {
    const a = audit();
    a.exportId = '00000000-0000-4000-8000-000000000009';
    expect(problemsOf(withAudit(a))).toContainEqual({
      code: 'audit-other-export',
      file: BUNDLE_FILES.audit,
      message: 'audit.json belongs to a different export than records.json.',
    });
  });

  it('attack: audit.json not JSON, or not the export format, is named', () => {
    const f = reseal(files().set(BUNDLE_FILES.audit, Buffer.from('[')), g.dslKey);
    expect(problemsOf(f)).toContainEqual({
      code: 'audit-malformed',
      file: BUNDLE_FILES.audit,
      message: 'audit.json is not valid JSON.',
    });
    const a = audit() as unknown as Record<string, unknown>;
    a.format = 'other';
    expect(problemsOf(withAudit(a as unknown as AuditFile))).toContainEqual(
      expect.objectContaining({
        code: 'audit-malformed',
        message: expect.stringMatching(/^audit\.json is not in the export format at format: /),
      }),
    );
    expect(problemsOf(withAudit([] as unknown as AuditFile))).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(
          /^audit\.json is not in the export format at the top level: /,
        ),
      }),
    );
  });

  it('attack: an entry re-hashed after editing but not re-signed names its bad signature', () => {
    const a = audit();
    const e = a.entries[2]!;
    e.at = '2026-11-23T07:00:00.000Z';
    e.hash = auditHash(e as never);
    expect(problemsOf(withAudit(a))).toContainEqual({
      code: 'audit-bad-signature',
      file: BUNDLE_FILES.audit,
      caseId: g.caseId,
      message: `audit.json entry ${e.seq} (${e.action}) has a signature that does not verify with its signer's key.`,
    });
  });

  it('attack: an entry stripped of its signature after audit signing began is named as unsigned', () => {
    const a = audit();
    const e = a.entries[2]!;
    e.signature = null;
    e.signerKeyId = null;
    e.hash = auditHash(e as never);
    expect(problemsOf(withAudit(a))).toContainEqual({
      code: 'audit-unsigned',
      file: BUNDLE_FILES.audit,
      caseId: g.caseId,
      message: `audit.json entry ${e.seq} (${e.action}) has no signature, but it was made after audit signing began.`,
    });
  });

  it('an old bundle (no signingFrom): an entry without a signature is not named as unsigned', () => {
    const a = audit();
    delete a.signingFrom;
    const e = a.entries[2]!;
    e.signature = null;
    e.signerKeyId = null;
    e.hash = auditHash(e as never);
    // Re-hashing the entry breaks the next entry's link and the export record's list of entries
    // (both named elsewhere); the missing signature itself is not a failure in an old bundle.
    const p = problemsOf(withAudit(a));
    expect(p.map((x) => x.code)).not.toContain('audit-unsigned');
    expect(p.map((x) => x.code)).toContain('audit-entries-differ');
  });

  it('attack: an entry signed by the senior leader but naming the DSL as acting is named', () => {
    const a = audit();
    const r = records();
    const slt = r.keys.find((k) => k.accountId === g.ids.slt)!;
    const e = a.entries.find((x) => x.actorId === g.ids.dsl)!;
    e.signerKeyId = slt.keyId;
    e.hash = auditHash(e as never);
    e.signature = signMessage(g.sltKey, auditSigningMessage(e.hash));
    expect(problemsOf(withAudit(a))).toContainEqual(
      expect.objectContaining({
        code: 'audit-wrong-signer',
        message: `audit.json entry ${e.seq} (${e.action}) is signed with a key that is not the key of the person it names as acting.`,
      }),
    );
  });

  it('attack: an entry signed with a key the bundle does not hold is named', () => {
    const a = audit();
    const e = a.entries[2]!;
    const stranger = generateKeyPairSync('ed25519');
    e.signerKeyId = 'c'.repeat(64);
    e.hash = auditHash(e as never);
    e.signature = signMessage(stranger.privateKey, auditSigningMessage(e.hash));
    expect(problemsOf(withAudit(a))).toContainEqual(
      expect.objectContaining({
        code: 'audit-unknown-key',
        message: `audit.json entry ${e.seq} (${e.action}) is signed with a key the bundle does not hold.`,
      }),
    );
  });

  it('attack: two consecutive entries swapped are named as reordered', () => {
    const a = audit();
    [a.entries[3], a.entries[4]] = [a.entries[4]!, a.entries[3]!];
    expect(problemsOf(withAudit(a))).toContainEqual({
      code: 'audit-out-of-order',
      file: BUNDLE_FILES.audit,
      message: `audit.json entry ${a.entries[4]!.seq} is listed after entry ${a.entries[3]!.seq}: the entries have been reordered.`,
    });
  });

  it('attack: an entry listed twice is named as out of order', () => {
    const a = audit();
    a.entries.splice(4, 0, a.entries[3]!);
    expect(codes(withAudit(a))).toContain('audit-out-of-order');
  });

  it('attack: an entry whose link to the entry before it was rewritten (re-signed by the DSL) is named', () => {
    const a = audit();
    const i = a.entries.findIndex(
      (e, k) => k > 0 && e.seq === a.entries[k - 1]!.seq + 1 && e.actorId === g.ids.dsl,
    );
    const e = a.entries[i]!;
    e.prevHash = 'd'.repeat(64);
    e.hash = auditHash(e as never);
    e.signature = signMessage(g.dslKey, auditSigningMessage(e.hash));
    const p = problemsOf(withAudit(a));
    expect(p).toContainEqual({
      code: 'audit-link-broken',
      file: BUNDLE_FILES.audit,
      message: `audit.json entry ${e.seq} does not link to entry ${a.entries[i - 1]!.seq} before it.`,
    });
    expect(p.map((x) => x.code)).not.toContain('audit-bad-signature');
  });

  it('attack: an entry about no exported case, or about another case, is named as foreign', () => {
    for (const caseId of [null, '00000000-0000-4000-8000-00000000000a']) {
      const a = audit();
      const e = a.entries[a.entries.length - 1]!;
      e.caseId = caseId;
      e.hash = auditHash(e as never);
      e.signature = signMessage(g.dslKey, auditSigningMessage(e.hash));
      expect(problemsOf(withAudit(a))).toContainEqual({
        code: 'audit-foreign-case',
        file: BUNDLE_FILES.audit,
        message: `audit.json entry ${e.seq} is not about an exported case.`,
      });
    }
  });

  it('attack: an entry the export record lists, removed, is named as missing', () => {
    const a = audit();
    const gone = a.entries.splice(3, 1)[0]!;
    const ref = mainCase(records()).ref;
    expect(problemsOf(withAudit(a))).toContainEqual({
      code: 'audit-entry-missing',
      file: BUNDLE_FILES.audit,
      caseId: gone.caseId!,
      message: `audit.json lacks entry ${gone.seq} about case ${ref}, which the signed export record lists: it has been removed.`,
    });
    const a2 = audit();
    const two = a2.entries.splice(3, 2);
    expect(problemsOf(withAudit(a2))).toContainEqual(
      expect.objectContaining({
        code: 'audit-entry-missing',
        message: `audit.json lacks entries ${two.map((e) => e.seq).join(', ')} about case ${ref}, which the signed export record lists: they have been removed.`,
      }),
    );
  });

  it('attack: entries added about a case that the export record does not list are named', () => {
    const r = records();
    const ref = mainCase(r).ref;
    const add = (a: AuditFile, seq: number): Entry => {
      const base = a.entries.find((e) => e.caseId === g.caseId)!;
      const e: Entry = { ...base, seq, prevHash: null };
      e.hash = auditHash(e as never);
      e.signature = signMessage(g.dslKey, auditSigningMessage(e.hash));
      return e;
    };
    const a = audit();
    a.entries.unshift(add(a, 1));
    expect(problemsOf(withAudit(a))).toContainEqual({
      code: 'audit-entry-extra',
      file: BUNDLE_FILES.audit,
      caseId: g.caseId,
      message: `audit.json holds entry 1 about case ${ref} that the signed export record does not list: it has been added.`,
    });
    const a2 = audit();
    a2.entries.unshift(add(a2, 1), add(a2, 2));
    expect(problemsOf(withAudit(a2))).toContainEqual(
      expect.objectContaining({
        code: 'audit-entry-extra',
        message: `audit.json holds entries 1, 2 about case ${ref} that the signed export record does not list: they have been added.`,
      }),
    );
  });

  it('attack: an entry replaced by a re-signed one with the same position is named as differing from the signed list', () => {
    const a = audit();
    const e = a.entries[3]!;
    e.detail = { ...e.detail, note: 'rewritten' };
    e.hash = auditHash(e as never);
    e.signature = signMessage(g.dslKey, auditSigningMessage(e.hash));
    const p = problemsOf(withAudit(a));
    expect(p).toContainEqual({
      code: 'audit-entries-differ',
      file: BUNDLE_FILES.audit,
      caseId: e.caseId!,
      message: `The audit entries about case ${mainCase(records()).ref} are not the ones the signed export record lists (their hashes differ).`,
    });
  });
});

describe('the vault’s system key in audit.json', () => {
  /** The last entry (made after the export's signed list), re-signed with a "system key" the DSL adds. */
  function withSystemSigned(change: (e: Entry) => void) {
    const sys = generateKeyPairSync('ed25519');
    const pem = sys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const a = audit();
    a.systemKeys = [{ keyId: keyIdOf(pem), publicKeyPem: pem }];
    const e = a.entries.at(-1)!;
    change(e);
    e.signerKeyId = keyIdOf(pem);
    e.hash = auditHash(e as never);
    e.signature = signMessage(sys.privateKey, auditSigningMessage(e.hash));
    return { a, e };
  }

  it('attack: an entry naming the DSL as acting, re-signed with a system key the DSL added, is named as signed by the wrong key (once, not also as uncertified)', () => {
    const { a, e } = withSystemSigned(() => undefined);
    const p = problemsOf(withAudit(a)).filter((x) => x.file === BUNDLE_FILES.audit);
    expect(p).toEqual([
      {
        code: 'audit-wrong-signer',
        file: BUNDLE_FILES.audit,
        caseId: e.caseId,
        message: `audit.json entry ${e.seq} (${e.action}) is signed with a key that is not the key of the person it names as acting.`,
      },
    ]);
  });

  it('a failed sign-in signed by the vault’s system key needs no certificate from the school key (no false alarm)', () => {
    const { a } = withSystemSigned((e) => {
      e.action = 'sign-in-failed';
    });
    const r = check(withAudit(a));
    expect(r.status, JSON.stringify(r.status === 'invalid' ? r.problems : [])).toBe('valid');
  });
});

describe('a check with nothing to read is not printed as passed', () => {
  for (const [name, checkName] of [
    [BUNDLE_FILES.records, 'records.json format'],
    [BUNDLE_FILES.audit, 'audit.json format'],
    [BUNDLE_FILES.report, 'Report matches records; no images'],
  ] as const) {
    it(`attack: ${name} removed (and left out of the re-signed manifest): “${checkName}” is not printed as passed`, () => {
      const f = files();
      f.delete(name);
      const r = check(reseal(f, g.dslKey));
      if (r.status !== 'invalid') throw new Error(r.status);
      expect(r.checks.filter((c) => c.name === checkName && c.ok)).toEqual([]);
      expect(r.problems).toContainEqual(
        expect.objectContaining({ code: 'missing-file', file: name }),
      );
    });
  }

  it('a damaged report.pdf zip entry: “Report matches records” is not printed as passed', () => {
    const damaged: BundleProblem = {
      code: 'zip-entry-damaged',
      file: BUNDLE_FILES.report,
      message: 'report.pdf: its data inside the zip is damaged and cannot be read (x).',
    };
    const r = checkBundleFiles(files().set(BUNDLE_FILES.report, Buffer.alloc(0)), false, [damaged]);
    if (r.status !== 'invalid') throw new Error(r.status);
    expect(r.checks.filter((c) => c.name === 'Report matches records; no images' && c.ok)).toEqual(
      [],
    );
  });

  it('a clean bundle names what each remaining check read', () => {
    const r = check(files());
    if (r.status !== 'valid') throw new Error(r.status);
    const detail = (name: string) => r.checks.find((c) => c.name === name)?.detail;
    expect(detail('records.json format')).toBe('readable');
    expect(detail('audit.json format')).toBe('readable');
    expect(detail('Case summaries match the signed records')).toBe(
      `${records().cases.length} case(s): title, status and flags derived from the signed records`,
    );
    const certs = JSON.parse(g.files.get(BUNDLE_FILES.certificates)!.toString('utf8')) as {
      certificates: unknown[];
    };
    expect(certs.certificates.length).toBeGreaterThan(0);
    expect(detail('Signers certified by the school key')).toBe(
      `${certs.certificates.length} certificate(s); school key ${r.summary.schoolKey!.grouped}`,
    );
  });
});

describe('the report matches the records and holds no images', () => {
  it('attack: report.pdf replaced by text is named as unreadable', () => {
    const f = reseal(files().set(BUNDLE_FILES.report, Buffer.from('not a pdf')), g.dslKey);
    expect(problemsOf(f)).toContainEqual({
      code: 'report-unreadable',
      file: BUNDLE_FILES.report,
      message: 'report.pdf could not be read as a PDF.',
    });
  });

  it('bug: an empty report.pdf re-sealed into the manifest passed as "shows all records"; it is now named', () => {
    const f = reseal(files().set(BUNDLE_FILES.report, Buffer.alloc(0)), g.dslKey);
    expect(problemsOf(f)).toContainEqual({
      code: 'report-unreadable',
      file: BUNDLE_FILES.report,
      message: 'report.pdf is empty.',
    });
  });

  it('a damaged report.pdf zip entry (kept as an empty marker) is named once, as damaged', () => {
    const damaged: BundleProblem = {
      code: 'zip-entry-damaged',
      file: BUNDLE_FILES.report,
      message: 'report.pdf: its data inside the zip is damaged and cannot be read (x).',
    };
    const r = checkBundleFiles(files().set(BUNDLE_FILES.report, Buffer.alloc(0)), false, [damaged]);
    if (r.status !== 'invalid') throw new Error(r.status);
    expect(r.problems.filter((x) => x.file === BUNDLE_FILES.report).map((x) => x.code)).toEqual([
      'zip-entry-damaged',
      'file-hash-mismatch',
    ]);
  });

  it('attack: an image appended to report.pdf is named (R2)', () => {
    const pdf = g.files.get(BUNDLE_FILES.report)!;
    const image = Buffer.from(
      '\n99 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream\nendobj\n',
      'latin1',
    );
    const p = problemsOf(
      reseal(files().set(BUNDLE_FILES.report, Buffer.concat([pdf, image])), g.dslKey),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        code: 'report-has-images',
        file: BUNDLE_FILES.report,
        message: expect.stringMatching(
          /^report\.pdf embeds [1-9]\d* image\(s\): a CaseSeal report never holds images \(R2\)\.$/,
        ),
      }),
    );
  });

  it('attack: a record left out of records.json (re-sealed) but still shown in the report is named as extra in the report', () => {
    const r = records();
    const c = smallCase(r);
    const gone = envOf(c.records[1]!);
    const hash = c.records[1]!.hash;
    c.records.splice(1, 1);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'report-extra-record',
      file: BUNDLE_FILES.report,
      recordId: gone.id,
      message: `report.pdf shows a record ${gone.id} (hash ${hash}) that records.json does not hold.`,
    });
  });

  it('attack: a record re-signed with other content (new hash) is named: the report shows another hash', () => {
    const r = records();
    const c = smallCase(r);
    const env = envOf(c.records[1]!);
    const oldHash = c.records[1]!.hash;
    c.records[1] = signed({ ...env, body: { ...env.body, subject: 'Rewritten' } }, g.dslKey);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'report-hash-differs',
      file: BUNDLE_FILES.report,
      recordId: env.id,
      caseId: g.smallCaseId,
      message: `report.pdf shows ${label(env)} with another hash (${oldHash}) than records.json (${c.records[1]!.hash}).`,
    });
  });

  it('attack: a record added to records.json that the report does not show is named', () => {
    const r = records();
    const c = smallCase(r);
    const env = envOf(c.records[1]!);
    const added = { ...env, id: '00000000-0000-4000-8000-00000000000b' };
    c.records.push(signed(added, g.dslKey));
    const hash = c.records.at(-1)!.hash;
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'report-missing-record',
      file: BUNDLE_FILES.report,
      recordId: added.id,
      caseId: g.smallCaseId,
      message: `report.pdf does not show ${label(added)} (hash ${hash}).`,
    });
  });
});
