// The shapes the sealed export and its verifier report, shared by main, the CLI and the
// renderer's "Verify an export" screen: plain types, no Node.

export type UnusableReason =
  'unreadable' | 'not-a-zip' | 'not-a-bundle' | 'passphrase-needed' | 'wrong-passphrase';

export interface BundleProblem {
  /** Stable code, e.g. 'file-hash-mismatch', 'manifest-signer-mismatch', 'records-out-of-order'. */
  code: string;
  file?: string;
  recordId?: string;
  caseId?: string;
  /** One precise sentence: which file, which record, what is wrong. */
  message: string;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface BundleSummary {
  exportId: string | null;
  exportedAt: string | null;
  encrypted: boolean;
  school: { name: string; urn: string; localAuthority: string } | null;
  exporter: { name: string; role: string; keyId: string } | null;
  recipient: {
    officerName: string;
    force: string;
    reference: string;
    collarNumber?: string;
  } | null;
  /** SHA-256 of the bundle file itself, exactly as given: compare with the handover receipt. */
  bundleSha256: string | null;
  /** The key that signed the manifest (from signer.pub.pem): compare with the handover receipt. */
  signingKey: { keyId: string; fingerprint: string } | null;
  manifestSha256: string | null;
  /** The school key that certifies every signer: compare with the receipt or the set-up sheet. */
  schoolKey?: { fingerprint: string; grouped: string } | null;
  cases: Array<{ caseId: string; ref: string; title: string; records: number; flags: string[] }>;
  records: number;
  auditEntries: number;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

export type VerifyReport =
  | { status: 'valid'; summary: BundleSummary; checks: CheckResult[]; problems: [] }
  | { status: 'invalid'; summary: BundleSummary; checks: CheckResult[]; problems: BundleProblem[] }
  | { status: 'unusable'; reason: UnusableReason; message: string };

/** What the app tells the DSL after an export (the passphrase is shown once and never stored). */
export interface ExportOutcome {
  exportId: string;
  fileName: string;
  bytes: number;
  /** SHA-256 of manifest.sha256, printed on the handover receipt. */
  manifestSha256: string;
  /** SHA-256 of the bundle file itself, printed on the handover receipt. */
  bundleSha256: string;
  /** The signing key's fingerprint, "ab12 cd34 …", printed on the receipt and in VERIFY.txt. */
  keyFingerprint: string;
  /** Encrypted exports only: the one-time passphrase, six words joined by hyphens. */
  passphrase: string | null;
  cases: Array<{
    caseId: string;
    ref: string;
    title: string;
    records: number;
    exportRecordId: string;
  }>;
  records: number;
  exportedAt: string;
}

/** A bundle chosen in the open dialog for "Verify an export": a token stands for the path. */
export interface BundlePick {
  token: string;
  fileName: string;
  bytes: number;
  /** True when the zip is AES-encrypted: ask for the passphrase before verifying. */
  encrypted: boolean;
}
