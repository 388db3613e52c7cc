// What the guidance requires next on a case, as a task list: for a case that involves imagery the
// same-day referral check (R11) and the viewing decision (R1); for a deletion instruction, its
// confirmation by the deadline (R17). Pure: the case view lists them, main projects them for the
// dashboard, which keeps an imagery case on it until both steps are recorded.
import type { CaseFacts } from '../records/facts';
import type { DashboardStep } from '../dashboard';
import { involvesImagery } from './imagery';
import { POLICE_AGENCIES } from './referral';

export interface NextStep extends DashboardStep {
  /** The rule that requires it. */
  rule: string;
  done: boolean;
}

/** The imagery steps, done or not, in the order the guidance gives them (R11 same day, then R1). */
export function imagerySteps(facts: CaseFacts): NextStep[] {
  if (!involvesImagery(facts)) return [];
  const checked = (facts.referralChecks ?? []).length > 0;
  const decided = (facts.viewingDecisions ?? []).some((d) => !d.withdrawn);
  return [
    {
      kind: 'referral-check',
      label: 'Immediate referral check (R11, the same day)',
      rule: 'R11',
      done: checked,
    },
    {
      kind: 'viewing-decision',
      label: 'Decision about viewing imagery: not to view (the default), or to view (R1)',
      rule: 'R1',
      done: decided,
    },
  ];
}

export interface OpenDeletion {
  recordId: string;
  /** UTC ISO. */
  deadline: string;
}

/**
 * Deletion instructions still waiting for their confirmation (R17): not confirmed, not followed up
 * after a missed deadline, and not overtaken by a police referral (the police then advise).
 */
export function openDeletions(facts: CaseFacts): OpenDeletion[] {
  const police = (facts.referrals ?? []).filter((r) => POLICE_AGENCIES.includes(r.agency));
  return (facts.deletionInstructions ?? [])
    .filter((i) => !i.confirmedBy && !i.followedUpBy && !police.some((p) => p.caseSeq > i.caseSeq))
    .map((i) => ({ recordId: i.recordId, deadline: i.deadline }));
}

/** Those whose deadline has passed at `now`: shown red until confirmed or followed up (R17). */
export function missedDeletions(open: readonly OpenDeletion[], now: string): OpenDeletion[] {
  return open.filter((d) => Date.parse(d.deadline) < Date.parse(now));
}

/** The dashboard's `case_waiting` sources for these steps (main projects them with each append). */
export const IMAGERY_STEPS_SOURCE = 'imagery-steps';
export const DELETION_DEADLINES_SOURCE = 'deletion-deadlines';

export interface ImageryStepsPayload {
  steps: DashboardStep[];
}

export interface TriageRow {
  source: string;
  /** UTC ISO; null (with payload null) clears the row. */
  since: string | null;
  payload: ImageryStepsPayload | OpenDeletion[] | null;
}

function firstSignedAt(facts: CaseFacts): string | null {
  const times = Object.values(facts.records).map((r) => r.signedAt);
  return times.length ? times.sort()[0]! : null;
}

/** What the dashboard waits for on this case: its missing imagery steps and open deletions. */
export function triageRows(facts: CaseFacts): TriageRow[] {
  const open = facts.status !== 'closed';
  const missing = open ? imagerySteps(facts).filter((s) => !s.done) : [];
  const deletions = open ? openDeletions(facts) : [];
  return [
    missing.length
      ? {
          source: IMAGERY_STEPS_SOURCE,
          since: firstSignedAt(facts),
          payload: { steps: missing.map((s) => ({ kind: s.kind, label: s.label })) },
        }
      : { source: IMAGERY_STEPS_SOURCE, since: null, payload: null },
    deletions.length
      ? {
          source: DELETION_DEADLINES_SOURCE,
          since: deletions.map((d) => d.deadline).sort()[0]!,
          payload: deletions,
        }
      : { source: DELETION_DEADLINES_SOURCE, since: null, payload: null },
  ];
}
