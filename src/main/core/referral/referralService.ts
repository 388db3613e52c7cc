// Main-side reads for assessment and referral: the referral form's context (local contacts,
// defaults, what is due) and the "referrals due today" items for the dashboard. Rules live in
// src/shared/rules/referral.ts; this file only gathers what they need from the vault.
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam } from '../../../shared/roles';
import { LOCAL_CONTACT_LABELS, type LocalContacts, type Settings } from '../../../shared/settings';
import { REFERRAL_DUE_FLAG } from '../../../shared/records/referralFacts';
import {
  hasPoliceReferral,
  r17Findings,
  referralCheckHints,
  referralDefaults,
  referralDueItems as dueItemsOf,
} from '../../../shared/rules/referral';
import type { ReferralContextInfo, ReferralDueInfo } from '../../../shared/ipc/contract';
import type { Conn } from '../../db/sqlite';
import type { SessionHost } from '../app/serviceHost';
import { requireCaseAccess } from '../access/policy';
import { caseFacts } from '../log/projections';
import { readSettings } from '../../db/repositories/settings';
import { openCasesFlagged } from '../../db/repositories/cases';

export type LocalContactInfo = ReferralContextInfo['contacts'][number];

export function contactList(contacts: LocalContacts): LocalContactInfo[] {
  return (Object.keys(LOCAL_CONTACT_LABELS) as Array<keyof LocalContacts>).map((key) => ({
    key,
    label: LOCAL_CONTACT_LABELS[key],
    value: contacts[key]?.trim() ? contacts[key]!.trim() : null,
  }));
}

/**
 * "Referrals due today" across every case, deadline first. Only cases whose projection carries the
 * 'referral-due' flag are read, so the cost follows the number of due referrals, not of cases.
 * The caller decides who may see the dashboard.
 */
export async function referralDueItems(
  conn: Conn,
  now: Date,
  settings: Pick<Settings, 'schoolDayEnd'>,
): Promise<ReferralDueInfo[]> {
  const rows = await openCasesFlagged(conn, JSON.stringify(REFERRAL_DUE_FLAG));
  const out: ReferralDueInfo[] = [];
  for (const r of rows) {
    const facts = await caseFacts(conn, r.id);
    for (const item of dueItemsOf(facts, settings.schoolDayEnd, now.toISOString()))
      out.push({ ...item, caseRef: r.ref, caseTitle: r.title });
  }
  return out.sort(
    (a, b) => a.deadline.localeCompare(b.deadline) || a.checkedAt.localeCompare(b.checkedAt),
  );
}

/** What the referral, referral-check and deletion forms need for one case (safeguarding team only). */
export async function referralContext(
  core: SessionHost,
  caseId: string,
): Promise<ReferralContextInfo> {
  const s = core.requireSession();
  if (!isSafeguardingTeam(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
  const db = core.requireDb();
  return db.exclusive(async (conn) => {
    await requireCaseAccess(conn, s.account, caseId, 'full');
    const settings = await readSettings(conn);
    const facts = await caseFacts(conn, caseId);
    const now = core.clock().toISOString();
    const refusal = r17Findings(facts)[0];
    return {
      contacts: contactList(settings.localContacts),
      schoolDayEnd: settings.schoolDayEnd,
      defaults: referralDefaults(facts),
      dueItems: dueItemsOf(facts, settings.schoolDayEnd, now),
      hints: referralCheckHints(facts, now),
      policeReferral: hasPoliceReferral(facts),
      deletionRefusal: refusal ? refusal.message : null,
      seizureSuggested: facts.seizureSuggested === true,
      now,
    };
  });
}
