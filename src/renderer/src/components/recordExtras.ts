// Kind-specific additions to a record in the chronology, registered by kind (one line each): a
// state line under the record (e.g. "Awaiting witness"), and a dialog that replaces the generic
// countersignature dialog for one kind and purpose (e.g. the witness finalising a viewing decision).
import type { ComponentType } from 'react';
import type { AccountInfo, SignOutcome } from '../../../shared/ipc/contract';
import type { SignedRecord } from '../../../shared/records/envelope';
import type { CaseFacts, PendingCountersignature } from '../../../shared/records/facts';
import type { DisplayLookups } from '../../../shared/records/display';
import { IMAGERY_COUNTERSIGN_DIALOGS, IMAGERY_RECORD_EXTRAS } from '../imagery/imageryRecords';

export interface RecordExtraProps {
  record: SignedRecord;
  facts: CaseFacts | null;
  lookups: DisplayLookups;
}

/** The same props as CountersignDialog. */
export interface CountersignDialogProps {
  pending: PendingCountersignature;
  accounts: readonly AccountInfo[];
  authorId: string;
  recordLabel: string;
  onDone: (o: SignOutcome | null) => void;
  onClose: () => void;
}

export const RECORD_EXTRAS: Record<string, ComponentType<RecordExtraProps>> = {
  ...IMAGERY_RECORD_EXTRAS,
};

/** Keyed by "kind:purpose". */
export const COUNTERSIGN_DIALOGS: Record<string, ComponentType<CountersignDialogProps>> = {
  ...IMAGERY_COUNTERSIGN_DIALOGS,
};
