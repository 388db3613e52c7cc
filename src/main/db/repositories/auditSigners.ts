// SQL for the certificate check of signed audit entries: who signed with which account key, and
// when first and last, so that the whole trail is checked by a few index seeks per key.
import type { Conn } from '../sqlite';
import { AUDIT_PAIRS, signerPairSpans } from './signerPairs';

export interface AuditSignerSpan {
  actorId: string;
  keyId: string;
  first: string;
  last: string;
}

/**
 * Every (actor, signing key, first and last time) among signed audit entries, by seeks in the
 * covering index audit_by_signer_key (migration 0100), leaving out the system keys: those are ruled
 * by what they may sign, not by certificates.
 */
export async function auditSignerSpans(conn: Conn): Promise<AuditSignerSpan[]> {
  const system = new Set(
    (await conn.all<{ key_id: string }>('SELECT key_id FROM system_keys')).map((r) => r.key_id),
  );
  return (await signerPairSpans(conn, AUDIT_PAIRS))
    .filter((p) => !system.has(p.keyId))
    .map((p) => ({ actorId: p.personId, keyId: p.keyId, first: p.first, last: p.last }));
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
