// Account management on a copy of the golden vault: only a DSL whose slot holds the school key
// creates, disables and re-roles accounts, each change certified by the school key in the same
// transaction and audited. Attacks: a deputy or a locked DSL tries it, someone raises a role
// without the person's own passphrase, the last DSL is removed, a half-made account is left behind.
import { describe, expect, it } from 'vitest';
import {
  certifyNewKey,
  changeRole,
  createAccount,
  disableAccount,
  type AccountContext,
} from '../../../src/main/core/accounts/accountService';
import { publicKeyFromPrivate } from '../../../src/main/core/crypto/ed25519';
import { readKeySlots, writeKeySlots } from '../../../src/main/core/vault/keySlots';
import type { Role } from '../../../src/shared/roles';
import { PASSPHRASES } from '../../helpers/vault';
import { accountsWorld, NAMES, NOW, rogueKey, type AccountsWorld } from './accountsWorld';

const NEW_PASS = 'saffron-kettle-meridian-holly-35';

async function ctxOf(
  w: AccountsWorld,
  over: Partial<AccountContext> = {},
): Promise<AccountContext> {
  return {
    session: await w.session('dsl'),
    db: w.db,
    now: () => NOW,
    keySlotsPath: w.paths.keySlots,
    vaultKey: w.vaultKey,
    school: w.school,
    ...over,
  };
}

async function certsOf(w: AccountsWorld, accountId: string) {
  const rows = await w.db.all<{ body: string }>(
    'SELECT body FROM certificates WHERE account_id = ? ORDER BY rowid',
    [accountId],
  );
  return rows.map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

async function auditOf(w: AccountsWorld, action: string) {
  return (
    await w.db.all<{ actor_id: string | null; detail: string; at: string }>(
      'SELECT actor_id, detail, at FROM audit WHERE action = ? ORDER BY seq',
      [action],
    )
  ).map((r) => ({ actorId: r.actor_id, at: r.at, detail: JSON.parse(r.detail) as unknown }));
}

async function snapshot(w: AccountsWorld) {
  return {
    slots: readKeySlots(w.paths.keySlots).slots,
    accounts: await w.db.all('SELECT * FROM accounts ORDER BY id'),
    certs: (await w.db.get<{ n: number }>('SELECT count(*) AS n FROM certificates'))!.n,
    keys: (await w.db.get<{ n: number }>('SELECT count(*) AS n FROM account_keys'))!.n,
    audit: (await w.db.get<{ n: number }>('SELECT count(*) AS n FROM audit'))!.n,
  };
}

describe('creating an account', () => {
  it('a DSL creates a senior leader: a slot with the vault key, a key certified by the school key from now, audited', async () => {
    const w = await accountsWorld();
    const a = await createAccount(await ctxOf(w), {
      fullName: '  Marnie Quillfeather ',
      role: 'slt',
      passphrase: NEW_PASS,
    });
    expect(a).toMatchObject({ name: 'Marnie Quillfeather', role: 'slt', active: true });
    expect(a.createdAt).toBe(NOW.toISOString());
    const slot = w.slotOf(a.id);
    expect(slot).toMatchObject({ name: 'Marnie Quillfeather', role: 'slt' });
    const opened = await w.openSlot(a.id, NEW_PASS);
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(opened.schoolKey).toBeNull();
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
    const key = (await w.db.get<{ key_id: string; created_at: string }>(
      'SELECT key_id, created_at FROM account_keys WHERE account_id = ?',
      [a.id],
    ))!;
    expect(key).toEqual({ key_id: slot.keyId, created_at: NOW.toISOString() });
    expect(await certsOf(w, a.id)).toEqual([
      expect.objectContaining({
        accountId: a.id,
        name: 'Marnie Quillfeather',
        role: 'slt',
        keyId: slot.keyId,
        status: 'active',
        validFrom: NOW.toISOString(),
        issuedAt: NOW.toISOString(),
        reason: 'account-created',
        vaultId: w.file.vaultId,
        issuer: w.school.fingerprint,
      }),
    ]);
    const book = await w.book();
    expect(
      book.problemWith({ accountId: a.id, keyId: slot.keyId, at: NOW.toISOString(), role: 'slt' }),
    ).toBeNull();
    expect(await auditOf(w, 'account-created')).toContainEqual({
      actorId: w.ids.dsl,
      at: NOW.toISOString(),
      detail: { accountId: a.id, role: 'slt' },
    });
  });

  it('a DSL creates staff: the slot holds no vault key', async () => {
    const w = await accountsWorld();
    const a = await createAccount(await ctxOf(w), {
      fullName: 'Marnie Quillfeather',
      role: 'staff',
      passphrase: NEW_PASS,
    });
    expect(w.slotOf(a.id).vaultKey).toBeUndefined();
    expect(w.slotOf(a.id).schoolKey).toBeUndefined();
  });

  it('a deputy (or a DSL whose vault is not open) tries to create an account: refused, nothing written', async () => {
    const w = await accountsWorld();
    const before = await snapshot(w);
    const deputy = { ...(await w.session('dsl')), account: await w.account(w.ids.deputy) };
    for (const session of [deputy, { ...(await w.session('dsl')), vaultOpen: false }])
      await expect(
        createAccount(await ctxOf(w, { session }), {
          fullName: 'Marnie Quillfeather',
          role: 'dsl',
          passphrase: NEW_PASS,
        }),
      ).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: 'Only a DSL can manage accounts.' });
    expect(await snapshot(w)).toEqual(before);
  });

  it('a DSL whose slot does not hold the school key cannot create accounts: refused, nothing written', async () => {
    const w = await accountsWorld();
    const before = await snapshot(w);
    await expect(
      createAccount(await ctxOf(w, { school: null }), {
        fullName: 'Marnie Quillfeather',
        role: 'staff',
        passphrase: NEW_PASS,
      }),
    ).rejects.toMatchObject({ code: 'NO_SCHOOL_KEY' });
    expect(await snapshot(w)).toEqual(before);
  });

  it('a passphrase made of the person’s own name, or of the school’s name, is refused', async () => {
    const w = await accountsWorld();
    const before = await snapshot(w);
    for (const passphrase of ['quillfeathermarnie', 'kingsfordzephyr'])
      await expect(
        createAccount(await ctxOf(w), {
          fullName: 'Marnie Quillfeather',
          role: 'staff',
          passphrase,
        }),
      ).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE', message: /Too easy to guess/ });
    expect(await snapshot(w)).toEqual(before);
  });

  it('the vault write fails after the slot was written: the half-made slot is removed again and the error surfaces', async () => {
    const w = await accountsWorld();
    const before = await snapshot(w);
    await w.db.exec(
      "CREATE TRIGGER no_more_certs BEFORE INSERT ON certificates BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    await expect(
      createAccount(await ctxOf(w), {
        fullName: 'Marnie Quillfeather',
        role: 'deputy',
        passphrase: NEW_PASS,
      }),
    ).rejects.toThrow('disk full');
    expect(await snapshot(w)).toEqual(before);
  });
});

describe('disabling an account', () => {
  it('a DSL disables the senior leader: the slot is removed, the end certified and audited; their past signature stays valid', async () => {
    const w = await accountsWorld();
    const keyId = w.slotOf(w.ids.slt).keyId;
    await disableAccount(await ctxOf(w), w.ids.slt);
    expect(
      readKeySlots(w.paths.keySlots).slots.some(
        (s) => s.type === 'account' && s.accountId === w.ids.slt,
      ),
    ).toBe(false);
    const after = readKeySlots(w.paths.keySlots);
    for (const role of ['dsl', 'deputy', 'staff'] as const)
      expect(w.slotOf(w.ids[role], after)).toEqual(w.slotOf(w.ids[role], w.file));
    expect(after.slots.filter((s) => s.type === 'recovery')).toHaveLength(1);
    expect(await w.account(w.ids.slt)).toMatchObject({
      active: false,
      disabledAt: NOW.toISOString(),
    });
    const certs = await certsOf(w, w.ids.slt);
    expect(certs.at(-1)).toMatchObject({
      status: 'disabled',
      reason: 'disabled',
      keyId,
      role: 'slt',
      name: NAMES.slt,
      validFrom: NOW.toISOString(),
      issuedAt: NOW.toISOString(),
      vaultId: w.file.vaultId,
    });
    const book = await w.book();
    expect(
      book.problemWith({ accountId: w.ids.slt, keyId, at: '2026-11-23T08:04:00.000Z' }),
    ).toBeNull();
    expect(book.problemWith({ accountId: w.ids.slt, keyId, at: NOW.toISOString() })).toBe(
      'is signed by an account that had been disabled at the time',
    );
    expect(await auditOf(w, 'account-disabled')).toEqual([
      { actorId: w.ids.dsl, at: NOW.toISOString(), detail: { accountId: w.ids.slt } },
    ]);
    const disabledBy = await w.db.get<{ disabled_by: string }>(
      'SELECT disabled_by FROM accounts WHERE id = ?',
      [w.ids.slt],
    );
    expect(disabledBy!.disabled_by).toBe(w.ids.dsl);
  });

  it('after a re-key, disabling certifies the end of the current key', async () => {
    const w = await accountsWorld();
    const k = rogueKey();
    await certifyNewKey(w.db, w.school, {
      vaultId: w.file.vaultId,
      account: await w.account(w.ids.slt),
      keyId: k.keyId,
      publicKeyPem: k.publicKeyPem,
      at: '2026-11-24T08:00:00.000Z',
      reason: 're-keyed',
      actorId: null,
    });
    await disableAccount(await ctxOf(w), w.ids.slt);
    expect((await certsOf(w, w.ids.slt)).at(-1)).toMatchObject({
      status: 'disabled',
      keyId: k.keyId,
    });
  });

  it('a DSL tries to disable their own account while signed in: refused, nothing written', async () => {
    const w = await accountsWorld();
    const before = await snapshot(w);
    await expect(disableAccount(await ctxOf(w), w.ids.dsl)).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: 'You cannot disable your own account while signed in to it.',
    });
    expect(await snapshot(w)).toEqual(before);
  });

  it('a deputy tries to disable the DSL: refused; an unknown or already disabled account: not found', async () => {
    const w = await accountsWorld();
    const deputy = { ...(await w.session('dsl')), account: await w.account(w.ids.deputy) };
    await expect(
      disableAccount(await ctxOf(w, { session: deputy }), w.ids.dsl),
    ).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
    });
    await expect(
      disableAccount(await ctxOf(w), 'cccccccc-0000-4000-8000-000000000003'),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await disableAccount(await ctxOf(w), w.ids.staff);
    const before = await snapshot(w);
    await expect(disableAccount(await ctxOf(w), w.ids.staff)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await snapshot(w)).toEqual(before);
  });

  it('an account with no key in the vault (keys deleted by an insider): refused as damaged, nothing written', async () => {
    const w = await accountsWorld();
    await w.db.exec('DROP TRIGGER IF EXISTS account_keys_no_delete');
    await w.db.run('PRAGMA foreign_keys = OFF');
    await w.db.run('DELETE FROM account_keys WHERE account_id = ?', [w.ids.slt]);
    const before = await snapshot(w);
    await expect(disableAccount(await ctxOf(w), w.ids.slt)).rejects.toMatchObject({
      code: 'KEYSLOTS_DAMAGED',
    });
    expect(await snapshot(w)).toEqual(before);
  });

  it('the last active DSL cannot be disabled (a DSL demoted meanwhile tries to disable the only other DSL): refused, nothing written', async () => {
    const w = await accountsWorld();
    const second = await createAccount(await ctxOf(w), {
      fullName: 'Marnie Quillfeather',
      role: 'dsl',
      passphrase: NEW_PASS,
    });
    const ctx = await ctxOf(w); // signed in before the demotion elsewhere
    await w.db.run("UPDATE accounts SET role = 'deputy' WHERE id = ?", [w.ids.dsl]);
    const before = await snapshot(w);
    await expect(disableAccount(ctx, second.id)).rejects.toMatchObject({
      code: 'LAST_DSL',
    });
    expect(await snapshot(w)).toEqual(before);
  });

  it('with two DSLs, one disables the other', async () => {
    const w = await accountsWorld();
    const second = await createAccount(await ctxOf(w), {
      fullName: 'Marnie Quillfeather',
      role: 'dsl',
      passphrase: NEW_PASS,
    });
    await disableAccount(await ctxOf(w), second.id);
    expect((await w.account(second.id)).active).toBe(false);
  });
});

describe('changing a role', () => {
  const promote = async (w: AccountsWorld, id: string, role: Role, passphrase?: string) =>
    changeRole(await ctxOf(w), { accountId: id, role, ...(passphrase ? { passphrase } : {}) });

  it('a role raised without the person’s own passphrase (staff to deputy): refused, nothing written', async () => {
    const w = await accountsWorld();
    const before = await snapshot(w);
    await expect(promote(w, w.ids.staff, 'deputy')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: `${NAMES.staff} must type their own passphrase here to take on this role.`,
    });
    await expect(promote(w, w.ids.staff, 'deputy', PASSPHRASES.slt)).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      message: 'That passphrase is not right for their account.',
    });
    expect(await snapshot(w)).toEqual(before);
  });

  it('staff promoted to deputy with their own passphrase: the slot gains the vault key, keeps their key and lockout count; certified and audited', async () => {
    const w = await accountsWorld();
    const failures = { count: 2, lastFailureAt: '2026-11-23T08:30:00.000Z', unaudited: [] };
    w.editSlot(w.ids.staff, (s) => ({ ...s, failures }));
    const sltBefore = w.slotOf(w.ids.slt);
    const oldSlot = w.slotOf(w.ids.staff);
    const a = await promote(w, w.ids.staff, 'deputy', PASSPHRASES.staff);
    expect(a).toMatchObject({ id: w.ids.staff, role: 'deputy' });
    const slot = w.slotOf(w.ids.staff);
    expect(slot).toMatchObject({
      role: 'deputy',
      keyId: oldSlot.keyId,
      name: NAMES.staff,
      failures,
    });
    expect(slot.schoolKey).toBeUndefined();
    const opened = await w.openSlot(w.ids.staff, PASSPHRASES.staff);
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
    expect((await certsOf(w, w.ids.staff)).at(-1)).toMatchObject({
      role: 'deputy',
      status: 'active',
      reason: 'role-changed',
      keyId: oldSlot.keyId,
      name: NAMES.staff,
      validFrom: NOW.toISOString(),
      issuedAt: NOW.toISOString(),
      vaultId: w.file.vaultId,
    });
    const book = await w.book();
    expect(
      book.problemWith({
        accountId: w.ids.staff,
        keyId: oldSlot.keyId,
        at: NOW.toISOString(),
        role: 'deputy',
      }),
    ).toBeNull();
    expect(await auditOf(w, 'account-role-changed')).toEqual([
      {
        actorId: w.ids.dsl,
        at: NOW.toISOString(),
        detail: { accountId: w.ids.staff, from: 'staff', to: 'deputy' },
      },
    ]);
    // the other slots are untouched
    expect(w.slotOf(w.ids.slt)).toEqual(sltBefore);
  });

  it('a deputy promoted to DSL with their own passphrase: the slot gains the school key', async () => {
    const w = await accountsWorld();
    expect(w.slotOf(w.ids.deputy).schoolKey).toBeUndefined();
    await expect(promote(w, w.ids.deputy, 'dsl')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await promote(w, w.ids.deputy, 'dsl', PASSPHRASES.deputy);
    const opened = await w.openSlot(w.ids.deputy, PASSPHRASES.deputy);
    expect(opened.schoolKey).not.toBeNull();
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
  });

  it('a staff slot carrying a school key copied from the DSL’s slot is promoted to deputy: the planted key is not opened and not kept', async () => {
    const w = await accountsWorld();
    const planted = w.slotOf(w.ids.dsl).schoolKey;
    w.editSlot(w.ids.staff, (s) => ({ ...s, schoolKey: planted }));
    await promote(w, w.ids.staff, 'deputy', PASSPHRASES.staff);
    const slot = w.slotOf(w.ids.staff);
    expect(slot.schoolKey).toBeUndefined();
    const opened = await w.openSlot(w.ids.staff, PASSPHRASES.staff);
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
  });

  it('a deputy whose slot’s vault key was swapped for another slot’s is promoted to DSL: the new slot holds the real vault key', async () => {
    const w = await accountsWorld();
    const swapped = w.slotOf(w.ids.slt).vaultKey;
    w.editSlot(w.ids.deputy, (s) => ({ ...s, vaultKey: swapped }));
    await promote(w, w.ids.deputy, 'dsl', PASSPHRASES.deputy);
    const opened = await w.openSlot(w.ids.deputy, PASSPHRASES.deputy);
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(publicKeyFromPrivate(opened.schoolKey!)).toBe(w.school.publicKeyPem);
  });

  it('a senior leader demoted to staff: no passphrase needed, the vault key is taken out of their slot', async () => {
    const w = await accountsWorld();
    const before = w.slotOf(w.ids.slt);
    await promote(w, w.ids.slt, 'staff');
    const after = w.slotOf(w.ids.slt);
    expect(after.vaultKey).toBeUndefined();
    expect(after).toEqual({ ...before, role: 'staff', vaultKey: undefined });
    expect((await certsOf(w, w.ids.slt)).at(-1)).toMatchObject({
      role: 'staff',
      reason: 'role-changed',
    });
  });

  it('a DSL demoted to deputy: the school key is taken out of their slot, the vault key stays', async () => {
    const w = await accountsWorld();
    await promote(w, w.ids.deputy, 'dsl', PASSPHRASES.deputy);
    await promote(w, w.ids.deputy, 'deputy');
    const slot = w.slotOf(w.ids.deputy);
    expect(slot.schoolKey).toBeUndefined();
    expect(slot.vaultKey).toBeDefined();
    expect(slot.role).toBe('deputy');
  });

  it('a deputy given the senior-leader role keeps the vault key without typing a passphrase', async () => {
    const w = await accountsWorld();
    const before = w.slotOf(w.ids.deputy);
    await promote(w, w.ids.deputy, 'slt');
    expect(w.slotOf(w.ids.deputy)).toEqual({ ...before, role: 'slt' });
  });

  it('a DSL changing their own role, a deputy changing roles, an unknown account: refused', async () => {
    const w = await accountsWorld();
    const before = await snapshot(w);
    await expect(promote(w, w.ids.dsl, 'deputy')).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: 'Ask another DSL to change your own role.',
    });
    const deputy = { ...(await w.session('dsl')), account: await w.account(w.ids.deputy) };
    await expect(
      changeRole(await ctxOf(w, { session: deputy }), { accountId: w.ids.deputy, role: 'dsl' }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(promote(w, 'cccccccc-0000-4000-8000-000000000003', 'slt')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await snapshot(w)).toEqual(before);
  });

  it('a disabled account cannot be given a role', async () => {
    const w = await accountsWorld();
    await disableAccount(await ctxOf(w), w.ids.slt);
    await expect(promote(w, w.ids.slt, 'deputy')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the same role again changes nothing (no certificate, no audit entry)', async () => {
    const w = await accountsWorld();
    const before = await snapshot(w);
    const a = await promote(w, w.ids.slt, 'slt');
    expect(a).toMatchObject({ id: w.ids.slt, role: 'slt' });
    expect(await snapshot(w)).toEqual(before);
  });

  it('an account whose slot is gone (removed from the key-slot file): refused as damaged', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    file.slots = file.slots.filter((s) => s.type !== 'account' || s.accountId !== w.ids.slt);
    writeKeySlots(w.paths.keySlots, file);
    await expect(promote(w, w.ids.slt, 'staff')).rejects.toMatchObject({
      code: 'KEYSLOTS_DAMAGED',
    });
  });

  it('the last active DSL cannot be demoted (a DSL demoted meanwhile tries it on the only other DSL): refused, nothing written', async () => {
    const w = await accountsWorld();
    await promote(w, w.ids.deputy, 'dsl', PASSPHRASES.deputy);
    const ctx = await ctxOf(w); // signed in before the demotion elsewhere
    await w.db.run("UPDATE accounts SET role = 'deputy' WHERE id = ?", [w.ids.dsl]);
    const before = await snapshot(w);
    await expect(
      changeRole(ctx, { accountId: w.ids.deputy, role: 'deputy' }),
    ).rejects.toMatchObject({ code: 'LAST_DSL' });
    expect(await snapshot(w)).toEqual(before);
  });
});

describe('a new key for an account (recovery)', () => {
  it('the new key is certified as a re-key from its time; the old key stops counting then, its past signatures stay valid', async () => {
    const w = await accountsWorld();
    const old = w.slotOf(w.ids.slt).keyId;
    const k = rogueKey();
    const at = '2026-11-24T08:00:00.000Z';
    await certifyNewKey(w.db, w.school, {
      vaultId: w.file.vaultId,
      account: await w.account(w.ids.slt),
      keyId: k.keyId,
      publicKeyPem: k.publicKeyPem,
      at,
      reason: 're-keyed',
      actorId: null,
    });
    expect(
      await w.db.get(
        'SELECT account_id, public_key, created_at FROM account_keys WHERE key_id = ?',
        [k.keyId],
      ),
    ).toEqual({ account_id: w.ids.slt, public_key: k.publicKeyPem, created_at: at });
    expect((await certsOf(w, w.ids.slt)).at(-1)).toMatchObject({
      keyId: k.keyId,
      publicKeyPem: k.publicKeyPem,
      status: 'active',
      reason: 're-keyed',
      role: 'slt',
      name: NAMES.slt,
      validFrom: at,
      issuedAt: at,
      vaultId: w.file.vaultId,
    });
    const book = await w.book();
    expect(book.problemWith({ accountId: w.ids.slt, keyId: k.keyId, at, role: 'slt' })).toBeNull();
    expect(book.problemWith({ accountId: w.ids.slt, keyId: old, at })).toBe(
      'is signed with a key that was no longer certified for that person at the time',
    );
    expect(
      book.problemWith({ accountId: w.ids.slt, keyId: old, at: '2026-11-23T08:04:00.000Z' }),
    ).toBeNull();
  });
});
