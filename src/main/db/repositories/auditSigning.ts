// SQL for audit signing: the system key's public half and the first audit position that must be
// signed (entries before it were made before audit signing existed).
import type { Conn } from '../sqlite';

export async function saveSystemKey(
  conn: Conn,
  k: { keyId: string; publicKeyPem: string; at: string },
): Promise<void> {
  await conn.run(
    'INSERT OR IGNORE INTO system_keys (key_id, public_key, created_at) VALUES (?,?,?)',
    [k.keyId, k.publicKeyPem, k.at],
  );
}

export async function listSystemKeys(
  conn: Conn,
): Promise<Array<{ keyId: string; publicKeyPem: string }>> {
  const rows = await conn.all<{ key_id: string; public_key: string }>(
    'SELECT key_id, public_key FROM system_keys',
  );
  return rows.map((r) => ({ keyId: r.key_id, publicKeyPem: r.public_key }));
}

/** Audit entries from this seq on must be signed; a missing row means every entry must be. */
export async function auditSigningFrom(conn: Conn): Promise<number> {
  const row = await conn.get<{ from_seq: number }>(
    'SELECT from_seq FROM audit_signing WHERE id = 1',
  );
  return row?.from_seq ?? 1;
}

export interface AuditKeyRow {
  keyId: string;
  publicKeyPem: string;
  /** Owning account, or null for a system key. */
  accountId: string | null;
}

/** Every key an audit entry or checkpoint may be signed with: account keys and system keys. */
export async function listAuditKeys(conn: Conn): Promise<AuditKeyRow[]> {
  const accounts = await conn.all<{ key_id: string; public_key: string; account_id: string }>(
    'SELECT key_id, public_key, account_id FROM account_keys',
  );
  const system = await listSystemKeys(conn);
  return [
    ...accounts.map((r) => ({
      keyId: r.key_id,
      publicKeyPem: r.public_key,
      accountId: r.account_id,
    })),
    ...system.map((s) => ({ ...s, accountId: null })),
  ];
}

export async function latestAudit(conn: Conn): Promise<{ seq: number; hash: string } | undefined> {
  return conn.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
  );
}

export async function auditAt(
  conn: Conn,
  seq: number,
): Promise<{ seq: number; hash: string } | undefined> {
  return conn.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit WHERE seq = ?', [
    seq,
  ]);
}
