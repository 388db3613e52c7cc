// A senior leader gives a deputy DSL authority to view imagery for this case (R4), at the DSL's PC:
// the senior leader — not the person signed in — signs the delegation with their own key, by
// choosing their name and typing their own passphrase (app:imagery.signAsOther, kind 'delegation').
// The kind's own schema and rule check run here first, with the senior leader as the signer, so
// the dialog explains a refusal before any passphrase is tried; main checks everything again.
import { useEffect, useRef, useState } from 'react';
import { utcToUkLocal } from '../../../shared/ukTime';
import { SigningDialog } from '../components/SigningDialog';
import { DateTimeInput } from '../forms/DateTimeInput';
import type { AccountInfo } from '../../../shared/ipc/contract';
import type { CaseFacts } from '../../../shared/records/facts';
import { DELEGATION_STATEMENT, delegation } from '../../../shared/records/kinds/delegation';
import { blockingFindings } from '../../../shared/rules/finding';
import { ROLE_LABELS } from '../../../shared/roles';
import { call } from '../lib/api';
import { useSession } from '../lib/session';
import { TextArea } from '../components/Field';

export interface DelegationDialogProps {
  caseId: string;
  facts: CaseFacts;
  accounts: readonly AccountInfo[];
  onDone: () => void;
  onClose: () => void;
}

function AccountSelect({
  id,
  label,
  hint,
  list,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  list: readonly AccountInfo[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        <option value="">Choose a person…</option>
        {list.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} — {ROLE_LABELS[a.role]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function useModal(): React.RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return ref;
}

export function DelegationDialog({
  caseId,
  facts,
  accounts,
  onDone,
  onClose,
}: DelegationDialogProps) {
  const session = useSession();
  const deputies = accounts.filter((a) => a.active && a.role === 'deputy');
  const leaders = accounts.filter(
    (a) => a.active && a.role === 'slt' && a.id !== session.accountId,
  );
  const [delegateId, setDelegateId] = useState(deputies.length === 1 ? deputies[0]!.id : '');
  const [authority, setAuthority] = useState(false);
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState('');
  // R4: the authority starts now (or later) — never before it is signed — and may end.
  const [startsAt, setStartsAt] = useState(() => utcToUkLocal(new Date().toISOString()));
  const [endsAt, setEndsAt] = useState('');

  const bodyOf = (): Record<string, unknown> => {
    const delegate = deputies.find((a) => a.id === delegateId);
    return {
      ...(delegate ? { delegate: { accountId: delegate.id, name: delegate.name } } : {}),
      ...(authority ? { authority: true } : {}),
      ...(reason.trim() ? { reason } : {}),
      ...(conditions.trim() ? { conditions } : {}),
      ...(startsAt ? { startsAt } : {}),
      ...(endsAt ? { endsAt } : {}),
    };
  };

  // The kind's own schema and rules, with the senior leader as the signer, before any passphrase.
  const validate = (slt: AccountInfo | undefined): string[] => {
    const problems: string[] = [];
    const parsed = delegation.schema.safeParse(bodyOf());
    if (!parsed.success)
      problems.push(
        ...parsed.error.issues.map((i) =>
          i.path[0] === 'delegate'
            ? 'Choose the member of the safeguarding team to give authority to.'
            : i.message,
        ),
      );
    if (!slt) problems.push('Choose the senior leader who signs this delegation.');
    if (slt && parsed.success) {
      const blocking = blockingFindings(
        delegation.check?.(parsed.data, {
          actor: { id: slt.id, name: slt.name, role: slt.role, active: slt.active },
          accounts,
          facts,
          now: new Date().toISOString(),
        }) ?? [],
        'sign',
      );
      problems.push(...blocking.map((f) => `${f.rule}: ${f.message}`));
    }
    return problems;
  };

  return (
    <SigningDialog
      title="A senior leader gives authority to view imagery (R4)"
      testId="delegation-dialog"
      intro={
        <p className="banner banner-info" role="note">
          <strong>The senior leader signs this delegation, not you.</strong> They choose their name
          below and type their own passphrase on this PC; their own key signs it. The passphrase is
          used once and not kept. The authority covers this case only, from when it starts, and can
          be revoked later. It never covers a viewing that has already happened.
        </p>
      }
      signers={leaders}
      signerLabel="Senior leader"
      signerLegend="Senior leader signing"
      waitWho="the senior leader"
      passphraseMissing="The senior leader types their own passphrase."
      passphraseHint="The senior leader types this themselves."
      errorTitle="Not signed"
      validate={validate}
      submitLabel={(slt) => `Sign as ${slt?.name ?? 'the senior leader'}`}
      sign={async (slt, passphrase) => {
        await call('app:imagery.signAsOther', {
          caseId,
          kind: 'delegation',
          body: bodyOf(),
          accountId: slt!.id,
          passphrase,
        });
      }}
      onDone={onDone}
      onClose={onClose}
    >
      <AccountSelect
        id="dg-delegate"
        label="Member of the safeguarding team given authority to view"
        hint="A deputy DSL. The DSL needs no delegation."
        list={deputies}
        value={delegateId}
        onChange={setDelegateId}
      />
      <div className="field checkbox declaration">
        <input
          type="checkbox"
          id="dg-authority"
          checked={authority}
          onChange={(e) => setAuthority(e.target.checked)}
        />
        <label htmlFor="dg-authority">
          <strong>Authority:</strong> {DELEGATION_STATEMENT}
        </label>
      </div>
      <TextArea
        label="Why this person"
        value={reason}
        maxLength={4000}
        onChange={(e) => setReason(e.target.value)}
      />
      <DateTimeInput
        id="dg-starts"
        kind="datetime"
        legend="Authority starts (required by rule R4)"
        help={<p className="hint">Now, or later: never before it is signed.</p>}
        value={startsAt}
        onChange={setStartsAt}
      />
      <DateTimeInput
        id="dg-ends"
        kind="datetime"
        legend="Authority ends (optional)"
        help={<p className="hint">Leave empty if it lasts until it is revoked.</p>}
        value={endsAt}
        onChange={setEndsAt}
      />
      <TextArea
        label="Any conditions (optional)"
        hint="For example: only with a named senior leader as witness."
        value={conditions}
        maxLength={4000}
        onChange={(e) => setConditions(e.target.value)}
      />
    </SigningDialog>
  );
}
