// The dashboard source "referrals due today" (R11): one item per immediate-referral check
// with a "yes" and no police or CSC referral since, with its deadline; red (urgent) once overdue.
import type { DashboardItem } from '../../../shared/dashboard';
import { ukDateTime, ukTime } from '../../../shared/ukTime';
import type { DashboardSource } from '../dashboard/dashboard';
import { referralDueItems } from './referralService';

export const referralsDueToday: DashboardSource = async ({ conn, now, settings }) => {
  const due = await referralDueItems(conn, now, settings);
  return due.map((d): DashboardItem => ({
    key: `referral-due:${d.checkRecordId}`,
    kind: 'referral-due',
    caseId: d.caseId,
    caseRef: d.caseRef,
    title: d.overdue
      ? `Referral overdue since ${ukDateTime(d.deadline)}`
      : `Referral due today by ${ukTime(d.deadline)}`,
    since: d.checkedAt,
    detail: `${d.caseTitle}. A referral to the police and/or children’s social care must be made today (R11): ${d.reasons.join('; ')}.${d.afterSchoolDay ? ' The check was made after the end of the school day: use the out-of-hours contacts.' : ''}`,
    severity: d.overdue ? 'urgent' : 'warning',
    due: d.deadline,
    // The case, at the check that made the referral due; the UI offers "Record the referral" there.
    target: { screen: 'case', caseId: d.caseId, recordId: d.checkRecordId },
  }));
};
