// SQL for walking both chains in order (the log-seal check re-hashes every record and audit entry).
import type { Conn } from '../sqlite';

export async function recordChainPage(
  conn: Conn,
  afterSeq: number,
  limit: number,
): Promise<Array<{ seq: number; envelope: string; hash: string }>> {
  return conn.all('SELECT seq, envelope, hash FROM records WHERE seq > ? ORDER BY seq LIMIT ?', [
    afterSeq,
    limit,
  ]);
}

export async function auditChainPage(
  conn: Conn,
  afterSeq: number,
  limit: number,
): Promise<Array<Record<string, unknown> & { seq: number }>> {
  return conn.all('SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?', [afterSeq, limit]);
}
