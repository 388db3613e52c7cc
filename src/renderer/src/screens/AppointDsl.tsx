// Appointing a new DSL with the recovery key, from the lock screen, when no DSL can act any more:
// the new DSL types their own passphrase; main checks the recovery key, certifies the new account
// with the school key held in the recovery slot and records the appointment in the audit trail. A
// DSL who has left but is still listed must be confirmed as gone here: the appointment disables
// their account. Main refuses while a DSL who can sign in is not confirmed as gone.
import { useEffect, useRef, useState } from 'react';
import type { PickerAccount } from '../../../shared/ipc/contract';
import { checkPassphrase } from '../../../shared/passphrasePolicy';
import { ApiError, call, errorMessage } from '../lib/api';
import { ErrorSummary, TextField, type SummaryItem } from '../components/Field';
import { NewPassphraseFields } from '../components/NewPassphraseFields';

const IDS = {
  key: 'appoint-recovery-key',
  name: 'appoint-name',
  pass: 'appoint-passphrase',
  confirm: 'appoint-confirm',
} as const;

/** Which field a refusal from main is about, so the summary can link to it. */
const FIELD_OF_CODE: Record<string, string> = {
  WRONG_RECOVERY_KEY: IDS.key,
  WEAK_PASSPHRASE: IDS.pass,
};

const leftId = (accountId: string) => `appoint-left-${accountId}`;

export function AppointDsl({
  dsls,
  onDone,
  onCancel,
}: {
  /** DSLs who can still sign in (their names are on the lock screen already). */
  dsls: PickerAccount[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [fullName, setFullName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [appointed, setAppointed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = passphrase ? checkPassphrase(passphrase, fullName ? [fullName] : []) : null;
  useEffect(() => heading.current?.focus(), [appointed]);

  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    const found: SummaryItem[] = [];
    for (const d of dsls)
      if (!left.has(d.id))
        found.push({
          fieldId: leftId(d.id),
          message: `Confirm that ${d.name} has left, or ask them to appoint the new DSL`,
        });
    if (!recoveryKey.trim())
      found.push({ fieldId: IDS.key, message: 'Enter the recovery key written down at set-up' });
    if (!fullName.trim())
      found.push({ fieldId: IDS.name, message: 'Enter the full name of the new DSL' });
    if (!strength?.ok)
      found.push({
        fieldId: IDS.pass,
        message: strength?.feedback ?? 'Enter a passphrase for the new DSL',
      });
    else if (passphrase !== confirm)
      found.push({ fieldId: IDS.confirm, message: 'The two passphrases do not match' });
    setAttempt((n) => n + 1);
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const account = await call('app:accounts.appointWithRecovery', {
        recoveryKey: recoveryKey.trim(),
        fullName: fullName.trim(),
        passphrase,
        ...(dsls.length > 0 ? { replacing: dsls.map((d) => d.id) } : {}),
      });
      setPassphrase('');
      setConfirm('');
      setRecoveryKey('');
      setAppointed(account.name);
    } catch (e) {
      const fieldId = e instanceof ApiError ? FIELD_OF_CODE[e.code] : undefined;
      setErrors([{ message: errorMessage(e), ...(fieldId ? { fieldId } : {}) }]);
      setAttempt((n) => n + 1); // the summary takes focus again for main's answer
    } finally {
      setBusy(false);
    }
  };

  if (appointed) {
    return (
      <main className="narrow" aria-labelledby="appointed-title">
        <h1 id="appointed-title" ref={heading} tabIndex={-1}>
          {appointed} is now the Designated Safeguarding Lead
        </h1>
        <p role="status">
          The appointment is certified with the school key and recorded in the audit trail. They can
          now sign in with their passphrase and manage the other accounts. Put the recovery key back
          in the school safe.
        </p>
        {dsls.length > 0 && (
          <p>
            {dsls.map((d) => d.name).join(' and ')}{' '}
            {dsls.length === 1
              ? 'can no longer sign in: their account is'
              : 'can no longer sign in: their accounts are'}{' '}
            disabled. Everything they signed stays in the log and still checks out.
          </p>
        )}
        <button type="button" className="primary" onClick={onDone}>
          Back to sign in
        </button>
      </main>
    );
  }
  return (
    <main className="narrow" aria-labelledby="appoint-title">
      <h1 id="appoint-title" ref={heading} tabIndex={-1}>
        Appoint a new DSL with the recovery key
      </h1>
      <p>
        Use this only when no Designated Safeguarding Lead can act any more — for example when the
        DSL has left the school. The recovery key is kept in the school safe. Its use and the
        appointment are recorded in the audit trail.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary items={errors} focusKey={attempt} />
        {dsls.length > 0 && (
          <fieldset
            className={`field${dsls.some((d) => errorFor(leftId(d.id))) ? ' field-error' : ''}`}
          >
            <legend>Has the DSL left?</legend>
            <p className="hint">
              If a DSL listed on the lock screen can still act, ask them to appoint the new DSL from
              the accounts screen instead. Confirming here disables their account; everything they
              signed stays in the log.
            </p>
            {dsls.map((d) => (
              <div className="checkbox" key={d.id}>
                {errorFor(leftId(d.id)) && (
                  <p className="error-text" id={`${leftId(d.id)}-error`}>
                    {errorFor(leftId(d.id))}
                  </p>
                )}
                <input
                  type="checkbox"
                  id={leftId(d.id)}
                  checked={left.has(d.id)}
                  aria-invalid={errorFor(leftId(d.id)) ? true : undefined}
                  aria-describedby={errorFor(leftId(d.id)) ? `${leftId(d.id)}-error` : undefined}
                  onChange={(e) => {
                    const next = new Set(left);
                    if (e.target.checked) next.add(d.id);
                    else next.delete(d.id);
                    setLeft(next);
                  }}
                />
                <label htmlFor={leftId(d.id)}>
                  {d.name} has left the school or can no longer act as DSL: disable their account
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <TextField
          id={IDS.key}
          label="Recovery key"
          hint="8 groups of 4 letters and numbers, as written down at set-up."
          autoComplete="off"
          spellCheck={false}
          error={errorFor(IDS.key)}
          value={recoveryKey}
          onChange={(e) => setRecoveryKey(e.target.value)}
        />
        <TextField
          id={IDS.name}
          label="Full name of the new DSL"
          autoComplete="off"
          error={errorFor(IDS.name)}
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
        />
        <NewPassphraseFields
          label="Passphrase (typed by the new DSL)"
          confirmLabel="Type the passphrase again"
          value={passphrase}
          confirm={confirm}
          onChange={setPassphrase}
          onConfirmChange={setConfirm}
          strength={strength}
          ids={{ pass: IDS.pass, confirm: IDS.confirm }}
          errors={{ pass: errorFor(IDS.pass), confirm: errorFor(IDS.confirm) }}
        />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Appointing…' : 'Appoint as DSL'}
          </button>
        </div>
      </form>
    </main>
  );
}
