// The witness finalises a decision to view imagery (R5): the named witness, at this PC, reads what
// they affirm and types their own passphrase; main countersigns with their key (app:imagery.finalise).
// A wrong passphrase keeps the dialog open; too many make them wait; unmet rules are listed — for R2
// (a copy without the police's advice) with the way to record that advice.
import { useEffect, useRef, useState } from 'react';
import { WITNESS_STATEMENT } from '../../../shared/rules/imagery';
import { ROLE_LABELS } from '../../../shared/roles';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { ErrorSummary, TextField } from '../components/Field';
import { FindingsPanel } from '../components/Findings';
import type { CountersignDialogProps } from '../components/recordExtras';
import { refusalOf, useRetryWait, type Refusal } from './signingErrors';

export function WitnessDialog({
  pending,
  accounts,
  recordLabel,
  onDone,
  onClose,
}: CountersignDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const { route, go } = useNav();
  const witness = accounts.find((a) => a.id === pending.accountId);
  const [passphrase, setPassphrase] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useRetryWait();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setRefusal(null);
    setBusy(true);
    try {
      // Without a passphrase main refuses with R5's "Awaiting witness" (and R2's, if a copy lacks advice).
      const r = await call(
        'app:imagery.finalise',
        passphrase
          ? { recordId: pending.recordId, witnessPassphrase: passphrase }
          : { recordId: pending.recordId },
      );
      setPassphrase('');
      onDone(r.countersignature);
    } catch (e) {
      setPassphrase('');
      const r = refusalOf(e, 'finalise');
      setRefusal(r);
      wait.start(r.retryAfterSeconds);
    } finally {
      setBusy(false);
    }
  };

  const r2 = refusal?.findings.some((f) => f.rule === 'R2');
  const caseId = route.name === 'case' ? route.caseId : null;
  return (
    <dialog
      ref={ref}
      className="dialog dialog-wide"
      aria-labelledby="wd-title"
      data-testid="witness-dialog"
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="wd-title">The witness countersigns (R5)</h2>
        <p>
          Decision: <strong>{recordLabel}</strong>
        </p>
        <p>
          Witness named in the record:{' '}
          <strong data-testid="witness-name">
            {witness ? `${witness.name} — ${ROLE_LABELS[witness.role]}` : 'the named witness'}
          </strong>
          . Only they can finalise this decision, with their own passphrase.
        </p>
        <p className="statement">By countersigning, the witness affirms: “{WITNESS_STATEMENT}”</p>
        <ErrorSummary title="Not finalised" messages={refusal ? [refusal.message] : []} />
        {refusal && refusal.findings.length > 0 && (
          <FindingsPanel title="Rules not met" findings={refusal.findings} />
        )}
        {r2 && caseId && (
          <p>
            <button
              type="button"
              className="link"
              onClick={() => (
                onClose(),
                go({ name: 'add-record', caseId, kind: 'copy-made-advice' })
              )}
            >
              Record the police’s advice about the copy (R2)
            </button>
          </p>
        )}
        {wait.seconds > 0 && (
          <p className="banner banner-warn" role="status">
            Too many wrong passphrases: the witness can try again in {wait.seconds} second
            {wait.seconds === 1 ? '' : 's'}.
          </p>
        )}
        <TextField
          label={`${witness?.name ?? 'The witness'}’s own passphrase`}
          type="password"
          autoComplete="off"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          hint="The witness types this themselves. It is used once for their signature and not kept."
        />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || wait.seconds > 0}>
            {busy ? 'Signing…' : 'Countersign as witness and finalise'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
