// "Assessment and referral" on a case (R11–R18): what is due today, the R18 stop when a
// search suspected an indecent image, the state of every step (initial review, assessments, the
// referral check, referrals, parents per child, deletion, device searches, support, outcome) with
// an action each, and closing or reopening the case.
import { useState, type ReactNode } from 'react';
import type { CaseFacts, CaseStatus } from '../../../shared/records/facts';
import { R18_STOP_MESSAGE } from '../../../shared/records/kinds/deviceSearch';
import { SUPPORT_OPTIONS } from '../../../shared/records/kinds/referralOptions';
import { optionLabel } from '../../../shared/records/kinds/options';
import { AGENCIES, criterionShort } from '../../../shared/rules/referral';
import { ukDate, ukDateTime } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { useNav, type Route } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import type { CasePanelProps } from '../screens/casePanels';
import { EXTRA_ROUTES } from '../screens/extraRoutes';
import { DueLine, loadReferralContext, outOfHoursOf } from './referralShared';
import { AwaitingClosure, CloseForm, ReopenForm } from './ClosingSection';

interface Step {
  key: string;
  title: string;
  rule?: string;
  done: boolean;
  /** Lines of status, in words. */
  status: string[];
  actions: ReactNode;
}

/** R18: a search suspected an indecent image and no device has been added to the case since. */
export function seizureOutstanding(facts: CaseFacts): boolean {
  if (!facts.seizureSuggested) return false;
  const lastSuspected = (facts.deviceSearches ?? []).filter((s) => s.suspectedImage).at(-1);
  if (!lastSuspected) return false;
  const devices = Object.values(facts.devices ?? {});
  return !devices.some((d) => d.addedAt >= lastSuspected.signedAt);
}

/** Where "Add the device" leads: the custody screen "add-device", when it is registered. */
function addDeviceRoute(caseId: string): Route | null {
  return EXTRA_ROUTES['add-device'] ? { name: 'add-device', caseId } : null;
}

function childName(facts: CaseFacts, id: string): string {
  return facts.children.find((c) => c.id === id)?.name ?? 'A child no longer on the case';
}

function signedAtOf(facts: CaseFacts, recordId: string): string {
  const at = facts.records[recordId]?.signedAt;
  return at ? ukDateTime(at) : '';
}

export function ReferralPanel({ detail, reload }: CasePanelProps) {
  const session = useSession();
  const { go } = useNav();
  const [mode, setMode] = useState<'none' | 'close' | 'reopen'>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const facts = detail.facts;
  const status = (facts?.status ?? detail.case.status) as CaseStatus;
  const show = isTeam(session) && detail.access === 'full' && !!facts && status !== 'concern';
  const caseId = detail.case.id;
  const loaded = useLoad(async () => {
    if (!show) return null;
    const [ctx, accounts] = await Promise.all([
      loadReferralContext(caseId),
      call('app:accounts.list', {}),
    ]);
    return { ctx, accounts };
  }, [caseId, show, detail.records.length, status]);
  if (!show || !facts) return null;
  const deviceRoute = addDeviceRoute(caseId);
  const ctx = loaded.data?.ctx ?? null;
  const accounts = loaded.data?.accounts ?? [];
  const canAdd = status !== 'closed';
  const add = (
    kind: string,
    label: string,
    opts: { disabled?: boolean; describedBy?: string; primary?: boolean } = {},
  ) =>
    canAdd ? (
      <button
        type="button"
        className={opts.primary ? 'primary' : 'secondary'}
        disabled={opts.disabled}
        aria-describedby={opts.describedBy}
        onClick={() => go({ name: 'add-record', caseId, kind })}
      >
        {label}
      </button>
    ) : null;

  const children = facts.children;
  /** One line per child on the case (or one line for the case when it names no child). */
  const perChild = <T extends { childId: string }>(
    list: readonly T[] | undefined,
    describe: (items: T[]) => string | null,
    none: string,
  ): string[] => {
    const all = [...(list ?? [])];
    if (children.length === 0) return [describe(all) ?? none];
    return children.map(
      (c) => `${c.name}: ${describe(all.filter((x) => x.childId === c.id)) ?? none}`,
    );
  };
  const everyChild = <T extends { childId: string }>(list: readonly T[] | undefined) =>
    children.length === 0
      ? (list ?? []).length > 0
      : children.every((c) => (list ?? []).some((x) => x.childId === c.id));

  const reviews = facts.initialReviews ?? [];
  const checks = facts.referralChecks ?? [];
  const lastCheck = checks.at(-1);
  const referrals = facts.referrals ?? [];
  const instructions = facts.deletionInstructions ?? [];
  const unconfirmed = instructions.filter((i) => !i.confirmedBy);
  const searches = facts.deviceSearches ?? [];
  const outcomes = facts.outcomes ?? [];

  const steps: Step[] = [
    {
      key: 'initial-review',
      title: 'Initial review meeting',
      rule: 'R15',
      done: reviews.length > 0,
      status: reviews.length
        ? reviews.map((id) => `Recorded ${signedAtOf(facts, id)}`)
        : ['Not recorded — needed before the case can close.'],
      actions: add('initial-review', 'Record the initial review'),
    },
    {
      key: 'assessment',
      title: 'Assessment',
      rule: 'R14',
      done: everyChild(facts.assessments),
      status: perChild(
        facts.assessments,
        (a) => (a.length ? `assessed ${signedAtOf(facts, a.at(-1)!.recordId)}` : null),
        'not assessed',
      ),
      actions: add('assessment', 'Add an assessment'),
    },
    {
      key: 'referral-check',
      title: 'Immediate referral check',
      rule: 'R11',
      done: !!lastCheck,
      status: lastCheck
        ? [
            lastCheck.yes.length
              ? `Referral required: ${lastCheck.yes.map(criterionShort).join('; ')}.`
              : lastCheck.decision === 'manage-in-school'
                ? 'No criterion applies: managed in school, with reasons (R16).'
                : 'No criterion applies; decision to refer.',
            `Checked ${ukDateTime(lastCheck.signedAt)}`,
          ]
        : ['Not recorded.'],
      actions: add(
        'referral-check',
        checks.length ? 'Record a new referral check' : 'Record the referral check',
      ),
    },
    {
      key: 'referral',
      title: 'Referrals',
      done:
        referrals.length > 0 || (lastCheck?.decision === 'manage-in-school' && !!lastCheck.reasons),
      status: referrals.length
        ? referrals.map((r) => `${optionLabel(AGENCIES, r.agency)} — made ${ukDateTime(r.madeAt)}`)
        : [
            lastCheck?.decision === 'manage-in-school'
              ? 'None: managed in school (R16).'
              : 'None recorded.',
          ],
      actions: add('referral', referrals.length ? 'Add another referral' : 'Record a referral', {
        primary: (ctx?.dueItems.length ?? 0) > 0,
      }),
    },
    {
      key: 'parents',
      title: 'Parents or carers',
      rule: 'R13',
      done: everyChild(facts.parentsDecisions),
      status: perChild(
        facts.parentsDecisions,
        (p) =>
          p.length ? (p.at(-1)!.informed ? 'informed' : 'not informed (reasons recorded)') : null,
        'no decision recorded',
      ),
      actions: add('parents', 'Record the parents’ decision'),
    },
    {
      key: 'deletion',
      title: 'Deletion',
      rule: 'R17',
      done: instructions.length > 0 && unconfirmed.length === 0,
      status: instructions.length
        ? instructions.map(
            (i) =>
              `${childName(facts, i.childId)}: asked to delete by ${ukDateTime(i.deadline)} — ${i.confirmedBy ? 'confirmed' : 'awaiting confirmation'}`,
          )
        : ['None asked for.'],
      actions: (
        <>
          {add('deletion-instruction', 'Add a deletion instruction', {
            disabled: !!ctx?.deletionRefusal,
            describedBy: ctx?.deletionRefusal ? 'deletion-refusal-note' : undefined,
          })}
          {unconfirmed.length > 0 && add('deletion-confirmed', 'Record a deletion confirmed')}
          {canAdd && ctx?.deletionRefusal && (
            <p
              className="muted deletion-refusal-note"
              id="deletion-refusal-note"
              data-testid="deletion-refusal-note"
            >
              <strong>Not now (R17):</strong> {ctx.deletionRefusal}
            </p>
          )}
        </>
      ),
    },
    {
      key: 'device-search',
      title: 'Searches of devices',
      rule: 'R18',
      done: searches.length > 0,
      status: searches.length
        ? searches.map(
            (s) =>
              `Search ${ukDateTime(s.signedAt)}${s.suspectedImage ? ' — indecent image suspected' : ''}`,
          )
        : ['None recorded.'],
      actions: add('device-search', 'Record a device search'),
    },
    {
      key: 'support',
      title: 'Support offered',
      done: everyChild(facts.supportOffered),
      status: perChild(
        facts.supportOffered,
        (s) =>
          s.length
            ? s.flatMap((x) => x.offered.map((o) => optionLabel(SUPPORT_OPTIONS, o))).join('; ')
            : null,
        'none recorded',
      ),
      actions: add('support-offered', 'Record support offered'),
    },
    {
      key: 'outcome',
      title: 'Outcome',
      done: outcomes.length > 0,
      status: outcomes.length
        ? outcomes.map((id) => `Recorded ${signedAtOf(facts, id)}`)
        : ['Not recorded yet.'],
      actions: add('outcome', 'Record the outcome'),
    },
  ];

  const finish = (message: string) => {
    setMode('none');
    setNotice(message);
    reload();
  };

  return (
    <section
      className="referral-panel"
      aria-labelledby="referral-panel-title"
      data-testid="referral-panel"
    >
      <h2 id="referral-panel-title">Assessment and referral</h2>
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      {loaded.error && <p role="alert">{loaded.error}</p>}
      {ctx?.dueItems.map((d) => (
        <div key={d.checkRecordId}>
          <DueLine item={d} outOfHours={outOfHoursOf(ctx)} />
        </div>
      ))}
      {canAdd && seizureOutstanding(facts) && (
        <div className="banner banner-alarm r18-stop" role="note" data-testid="seizure-suggested">
          <p>
            <strong>Stop — a search suspected an indecent image (R18).</strong> {R18_STOP_MESSAGE}
          </p>
          {deviceRoute && (
            <button type="button" className="primary" onClick={() => go(deviceRoute)}>
              Add the device
            </button>
          )}
        </div>
      )}
      <table className="table referral-steps" data-testid="referral-steps">
        <caption>Steps for this case</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Where it stands</th>
            {canAdd && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.key} data-step={s.key} data-done={s.done ? 'true' : 'false'}>
              <th scope="row">
                {s.title}
                {s.rule && <span className="muted"> ({s.rule})</span>}
              </th>
              <td>
                <ul className="plain step-status">
                  {s.status.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              </td>
              {canAdd && <td className="step-actions">{s.actions}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {status === 'closing' && (
        <AwaitingClosure
          detail={detail}
          accounts={accounts}
          onDone={() => finish('The senior leader has countersigned: the case is closed.')}
        />
      )}
      {status === 'closed' && facts.lastSignedAt && (
        <p data-testid="closed-note">Closed. Last record signed on {ukDate(facts.lastSignedAt)}.</p>
      )}
      <div className="actions">
        {(status === 'open' || status === 'referred' || status === 'reopened') &&
          mode !== 'close' && (
            <button type="button" onClick={() => (setNotice(null), setMode('close'))}>
              Close the case
            </button>
          )}
        {status === 'closed' && mode !== 'reopen' && (
          <button type="button" onClick={() => (setNotice(null), setMode('reopen'))}>
            Reopen the case
          </button>
        )}
      </div>
      {mode === 'close' && status !== 'closed' && status !== 'closing' && (
        <CloseForm
          detail={detail}
          accounts={accounts}
          onCancel={() => setMode('none')}
          onDone={() =>
            finish(
              'Closure signed. The case is closing, awaiting the senior leader’s countersignature.',
            )
          }
        />
      )}
      {mode === 'reopen' && status === 'closed' && (
        <ReopenForm
          detail={detail}
          onCancel={() => setMode('none')}
          onDone={() => finish('The case is reopened.')}
        />
      )}
    </section>
  );
}
