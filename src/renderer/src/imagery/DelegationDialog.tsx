// A senior leader gives a deputy DSL authority to view imagery for this case (R4), at the DSL's PC:
// the senior leader — not the person signed in — signs the delegation with their own key, by
// choosing their name and typing their own passphrase (app:imagery.signAsOther, kind 'delegation').
// The kind's own schema and rule check run here first, with the senior leader as the signer, so
// the dialog explains a refusal before any passphrase is tried; main checks everything again.
import { useEffect, useRef, useState } from 'react';
import type { AccountInfo } from '../../../shared/ipc/contract';
import type { CaseFacts } from '../../../shared/records/facts';
import { DELEGATION_STATEMENT, delegation } from '../../../shared/records/kinds/delegation';
import { blockingFindings } from '../../../shared/rules/finding';
import { ROLE_LABELS } from '../../../shared/roles';
import { call } from '../lib/api';
import { useSession } from '../lib/session';
import { ErrorSummary, TextArea, TextField } from '../components/Field';
import { FindingsPanel } from '../components/Findings';
import { refusalOf, useRetryWait, type Refusal } from './signingErrors';

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
  const ref = useModal();
  const deputies = accounts.filter((a) => a.active && a.role === 'deputy');
  const leaders = accounts.filter(
    (a) => a.active && a.role === 'slt' && a.id !== session.accountId,
  );
  const [delegateId, setDelegateId] = useState(deputies.length === 1 ? deputies[0]!.id : '');
  const [authority, setAuthority] = useState(false);
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState('');
  const [sltId, setSltId] = useState(leaders.length === 1 ? leaders[0]!.id : '');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useRetryWait();
  const slt = leaders.find((a) => a.id === sltId);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setErrors([]);
    setRefusal(null);
    const delegate = deputies.find((a) => a.id === delegateId);
    const body: Record<string, unknown> = {
      ...(delegate ? { delegate: { accountId: delegate.id, name: delegate.name } } : {}),
      ...(authority ? { authority: true } : {}),
      ...(reason.trim() ? { reason } : {}),
      ...(conditions.trim() ? { conditions } : {}),
    };
    const problems: string[] = [];
    const parsed = delegation.schema.safeParse(body);
    if (!parsed.success)
      problems.push(
        ...parsed.error.issues.map((i) =>
          i.path[0] === 'delegate'
            ? 'Choose the member of the safeguarding team to give authority to.'
            : i.message,
        ),
      );
    if (!slt) problems.push('Choose the senior leader who signs this delegation.');
    if (!passphrase) problems.push('The senior leader types their own passphrase.');
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
    if (problems.length > 0 || !slt) return setErrors([...new Set(problems)]);
    setBusy(true);
    try {
      await call('app:imagery.signAsOther', {
        caseId,
        kind: 'delegation',
        body,
        accountId: slt.id,
        passphrase,
      });
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
      aria-labelledby="dg-title"
      data-testid="delegation-dialog"
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="dg-title">A senior leader gives authority to view imagery (R4)</h2>
        <p className="banner banner-info" role="note">
          <strong>The senior leader signs this delegation, not you.</strong> They choose their name
          below and type their own passphrase on this PC; their own key signs it. The passphrase is
          used once and not kept. The authority covers this case only and can be revoked later.
        </p>
        <ErrorSummary title="Not signed" messages={refusal ? [refusal.message] : errors} />
        {refusal && refusal.findings.length > 0 && (
          <FindingsPanel title="Rules not met" findings={refusal.findings} />
        )}
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
        <TextArea
          label="Any conditions (optional)"
          hint="For example: only with a named senior leader as witness."
          value={conditions}
          maxLength={4000}
          onChange={(e) => setConditions(e.target.value)}
        />
        <fieldset className="group">
          <legend>Senior leader signing</legend>
          <AccountSelect
            id="dg-slt"
            label="Senior leader"
            list={leaders}
            value={sltId}
            onChange={setSltId}
          />
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
            hint="The senior leader types this themselves."
          />
        </fieldset>
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || wait.seconds > 0}>
            {busy ? 'Signing…' : `Sign as ${slt?.name ?? 'the senior leader'}`}
          </button>
        </div>
      </form>
    </dialog>
  );
}
