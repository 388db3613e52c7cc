// What the imagery records (R1–R8) add to a case's facts: viewing decisions, delegations of
// authority and copies already made — one typed shape for the rules, the closure checklist and the UI.
import type { CaseFacts } from './facts';

export type ViewingDecision = 'view' | 'not-view';

export interface ViewingDecisionFact {
  recordId: string;
  decision: ViewingDecision;
  /** Who signed the decision (for a decision to view, the viewer: the viewer signs, R4/R8). */
  decidedById: string;
  signedAt: string;
  /** The viewer's account (the signer) for a decision to view; null for a decision not to view. */
  viewerId: string | null;
  /** The named witness (R5); null for a decision not to view. */
  witnessId: string | null;
  /** A decision not to view is final when signed; a decision to view when the witness countersigns (R5). */
  final: boolean;
  /** A decision to view that the named witness has not countersigned yet: shown "awaiting witness". */
  awaitingWitness: boolean;
  /**
   * For a decision to view signed by a deputy: false when no delegation of authority covered the
   * moment viewing started (R4). Recorded as it happened; the case is flagged in every export.
   */
  authorityCovered?: boolean;
  /** Set when the decision was withdrawn before any witness countersigned (it then waits no more). */
  withdrawn?: { recordId: string; byId: string; at: string; reason: string };
}

export interface DelegationFact {
  recordId: string;
  /** The deputy given authority to view imagery for this case (R4). */
  delegateId: string;
  delegateName: string;
  /** The senior leader who signed the delegation with their own key. */
  grantedById: string;
  grantedByName: string;
  grantedAt: string;
  /**
   * UTC ISO: when the authority starts — the start the senior leader gave, but never earlier than
   * the signature (R4: a delegation signed afterwards never counts as if it had been in force).
   * Delegations signed before starts were recorded start at their signature.
   */
  startsAt?: string;
  /** UTC ISO: when the authority ends, if the senior leader gave an end. */
  endsAt?: string;
  revoked: boolean;
  revokedById?: string;
  revokedAt?: string;
  revocationRecordId?: string;
}

export interface CopyMadeFact {
  recordId: string;
  recordedById: string;
  recordedAt: string;
  /** The copy-made record itself, or later copy-made-advice records, that hold the police's advice. */
  adviceRecordIds: string[];
  /** True until the police's advice about this copy is recorded (R2). */
  adviceMissing: boolean;
}

/** Case flags set by the imagery records (shown on the case and in every export). */
export const COPY_MADE_FLAG = 'copy-made';
export const COPY_ADVICE_MISSING_FLAG = 'copy-made-advice-missing';
/** A deputy viewed imagery when no delegation of authority was in force (R4). */
export const VIEWED_WITHOUT_AUTHORITY_FLAG = 'viewed-without-authority';

export const IMAGERY_FLAG_LABELS: Record<string, string> = {
  [COPY_MADE_FLAG]:
    'A copy of the imagery was made before it reached the DSL (R2). The police were or must be contacted for advice.',
  [COPY_ADVICE_MISSING_FLAG]:
    'A copy of the imagery was made and the police’s advice has not been recorded yet (R2).',
  [VIEWED_WITHOUT_AUTHORITY_FLAG]:
    'Imagery was viewed by a deputy DSL when no delegation of authority from a senior leader was in force (R4). A delegation signed afterwards does not authorise it.',
};

export function viewingDecisionsOf(facts: CaseFacts): ViewingDecisionFact[] {
  return facts.viewingDecisions ?? [];
}

export function delegationsOf(facts: CaseFacts): DelegationFact[] {
  return facts.delegations ?? [];
}

export function copiesMadeOf(facts: CaseFacts): CopyMadeFact[] {
  return facts.copiesMade ?? [];
}

/** The delegation of authority this account holds for this case, if any and not revoked (R4). */
export function activeDelegationFor(
  facts: CaseFacts,
  accountId: string,
): DelegationFact | undefined {
  return delegationsOf(facts).find((d) => d.delegateId === accountId && !d.revoked);
}

/** Viewing times are typed to the minute: a start "09:30" is any moment of that minute. */
const MINUTE_MS = 60_000;

/**
 * The delegation that covered this account when a viewing started at the minute `atMs` (R4):
 * signed and started within or before that minute, not yet ended, and not revoked before it. A
 * delegation revoked later still covered that moment; one signed later never does.
 */
export function delegationCovering(
  facts: CaseFacts,
  accountId: string,
  atMs: number,
): DelegationFact | undefined {
  return delegationsOf(facts).find(
    (d) =>
      d.delegateId === accountId &&
      Date.parse(d.startsAt ?? d.grantedAt) < atMs + MINUTE_MS &&
      Date.parse(d.grantedAt) < atMs + MINUTE_MS &&
      (d.endsAt === undefined || atMs < Date.parse(d.endsAt)) &&
      (!d.revoked || (d.revokedAt !== undefined && atMs < Date.parse(d.revokedAt))),
  );
}

/** Keeps the copy flags in step with the copies recorded so far (called by the copy kinds' reduce). */
export function syncCopyFlags(facts: CaseFacts): void {
  const copies = copiesMadeOf(facts);
  const keep = facts.flags.filter((f) => f !== COPY_MADE_FLAG && f !== COPY_ADVICE_MISSING_FLAG);
  if (copies.length > 0) keep.push(COPY_MADE_FLAG);
  if (copies.some((c) => c.adviceMissing)) keep.push(COPY_ADVICE_MISSING_FLAG);
  facts.flags = keep;
}
