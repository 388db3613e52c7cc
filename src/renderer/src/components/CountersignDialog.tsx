// The countersignature dialog (issue 3; R5 for witnesses): the second person picks their own
// account and types their own passphrase on this PC. Their signature covers the record's hash.
import { useEffect, useRef, useState } from 'react';
import type { AccountInfo, SignOutcome } from '../../../shared/ipc/contract';
import type { PendingCountersignature } from '../../../shared/records/facts';
import { COUNTERSIGN_PURPOSES } from '../../../shared/records/kinds/countersignature';
import { ROLE_LABELS } from '../../../shared/roles';
import { call, errorMessage } from '../lib/api';
import { ErrorSummary, TextField } from './Field';

export function CountersignDialog({
  pending,
  accounts,
  authorId,
  recordLabel,
  onDone,
  onClose,
}: {
  pending: PendingCountersignature;
  accounts: readonly AccountInfo[];
  authorId: string;
  recordLabel: string;
  onDone: (o: SignOutcome) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const eligible = accounts.filter(
    (a) =>
      a.active &&
      a.id !== authorId &&
      (pending.accountId
        ? a.id === pending.accountId
        : !pending.roles || pending.roles.includes(a.role)),
  );
  const [accountId, setAccountId] = useState(eligible.length === 1 ? eligible[0]!.id : '');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const purpose =
    COUNTERSIGN_PURPOSES.find((p) => p.value === pending.purpose)?.label ?? pending.purpose;

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError(null);
    if (!accountId) return setError('Choose your name.');
    if (!passphrase) return setError('Type your own passphrase.');
    setBusy(true);
    try {
      const o = await call('app:records.countersign', {
        recordId: pending.recordId,
        purpose: pending.purpose,
        accountId,
        passphrase,
      });
      setPassphrase('');
      onDone(o);
    } catch (e) {
      setPassphrase('');
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="cs-title"
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="cs-title">Countersign as {purpose.toLowerCase()}</h2>
        <p>
          You are countersigning: <strong>{recordLabel}</strong>
        </p>
        <p className="statement">By signing you affirm: “{pending.statement}”</p>
        <ErrorSummary title="Not countersigned" messages={error ? [error] : []} />
        <div className="field">
          <label htmlFor="cs-account">Your name</label>
          <select id="cs-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">Choose your name…</option>
            {eligible.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} — {ROLE_LABELS[a.role]}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Your own passphrase"
          type="password"
          autoComplete="off"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          hint="The person countersigning types this themselves. It is used once and not kept."
        />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing…' : 'Countersign'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
