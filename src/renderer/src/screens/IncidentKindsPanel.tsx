// Settings, "Kinds of incident": the built-in kinds, and the school's own — added and retired by
// the DSL or a deputy (each a signed audit entry in main). A kind is never deleted: one that
// cases name keeps its meaning, so a kind no longer wanted is retired and no longer offered.
import { useRef, useState } from 'react';
import { INCIDENT_KINDS } from '../../../shared/records/kinds/options';
import { categoryNameProblem } from '../../../shared/incidentCategories';
import { ukDateTime } from '../../../shared/ukTime';
import { call, errorMessage } from '../lib/api';
import { useLoad } from '../lib/useLoad';
import { ErrorSummary, TextField } from '../components/Field';

export function IncidentKindsPanel() {
  const { data, error, reload } = useLoad(() => call('app:categories.list', {}), []);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [submits, setSubmits] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p aria-busy="true">Loading the kinds of incident…</p>;

  const add = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setDone(null);
    setSubmits((n) => n + 1);
    const p = categoryNameProblem(name, data);
    if (p) {
      setProblem(p);
      return;
    }
    try {
      const c = await call('app:categories.add', { label: name });
      setProblem(null);
      setName('');
      setDone(`“${c.label}” was added. It is offered when a case is opened.`);
      reload();
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  const retire = async (id: string, label: string) => {
    setDone(null);
    try {
      await call('app:categories.retire', { id });
      setDone(`“${label}” was retired. Cases that name it keep it; it is no longer offered.`);
      reload();
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  const own = data;
  return (
    <section aria-labelledby="kinds-title" className="incident-kinds" data-testid="incident-kinds">
      <h2 id="kinds-title">Kinds of incident</h2>
      <p>
        CaseSeal lists the kinds of concern DSLs record most often. Add the school’s own if you need
        them. A kind cannot be deleted or renamed once added: retire it instead, and the cases that
        name it keep it.
      </p>
      <details>
        <summary>The kinds every school has ({INCIDENT_KINDS.length})</summary>
        <ul>
          {INCIDENT_KINDS.map((k) => (
            <li key={k.value}>{k.label}</li>
          ))}
        </ul>
      </details>
      {done && (
        <p ref={doneRef} tabIndex={-1} className="banner banner-info" role="status">
          {done}
        </p>
      )}
      <h3>The school’s own</h3>
      {own.length === 0 ? (
        <p data-testid="no-own-kinds">The school has not added any yet.</p>
      ) : (
        <table className="kinds-table">
          <thead>
            <tr>
              <th scope="col">Kind of incident</th>
              <th scope="col">Added</th>
              <th scope="col">Cases</th>
              <th scope="col">Offered for new cases</th>
            </tr>
          </thead>
          <tbody>
            {own.map((c) => (
              <tr key={c.id} data-testid="own-kind">
                <td>{c.label}</td>
                <td>{ukDateTime(c.addedAt)}</td>
                <td>{c.casesUsing}</td>
                <td>
                  {c.retiredAt ? (
                    `No — retired ${ukDateTime(c.retiredAt)}`
                  ) : (
                    <>
                      Yes{' '}
                      <button type="button" onClick={() => void retire(c.id, c.label)}>
                        Retire<span className="visually-hidden"> {c.label}</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(e) => void add(e)} noValidate>
        <ErrorSummary
          items={problem ? [{ message: problem, fieldId: 'new-kind-name' }] : []}
          focusKey={problem ? submits : undefined}
        />
        <TextField
          id="new-kind-name"
          label="Name of the new kind of incident"
          hint="For example “Young carers” or “Substance misuse”. Letters, numbers and simple punctuation; up to 80 characters."
          value={name}
          error={problem ?? undefined}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit">Add this kind of incident</button>
      </form>
    </section>
  );
}
