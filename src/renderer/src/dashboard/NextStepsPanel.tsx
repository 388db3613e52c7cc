// The case's next steps as a task list (GOV.UK task list pattern): what the guidance requires next —
// for a case involving imagery the same-day referral check (R11) and the viewing decision (R1); for
// each deletion instruction, its confirmation by the deadline (R17) — each opening its form.
import type { CaseDetail } from '../../../shared/ipc/contract';
import { imagerySteps, missedDeletions, openDeletions } from '../../../shared/rules/nextSteps';
import { ukDateTime } from '../../../shared/ukTime';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';

export function NextStepsPanel({ detail }: { detail: CaseDetail; reload: () => void }) {
  const session = useSession();
  const { go } = useNav();
  const facts = detail.facts;
  if (!facts || !isTeam(session) || detail.access !== 'full') return null;
  if (facts.status === 'closed' || facts.status === 'concern') return null;
  const steps = imagerySteps(facts);
  const open = openDeletions(facts);
  const missed = new Set(missedDeletions(open, new Date().toISOString()).map((d) => d.recordId));
  if (steps.length === 0 && open.length === 0) return null;
  const caseId = detail.case.id;
  return (
    <section className="next-steps" aria-labelledby="next-steps-title" data-testid="next-steps">
      <h2 id="next-steps-title">Next steps</h2>
      <ul className="task-list">
        {steps.map((s) => (
          <li key={s.kind} className="task-list-item" data-step={s.kind} data-done={s.done}>
            <span className="task-name">
              {s.done ? (
                s.label
              ) : (
                <button
                  type="button"
                  className="link"
                  onClick={() => go({ name: 'add-record', caseId, kind: s.kind })}
                >
                  {s.label}
                </button>
              )}
            </span>
            <strong className={`tag ${s.done ? 'tag-done' : 'tag-warn'}`}>
              {s.done ? 'Done' : 'To do'}
            </strong>
          </li>
        ))}
        {open.map((d) => (
          <li key={d.recordId} className="task-list-item" data-step="deletion-confirmed">
            <span className="task-name">
              <button
                type="button"
                className="link"
                onClick={() =>
                  go({
                    name: 'add-record',
                    caseId,
                    kind: 'deletion-confirmed',
                    defaults: { instruction: d.recordId },
                  })
                }
              >
                Record the deletion confirmation (R17), due {ukDateTime(d.deadline)}
              </button>
              {missed.has(d.recordId) && (
                <>
                  {' '}
                  or{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      go({
                        name: 'add-record',
                        caseId,
                        kind: 'deletion-follow-up',
                        defaults: { instruction: d.recordId },
                      })
                    }
                  >
                    record a follow-up
                  </button>
                </>
              )}
            </span>
            <strong className={`tag ${missed.has(d.recordId) ? 'tag-alarm' : 'tag-warn'}`}>
              {missed.has(d.recordId) ? 'Deadline missed' : 'To do'}
            </strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
