// Closing and reopening a case: the closing checklist from closureFindings(facts), each item
// met or missing in words; the status change to "closed" naming the senior leader who countersigns;
// main's refusal (RULE_BLOCKED) listing every missing item; then "Closing — awaiting senior leader"
// and the countersignature dialog for the named senior leader; "Reopen" on a closed case.
import { useEffect, useId, useRef, useState } from 'react';
import type { AccountInfo, CaseDetail } from '../../../shared/ipc/contract';
import type { PendingCountersignature } from '../../../shared/records/facts';
import { closureFindings } from '../../../shared/rules/closure';
import type { Finding } from '../../../shared/rules/finding';
import { ROLE_LABELS } from '../../../shared/roles';
import { call } from '../lib/api';
import { useSession } from '../lib/session';
import { ErrorSummary, TextArea } from '../components/Field';
import { FindingsPanel } from '../components/Findings';
import { CountersignDialog } from '../components/CountersignDialog';
import { refusalOf, type Refusal } from '../imagery/signingErrors';

function Checklist({ findings }: { findings: readonly Finding[] }) {
  const missing = findings.filter((f) => f.status !== 'met').length;
  return (
    <section
      className="closing-checklist"
      aria-labelledby="closing-checklist-title"
      data-testid="closing-checklist"
    >
      <h3 id="closing-checklist-title">Before the case can close</h3>
      <p className={missing ? 'warning' : 'ok'}>
        {missing
          ? `${missing} item${missing === 1 ? '' : 's'} missing: the case cannot close yet.`
          : 'Every item is in place.'}
      </p>
      <ul className="plain">
        {findings.map((f, i) => (
          <li
            key={`${f.rule}-${i}`}
            className={`closing-item ${f.status === 'met' ? 'closing-met' : 'closing-missing'}`}
            data-rule={f.rule}
            data-status={f.status === 'met' ? 'met' : 'missing'}
          >
            <span className="closing-word">{f.status === 'met' ? '✓ Done' : '✗ Missing'}</span>{' '}
            {f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The "Close the case" form: the checklist, the reason and the named senior leader. */
export function CloseForm({
  detail,
  accounts,
  onDone,
  onCancel,
}: {
  detail: CaseDetail;
  accounts: readonly AccountInfo[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [reason, setReason] = useState('');
  const [approverId, setApproverId] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const slt = accounts.filter((a) => a.active && a.role === 'slt');
  const findings = detail.facts ? closureFindings(detail.facts) : [];
  useEffect(() => headingRef.current?.focus(), []);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setRefusal(null);
    const problems = [
      ...(reason.trim() ? [] : ['Give the reason for closing the case.']),
      ...(approverId ? [] : ['Choose the senior leader who will countersign the closure.']),
    ];
    setErrors(problems);
    if (problems.length) return;
    const approver = slt.find((a) => a.id === approverId)!;
    setBusy(true);
    try {
      await call('app:records.add', {
        caseId: detail.case.id,
        kind: 'status-change',
        body: {
          to: 'closed',
          reason: reason.trim(),
          approver: { accountId: approver.id, name: approver.name },
        },
      });
      onDone();
    } catch (e) {
      setRefusal(refusalOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="closing" aria-labelledby={`${ids}-title`} data-testid="close-case">
      <h3 id={`${ids}-title`} ref={headingRef} tabIndex={-1}>
        Close the case
      </h3>
      <Checklist findings={findings} />
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${ids}-title`}>
        <ErrorSummary
          title={refusal ? 'The case was not closed' : 'There is a problem'}
          messages={refusal ? [refusal.message] : errors}
        />
        {refusal && refusal.findings.length > 0 && (
          <FindingsPanel
            title="CaseSeal cannot close the case yet: still missing"
            findings={refusal.findings}
          />
        )}
        <TextArea
          label="Reason for closing"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={4000}
        />
        <div className="field">
          <label htmlFor={`${ids}-approver`}>Senior leader who will countersign the closure</label>
          <p className="hint" id={`${ids}-approver-hint`}>
            The case shows “Closing — awaiting senior leader” until they countersign with their own
            passphrase.
          </p>
          <select
            id={`${ids}-approver`}
            aria-describedby={`${ids}-approver-hint`}
            value={approverId}
            onChange={(e) => setApproverId(e.target.value)}
          >
            <option value="">Choose a senior leader…</option>
            {slt.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} — {ROLE_LABELS[a.role]}
              </option>
            ))}
          </select>
          {slt.length === 0 && (
            <p className="warning" data-testid="no-senior-leader">
              There is no active senior leader account: add one in Accounts first.
            </p>
          )}
        </div>
        <p className="signing-note">
          When you press the button, CaseSeal signs this status change as{' '}
          <strong>{session.name}</strong>. CaseSeal checks the list above again and cannot close the
          case while anything is missing.
        </p>
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing…' : 'Sign and ask the senior leader to countersign'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** "Closing — awaiting senior leader": who must countersign, and the dialog for them. */
export function AwaitingClosure({
  detail,
  accounts,
  onDone,
}: {
  detail: CaseDetail;
  accounts: readonly AccountInfo[];
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const pending: PendingCountersignature | undefined = detail.facts?.pendingCountersignatures.find(
    (p) => p.purpose === 'closure',
  );
  const name = pending?.accountId
    ? (accounts.find((a) => a.id === pending.accountId)?.name ?? 'the named senior leader')
    : 'a senior leader';
  return (
    <div className="banner banner-warn" data-testid="closing-awaiting">
      <p>
        <strong>Closing — awaiting senior leader.</strong> {name} must countersign the closure with
        their own passphrase before the case shows as closed.
      </p>
      {pending && (
        <button type="button" className="primary" onClick={() => setOpen(true)}>
          {name} countersigns the closure
        </button>
      )}
      {open && pending && (
        <CountersignDialog
          pending={pending}
          accounts={accounts}
          authorId={pending.authorId}
          recordLabel={`Closing the case ${detail.case.ref}`}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            onDone();
          }}
        />
      )}
    </div>
  );
}

/** Reopening a closed case is a signed status change too. */
export function ReopenForm({
  detail,
  onDone,
  onCancel,
}: {
  detail: CaseDetail;
  onDone: () => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => headingRef.current?.focus(), []);
  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setRefusal(null);
    setErrors(reason.trim() ? [] : ['Give the reason for reopening the case.']);
    if (!reason.trim()) return;
    setBusy(true);
    try {
      await call('app:records.add', {
        caseId: detail.case.id,
        kind: 'status-change',
        body: { to: 'reopened', reason: reason.trim() },
      });
      onDone();
    } catch (e) {
      setRefusal(refusalOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="closing" aria-labelledby="reopen-title" data-testid="reopen-case">
      <h3 id="reopen-title" ref={headingRef} tabIndex={-1}>
        Reopen the case
      </h3>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="reopen-title">
        <ErrorSummary
          title={refusal ? 'The case was not reopened' : 'There is a problem'}
          messages={refusal ? [refusal.message] : errors}
        />
        {refusal && refusal.findings.length > 0 && (
          <FindingsPanel title="CaseSeal cannot sign this yet" findings={refusal.findings} />
        )}
        <TextArea
          label="Reason for reopening"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={4000}
        />
        <p className="signing-note">
          CaseSeal signs this status change as <strong>{session.name}</strong>.
        </p>
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing…' : 'Sign and reopen'}
          </button>
        </div>
      </form>
    </section>
  );
}
