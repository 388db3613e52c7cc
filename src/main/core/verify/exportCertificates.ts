// certificates.json in a sealed export: the school key's public half and every certificate it
// signed for the signers in the bundle. The verifier checks each record's signer — and the key that
// signed the manifest — against them, and prints the school key fingerprint for comparison with the
// handover receipt or the school's set-up sheet (docs/export-format.md, "Certificates").
import { z } from 'zod';
import type { Envelope } from '../../../shared/records/envelope';
import type { BundleProblem } from '../../../shared/exportReport';
import { CertificateBook, type Certificate } from '../accounts/certificates';
import { formatFingerprint, keyIdOf } from '../crypto/ed25519';
import { sealedConcernProblem } from '../accounts/signerCheck';

export const CERTIFICATES_FILE = 'certificates.json';
export const CERTIFICATES_FORMAT = 'caseseal-export-certificates';

export const certificatesFileSchema = z
  .object({
    format: z.literal(CERTIFICATES_FORMAT),
    version: z.literal(1),
    schoolKey: z
      .object({
        publicKeyPem: z.string().max(2000),
        fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict(),
    certificates: z.array(
      z.object({ canonical: z.string().max(20_000), signature: z.string().max(200) }).strict(),
    ),
  })
  .strict();
export type CertificatesFile = z.infer<typeof certificatesFileSchema>;

export function certificatesFile(
  school: { publicKeyPem: string; fingerprint: string },
  certs: readonly Certificate[],
): CertificatesFile {
  return {
    format: CERTIFICATES_FORMAT,
    version: 1,
    schoolKey: school,
    certificates: certs.map((c) => ({ canonical: c.canonical, signature: c.signature })),
  };
}

export interface CertificateCheck {
  problems: BundleProblem[];
  /** The school key fingerprint, grouped in fours, when the file names one that is well formed. */
  schoolKey: { fingerprint: string; grouped: string } | null;
  certified: number;
}

/** Checks every signer (records and the manifest's exporter) against the exported certificates. */
/** An audit entry signed with an account's key (entries signed by the vault's system key are ruled
 * by what that key may sign, not by certificates). */
export interface AuditSigner {
  seq: number;
  action: string;
  at: string;
  accountId: string;
  keyId: string;
  caseId: string | null;
}

export function checkExportCertificates(
  raw: Buffer | undefined,
  records: ReadonlyArray<{ env: Envelope; caseRef: string; caseId: string }>,
  exporter: { accountId: string; keyId: string; at: string } | null,
  auditSigners: readonly AuditSigner[] = [],
): CertificateCheck {
  const problems: BundleProblem[] = [];
  const fail = (message: string, extra: Partial<BundleProblem> = {}) =>
    problems.push({ code: 'uncertified-signer', file: CERTIFICATES_FILE, message, ...extra });
  if (!raw) {
    fail('certificates.json is missing: no signer can be checked against the school key.');
    return { problems, schoolKey: null, certified: 0 };
  }
  let parsed: CertificatesFile;
  try {
    parsed = certificatesFileSchema.parse(JSON.parse(raw.toString('utf8')));
  } catch {
    fail('certificates.json is not a certificate list this verifier reads.');
    return { problems, schoolKey: null, certified: 0 };
  }
  let actual: string | null = null;
  try {
    actual = keyIdOf(parsed.schoolKey.publicKeyPem);
  } catch {
    // Not a public key: it has no fingerprint, so it cannot match the one named.
  }
  if (actual !== parsed.schoolKey.fingerprint) {
    fail('certificates.json names a school key whose fingerprint does not match the key itself.');
    return { problems, schoolKey: null, certified: 0 };
  }
  const book = new CertificateBook(parsed.certificates, parsed.schoolKey.publicKeyPem);
  for (const serial of book.forged)
    fail(`Certificate ${serial} in certificates.json is not signed by the school key.`);
  for (const r of records) {
    const why = book.problemWith({
      accountId: r.env.signer.accountId,
      keyId: r.env.signer.keyId,
      at: r.env.signedAt,
      role: r.env.signer.role,
    });
    const sealed = why ? null : sealedConcernProblem(book, r.env);
    if (sealed) fail(`In case ${r.caseRef}: ${sealed}`, { recordId: r.env.id, caseId: r.caseId });
    if (why)
      fail(
        `In case ${r.caseRef}, record ${r.env.id} (${r.env.kind}, signed ${r.env.signedAt} as ${r.env.signer.name}) ${why}.`,
        { recordId: r.env.id, caseId: r.caseId },
      );
  }
  // Audit entries count like records: only through a certificate valid when they were made.
  for (const e of auditSigners) {
    const why = book.problemWith({ accountId: e.accountId, keyId: e.keyId, at: e.at });
    if (why)
      fail(`audit.json entry ${e.seq} (${e.action}, made ${e.at}) ${why}.`, {
        file: 'audit.json',
        ...(e.caseId ? { caseId: e.caseId } : {}),
      });
  }
  if (exporter) {
    const why = book.problemWith({
      accountId: exporter.accountId,
      keyId: exporter.keyId,
      at: exporter.at,
    });
    if (why) fail(`The key that sealed this export ${why}.`);
  }
  return {
    problems,
    schoolKey: { fingerprint: actual, grouped: formatFingerprint(actual) },
    certified: book.certificates().length,
  };
}
