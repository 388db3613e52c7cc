// Live rule findings beside a form (architecture.md rule 3: the renderer explains, main enforces):
// each rule met, blocking, or needing a written reason, in plain English with the rule's number.
import type { Finding } from '../../../shared/rules/finding';

const ICON: Record<Finding['status'], string> = { met: '✓', blocks: '✗', 'needs-reason': '!', advice: 'i' };
const WORD: Record<Finding['status'], string> = { met: 'Met', blocks: 'Not met', 'needs-reason': 'Reason needed', advice: 'Advice' };

export function FindingsPanel({ findings, title = 'Rules for this record' }: { findings: readonly Finding[]; title?: string }) {
  if (findings.length === 0) return null;
  const open = findings.filter((f) => f.status === 'blocks' || f.status === 'needs-reason').length;
  return (
    <section className="findings" aria-labelledby="findings-title" data-testid="findings">
      <h2 id="findings-title">{title}</h2>
      <p aria-live="polite" className={open ? 'warning' : 'ok'}>
        {open ? `${open} rule${open === 1 ? '' : 's'} still to meet.` : 'Every rule that applies is met.'}
      </p>
      <ul>
        {findings.map((f, i) => (
          <li key={`${f.rule}-${i}`} className={`finding finding-${f.status}`} data-rule={f.rule} data-status={f.status}>
            <span className="finding-icon" aria-hidden="true">
              {ICON[f.status]}
            </span>{' '}
            <strong>{f.rule}</strong> <span className="finding-word">{WORD[f.status]}{f.stage === 'finalise' && f.status !== 'met' ? ' (before it is final)' : ''}:</span> {f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
