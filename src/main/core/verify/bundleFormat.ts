// The sealed export bundle's layout (docs/export-format.md): file names, format ids and the JSON
// shapes of records.json and audit.json — written by core/export and read by the verifier.
import { z } from 'zod';
import { ROLES } from '../../../shared/roles';

export const BUNDLE_FILES = {
  report: 'report.pdf',
  records: 'records.json',
  audit: 'audit.json',
  manifest: 'manifest.sha256',
  signature: 'manifest.sig',
  publicKey: 'signer.pub.pem',
  verify: 'VERIFY.txt',
  /** The school key and its certificates for every signer (verify/exportCertificates.ts). */
  certificates: 'certificates.json',
} as const;

/** Every file a bundle holds, in manifest order (sorted by name, as `LC_ALL=C sort` would). */
export const MANIFEST_FILES = [
  BUNDLE_FILES.verify,
  BUNDLE_FILES.audit,
  BUNDLE_FILES.records,
  BUNDLE_FILES.report,
  BUNDLE_FILES.publicKey,
  BUNDLE_FILES.certificates,
].sort();
export const ALL_FILES = [...MANIFEST_FILES, BUNDLE_FILES.manifest, BUNDLE_FILES.signature].sort();

export const RECORDS_FORMAT = 'caseseal-export-records';
export const AUDIT_FORMAT = 'caseseal-export-audit';
export const BUNDLE_VERSION = 1;

/** One manifest line, as `sha256sum` writes it in text mode: 64 lowercase hex, two spaces, the name. */
export const MANIFEST_LINE = /^([0-9a-f]{64}) {2}([A-Za-z0-9._-]+)$/;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const uuid = z.string().uuid();

export const exportedRecordSchema = z
  .object({
    /** The exact canonical (RFC 8785) envelope text that was hashed and signed. */
    canonical: z.string(),
    hash: hex64,
    /** base64 Ed25519 over "caseseal:record:v1:" + hash. */
    signature: z.string().min(1).max(200),
    /** Copies of the envelope's chain fields, for readers; the verifier checks they agree with `canonical`. */
    links: z
      .object({
        seq: z.number().int(),
        prev: hex64.nullable(),
        caseSeq: z.number().int(),
        casePrev: hex64.nullable(),
      })
      .strict(),
  })
  .strict();
export type ExportedRecord = z.infer<typeof exportedRecordSchema>;

export const exportedCaseSchema = z
  .object({
    caseId: uuid,
    ref: z.string(),
    title: z.string(),
    /** Derived from the records (not signed): status, children, flags, kind-specific facts. */
    facts: z.record(z.string(), z.unknown()),
    records: z.array(exportedRecordSchema),
  })
  .strict();
export type ExportedCase = z.infer<typeof exportedCaseSchema>;

export const exportedKeySchema = z
  .object({
    keyId: hex64,
    accountId: uuid,
    name: z.string(),
    role: z.enum(ROLES),
    publicKeyPem: z.string(),
  })
  .strict();
export type ExportedKey = z.infer<typeof exportedKeySchema>;

export const recordsFileSchema = z
  .object({
    format: z.literal(RECORDS_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    exportId: uuid,
    exportedAt: z.string().datetime(),
    exporter: z
      .object({ accountId: uuid, name: z.string(), role: z.enum(ROLES), keyId: hex64 })
      .strict(),
    recipient: z
      .object({
        officerName: z.string(),
        force: z.string(),
        reference: z.string(),
        collarNumber: z.string().optional(),
      })
      .strict(),
    encrypted: z.boolean(),
    school: z.object({ name: z.string(), urn: z.string(), localAuthority: z.string() }).strict(),
    keys: z.array(exportedKeySchema),
    cases: z.array(exportedCaseSchema).min(1),
  })
  .strict();
export type RecordsFile = z.infer<typeof recordsFileSchema>;

export const auditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: z.string(),
    actorId: z.string().nullable(),
    action: z.string(),
    caseId: z.string().nullable(),
    recordId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    prevHash: hex64.nullable(),
    hash: hex64,
    /** Entries made since audit signing: the signing key and the Ed25519 signature of the hash. */
    signerKeyId: hex64.nullable().optional(),
    signature: z.string().nullable().optional(),
  })
  .strict();

export const auditFileSchema = z
  .object({
    format: z.literal(AUDIT_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    exportId: uuid,
    /** Why only each entry's own hash is checked: the entries are a subset of the vault's chain. */
    note: z.string(),
    actors: z.array(z.object({ accountId: uuid, name: z.string(), role: z.enum(ROLES) }).strict()),
    entries: z.array(auditEntrySchema),
    /** The vault's system key (signs failed sign-ins; docs/design.md, "Trust model"). */
    systemKeys: z.array(z.object({ keyId: hex64, publicKeyPem: z.string() }).strict()).optional(),
    /** Entries from this position on must be signed; earlier ones were made before audit signing. */
    signingFrom: z.number().int().positive().optional(),
  })
  .strict();
export type AuditFile = z.infer<typeof auditFileSchema>;

export const AUDIT_SUBSET_NOTE =
  "These are the audit-trail entries about the exported cases: a subset of the vault's hash-chained audit trail. " +
  'Each entry carries its own hash (SHA-256 of its canonical form) and the hash of the entry before it in the whole vault. ' +
  "A verifier can recompute every entry's own hash, and check the link wherever two consecutive entries are both present; " +
  'links to entries about other cases cannot be checked from this file alone.';

/** The manifest text for a set of files: one `<hex>  <name>` line each, sorted by the bytes of the
 *  name (as `LC_ALL=C sort` orders them), LF endings. */
export function manifestText(hashes: ReadonlyArray<{ name: string; sha256: string }>): string {
  return [...hashes]
    .sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))
    .map((h) => `${h.sha256}  ${h.name}\n`)
    .join('');
}
