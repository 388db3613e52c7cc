// Trust on first use of the school key: a slot made before the vault had a school key (a
// first-release vault, upgraded since) learns the school key fingerprint at its owner's next
// sign-in, sealed under their own passphrase from then on (docs/design.md, "Trust model").
import type { KeyObject } from 'node:crypto';
import type { Role } from '../../../shared/roles';
import { makeAccountSlot, replaceAccountSlot } from './keySlot';

export async function sealTrustedSchoolIntoSlot(
  keySlotsPath: string,
  args: {
    vaultId: string;
    accountId: string;
    name: string;
    role: Role;
    passphrase: string;
    signingKey: KeyObject;
    keyId: string;
    /** The vault key, for a team member's slot (staff slots never hold it). */
    vaultKey: Buffer | null;
    fingerprint: string;
  },
): Promise<void> {
  const fresh = await makeAccountSlot({
    vaultId: args.vaultId,
    accountId: args.accountId,
    name: args.name,
    role: args.role,
    passphrase: args.passphrase,
    signingKey: args.signingKey,
    keyId: args.keyId,
    keys: { vaultKey: args.vaultKey, school: { privateKey: null, fingerprint: args.fingerprint } },
  });
  replaceAccountSlot(keySlotsPath, fresh);
}
