// What the assessment and referral records (R11–R18) add to a case's facts: typed so that
// the rules in src/shared/rules/referral.ts, the closure checklist and the renderer read one shape.

/** The five immediate-referral criteria of R11 (docs/rules.md, "Referral and Strategy Discussion"). */
export const R11_KEYS = [
  'adultInvolved',
  'coercion',
  'unusualOrViolent',
  'under13SexualActs',
  'immediateRisk',
] as const;
export type R11Key = (typeof R11_KEYS)[number];

export const AGENCY_VALUES = ['police', 'csc', 'lado', 'ceop', 'prevent', 'iwf', 'other'] as const;
export type Agency = (typeof AGENCY_VALUES)[number];

export type ReferralCheckDecision = 'refer' | 'manage-in-school';

export interface ReferralCheckFact {
  recordId: string;
  caseSeq: number;
  /** UTC ISO signing time: the day of the check fixes the same-day deadline (R11). */
  signedAt: string;
  /** The criteria answered "yes". */
  yes: R11Key[];
  decision: ReferralCheckDecision;
  /** R16: the reasons for managing in school, when that was the decision. */
  reasons?: string;
}

export interface ReferralFact {
  recordId: string;
  caseSeq: number;
  signedAt: string;
  agency: Agency;
  /** When the referral was made (UTC ISO, from the form's UK local time). */
  madeAt: string;
}

export interface ParentsFact {
  recordId: string;
  caseSeq: number;
  childId: string;
  informed: boolean;
}

export interface DeletionInstructionFact {
  recordId: string;
  caseSeq: number;
  signedAt: string;
  /** The child on the case asked to delete; '' when it was another person involved. */
  childId: string;
  /** Another person involved asked to delete (R17: e.g. the person who shared), by name. */
  personName?: string;
  /** UTC ISO deadline for the deletion. */
  deadline: string;
  /** The deletion-confirmed record, once there is one. */
  confirmedBy?: string;
  /** A deletion follow-up without a new deadline: what was done about a missed deadline is recorded. */
  followedUpBy?: string;
}

export interface DeviceSearchFact {
  recordId: string;
  caseSeq: number;
  signedAt: string;
  suspectedImage: boolean;
}

export interface AssessmentFact {
  recordId: string;
  caseSeq: number;
  childId: string;
  /** Answers that point at an R11 criterion (the referral check shows them as hints). */
  pressure?: string;
  anyUnder13?: string;
  actsUnexpectedForAge?: string;
  intentToHarm?: string;
}

export interface SupportFact {
  recordId: string;
  childId: string;
  offered: string[];
}

/** The flag (in CaseFacts.flags and so in the cases projection) while a same-day referral is due. */
export const REFERRAL_DUE_FLAG = 'referral-due';
