// Integrity alarms stay on the dashboard until a DSL or deputy acknowledges them in a signed audit
// entry. The alarm is raised at the check that finds the problem; the next sign-in of the same
// person signs a new checkpoint of the log as it now is, so without this the alarm would be seen
// once and then only in the audit trail (docs/design.md, "Trust model").
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam } from '../../../shared/roles';
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
  return `${check} found ${n} problem${n === 1 ? '' : 's'}.${first} Check the whole log, tell the headteacher, and keep a copy of the vault folder for school IT; then acknowledge.`;
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

/** A DSL or deputy has read the alarm and acted on it: it leaves the dashboard (signed, audited). */
export async function acknowledgeIntegrityAlarm(
  core: SessionHost,
  auditSeq: number,
): Promise<void> {
  const s = core.requireSession();
  if (!isSafeguardingTeam(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
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
