// Pieces shared by the assessment-and-referral panel and forms (R11–R18): the referral
// context from main, the local contacts, the same-day referrals still due (red and "overdue" once
// past the deadline) and the plain-words labels of the referral flag.
import type { ReferralContextInfo } from '../../../shared/ipc/contract';
import { REFERRAL_DUE_FLAG } from '../../../shared/records/referralFacts';
import type { ReferralDueItem } from '../../../shared/rules/referral';
import { ukDateTime, ukTime } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';

export type ReferralContext = ReferralContextInfo;

export function loadReferralContext(caseId: string): Promise<ReferralContext> {
  return call('app:referral.context', { caseId });
}

/** The full label of the referral flag (case view banner, screen-reader text of the badge). */
export const REFERRAL_FLAG_LABELS: Record<string, string> = {
  [REFERRAL_DUE_FLAG]:
    'A same-day referral to the police and/or children’s social care is due (R11). Record the referral as soon as it is made.',
};

/** Short badge text for the case list. */
export const REFERRAL_FLAG_SHORT: Record<string, string> = {
  [REFERRAL_DUE_FLAG]: 'Referral due (R11)',
};

/** The local contacts from settings; an unset one says so and leads to Settings. */
export function ContactsPanel({
  contacts,
  title = 'Local contacts',
}: {
  contacts: ReferralContext['contacts'];
  title?: string;
}) {
  const { go } = useNav();
  const missing = contacts.some((c) => c.value === null);
  return (
    <section
      className="referral-contacts"
      aria-labelledby="referral-contacts-title"
      data-testid="referral-contacts"
    >
      <h2 id="referral-contacts-title">{title}</h2>
      <dl className="rows">
        {contacts.map((c) => (
          <div className="row" key={c.key} data-contact={c.key}>
            <dt>{c.label}</dt>
            <dd>{c.value ?? <span className="muted">not set — add in Settings</span>}</dd>
          </div>
        ))}
      </dl>
      {missing && (
        <button type="button" className="link" onClick={() => go({ name: 'settings' })}>
          Add the missing contacts in Settings
        </button>
      )}
    </section>
  );
}

/** One same-day referral still due: its deadline, "overdue" in words and red once past it. */
export function DueLine({
  item,
  outOfHours,
}: {
  item: ReferralDueItem;
  outOfHours?: string | null;
}) {
  return (
    <div
      className={`banner ${item.overdue ? 'banner-alarm' : 'banner-warn'} referral-due`}
      data-testid="referral-due"
      data-overdue={item.overdue ? 'true' : 'false'}
    >
      <p>
        <strong>
          {item.overdue
            ? `Referral overdue — it was due by ${ukDateTime(item.deadline)}`
            : `Referral due today by ${ukTime(item.deadline)}`}
        </strong>
        {item.overdue && <span className="tag tag-alarm referral-overdue-tag">Overdue</span>}
      </p>
      <p>
        To the police and/or children’s social care (R11), because: {item.reasons.join('; ')}.
        {item.afterSchoolDay && (
          <>
            {' '}
            The check was made after the end of the school day: use the out-of-hours contact
            {outOfHours ? ` (${outOfHours})` : ' (not set — add in Settings)'}.
          </>
        )}
      </p>
    </div>
  );
}

export function outOfHoursOf(ctx: ReferralContext): string | null {
  return ctx.contacts.find((c) => c.key === 'outOfHours')?.value ?? null;
}
