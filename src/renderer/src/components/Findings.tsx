// Live rule findings beside a form (docs/design.md: the renderer explains, main enforces):
// each rule met, blocking, or needing a written reason, in plain English with the rule's number.
// Findings for the finalise stage (e.g. R5's witness countersignature) are listed apart, under
// "Before it is final", so that "still to meet" counts only what stops signing now.
import { useId } from 'react';
import type { Finding } from '../../../shared/rules/finding';

const ICON: Record<Finding['status'], string> = {
  met: '✓',
  blocks: '✗',
  'needs-reason': '!',
  advice: 'i',
};
const WORD: Record<Finding['status'], string> = {
  met: 'Met',
  blocks: 'Not met',
  'needs-reason': 'Reason needed',
  advice: 'Advice',
};

const isOpen = (f: Finding) => f.status === 'blocks' || f.status === 'needs-reason';

function FindingList({ findings }: { findings: readonly Finding[] }) {
  return (
    <ul>
      {findings.map((f, i) => (
        <li
          key={`${f.rule}-${i}`}
          className={`finding finding-${f.status}`}
          data-rule={f.rule}
          data-status={f.status}
          data-stage={f.stage ?? 'sign'}
        >
          <span className="finding-icon" aria-hidden="true">
            {ICON[f.status]}
          </span>{' '}
          <strong>{f.rule}</strong>{' '}
          <span className="finding-word">
            {WORD[f.status]}
            {f.stage === 'finalise' && f.status !== 'met' ? ' (before it is final)' : ''}:
          </span>{' '}
          {f.message}
        </li>
      ))}
    </ul>
  );
}

export function FindingsPanel({
  findings,
  title = 'Rules for this record',
}: {
  findings: readonly Finding[];
  title?: string;
}) {
  const id = useId();
  if (findings.length === 0) return null;
  const now = findings.filter((f) => f.stage !== 'finalise');
  const later = findings.filter((f) => f.stage === 'finalise');
  const grouped = now.length > 0 && later.length > 0;
  const open = (grouped ? now : findings).filter(isOpen).length;
  return (
    <section className="findings" aria-labelledby={`${id}-title`} data-testid="findings">
      <h2 id={`${id}-title`}>{title}</h2>
      <p aria-live="polite" className={open ? 'warning' : 'ok'}>
        {open
          ? `${open} rule${open === 1 ? '' : 's'} still to meet${grouped ? ' before signing' : ''}.`
          : grouped
            ? 'Every rule that applies before signing is met.'
            : 'Every rule that applies is met.'}
      </p>
      {grouped ? (
        <>
          <h3 className="findings-stage">Before you sign</h3>
          <FindingList findings={now} />
          <h3 className="findings-stage" data-testid="findings-finalise">
            Before it is final
          </h3>
          <FindingList findings={later} />
        </>
      ) : (
        <FindingList findings={findings} />
      )}
    </section>
  );
}
