// The lock screen: choose your name, type your passphrase. Shows only names and roles —
// no school or case data is in the DOM while locked. Also the recovery-key passphrase reset, and
// the appointment of a new DSL with the recovery key when no DSL can act (one who left is
// confirmed as gone there and disabled by the appointment).
import { useEffect, useRef, useState } from 'react';
import type { PickerAccount, SessionInfo } from '../../../shared/ipc/contract';
import { ROLE_LABELS } from '../../../shared/roles';
import { checkPassphrase } from '../../../shared/passphrasePolicy';
import { ApiError, call, errorMessage } from '../lib/api';
import { ErrorSummary, TextField } from '../components/Field';
import { NewPassphraseFields } from '../components/NewPassphraseFields';
import { AppointDsl } from './AppointDsl';

export function SignIn({
  accounts,
  notice,
  onSignedIn,
  onChanged,
  onRestore,
}: {
  accounts: PickerAccount[];
  notice: string | null;
  onSignedIn: (s: SessionInfo) => void;
  onChanged: () => void;
  /** "Restore from a backup" when the vault will not open. */
  onRestore?: () => void;
}) {
  const [mode, setMode] = useState<'sign-in' | 'recover' | 'appoint'>('sign-in');
  const [accountId, setAccountId] = useState<string>(accounts.length === 1 ? accounts[0]!.id : '');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState<Record<string, number>>(() =>
    Object.fromEntries(accounts.map((a) => [a.id, Date.now() + a.retryAfterSeconds * 1000])),
  );
  const [now, setNow] = useState(() => Date.now());
  const passRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  const remaining = accountId
    ? Math.max(0, Math.ceil(((waitUntil[accountId] ?? 0) - now) / 1000))
    : 0;

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError(null);
    if (!accountId) return setError('Choose your name.');
    if (!passphrase) return setError('Type your passphrase.');
    setBusy(true);
    try {
      const session = await call('app:session.signIn', { accountId, passphrase });
      setPassphrase('');
      onSignedIn(session);
    } catch (e) {
      setPassphrase('');
      setError(errorMessage(e));
      if (e instanceof ApiError && typeof e.detail?.retryAfterSeconds === 'number') {
        setWaitUntil({ ...waitUntil, [accountId]: Date.now() + e.detail.retryAfterSeconds * 1000 });
      }
      passRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  if (mode === 'appoint')
    return (
      <AppointDsl
        dsls={accounts.filter((a) => a.role === 'dsl')}
        onDone={() => (setMode('sign-in'), onChanged())}
        onCancel={() => setMode('sign-in')}
      />
    );

  if (mode === 'recover')
    return (
      <RecoveryReset
        accounts={accounts}
        onDone={() => (setMode('sign-in'), onChanged())}
        onCancel={() => setMode('sign-in')}
      />
    );

  return (
    <main className="narrow lock-screen" aria-labelledby="signin-title">
      <h1 id="signin-title">CaseSeal is locked</h1>
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary title="Could not sign in" messages={error ? [error] : []} />
        <fieldset>
          <legend>Choose your name</legend>
          <div className="radio-list">
            {accounts.map((a) => (
              <div className="radio" key={a.id}>
                <input
                  type="radio"
                  id={`acct-${a.id}`}
                  name="account"
                  value={a.id}
                  checked={accountId === a.id}
                  onChange={() => setAccountId(a.id)}
                />
                <label htmlFor={`acct-${a.id}`}>
                  {a.name} <span className="muted">— {ROLE_LABELS[a.role]}</span>
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField
          ref={passRef}
          label="Your passphrase"
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        {remaining > 0 && (
          <p className="warning" role="status">
            Too many wrong passphrases for this account. You can try again in {remaining} seconds.
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || remaining > 0}>
          {busy ? 'Unlocking…' : 'Sign in'}
        </button>
      </form>
      <p>
        <button type="button" className="link" onClick={() => setMode('recover')}>
          Forgotten passphrase? Reset it with the recovery key
        </button>
      </p>
      <p>
        <button type="button" className="link" onClick={() => setMode('appoint')}>
          The DSL has left or cannot get in? Appoint a new DSL with the recovery key
        </button>
      </p>
      {onRestore && (
        <p>
          <button type="button" className="link" onClick={onRestore}>
            The vault will not open? Restore from a backup
          </button>
        </p>
      )}
    </main>
  );
}

function RecoveryReset({
  accounts,
  onDone,
  onCancel,
}: {
  accounts: PickerAccount[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const [recoveryKey, setRecoveryKey] = useState('');
  const [accountId, setAccountId] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const account = accounts.find((a) => a.id === accountId);
  const strength = next ? checkPassphrase(next, account ? [account.name] : []) : null;

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError(null);
    if (!accountId) return setError('Choose whose passphrase to reset.');
    if (next !== confirm) return setError('The two new passphrases do not match.');
    if (!strength?.ok) return setError(strength?.feedback ?? 'Choose a new passphrase.');
    setBusy(true);
    try {
      await call('app:accounts.resetWithRecovery', { recoveryKey, accountId, newPassphrase: next });
      setDone(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <main className="narrow">
        <h1>Passphrase reset</h1>
        <p role="status">
          The passphrase has been reset and the use of the recovery key recorded. The person can now
          sign in with their new passphrase. Their earlier signatures stay valid; new records are
          signed with a new key.
        </p>
        <button type="button" className="primary" onClick={onDone}>
          Back to sign in
        </button>
      </main>
    );
  }
  return (
    <main className="narrow" aria-labelledby="recover-title">
      <h1 id="recover-title">Reset a passphrase with the recovery key</h1>
      <p>
        The DSL keeps the recovery key in the school safe. Its use is recorded in the audit trail.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary messages={error ? [error] : []} />
        <TextField
          label="Recovery key"
          hint="8 groups of 4 letters and numbers, as written down at set-up."
          autoComplete="off"
          value={recoveryKey}
          onChange={(e) => setRecoveryKey(e.target.value)}
        />
        <div className="field">
          <label htmlFor="reset-account">Whose passphrase</label>
          <select
            id="reset-account"
            value={accountId}
            onChange={(e) => setAccountId(e.target.value)}
          >
            <option value="">Choose a person</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} — {ROLE_LABELS[a.role]}
              </option>
            ))}
          </select>
        </div>
        <NewPassphraseFields
          label="New passphrase (typed by that person)"
          confirmLabel="Type the new passphrase again"
          value={next}
          confirm={confirm}
          onChange={setNext}
          onConfirmChange={setConfirm}
          strength={strength}
        />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Resetting…' : 'Reset passphrase'}
          </button>
        </div>
      </form>
    </main>
  );
}
