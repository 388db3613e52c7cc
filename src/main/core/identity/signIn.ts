// Opens a person's own key slot with their passphrase at sign-in: an account with no slot (never
// made, or disabled) is refused; one still waiting after wrong passphrases is refused before any
// key is derived (identity/lockout.ts); a wrong passphrase is counted in the key-slot file, so the
// delay survives a restart and is audited at the next team sign-in.
import { CaseSealError } from '../../../shared/errors';
import { keyIdOf, publicKeyFromPrivate } from '../crypto/ed25519';
import { openAccountSlot, type OpenedSlot } from '../accounts/keySlot';
import { readKeySlots, type AccountSlot, type KeySlotFile } from '../vault/keySlots';
import {
  findSlot,
  recordFailure,
  refuseWhileLockedOut,
  wrongPassphraseError,
} from './signInAttempts';

export interface OwnSlot {
  file: KeySlotFile;
  slot: AccountSlot;
  opened: OpenedSlot;
}

export async function openOwnSlot(
  keySlotsPath: string,
  accountId: string,
  passphrase: string,
  now: () => Date,
): Promise<OwnSlot> {
  const file = readKeySlots(keySlotsPath);
  const slot = findSlot(file, accountId);
  if (!slot)
    throw new CaseSealError(
      'ACCOUNT_DISABLED',
      'This account cannot sign in: it does not exist or has been disabled. Ask your DSL.',
    );
  refuseWhileLockedOut(slot, now(), 'this');
  const opened = await openAccountSlot(file, slot, passphrase);
  if (!opened) {
    const failures = recordFailure(keySlotsPath, accountId, now());
    throw wrongPassphraseError(failures, now());
  }
  // The signing key unwrapped must be the one the slot names: a swapped key is a damaged file.
  if (keyIdOf(publicKeyFromPrivate(opened.signingKey)) !== slot.keyId)
    throw new CaseSealError('KEYSLOTS_DAMAGED');
  return { file, slot, opened };
}
