// What the app can say about the vault folder while nobody is signed in: whether it needs set-up,
// is damaged (one of its two files missing or unreadable) or is locked, and the names the sign-in
// picker shows (from the key-slot file: nothing else is readable while locked).
import { existsSync } from 'node:fs';
import { CaseSealError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { retryAfterMs } from '../identity/lockout';
import { accountSlots, readKeySlots } from './keySlots';
import type { VaultPaths } from './paths';

export type VaultState = 'needs-setup' | 'locked' | 'unlocked' | 'damaged';

export interface PickerAccount {
  id: string;
  name: string;
  role: Role;
  retryAfterSeconds: number;
}

/** The state of the vault folder when nobody is signed in ('unlocked' is the core's to say). */
export function vaultFolderState(paths: VaultPaths): { state: VaultState; message?: string } {
  const hasDb = existsSync(paths.db);
  const hasSlots = existsSync(paths.keySlots);
  if (!hasDb && !hasSlots) return { state: 'needs-setup' };
  if (hasDb && !hasSlots) {
    return {
      state: 'damaged',
      message:
        'The key-slot file beside the vault is missing. The vault has not been changed. Restore both files from the same backup, or ask school IT for help.',
    };
  }
  if (!hasDb && hasSlots) {
    return {
      state: 'damaged',
      message:
        'The case vault file is missing but its key-slot file is present. Nothing has been changed. Restore the vault file from a backup copy.',
    };
  }
  try {
    readKeySlots(paths.keySlots);
  } catch (e) {
    return {
      state: 'damaged',
      message: e instanceof CaseSealError ? e.message : 'The key-slot file could not be read.',
    };
  }
  return { state: 'locked' };
}

/** Names and roles for the sign-in picker, with how long each must still wait after failures. */
export function pickerAccounts(keySlotsPath: string, now: Date): PickerAccount[] {
  const file = readKeySlots(keySlotsPath);
  return accountSlots(file)
    .map((s) => ({
      id: s.accountId,
      name: s.name,
      role: s.role,
      retryAfterSeconds: Math.ceil(retryAfterMs(s.failures, now) / 1000),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
