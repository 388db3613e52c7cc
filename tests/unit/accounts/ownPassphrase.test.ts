// Changing one's own passphrase, on a copy of the golden vault: the slot is made again under the new
// passphrase with exactly the keys the role holds. Attacks and failures: the old key lost (the person
// could no longer sign or read), the old passphrase still opening the slot (a leaked old passphrase
// keeps working), a forged school key sealed in, a staff slot gaining the vault key.
import { describe, expect, it } from 'vitest';
import {
  changeOwnPassphrase,
  type OwnPassphraseContext,
} from '../../../src/main/core/accounts/ownPassphrase';
import { openAccountSlot } from '../../../src/main/core/accounts/keySlot';
import { generateSchoolKey } from '../../../src/main/core/accounts/schoolKey';
import { publicKeyFromPrivate } from '../../../src/main/core/crypto/ed25519';
import { deriveKey } from '../../../src/main/core/crypto/kdf';
import { wrap } from '../../../src/main/core/crypto/aead';
import { aadFor, readKeySlots, writeKeySlots } from '../../../src/main/core/vault/keySlots';
import { PASSPHRASES } from '../../helpers/vault';
import { accountsWorld, NAMES, NOW, type AccountsWorld } from './accountsWorld';

const NEXT = 'juniper-cobalt-hearth-sonnet-74';

async function ctxOf(
  w: AccountsWorld,
  role: 'dsl' | 'slt' | 'staff',
  over: Partial<OwnPassphraseContext> = {},
): Promise<OwnPassphraseContext> {
  return {
    session: await w.session(role),
    db: w.db,
    now: () => NOW,
    keySlotsPath: w.paths.keySlots,
    vaultKey: w.vaultKey,
    schoolKey: role === 'dsl' ? w.school : null,
    ...over,
  };
}

async function opens(w: AccountsWorld, id: string, passphrase: string) {
  return openAccountSlot(readKeySlots(w.paths.keySlots), w.slotOf(id), passphrase);
}

async function changes(w: AccountsWorld) {
  return w.db.all<{ actor_id: string; at: string; detail: string }>(
    "SELECT actor_id, at, detail FROM audit WHERE action = 'passphrase-changed'",
  );
}

describe('changing one’s own passphrase', () => {
  it('a DSL changes theirs: the new passphrase opens the same signing key, the vault key and the school key; the old one opens nothing; audited', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    const failures = { count: 3, lastFailureAt: '2026-11-23T08:30:00.000Z', unaudited: [] };
    file.slots = file.slots.map((s) =>
      s.type === 'account' && s.accountId === w.ids.dsl ? { ...s, failures } : s,
    );
    writeKeySlots(w.paths.keySlots, file);
    const before = w.slotOf(w.ids.dsl);
    await changeOwnPassphrase(await ctxOf(w, 'dsl'), PASSPHRASES.dsl, NEXT);
    const after = w.slotOf(w.ids.dsl);
    expect(after).toMatchObject({
      accountId: w.ids.dsl,
      name: NAMES.dsl,
      role: 'dsl',
      keyId: before.keyId,
      failures,
    });
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    const opened = (await opens(w, w.ids.dsl, NEXT))!;
    expect(publicKeyFromPrivate(opened.signingKey)).toBe(publicKeyFromPrivate(w.dslKey));
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(publicKeyFromPrivate(opened.schoolKey!)).toBe(w.school.publicKeyPem);
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
    expect(await opens(w, w.ids.dsl, PASSPHRASES.dsl)).toBeNull();
    expect((await changes(w)).map((r) => ({ ...r, detail: JSON.parse(r.detail) }))).toEqual([
      { actor_id: w.ids.dsl, at: NOW.toISOString(), detail: { accountId: w.ids.dsl } },
    ]);
    // the other slots are untouched
    for (const role of ['deputy', 'slt', 'staff'] as const)
      expect(w.slotOf(w.ids[role])).toEqual(w.slotOf(w.ids[role], file));
  });

  it('a senior leader changes theirs: the vault key is kept, no school key is gained', async () => {
    const w = await accountsWorld();
    await changeOwnPassphrase(
      await ctxOf(w, 'slt', { schoolKey: w.school }),
      PASSPHRASES.slt,
      NEXT,
    );
    const opened = (await opens(w, w.ids.slt, NEXT))!;
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(opened.schoolKey).toBeNull();
    expect(w.slotOf(w.ids.slt).schoolKey).toBeUndefined();
    expect(publicKeyFromPrivate(opened.signingKey)).toBe(publicKeyFromPrivate(w.sltKey));
  });

  it('staff change theirs (no vault open, so not audited): the slot gains no vault key even when one is at hand', async () => {
    const w = await accountsWorld();
    await changeOwnPassphrase(await ctxOf(w, 'staff', { db: null }), PASSPHRASES.staff, NEXT);
    expect(w.slotOf(w.ids.staff).vaultKey).toBeUndefined();
    const opened = (await opens(w, w.ids.staff, NEXT))!;
    expect(opened.vaultKey).toBeNull();
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
    expect(await changes(w)).toEqual([]);
  });

  it('the wrong current passphrase (someone at an unlocked PC): refused, the slot unchanged', async () => {
    const w = await accountsWorld();
    const before = readKeySlots(w.paths.keySlots);
    await expect(
      changeOwnPassphrase(await ctxOf(w, 'dsl'), PASSPHRASES.deputy, NEXT),
    ).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(readKeySlots(w.paths.keySlots)).toEqual(before);
    expect(await changes(w)).toEqual([]);
  });

  it('a new passphrase made of the person’s own name: refused, the slot unchanged', async () => {
    const w = await accountsWorld();
    const before = readKeySlots(w.paths.keySlots);
    await expect(
      changeOwnPassphrase(await ctxOf(w, 'staff'), PASSPHRASES.staff, 'staffwellimogen'),
    ).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE', message: /Too easy to guess/ });
    expect(readKeySlots(w.paths.keySlots)).toEqual(before);
  });

  it('an account whose slot is gone: refused as damaged', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    file.slots = file.slots.filter((s) => s.type !== 'account' || s.accountId !== w.ids.slt);
    writeKeySlots(w.paths.keySlots, file);
    await expect(
      changeOwnPassphrase(await ctxOf(w, 'slt'), PASSPHRASES.slt, NEXT),
    ).rejects.toMatchObject({ code: 'KEYSLOTS_DAMAGED' });
  });

  it('a forged school key held by the session is never sealed into the slot (only the key the slot trusts is)', async () => {
    const w = await accountsWorld();
    await changeOwnPassphrase(
      await ctxOf(w, 'dsl', { schoolKey: generateSchoolKey() }),
      PASSPHRASES.dsl,
      NEXT,
    );
    const opened = (await opens(w, w.ids.dsl, NEXT))!;
    expect(opened.schoolKey).toBeNull();
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
  });

  it('a senior leader’s slot carrying a school key copied from the DSL’s: the change neither opens nor keeps the planted key', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    const planted = w.slotOf(w.ids.dsl, file).schoolKey;
    file.slots = file.slots.map((s) =>
      s.type === 'account' && s.accountId === w.ids.slt ? { ...s, schoolKey: planted } : s,
    );
    writeKeySlots(w.paths.keySlots, file);
    await changeOwnPassphrase(await ctxOf(w, 'slt'), PASSPHRASES.slt, NEXT);
    expect(w.slotOf(w.ids.slt).schoolKey).toBeUndefined();
    expect((await opens(w, w.ids.slt, NEXT))!.vaultKey!.equals(w.vaultKey)).toBe(true);
  });

  it('a slot whose vault key was swapped for another slot’s: the change still works from the passphrase alone and seals the real vault key', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    const swapped = w.slotOf(w.ids.deputy, file).vaultKey;
    file.slots = file.slots.map((s) =>
      s.type === 'account' && s.accountId === w.ids.slt ? { ...s, vaultKey: swapped } : s,
    );
    writeKeySlots(w.paths.keySlots, file);
    await changeOwnPassphrase(await ctxOf(w, 'slt'), PASSPHRASES.slt, NEXT);
    expect((await opens(w, w.ids.slt, NEXT))!.vaultKey!.equals(w.vaultKey)).toBe(true);
  });

  it('a session that trusts no key yet keeps the fingerprint its slot trusts', async () => {
    const w = await accountsWorld();
    const ctx = await ctxOf(w, 'slt');
    ctx.session.trustedSchool = null;
    await changeOwnPassphrase(ctx, PASSPHRASES.slt, NEXT);
    expect((await opens(w, w.ids.slt, NEXT))!.trustedSchool).toBe(w.school.fingerprint);
  });

  it('a slot from before the school key stays without one', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    file.slots = file.slots.map((s) =>
      s.type === 'account' && s.accountId === w.ids.slt ? { ...s, trust: undefined } : s,
    );
    writeKeySlots(w.paths.keySlots, file);
    const ctx = await ctxOf(w, 'slt');
    ctx.session.trustedSchool = null;
    await changeOwnPassphrase(ctx, PASSPHRASES.slt, NEXT);
    expect(w.slotOf(w.ids.slt).trust).toBeUndefined();
    expect((await opens(w, w.ids.slt, NEXT))!.vaultKey!.equals(w.vaultKey)).toBe(true);
  });

  describe('a first-release vault (every slot wraps the vault key until the upgrade)', () => {
    async function firstRelease(w: AccountsWorld, version: 1 | 2) {
      const file = readKeySlots(w.paths.keySlots);
      const staff = w.slotOf(w.ids.staff, file);
      const kek = await deriveKey(PASSPHRASES.staff, staff.kdf);
      const vaultKey = wrap(
        kek,
        w.vaultKey,
        aadFor(file.vaultId, { accountId: w.ids.staff }, 'vault-key'),
      );
      file.version = version;
      file.slots = file.slots.map((s) =>
        s.type === 'account' && s.accountId === w.ids.staff ? { ...s, vaultKey } : s,
      );
      writeKeySlots(w.paths.keySlots, file);
    }

    it('a staff slot keeps its vault key until the upgrade (the staff member could otherwise no longer open the vault)', async () => {
      const w = await accountsWorld();
      await firstRelease(w, 1);
      await changeOwnPassphrase(await ctxOf(w, 'staff'), PASSPHRASES.staff, NEXT);
      const opened = (await opens(w, w.ids.staff, NEXT))!;
      expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
      expect(w.slotOf(w.ids.staff).schoolKey).toBeUndefined();
    });

    it('…but not without the vault key at hand, and never once the vault is upgraded (least privilege)', async () => {
      const w = await accountsWorld();
      await firstRelease(w, 1);
      await changeOwnPassphrase(
        await ctxOf(w, 'staff', { vaultKey: null }),
        PASSPHRASES.staff,
        NEXT,
      );
      expect(w.slotOf(w.ids.staff).vaultKey).toBeUndefined();
      const w2 = await accountsWorld();
      await firstRelease(w2, 2);
      await changeOwnPassphrase(await ctxOf(w2, 'staff'), PASSPHRASES.staff, NEXT);
      expect(w2.slotOf(w2.ids.staff).vaultKey).toBeUndefined();
    });
  });
});
