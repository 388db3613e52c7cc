// The school key in Settings: its fingerprint (to compare with the set-up sheet and every export),
// the set-up sheet as a PDF for a DSL, and — for a vault upgraded from the first release — adding
// the school key to the recovery key, which needs the recovery key typed once.
import { useState } from 'react';
import { call, errorMessage } from '../lib/api';
import { useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { ErrorSummary, TextField } from '../components/Field';

export function SchoolKeyPanel() {
  const session = useSession();
  const { data, reload } = useLoad(() => call('app:trust.info', {}), []);
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [recovery, setRecovery] = useState('');
  const isDsl = session.role === 'dsl';
  if (!data) return null;
  return (
    <section aria-labelledby="school-key-title">
      <h2 id="school-key-title">School key</h2>
      <p>
        The school key certifies every person’s signing key. Its fingerprint is on the set-up sheet,
        on every export and handover receipt, and is printed by the police verifier: they must all
        match.
      </p>
      <p className="mono" data-testid="school-key-fingerprint">
        {data.grouped ?? 'Not made yet: it is made at the next DSL sign-in.'}
      </p>
      <ErrorSummary messages={err ? [err] : []} />
      {msg && (
        <p className="banner banner-info" role="status">
          {msg}
        </p>
      )}
      {isDsl && data.grouped && (
        <button
          type="button"
          onClick={() =>
            void call('app:trust.setupSheet', {})
              .then((r) => setMsg(r.saved ? `Set-up sheet saved as ${r.fileName}.` : 'Not saved.'))
              .catch((e: unknown) => setErr(errorMessage(e)))
          }
        >
          Save the set-up sheet (PDF) to print
        </button>
      )}
      {isDsl && data.grouped && !data.recoveryHoldsSchoolKey && (
        <form
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            setErr(null);
            void call('app:trust.addSchoolKeyToRecovery', { recoveryKey: recovery })
              .then(() => {
                setRecovery('');
                setMsg('The recovery key now also holds the school key.');
                reload();
              })
              .catch((e: unknown) => setErr(errorMessage(e)));
          }}
        >
          <p>
            The recovery key does not hold the school key yet. Without it, the recovery key cannot
            appoint a new DSL. Type the recovery key once to add it.
          </p>
          <TextField
            label="Recovery key"
            hint="8 groups of 4 letters and numbers, as written down at set-up."
            autoComplete="off"
            value={recovery}
            onChange={(e) => setRecovery(e.target.value)}
          />
          <button type="submit">Add the school key to the recovery key</button>
        </form>
      )}
    </section>
  );
}
