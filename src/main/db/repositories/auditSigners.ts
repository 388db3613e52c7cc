// SQL for the certificate check of signed audit entries: who signed with which account key, and
// when first and last, so that the whole trail is checked with one grouped query.
import type { Conn } from '../sqlite';

export interface AuditSignerSpan {
  actorId: string;
  keyId: string;
  first: string;
  last: string;
  n: number;
}

/** Read from the covering index audit_by_signer_key (migration 0100), never the whole table. */
export const AUDIT_SIGNER_SPANS_SQL = `SELECT actor_id, signer_key_id, min(at) AS first, max(at) AS last, count(*) AS n FROM audit
  WHERE signer_key_id IS NOT NULL AND actor_id IS NOT NULL
    AND signer_key_id NOT IN (SELECT key_id FROM system_keys)
  GROUP BY actor_id, signer_key_id`;

/**
 * Every (actor, signing key, first and last time) among signed audit entries, leaving out the
 * system keys: those are ruled by what they may sign, not by certificates.
 */
export async function auditSignerSpans(conn: Conn): Promise<AuditSignerSpan[]> {
  const rows = await conn.all<{
    actor_id: string;
    signer_key_id: string;
    first: string;
    last: string;
    n: number;
  }>(AUDIT_SIGNER_SPANS_SQL);
  return rows.map((r) => ({
    actorId: r.actor_id,
    keyId: r.signer_key_id,
    first: r.first,
    last: r.last,
    n: r.n,
  }));
}

/** The audit entries one key signed for one actor, oldest first, for naming each one. */
export async function auditEntriesBySignerKey(
  conn: Conn,
  actorId: string,
  keyId: string,
): Promise<Array<{ seq: number; at: string; action: string }>> {
  return conn.all<{ seq: number; at: string; action: string }>(
    'SELECT seq, at, action FROM audit WHERE actor_id = ? AND signer_key_id = ? ORDER BY seq',
    [actorId, keyId],
  );
}
