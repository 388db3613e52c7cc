// "Add a device": the seizure in four answers (what it is, whose it is, the bag or seal number,
// where it is locked), signed through app:devices.add. Main gives the device its id and exhibit
// reference; the person is then shown the reference to write on the evidence bag, and completes
// the rest of the description later in the device's checklist (R9, R10).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RecordKindDef } from '../../../shared/records/kindDef';
import { kindDef } from '../../../shared/records/registry';
import { SEIZURE_FIELDS } from '../../../shared/records/kinds/deviceAdded';
import { bodySchemaFromFields } from '../../../shared/records/formSchema';
import { DEVICE_ADDED } from '../../../shared/rules/custody';
import type { Finding } from '../../../shared/rules/finding';
import { call } from '../lib/api';
import { checkContextFor, choicesFor } from '../lib/caseContext';
import { useNav } from '../lib/nav';
import { useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { RecordForm } from '../forms/RecordForm';
import { AdviceList } from './AdviceList';
import { mayAddDevice } from './custodyAccess';

/**
 * The form asks only the four seizure answers, validated with the same strict field schema main
 * uses inside deviceBodySchema; the device id and exhibit reference, which that wrapper also
 * requires, are main's to add (R10), so they are left out here. Main still validates the whole body.
 */
function formDefOf(def: RecordKindDef): RecordKindDef {
  return { ...def, fields: SEIZURE_FIELDS, schema: bodySchemaFromFields(SEIZURE_FIELDS) };
}

interface Added {
  deviceId: string;
  exhibitRef: string;
  findings: Finding[];
  warnings: string[];
}

export function AddDevice({ caseId }: { caseId: string }) {
  const session = useSession();
  const { go } = useNav();
  const def = kindDef(DEVICE_ADDED)!;
  const formDef = useMemo(() => formDefOf(def), [def]);
  const [added, setAdded] = useState<Added | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const { data, error } = useLoad(async () => {
    const [detail, accounts] = await Promise.all([
      call('app:cases.get', { caseId }),
      call('app:accounts.list', {}),
    ]);
    return { detail, accounts };
  }, [caseId]);
  useEffect(() => {
    if (added) doneRef.current?.focus();
  }, [added]);

  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p aria-busy="true">Loading…</p>;
  const { detail, accounts } = data;

  if (added) {
    const advice = added.findings.filter((f) => f.status !== 'met');
    return (
      <div className="custody-added">
        <h1 ref={doneRef} tabIndex={-1}>
          Device recorded as exhibit {added.exhibitRef}
        </h1>
        <div className="exhibit-callout" data-testid="exhibit-callout">
          <p>Write this on the evidence bag:</p>
          <p className="exhibit-ref-big">{added.exhibitRef}</p>
          <p>
            Quote it whenever you record anything about this device, and on the handover to the
            police.
          </p>
        </div>
        <p data-testid="describe-later">
          Complete the rest of the description (make, colour, condition and its state when seized)
          in the device’s checklist when you can. The case cannot be closed until it is complete.
        </p>
        {added.warnings.map((w) => (
          <p key={w} className="banner banner-warn">
            {w}
          </p>
        ))}
        <AdviceList title="Advice" findings={advice} />
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => go({ name: 'device', caseId, deviceId: added.deviceId })}
          >
            Go to the seizure checklist
          </button>
          <button type="button" onClick={() => go({ name: 'case', caseId })}>
            Back to the case
          </button>
        </div>
      </div>
    );
  }

  if (!mayAddDevice(session, detail)) {
    return (
      <div>
        <h1>Add a device</h1>
        <p role="alert">
          Only the DSL or a deputy DSL can add a device, and only to a case that is not closed.
        </p>
      </div>
    );
  }

  return (
    <div>
      <h1>
        Add a device <span className="muted">— {detail.case.ref}</span>
      </h1>
      <p>
        Four answers are enough to get the exhibit reference now. The rest of the description is
        completed later in the device’s checklist.
      </p>
      <RecordForm
        def={formDef}
        choices={choicesFor(session, accounts, detail)}
        checkContext={checkContextFor(session, accounts, detail)}
        signerName={session.name}
        submitLabel="Sign and get the exhibit reference"
        onCancel={() => go({ name: 'case', caseId })}
        onSubmit={async (body) => {
          const o = await call('app:devices.add', { caseId, body });
          setAdded({
            deviceId: o.deviceId,
            exhibitRef: o.exhibitRef,
            findings: o.findings,
            warnings: o.warnings,
          });
        }}
      />
    </div>
  );
}
