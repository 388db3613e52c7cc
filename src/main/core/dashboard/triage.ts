// The dashboard's triage (R1, R11, R17): an imagery case stays on the dashboard, urgent, with its
// next steps (the referral check and the viewing decision) until both are recorded; a deletion
// deadline that passed without confirmation or a recorded follow-up shows red. Projected into
// `case_waiting` with each append, so the dashboard reads one small table.
import type { DashboardItem } from '../../../shared/dashboard';
import type { CaseFacts } from '../../../shared/records/facts';
import {
  DELETION_DEADLINES_SOURCE,
  IMAGERY_STEPS_SOURCE,
  missedDeletions,
  triageRows,
  type ImageryStepsPayload,
  type OpenDeletion,
} from '../../../shared/rules/nextSteps';
import { ukDateTime } from '../../../shared/ukTime';
import type { Conn } from '../../db/sqlite';
import { waitingRowsForSource } from '../../db/repositories/triageWaiting';
import type { ProjectionHook } from '../log/projectionHook';
import { setWaiting } from './waitingProjection';
import type { DashboardSource } from './dashboard';

/** Writes (or clears) this case's triage rows in the same transaction as each append. */
export async function projectTriage(conn: Conn, facts: CaseFacts): Promise<void> {
  for (const row of triageRows(facts))
    await setWaiting(conn, facts.caseId, row.source, row.since, row.payload);
}

/** In the explicit PROJECTIONS list (log/projections.ts). */
export const triageProjection: ProjectionHook = (conn, facts) => projectTriage(conn, facts);

/** Imagery cases (a new concern included) missing their referral check or viewing decision: urgent. */
export const imageryNextSteps: DashboardSource = async ({ conn }) => {
  const rows = await waitingRowsForSource(conn, IMAGERY_STEPS_SOURCE);
  return rows.map((r): DashboardItem => {
    const { steps } = JSON.parse(r.payload) as ImageryStepsPayload;
    const concern = r.status === 'concern';
    return {
      key: `imagery-steps:${r.caseId}`,
      kind: 'imagery-steps',
      caseId: r.caseId,
      caseRef: r.ref,
      title: concern
        ? `New concern involving imagery: ${r.title}`
        : `Imagery case without ${steps.length === 2 ? 'its referral check or viewing decision' : steps[0]!.kind === 'referral-check' ? 'its referral check' : 'its viewing decision'}`,
      since: r.since,
      detail: concern
        ? 'Open the case today. Next steps: the immediate referral check (R11, the same day) and the decision about viewing (R1; the default is not to view).'
        : `${r.title}. Still to record: ${steps.map((s) => s.label).join('; ')}.`,
      severity: 'urgent',
      // A concern is opened as a case first; the steps are recorded on the case.
      ...(concern ? {} : { steps }),
      target: { screen: 'case', caseId: r.caseId },
    };
  });
};

/** Deletion instructions past their deadline with no confirmation or follow-up (R17): red. */
export const missedDeletionDeadlines: DashboardSource = async ({ conn, now }) => {
  const rows = await waitingRowsForSource(conn, DELETION_DEADLINES_SOURCE);
  const items: DashboardItem[] = [];
  for (const r of rows) {
    const open = JSON.parse(r.payload) as OpenDeletion[];
    for (const d of missedDeletions(open, now.toISOString())) {
      items.push({
        key: `deletion-missed:${d.recordId}`,
        kind: 'deletion-missed',
        caseId: r.caseId,
        caseRef: r.ref,
        title: `Deletion not confirmed by its deadline (${ukDateTime(d.deadline)})`,
        since: d.deadline,
        detail: `${r.title}. Record the confirmation, or a follow-up saying what was done (R17).`,
        severity: 'urgent',
        due: d.deadline,
        steps: [
          { kind: 'deletion-confirmed', label: 'Record the confirmation' },
          { kind: 'deletion-follow-up', label: 'Record a follow-up' },
        ],
        target: { screen: 'case', caseId: r.caseId, recordId: d.recordId },
      });
    }
  }
  return items;
};
