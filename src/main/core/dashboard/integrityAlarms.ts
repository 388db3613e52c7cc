// Integrity alarms stay on the team's dashboard until a DSL acknowledges them in a signed audit
// entry. The alarm is raised at the check that finds the problem; the next sign-in of the same
// person signs a new checkpoint of the log as it now is, so without this the alarm would be seen
// once and then only in the audit trail (docs/design.md, "Trust model").
import { CaseSealError } from '../../../shared/errors';
import { managesAccounts } from '../../../shared/roles';
import { ukDateTime } from '../../../shared/ukTime';
import {
  entryAcknowledged,
  entryToAcknowledge,
  unacknowledgedEntries,
} from '../../db/repositories/dashboardQueries';
import type { SessionHost } from '../app/serviceHost';
import { appendAudit } from '../audit/auditLog';
import type { DashboardSource } from './dashboard';

interface AlarmDetail {
  mode?: string;
  total?: number;
  problems?: unknown[];
  first?: string;
}

function describe(d: AlarmDetail): string {
  const n = d.total ?? d.problems?.length ?? 0;
  const check = d.mode === 'full' ? 'The whole-log check' : 'The check at sign-in';
  const first = d.first ? ` The first: “${d.first}”` : '';
  return `${check} found ${n} problem${n === 1 ? '' : 's'}.${first} Check the whole log, tell the headteacher, and keep a copy of the vault folder for school IT; then the DSL acknowledges it here.`;
}

/** Every integrity alarm in the audit trail that nobody has acknowledged yet. */
export const integrityAlarms: DashboardSource = async ({ conn }) => {
  const rows = await unacknowledgedEntries(conn, 'integrity-alarm');
  return rows.map((r) => {
    let d: AlarmDetail = {};
    try {
      d = JSON.parse(r.detail) as AlarmDetail;
    } catch {
      // an unreadable detail still leaves the alarm on the dashboard
    }
    return {
      key: `integrity-alarm:${r.seq}`,
      kind: 'integrity-alarm',
      caseId: null,
      caseRef: null,
      title: `The log failed an integrity check on ${ukDateTime(r.at)}`,
      since: r.at,
      detail: describe(d),
      severity: 'urgent',
      target: { screen: 'integrity', caseId: null, auditSeq: r.seq },
    };
  });
};

/**
 * A DSL has read the alarm and acted on it: it leaves the dashboard (signed, audited). Only a DSL:
 * a deputy who cut the log themselves must not be able to clear the alarm before the DSL sees it.
 */
export async function acknowledgeIntegrityAlarm(
  core: SessionHost,
  auditSeq: number,
): Promise<void> {
  const s = core.requireSession();
  if (!managesAccounts(s.account.role))
    throw new CaseSealError('NOT_ALLOWED', 'Only a DSL can acknowledge an integrity alarm.');
  await core.requireDb().transaction(async (conn) => {
    if (!(await entryToAcknowledge(conn, 'integrity-alarm', auditSeq)))
      throw new CaseSealError('NOT_FOUND');
    if (await entryAcknowledged(conn, 'integrity-alarm', auditSeq))
      throw new CaseSealError('CONFLICT', 'This integrity alarm has already been acknowledged.');
    await appendAudit(conn, {
      at: core.clock().toISOString(),
      actorId: s.account.id,
      action: 'integrity-alarm-acknowledged',
      detail: { auditSeq },
    });
  });
}
