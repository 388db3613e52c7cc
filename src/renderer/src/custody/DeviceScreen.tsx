// One device (route 'device'): exhibit reference, description, custody status, secure
// place and key holder, held since; its flags; the six-step seizure checklist (R9) ticked from the
// chain, each step recordable in any order until custody ends (then only a late police call or
// declaration); taking it out of and putting it back in its secure place (R10); the whole chain of
// custody; and, once handed to the police, the printable handover receipt.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SignOutcome } from '../../../shared/ipc/contract';
import {
  CUSTODY_KIND_LABELS,
  CUSTODY_STATUS_LABELS,
  CUSTODY_STEPS,
  DEVICE_DESCRIBED,
  type CustodyKind,
  type DeviceStepKind,
  type DeviceView,
} from '../../../shared/rules/custody';
import type { Finding } from '../../../shared/rules/finding';
import { ukDateTime, ukLocalDisplay } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { AdviceList } from './AdviceList';
import { CustodyFlagList } from './CustodyFlags';
import { CustodyTimeline } from './CustodyTimeline';
import { HandoverReceiptButton } from './HandoverReceiptButton';
import { StepForm } from './StepForm';
import { AFTER_END_KINDS, caseTakesRecords, mayRecordStep } from './custodyAccess';

interface Saved {
  label: string;
  findings: Finding[];
  warnings: string[];
}

function Summary({ device }: { device: DeviceView }) {
  const c = device.chain;
  return (
    <dl className="case-summary custody-summary" data-testid="device-summary">
      <div>
        <dt>Custody</dt>
        <dd data-testid="device-status">{CUSTODY_STATUS_LABELS[c.status]}</dd>
      </div>
      <div>
        <dt>Secure place</dt>
        <dd>
          {c.location ??
            (c.lockedIn ? `${c.lockedIn} (as given when it was recorded)` : 'Not recorded yet')}
        </dd>
      </div>
      <div>
        <dt>Key held by</dt>
        <dd>{c.keyHolder ?? 'Not recorded yet'}</dd>
      </div>
      <div>
        <dt>Held since</dt>
        <dd>{c.heldSince ? ukDateTime(c.heldSince) : 'Confiscation not recorded yet'}</dd>
      </div>
      <div>
        <dt>Police</dt>
        <dd>
          {c.policeCalled
            ? `Called ${ukLocalDisplay(c.policeCalled.at)}, reference ${c.policeCalled.reference}`
            : 'Not called yet'}
        </dd>
      </div>
      {c.endedAt && (
        <div>
          <dt>Custody ended</dt>
          <dd>{ukDateTime(c.endedAt)}</dd>
        </div>
      )}
    </dl>
  );
}

/** The description so far, what it still needs (R9) and who described it (each a signed record). */
function Description({ device, action }: { device: DeviceView; action: ReactNode }) {
  const missing = device.chain.descriptionMissing;
  return (
    <section aria-labelledby="description-title" className="custody-description-section">
      <h2 id="description-title">Description of the device</h2>
      {missing.length === 0 ? (
        <p data-testid="description-state">The description is complete.</p>
      ) : (
        <div className="banner banner-warn" data-testid="description-missing">
          <p>Still to describe (needed before the case can be closed):</p>
          <ul>
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className="record-rows" data-testid="description-rows">
        {device.rows.map((r) => (
          <div key={r.label}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
      {device.descriptions.length > 0 && (
        <ul className="muted" data-testid="description-records">
          {device.descriptions.map((d) => (
            <li key={d.recordId}>
              Described by {d.signerName}, signed {ukDateTime(d.signedAt)}
            </li>
          ))}
        </ul>
      )}
      {action && <div className="actions">{action}</div>}
    </section>
  );
}

export function DeviceScreen({ caseId, deviceId }: { caseId: string; deviceId: string }) {
  const session = useSession();
  const { go } = useNav();
  const [active, setActive] = useState<DeviceStepKind | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<string | null>(null);
  const { data, error, reload } = useLoad(async () => {
    const [devices, detail, accounts] = await Promise.all([
      call('app:devices.list', { caseId }),
      call('app:cases.get', { caseId }),
      call('app:accounts.list', {}),
    ]);
    return { device: devices.find((d) => d.deviceId === deviceId) ?? null, detail, accounts };
  }, [caseId, deviceId]);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);
  useEffect(() => {
    // After cancelling a form, put focus back on the button that opened it.
    if (!active && returnFocus.current) {
      document
        .querySelector<HTMLButtonElement>(`[data-step-kind="${returnFocus.current}"]`)
        ?.focus();
      returnFocus.current = null;
    }
  }, [active]);

  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p aria-busy="true">Loading the device…</p>;
  const { device, detail, accounts } = data;
  if (!device) return <p role="alert">That device was not found on this case.</p>;
  const c = device.chain;
  const allowed = (k: DeviceStepKind) => mayRecordStep(session, detail, k, c.ended);
  const open = (k: DeviceStepKind) => {
    setSaved(null);
    setActive(k);
  };
  const done = (kind: DeviceStepKind, o: SignOutcome) => {
    setActive(null);
    setSaved({
      label: CUSTODY_KIND_LABELS[kind],
      findings: o.findings.filter((f) => f.status !== 'met'),
      warnings: o.warnings,
    });
    reload();
  };
  const stepButton = (k: DeviceStepKind, text: string, hidden?: string, primary?: boolean) => (
    <button
      type="button"
      className={primary ? 'primary' : ''}
      data-step-kind={k}
      onClick={() => open(k)}
    >
      {text}
      {hidden && <span className="visually-hidden">{hidden}</span>}
    </button>
  );
  const mayCorrect = (signerId: string | null) =>
    caseTakesRecords(detail) && (isTeam(session) || signerId === session.accountId);

  return (
    <div className="custody-device">
      <h1>
        Exhibit {device.exhibitRef} <span className="muted">— {detail.case.ref}</span>
      </h1>
      <p className="custody-description">{device.description}</p>
      {saved && (
        <div ref={savedRef} tabIndex={-1} className="custody-saved" data-testid="step-saved">
          <p className="banner banner-info" role="status">
            Signed and saved: {saved.label}.
          </p>
          {saved.warnings.map((w) => (
            <p key={w} className="banner banner-warn">
              {w}
            </p>
          ))}
          <AdviceList findings={saved.findings} />
        </div>
      )}
      <Summary device={device} />
      <CustodyFlagList flags={device.flags} />
      {c.status === 'handed-over' && isTeam(session) && (
        <HandoverReceiptButton deviceId={device.deviceId} exhibitRef={device.exhibitRef} />
      )}

      {active ? (
        <StepForm
          kind={active}
          device={device}
          detail={detail}
          accounts={accounts}
          onDone={(o) => done(active, o)}
          onCancel={() => {
            returnFocus.current = active;
            setActive(null);
          }}
        />
      ) : (
        <>
          <Description
            device={device}
            action={
              allowed(DEVICE_DESCRIBED) &&
              stepButton(
                DEVICE_DESCRIBED,
                c.descriptionMissing.length > 0
                  ? 'Complete the description'
                  : 'Add to the description',
                ` of ${device.exhibitRef}`,
                c.descriptionMissing.length > 0,
              )
            }
          />
          <section aria-labelledby="checklist-title" className="custody-checklist-section">
            <h2 id="checklist-title">Seizure checklist</h2>
            <p className="muted">
              A guide, not a rule: record each step as it really happened, with its real time, even
              if the order differs (the police may collect before the call is logged).
            </p>
            {c.ended && (
              <p className="banner banner-info">
                The school’s custody of this device has ended. A police call or the declaration can
                still be recorded late; anything else goes in a note on the case.
              </p>
            )}
            <ol className="custody-checklist" data-testid="custody-checklist">
              {CUSTODY_STEPS.map((s, i) => {
                const isDone = c.stepsDone.includes(s.step);
                const missing = c.missingAtEnd.includes(s.step);
                const state = isDone
                  ? s.step === 'ended'
                    ? `Done: ${CUSTODY_STATUS_LABELS[c.status].toLowerCase()}`
                    : 'Done'
                  : missing
                    ? 'Missing: not recorded before custody ended'
                    : 'Not recorded yet';
                const k = s.kinds[0] as CustodyKind;
                return (
                  <li
                    key={s.step}
                    className={`custody-step ${isDone ? 'step-done' : missing ? 'step-missing' : 'step-todo'}`}
                    data-step={s.step}
                    data-done={isDone ? 'yes' : 'no'}
                  >
                    <span className="step-mark" aria-hidden="true">
                      {isDone ? '✓' : missing ? '!' : '○'}
                    </span>
                    <span className="step-text">
                      <span className="step-label">
                        {i + 1}. {s.label}
                      </span>{' '}
                      <span className="step-state">— {state}</span>
                    </span>
                    <span className="step-actions">
                      {s.step === 'ended'
                        ? !c.ended && (
                            <>
                              {allowed('custody-handed-over') &&
                                stepButton(
                                  'custody-handed-over',
                                  'Hand to the police',
                                  undefined,
                                  true,
                                )}
                              {allowed('custody-returned') &&
                                stepButton('custody-returned', 'Return to its owner')}
                            </>
                          )
                        : allowed(k) &&
                          (!isDone || AFTER_END_KINDS.has(k)) &&
                          stepButton(k, isDone ? 'Record again' : 'Record', ` — ${s.label}`)}
                    </span>
                  </li>
                );
              })}
            </ol>
          </section>
          {!c.ended && (c.status === 'secured' || c.status === 'out-of-safe') && (
            <section aria-labelledby="movements-title" className="custody-movements">
              <h2 id="movements-title">Movements</h2>
              <p>
                Every time the device leaves its secure place and goes back is part of the chain of
                custody.{' '}
                {c.status === 'out-of-safe'
                  ? 'It is out now: put it back as soon as you can, and record it.'
                  : ''}
              </p>
              <div className="actions">
                {c.status === 'secured' &&
                  allowed('custody-taken-out') &&
                  stepButton('custody-taken-out', 'Take out of secure place')}
                {c.status === 'out-of-safe' &&
                  allowed('custody-put-back') &&
                  stepButton('custody-put-back', 'Put back', ' in its secure place', true)}
              </div>
            </section>
          )}
          <CustodyTimeline
            device={device}
            mayCorrect={mayCorrect}
            onCorrect={(recordId) => go({ name: 'correct', caseId, recordId })}
          />
        </>
      )}
      <div className="actions">
        <button type="button" onClick={() => go({ name: 'case', caseId })}>
          Back to the case<span className="visually-hidden"> {detail.case.ref}</span>
        </button>
      </div>
    </div>
  );
}
