// Words and formats shared by the sealed-export screens: progress stage labels, file
// sizes, key fingerprints in groups of four, plain-English case flags.
import { IMAGERY_FLAG_LABELS } from '../../../shared/records/imageryFacts';
import { CUSTODY_FLAG_LABELS } from '../../../shared/records/kinds/custody';

/** The export's progress tasks (app:event.progress), in the order main runs them (sealExport). */
export const EXPORT_STAGES: ReadonlyArray<{ task: string; label: string; unit: string }> = [
  { task: 'export-records', label: 'Signing the export record onto each case', unit: 'cases' },
  { task: 'export-report', label: 'Writing the report (PDF) of every record', unit: 'records' },
  {
    task: 'export-bundle',
    label: 'Sealing the files: hashes, manifest and your signature',
    unit: 'files',
  },
  { task: 'export-write', label: 'Saving the file', unit: 'files' },
];

export function stageOf(task: string): { index: number; label: string; unit: string } | null {
  const i = EXPORT_STAGES.findIndex((s) => s.task === task);
  const s = EXPORT_STAGES[i];
  return s ? { index: i, label: s.label, unit: s.unit } : null;
}

export function formatBytes(n: number): string {
  const exact = `${n.toLocaleString('en-GB')} bytes`;
  if (n < 1024) return exact;
  const [v, u] = n < 1024 * 1024 ? [n / 1024, 'KB'] : [n / (1024 * 1024), 'MB'];
  return `${v.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${u} (${exact})`;
}

/** A key id or fingerprint as "ab12 cd34 …" (the form printed on the receipt and in VERIFY.txt). */
export function fingerprintGroups(fp: string): string {
  return (fp.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

const FLAG_WORDS: Record<string, string> = { ...IMAGERY_FLAG_LABELS, ...CUSTODY_FLAG_LABELS };

export function flagWords(flag: string): string {
  return FLAG_WORDS[flag] ?? `Case flag: ${flag}`;
}
