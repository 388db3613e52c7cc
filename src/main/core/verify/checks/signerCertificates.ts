// Check: every record's signer, every sealed concern's author, every audit entry signed with an
// account's key and the exporter hold a certificate from the school key valid at the time they
// signed (certificates.json); prints the school key's fingerprint for the officer to compare with
// the receipt or the set-up sheet.
import { BUNDLE_FILES, auditFileSchema } from '../bundleFormat';
import { checkExportCertificates, type AuditSigner } from '../exportCertificates';
import { hasRecords, type BundleCheck } from './context';

export const signerCertificates: BundleCheck = {
  name: 'Signers certified by the school key',
  applies: hasRecords,
  run(ctx) {
    const recordsFile = ctx.recordsFile!;
    const refOf = new Map(recordsFile.cases.map((c) => [c.caseId, c.ref]));
    const certs = checkExportCertificates(
      ctx.files.get(BUNDLE_FILES.certificates),
      [...ctx.byId.values()].map((r) => ({
        env: r.env,
        caseId: r.caseId,
        caseRef: refOf.get(r.caseId) ?? r.caseId,
      })),
      {
        accountId: recordsFile.exporter.accountId,
        keyId: recordsFile.exporter.keyId,
        at: recordsFile.exportedAt,
      },
      auditSignersOf(ctx.files.get(BUNDLE_FILES.audit)),
    );
    ctx.problems.push(...certs.problems);
    ctx.summary.schoolKey = certs.schoolKey;
    // Stryker disable next-line StringLiteral: without a school key a problem is named, and it replaces this detail
    if (!certs.schoolKey) return 'no school key';
    return `${certs.certified} certificate(s); school key ${certs.schoolKey.grouped}`;
  },
};

/** The audit entries signed with an account key; a malformed audit.json is reported by its own check. */
function auditSignersOf(raw: Buffer | undefined): AuditSigner[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    // Not JSON: the schema check below refuses it (and audit.json's own check names it).
  }
  const res = auditFileSchema.safeParse(parsed);
  if (!res.success) return [];
  const system = new Set((res.data.systemKeys ?? []).map((k) => k.keyId));
  return res.data.entries.flatMap((e) =>
    e.signerKeyId && e.signature && e.actorId && !system.has(e.signerKeyId)
      ? [
          {
            seq: e.seq,
            action: e.action,
            at: e.at,
            accountId: e.actorId,
            keyId: e.signerKeyId,
            caseId: e.caseId,
          },
        ]
      : [],
  );
}
