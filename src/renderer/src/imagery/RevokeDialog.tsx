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
import { TextArea } from '../components/Field';
import { SigningDialog } from '../components/SigningDialog';

export interface RevokeDialogProps {
  caseId: string;
  delegation: DelegationFact;
  accounts: readonly AccountInfo[];
  onDone: () => void;
  onClose: () => void;
}

export function RevokeDialog({ caseId, delegation, accounts, onDone, onClose }: RevokeDialogProps) {
  const session = useSession();
  const selfMay = session.role === 'dsl' || session.role === 'slt';
  const leaders = accounts.filter(
    (a) => a.active && a.role === 'slt' && a.id !== session.accountId,
  );
  const [signer, setSigner] = useState<'self' | 'slt'>(selfMay ? 'self' : 'slt');
  const [reason, setReason] = useState('');
  const body = () => ({ delegation: delegation.recordId, reason });
  return (
    <SigningDialog
      title="Revoke a delegation of authority (R4)"
      testId="revoke-dialog"
      intro={
        <p>
          {delegation.delegateName}’s authority to view imagery for this case, given by{' '}
          {delegation.grantedByName} on {ukDateTime(delegation.grantedAt)}. From now on they cannot
          view under it; a viewing that started while it was in force stays authorised.
        </p>
      }
      // The DSL or a senior leader signed in signs it themselves; otherwise a senior leader here.
      signers={signer === 'slt' ? leaders : null}
      signerLabel="Senior leader"
      signerLegend="Senior leader signing"
      waitWho="the senior leader"
      passphraseMissing="The senior leader types their own passphrase."
      passphraseHint="The senior leader, not you, signs the revocation."
      errorTitle="Not revoked"
      validate={(slt) => [
        ...(reason.trim() ? [] : ['Give the reason for revoking the delegation.']),
        ...(signer === 'slt' && !slt ? ['Choose the senior leader who signs the revocation.'] : []),
      ]}
      submitLabel={() => 'Sign the revocation'}
      sign={async (slt, passphrase) => {
        if (signer === 'slt' && slt)
          await call('app:imagery.signAsOther', {
            caseId,
            kind: 'delegation-revoked',
            body: body(),
            accountId: slt.id,
            passphrase,
          });
        else await call('app:records.add', { caseId, kind: 'delegation-revoked', body: body() });
      }}
      onDone={onDone}
      onClose={onClose}
    >
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
    </SigningDialog>
  );
}
