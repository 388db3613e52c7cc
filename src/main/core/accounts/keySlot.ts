// The one place an account's key slot is made and opened. What a slot holds follows from the role
// (least privilege): everyone's own signing key; the vault key only for people who must read cases
// (DSL, deputy, senior leader); the school key only for a DSL; and, for everyone, the school key
// fingerprint they trust, sealed under their own passphrase.
import type { KeyObject } from 'node:crypto';
import type { Role } from '../../../shared/roles';
import { managesAccounts, mayDecryptVault } from '../../../shared/roles';
import { wrap, unwrap } from '../crypto/aead';
import { deriveKey, newScryptParams } from '../crypto/kdf';
import { privateKeyFromDer, privateKeyToDer } from '../crypto/ed25519';
import {
  aadFor,
  readKeySlots,
  writeKeySlots,
  type AccountSlot,
  type KeySlotFile,
} from '../vault/keySlots';

export interface SlotKeys {
  /** The vault key, when the person making the slot holds it (a team session or set-up). */
  vaultKey: Buffer | null;
  /**
   * The school key: its fingerprint is sealed into every slot as the key this person trusts; its
   * private half (when the maker holds it) only into a DSL's slot.
   */
  school: { privateKey: KeyObject | null; fingerprint: string } | null;
  /**
   * A slot of a first-release vault (key-slot file version 1): it wraps the vault key whatever the
   * role, until the upgrade takes it out of the slots of people who must not read cases.
   */
  firstRelease?: boolean;
}

/** Whose slot it is, the signing key it seals and the passphrase it is sealed under. */
export interface SlotOwner {
  vaultId: string;
  accountId: string;
  name: string;
  role: Role;
  passphrase: string;
  signingKey: KeyObject;
  keyId: string;
}

export async function makeAccountSlot(args: SlotOwner & { keys: SlotKeys }): Promise<AccountSlot> {
  const who = { accountId: args.accountId };
  const kdf = newScryptParams();
  const kek = await deriveKey(args.passphrase, kdf);
  try {
    const slot: AccountSlot = {
      type: 'account',
      accountId: args.accountId,
      name: args.name,
      role: args.role,
      keyId: args.keyId,
      kdf,
      signingKey: wrap(
        kek,
        privateKeyToDer(args.signingKey),
        aadFor(args.vaultId, who, 'signing-key'),
      ),
      failures: { count: 0, lastFailureAt: null, unaudited: [] },
    };
    if (mayDecryptVault(args.role) || args.keys.firstRelease) {
      if (!args.keys.vaultKey) throw new Error('the vault key is needed for this role');
      slot.vaultKey = wrap(kek, args.keys.vaultKey, aadFor(args.vaultId, who, 'vault-key'));
    }
    if (args.keys.school) {
      slot.trust = wrap(
        kek,
        Buffer.from(args.keys.school.fingerprint, 'hex'),
        aadFor(args.vaultId, who, 'school-trust'),
      );
      if (managesAccounts(args.role) && args.keys.school.privateKey)
        slot.schoolKey = wrap(
          kek,
          privateKeyToDer(args.keys.school.privateKey),
          aadFor(args.vaultId, who, 'school-key'),
        );
    }
    return slot;
  } finally {
    // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
    kek.fill(0);
  }
}

export interface OpenedSlot {
  signingKey: KeyObject;
  vaultKey: Buffer | null;
  schoolKey: KeyObject | null;
  /** The school key fingerprint this person trusts (null in a slot made before the school key). */
  trustedSchool: string | null;
}

/** Null when the passphrase is wrong (or the slot was altered: AES-GCM authentication fails). */
export async function openAccountSlot(
  file: KeySlotFile,
  slot: AccountSlot,
  passphrase: string,
  want: { vaultKey: boolean; schoolKey: boolean } = { vaultKey: true, schoolKey: true },
): Promise<OpenedSlot | null> {
  const who = { accountId: slot.accountId };
  const kek = await deriveKey(passphrase, slot.kdf);
  try {
    const der = unwrap(kek, slot.signingKey, aadFor(file.vaultId, who, 'signing-key'));
    if (!der) return null;
    const signingKey = privateKeyFromDer(der);
    // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
    der.fill(0);
    const vaultKey =
      want.vaultKey && slot.vaultKey
        ? unwrap(kek, slot.vaultKey, aadFor(file.vaultId, who, 'vault-key'))
        : null;
    if (want.vaultKey && slot.vaultKey && !vaultKey) return null;
    let schoolKey: KeyObject | null = null;
    if (want.schoolKey && slot.schoolKey) {
      const s = unwrap(kek, slot.schoolKey, aadFor(file.vaultId, who, 'school-key'));
      if (!s) return null;
      schoolKey = privateKeyFromDer(s);
      // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
      s.fill(0);
    }
    const trust = slot.trust
      ? unwrap(kek, slot.trust, aadFor(file.vaultId, who, 'school-trust'))
      : null;
    if (slot.trust && !trust) return null;
    return { signingKey, vaultKey, schoolKey, trustedSchool: trust ? trust.toString('hex') : null };
  } finally {
    // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
    kek.fill(0);
  }
}

/**
 * Puts a re-made slot in place of the account's old one in the key-slot file (read fresh, written
 * atomically), keeping the failed-attempt count of the old one: a new slot never resets lockout.
 */
export function replaceAccountSlot(keySlotsPath: string, fresh: AccountSlot): void {
  const file = readKeySlots(keySlotsPath);
  file.slots = file.slots.map((x) =>
    x.type === 'account' && x.accountId === fresh.accountId
      ? { ...fresh, failures: x.failures }
      : x,
  );
  writeKeySlots(keySlotsPath, file);
}
