// CaseFacts: what a case's signed records add up to (status, people, pending countersignatures,
// delegations, flags …). A pure reduction over the records, computed identically in main (to
// enforce rules) and in the renderer (to explain them live).
import type { Role } from '../roles';
import type { Envelope } from './envelope';
import type { DeviceFacts } from '../rules/custody';
import type { CopyMadeFact, DelegationFact, ViewingDecisionFact } from './imageryFacts';
import type {
  AssessmentFact,
  DeletionInstructionFact,
  DeviceSearchFact,
  ParentsFact,
  ReferralCheckFact,
  ReferralFact,
  SupportFact,
} from './referralFacts';

export const CASE_STATUSES = [
  'concern',
  'open',
  'referred',
  'closing',
  'closed',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  concern: 'Concern awaiting review',
  open: 'Open',
  referred: 'Referred',
  closing: 'Closing — awaiting senior leader',
  closed: 'Closed',
  reopened: 'Reopened',
};

export interface CaseChild {
  id: string;
  name: string;
  dateOfBirth?: string;
  yearGroup?: string;
  sex: string;
  send: boolean;
  /** The pupil record this child is linked to, if any (src/shared/pupils/caseChildren.ts). */
  pupilId?: string;
  lookedAfter?: boolean;
}

export interface RecordSummary {
  id: string;
  kind: string;
  caseSeq: number;
  signerId: string;
  signerName: string;
  signedAt: string;
  hash: string;
  correctedBy: string[];
  countersignatures: Array<{
    recordId: string;
    accountId: string;
    name: string;
    purpose: string;
    signedAt: string;
  }>;
}

export interface CountersignRequirement {
  purpose: string;
  /** A named person must countersign… */
  accountId?: string;
  /** …or anyone holding one of these roles (other than the author). */
  roles?: readonly Role[];
  /** What the countersigner affirms, shown in the dialog and signed. */
  statement: string;
}

export interface PendingCountersignature extends CountersignRequirement {
  recordId: string;
  kind: string;
  requestedAt: string;
  authorId: string;
}

export interface CaseFacts {
  caseId: string;
  status: CaseStatus;
  title?: string;
  incidentKind?: string;
  category?: string;
  children: CaseChild[];
  openedAt?: string;
  lastSignedAt?: string;
  /** Account ids of everyone who signed, countersigned or is named in a record. */
  participants: string[];
  records: Record<string, RecordSummary>;
  /** Effective body of each record after corrections (the original stays in the log). */
  effective: Record<string, Record<string, unknown>>;
  pendingCountersignatures: PendingCountersignature[];
  /** Records whose countersignature requests were withdrawn (e.g. a viewing decision that can never be witnessed). */
  withdrawnRecords?: string[];
  /** Case-level warnings shown on the case and in every export, e.g. "copy-made" (R2). */
  flags: string[];
  /** Sealed exports of this case: which export, when, by whom, to which officer. */
  exports?: Array<{
    exportId: string;
    recordId: string;
    at: string;
    by: string;
    officer: string;
    force: string;
    reference: string;
  }>;
  // Assessment and referral (R11–R18; see referralFacts.ts).
  initialReviews?: string[];
  assessments?: AssessmentFact[];
  referralChecks?: ReferralCheckFact[];
  referrals?: ReferralFact[];
  parentsDecisions?: ParentsFact[];
  deletionInstructions?: DeletionInstructionFact[];
  deviceSearches?: DeviceSearchFact[];
  /** R18: a search found a suspected indecent image — the UI leads to the device-seizure checklist. */
  seizureSuggested?: boolean;
  supportOffered?: SupportFact[];
  outcomes?: string[];
  // Imagery (R1–R8; see imageryFacts.ts).
  viewingDecisions?: ViewingDecisionFact[];
  delegations?: DelegationFact[];
  copiesMade?: CopyMadeFact[];
  /** Devices held as exhibits and their custody records, by device id (rules/custody.ts). */
  devices?: Record<string, DeviceFacts>;
  /** Kind-specific facts added by later record kinds (imagery, custody, referral …). */
  [extra: string]: unknown;
}

export function emptyFacts(caseId: string): CaseFacts {
  return {
    caseId,
    status: 'concern',
    children: [],
    participants: [],
    records: {},
    effective: {},
    pendingCountersignatures: [],
    flags: [],
  };
}

export type { Envelope };
