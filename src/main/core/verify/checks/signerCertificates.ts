// Check: every record's signer, every sealed concern's author and the exporter hold a certificate
// from the school key valid at the time they signed (certificates.json); prints the school key's
// fingerprint for the officer to compare with the receipt or the set-up sheet.
import { BUNDLE_FILES } from '../bundleFormat';
import { checkExportCertificates } from '../exportCertificates';
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
    );
    ctx.problems.push(...certs.problems);
    ctx.summary.schoolKey = certs.schoolKey;
    return `${certs.certified} certificate(s); school key ${certs.schoolKey?.grouped ?? 'unknown'}`;
  },
};
