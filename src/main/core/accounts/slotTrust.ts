// Trust on first use of the school key: a slot made before the vault had a school key (a
// first-release vault, upgraded since) learns the school key fingerprint at its owner's next
// sign-in, sealed under their own passphrase from then on (docs/design.md, "Trust model").
import { makeAccountSlot, replaceAccountSlot, type SlotOwner } from './keySlot';

export async function sealTrustedSchoolIntoSlot(
  keySlotsPath: string,
  args: SlotOwner & {
    /** The vault key, for a team member's slot (staff slots never hold it). */
    vaultKey: Buffer | null;
    fingerprint: string;
  },
): Promise<void> {
  const { vaultKey, fingerprint, ...owner } = args;
  // The fingerprint only: the school key's private half is never sealed here (a DSL's slot gets
  // it from the trust set-up, accounts/trustSetup.ts, before this runs at their sign-in).
  const fresh = await makeAccountSlot({
    ...owner,
    keys: { vaultKey, school: { privateKey: null, fingerprint } },
  });
  replaceAccountSlot(keySlotsPath, fresh);
}
