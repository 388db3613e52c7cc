// Writes of `case_waiting` (migration 0020): per case and source, what is waiting and since when.
// The dashboard's reads are in triageWaiting.ts and dashboardQueries.ts.
import type { Conn } from '../sqlite';

export async function clearWaiting(conn: Conn, caseId: string, source: string): Promise<void> {
  await conn.run('DELETE FROM case_waiting WHERE case_id = ? AND source = ?', [caseId, source]);
}

export async function upsertWaiting(
  conn: Conn,
  w: { caseId: string; source: string; since: string; payload: string },
): Promise<void> {
  await conn.run(
    `INSERT INTO case_waiting (case_id, source, since, payload) VALUES (?,?,?,?)
       ON CONFLICT(case_id, source) DO UPDATE SET since = excluded.since, payload = excluded.payload`,
    [w.caseId, w.source, w.since, w.payload],
  );
}
