// The imagery records in the chronology: a viewing decision's state line once it is final
// ("Final", or "Final — witnessed by X on date"; while it waits, the generic "Awaiting witness" line
// shows), a delegation's state (active or revoked), and the witness's own dialog in place of the
// generic countersignature dialog for a viewing decision (R5: app:imagery.finalise).
import type { ComponentType } from 'react';
import { delegationsOf, viewingDecisionsOf } from '../../../shared/records/imageryFacts';
import { ukDateTime } from '../../../shared/ukTime';
import type { CountersignDialogProps, RecordExtraProps } from '../components/recordExtras';
import { viewingStateText } from './ViewingPanel';
import { WitnessDialog } from './WitnessDialog';

function ViewingStateLine({ record, facts }: RecordExtraProps) {
  const fact = facts
    ? viewingDecisionsOf(facts).find((d) => d.recordId === record.envelope.id)
    : undefined;
  if (!fact?.final) return null;
  const cs = facts?.records[fact.recordId]?.countersignatures.find(
    (c) => c.purpose === 'witness' && c.accountId === fact.witnessId,
  );
  return (
    <p className="record-state ok" data-testid="record-state">
      {viewingStateText({
        fact,
        witnessName: null,
        witnessed: cs ? { name: cs.name, signedAt: cs.signedAt } : null,
      })}
    </p>
  );
}

function DelegationStateLine({ record, facts }: RecordExtraProps) {
  const d = facts ? delegationsOf(facts).find((x) => x.recordId === record.envelope.id) : undefined;
  if (!d) return null;
  return (
    <p className={`record-state ${d.revoked ? 'warning' : 'ok'}`} data-testid="record-state">
      {d.revoked ? `Revoked${d.revokedAt ? ` on ${ukDateTime(d.revokedAt)}` : ''}` : 'Active'}
    </p>
  );
}

export const IMAGERY_RECORD_EXTRAS: Record<string, ComponentType<RecordExtraProps>> = {
  'viewing-decision': ViewingStateLine,
  delegation: DelegationStateLine,
};

export const IMAGERY_COUNTERSIGN_DIALOGS: Record<string, ComponentType<CountersignDialogProps>> = {
  'viewing-decision:witness': WitnessDialog,
};
