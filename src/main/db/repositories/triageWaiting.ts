// Reads the triage rows of `case_waiting` (imagery next steps, deletion deadlines) with their case's
// reference and title, for the dashboard. Writes go through the waiting projection's setWaiting.
import type { Conn } from '../sqlite';

export interface WaitingRow {
  caseId: string;
  ref: string;
  title: string;
  status: string;
  since: string;
  payload: string;
}

/** Every open case's row for one source, oldest first. */
export async function waitingRowsForSource(conn: Conn, source: string): Promise<WaitingRow[]> {
  return conn.all<WaitingRow>(
    `SELECT w.case_id AS caseId, c.ref AS ref, c.title AS title, c.status AS status,
            w.since AS since, w.payload AS payload
       FROM case_waiting w JOIN cases c ON c.id = w.case_id
      WHERE w.source = ? AND c.status <> 'closed'
      ORDER BY w.since`,
    [source],
  );
}
