// Sign-in with a person's own passphrase: an account with no slot (never made, or disabled) is
// refused; one still waiting after wrong passphrases is refused before any key is derived
// (identity/lockout.ts); a wrong passphrase is counted in the key-slot file, so the delay survives a
// restart and is audited at the next team sign-in. Staff get a session without the vault (least
// privilege); a team member's slot unlocks the vault (vault/unlock.ts).
import { CaseSealError } from '../../../shared/errors';
import { keyIdOf, publicKeyFromPrivate } from '../crypto/ed25519';
import { openAccountSlot, type OpenedSlot } from '../accounts/keySlot';
import { readKeySlots, type AccountSlot, type KeySlotFile } from '../vault/keySlots';
import type { VaultPaths } from '../vault/paths';
import { unlockVault, type Unlocked } from '../vault/unlock';
import type { Session } from './session';
import { startStaffSession } from './staffSession';
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

export type SignedIn =
  | { kind: 'staff'; session: Session }
  | (Extract<Unlocked, { kind: 'team' }> & { opened: OpenedSlot & { vaultKey: Buffer } });

export async function signIn(
  ctx: { paths: VaultPaths; now: () => Date },
  accountId: string,
  passphrase: string,
): Promise<SignedIn> {
  const own = await openOwnSlot(ctx.paths.keySlots, accountId, passphrase, ctx.now);
  const { opened } = own;
  const vaultKey = opened.vaultKey;
  const staff = async (o: OpenedSlot) => ({
    kind: 'staff' as const,
    session: await startStaffSession(
      { keySlotsPath: ctx.paths.keySlots, now: ctx.now },
      own.slot,
      o,
      passphrase,
    ),
  });
  if (!vaultKey) return staff(opened);
  const withKey = { ...opened, vaultKey };
  const unlocked = await unlockVault(ctx, { ...own, opened: withKey });
  if (unlocked.kind === 'staff') return staff({ ...opened, vaultKey: null });
  return { ...unlocked, opened: withKey };
}
