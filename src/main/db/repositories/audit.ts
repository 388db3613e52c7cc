// SQL for the append-only `audit` table (the hash-chained, signed audit trail): its last link, the
// insert, and the reads the trail screen, the chain check and the export need. Triggers refuse any
// UPDATE or DELETE.
import type { Conn } from '../sqlite';

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  case_id: string | null;
  record_id: string | null;
  detail: string;
  prev_hash: string | null;
  hash: string;
  signer_key_id?: string | null;
  signature?: string | null;
}

/** The last entry's position and hash, which the next entry links to. */
export async function lastAuditLink(
  conn: Conn,
): Promise<{ seq: number; hash: string } | undefined> {
  return conn.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
  );
}

export async function insertAuditRow(conn: Conn, r: Required<AuditRow>): Promise<void> {
  await conn.run(
    'INSERT INTO audit (seq, at, actor_id, action, case_id, record_id, detail, prev_hash, hash, signer_key_id, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
    [
      r.seq,
      r.at,
      r.actor_id,
      r.action,
      r.case_id,
      r.record_id,
      r.detail,
      r.prev_hash,
      r.hash,
      r.signer_key_id,
      r.signature,
    ],
  );
}

export interface AuditRowFilter {
  actorId?: string;
  caseId?: string;
  action?: string;
  beforeSeq?: number;
  /** Newest first, at most this many. */
  limit: number;
}

/** The trail screen's page: newest first, narrowed by any of the filters (bound, never spliced). */
export async function listAuditRows(conn: Conn, f: AuditRowFilter): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (f.actorId) add('actor_id = ?', f.actorId);
  if (f.caseId) add('case_id = ?', f.caseId);
  if (f.action) add('action = ?', f.action);
  if (f.beforeSeq) add('seq < ?', f.beforeSeq);
  const sql = `SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ?`;
  params.push(f.limit);
  return conn.all<AuditRow>(sql, params);
}

/** Every entry after `seq`, in chain order. */
export async function auditRowsAfter(conn: Conn, seq: number): Promise<AuditRow[]> {
  return conn.all<AuditRow>('SELECT * FROM audit WHERE seq > ? ORDER BY seq', [seq]);
}

/** The entries about one case, in chain order. */
export async function auditRowsOfCase(conn: Conn, caseId: string): Promise<AuditRow[]> {
  return conn.all<AuditRow>('SELECT * FROM audit WHERE case_id = ? ORDER BY seq', [caseId]);
}

/** Every export entry, in chain order (the handover receipt finds its export among them). */
export async function exportAuditRows(conn: Conn): Promise<AuditRow[]> {
  return conn.all<AuditRow>("SELECT * FROM audit WHERE action = 'export' ORDER BY seq");
}
