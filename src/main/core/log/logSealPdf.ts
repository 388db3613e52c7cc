// The printed log seal: one A4 page a DSL can give to the head or governors, and the seal block on
// every export receipt. Text only (R2).
import { ukDateTime } from '../../../shared/ukTime';
import { formatFingerprint } from '../crypto/ed25519';
import { CasePdf } from '../pdf/pdfDocument';
import type { SignedLogSeal } from './logSeal';

const HOW_TO_CHECK =
  'To check the log against this seal later: in CaseSeal choose "Check the log against a seal" and type the short form above. It proves the vault still holds exactly the history sealed here — nothing removed, nothing replaced. An older copy of the vault, or one cut short, fails.';

export async function renderLogSeal(seal: SignedLogSeal, now: Date): Promise<Buffer> {
  const b = seal.body;
  const pdf = new CasePdf({
    title: `Log seal ${b.at}`,
    subject: 'Seal of the safeguarding case log',
    author: b.signer.name,
    createdAt: new Date(b.at),
  });
  pdf.title('Log seal');
  pdf.paragraph(`${b.school.name} (URN ${b.school.urn})`);
  pdf.rows([
    { label: 'Sealed on', value: `${ukDateTime(b.at)} (UK time)` },
    { label: 'Sealed by', value: `${b.signer.name}, Designated Safeguarding Lead` },
    { label: 'Records in the case log', value: String(b.records.seq) },
    { label: 'Entries in the audit trail', value: String(b.audit.seq) },
    {
      label: 'School key fingerprint',
      value: b.schoolKeyFingerprint ? formatFingerprint(b.schoolKeyFingerprint) : 'Not recorded',
    },
    { label: 'Signing key fingerprint', value: formatFingerprint(b.signer.keyId) },
  ]);
  pdf.heading('Short form (type this back to check)');
  pdf.mono(seal.shortForm, 14);
  pdf.heading('Full head hashes');
  pdf.paragraph(`Case log, record ${b.records.seq}:`, { size: 9 });
  pdf.mono(b.records.hash ?? '(empty log)', 9);
  pdf.paragraph(`Audit trail, entry ${b.audit.seq}:`, { size: 9 });
  pdf.mono(b.audit.hash ?? '(empty trail)', 9);
  pdf.paragraph('Signature (Ed25519, base64) over the seal text below:', { size: 9 });
  pdf.mono(seal.signature, 8);
  pdf.mono(seal.text, 7);
  pdf.paragraph(HOW_TO_CHECK, { size: 9.5 });
  pdf.signatureBox('Received by (head teacher or governor)', ['Name', 'Signature', 'Date']);
  pdf.paragraph(`Produced by CaseSeal on ${ukDateTime(now.toISOString())}.`, {
    size: 8,
    color: '#444',
  });
  return pdf.toBuffer(`Log seal ${b.at.slice(0, 10)}`);
}

/** The seal block on an export receipt: the log as it stood when the export was sealed. */
export function renderSealOnReceipt(pdf: CasePdf, shortForm: string): void {
  pdf.heading('Log seal at the time of export');
  pdf.mono(shortForm, 11);
  pdf.paragraph(
    'Record positions and the start of each head hash of the school’s case log and audit trail when this export was made. The school can check its vault against it at any time (“Check the log against a seal”).',
    { size: 9 },
  );
}
