// The shapes of the export report's extra sections: case-level blocks (e.g. a device's chain of
// custody) and rows under one record of a kind. The list of sections is in sections.ts.
import type { DisplayRow } from '../../../shared/records/fields';
import type { SignedRecord } from '../../../shared/records/envelope';
import type { CaseFacts } from '../../../shared/records/facts';
import type { DisplayLookups } from '../../../shared/records/display';

export interface ReportBlock {
  heading: string;
  rows?: DisplayRow[];
  paragraphs?: string[];
  /** Printed in a box, bold: things an officer must not miss (e.g. a copy of imagery was made). */
  warning?: boolean;
}

export interface CaseSectionInput {
  facts: CaseFacts;
  records: readonly SignedRecord[];
  lookups: DisplayLookups;
}

/** A case-level section, printed after the case summary and before the chronology. */
export type CaseSectionHook = (input: CaseSectionInput) => ReportBlock[] | null;
/** Extra rows under one record of a given kind (after its own fields and rule findings). */
export type RecordExtraHook = (
  record: SignedRecord,
  input: CaseSectionInput,
) => DisplayRow[] | null;
