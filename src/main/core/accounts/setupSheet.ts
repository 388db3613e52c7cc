// The printable set-up sheet: the school, the DSL, the date and the school key fingerprint, to keep
// with the recovery key. Anyone checking a sealed export compares the fingerprint the verifier
// prints with this sheet. It never holds the recovery key or any passphrase.
import type { School } from '../../../shared/settings';
import { ukDateTime } from '../../../shared/ukTime';
import { formatFingerprint } from '../crypto/ed25519';
import { CasePdf } from '../pdf/pdfDocument';

export async function renderSetupSheet(input: {
  school: School;
  dslName: string;
  fingerprint: string;
  now: Date;
}): Promise<Buffer> {
  const pdf = new CasePdf({
    title: 'CaseSeal set-up sheet',
    subject: 'School key fingerprint',
    createdAt: input.now,
  });
  pdf.title('CaseSeal set-up sheet');
  pdf.paragraph('Keep this sheet with the recovery key, locked away.', { size: 11 });
  pdf.rows([
    { label: 'School', value: input.school.name },
    { label: 'School URN', value: input.school.urn },
    { label: 'Local authority', value: input.school.localAuthority },
    { label: 'Printed by', value: input.dslName },
    { label: 'Printed on', value: ukDateTime(input.now.toISOString()) },
  ]);
  pdf.heading('School key fingerprint');
  pdf.paragraph(
    'Every person’s signing key in CaseSeal is certified by the school key. Every sealed export and handover receipt prints this fingerprint, and the police verifier prints it too: if they do not match this sheet, the export did not come from this school’s CaseSeal.',
    { size: 9 },
  );
  // 10 pt keeps all sixteen groups on one line (79 characters of DejaVu Sans Mono fit the text width).
  pdf.mono(formatFingerprint(input.fingerprint), 10);
  pdf.heading('Recovery key');
  pdf.paragraph(
    'The recovery key is not printed here. It was shown once at set-up and written down by hand: keep that copy with this sheet. It resets a forgotten passphrase and appoints a new DSL if none can sign in.',
    { size: 9 },
  );
  return pdf.toBuffer('CaseSeal set-up sheet');
}
