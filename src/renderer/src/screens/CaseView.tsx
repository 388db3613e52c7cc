// A case: its details, flags and the chronology of every signed record (oldest or newest first),
// with corrections, countersignatures and what still waits; the actions the person may take.
import { useMemo, useState } from 'react';
import type { SignedRecord } from '../../../shared/records/envelope';
import type { PendingCountersignature } from '../../../shared/records/facts';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/records/facts';
import { RECORD_KINDS, kindDef, kindLabel } from '../../../shared/records/registry';
import { incidentKindLabel } from '../../../shared/incidentCategories';
import { ukDateTime } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { RecordCard } from '../components/RecordCard';
import { CountersignDialog } from '../components/CountersignDialog';
import { COUNTERSIGN_DIALOGS } from '../components/recordExtras';
import { IMAGERY_FLAG_LABELS } from '../../../shared/records/imageryFacts';
import { CUSTODY_FLAG_LABELS } from '../../../shared/records/kinds/custody';
import { REFERRAL_FLAG_LABELS } from '../referral/referralShared';
import { CASE_PANELS } from './casePanels';

export const FLAG_LABELS: Record<string, string> = {
  ...IMAGERY_FLAG_LABELS,
  ...CUSTODY_FLAG_LABELS, // Something deleted from or copied off a seized device
  ...REFERRAL_FLAG_LABELS,
};

export function CaseView({ caseId, focusRecordId }: { caseId: string; focusRecordId?: string }) {
  const session = useSession();
  const { go } = useNav();
  const [newestFirst, setNewestFirst] = useState(false);
  const [dialog, setDialog] = useState<PendingCountersignature | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // "Add a record": choosing in the list does not navigate (WCAG 3.2.2); the button does.
  const [addKind, setAddKind] = useState('');
  const { data, error, loading, reload } = useLoad(async () => {
    const [detail, accounts] = await Promise.all([
      call('app:cases.get', { caseId }),
      call('app:accounts.list', {}),
    ]);
    return { detail, accounts };
  }, [caseId]);

  const byId = useMemo(
    () => new Map((data?.detail.records ?? []).map((r) => [r.envelope.id, r])),
    [data],
  );
  if (loading && !data) return <p aria-busy="true">Loading the case…</p>;
  if (error || !data) return <p role="alert">{error}</p>;
  const { detail, accounts } = data;
  const Dialog =
    (dialog && COUNTERSIGN_DIALOGS[`${dialog.kind}:${dialog.purpose}`]) ?? CountersignDialog;
  const facts = detail.facts;
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  const lookups = {
    record: (id: string) => {
      const r = byId.get(id);
      return r
        ? `${kindLabel(r.envelope.kind)} — ${r.envelope.signer.name}, ${ukDateTime(r.envelope.signedAt)}`
        : undefined;
    },
    child: (id: string) => facts?.children.find((c) => c.id === id)?.name,
    device: (id: string) => facts?.devices?.[id]?.exhibitRef,
    account: (id: string) => accountName.get(id),
  };
  // Countersignatures and corrections are shown on the record they belong to, not as entries.
  const shown = detail.records.filter(
    (r) => r.envelope.kind !== 'countersignature' && r.envelope.kind !== 'correction',
  );
  const ordered = newestFirst ? [...shown].reverse() : shown;
  const status = (facts?.status ?? detail.case.status) as CaseStatus;
  const canAdd = detail.access === 'full' && status !== 'closed';
  const addable = RECORD_KINDS.filter((k) => k.userForm && k.mayCreate.includes(session.role));
  const pendingFor = (r: SignedRecord) =>
    (facts?.pendingCountersignatures ?? []).filter((p) => p.recordId === r.envelope.id);
  const mayCorrect = (r: SignedRecord) =>
    !!kindDef(r.envelope.kind)?.correctable &&
    (r.envelope.signer.accountId === session.accountId || isTeam(session)) &&
    status !== 'closed';

  return (
    <div className="case-view">
      <h1>
        {detail.case.ref}: {detail.case.title}
      </h1>
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      <dl className="case-summary">
        <div>
          <dt>Status</dt>
          <dd data-testid="case-status">{CASE_STATUS_LABELS[status] ?? status}</dd>
        </div>
        {detail.case.incidentKind && (
          <div>
            <dt>Kind of incident</dt>
            <dd>
              {incidentKindLabel(
                detail.case.incidentKind,
                [],
                // The school's own kinds carry their name in the signed record (main puts it there).
                detail.records.findLast((r) => r.envelope.kind === 'case-opened')?.envelope.body
                  .incidentKindLabel,
              )}
            </dd>
          </div>
        )}
        {facts && facts.children.length > 0 && (
          <div>
            <dt>Children</dt>
            <dd>
              {facts.children
                .map(
                  (c) =>
                    `${c.name}${c.yearGroup ? ` (${c.yearGroup})` : ''}${c.send ? ', SEND' : ''}`,
                )
                .join('; ')}
            </dd>
          </div>
        )}
      </dl>
      {(facts?.flags ?? []).map((f) => (
        <p key={f} className="banner banner-alarm" role="note" data-flag={f}>
          {FLAG_LABELS[f] ?? f}
        </p>
      ))}
      {detail.access === 'own-records' && (
        <p className="banner banner-info">
          You can see the records you made on this case. The safeguarding team can see the whole
          case.
        </p>
      )}
      <div className="actions case-actions">
        {status === 'concern' && isTeam(session) && (
          <button
            type="button"
            className="primary"
            onClick={() => go({ name: 'open-case', fromCaseId: caseId })}
          >
            Open a case from this concern
          </button>
        )}
        {canAdd && status !== 'concern' && addable.length > 0 && (
          <form
            className="add-record"
            onSubmit={(e) => {
              e.preventDefault();
              if (addKind) go({ name: 'add-record', caseId, kind: addKind });
            }}
          >
            <label htmlFor="add-kind">Add a record</label>
            <select id="add-kind" value={addKind} onChange={(e) => setAddKind(e.target.value)}>
              <option value="">Choose what to record…</option>
              {addable.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
            <button type="submit">Open the form</button>
          </form>
        )}
        {isTeam(session) && (
          <button type="button" onClick={() => go({ name: 'audit', caseId })}>
            Who has opened this case
          </button>
        )}
      </div>
      {CASE_PANELS.map((Panel, i) => (
        <Panel key={i} detail={detail} reload={reload} />
      ))}
      <section aria-labelledby="chrono-title">
        <div className="section-head">
          <h2 id="chrono-title">Chronology</h2>
          <button
            type="button"
            className="secondary"
            onClick={() => setNewestFirst(!newestFirst)}
            aria-pressed={newestFirst}
          >
            {newestFirst ? 'Show oldest first' : 'Show newest first'}
          </button>
        </div>
        <ol className="chronology">
          {ordered.map((r) => (
            <li key={r.envelope.id}>
              <RecordCard
                record={r}
                facts={facts}
                byId={byId}
                lookups={lookups}
                pending={pendingFor(r)}
                canCorrect={mayCorrect(r)}
                onCorrect={() => go({ name: 'correct', caseId, recordId: r.envelope.id })}
                onCountersign={detail.access === 'full' ? setDialog : undefined}
                focused={r.envelope.id === focusRecordId}
              />
            </li>
          ))}
        </ol>
      </section>
      {dialog && (
        <Dialog
          pending={dialog}
          accounts={accounts}
          authorId={byId.get(dialog.recordId)?.envelope.signer.accountId ?? ''}
          recordLabel={lookups.record(dialog.recordId) ?? 'this record'}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setNotice('Countersignature saved.');
            reload();
          }}
        />
      )}
    </div>
  );
}
