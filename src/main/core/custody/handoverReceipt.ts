// The handover receipt (docs/rules.md step 6): a printable PDF the DSL and the police officer
// both sign — the school, the exhibit reference, the device, the whole chain of custody with each
// record's hash (so it can be matched to the log and the sealed export), any steps missing at
// handover, and the officer's details. Text only (R2).
import { writeFile } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam } from '../../../shared/roles';
import {
  deriveCustody,
  stepLabel,
  type CustodyChain,
  type DeviceFacts,
} from '../../../shared/rules/custody';
import type { CaseFacts } from '../../../shared/records/facts';
import type { School } from '../../../shared/settings';
import { ukDateTime, ukLocalDisplay } from '../../../shared/ukTime';
import type { SigningHost } from '../app/serviceHost';
import { CasePdf } from '../pdf/pdfDocument';
import { appendAudit } from '../audit/auditLog';
import { readSettings } from '../../db/repositories/settings';
import { deviceView, loadDevice } from './deviceService';

/** The short form of a record hash printed beside each event (the full hashes are listed too). */
export function shortHash(hash: string): string {
  return hash.slice(0, 16);
}

export interface ReceiptInput {
  school: School;
  caseRef: string;
  facts: CaseFacts;
  device: DeviceFacts;
  /** When the receipt is produced (main's clock). */
  now: Date;
}

export async function renderHandoverReceipt(input: ReceiptInput): Promise<Buffer> {
  const { school, caseRef, facts, device } = input;
  const chain: CustodyChain = deriveCustody(device);
  const handover = chain.events.find((e) => e.kind === 'custody-handed-over');
  if (!handover)
    throw new CaseSealError(
      'CONFLICT',
      'Record the handover to the police first; the receipt is printed from it.',
    );
  const view = deviceView(facts.caseId, facts, device, input.now.toISOString());
  const h = handover.body;

  const pdf = new CasePdf({
    title: `Handover receipt ${device.exhibitRef}`,
    subject: 'Device handed to the police',
    createdAt: new Date(handover.signedAt),
  });
  pdf.title('Handover receipt: device exhibit');
  pdf.rows([
    { label: 'School', value: school.name },
    { label: 'School URN', value: school.urn },
    { label: 'Local authority', value: school.localAuthority },
    { label: 'Case reference', value: caseRef },
    { label: 'Exhibit reference', value: device.exhibitRef },
    { label: 'Device', value: device.description },
    // R9: a device handed over before its description was completed says so, for the officer's label.
    ...(chain.descriptionMissing.length > 0
      ? [{ label: 'Not yet described', value: chain.descriptionMissing.join('; ') }]
      : []),
  ]);

  pdf.heading('Handed to the police');
  pdf.rows([
    { label: 'Officer', value: String(h.officerName ?? '') },
    { label: 'Collar or warrant number', value: String(h.officerNumber ?? '') },
    { label: 'Police force', value: String(h.force ?? '') },
    ...(h.policeReference ? [{ label: 'Police reference', value: String(h.policeReference) }] : []),
    ...(h.sealNumber ? [{ label: 'Seal or bag number', value: String(h.sealNumber) }] : []),
    { label: 'Date and time of handover', value: ukLocalDisplay(handover.at) },
    {
      label: 'Handed over by',
      value: `${handover.signerName} (signed in CaseSeal on ${ukDateTime(handover.signedAt)})`,
    },
  ]);

  pdf.heading('Steps missing at handover');
  pdf.paragraph(
    chain.missingAtEnd.length === 0
      ? 'None: every step of the seizure checklist was recorded.'
      : chain.missingAtEnd.map((s) => `• ${stepLabel(s)}`).join('\n'),
  );
  const otherFlags = chain.flags.filter((f) => f.code !== 'MISSING-STEPS');
  if (otherFlags.length > 0) {
    pdf.heading('Custody flags', 2);
    pdf.paragraph(otherFlags.map((f) => `• ${f.code}: ${f.message}`).join('\n'));
  }

  pdf.heading('Signatures');
  pdf.paragraph(
    'We agree that the device described above, bearing this exhibit reference, passed from the school to the police at the time shown.',
    { size: 9 },
  );
  pdf.signatureBox('Received by the police officer', [
    'Name',
    'Collar/warrant no.',
    'Signature',
    'Date and time',
  ]);
  pdf.signatureBox('Handed over by the Designated Safeguarding Lead', [
    'Name',
    'Signature',
    'Date and time',
  ]);

  pdf.heading('Device as recorded when seized');
  pdf.rows(view.rows);

  pdf.heading('Chain of custody');
  pdf.paragraph(
    'Each event as signed in the case log: what happened, when (UK time), who signed it, and the first 16 characters of the record’s SHA-256 hash.',
    { size: 9, color: '#333' },
  );
  pdf.heading(`Recorded as an exhibit — ${ukDateTime(chain.recorded.signedAt)}`, 2);
  pdf.rows([
    {
      label: 'Signed by',
      value: `${chain.recorded.signerName}, ${ukDateTime(chain.recorded.signedAt)}`,
    },
    { label: 'Record hash', value: shortHash(chain.recorded.hash) },
  ]);
  for (const e of view.chain.events) {
    pdf.heading(`${e.label} — ${ukLocalDisplay(e.at)}`, 2);
    pdf.rows([
      ...e.rows.filter((r) => !/^When /.test(r.label)),
      {
        label: 'Signed by',
        value: `${e.signerName}, ${ukDateTime(e.signedAt)}${e.corrected ? ' (corrected later: see the case log)' : ''}`,
      },
      { label: 'Record hash', value: shortHash(e.hash) },
    ]);
  }

  pdf.heading('Record hashes (SHA-256)');
  pdf.paragraph(
    'These match the records in the school’s case log and in any sealed export of this case.',
    { size: 9, color: '#333' },
  );
  const lines = [
    `${device.addedRecordId}  ${chain.recorded.hash}`,
    ...chain.events.map((e) => `${e.recordId}  ${e.hash}`),
  ];
  pdf.mono(lines.join('\n'), 7);
  pdf.paragraph(`Produced by CaseSeal on ${ukDateTime(input.now.toISOString())}.`, {
    size: 8,
    color: '#444',
  });
  return pdf.toBuffer(`Handover receipt ${device.exhibitRef}`);
}

/**
 * Channel app:devices.receipt: the DSL or a deputy saves the receipt as a PDF where they choose
 * (main's save dialog, `choosePath`; the renderer can neither save nor print a PDF itself), then
 * prints it for the officer and the DSL to sign. `saved` is false if the dialog was closed.
 * Audited as `receipt-printed` only once the file is written.
 */
export async function handoverReceipt(
  core: SigningHost,
  input: { deviceId: string },
  choosePath: (suggestedName: string) => Promise<string | null>,
): Promise<{ fileName: string; saved: boolean; path?: string }> {
  const s = core.requireSession();
  if (!isSafeguardingTeam(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
  const db = core.requireDb();
  const { facts, device, caseRef, school } = await db.exclusive(async (conn) => ({
    ...(await loadDevice(core, conn, input.deviceId)),
    school: (await readSettings(conn)).school,
  }));
  const now = core.clock();
  // Built before the dialog: a refusal (no handover yet: CONFLICT) never asks where to save.
  const bytes = await renderHandoverReceipt({ school, caseRef, facts, device, now });
  const fileName = `handover-receipt-${device.exhibitRef}.pdf`;
  const path = await choosePath(fileName);
  if (!path) return { fileName, saved: false };
  if (!isAbsolute(path))
    throw new CaseSealError('BAD_INPUT', 'The receipt must be saved to a full path.');
  try {
    await writeFile(path, bytes);
  } catch {
    throw new CaseSealError(
      'EXPORT_FAILED',
      'The receipt could not be saved there. Choose another folder.',
    );
  }
  await db.exclusive((conn) =>
    appendAudit(conn, {
      at: core.clock().toISOString(),
      actorId: s.account.id,
      action: 'receipt-printed',
      caseId: facts.caseId,
      recordId: device.addedRecordId,
      detail: { exhibitRef: device.exhibitRef },
    }),
  );
  return { fileName: basename(path), saved: true, path };
}
