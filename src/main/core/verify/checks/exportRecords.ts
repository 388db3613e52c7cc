// Check: each case carries the signed export record of this export, last in its case; the export
// record lists exactly the bundle's cases, the recipient and encryption noted in records.json; it
// was signed by a DSL or deputy, by the key that signed the manifest.
import { formatFingerprint } from '../../crypto/ed25519';
import { canonicalJson } from '../../../../shared/records/canonical';
import { BUNDLE_FILES } from '../bundleFormat';
import { hasRecords, type BundleCheck } from './context';

export const exportRecords: BundleCheck = {
  name: 'Export records and manifest signer',
  applies: hasRecords,
  run(ctx) {
    const f = ctx.recordsFile!;
    const { problems } = ctx;
    const refOf = new Map(f.cases.map((c) => [c.caseId, c.ref]));
    const bundleCases = new Set(f.cases.map((c) => c.caseId));
    let exportSigner: { keyId: string; name: string; role: string } | null = null;
    for (const c of f.cases) {
      // "Record hashes and signatures" has parsed every case (this check needs records.json).
      const envs = ctx.parsedByCase.get(c.caseId)!;
      const mine = envs.filter((e) => e?.kind === 'export' && e.body.exportId === f.exportId);
      const at = { file: BUNDLE_FILES.records, caseId: c.caseId };
      if (mine.length === 0) {
        problems.push({
          code: 'export-record-missing',
          ...at,
          message: `Case ${c.ref} has no signed export record for export ${f.exportId}: the export record has been removed.`,
        });
        continue;
      }
      if (mine.length > 1)
        problems.push({
          code: 'export-record-duplicate',
          ...at,
          message: `Case ${c.ref} has ${mine.length} export records for the same export.`,
        });
      const env = mine[0]!;
      const here = { ...at, recordId: env.id };
      const maxSeq = envs.reduce((m, e) => Math.max(m, e?.caseSeq ?? 0), 0);
      if (env.caseSeq !== maxSeq)
        problems.push({
          code: 'records-after-export',
          ...here,
          message: `In case ${c.ref}, records come after the export record: they were added after the bundle was sealed.`,
        });
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
        // compared in canonical form (RFC 8785): the same recipient whatever the order of its keys
        canonicalJson(body.recipient ?? {}) !== canonicalJson(f.recipient) ||
        body.encrypted !== f.encrypted
      )
        problems.push({
          code: 'export-details-differ',
          ...here,
          message: `The recipient or encryption noted in records.json differs from the signed export record of case ${c.ref}.`,
        });
      if (env.signer.keyId !== f.exporter.keyId || env.signer.accountId !== f.exporter.accountId)
        problems.push({
          code: 'exporter-mismatch',
          ...here,
          message: `The export record of case ${c.ref} was signed by ${env.signer.name}, not by the exporter named in records.json.`,
        });
      if (env.signer.role !== 'dsl' && env.signer.role !== 'deputy')
        problems.push({
          code: 'exporter-not-allowed',
          ...here,
          message: `The export record of case ${c.ref} was signed by ${env.signer.name}, whose role may not export.`,
        });
      if (exportSigner && exportSigner.keyId !== env.signer.keyId)
        problems.push({
          code: 'exporter-mismatch',
          ...here,
          message: `The export records of the cases were signed by different keys.`,
        });
      exportSigner ??= { keyId: env.signer.keyId, name: env.signer.name, role: env.signer.role };
    }
    if (exportSigner && ctx.signerKeyId && ctx.signerKeyId !== exportSigner.keyId) {
      problems.push({
        code: 'manifest-signer-mismatch',
        file: BUNDLE_FILES.signature,
        message:
          `The manifest was signed with key ${formatFingerprint(ctx.signerKeyId)}, which is not the key of ${exportSigner.name} (${exportSigner.role.toUpperCase()}), ` +
          `who signed the export records with key ${formatFingerprint(exportSigner.keyId)}: the bundle has been re-signed by someone else.`,
      });
    }
    return exportSigner
      ? `exported and sealed by ${exportSigner.name}`
      : // Stryker disable next-line StringLiteral: with no export record a problem is named, and it replaces this detail
        'checked';
  },
};
