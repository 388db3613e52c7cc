// Turns a passphrase or the recovery key into the vault key, using a key-slot file's bytes (the
// one inside a backup): the same slots and wrapping as sign-in, so a backup opens with the same
// passphrases and recovery key as the vault it came from. Only the safeguarding team's slots are
// tried (staff never restore a vault).
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam } from '../../../shared/roles';
import { unwrap } from '../crypto/aead';
import { deriveKey } from '../crypto/kdf';
import {
  aadFor,
  accountSlots,
  readKeySlots,
  recoverySlotOf,
  type KeySlotFile,
} from '../vault/keySlots';
import { decodeRecoveryKey, recoveryWrapKey } from '../vault/recoveryKey';

export async function unlockVaultKey(
  /** A key-slot file taken out of a backup (into the restore's own staging folder). */
  slotFilePath: string,
  secret: string,
): Promise<{ key: Buffer; via: 'recovery' | 'passphrase' }> {
  let file: KeySlotFile;
  try {
    file = readKeySlots(slotFilePath);
  } catch {
    throw new CaseSealError(
      'BACKUP_DAMAGED',
      'The key-slot file inside this backup is damaged. It cannot be restored. Nothing has been changed.',
    );
  }
  const recovery = decodeRecoveryKey(secret);
  if (recovery) {
    const slot = recoverySlotOf(file);
    const key = unwrap(
      recoveryWrapKey(recovery, slot.kdf.salt),
      slot.vaultKey,
      aadFor(file.vaultId, 'recovery', 'vault-key'),
    );
    recovery.fill(0);
    if (key) return { key, via: 'recovery' };
  }
  for (const slot of accountSlots(file).filter((s) => isSafeguardingTeam(s.role))) {
    // Only slots that wrap the vault key can open a backup (staff slots hold no copy of it).
    if (!slot.vaultKey) continue;
    const kek = await deriveKey(secret, slot.kdf);
    const key = unwrap(
      kek,
      slot.vaultKey,
      aadFor(file.vaultId, { accountId: slot.accountId }, 'vault-key'),
    );
    kek.fill(0);
    if (key) return { key, via: 'passphrase' };
  }
  throw new CaseSealError('BACKUP_WRONG_KEY');
}
