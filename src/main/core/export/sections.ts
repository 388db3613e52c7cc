// What the export report prints beyond each record's own fields: case-level sections and rows
// under records of some kinds. Explicit lists (like MIGRATIONS), never filled by importing a file
// for its side effects: adding a section is one line here.
import type { SignedRecord } from '../../../shared/records/envelope';
import type { DisplayRow } from '../../../shared/records/fields';
import { custodyExportSection, custodyRecordExtras } from '../custody/exportSection';
import type {
  CaseSectionHook,
  CaseSectionInput,
  RecordExtraHook,
  ReportBlock,
} from './sectionTypes';

export type {
  CaseSectionHook,
  CaseSectionInput,
  RecordExtraHook,
  ReportBlock,
} from './sectionTypes';

/** Case-level sections, printed after the case summary and before the chronology, in this order. */
export const CASE_SECTIONS: ReadonlyArray<{ name: string; hook: CaseSectionHook }> = [
  { name: 'custody', hook: custodyExportSection },
];

/** Rows under one record, by kind (after its own fields and rule findings). */
export const RECORD_EXTRAS: ReadonlyArray<{ kinds: readonly string[]; hook: RecordExtraHook }> = [
  custodyRecordExtras,
];

export function caseSectionsFor(input: CaseSectionInput): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (const { hook } of CASE_SECTIONS) out.push(...(hook(input) ?? []));
  return out;
}

export function recordExtrasFor(record: SignedRecord, input: CaseSectionInput): DisplayRow[] {
  const kind = record.envelope.kind;
  return RECORD_EXTRAS.flatMap((x) =>
    x.kinds.includes(kind) ? (x.hook(record, input) ?? []) : [],
  );
}
