// Account key slots, attacked in a copy of the golden vault's key-slot file: an insider copies a
// slot (or one wrapped key) from another account or vault, raises the role written in their slot,
// or plants the school key in a slot that must not hold it. Each test asserts what sign-in relies
// on: the slot does not open (null), or opens with exactly the keys the role holds.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  makeAccountSlot,
  openAccountSlot,
  replaceAccountSlot,
  type SlotKeys,
} from '../../../src/main/core/accounts/keySlot';
import { sealTrustedSchoolIntoSlot } from '../../../src/main/core/accounts/slotTrust';
import { publicKeyFromPrivate } from '../../../src/main/core/crypto/ed25519';
import {
  readKeySlots,
  writeKeySlots,
  type AccountSlot,
} from '../../../src/main/core/vault/keySlots';
import type { Role } from '../../../src/shared/roles';
import { PASSPHRASES } from '../../helpers/vault';
import { accountsWorld, NAMES, rogueKey, type AccountsWorld } from './accountsWorld';

const PASS = 'ochre-willow-lantern-basalt-62';

async function fresh(w: AccountsWorld, role: Role, keys: SlotKeys, passphrase = PASS) {
  const k = rogueKey();
  const slot = await makeAccountSlot({
    vaultId: w.file.vaultId,
    accountId: w.ids[role],
    name: NAMES[role],
    role,
    passphrase,
    signingKey: k.privateKey,
    keyId: k.keyId,
    keys,
  });
  return { slot, key: k };
}

describe('what a key slot holds follows from the role (least privilege)', () => {
  it('a DSL’s slot seals their signing key, the vault key, the school key and the school fingerprint they trust; each opens with their passphrase', async () => {
    const w = await accountsWorld();
    const { slot, key } = await fresh(w, 'dsl', { vaultKey: w.vaultKey, school: w.school });
    expect(slot).toMatchObject({
      type: 'account',
      accountId: w.ids.dsl,
      name: NAMES.dsl,
      role: 'dsl',
      keyId: key.keyId,
      failures: { count: 0, lastFailureAt: null, unaudited: [] },
    });
    expect(slot.kdf.name).toBe('scrypt');
    const opened = (await openAccountSlot(w.file, slot, PASS))!;
    expect(publicKeyFromPrivate(opened.signingKey)).toBe(key.publicKeyPem);
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(publicKeyFromPrivate(opened.schoolKey!)).toBe(w.school.publicKeyPem);
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
    // asked for neither the vault key nor the school key, it opens only the signing key
    const light = (await openAccountSlot(w.file, slot, PASS, {
      vaultKey: false,
      schoolKey: false,
    }))!;
    expect(light.vaultKey).toBeNull();
    expect(light.schoolKey).toBeNull();
    expect(light.trustedSchool).toBe(w.school.fingerprint);
    expect(publicKeyFromPrivate(light.signingKey)).toBe(key.publicKeyPem);
  });

  it('a deputy or senior leader’s slot holds the vault key but never the school key, even when the maker holds it', async () => {
    const w = await accountsWorld();
    for (const role of ['deputy', 'slt'] as const) {
      const { slot } = await fresh(w, role, { vaultKey: w.vaultKey, school: w.school });
      expect(slot.vaultKey).toBeDefined();
      expect(slot.schoolKey).toBeUndefined();
      expect(slot.trust).toBeDefined();
      const opened = (await openAccountSlot(w.file, slot, PASS))!;
      expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
      expect(opened.schoolKey).toBeNull();
    }
  });

  it('a staff slot holds neither the vault key nor the school key (staff cannot decrypt the vault)', async () => {
    const w = await accountsWorld();
    const { slot } = await fresh(w, 'staff', { vaultKey: w.vaultKey, school: w.school });
    expect(slot.vaultKey).toBeUndefined();
    expect(slot.schoolKey).toBeUndefined();
    const opened = (await openAccountSlot(w.file, slot, PASS))!;
    expect(opened.vaultKey).toBeNull();
    expect(opened.schoolKey).toBeNull();
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
  });

  it('a team role cannot be given a slot without the vault key: refused, not a slot that cannot read cases', async () => {
    const w = await accountsWorld();
    for (const role of ['dsl', 'deputy', 'slt'] as const)
      await expect(fresh(w, role, { vaultKey: null, school: w.school })).rejects.toThrow(
        'the vault key is needed for this role',
      );
  });

  it('a slot made before the school key trusts none; a DSL slot made from the fingerprint only holds no school key', async () => {
    const w = await accountsWorld();
    const none = await fresh(w, 'dsl', { vaultKey: w.vaultKey, school: null });
    expect(none.slot.trust).toBeUndefined();
    expect(none.slot.schoolKey).toBeUndefined();
    expect((await openAccountSlot(w.file, none.slot, PASS))!.trustedSchool).toBeNull();
    const fp = await fresh(w, 'dsl', {
      vaultKey: w.vaultKey,
      school: { privateKey: null, fingerprint: w.school.fingerprint },
    });
    expect(fp.slot.schoolKey).toBeUndefined();
    expect((await openAccountSlot(w.file, fp.slot, PASS))!.trustedSchool).toBe(
      w.school.fingerprint,
    );
  });
});

describe('a slot opens only for its own account, vault and passphrase', () => {
  it('the wrong passphrase opens nothing', async () => {
    const w = await accountsWorld();
    expect(await openAccountSlot(w.file, w.slotOf(w.ids.deputy), PASSPHRASES.slt)).toBeNull();
    expect(
      await openAccountSlot(w.file, w.slotOf(w.ids.deputy), PASSPHRASES.deputy),
    ).not.toBeNull();
  });

  it('a key slot copied from another account: the deputy’s slot moved under the senior leader’s account id does not open', async () => {
    const w = await accountsWorld();
    const deputy = w.slotOf(w.ids.deputy);
    const copied: AccountSlot = { ...deputy, accountId: w.ids.slt, name: NAMES.slt, role: 'slt' };
    expect(await openAccountSlot(w.file, copied, PASSPHRASES.deputy)).toBeNull();
  });

  it('a key slot re-wrapped or copied from another vault (another vault id) does not open', async () => {
    const w = await accountsWorld();
    const other = { ...w.file, vaultId: '11111111-2222-4333-8444-555555555555' };
    expect(await openAccountSlot(other, w.slotOf(w.ids.deputy), PASSPHRASES.deputy)).toBeNull();
  });

  it('a vault key copied from another account’s slot into one’s own: the slot does not open for the vault key (and opens without it)', async () => {
    const w = await accountsWorld();
    const staff = w.slotOf(w.ids.staff);
    const withVault: AccountSlot = { ...staff, vaultKey: w.slotOf(w.ids.deputy).vaultKey };
    expect(await openAccountSlot(w.file, withVault, PASSPHRASES.staff)).toBeNull();
    const noVault = await openAccountSlot(w.file, withVault, PASSPHRASES.staff, {
      vaultKey: false,
      schoolKey: true,
    });
    expect(noVault).not.toBeNull();
    expect(noVault!.vaultKey).toBeNull();
  });

  it('a role raised in the slot without the school key’s signature: a deputy who copies the DSL’s wrapped school key into their slot and writes role "dsl" gets no school key', async () => {
    const w = await accountsWorld();
    const deputy = w.slotOf(w.ids.deputy);
    const raised: AccountSlot = {
      ...deputy,
      role: 'dsl',
      schoolKey: w.slotOf(w.ids.dsl).schoolKey,
    };
    expect(await openAccountSlot(w.file, raised, PASSPHRASES.deputy)).toBeNull();
    // asked without the school key it opens, and still holds none
    const opened = await openAccountSlot(w.file, raised, PASSPHRASES.deputy, {
      vaultKey: true,
      schoolKey: false,
    });
    expect(opened!.schoolKey).toBeNull();
  });

  it('a forged school key swapped into one’s slot as the trusted fingerprint: a trust entry copied from another slot does not open', async () => {
    const w = await accountsWorld();
    const deputy = w.slotOf(w.ids.deputy);
    const swapped: AccountSlot = { ...deputy, trust: w.slotOf(w.ids.slt).trust };
    expect(await openAccountSlot(w.file, swapped, PASSPHRASES.deputy)).toBeNull();
    expect(
      await openAccountSlot(w.file, swapped, PASSPHRASES.deputy, {
        vaultKey: false,
        schoolKey: false,
      }),
    ).toBeNull();
  });

  it('a signing key copied from another account’s slot does not open', async () => {
    const w = await accountsWorld();
    const deputy = w.slotOf(w.ids.deputy);
    const swapped: AccountSlot = { ...deputy, signingKey: w.slotOf(w.ids.slt).signingKey };
    expect(await openAccountSlot(w.file, swapped, PASSPHRASES.deputy)).toBeNull();
  });

  it('a DSL slot whose wrapped school key was altered does not open when the school key is wanted', async () => {
    const w = await accountsWorld();
    const dsl = w.slotOf(w.ids.dsl);
    const bad: AccountSlot = {
      ...dsl,
      schoolKey: { ...dsl.schoolKey!, data: randomBytes(48).toString('base64') },
    };
    expect(await openAccountSlot(w.file, bad, PASSPHRASES.dsl)).toBeNull();
    const without = await openAccountSlot(w.file, bad, PASSPHRASES.dsl, {
      vaultKey: true,
      schoolKey: false,
    });
    expect(without!.vaultKey!.equals(w.vaultKey)).toBe(true);
  });
});

describe('replacing a slot', () => {
  it('a re-made slot replaces only its own account’s, and never resets the failed-attempt count (lockout)', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    const failures = { count: 4, lastFailureAt: '2026-11-23T08:30:00.000Z', unaudited: [] };
    file.slots = file.slots.map((s) =>
      s.type === 'account' && s.accountId === w.ids.deputy ? { ...s, failures } : s,
    );
    writeKeySlots(w.paths.keySlots, file);
    const before = readKeySlots(w.paths.keySlots);
    const { slot } = await fresh(w, 'deputy', { vaultKey: w.vaultKey, school: w.school });
    replaceAccountSlot(w.paths.keySlots, slot);
    const after = readKeySlots(w.paths.keySlots);
    expect(after.slots).toHaveLength(before.slots.length);
    expect(w.slotOf(w.ids.deputy, after)).toEqual({ ...slot, failures });
    for (const role of ['dsl', 'slt', 'staff'] as const)
      expect(w.slotOf(w.ids[role], after)).toEqual(w.slotOf(w.ids[role], before));
    expect(after.slots.find((s) => s.type === 'recovery')).toEqual(
      before.slots.find((s) => s.type === 'recovery'),
    );
  });

  it('a slot for an account that has none (disabled meanwhile) is not added back', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    file.slots = file.slots.filter((s) => s.type !== 'account' || s.accountId !== w.ids.slt);
    writeKeySlots(w.paths.keySlots, file);
    const { slot } = await fresh(w, 'slt', { vaultKey: w.vaultKey, school: w.school });
    replaceAccountSlot(w.paths.keySlots, slot);
    expect(readKeySlots(w.paths.keySlots).slots).toEqual(file.slots);
  });
});

describe('trust on first use of the school key', () => {
  it('a slot from before the school key learns the fingerprint under its own passphrase; the school key’s private half is never sealed, even for a DSL', async () => {
    const w = await accountsWorld();
    const opened = (await openAccountSlot(w.file, w.slotOf(w.ids.dsl), PASSPHRASES.dsl))!;
    const failures = w.slotOf(w.ids.dsl).failures;
    await sealTrustedSchoolIntoSlot(w.paths.keySlots, {
      vaultId: w.file.vaultId,
      accountId: w.ids.dsl,
      name: NAMES.dsl,
      role: 'dsl',
      passphrase: PASSPHRASES.dsl,
      signingKey: opened.signingKey,
      keyId: w.slotOf(w.ids.dsl).keyId,
      vaultKey: w.vaultKey,
      fingerprint: w.school.fingerprint,
    });
    const slot = w.slotOf(w.ids.dsl);
    expect(slot.schoolKey).toBeUndefined();
    expect(slot.failures).toEqual(failures);
    const again = (await openAccountSlot(readKeySlots(w.paths.keySlots), slot, PASSPHRASES.dsl))!;
    expect(again.trustedSchool).toBe(w.school.fingerprint);
    expect(again.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(again.schoolKey).toBeNull();
    expect(publicKeyFromPrivate(again.signingKey)).toBe(publicKeyFromPrivate(w.dslKey));
  });

  it('a staff slot learns the fingerprint and still gets no vault key', async () => {
    const w = await accountsWorld();
    await sealTrustedSchoolIntoSlot(w.paths.keySlots, {
      vaultId: w.file.vaultId,
      accountId: w.ids.staff,
      name: NAMES.staff,
      role: 'staff',
      passphrase: PASSPHRASES.staff,
      signingKey: w.staffKey,
      keyId: w.slotOf(w.ids.staff).keyId,
      vaultKey: null,
      fingerprint: w.school.fingerprint,
    });
    const slot = w.slotOf(w.ids.staff);
    expect(slot.vaultKey).toBeUndefined();
    const opened = (await openAccountSlot(w.file, slot, PASSPHRASES.staff))!;
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
  });
});
