// The log's side of a session: at sign-in the audit signers are bound to the open vault (the
// person's key for what they do, the system key for the rest), the vault is compared with every
// person's latest signed checkpoint, and a checkpoint is signed; at lock another is signed and the
// signers are dropped. Called by the core at a few points; holds no state of its own.
import type { KeyObject } from 'node:crypto';
import type { Sqlite } from '../../db/sqlite';
import {
  bindAuditSigners,
  deriveSystemKey,
  unbindAuditSigners,
  type AuditKey,
} from '../audit/auditSigner';
import { auditKeyInfo } from '../audit/auditKeys';
import { listAuditKeys, saveSystemKey } from '../../db/repositories/auditSigning';
import { compareWithCheckpoints, signCheckpoint } from './checkpoints';
import { readSlotCheckpoints, writeSlotCheckpoint } from './checkpointStore';
import type { Problem } from '../verify/chainChecks';

export interface SessionKey {
  accountId: string;
  keyId: string;
  privateKey: KeyObject;
}

/** Binds the signers and records the system key's public half (idempotent). */
export async function openSessionLog(
  db: Sqlite,
  input: { vaultKey: Buffer; vaultId: string; session: SessionKey | null; at: string },
): Promise<void> {
  const system = deriveSystemKey(input.vaultKey, input.vaultId);
  const session: AuditKey | null = input.session ? { ...input.session } : null;
  await bindAuditSigners(db, { session, system });
  await db.exclusive((c) =>
    saveSystemKey(c, { keyId: system.keyId, publicKeyPem: system.publicKeyPem, at: input.at }),
  );
}

export async function closeSessionLog(db: Sqlite): Promise<void> {
  await unbindAuditSigners(db);
}

/** Signs a checkpoint into the vault, then copies it into the person's key slot. */
export async function keepCheckpoint(
  db: Sqlite,
  keySlotsPath: string,
  input: { vaultId: string; signer: SessionKey; purpose: 'sign-in' | 'lock'; at: string },
): Promise<void> {
  const signed = await db.transaction((c) => signCheckpoint(c, input));
  writeSlotCheckpoint(keySlotsPath, input.signer.accountId, signed);
}

/** Problems found comparing the vault with every person's latest checkpoint (both places). */
export async function checkAgainstCheckpoints(
  db: Sqlite,
  keySlotsPath: string,
  vaultId: string,
): Promise<Problem[]> {
  const slotCheckpoints = readSlotCheckpoints(keySlotsPath);
  return db.exclusive(async (c) =>
    compareWithCheckpoints(c, {
      vaultId,
      keys: auditKeyInfo(await listAuditKeys(c)),
      slotCheckpoints,
    }),
  );
}
