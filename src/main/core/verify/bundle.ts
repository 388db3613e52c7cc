// Verifies a sealed export bundle (issue 7; docs/export-format.md), shared by the command-line
// verifier and the app's "Verify an export" screen: opens the zip (optionally AES-256), checks the
// manifest's Ed25519 signature and every file's SHA-256, then every record's canonical form, hash,
// signature and per-case chain, the countersignatures and corrections, the export records and who
// signed the manifest, the audit entries' own hashes, and that report.pdf shows the same records.
// Plain Node: no Electron, no vault, no account.
import { createPublicKey, verify as edVerify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  configure,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  type Entry,
  type FileEntry,
} from '@zip.js/zip.js';
import type { Envelope } from '../../../shared/records/envelope';
import { sha256Hex } from '../crypto/hash';
import { formatFingerprint, keyIdOf } from '../crypto/ed25519';
import { auditHash } from '../audit/auditLog';
import {
  checkCaseChains,
  parseEnvelope,
  verdictProblem,
  type CheckableRecord,
} from './chainChecks';
import { KeyRing, verifyItemSync } from './recordCrypto';
import { checkExportCertificates } from './exportCertificates';
import { scanPdf } from './pdfText';
import type {
  BundleProblem,
  BundleSummary,
  CheckResult,
  UnusableReason,
  VerifyReport,
} from '../../../shared/exportReport';
import {
  ALL_FILES,
  auditFileSchema,
  BUNDLE_FILES,
  MANIFEST_FILES,
  MANIFEST_LINE,
  recordsFileSchema,
  type AuditFile,
  type RecordsFile,
} from './bundleFormat';

configure({ useWebWorkers: false });

export type { BundleProblem, BundleSummary, CheckResult, UnusableReason, VerifyReport };

export interface VerifyOptions {
  passphrase?: string;
}

const UNUSABLE_MESSAGES: Record<UnusableReason, string> = {
  unreadable: 'The file could not be read.',
  'not-a-zip': 'This is not a CaseSeal export: it is not a readable zip file.',
  'not-a-bundle':
    'This zip file is not a CaseSeal export: it holds none of the files an export holds.',
  'passphrase-needed':
    'This export is encrypted. Give the one-time passphrase that came with it (--passphrase).',
  'wrong-passphrase':
    'The passphrase does not open this export. Check the six words and try again.',
};

function unusable(reason: UnusableReason, extra?: string): VerifyReport {
  return {
    status: 'unusable',
    reason,
    message: extra ? `${UNUSABLE_MESSAGES[reason]} ${extra}` : UNUSABLE_MESSAGES[reason],
  };
}

/** Passphrases are six words joined by hyphens; accept spaces, capitals and stray blanks too. */
function passphraseCandidates(p: string | undefined): string[] {
  if (p === undefined) return [];
  const norm = p
    .trim()
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean)
    .join('-');
  return [...new Set([p, norm])].filter((x) => x.length > 0);
}

interface OpenedZip {
  files: Map<string, Buffer>;
  encrypted: boolean;
  problems: BundleProblem[];
}

type OpenResult = { ok: true; zip: OpenedZip } | { ok: false; report: VerifyReport };

function zipErrorMessage(name: string, e: unknown, encrypted: boolean): string {
  const m = e instanceof Error ? e.message : String(e);
  if (/CRC32/i.test(m))
    return `${name}: its data inside the zip does not match its CRC-32 checksum — the zip has been altered or damaged.`;
  if (/authentication code|signature/i.test(m))
    return `${name}: its encrypted data inside the zip has been altered (the AES authentication code does not match).`;
  if (/password/i.test(m))
    return `${name}: its encryption header inside the zip is damaged (the passphrase opens the other files but not this one).`;
  return `${name}: its ${encrypted ? 'encrypted ' : ''}data inside the zip is damaged and cannot be read (${m.slice(0, 80)}).`;
}

async function openZip(bytes: Uint8Array, passphrase: string | undefined): Promise<OpenResult> {
  let entries: Entry[];
  let reader: ZipReader<unknown>;
  try {
    reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
    entries = await reader.getEntries();
  } catch {
    return { ok: false, report: unusable('not-a-zip') };
  }
  const problems: BundleProblem[] = [];
  const files = new Map<string, Buffer>();
  const known = new Set<string>(ALL_FILES);
  if (!entries.some((e) => known.has(e.filename)))
    return { ok: false, report: unusable('not-a-bundle') };
  const encrypted = entries.some((e) => e.encrypted);
  const candidates = passphraseCandidates(passphrase);
  if (encrypted && candidates.length === 0)
    return { ok: false, report: unusable('passphrase-needed') };

  // Find the passphrase that opens the entries (the raw text, or its normalised form).
  let password: string | undefined;
  if (encrypted) {
    const fileEntries = entries.filter((e): e is FileEntry => !e.directory && e.encrypted);
    const probe = fileEntries[0];
    for (const c of probe ? candidates : []) {
      try {
        await probe!.getData(new Uint8ArrayWriter(), {
          password: c,
          checkPasswordOnly: true,
          useWebWorkers: false,
        });
        password = c;
        break;
      } catch {
        /* try the next form */
      }
    }
    if (password === undefined) {
      // The probe's own header may be the damaged part: try each entry before calling the passphrase wrong.
      outer: for (const c of candidates) {
        for (const e of fileEntries) {
          try {
            await e.getData(new Uint8ArrayWriter(), {
              password: c,
              checkPasswordOnly: true,
              useWebWorkers: false,
            });
            password = c;
            break outer;
          } catch {
            /* next */
          }
        }
      }
    }
    if (password === undefined) return { ok: false, report: unusable('wrong-passphrase') };
  }

  for (const e of entries) {
    const name = e.filename;
    if (e.directory) {
      problems.push({
        code: 'extra-file',
        file: name,
        message: `The bundle holds a folder that is not part of a CaseSeal export: ${name}`,
      });
      continue;
    }
    if (files.has(name)) {
      problems.push({
        code: 'duplicate-file',
        file: name,
        message: `The bundle holds two files named ${name}: one of them has been added.`,
      });
      continue;
    }
    if (encrypted && !e.encrypted) {
      problems.push({
        code: 'unencrypted-file',
        file: name,
        message: `${name} is not encrypted, unlike the other files: it has been added or replaced.`,
      });
    }
    try {
      const data = await e.getData(new Uint8ArrayWriter(), {
        password: e.encrypted ? password : undefined,
        checkSignature: true,
        useWebWorkers: false,
      });
      files.set(name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    } catch (err) {
      problems.push({
        code: 'zip-entry-damaged',
        file: name,
        message: zipErrorMessage(name, err, e.encrypted),
      });
      files.set(name, Buffer.alloc(0));
      // Keep a marker so the file does not also count as missing; its hash will not match either.
    }
  }
  await reader.close().catch(() => undefined);
  return { ok: true, zip: { files, encrypted, problems } };
}

function emptySummary(encrypted: boolean): BundleSummary {
  return {
    exportId: null,
    exportedAt: null,
    encrypted,
    school: null,
    exporter: null,
    recipient: null,
    bundleSha256: null,
    signingKey: null,
    manifestSha256: null,
    cases: [],
    records: 0,
    auditEntries: 0,
    files: [],
  };
}

function recordLabel(env: Envelope): string {
  return `record ${env.id} (${env.kind}, case position ${env.caseSeq})`;
}

function short(hex: string): string {
  return formatFingerprint(hex).slice(0, 19) + '…';
}

/**
 * Verify a bundle given as bytes or as a file path. Never throws for bad input: the report says
 * valid, invalid (with every problem found) or unusable (why).
 */
export async function verifyBundle(
  input: Uint8Array | string,
  opts: VerifyOptions = {},
): Promise<VerifyReport> {
  let bytes: Uint8Array;
  if (typeof input === 'string') {
    try {
      bytes = await readFile(input);
    } catch (e) {
      const code = (e as { code?: string }).code;
      return unusable(
        'unreadable',
        code === 'ENOENT'
          ? 'There is no file at that path.'
          : code === 'EISDIR'
            ? 'That is a folder, not a file.'
            : code === 'EACCES'
              ? 'Permission to read it was refused.'
              : undefined,
      );
    }
  } else {
    bytes = input;
  }
  const opened = await openZip(bytes, opts.passphrase);
  if (!opened.ok) return opened.report;
  const report = checkBundleFiles(opened.zip.files, opened.zip.encrypted, opened.zip.problems);
  if (report.status !== 'unusable') report.summary.bundleSha256 = sha256Hex(bytes);
  return report;
}

/** Whether a file is a zip and whether it is encrypted, without a passphrase (for the verify screen). */
export async function peekBundle(
  input: Uint8Array | string,
): Promise<{ zip: boolean; encrypted: boolean }> {
  try {
    const bytes = typeof input === 'string' ? await readFile(input) : input;
    const reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
    const entries = await reader.getEntries();
    await reader.close().catch(() => undefined);
    return { zip: true, encrypted: entries.some((e) => e.encrypted) };
  } catch {
    return { zip: false, encrypted: false };
  }
}

/** The checks on the unpacked files (exported for tests that tamper with files and re-zip). */
export function checkBundleFiles(
  files: ReadonlyMap<string, Buffer>,
  encrypted: boolean,
  zipProblems: BundleProblem[] = [],
): VerifyReport {
  const problems: BundleProblem[] = [...zipProblems];
  const checks: CheckResult[] = [];
  const summary = emptySummary(encrypted);
  const check = (name: string, before: number, okDetail: string) => {
    const found = problems.length - before;
    checks.push({ name, ok: found === 0, detail: found === 0 ? okDetail : `${found} problem(s)` });
  };

  // ---- 1. files present, nothing extra
  let mark = problems.length;
  for (const name of ALL_FILES) {
    if (!files.has(name))
      problems.push({
        code: 'missing-file',
        file: name,
        message: `The bundle has no ${name}: a file has been removed.`,
      });
  }
  const known = new Set<string>(ALL_FILES);
  for (const name of files.keys()) {
    if (!known.has(name))
      problems.push({
        code: 'extra-file',
        file: name,
        message: `The bundle holds a file that is not part of a CaseSeal export: ${name}`,
      });
  }
  check('Files present', mark, `all ${ALL_FILES.length} files, nothing extra`);
  summary.files = [...files.entries()].map(([name, b]) => ({
    name,
    bytes: b.length,
    sha256: sha256Hex(b),
  }));

  // ---- 2. manifest and file hashes
  mark = problems.length;
  const manifest = files.get(BUNDLE_FILES.manifest);
  const listed = new Map<string, string>();
  if (manifest) {
    summary.manifestSha256 = sha256Hex(manifest);
    const text = manifest.toString('utf8');
    if (!text.endsWith('\n') || text.includes('\r')) {
      problems.push({
        code: 'manifest-malformed',
        file: BUNDLE_FILES.manifest,
        message:
          'manifest.sha256 is not in sha256sum format (every line must end with a single LF).',
      });
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((line, i) => {
      const m = MANIFEST_LINE.exec(line);
      if (!m) {
        problems.push({
          code: 'manifest-malformed',
          file: BUNDLE_FILES.manifest,
          message: `manifest.sha256 line ${i + 1} is not a "<sha256>  <file name>" line.`,
        });
        return;
      }
      if (listed.has(m[2]!))
        problems.push({
          code: 'manifest-malformed',
          file: BUNDLE_FILES.manifest,
          message: `manifest.sha256 lists ${m[2]} twice.`,
        });
      listed.set(m[2]!, m[1]!);
    });
    for (const name of MANIFEST_FILES) {
      if (!listed.has(name))
        problems.push({
          code: 'manifest-missing-entry',
          file: name,
          message: `manifest.sha256 does not list ${name}.`,
        });
    }
    for (const name of listed.keys()) {
      if (!(MANIFEST_FILES as readonly string[]).includes(name)) {
        problems.push({
          code: 'manifest-extra-entry',
          file: name,
          message: `manifest.sha256 lists ${name}, which is not part of a CaseSeal export.`,
        });
      }
    }
    check('Manifest format', mark, `${listed.size} files listed`);
    mark = problems.length;
    for (const [name, want] of listed) {
      const data = files.get(name);
      if (!data) continue; // reported as missing above
      const got = sha256Hex(data);
      if (got !== want) {
        problems.push({
          code: 'file-hash-mismatch',
          file: name,
          message: `${name} has been changed since the bundle was sealed: its SHA-256 is ${got}, the manifest says ${want}.`,
        });
      }
    }
    check('File hashes (SHA-256)', mark, `${listed.size} files match the manifest`);
  }

  // ---- 3. manifest signature
  mark = problems.length;
  let signerKey: KeyObject | null = null;
  let signerKeyId: string | null = null;
  const pem = files.get(BUNDLE_FILES.publicKey);
  const sig = files.get(BUNDLE_FILES.signature);
  if (pem) {
    try {
      signerKey = createPublicKey(pem.toString('utf8'));
      if (signerKey.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
      signerKeyId = keyIdOf(signerKey);
      summary.signingKey = { keyId: signerKeyId, fingerprint: formatFingerprint(signerKeyId) };
    } catch {
      signerKey = null;
      problems.push({
        code: 'bad-public-key',
        file: BUNDLE_FILES.publicKey,
        message: 'signer.pub.pem is not an Ed25519 public key in PEM form.',
      });
    }
  }
  if (manifest && sig && signerKey) {
    let ok: boolean;
    try {
      ok = sig.length === 64 && edVerify(null, manifest, signerKey, sig);
    } catch {
      ok = false;
    }
    if (!ok) {
      problems.push({
        code: 'manifest-signature-invalid',
        file: BUNDLE_FILES.signature,
        message:
          'manifest.sig is not a valid Ed25519 signature of manifest.sha256 by the key in signer.pub.pem: the manifest, the signature or the key has been changed.',
      });
    }
  }
  check(
    'Manifest signature (Ed25519)',
    mark,
    signerKeyId ? `signed by key ${formatFingerprint(signerKeyId)}` : 'checked',
  );

  // ---- 4. records.json
  mark = problems.length;
  let recordsFile: RecordsFile | null = null;
  const recordsRaw = files.get(BUNDLE_FILES.records);
  if (recordsRaw) {
    const parsed = parseJson(recordsRaw, BUNDLE_FILES.records, problems);
    if (parsed !== undefined) {
      const res = recordsFileSchema.safeParse(parsed);
      if (res.success) recordsFile = res.data;
      else {
        for (const issue of res.error.issues.slice(0, 10)) {
          problems.push({
            code: 'records-malformed',
            file: BUNDLE_FILES.records,
            message: `records.json is not in the export format at ${issue.path.join('.') || 'the top level'}: ${issue.message}`,
          });
        }
      }
    }
  }
  check('records.json format', mark, 'readable');

  const allRecords: Array<CheckableRecord & { caseId: string }> = [];
  const parsedByCase = new Map<string, Array<Envelope | null>>();
  const byId = new Map<string, { env: Envelope; hash: string; caseId: string }>();
  if (recordsFile) {
    summary.exportId = recordsFile.exportId;
    summary.exportedAt = recordsFile.exportedAt;
    summary.school = recordsFile.school;
    summary.exporter = {
      name: recordsFile.exporter.name,
      role: recordsFile.exporter.role,
      keyId: recordsFile.exporter.keyId,
    };
    summary.recipient = recordsFile.recipient;

    // keys: each key's id must be the SHA-256 of its own raw public key
    mark = problems.length;
    const pems = new Map<string, string>();
    const keyOwner = new Map<string, string>();
    for (const k of recordsFile.keys) {
      let actual: string | null;
      try {
        const obj = createPublicKey(k.publicKeyPem);
        actual = obj.asymmetricKeyType === 'ed25519' ? keyIdOf(obj) : null;
      } catch {
        actual = null;
      }
      if (actual !== k.keyId) {
        problems.push({
          code: 'key-id-mismatch',
          file: BUNDLE_FILES.records,
          message: `records.json's public key for ${k.name} is not the key named ${short(k.keyId)}: the key has been replaced.`,
        });
        continue;
      }
      if (pems.has(k.keyId))
        problems.push({
          code: 'duplicate-key',
          file: BUNDLE_FILES.records,
          message: `records.json lists key ${short(k.keyId)} twice.`,
        });
      pems.set(k.keyId, k.publicKeyPem);
      keyOwner.set(k.keyId, k.accountId);
    }
    check('Signers’ public keys', mark, `${pems.size} keys, each matching its key id`);

    // records: canonical form, hash, signature, listed order, links
    mark = problems.length;
    const ring = new KeyRing(pems);
    for (const c of recordsFile.cases) {
      let lastSeq = 0;
      const parsed: Array<Envelope | null> = [];
      parsedByCase.set(c.caseId, parsed);
      for (const r of c.records) {
        const { envelope: env, problem } = parseEnvelope(r.canonical);
        parsed.push(env);
        if (problem === 'bad-envelope' || !env) {
          problems.push({
            code: 'bad-envelope',
            file: BUNDLE_FILES.records,
            caseId: c.caseId,
            message: `A record of case ${c.ref} (hash ${short(r.hash)}) is not a readable record envelope.`,
          });
          continue;
        }
        if (problem === 'not-canonical') {
          problems.push({
            code: 'not-canonical',
            file: BUNDLE_FILES.records,
            recordId: env.id,
            caseId: c.caseId,
            message: `${recordLabel(env)} in case ${c.ref} is not in canonical form (RFC 8785): its text has been edited.`,
          });
        }
        if (env.caseId !== c.caseId) {
          problems.push({
            code: 'record-in-wrong-case',
            file: BUNDLE_FILES.records,
            recordId: env.id,
            caseId: c.caseId,
            message: `${recordLabel(env)} belongs to case ${env.caseId} but is listed under case ${c.ref}.`,
          });
        }
        if (
          r.links.seq !== env.seq ||
          r.links.prev !== env.prev ||
          r.links.caseSeq !== env.caseSeq ||
          r.links.casePrev !== env.casePrev
        ) {
          problems.push({
            code: 'links-differ',
            file: BUNDLE_FILES.records,
            recordId: env.id,
            caseId: c.caseId,
            message: `${recordLabel(env)}: the chain links listed beside it differ from those inside its signed envelope.`,
          });
        }
        if (env.caseSeq <= lastSeq) {
          problems.push({
            code: 'records-out-of-order',
            file: BUNDLE_FILES.records,
            recordId: env.id,
            caseId: c.caseId,
            message: `records.json lists ${recordLabel(env)} after the record at case position ${lastSeq} in case ${c.ref}: the records have been reordered.`,
          });
        }
        lastSeq = Math.max(lastSeq, env.caseSeq);
        const verdict = verifyItemSync(
          { canonical: r.canonical, hash: r.hash, signature: r.signature, keyId: env.signer.keyId },
          ring,
        );
        const vp = verdictProblem(verdict, env, env.id);
        if (vp)
          problems.push({
            code: vp.problem,
            file: BUNDLE_FILES.records,
            recordId: env.id,
            caseId: c.caseId,
            message: `In case ${c.ref}, ${vp.message.charAt(0).toLowerCase()}${vp.message.slice(1)}`,
          });
        const owner = keyOwner.get(env.signer.keyId);
        if (owner && owner !== env.signer.accountId) {
          problems.push({
            code: 'key-not-signers',
            file: BUNDLE_FILES.records,
            recordId: env.id,
            caseId: c.caseId,
            message: `${recordLabel(env)} is signed with a key that belongs to another account.`,
          });
        }
        if (byId.has(env.id)) {
          problems.push({
            code: 'duplicate',
            file: BUNDLE_FILES.records,
            recordId: env.id,
            caseId: c.caseId,
            message: `${recordLabel(env)} appears twice in records.json.`,
          });
        } else byId.set(env.id, { env, hash: r.hash, caseId: c.caseId });
        allRecords.push({
          canonical: r.canonical,
          hash: r.hash,
          signature: r.signature,
          envelope: env,
          caseId: c.caseId,
        });
      }
      summary.cases.push({
        caseId: c.caseId,
        ref: c.ref,
        title: c.title,
        records: c.records.length,
        flags: Array.isArray(c.facts.flags) ? c.facts.flags.map(String) : [],
      });
      summary.records += c.records.length;
    }
    check(
      'Record hashes and signatures',
      mark,
      `${allRecords.length} records, canonical, each hash and author signature valid`,
    );

    // every signer, and the sealer, certified by the school key (verify/exportCertificates.ts)
    mark = problems.length;
    const certs = checkExportCertificates(
      files.get(BUNDLE_FILES.certificates),
      [...byId.values()].map((r) => ({
        env: r.env,
        caseId: r.caseId,
        caseRef: recordsFile.cases.find((c) => c.caseId === r.caseId)?.ref ?? r.caseId,
      })),
      {
        accountId: recordsFile.exporter.accountId,
        keyId: recordsFile.exporter.keyId,
        at: recordsFile.exportedAt,
      },
    );
    problems.push(...certs.problems);
    summary.schoolKey = certs.schoolKey;
    check(
      'Signers certified by the school key',
      mark,
      `${certs.certified} certificate(s); school key ${certs.schoolKey?.grouped ?? 'unknown'}`,
    );

    mark = problems.length;
    const refOf = new Map(recordsFile.cases.map((c) => [c.caseId, c.ref]));
    for (const p of checkCaseChains(allRecords)) {
      problems.push({
        code: p.problem,
        file: BUNDLE_FILES.records,
        recordId: p.recordId,
        caseId: p.caseId,
        message: `In case ${refOf.get(p.caseId ?? '') ?? p.caseId}, ${p.message.charAt(0).toLowerCase()}${p.message.slice(1)}`,
      });
    }
    check(
      'Per-case hash chains',
      mark,
      `${recordsFile.cases.length} case chain(s) complete and linked`,
    );

    // countersignatures and corrections cover the records they name
    mark = problems.length;
    let covered = 0;
    for (const { env } of byId.values()) {
      if (env.kind !== 'countersignature' && env.kind !== 'correction') continue;
      const isCs = env.kind === 'countersignature';
      const targetId = String(isCs ? env.body.recordId : env.body.correctsId);
      const claimed = String(isCs ? env.body.recordHash : env.body.correctsHash);
      const target = byId.get(targetId);
      const what = isCs
        ? `Countersignature ${env.id} by ${env.signer.name} (as ${String(env.body.purpose)})`
        : `Correction ${env.id} by ${env.signer.name}`;
      if (!target) {
        problems.push({
          code: isCs ? 'countersignature-target-missing' : 'correction-target-missing',
          file: BUNDLE_FILES.records,
          recordId: env.id,
          caseId: env.caseId,
          message: `${what} names record ${targetId}, which is not in the bundle.`,
        });
      } else if (target.hash !== claimed) {
        problems.push({
          code: isCs ? 'countersignature-mismatch' : 'correction-mismatch',
          file: BUNDLE_FILES.records,
          recordId: env.id,
          caseId: env.caseId,
          message: `${what} covers hash ${claimed}, but ${recordLabel(target.env)} has hash ${target.hash}: it does not cover that record.`,
        });
      } else if (target.env.caseId !== env.caseId) {
        problems.push({
          code: 'cross-case-reference',
          file: BUNDLE_FILES.records,
          recordId: env.id,
          caseId: env.caseId,
          message: `${what} is in another case than ${recordLabel(target.env)}.`,
        });
      } else if (isCs && target.env.signer.accountId === env.signer.accountId) {
        problems.push({
          code: 'countersigned-by-author',
          file: BUNDLE_FILES.records,
          recordId: env.id,
          caseId: env.caseId,
          message: `${what} was made by the author of ${recordLabel(target.env)}: a countersignature must be a second person's.`,
        });
      } else covered++;
    }
    check('Countersignatures and corrections', mark, `${covered} cover the records they name`);

    // the export records, and who signed the manifest
    mark = problems.length;
    const bundleCases = new Set(recordsFile.cases.map((c) => c.caseId));
    let exportSigner: { keyId: string; name: string; role: string } | null = null;
    for (const c of recordsFile.cases) {
      const envs = parsedByCase.get(c.caseId) ?? [];
      const mine = envs
        .filter((e) => e?.kind === 'export' && e.body.exportId === recordsFile!.exportId)
        .map((env) => ({ env }));
      if (mine.length === 0) {
        problems.push({
          code: 'export-record-missing',
          file: BUNDLE_FILES.records,
          caseId: c.caseId,
          message: `Case ${c.ref} has no signed export record for export ${recordsFile.exportId}: the export record has been removed.`,
        });
        continue;
      }
      if (mine.length > 1)
        problems.push({
          code: 'export-record-duplicate',
          file: BUNDLE_FILES.records,
          caseId: c.caseId,
          message: `Case ${c.ref} has ${mine.length} export records for the same export.`,
        });
      const env = mine[0]!.env!;
      const maxSeq = envs.reduce((m, e) => Math.max(m, e?.caseSeq ?? 0), 0);
      if (env.caseSeq !== maxSeq) {
        problems.push({
          code: 'records-after-export',
          file: BUNDLE_FILES.records,
          recordId: env.id,
          caseId: c.caseId,
          message: `In case ${c.ref}, records come after the export record: they were added after the bundle was sealed.`,
        });
      }
      const body = env.body as {
        cases?: Array<{ caseId: string; ref: string }>;
        recipient?: Record<string, unknown>;
        encrypted?: boolean;
      };
      const listedCases = new Set((body.cases ?? []).map((x) => x.caseId));
      for (const x of body.cases ?? []) {
        if (!bundleCases.has(x.caseId))
          problems.push({
            code: 'case-missing',
            file: BUNDLE_FILES.records,
            caseId: x.caseId,
            message: `The export record lists case ${x.ref}, but the bundle does not hold it: a case has been removed.`,
          });
      }
      for (const id of bundleCases) {
        if (!listedCases.has(id))
          problems.push({
            code: 'case-extra',
            file: BUNDLE_FILES.records,
            caseId: id,
            message: `The bundle holds case ${refOf.get(id)}, which the export record of case ${c.ref} does not list: a case has been added.`,
          });
      }
      if (
        JSON.stringify(sortKeys(body.recipient ?? {})) !==
          JSON.stringify(sortKeys(recordsFile.recipient)) ||
        body.encrypted !== recordsFile.encrypted
      ) {
        problems.push({
          code: 'export-details-differ',
          file: BUNDLE_FILES.records,
          recordId: env.id,
          caseId: c.caseId,
          message: `The recipient or encryption noted in records.json differs from the signed export record of case ${c.ref}.`,
        });
      }
      if (
        env.signer.keyId !== recordsFile.exporter.keyId ||
        env.signer.accountId !== recordsFile.exporter.accountId
      ) {
        problems.push({
          code: 'exporter-mismatch',
          file: BUNDLE_FILES.records,
          recordId: env.id,
          caseId: c.caseId,
          message: `The export record of case ${c.ref} was signed by ${env.signer.name}, not by the exporter named in records.json.`,
        });
      }
      if (env.signer.role !== 'dsl' && env.signer.role !== 'deputy') {
        problems.push({
          code: 'exporter-not-allowed',
          file: BUNDLE_FILES.records,
          recordId: env.id,
          caseId: c.caseId,
          message: `The export record of case ${c.ref} was signed by ${env.signer.name}, whose role may not export.`,
        });
      }
      if (exportSigner && exportSigner.keyId !== env.signer.keyId) {
        problems.push({
          code: 'exporter-mismatch',
          file: BUNDLE_FILES.records,
          recordId: env.id,
          caseId: c.caseId,
          message: `The export records of the cases were signed by different keys.`,
        });
      }
      exportSigner ??= { keyId: env.signer.keyId, name: env.signer.name, role: env.signer.role };
    }
    if (exportSigner && signerKeyId && signerKeyId !== exportSigner.keyId) {
      problems.push({
        code: 'manifest-signer-mismatch',
        file: BUNDLE_FILES.signature,
        message:
          `The manifest was signed with key ${formatFingerprint(signerKeyId)}, which is not the key of ${exportSigner.name} (${exportSigner.role.toUpperCase()}), ` +
          `who signed the export records with key ${formatFingerprint(exportSigner.keyId)}: the bundle has been re-signed by someone else.`,
      });
    }
    check(
      'Export records and manifest signer',
      mark,
      exportSigner ? `exported and sealed by ${exportSigner.name}` : 'checked',
    );
  }

  // ---- 5. audit.json
  mark = problems.length;
  const auditRaw = files.get(BUNDLE_FILES.audit);
  let auditFile: AuditFile | null = null;
  if (auditRaw) {
    const parsed = parseJson(auditRaw, BUNDLE_FILES.audit, problems);
    if (parsed !== undefined) {
      const res = auditFileSchema.safeParse(parsed);
      if (res.success) auditFile = res.data;
      else {
        for (const issue of res.error.issues.slice(0, 10)) {
          problems.push({
            code: 'audit-malformed',
            file: BUNDLE_FILES.audit,
            message: `audit.json is not in the export format at ${issue.path.join('.') || 'the top level'}: ${issue.message}`,
          });
        }
      }
    }
  }
  if (auditFile) {
    summary.auditEntries = auditFile.entries.length;
    if (recordsFile && auditFile.exportId !== recordsFile.exportId) {
      problems.push({
        code: 'audit-other-export',
        file: BUNDLE_FILES.audit,
        message: 'audit.json belongs to a different export than records.json.',
      });
    }
    const cases = new Set(recordsFile?.cases.map((c) => c.caseId) ?? []);
    let prev: { seq: number; hash: string } | null = null;
    for (const e of auditFile.entries) {
      const { hash, ...rest } = e;
      if (auditHash(rest as Parameters<typeof auditHash>[0]) !== hash) {
        problems.push({
          code: 'audit-entry-changed',
          file: BUNDLE_FILES.audit,
          caseId: e.caseId ?? undefined,
          message: `audit.json entry ${e.seq} (${e.action}) has been changed: its content no longer matches its hash.`,
        });
      }
      if (prev && e.seq <= prev.seq)
        problems.push({
          code: 'audit-out-of-order',
          file: BUNDLE_FILES.audit,
          message: `audit.json entry ${e.seq} is listed after entry ${prev.seq}: the entries have been reordered.`,
        });
      if (prev && e.seq === prev.seq + 1 && e.prevHash !== prev.hash) {
        problems.push({
          code: 'audit-link-broken',
          file: BUNDLE_FILES.audit,
          message: `audit.json entry ${e.seq} does not link to entry ${prev.seq} before it.`,
        });
      }
      if (recordsFile && (e.caseId === null || !cases.has(e.caseId))) {
        problems.push({
          code: 'audit-foreign-case',
          file: BUNDLE_FILES.audit,
          message: `audit.json entry ${e.seq} is not about an exported case.`,
        });
      }
      prev = { seq: e.seq, hash };
    }
  }
  check(
    'Audit entries (each entry’s own hash; links where consecutive)',
    mark,
    `${summary.auditEntries} entries`,
  );

  // ---- 6. report.pdf shows the same records, and no images
  mark = problems.length;
  const pdf = files.get(BUNDLE_FILES.report);
  if (pdf && pdf.length > 0) {
    let scan;
    try {
      scan = scanPdf(pdf);
    } catch {
      scan = null;
    }
    if (!scan || scan.pages === 0) {
      problems.push({
        code: 'report-unreadable',
        file: BUNDLE_FILES.report,
        message: 'report.pdf could not be read as a PDF.',
      });
    } else {
      if (scan.imageObjects.length > 0 || scan.inlineImages > 0) {
        problems.push({
          code: 'report-has-images',
          file: BUNDLE_FILES.report,
          message: `report.pdf embeds ${scan.imageObjects.length + scan.inlineImages} image(s): a CaseSeal report never holds images (R2).`,
        });
      }
      if (recordsFile) {
        const shown = reportRecordHashes(scan.text);
        for (const [id, { hash, env }] of byId) {
          const inPdf = shown.get(id);
          if (!inPdf)
            problems.push({
              code: 'report-missing-record',
              file: BUNDLE_FILES.report,
              recordId: id,
              caseId: env.caseId,
              message: `report.pdf does not show ${recordLabel(env)} (hash ${hash}).`,
            });
          else if (!inPdf.has(hash))
            problems.push({
              code: 'report-hash-differs',
              file: BUNDLE_FILES.report,
              recordId: id,
              caseId: env.caseId,
              message: `report.pdf shows ${recordLabel(env)} with another hash (${[...inPdf].join(', ')}) than records.json (${hash}).`,
            });
        }
        for (const [id, hashes] of shown) {
          if (!byId.has(id))
            problems.push({
              code: 'report-extra-record',
              file: BUNDLE_FILES.report,
              recordId: id,
              message: `report.pdf shows a record ${id} (hash ${[...hashes].join(', ')}) that records.json does not hold.`,
            });
        }
      }
    }
  }
  check('Report matches records; no images', mark, `report.pdf shows all ${byId.size} records`);

  if (problems.length === 0) return { status: 'valid', summary, checks, problems: [] };
  return { status: 'invalid', summary, checks, problems };
}

/** Record id -> hashes printed in the report ("Record id: …" followed by "Record SHA-256: …"). */
export function reportRecordHashes(text: string): Map<string, Set<string>> {
  const flat = text.replace(/\s+/g, ' ');
  const out = new Map<string, Set<string>>();
  // The pair may be split by a page footer; never by another record's id.
  const re =
    /Record id: ?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:(?!Record id:)[\s\S]){0,300}?Record SHA-256: ?([0-9a-f]{64})/g;
  for (const m of flat.matchAll(re)) {
    const set = out.get(m[1]!) ?? new Set<string>();
    set.add(m[2]!);
    out.set(m[1]!, set);
  }
  return out;
}

function parseJson(raw: Buffer, name: string, problems: BundleProblem[]): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    problems.push({
      code: name === BUNDLE_FILES.records ? 'records-malformed' : 'audit-malformed',
      file: name,
      message: `${name} is not valid JSON.`,
    });
    return undefined;
  }
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
