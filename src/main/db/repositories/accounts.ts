// Accounts and their public keys in the vault. Public keys are append-only (a disabled or reset
// account's old keys stay, so its past signatures remain verifiable).
import type { Conn } from '../sqlite';
import type { Role } from '../../../shared/roles';
import type { AccountSummary } from '../../../shared/records/kindDef';

interface AccountRow {
  id: string;
  full_name: string;
  role: Role;
  created_at: string;
  created_by: string | null;
  disabled_at: string | null;
  disabled_by: string | null;
}

export interface Account extends AccountSummary {
  createdAt: string;
  disabledAt: string | null;
}

function fromRow(r: AccountRow): Account {
  return {
    id: r.id,
    name: r.full_name,
    role: r.role,
    active: r.disabled_at === null,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
  };
}

export async function insertAccount(
  conn: Conn,
  a: { id: string; name: string; role: Role; at: string; by: string | null },
): Promise<void> {
  await conn.run(
    'INSERT INTO accounts (id, full_name, role, created_at, created_by) VALUES (?,?,?,?,?)',
    [a.id, a.name, a.role, a.at, a.by],
  );
}

export async function insertAccountKey(
  conn: Conn,
  k: { keyId: string; accountId: string; publicKeyPem: string; at: string },
): Promise<void> {
  await conn.run(
    'INSERT INTO account_keys (key_id, account_id, public_key, created_at) VALUES (?,?,?,?)',
    [k.keyId, k.accountId, k.publicKeyPem, k.at],
  );
}

export async function getAccount(conn: Conn, id: string): Promise<Account | undefined> {
  const r = await conn.get<AccountRow>('SELECT * FROM accounts WHERE id = ?', [id]);
  return r ? fromRow(r) : undefined;
}

export async function listAccounts(conn: Conn): Promise<Account[]> {
  return (
    await conn.all<AccountRow>('SELECT * FROM accounts ORDER BY full_name COLLATE NOCASE')
  ).map(fromRow);
}

export async function disableAccount(
  conn: Conn,
  id: string,
  at: string,
  /** Null when the recovery key disabled a departed DSL (nobody signed in). */
  by: string | null,
): Promise<void> {
  await conn.run(
    'UPDATE accounts SET disabled_at = ?, disabled_by = ? WHERE id = ? AND disabled_at IS NULL',
    [at, by, id],
  );
}

export async function countActiveDsls(conn: Conn): Promise<number> {
  return (
    (
      await conn.get<{ n: number }>(
        "SELECT count(*) AS n FROM accounts WHERE role = 'dsl' AND disabled_at IS NULL",
      )
    )?.n ?? 0
  );
}

export interface PublicKeyEntry {
  keyId: string;
  accountId: string;
  publicKeyPem: string;
  createdAt: string;
}

export async function listPublicKeys(
  conn: Conn,
  accountIds?: readonly string[],
): Promise<PublicKeyEntry[]> {
  const rows = await conn.all<{
    key_id: string;
    account_id: string;
    public_key: string;
    created_at: string;
  }>('SELECT * FROM account_keys ORDER BY created_at');
  const wanted = accountIds ? new Set(accountIds) : null;
  return rows
    .filter((r) => !wanted || wanted.has(r.account_id))
    .map((r) => ({
      keyId: r.key_id,
      accountId: r.account_id,
      publicKeyPem: r.public_key,
      createdAt: r.created_at,
    }));
}
