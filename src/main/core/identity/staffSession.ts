// A staff member's session (least privilege): only their own signing key is unwrapped and the vault
// stays closed; they can seal a concern to the team and change their own passphrase, nothing more.
import { mayDecryptVault } from '../../../shared/roles';
import type { OpenedSlot } from '../accounts/keySlot';
import { sealTrustedSchoolIntoSlot } from '../accounts/slotTrust';
import { readKeySlots, type AccountSlot } from '../vault/keySlots';
import { startSession, type Session } from './session';
import { clearFailures } from './signInAttempts';

export async function startStaffSession(
  ctx: { keySlotsPath: string; now: () => Date },
  slot: AccountSlot,
  opened: OpenedSlot,
  passphrase: string,
): Promise<Session> {
  // Their own count is reset; the queue of unaudited failures waits for a team sign-in (no vault).
  clearFailures(ctx.keySlotsPath, slot.accountId, false);
  const trusted =
    opened.trustedSchool ?? (await trustOnFirstUse(ctx.keySlotsPath, slot, opened, passphrase));
  return startSession({
    // No vault is open to read the account row from: the slot names the person and their role.
    account: {
      id: slot.accountId,
      name: slot.name,
      role: slot.role,
      active: true,
      createdAt: '',
      disabledAt: null,
    },
    privateKey: opened.signingKey,
    keyId: slot.keyId,
    at: ctx.now().toISOString(),
    vaultOpen: false,
    trustedSchool: trusted,
  });
}

/**
 * A slot made before the school key existed (a first-release vault, upgraded since) learns the
 * school key fingerprint at its owner's first sign-in after the upgrade, sealed under their own
 * passphrase from then on (trust on first use; docs/design.md, "Trust model").
 */
async function trustOnFirstUse(
  keySlotsPath: string,
  slot: AccountSlot,
  opened: OpenedSlot,
  passphrase: string,
): Promise<string | null> {
  const file = readKeySlots(keySlotsPath);
  if (!file.schoolKey || mayDecryptVault(slot.role)) return null;
  await sealTrustedSchoolIntoSlot(keySlotsPath, {
    vaultId: file.vaultId,
    accountId: slot.accountId,
    name: slot.name,
    role: slot.role,
    passphrase,
    signingKey: opened.signingKey,
    keyId: slot.keyId,
    vaultKey: null,
    fingerprint: file.schoolKey.fingerprint,
  });
  return file.schoolKey.fingerprint;
}
