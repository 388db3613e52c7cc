// Revoke a delegation of authority to view imagery (R4): the DSL, or a senior leader signed in
// themselves, signs the revocation (app:records.add); at the DSL's PC a senior leader can sign it
// instead with their own passphrase (app:imagery.signAsOther, kind 'delegation-revoked').
import { useState } from 'react';
import type { AccountInfo } from '../../../shared/ipc/contract';
import type { DelegationFact } from '../../../shared/records/imageryFacts';
import { ROLE_LABELS } from '../../../shared/roles';
import { ukDateTime } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { useSession } from '../lib/session';
import { ErrorSummary, TextArea, TextField } from '../components/Field';
import { FindingsPanel } from '../components/Findings';
import { useModal } from './DelegationDialog';
import { refusalOf, useRetryWait, type Refusal } from './signingErrors';

export interface RevokeDialogProps {
  caseId: string;
  delegation: DelegationFact;
  accounts: readonly AccountInfo[];
  onDone: () => void;
  onClose: () => void;
}

export function RevokeDialog({ caseId, delegation, accounts, onDone, onClose }: RevokeDialogProps) {
  const session = useSession();
  const ref = useModal();
  const selfMay = session.role === 'dsl' || session.role === 'slt';
  const leaders = accounts.filter(
    (a) => a.active && a.role === 'slt' && a.id !== session.accountId,
  );
  const [signer, setSigner] = useState<'self' | 'slt'>(selfMay ? 'self' : 'slt');
  const [sltId, setSltId] = useState(leaders.length === 1 ? leaders[0]!.id : '');
  const [passphrase, setPassphrase] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useRetryWait();
  const slt = leaders.find((a) => a.id === sltId);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setErrors([]);
    setRefusal(null);
    const problems: string[] = [];
    if (!reason.trim()) problems.push('Give the reason for revoking the delegation.');
    if (signer === 'slt' && !slt)
      problems.push('Choose the senior leader who signs the revocation.');
    if (signer === 'slt' && !passphrase)
      problems.push('The senior leader types their own passphrase.');
    if (problems.length > 0) return setErrors(problems);
    const body = { delegation: delegation.recordId, reason };
    setBusy(true);
    try {
      if (signer === 'slt' && slt)
        await call('app:imagery.signAsOther', {
          caseId,
          kind: 'delegation-revoked',
          body,
          accountId: slt.id,
          passphrase,
        });
      else await call('app:records.add', { caseId, kind: 'delegation-revoked', body });
      setPassphrase('');
      onDone();
    } catch (e) {
      setPassphrase('');
      const r = refusalOf(e);
      setRefusal(r);
      wait.start(r.retryAfterSeconds);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog dialog-wide"
      aria-labelledby="rv-title"
      data-testid="revoke-dialog"
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="rv-title">Revoke a delegation of authority (R4)</h2>
        <p>
          {delegation.delegateName}’s authority to view imagery for this case, given by{' '}
          {delegation.grantedByName} on {ukDateTime(delegation.grantedAt)}. From now on they cannot
          sign a decision to view; a decision they signed while it was active stays valid.
        </p>
        <ErrorSummary title="Not revoked" messages={refusal ? [refusal.message] : errors} />
        {refusal && refusal.findings.length > 0 && (
          <FindingsPanel title="Rules not met" findings={refusal.findings} />
        )}
        <fieldset className="field">
          <legend>Who signs the revocation</legend>
          <div className="radio-list">
            {selfMay && (
              <div className="radio">
                <input
                  type="radio"
                  id="rv-self"
                  name="rv-signer"
                  checked={signer === 'self'}
                  onChange={() => setSigner('self')}
                />
                <label htmlFor="rv-self">
                  I do ({session.name}, {ROLE_LABELS[session.role]})
                </label>
              </div>
            )}
            <div className="radio">
              <input
                type="radio"
                id="rv-slt"
                name="rv-signer"
                checked={signer === 'slt'}
                onChange={() => setSigner('slt')}
              />
              <label htmlFor="rv-slt">
                A senior leader, here at this PC, with their own passphrase
              </label>
            </div>
          </div>
        </fieldset>
        <TextArea
          label="Reason"
          value={reason}
          maxLength={4000}
          onChange={(e) => setReason(e.target.value)}
        />
        {signer === 'slt' && (
          <fieldset className="group">
            <legend>Senior leader signing</legend>
            <div className="field">
              <label htmlFor="rv-slt-account">Senior leader</label>
              <select id="rv-slt-account" value={sltId} onChange={(e) => setSltId(e.target.value)}>
                <option value="">Choose a person…</option>
                {leaders.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} — {ROLE_LABELS[a.role]}
                  </option>
                ))}
              </select>
            </div>
            {wait.seconds > 0 && (
              <p className="banner banner-warn" role="status">
                Too many wrong passphrases: the senior leader can try again in {wait.seconds} second
                {wait.seconds === 1 ? '' : 's'}.
              </p>
            )}
            <TextField
              label={`${slt?.name ?? 'The senior leader'}’s own passphrase`}
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              hint="The senior leader, not you, signs the revocation."
            />
          </fieldset>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || (signer === 'slt' && wait.seconds > 0)}
          >
            {busy ? 'Signing…' : 'Sign the revocation'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
