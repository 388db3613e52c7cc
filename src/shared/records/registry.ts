// Every record kind CaseSeal knows. Adding a kind = one file in kinds/ and one line here: in
// RECORD_KINDS for a case's chain, in PUPIL_RECORD_KINDS for a pupil's own chain.
import type { RecordKindDef } from './kindDef';
import { caseOpened } from './kinds/caseOpened';
import { concern } from './kinds/concern';
import { sealedConcern } from './kinds/sealedConcern';
import { note } from './kinds/note';
import { statusChange } from './kinds/statusChange';
import { correction } from './kinds/correction';
import { countersignature } from './kinds/countersignature';
import { viewingWithdrawn } from './kinds/viewingWithdrawn';
import { exportRecord } from './kinds/export';
import { deviceAdded } from './kinds/deviceAdded';
import { deviceDescribed } from './kinds/deviceDescribed';
import {
  custodyConfiscated,
  custodyDeclaration,
  custodyIsolated,
  custodySecured,
  custodyPoliceCalled,
  custodyHandedOver,
  custodyReturned,
  custodyTakenOut,
  custodyPutBack,
} from './kinds/custody';
import { initialReview } from './kinds/initialReview';
import { assessment } from './kinds/assessment';
import { referralCheck } from './kinds/referralCheck';
import { referral } from './kinds/referral';
import { parents } from './kinds/parents';
import { deletionInstruction, deletionConfirmed, deletionFollowUp } from './kinds/deletion';
import { deviceSearch } from './kinds/deviceSearch';
import { supportOffered } from './kinds/supportOffered';
import { outcome } from './kinds/outcome';
import { viewingDecision } from './kinds/viewingDecision';
import { delegation, delegationRevoked } from './kinds/delegation';
import { copyMade, copyMadeAdvice } from './kinds/copyMade';
import { pupilRecord, pupilRelated } from './kinds/pupil';
import { pupilLinked, pupilUnlinked, caseLinked } from './kinds/pupilLink';
import { backupChecked, vaultRestored } from './kinds/backup';

export const RECORD_KINDS: readonly RecordKindDef[] = [
  caseOpened,
  concern,
  sealedConcern,
  note,
  statusChange,
  correction,
  countersignature,
  deviceAdded,
  deviceDescribed,
  custodyConfiscated,
  custodyDeclaration,
  custodyIsolated,
  custodySecured,
  custodyPoliceCalled,
  custodyHandedOver,
  custodyReturned,
  custodyTakenOut,
  custodyPutBack,
  initialReview,
  assessment,
  referralCheck,
  referral,
  parents,
  deletionInstruction,
  deletionConfirmed,
  deletionFollowUp,
  deviceSearch,
  supportOffered,
  outcome,
  exportRecord,
  viewingDecision,
  viewingWithdrawn,
  delegation,
  delegationRevoked,
  copyMade,
  copyMadeAdvice,
  pupilLinked,
  pupilUnlinked,
  caseLinked,
  backupChecked,
  vaultRestored,
];

/**
 * Kinds signed into a pupil's own chain (with `correction`), never into a case: a case and its
 * export hold a pupil only through `pupil-linked`, with the details signed when linked.
 */
export const PUPIL_RECORD_KINDS: readonly RecordKindDef[] = [pupilRecord, pupilRelated];

const byKind = new Map([...RECORD_KINDS, ...PUPIL_RECORD_KINDS].map((k) => [k.kind, k]));

export function kindDef(kind: string): RecordKindDef | undefined {
  return byKind.get(kind);
}

export function kindLabel(kind: string): string {
  return byKind.get(kind)?.label ?? kind;
}
