// SQL for `integrity_checkpoint`: the one mutable row that says how far the log was last verified
// clean (the record and audit positions and their hashes), so a sign-in checks only what came after.
import type { Conn } from '../sqlite';

export interface IntegrityCheckpointRow {
  verified_seq: number;
  verified_hash: string | null;
  audit_seq: number;
  audit_hash: string | null;
}

export async function readIntegrityCheckpoint(
  conn: Conn,
): Promise<IntegrityCheckpointRow | undefined> {
  return conn.get<IntegrityCheckpointRow>('SELECT * FROM integrity_checkpoint WHERE id = 1');
}

export async function writeIntegrityCheckpoint(
  conn: Conn,
  cp: IntegrityCheckpointRow & { at: string },
): Promise<void> {
  await conn.run(
    `INSERT INTO integrity_checkpoint (id, verified_seq, verified_hash, audit_seq, audit_hash, at) VALUES (1,?,?,?,?,?)
     ON CONFLICT(id) DO UPDATE SET verified_seq = excluded.verified_seq, verified_hash = excluded.verified_hash,
       audit_seq = excluded.audit_seq, audit_hash = excluded.audit_hash, at = excluded.at`,
    [cp.verified_seq, cp.verified_hash, cp.audit_seq, cp.audit_hash, cp.at],
  );
}
