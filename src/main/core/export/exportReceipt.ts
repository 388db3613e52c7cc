// The printable handover receipt of a sealed export: the manifest's SHA-256 and the
// signing key's fingerprint, so the officer can check the bundle out of band; the cases, the file,
// the officer, and boxes for both signatures. Built from the signed export record and the audit
// entry written after the export (which holds the manifest hash). Text only (R2).
import { exportAuditRows } from '../../db/repositories/audit';
import { writeFile } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam, ROLE_LABELS } from '../../../shared/roles';
import type { ExportRecipient } from '../../../shared/records/kinds/export';
import { ukDateTime } from '../../../shared/ukTime';
import type { ExportHost } from '../app/serviceHost';
import { appendAudit, auditFromRow } from '../audit/auditLog';
import { readRecord } from '../log/recordLog';
import { readSettings } from '../../db/repositories/settings';
import { formatFingerprint } from '../crypto/ed25519';
import { CasePdf } from '../pdf/pdfDocument';
import { renderSealOnReceipt } from '../log/logSealPdf';
import type { School } from '../../../shared/settings';
import type { Signer } from '../../../shared/records/envelope';

export interface ExportReceiptInput {
  exportId: string;
  exportedAt: string;
  school: School;
  exporter: Signer;
  recipient: ExportRecipient;
  fileName: string;
  bytes: number;
  encrypted: boolean;
  manifestSha256: string;
  bundleSha256: string;
  cases: ReadonlyArray<{ ref: string; title: string }>;
  records: number;
  /** The log seal at the moment of export (short form); absent for exports made before seals. */
  logSeal?: string | null;
  now: Date;
  /** The school key fingerprint (hex), printed for comparison with the school's set-up sheet. */
  schoolKey?: string | null;
}

export async function renderExportReceipt(i: ExportReceiptInput): Promise<Buffer> {
  const pdf = new CasePdf({
    title: `Export handover receipt ${i.exportId}`,
    subject: 'Sealed export handed to the police',
    author: i.exporter.name,
    createdAt: new Date(i.exportedAt),
  });
  pdf.title('Handover receipt: sealed export');
  pdf.paragraph(`${i.school.name} (URN ${i.school.urn}), ${i.school.localAuthority}`);
  pdf.rows([
    { label: 'Export id', value: i.exportId },
    { label: 'Exported on', value: `${ukDateTime(i.exportedAt)} (UK time)` },
    { label: 'Exported by', value: `${i.exporter.name}, ${ROLE_LABELS[i.exporter.role]}` },
    { label: 'File', value: `${i.fileName} (${i.bytes.toLocaleString('en-GB')} bytes)` },
    {
      label: 'Encrypted',
      value: i.encrypted
        ? 'Yes (AES-256). The one-time passphrase is given separately and is not printed here.'
        : 'No',
    },
    { label: 'Cases', value: i.cases.map((c) => `${c.ref} — ${c.title}`).join('; ') },
    { label: 'Records', value: String(i.records) },
  ]);
  pdf.heading('Given to');
  pdf.rows([
    { label: 'Police officer', value: i.recipient.officerName },
    { label: 'Collar or warrant number', value: i.recipient.collarNumber ?? '' },
    { label: 'Force', value: i.recipient.force },
    { label: 'Police reference', value: i.recipient.reference },
  ]);
  pdf.heading('Check the bundle against this receipt');
  pdf.paragraph(`SHA-256 of the bundle file: run \`sha256sum ${i.fileName}\` and compare.`, {
    size: 9.5,
  });
  pdf.mono(i.bundleSha256, 9);
  pdf.paragraph(
    'SHA-256 of manifest.sha256 (inside the bundle): run `sha256sum manifest.sha256` and compare.',
    { size: 9.5 },
  );
  pdf.mono(i.manifestSha256, 9);
  pdf.paragraph(
    'Fingerprint of the signing key (signer.pub.pem), as printed in VERIFY.txt and by caseseal-verify:',
    { size: 9.5 },
  );
  pdf.mono(formatFingerprint(i.exporter.keyId), 10);
  if (i.schoolKey) {
    pdf.paragraph(
      'Fingerprint of the school key, which certifies every signer (on the school’s set-up sheet, in VERIFY.txt and printed by caseseal-verify):',
      { size: 9.5 },
    );
    pdf.mono(formatFingerprint(i.schoolKey), 10);
  }
  pdf.paragraph(
    'If either differs, the bundle is not the one handed over with this receipt. VERIFY.txt in the bundle explains every check.',
    { size: 9.5 },
  );
  if (i.logSeal) renderSealOnReceipt(pdf, i.logSeal);
  pdf.signatureBox('Handed over by (DSL or deputy DSL)');
  pdf.signatureBox('Received by (police officer)', [
    'Name',
    'Collar or warrant number',
    'Signature',
    'Date and time',
  ]);
  pdf.paragraph(`Produced by CaseSeal on ${ukDateTime(i.now.toISOString())}.`, {
    size: 8,
    color: '#444',
  });
  return pdf.toBuffer(`Export handover receipt ${i.exportId.slice(0, 8)}`);
}

interface ExportAuditDetail {
  exportId: string;
  manifestSha256: string;
  bundleSha256: string;
  keyId: string;
  fileName: string;
  bytes: number;
  encrypted: boolean;
  records: number;
  logSeal?: string;
}

/**
 * Channel app:export.receipt: the DSL or a deputy saves the receipt of an export as a PDF, to print
 * and have both people sign. The renderer can neither save nor print a PDF (downloads are denied,
 * the CSP forbids blob:/data: URLs), so main asks where to save it through `choosePath` (a save
 * dialog) and writes it. The PDF is built first (role, export id), the dialog is shown outside any
 * transaction, and `receipt-printed` is audited only when the file was written.
 */
export async function exportReceipt(
  core: ExportHost,
  input: { exportId: string },
  choosePath: (suggestedName: string) => Promise<string | null>,
): Promise<{ fileName: string; saved: boolean; path?: string }> {
  const s = core.requireSession();
  if (!isSafeguardingTeam(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
  const db = core.requireDb();
  const built = await db.transaction(async (conn) => {
    const rows = await exportAuditRows(conn);
    const entries = rows
      .map(auditFromRow)
      .filter((e) => (e.detail as Partial<ExportAuditDetail>).exportId === input.exportId);
    const first = entries[0];
    if (!first || !first.recordId)
      throw new CaseSealError('NOT_FOUND', 'There is no export with that id.');
    const detail = first.detail as unknown as ExportAuditDetail;
    const record = await readRecord(conn, first.recordId);
    if (!record || record.envelope.kind !== 'export')
      throw new CaseSealError('NOT_FOUND', 'There is no export with that id.');
    const body = record.envelope.body as {
      recipient: ExportRecipient;
      cases: Array<{ ref: string; title: string }>;
      fileName: string;
      encrypted: boolean;
    };
    const school = (await readSettings(conn)).school;
    const pdf = await renderExportReceipt({
      exportId: input.exportId,
      exportedAt: record.envelope.signedAt,
      school,
      exporter: record.envelope.signer,
      recipient: body.recipient,
      fileName: body.fileName,
      bytes: detail.bytes,
      encrypted: body.encrypted,
      manifestSha256: detail.manifestSha256,
      bundleSha256: detail.bundleSha256,
      cases: body.cases,
      records: detail.records,
      logSeal: detail.logSeal ?? null,
      now: core.clock(),
      schoolKey: core.schoolKeyFingerprint()?.fingerprint ?? null,
    });
    return { pdf, entries: entries.map((e) => ({ caseId: e.caseId, recordId: e.recordId })) };
  });
  const fileName = `export-receipt-${input.exportId.slice(0, 8)}.pdf`;
  const path = await choosePath(fileName);
  if (!path) return { fileName, saved: false };
  if (!isAbsolute(path))
    throw new CaseSealError('BAD_INPUT', 'The receipt must be saved to a full path.');
  try {
    await writeFile(path, built.pdf);
  } catch {
    throw new CaseSealError(
      'EXPORT_FAILED',
      'The receipt could not be saved there. Choose another folder.',
    );
  }
  const at = core.clock().toISOString();
  await db.transaction(async (conn) => {
    for (const e of built.entries) {
      await appendAudit(conn, {
        at,
        actorId: s.account.id,
        action: 'receipt-printed',
        caseId: e.caseId,
        recordId: e.recordId,
        detail: { exportId: input.exportId },
      });
    }
  });
  return { fileName: basename(path), saved: true, path };
}
