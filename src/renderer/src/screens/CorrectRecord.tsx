// Correct a signed record: its form pre-filled with what was signed, plus the reason. The original
// stays in the log and is shown "corrected by …" (records are evidence). The kind's rules were
// enforced when the original was signed; a correction is checked against the kind's schema only,
// so the form shows no live rule findings (they would warn of refusals main does not make).
import { useState } from 'react';
import { kindDef, kindLabel } from '../../../shared/records/registry';
import { signedLine } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { choicesFor } from '../lib/caseContext';
import { RecordForm } from '../forms/RecordForm';
import { TextArea } from '../components/Field';
import { withSchoolKinds } from '../lib/incidentKinds';

export function CorrectRecord({ caseId, recordId }: { caseId: string; recordId: string }) {
  const session = useSession();
  const { go } = useNav();
  const [reason, setReason] = useState('');
  const { data, error } = useLoad(async () => {
    const [detail, accounts, own] = await Promise.all([
      call('app:cases.get', { caseId }),
      call('app:accounts.list', {}),
      call('app:categories.list', {}),
    ]);
    return { detail, accounts, own };
  }, [caseId]);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p aria-busy="true">Loading…</p>;
  const target = data.detail.records.find((r) => r.envelope.id === recordId);
  const builtIn = target ? kindDef(target.envelope.kind) : undefined;
  if (!target || !builtIn) return <p role="alert">That record was not found.</p>;
  const latest = data.detail.facts?.effective[recordId] ?? target.envelope.body;
  // A case's details offer the school's own kinds of incident too, keeping the one the case has
  // even if it has since been retired.
  const def =
    target.envelope.kind === 'case-opened'
      ? withSchoolKinds(
          builtIn,
          data.own,
          typeof latest.incidentKind === 'string' ? latest.incidentKind : undefined,
        )
      : builtIn;
  return (
    <div>
      <h1>Correct a record</h1>
      <p>
        You are correcting the <strong>{kindLabel(target.envelope.kind)}</strong>.{' '}
        {signedLine(target.envelope.signer.name, target.envelope.signedAt)}. The original is kept
        exactly as it was signed; your correction is a new signed record that points to it.
      </p>
      <TextArea
        label="Reason for the correction"
        hint="For example: wrong date; the corridor was Year 10, not Year 11."
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <RecordForm
        def={def}
        choices={choicesFor(session, data.accounts, data.detail)}
        defaultValues={latest}
        signerName={session.name}
        submitLabel="Sign the correction"
        onCancel={() => go({ name: 'case', caseId })}
        onSubmit={async (corrected) => {
          const o = await call('app:records.correct', { recordId, reason, corrected });
          go({ name: 'case', caseId, recordId: o.recordId });
        }}
      />
    </div>
  );
}
