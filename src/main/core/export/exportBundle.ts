// The heavy half of the sealed export (docs/export-format.md), run as the worker's `exportBundle`
// task so the window stays responsive: lays out report.pdf, writes records.json, audit.json,
// certificates.json and VERIFY.txt, hashes every file into manifest.sha256, signs the manifest with
// the exporting DSL's Ed25519 key and zips it all (AES-256 with the one-time passphrase if asked).
// Pure over its input: it reads no vault and writes no file; main signs the export records before
// and writes the file and the audit entries after, in its one vault transaction.
import { sign as edSign } from 'node:crypto';
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { setImmediate as yieldNow } from 'node:timers/promises';
import { CaseSealError, isCaseSealError } from '../../../shared/errors';
import type { ExportRecipient } from '../../../shared/records/kinds/export';
import type { Signer } from '../../../shared/records/envelope';
import type { AccountSummary } from '../../../shared/records/kindDef';
import { sha256Hex } from '../crypto/hash';
import { privateKeyFromDer } from '../crypto/ed25519';
import {
  BUNDLE_FILES,
  manifestText,
  type AuditFile,
  type RecordsFile,
} from '../verify/bundleFormat';
import type { CertificatesFile } from '../verify/exportCertificates';
import { renderExportReport, type ReportCase } from './reportPdf';
import { verifyText } from './verifyText';

configure({ useWebWorkers: false });

export interface ExportBundleInput {
  exportId: string;
  exportedAt: string;
  fileName: string;
  school: { name: string; urn: string; localAuthority: string };
  signer: Signer;
  recipient: ExportRecipient;
  encrypted: boolean;
  cases: ReportCase[];
  accounts: readonly AccountSummary[];
  certificates: CertificatesFile;
  recordsFile: RecordsFile;
  auditFile: AuditFile;
  exporterPublicKeyPem: string;
  /** The exporter's signing key (PKCS#8 DER): zeroed as soon as it is imported. */
  signingKeyDer: Uint8Array;
  /** The one-time passphrase (encrypted exports only). */
  passphrase: string | null;
}

export interface ExportBundle {
  zip: Uint8Array;
  /** SHA-256 of manifest.sha256: printed on the handover receipt. */
  manifestSha256: string;
  /** SHA-256 of the bundle file itself: printed on the handover receipt. */
  bundleSha256: string;
}

export type BundleStage = 'report' | 'bundle';

export interface BundleContext {
  signal: { aborted: boolean };
  /** For zip.js, which stops a file part-way when it fires. */
  abortSignal?: AbortSignal;
  progress: (done: number, total: number, stage: BundleStage) => void;
}

export const CANCELLED_MESSAGE = 'The export was cancelled. No file was written.';

function throwIfCancelled(signal: { aborted: boolean }): void {
  if (signal.aborted) throw new CaseSealError('CANCELLED', CANCELLED_MESSAGE);
}

/** The zip's member order: VERIFY.txt first, so a person who opens it reads it first. */
const ORDER = [
  BUNDLE_FILES.verify,
  BUNDLE_FILES.report,
  BUNDLE_FILES.records,
  BUNDLE_FILES.audit,
  BUNDLE_FILES.publicKey,
  BUNDLE_FILES.certificates,
  BUNDLE_FILES.manifest,
  BUNDLE_FILES.signature,
] as const;

export async function buildExportBundle(
  input: ExportBundleInput,
  ctx: BundleContext,
): Promise<ExportBundle> {
  const privateKey = privateKeyFromDer(Buffer.from(input.signingKeyDer));
  input.signingKeyDer.fill(0);
  try {
    return await build(input, privateKey, ctx);
  } catch (e) {
    if (isCaseSealError(e)) throw e;
    if (ctx.signal.aborted) throw new CaseSealError('CANCELLED', CANCELLED_MESSAGE);
    throw new CaseSealError('EXPORT_FAILED');
  }
}

async function build(
  input: ExportBundleInput,
  privateKey: ReturnType<typeof privateKeyFromDer>,
  ctx: BundleContext,
): Promise<ExportBundle> {
  const { signer, certificates } = input;
  const totalRecords = input.cases.reduce((n, c) => n + c.records.length, 0);
  let done = 0;
  const report = await renderExportReport({
    exportId: input.exportId,
    exportedAt: input.exportedAt,
    school: input.school,
    exporter: { name: signer.name, role: signer.role, keyId: signer.keyId },
    schoolKey: certificates.schoolKey.fingerprint,
    recipient: input.recipient,
    encrypted: input.encrypted,
    cases: input.cases,
    accounts: input.accounts,
    onRecord: async () => {
      done++;
      if (done % 25 === 0 || done === totalRecords) {
        ctx.progress(done, totalRecords, 'report');
        // Let a cancel request in between records.
        await yieldNow();
        throwIfCancelled(ctx.signal);
      }
    },
  });
  throwIfCancelled(ctx.signal);

  const pem = input.exporterPublicKeyPem;
  const files = new Map<string, Buffer>([
    [
      BUNDLE_FILES.verify,
      Buffer.from(
        verifyText({
          exportId: input.exportId,
          exportedAt: input.exportedAt,
          fileName: input.fileName,
          school: input.school,
          exporter: signer,
          recipient: input.recipient,
          encrypted: input.encrypted,
          cases: input.cases.map((c) => ({ ref: c.ref, records: c.records.length })),
          schoolKey: certificates.schoolKey.fingerprint,
        }),
        'utf8',
      ),
    ],
    [BUNDLE_FILES.report, report],
    [BUNDLE_FILES.records, Buffer.from(JSON.stringify(input.recordsFile, null, 1) + '\n', 'utf8')],
    [BUNDLE_FILES.audit, Buffer.from(JSON.stringify(input.auditFile, null, 1) + '\n', 'utf8')],
    [BUNDLE_FILES.certificates, Buffer.from(JSON.stringify(certificates, null, 1) + '\n', 'utf8')],
    [BUNDLE_FILES.publicKey, Buffer.from(pem.endsWith('\n') ? pem : pem + '\n', 'utf8')],
  ]);
  const manifest = Buffer.from(
    manifestText([...files].map(([name, data]) => ({ name, sha256: sha256Hex(data) }))),
    'utf8',
  );
  // The raw manifest bytes are signed, so `openssl pkeyutl -verify -rawin` checks them as they are.
  // A manifest begins with 64 hex digits; a record signature covers "caseseal:record:v1:…": the
  // two message forms can never be confused (docs/export-format.md, "Signatures").
  const signature = edSign(null, manifest, privateKey);
  files.set(BUNDLE_FILES.manifest, manifest);
  files.set(BUNDLE_FILES.signature, signature);
  const manifestSha256 = sha256Hex(manifest);

  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    useWebWorkers: false,
    level: 6,
    ...(input.passphrase ? { password: input.passphrase, encryptionStrength: 3 as const } : {}),
  });
  const lastModDate = new Date(input.exportedAt);
  for (const [i, name] of ORDER.entries()) {
    throwIfCancelled(ctx.signal);
    await writer.add(name, new Uint8ArrayReader(files.get(name)!), {
      lastModDate,
      ...(ctx.abortSignal ? { signal: ctx.abortSignal } : {}),
    });
    ctx.progress(i + 1, ORDER.length, 'bundle');
  }
  const zip = await writer.close();
  throwIfCancelled(ctx.signal);
  return { zip, manifestSha256, bundleSha256: sha256Hex(zip) };
}
