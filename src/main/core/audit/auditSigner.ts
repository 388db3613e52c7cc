// Who signs an audit entry: the signed-in person's session key when they are the actor, otherwise
// the vault's system key (failed sign-ins, resets made with the recovery key while locked). The
// signers are bound to the open vault connection at sign-in and unbound at lock, so every caller
// of appendAudit signs without passing keys around.
import { createPrivateKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { Conn, Sqlite } from '../../db/sqlite';
import { keyIdOf, publicKeyFromPrivate } from '../crypto/ed25519';

export interface AuditKey {
  /** The account whose key this is; null for the system key. */
  accountId: string | null;
  keyId: string;
  privateKey: KeyObject;
}

export interface AuditSigners {
  session: AuditKey | null;
  system: AuditKey & { publicKeyPem: string };
}

/**
 * Actions a system-key signature may cover: events where nobody had proved who they were. Any
 * other entry signed by the system key is reported as wrongly signed.
 */
export const SYSTEM_SIGNED_ACTIONS: ReadonlySet<string> = new Set(['sign-in-failed']);

const bound = new WeakMap<object, AuditSigners>();

/** Binds the signers to the vault handle and to the connection its sections receive. */
export async function bindAuditSigners(db: Sqlite, signers: AuditSigners): Promise<void> {
  const inner = await db.exclusive(async (c) => c);
  bound.set(db, signers);
  bound.set(inner, signers);
}

export async function unbindAuditSigners(db: Sqlite): Promise<void> {
  bound.delete(db);
  if (!db.isClosed) bound.delete(await db.exclusive(async (c) => c));
}

export function boundSigners(conn: Conn): AuditSigners | null {
  return bound.get(conn) ?? null;
}

/** The session key signs what its own account did; the system key signs the rest. */
export function auditSignerFor(conn: Conn, actorId: string | null): AuditKey {
  const b = bound.get(conn);
  if (!b)
    throw new Error(
      'no audit signer is bound to this vault connection: the entry cannot be signed',
    );
  if (b.session && actorId === b.session.accountId) return b.session;
  return b.system;
}

/** PKCS#8 DER prefix for a raw 32-byte Ed25519 seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The system key: an Ed25519 key derived with HKDF-SHA256 from the vault key and the vault id.
 * Anyone who holds the vault key can derive it, so its signature proves only that the entry was
 * written by software holding the vault key — never who (docs/design.md, "Trust model").
 */
export function deriveSystemKey(
  vaultKey: Buffer,
  vaultId: string,
): AuditKey & { publicKeyPem: string } {
  const seed = Buffer.from(
    hkdfSync('sha256', vaultKey, Buffer.from(vaultId, 'utf8'), 'caseseal/audit-system-key/v1', 32),
  );
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  seed.fill(0);
  const publicKeyPem = publicKeyFromPrivate(privateKey);
  return { accountId: null, keyId: keyIdOf(publicKeyPem), privateKey, publicKeyPem };
}
