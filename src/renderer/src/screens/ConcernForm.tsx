// Record a concern (any account): what was seen, heard or sent, in the words used — with the R2
// guidance on screen. From staff it starts a concern for the DSL to review.
import { useState } from 'react';
import { kindDef } from '../../../shared/records/registry';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { RecordForm } from '../forms/RecordForm';
import { ConcernPupils, concernPupilsPayload, type ConcernPupil } from '../pupils/ConcernPupils';

export function ConcernForm() {
  const session = useSession();
  const { go } = useNav();
  const [done, setDone] = useState<string | null>(null);
  const [pupils, setPupils] = useState<ConcernPupil[]>([]);
  const { data: accounts } = useLoad(() => call('app:accounts.list', {}), []);
  const def = kindDef('concern')!;
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
