// The closing checklist (R15 and the "Closing the case" list): pure findings over a
// case's facts. Each item that is missing blocks the closure record.
import type { CaseFacts } from '../records/facts';
import type { Finding } from './finding';
import { custodyClosureCheck, descriptionClosureCheck } from './custody';
import { REFERRAL_CLOSURE_CHECKS } from './referral';
import { viewingClosureCheck } from './imagery';

export type ClosureCheck = (facts: CaseFacts) => Finding | null;

/** Items are added here by the record kinds that define them (imagery, custody, referral). */
export const CLOSURE_CHECKS: ClosureCheck[] = [
  (facts) =>
    facts.pendingCountersignatures.length > 0
      ? {
          rule: 'CLOSE-COUNTERSIGN',
          status: 'blocks',
          stage: 'sign',
          message: `${facts.pendingCountersignatures.length} record(s) still wait for a countersignature.`,
        }
      : {
          rule: 'CLOSE-COUNTERSIGN',
          status: 'met',
          stage: 'sign',
          message: 'No record is waiting for a countersignature.',
        },
  // Every device's custody ended (handed over or returned).
  custodyClosureCheck,
  // Every device fully described (R9), after a four-answer seizure.
  descriptionClosureCheck,
  // Initial review (R15), referral decision (R11/R16), parents (R13), deletion confirmed (R17).
  ...REFERRAL_CLOSURE_CHECKS,
  // Every viewing decision finalised (the witness has countersigned, R5).
  viewingClosureCheck,
];

export function closureFindings(facts: CaseFacts): Finding[] {
  return CLOSURE_CHECKS.map((c) => c(facts)).filter((f): f is Finding => f !== null);
}
