// SQL for signed checkpoints (append-only `log_checkpoints`) and the chain heads they cover.
import type { Conn } from '../sqlite';

export interface StoredCheckpoint {
  seq: number;
  accountId: string;
  keyId: string;
  body: string;
  signature: string;
}

export async function insertCheckpoint(
  conn: Conn,
  c: { accountId: string; keyId: string; body: string; signature: string },
): Promise<number> {
  const r = await conn.run(
    'INSERT INTO log_checkpoints (account_id, key_id, body, signature) VALUES (?,?,?,?)',
    [c.accountId, c.keyId, c.body, c.signature],
  );
  return r.lastID;
}

/** Each account's newest checkpoint in the vault. */
export async function latestCheckpointPerAccount(conn: Conn): Promise<StoredCheckpoint[]> {
  const rows = await conn.all<{
    seq: number;
    account_id: string;
    key_id: string;
    body: string;
    signature: string;
  }>(
    `SELECT c.* FROM log_checkpoints c
       JOIN (SELECT account_id, max(seq) AS m FROM log_checkpoints GROUP BY account_id) l
         ON l.account_id = c.account_id AND l.m = c.seq`,
  );
  return rows.map((r) => ({
    seq: r.seq,
    accountId: r.account_id,
    keyId: r.key_id,
    body: r.body,
    signature: r.signature,
  }));
}

export interface ChainHead {
  seq: number;
  hash: string | null;
}

export async function recordHead(conn: Conn): Promise<ChainHead> {
  const r = await conn.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1',
  );
  return r ? { seq: r.seq, hash: r.hash } : { seq: 0, hash: null };
}

export async function auditHead(conn: Conn): Promise<ChainHead> {
  const r = await conn.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
  );
  return r ? { seq: r.seq, hash: r.hash } : { seq: 0, hash: null };
}

export async function recordHashAt(conn: Conn, seq: number): Promise<string | undefined> {
  return (await conn.get<{ hash: string }>('SELECT hash FROM records WHERE seq = ?', [seq]))?.hash;
}

export async function auditHashAt(conn: Conn, seq: number): Promise<string | undefined> {
  return (await conn.get<{ hash: string }>('SELECT hash FROM audit WHERE seq = ?', [seq]))?.hash;
}

/**
 * For each account, its newest signed `checkpoint` audit entry: the checkpoint it announces must
 * still exist in the vault or in the key-slot file.
 */
export async function latestCheckpointEntries(
  conn: Conn,
): Promise<Array<{ seq: number; actorId: string; at: string; detail: string }>> {
  const rows = await conn.all<{ seq: number; actor_id: string; at: string; detail: string }>(
    `SELECT a.seq, a.actor_id, a.at, a.detail FROM audit a
       JOIN (SELECT actor_id, max(seq) AS m FROM audit WHERE action = 'checkpoint' GROUP BY actor_id) l
         ON l.m = a.seq`,
  );
  return rows.map((r) => ({ seq: r.seq, actorId: r.actor_id, at: r.at, detail: r.detail }));
}

export async function accountNames(conn: Conn): Promise<Map<string, string>> {
  const rows = await conn.all<{ id: string; full_name: string }>(
    'SELECT id, full_name FROM accounts',
  );
  return new Map(rows.map((r) => [r.id, r.full_name]));
}
