// The devices table: one row per seized device (its exhibit reference and projected custody state).
import type { Conn } from '../sqlite';

export interface DeviceRow {
  id: string;
  case_id: string;
  exhibit_ref: string;
  state: string;
  updated_at: string;
}

export function getDeviceRow(conn: Conn, deviceId: string): Promise<DeviceRow | undefined> {
  return conn.get<DeviceRow>('SELECT * FROM devices WHERE id = ?', [deviceId]);
}

export async function exhibitRefTaken(conn: Conn, ref: string): Promise<boolean> {
  return (await conn.get('SELECT 1 AS x FROM devices WHERE exhibit_ref = ?', [ref])) !== undefined;
}

/** Writes a device's projected custody state (JSON), inserting the row the first time. */
export async function upsertDevice(
  conn: Conn,
  d: { id: string; caseId: string; exhibitRef: string; state: string; updatedAt: string },
): Promise<void> {
  await conn.run(
    `INSERT INTO devices (id, case_id, exhibit_ref, state, updated_at) VALUES (?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    [d.id, d.caseId, d.exhibitRef, d.state, d.updatedAt],
  );
}
