// The DSL's home screen ("The dashboard"): what is waiting across all cases, oldest first,
// each item pointing at the place to act. Read from projections (case_waiting, devices, cases,
// audit by action), never by re-deriving every case, so it stays quick on 10,000 cases.
// Other issues add a source with one line in DASHBOARD_SOURCES (e.g. the referrals due today).
import { CaseSealError } from '../../../shared/errors';
import {
  clockAnomalyAcknowledged,
  clockAnomalyEntry,
  liveDeviceRows,
  unacknowledgedClockAnomalies,
  waitingRows,
} from '../../db/repositories/dashboardQueries';
import { concernCases } from '../../db/repositories/cases';
import { isSafeguardingTeam, ROLE_LABELS, type Role } from '../../../shared/roles';
import type { DashboardData, DashboardItem } from '../../../shared/dashboard';
import type { PendingCountersignature } from '../../../shared/records/facts';
import type { Settings } from '../../../shared/settings';
import { kindLabel } from '../../../shared/records/registry';
import { COUNTERSIGN_PURPOSES } from '../../../shared/records/kinds/countersignature';
import {
  CUSTODY_STATUS_LABELS,
  currentFlags,
  type CustodyState,
} from '../../../shared/rules/custody';
import { humanDuration, ukDateTime } from '../../../shared/ukTime';
import type { Conn } from '../../db/sqlite';
import type { SessionHost } from '../app/serviceHost';
import { appendAudit } from '../audit/auditLog';
import { listAccounts } from '../../db/repositories/accounts';
import { readSettings } from '../../db/repositories/settings';
import { COUNTERSIGNATURES_SOURCE } from './waitingProjection';
import { referralsDueToday } from '../referral/referralDashboard';
import { imageryNextSteps, missedDeletionDeadlines } from './triage';
import { integrityAlarms } from './integrityAlarms';

export interface DashboardContext {
  conn: Conn;
  /** Main's clock. */
  now: Date;
  settings: Settings;
  accountName(id: string): string | undefined;
}

/** One source of waiting items. Sources only read; each returns its items in any order. */
export type DashboardSource = (ctx: DashboardContext) => Promise<DashboardItem[]>;

function purposeLabel(purpose: string): string {
  return COUNTERSIGN_PURPOSES.find((p) => p.value === purpose)?.label ?? purpose;
}

/** Every pending countersignature, labelled by purpose (witness R5, agreement, approval, closure …). */
export const pendingCountersignatures: DashboardSource = async ({ conn, accountName }) => {
  const rows = await waitingRows(conn, COUNTERSIGNATURES_SOURCE);
  const items: DashboardItem[] = [];
  for (const r of rows) {
    for (const p of JSON.parse(r.payload) as PendingCountersignature[]) {
      const who = p.accountId
        ? (accountName(p.accountId) ?? 'the named person')
        : p.roles?.length
          ? `a ${p.roles.map((x) => ROLE_LABELS[x as Role] ?? x).join(' or ')}`
          : 'a second person';
      items.push({
        key: `countersignature:${p.recordId}:${p.purpose}`,
        kind: 'countersignature',
        caseId: r.case_id,
        caseRef: r.ref,
        title: `${purposeLabel(p.purpose)} countersignature awaited: ${kindLabel(p.kind)}`,
        since: p.requestedAt,
        detail: `${r.title}. Waiting for ${who} to countersign with their own passphrase.`,
        severity: p.purpose === 'witness' ? 'warning' : 'normal',
        target: {
          screen: 'countersign',
          caseId: r.case_id,
          recordId: p.recordId,
          purpose: p.purpose,
        },
      });
    }
  }
  return items;
};

interface DeviceStateRow {
  id: string;
  case_id: string;
  exhibit_ref: string;
  state: string;
  ref: string;
  title: string;
}

/** Devices whose custody has not ended (JSON false reads as 0). */
async function liveDevices(conn: Conn): Promise<Array<DeviceStateRow & { s: CustodyState }>> {
  const rows = await liveDeviceRows(conn);
  return rows.map((r) => ({ ...r, s: JSON.parse(r.state) as CustodyState }));
}

/** Devices the school still holds (awaiting police collection or return), with how long held. */
export const heldDevices: DashboardSource = async ({ conn, now }) => {
  const items: DashboardItem[] = [];
  for (const d of await liveDevices(conn)) {
    const since = d.s.heldSince ?? d.s.recorded.signedAt;
    const police = d.s.policeCalled
      ? `Police called (reference ${d.s.policeCalled.reference}); awaiting collection.`
      : 'Police not yet called.';
    items.push({
      key: `device-held:${d.id}`,
      kind: 'device-held',
      caseId: d.case_id,
      caseRef: d.ref,
      title: `${d.exhibit_ref} held for ${humanDuration(now.getTime() - Date.parse(since))}`,
      since,
      detail: `${d.s.description}. ${CUSTODY_STATUS_LABELS[d.s.status]}${d.s.location && d.s.status === 'secured' ? ` (${d.s.location})` : ''}. ${police}`,
      severity: 'normal',
      target: { screen: 'device', caseId: d.case_id, deviceId: d.id },
    });
  }
  return items;
};

/**
 * Devices the school still holds whose custody is flagged: a gap, out of their secure place, events
 * out of time order. Once custody has ended, its flags stay on the device view, case and receipt.
 */
export const flaggedDevices: DashboardSource = async ({ conn, now }) => {
  const items: DashboardItem[] = [];
  for (const d of await liveDevices(conn)) {
    const flags = currentFlags(d.s, now.toISOString());
    if (flags.length === 0) continue;
    const urgent = flags.some((f) => f.code === 'GAP' || f.code === 'OUT');
    items.push({
      key: `device-flagged:${d.id}`,
      kind: 'device-flagged',
      caseId: d.case_id,
      caseRef: d.ref,
      title: `${d.exhibit_ref}: custody flagged (${[...new Set(flags.map((f) => f.code))].join(', ')})`,
      since: flags.map((f) => f.since).sort()[0]!,
      detail: flags.map((f) => f.message).join(' '),
      severity: urgent ? 'urgent' : 'warning',
      target: { screen: 'device', caseId: d.case_id, deviceId: d.id },
    });
  }
  return items;
};

/** Staff concerns not yet opened as a case by the DSL (cases in status 'concern'). */
export const concernsAwaitingReview: DashboardSource = async ({ conn, accountName }) => {
  const rows = await concernCases(conn);
  return rows.map((r) => ({
    key: `concern-review:${r.id}`,
    kind: 'concern-review',
    caseId: r.id,
    caseRef: r.ref,
    title: `New concern to review: ${r.title}`,
    since: r.created_at,
    detail: `Recorded by ${accountName(r.created_by) ?? 'a member of staff'}. Review it and open a case, or record why no action is needed.`,
    severity: 'normal',
    target: { screen: 'case', caseId: r.id },
  }));
};

/** Clock anomalies from the audit trail ("The clock") that nobody has acknowledged yet. */
export const clockAnomalies: DashboardSource = async ({ conn }) => {
  const rows = await unacknowledgedClockAnomalies(conn);
  return rows.map((r) => {
    const d = JSON.parse(r.detail) as { lastRecordTime?: string };
    return {
      key: `clock-anomaly:${r.seq}`,
      kind: 'clock-anomaly',
      caseId: r.case_id,
      caseRef: r.ref,
      title: 'The computer’s clock was behind the log',
      since: r.at,
      detail: `A record was signed at ${ukDateTime(r.at)}, earlier than the last record in the log${d.lastRecordTime ? ` (${ukDateTime(d.lastRecordTime)})` : ''}. Ask school IT to check the clock, then acknowledge.`,
      severity: 'warning',
      target: {
        screen: 'audit',
        caseId: r.case_id,
        ...(r.record_id ? { recordId: r.record_id } : {}),
        auditSeq: r.seq,
      },
    };
  });
};

/** The registry: adds `referralsDueToday` here with one line. */
export const DASHBOARD_SOURCES: DashboardSource[] = [
  pendingCountersignatures,
  heldDevices,
  flaggedDevices,
  concernsAwaitingReview,
  clockAnomalies,
  integrityAlarms,
  referralsDueToday,
  imageryNextSteps,
  missedDeletionDeadlines,
];

/** For the DSL and deputies: everything waiting, oldest first. */
export async function getDashboard(core: SessionHost): Promise<DashboardData> {
  const s = core.requireSession();
  if (!isSafeguardingTeam(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
  const now = core.clock();
  const db = core.requireDb();
  return db.exclusive(async (conn) => {
    const names = new Map((await listAccounts(conn)).map((a) => [a.id, a.name]));
    const ctx: DashboardContext = {
      conn,
      now,
      settings: await readSettings(conn),
      accountName: (id) => names.get(id),
    };
    const items: DashboardItem[] = [];
    for (const source of DASHBOARD_SOURCES) items.push(...(await source(ctx)));
    items.sort((a, b) =>
      a.since < b.since ? -1 : a.since > b.since ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    );
    return { generatedAt: now.toISOString(), items };
  });
}

/** The DSL has seen a clock anomaly and asked IT to check the clock: it leaves the dashboard (audited). */
export async function acknowledgeClockAnomaly(core: SessionHost, auditSeq: number): Promise<void> {
  const s = core.requireSession();
  if (!isSafeguardingTeam(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
  const db = core.requireDb();
  await db.transaction(async (conn) => {
    const entry = await clockAnomalyEntry(conn, auditSeq);
    if (!entry) throw new CaseSealError('NOT_FOUND');
    if (await clockAnomalyAcknowledged(conn, auditSeq))
      throw new CaseSealError('CONFLICT', 'This clock problem has already been acknowledged.');
    await appendAudit(conn, {
      at: core.clock().toISOString(),
      actorId: s.account.id,
      action: 'clock-anomaly-acknowledged',
      caseId: entry.case_id,
      recordId: entry.record_id,
      detail: { auditSeq },
    });
  });
}
