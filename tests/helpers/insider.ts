// Test helpers: what an insider with a real account, the real key files and time can do outside
// the app — unwrap their own copy of the vault key and signing key, open the vault with SQL, and
// rewrite the audit chain re-signing whatever their keys allow.
import type { KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { openVaultDb } from '../../src/main/db/open';
import type { Sqlite } from '../../src/main/db/sqlite';
import { deriveKey } from '../../src/main/core/crypto/kdf';
import { unwrap } from '../../src/main/core/crypto/aead';
import { privateKeyFromDer, signMessage } from '../../src/main/core/crypto/ed25519';
import { accountSlots, aadFor, readKeySlots } from '../../src/main/core/vault/keySlots';
import { vaultPathsIn } from '../../src/main/core/vault/paths';
import { deriveSystemKey } from '../../src/main/core/audit/auditSigner';
import { auditHash, auditSigningMessage } from '../../src/main/core/audit/auditLog';
import { canonicalJson } from '../../src/shared/records/canonical';
import {
  auditRowsAfter,
  insertAuditRow,
  lastAuditLink,
  type AuditRow,
} from '../../src/main/db/repositories/audit';

export interface Insider {
  db: Sqlite;
  vaultKey: Buffer;
  vaultId: string;
  accountId: string;
  keyId: string;
  privateKey: KeyObject;
  system: { keyId: string; privateKey: KeyObject };
  close(): Promise<void>;
}

/** Opens the vault offline with the insider's own passphrase and key-slot entry. */
export async function insider(
  dir: string,
  accountId: string,
  passphrase: string,
): Promise<Insider> {
  const paths = vaultPathsIn(dir);
  const file = readKeySlots(paths.keySlots);
  const slot = accountSlots(file).find((s) => s.accountId === accountId)!;
  const kek = await deriveKey(passphrase, slot.kdf);
  // Only team slots wrap the vault key: the insider here is a key holder (deputy, senior leader).
  if (!slot.vaultKey) throw new Error('this account holds no copy of the vault key');
  const vaultKey = unwrap(kek, slot.vaultKey, aadFor(file.vaultId, { accountId }, 'vault-key'))!;
  const der = unwrap(kek, slot.signingKey, aadFor(file.vaultId, { accountId }, 'signing-key'))!;
  const db = await openVaultDb(paths.db, vaultKey, { create: false, migrate: false });
  const system = deriveSystemKey(vaultKey, file.vaultId);
  return {
    db,
    vaultKey,
    vaultId: file.vaultId,
    accountId,
    keyId: slot.keyId,
    privateKey: privateKeyFromDer(der),
    system: { keyId: system.keyId, privateKey: system.privateKey },
    close: () => db.close(),
  };
}

export async function dropTrigger(db: Sqlite, ...names: string[]): Promise<void> {
  for (const n of names) await db.exec(`DROP TRIGGER IF EXISTS ${n}`);
}

/**
 * Rewrites the audit chain keeping only entries `keep` accepts, renumbered and re-linked. Each
 * entry is re-signed with the insider's key when they are its actor, otherwise with the key
 * `resignOthers` picks: the system key, or 'keep' to leave the original (now stale) signature.
 */
export async function relinkAudit(
  x: Insider,
  keep: (row: AuditRow) => boolean,
  resignOthers: 'system' | 'keep',
): Promise<number> {
  return relinkAuditWith(x.db, keep, (r) =>
    r.actor_id === x.accountId ? x : resignOthers === 'system' ? x.system : null,
  );
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

export type AuditResigner = (row: AuditRow) => { keyId: string; privateKey: KeyObject } | null;

/**
 * Like `relinkAudit`, but the insider picks the key for every entry (null keeps the old, now
 * stale signature): e.g. a key they inserted for someone else's account.
 */
export async function relinkAuditWith(
  db: Sqlite,
  keep: (row: AuditRow) => boolean,
  signerFor: AuditResigner,
): Promise<number> {
  await dropTrigger(db, 'audit_no_update', 'audit_no_delete');
  // The app's own reads and writes (db/repositories/audit.ts); only the DELETE is the insider's.
  const rows = (await auditRowsAfter(db, 0)).filter(keep);
  await db.run('DELETE FROM audit');
  let prev: string | null = null;
  let seq = 0;
  for (const r of rows) {
    seq++;
    const signer = signerFor(r);
    const signerKeyId = signer ? signer.keyId : (r.signer_key_id ?? null);
    const hash = auditHash({
      seq,
      at: r.at,
      actorId: r.actor_id,
      action: r.action as never,
      caseId: r.case_id,
      recordId: r.record_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      prevHash: prev,
      signerKeyId,
    });
    const signature = signer
      ? signMessage(signer.privateKey, auditSigningMessage(hash))
      : (r.signature ?? null);
    await insertAuditRow(db, {
      ...r,
      seq,
      prev_hash: prev,
      hash,
      signer_key_id: signerKeyId,
      signature,
    });
    prev = hash;
  }
  return rows.length;
}

/** Appends one audit entry, correctly chained, signed with whatever key the insider holds. */
export async function appendForgedAudit(
  db: Sqlite,
  entry: {
    at: string;
    actorId: string;
    action: string;
    caseId?: string | null;
    detail?: Record<string, unknown>;
  },
  signer: { keyId: string; privateKey: KeyObject },
): Promise<number> {
  const last = await lastAuditLink(db);
  const seq = (last?.seq ?? 0) + 1;
  const detail = entry.detail ?? {};
  const hash = auditHash({
    seq,
    at: entry.at,
    actorId: entry.actorId,
    action: entry.action as never,
    caseId: entry.caseId ?? null,
    recordId: null,
    detail,
    prevHash: last?.hash ?? null,
    signerKeyId: signer.keyId,
  });
  await insertAuditRow(db, {
    seq,
    at: entry.at,
    actor_id: entry.actorId,
    action: entry.action,
    case_id: entry.caseId ?? null,
    record_id: null,
    detail: canonicalJson(detail),
    prev_hash: last?.hash ?? null,
    hash,
    signer_key_id: signer.keyId,
    signature: signMessage(signer.privateKey, auditSigningMessage(hash)),
  });
  return seq;
}
