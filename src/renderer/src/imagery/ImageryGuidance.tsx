// The guidance panel beside the viewing-decision form: the imagery rules R1–R8 in plain English and
// what CaseSeal requires for each, as main serves them (app:imagery.rules) — one text for the panel,
// the live findings and main's refusals.
import { call } from '../lib/api';
import { useLoad } from '../lib/useLoad';

export function ImageryGuidance() {
  const { data, error } = useLoad(() => call('app:imagery.rules', {}), []);
  return (
    <section
      className="imagery-guidance"
      aria-labelledby="imagery-rules-title"
      data-testid="imagery-guidance"
    >
      <h2 id="imagery-rules-title">The rules for imagery (R1–R8)</h2>
      <p className="muted">
        From the school’s safeguarding guidance on indecent images of children. Open a rule to read
        what CaseSeal requires.
      </p>
      {error && <p role="alert">{error}</p>}
      {data && (
        <div className="imagery-rules">
          {data.map((r) => (
            <details key={r.id} data-rule={r.id}>
              <summary>
                <strong>{r.id}</strong> {r.title}
              </summary>
              <p>{r.text}</p>
              <p className="muted">What CaseSeal requires:</p>
              <ul>
                {r.requires.map((q, i) => (
                  <li key={i}>{q}</li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      )}
    </section>
  );
}
