// The dashboard's reads that join several tables: countersignatures waiting per case, devices whose
// custody has not ended, and clock anomalies and integrity alarms nobody has acknowledged.
import type { Conn } from '../sqlite';

export function waitingRows(
  conn: Conn,
  source: string,
): Promise<Array<{ case_id: string; payload: string; ref: string; title: string }>> {
  return conn.all(
    `SELECT w.case_id, w.payload, c.ref, c.title FROM case_waiting w JOIN cases c ON c.id = w.case_id WHERE w.source = ?`,
    [source],
  );
}

export interface LiveDeviceRow {
  id: string;
  case_id: string;
  exhibit_ref: string;
  state: string;
  ref: string;
  title: string;
}

/** Devices whose custody has not ended (JSON false reads as 0). */
export function liveDeviceRows(conn: Conn): Promise<LiveDeviceRow[]> {
  return conn.all<LiveDeviceRow>(
    `SELECT d.id, d.case_id, d.exhibit_ref, d.state, c.ref, c.title FROM devices d JOIN cases c ON c.id = d.case_id
      WHERE json_extract(d.state, '$.ended') = 0`,
  );
}

export interface ClockAnomalyRow {
  seq: number;
  at: string;
  case_id: string | null;
  record_id: string | null;
  detail: string;
  ref: string | null;
}

/**
 * Audit entries of one kind (a clock anomaly, an integrity alarm) that no later entry of the
 * matching "acknowledged" kind names by its sequence number.
 */
export function unacknowledgedEntries(
  conn: Conn,
  action: 'clock-anomaly' | 'integrity-alarm',
): Promise<ClockAnomalyRow[]> {
  return conn.all<ClockAnomalyRow>(
    `SELECT a.seq, a.at, a.case_id, a.record_id, a.detail, c.ref FROM audit a LEFT JOIN cases c ON c.id = a.case_id
      WHERE a.action = ?
        AND NOT EXISTS (SELECT 1 FROM audit k WHERE k.action = ? AND json_extract(k.detail, '$.auditSeq') = a.seq)`,
    [action, `${action}-acknowledged`],
  );
}

export function unacknowledgedClockAnomalies(conn: Conn): Promise<ClockAnomalyRow[]> {
  return unacknowledgedEntries(conn, 'clock-anomaly');
}

/** The entry to acknowledge, only if it is of the given kind. */
export function entryToAcknowledge(
  conn: Conn,
  action: 'clock-anomaly' | 'integrity-alarm',
  auditSeq: number,
): Promise<{ seq: number; case_id: string | null; record_id: string | null } | undefined> {
  return conn.get('SELECT seq, case_id, record_id FROM audit WHERE seq = ? AND action = ?', [
    auditSeq,
    action,
  ]);
}

export function clockAnomalyEntry(
  conn: Conn,
  auditSeq: number,
): Promise<{ seq: number; case_id: string | null; record_id: string | null } | undefined> {
  return entryToAcknowledge(conn, 'clock-anomaly', auditSeq);
}

export async function entryAcknowledged(
  conn: Conn,
  action: 'clock-anomaly' | 'integrity-alarm',
  auditSeq: number,
): Promise<boolean> {
  const row = await conn.get(
    "SELECT 1 AS x FROM audit WHERE action = ? AND json_extract(detail, '$.auditSeq') = ?",
    [`${action}-acknowledged`, auditSeq],
  );
  return row !== undefined;
}

export function clockAnomalyAcknowledged(conn: Conn, auditSeq: number): Promise<boolean> {
  return entryAcknowledged(conn, 'clock-anomaly', auditSeq);
}
