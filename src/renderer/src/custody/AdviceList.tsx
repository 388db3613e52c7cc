// The advice main returned with a signed device record: steps still missing at the
// handover or return (R9), a copy made (R2), no seal number (R10). Advice never stops signing, so it
// is listed plainly rather than as rules "met" or "not met".
import { useId } from 'react';
import type { Finding } from '../../../shared/rules/finding';

export function AdviceList({
  findings,
  title = 'Advice on what was recorded',
}: {
  findings: readonly Finding[];
  title?: string;
}) {
  const id = useId();
  if (findings.length === 0) return null;
  return (
    <section
      className="findings custody-advice"
      aria-labelledby={`${id}-title`}
      data-testid="advice"
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <ul>
        {findings.map((f, i) => (
          <li
            key={`${f.rule}-${i}`}
            className={`finding finding-${f.status}`}
            data-rule={f.rule}
            data-status={f.status}
          >
            <strong>{f.rule}</strong> {f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
