// Record a concern (any account): what was seen, heard or sent, in the words used — with the R2
// guidance on screen. Staff seal it to the safeguarding team and get a receipt; they cannot read it
// back (least privilege).
import { useState } from 'react';
import { kindDef } from '../../../shared/records/registry';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { RecordForm } from '../forms/RecordForm';
import { ConcernPupils, concernPupilsPayload, type ConcernPupil } from '../pupils/ConcernPupils';
import type { ConcernReceiptInfo } from '../../../shared/ipc/contract';
import { ukDateTime } from '../../../shared/ukTime';

/** The staff member's receipt: all they keep of a sealed concern. */
function ConcernReceipt({
  receipt,
  onAnother,
}: {
  receipt: ConcernReceiptInfo;
  onAnother: () => void;
}) {
  return (
    <div>
      <h1>Concern sealed and sent to the safeguarding team</h1>
      <p role="status">
        Your concern has been signed with your key and sealed so that only the safeguarding team can
        open it. You cannot open it again. Write down the reference, or tell the DSL it.
      </p>
      <dl className="summary-list" data-testid="concern-receipt">
        <dt>Reference</dt>
        <dd>{receipt.reference}</dd>
        <dt>Sealed at (UK time)</dt>
        <dd>{ukDateTime(receipt.sealedAt)}</dd>
        <dt>Fingerprint of what you signed (SHA-256)</dt>
        <dd className="mono">{receipt.sha256.match(/.{1,8}/g)?.join(' ')}</dd>
      </dl>
      <div className="actions">
        <button type="button" onClick={onAnother}>
          Record another concern
        </button>
      </div>
    </div>
  );
}

export function ConcernForm() {
  const session = useSession();
  const { go } = useNav();
  const [done, setDone] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<ConcernReceiptInfo | null>(null);
  const [pupils, setPupils] = useState<ConcernPupil[]>([]);
  const { data: accounts } = useLoad(
    () => (session.vaultOpen ? call('app:accounts.list', {}) : Promise.resolve([])),
    [],
  );
  const def = kindDef('concern')!;
  if (receipt) return <ConcernReceipt receipt={receipt} onAnother={() => setReceipt(null)} />;
  if (done) {
    return (
      <div>
        <h1>Concern recorded</h1>
        <p role="status">
          Your concern has been signed and saved. The safeguarding team has been told it is waiting
          for review.
        </p>
        <div className="actions">
          <button type="button" onClick={() => go({ name: 'case', caseId: done })}>
            View what you recorded
          </button>
          <button type="button" className="primary" onClick={() => go({ name: 'home' })}>
            Back to home
          </button>
        </div>
      </div>
    );
  }
  return (
    <div>
      <h1>Record a concern</h1>
      <p>
        {isTeam(session)
          ? 'A concern starts a new record for review. To add to an existing case, open the case and add a record.'
          : 'Write down what you saw, heard or were sent. The Designated Safeguarding Lead will review it.'}
      </p>
      {isTeam(session) && <ConcernPupils value={pupils} onChange={setPupils} />}
      <RecordForm
        def={def}
        choices={{ accounts: accounts ?? [], selfId: session.accountId }}
        signerName={session.name}
        onSubmit={async (body) => {
          if (!session.vaultOpen) {
            setReceipt(await call('app:intake.seal', { body }));
            return;
          }
          const o =
            pupils.length > 0
              ? await call('app:pupils.concern', { body, pupils: concernPupilsPayload(pupils) })
              : await call('app:records.concern', { body });
          setDone(o.caseId);
        }}
      />
    </div>
  );
}
