// The issue-6 kinds on the generic "Add a record" form (R11–R18): what the case says beside each
// R11 criterion, "refer" pre-selected once any answer is yes with the same-day deadline; the
// referral form's local contacts, pre-selected agency and "now" from main's clock; the deletion
// refusal while a police referral exists (R17); only unconfirmed instructions to confirm; the R18
// stop message; the next child still without a decision pre-selected.
import { useEffect, useRef, type ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { CaseDetail } from '../../../shared/ipc/contract';
import { R11_KEYS } from '../../../shared/records/referralFacts';
import { R18_STOP_MESSAGE } from '../../../shared/records/kinds/deviceSearch';
import { AGENCIES, referralDeadline } from '../../../shared/rules/referral';
import { optionLabel } from '../../../shared/records/kinds/options';
import { ukTime, utcToUkLocal } from '../../../shared/ukTime';
import type { FormExtra, FormInsideProps, FormIntroProps } from '../forms/formExtras';
import {
  ContactsPanel,
  DueLine,
  loadReferralContext,
  outOfHoursOf,
  type ReferralContext,
} from './referralShared';

const ctxOf = (loaded: unknown): ReferralContext | null =>
  loaded && typeof loaded === 'object' ? (loaded as ReferralContext) : null;

/** The first child on the case without an entry in `taken` (their id), to pre-select. */
function nextChild(
  detail: CaseDetail,
  taken: ReadonlyArray<{ childId: string }> | undefined,
): Record<string, unknown> {
  const done = new Set((taken ?? []).map((t) => t.childId));
  const next = (detail.facts?.children ?? []).find((c) => !done.has(c.id));
  return next ? { child: next.id } : {};
}

// ------------------------------------------------------------------ referral check (R11, R16)

function CheckIntro({ loaded }: FormIntroProps) {
  const ctx = ctxOf(loaded);
  if (!ctx || ctx.dueItems.length === 0) return null;
  return (
    <div>
      {ctx.dueItems.map((d) => (
        <DueLine key={d.checkRecordId} item={d} outOfHours={outOfHoursOf(ctx)} />
      ))}
    </div>
  );
}

/** Any "yes" pre-selects "refer" (once, as it becomes yes) and shows today's deadline (R11). */
function CheckInside({ loaded }: FormInsideProps) {
  const ctx = ctxOf(loaded);
  const { setValue } = useFormContext();
  const answers = useWatch({ name: [...R11_KEYS] }) as unknown[];
  const anyYes = answers.some((a) => a === true);
  const was = useRef(anyYes);
  useEffect(() => {
    if (anyYes && !was.current) setValue('decision', 'refer', { shouldDirty: true });
    was.current = anyYes;
  }, [anyYes, setValue]);
  if (!ctx) return null;
  const d = referralDeadline(ctx.now, ctx.schoolDayEnd);
  const ooh = outOfHoursOf(ctx);
  return (
    <div aria-live="polite" data-testid="check-deadline">
      {anyYes && (
        <div className="banner banner-warn">
          <p>
            <strong>Referral due today by {ukTime(d.deadline)}</strong> — to the police and/or
            children’s social care (R11).
          </p>
          {d.afterSchoolDay && (
            <p>
              It is after the end of the school day ({ctx.schoolDayEnd}): use the out-of-hours
              contact{ooh ? `: ${ooh}` : ' (not set — add in Settings)'}.
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function checkNotes(_detail: CaseDetail, loaded: unknown): Record<string, ReactNode> {
  const ctx = ctxOf(loaded);
  const out: Record<string, ReactNode> = {};
  for (const key of R11_KEYS) {
    const hints = (ctx?.hints ?? []).filter((h) => h.criterion === key);
    if (hints.length === 0) continue;
    out[key] = (
      <div className="criterion-hint" role="note" data-testid={`hint-${key}`}>
        <strong>What the case says:</strong>
        <ul>
          {hints.map((h, i) => (
            <li key={i}>{h.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  return out;
}

// ------------------------------------------------------------------ referral

function ReferralIntro({ loaded }: FormIntroProps) {
  const ctx = ctxOf(loaded);
  if (!ctx) return null;
  return (
    <div className="referral-intro">
      {ctx.dueItems.map((d) => (
        <DueLine key={d.checkRecordId} item={d} outOfHours={outOfHoursOf(ctx)} />
      ))}
      {ctx.defaults.reasons.length > 0 && (
        <div className="banner banner-info" data-testid="referral-suggested">
          <p>
            <strong>Suggested:</strong>{' '}
            {ctx.defaults.suggested.map((a) => optionLabel(AGENCIES, a)).join(', ')}
          </p>
          <ul>
            {ctx.defaults.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <ContactsPanel contacts={ctx.contacts} />
    </div>
  );
}

function referralDefaults(_detail: CaseDetail, loaded: unknown): Record<string, unknown> {
  const ctx = ctxOf(loaded);
  if (!ctx) return {};
  // "Now" is main's clock (it signs), never the renderer's.
  return {
    ...(ctx.defaults.agency ? { agency: ctx.defaults.agency } : {}),
    madeAt: utcToUkLocal(ctx.now),
  };
}

// ------------------------------------------------------------------ deletion (R17)

function DeletionIntro({ loaded }: FormIntroProps) {
  const ctx = ctxOf(loaded);
  if (!ctx?.deletionRefusal) return null;
  return (
    <div className="banner banner-alarm" role="note" data-testid="deletion-refusal">
      <p>
        <strong>CaseSeal will not save a deletion instruction now (R17).</strong>{' '}
        {ctx.deletionRefusal}
      </p>
    </div>
  );
}

// ------------------------------------------------------------------ device search (R18)

function SearchInside() {
  const suspected = useWatch({ name: 'suspectedImage' }) as unknown;
  return (
    <div aria-live="polite">
      {suspected === true && (
        <div className="banner banner-alarm" data-testid="r18-stop">
          <p>
            <strong>Stop.</strong> {R18_STOP_MESSAGE}
          </p>
        </div>
      )}
    </div>
  );
}

export const REFERRAL_FORM_EXTRAS: Record<string, FormExtra> = {
  'referral-check': {
    load: loadReferralContext,
    Intro: CheckIntro,
    Inside: CheckInside,
    fieldNotes: checkNotes,
  },
  referral: { load: loadReferralContext, Intro: ReferralIntro, defaults: referralDefaults },
  'deletion-instruction': {
    load: loadReferralContext,
    Intro: DeletionIntro,
    defaults: (d) => nextChild(d, d.facts?.deletionInstructions),
  },
  'deletion-confirmed': {
    // Only instructions still waiting for their confirmation (R17).
    choices: (c, detail) => {
      const open = new Set(
        (detail.facts?.deletionInstructions ?? [])
          .filter((i) => !i.confirmedBy)
          .map((i) => i.recordId),
      );
      return { ...c, records: (c.records ?? []).filter((r) => open.has(r.id)) };
    },
  },
  'device-search': { Inside: SearchInside },
  parents: { defaults: (d) => nextChild(d, d.facts?.parentsDecisions) },
  assessment: { defaults: (d) => nextChild(d, d.facts?.assessments) },
  'support-offered': { defaults: (d) => nextChild(d, d.facts?.supportOffered) },
};
