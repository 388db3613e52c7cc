// The printable chronology (a pupil's across their cases, or one case's) for a strategy meeting, a
// child-protection conference or a transfer to the next school: the school, the date printed, who
// printed it, "OFFICIAL-SENSITIVE" on every page, page numbers, and every entry with who signed it.
// Text only, read back by pdftotext — a CaseSeal PDF never holds an image (R2). Printing is audited.
import { writeFile } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { CaseSealError } from '../../../shared/errors';
import type { ChronologyEntry } from '../../../shared/pupils/chronology';
import { roleLabel } from '../../../shared/pupils/roles';
import type { School } from '../../../shared/settings';
import { ROLE_LABELS } from '../../../shared/roles';
import { ukDateTime } from '../../../shared/ukTime';
import type { SessionHost } from '../app/serviceHost';
import { appendAudit } from '../audit/auditLog';
import { CasePdf } from '../pdf/pdfDocument';
import { readSettings } from '../../db/repositories/settings';
import { shortHash } from '../custody/handoverReceipt';
import { caseChronologyIn, pupilChronologyIn, type ChronologyQuery } from './chronologyService';

export const MARKING = 'OFFICIAL-SENSITIVE';

export interface ChronologyPdfInput {
  school: School;
  /** "Chronology: Amelia Jones" or "Case chronology: C-2026-0001" */
  title: string;
  subjectRows: Array<{ label: string; value: string }>;
  entries: ChronologyEntry[];
  printedBy: string;
  now: Date;
}

export async function renderChronologyPdf(input: ChronologyPdfInput): Promise<Buffer> {
  const pdf = new CasePdf({ title: input.title, subject: MARKING, createdAt: input.now });
  pdf.paragraph(MARKING, { size: 11 });
  pdf.title(input.title);
  pdf.rows([
    { label: 'School', value: `${input.school.name} (URN ${input.school.urn})` },
    { label: 'Printed', value: ukDateTime(input.now.toISOString()) },
    { label: 'Printed by', value: input.printedBy },
    ...input.subjectRows,
    { label: 'Entries', value: String(input.entries.length) },
  ]);
  pdf.paragraph(
    'Every entry is a signed record in the school’s CaseSeal log, shown in time order (UK time) with who signed it. Corrections are entries of their own; the record they correct is kept and marked. Handle, store and share this document as child-protection information.',
    { size: 9, color: '#333' },
  );
  for (const e of input.entries) {
    pdf.heading(`${ukDateTime(e.signedAt)} — ${e.label}${e.caseRef ? ` — ${e.caseRef}` : ''}`, 2);
    pdf.paragraph(e.summary);
    const rows = [
      ...e.rows,
      { label: 'Signed by', value: `${e.signerName} (${e.signerRole})` },
      ...(e.corrects
        ? [{ label: 'Correction', value: `Corrects the ${e.corrects.label}: ${e.corrects.reason}` }]
        : []),
      ...e.correctedBy.map((c) => ({
        label: 'Corrected',
        value: `Corrected on ${ukDateTime(c.signedAt)} by ${c.signerName}: ${c.reason}`,
      })),
      ...e.countersignedBy.map((c) => ({
        label: 'Countersigned',
        value: `${c.name} on ${ukDateTime(c.signedAt)} (${c.purpose})`,
      })),
      { label: 'Record hash', value: shortHash(e.hash) },
    ];
    pdf.rows(rows);
  }
  if (input.entries.length === 0) pdf.paragraph('No entries.');
  return pdf.toBuffer(`${MARKING} — ${input.title}`);
}

export type PrintTarget = { pupilId: string; filter?: ChronologyQuery } | { caseId: string };

/**
 * Channel app:pupils.print: builds the PDF from what this reader may see, asks main's save dialog
 * where to put it (the renderer can neither save nor print a file), writes it, and audits
 * `chronology-printed` once written. `saved` is false if the dialog was closed.
 */
export async function printChronology(
  core: SessionHost,
  target: PrintTarget,
  choosePath: (suggestedName: string) => Promise<string | null>,
): Promise<{ fileName: string; saved: boolean; path?: string; entries: number }> {
  const s = core.requireSession();
  const db = core.requireDb();
  const now = core.clock();
  const built = await db.transaction(async (conn) => {
    const school = (await readSettings(conn)).school;
    if ('pupilId' in target) {
      const c = await pupilChronologyIn(
        core,
        conn,
        s,
        { pupilId: target.pupilId, ...(target.filter ?? {}) },
        'chronology-print',
      );
      return {
        title: `Chronology: ${c.name}`,
        fileName: 'pupil-chronology.pdf',
        subjectRows: [
          { label: 'Pupil', value: c.name },
          {
            label: 'Cases',
            value:
              c.cases.map((k) => `${k.ref} (${k.roles.map(roleLabel).join(', ')})`).join('; ') ||
              'None',
          },
        ],
        entries: c.entries,
        audit: {
          caseId: null,
          detail: { pupilId: c.pupilId, cases: c.cases.map((k) => k.caseId) },
        },
        school,
      };
    }
    const c = await caseChronologyIn(core, conn, s, target.caseId);
    return {
      title: `Case chronology: ${c.ref}`,
      fileName: `case-chronology-${c.ref}.pdf`,
      subjectRows: [{ label: 'Case', value: `${c.ref} — ${c.title}` }],
      entries: c.entries,
      audit: { caseId: c.caseId, detail: {} },
      school,
    };
  });
  const bytes = await renderChronologyPdf({
    school: built.school,
    title: built.title,
    subjectRows: built.subjectRows,
    entries: built.entries,
    printedBy: `${s.account.name} (${ROLE_LABELS[s.account.role]})`,
    now,
  });
  const path = await choosePath(built.fileName);
  if (!path) return { fileName: built.fileName, saved: false, entries: built.entries.length };
  if (!isAbsolute(path))
    throw new CaseSealError('BAD_INPUT', 'The chronology must be saved to a full path.');
  try {
    await writeFile(path, bytes, { mode: 0o600 });
  } catch {
    throw new CaseSealError(
      'EXPORT_FAILED',
      'The chronology could not be saved there. Choose another folder.',
    );
  }
  await db.exclusive((conn) =>
    appendAudit(conn, {
      at: core.clock().toISOString(),
      actorId: s.account.id,
      action: 'chronology-printed',
      caseId: built.audit.caseId,
      detail: { ...built.audit.detail, entries: built.entries.length, file: basename(path) },
    }),
  );
  return { fileName: basename(path), saved: true, path, entries: built.entries.length };
}
