// Accounts: each role, disabling, key separation between accounts, the failed sign-in
// delay that survives a restart, own-passphrase change and the last-DSL rule.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import { readKeySlots, aadFor } from '../../src/main/core/vault/keySlots';
import { deriveKey } from '../../src/main/core/crypto/kdf';
import { unwrap } from '../../src/main/core/crypto/aead';
import { ROLES } from '../../src/shared/roles';
import { addAccount, DSL, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function world(opts: { clock?: () => Date } = {}) {
  const v = await setUpVault(opts);
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  return v;
}

describe('accounts', () => {
  it('creates an account of each role that signs in with its own passphrase and role', async () => {
    const { core } = await world();
    const ids: Record<string, string> = {};
    for (const role of ROLES)
      ids[role] =
        role === 'dsl'
          ? core.currentSession()!.account.id
          : await addAccount(core, role, `Person ${role}`);
    for (const role of ROLES) {
      const s = await core.signIn(ids[role]!, PASSPHRASES[role]);
      expect(s.account.role).toBe(role);
      expect(
        core
          .pickerAccounts()
          .map((a) => a.role)
          .sort(),
      ).toEqual([...ROLES].sort());
    }
  });

  it('refuses account management to staff and senior leaders', async () => {
    const { core } = await world();
    const staff = await addAccount(core, 'staff', 'Staff Member');
    const slt = await addAccount(core, 'slt', 'Senior Leader');
    for (const [id, role] of [
      [staff, 'staff'],
      [slt, 'slt'],
    ] as const) {
      await core.signIn(id, PASSPHRASES[role]);
      await expect(
        core.createAccount({
          fullName: 'Sneaky New',
          role: 'dsl',
          passphrase: 'quiver-nebula-saddle-plinth-19',
        }),
      ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
      await expect(core.disableAccount(staff === id ? slt : staff)).rejects.toMatchObject({
        code: 'NOT_ALLOWED',
      });
    }
  });

  it('stops a disabled account signing in, removes its key slot, and keeps its public key', async () => {
    const { core, dir } = await world();
    const staff = await addAccount(core, 'staff', 'Departed Teacher');
    await core.disableAccount(staff);
    expect(core.pickerAccounts().map((a) => a.id)).not.toContain(staff);
    const slots = readKeySlots(join(dir, 'keyslots.json'));
    expect(slots.slots.some((s) => s.type === 'account' && s.accountId === staff)).toBe(false);
    const keys = await core
      .requireDb()
      .all<{ account_id: string }>('SELECT account_id FROM account_keys WHERE account_id = ?', [
        staff,
      ]);
    expect(keys).toHaveLength(1);
    await expect(core.signIn(staff, PASSPHRASES.staff)).rejects.toMatchObject({
      code: 'ACCOUNT_DISABLED',
    });
  });

  it('never disables the last active DSL, nor yourself; a deputy cannot disable a DSL at all', async () => {
    const { core, dslId } = await world();
    const deputy = await addAccount(core, 'deputy', 'Deputy Person');
    await expect(core.disableAccount(dslId)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await core.signIn(deputy, PASSPHRASES.deputy);
    // Only a DSL manages accounts, so the deputy is refused before the last-DSL rule is reached.
    await expect(core.disableAccount(dslId)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    const accounts = await core.listAccounts();
    expect(accounts.find((a) => a.id === dslId)!.active).toBe(true);
  });

  it("one account's passphrase cannot unwrap another account's signing key", async () => {
    const { core, dir, dslId } = await world();
    const staff = await addAccount(core, 'staff', 'Key Holder');
    const file = readKeySlots(join(dir, 'keyslots.json'));
    const dslSlot = file.slots.find((s) => s.type === 'account' && s.accountId === dslId)!;
    const staffSlot = file.slots.find((s) => s.type === 'account' && s.accountId === staff)!;
    if (dslSlot.type !== 'account' || staffSlot.type !== 'account') throw new Error('slots');
    const dslKek = await deriveKey(DSL.passphrase, dslSlot.kdf);
    // With the DSL's passphrase-derived key, the staff member's signing key does not open — with
    // the staff slot's own parameters or the DSL's.
    expect(
      unwrap(
        dslKek,
        staffSlot.signingKey,
        aadFor(file.vaultId, { accountId: staff }, 'signing-key'),
      ),
    ).toBeNull();
    const dslWithStaffParams = await deriveKey(DSL.passphrase, staffSlot.kdf);
    expect(
      unwrap(
        dslWithStaffParams,
        staffSlot.signingKey,
        aadFor(file.vaultId, { accountId: staff }, 'signing-key'),
      ),
    ).toBeNull();
    // And a blob moved into another slot does not open there either (AAD binds it to its slot).
    expect(
      unwrap(dslKek, dslSlot.signingKey, aadFor(file.vaultId, { accountId: staff }, 'signing-key')),
    ).toBeNull();
    expect(
      unwrap(dslKek, dslSlot.signingKey, aadFor(file.vaultId, { accountId: dslId }, 'signing-key')),
    ).not.toBeNull();
    // Signing in as staff with the DSL's passphrase fails.
    await expect(core.signIn(staff, DSL.passphrase)).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
  });

  it('delays an account after 5 failures, and the delay survives restarting the app', async () => {
    let now = new Date('2026-11-21T09:00:00Z');
    const { core, dir } = await world({ clock: () => now });
    const staff = await addAccount(core, 'staff', 'Forgetful Teacher');
    await core.lock('manual');
    for (let i = 1; i <= 5; i++) {
      const err = await core.signIn(staff, `wrong-guess-${i}-abcdef`).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    }
    // Sixth try, even with the right passphrase: refused without trying it.
    await expect(core.signIn(staff, PASSPHRASES.staff)).rejects.toMatchObject({
      code: 'LOCKED_OUT',
      detail: { retryAfterSeconds: 30 },
    });

    // "Restart": a new core over the same folder sees the same delay.
    const restarted = new CaseSealCore({ vaultDir: dir, clock: () => now });
    expect(restarted.pickerAccounts().find((a) => a.id === staff)!.retryAfterSeconds).toBe(30);
    await expect(restarted.signIn(staff, PASSPHRASES.staff)).rejects.toMatchObject({
      code: 'LOCKED_OUT',
    });
    // The other accounts are not affected.
    expect(
      restarted
        .pickerAccounts()
        .filter((a) => a.id !== staff)
        .every((a) => a.retryAfterSeconds === 0),
    ).toBe(true);

    // Another failure after the wait doubles it.
    now = new Date(now.getTime() + 31_000);
    await expect(restarted.signIn(staff, 'still-wrong-guess-xyz')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      detail: { retryAfterSeconds: 60 },
    });
    now = new Date(now.getTime() + 61_000);
    const s = await restarted.signIn(staff, PASSPHRASES.staff);
    expect(s.account.id).toBe(staff);
    // The failures made while locked are now in the audit trail, and the counter is reset.
    await restarted.signIn(core.pickerAccounts().find((a) => a.role === 'dsl')!.id, DSL.passphrase);
    const failed = await restarted.listAudit({ actorId: staff, action: 'sign-in-failed' });
    expect(failed).toHaveLength(6);
    expect(
      readKeySlots(join(dir, 'keyslots.json')).slots.find(
        (x) => x.type === 'account' && x.accountId === staff,
      ),
    ).toMatchObject({ failures: { count: 0, unaudited: [] } });
    await restarted.close();
  });

  it('changes your own passphrase only with the current one', async () => {
    const { core, dir, dslId } = await world();
    await expect(
      core.changeOwnPassphrase('wrong-current-pass', 'orchid-tundra-velvet-prism-84'),
    ).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(core.changeOwnPassphrase(DSL.passphrase, 'short')).rejects.toMatchObject({
      code: 'WEAK_PASSPHRASE',
    });
    const keyBefore = core.currentSession()!.keyId;
    await core.changeOwnPassphrase(DSL.passphrase, 'orchid-tundra-velvet-prism-84');
    await expect(core.signIn(dslId, DSL.passphrase)).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    const s = await core.signIn(dslId, 'orchid-tundra-velvet-prism-84');
    // The signing key itself is kept (re-wrapped), so earlier and later signatures share one key.
    expect(s.keyId).toBe(keyBefore);
    expect(readFileSync(join(dir, 'keyslots.json'), 'utf8')).not.toContain('orchid');
  });
});
