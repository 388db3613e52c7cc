// One checklist step or custody movement (R9, R10): the generic form from the kind's
// fields with its guidance on top, live rule findings, `when` defaulting to now, signed through
// app:devices.step. The form echoes the device id and exhibit reference so the live checks know
// the device; main accepts only the device's own values.
import { useEffect, useRef } from 'react';
import type { AccountInfo, CaseDetail, SignOutcome } from '../../../shared/ipc/contract';
import { kindDef } from '../../../shared/records/registry';
import {
  CUSTODY_KIND_LABELS,
  DEVICE_DESCRIBED,
  type DeviceStepKind,
  type DeviceView,
} from '../../../shared/rules/custody';
import { DESCRIPTION_FIELDS } from '../../../shared/records/kinds/deviceAdded';
import { utcToUkLocal } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { checkContextFor, choicesFor } from '../lib/caseContext';
import { useSession } from '../lib/session';
import { RecordForm } from '../forms/RecordForm';

/** Sensible starting values from what is already recorded (all can be changed before signing). */
function defaultsFor(kind: DeviceStepKind, device: DeviceView): Record<string, unknown> {
  if (kind === DEVICE_DESCRIBED) {
    // The description as it stands, to add to; the statement is made afresh each time (R2).
    const out: Record<string, unknown> = {
      deviceId: device.deviceId,
      exhibitRef: device.exhibitRef,
    };
    for (const f of DESCRIPTION_FIELDS)
      if (f.name !== 'notBrowsed' && device.body[f.name] !== undefined)
        out[f.name] = device.body[f.name];
    return out;
  }
  // The time the form opens, UK wall clock; the person types the real time if it differs.
  const out: Record<string, unknown> = {
    deviceId: device.deviceId,
    exhibitRef: device.exhibitRef,
    when: utcToUkLocal(new Date().toISOString()),
  };
  const seal = typeof device.body.sealNumber === 'string' ? device.body.sealNumber : undefined;
  if (kind === 'custody-put-back' && device.chain.location) out.location = device.chain.location;
  // Where it was locked, from the four-answer seizure, is where it was secured unless changed.
  if (kind === 'custody-secured' && device.chain.lockedIn) out.location = device.chain.lockedIn;
  if (kind === 'custody-secured' && seal) out.sealNumber = seal;
  if (kind === 'custody-handed-over') {
    if (device.chain.policeCalled?.reference)
      out.policeReference = device.chain.policeCalled.reference;
    if (seal) out.sealNumber = seal;
  }
  return out;
}

export function StepForm({
  kind,
  device,
  detail,
  accounts,
  onDone,
  onCancel,
}: {
  kind: DeviceStepKind;
  device: DeviceView;
  detail: CaseDetail;
  accounts: readonly AccountInfo[];
  onDone: (o: SignOutcome) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const def = kindDef(kind)!;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [kind]);
  return (
    <section
      className="custody-step-form"
      aria-labelledby="step-form-title"
      data-testid="step-form"
      data-kind={kind}
    >
      <h2 id="step-form-title" ref={headingRef} tabIndex={-1}>
        {CUSTODY_KIND_LABELS[kind]} <span className="muted">— {device.exhibitRef}</span>
      </h2>
      <p>{def.description}</p>
      <RecordForm
        key={kind}
        def={def}
        choices={choicesFor(session, accounts, detail)}
        checkContext={checkContextFor(session, accounts, detail)}
        defaultValues={defaultsFor(kind, device)}
        signerName={session.name}
        onCancel={onCancel}
        onSubmit={async (body) => {
          onDone(await call('app:devices.step', { deviceId: device.deviceId, kind, body }));
        }}
      />
    </section>
  );
}
