// The recovery key's flows on a copy of the golden vault (its recovery slot re-made for a recovery
// key this test knows): reset a forgotten passphrase, appoint a DSL when none can act, seal the
// school key into the recovery slot. Attacks: the flow used without the recovery key, or to add a
// DSL beside one who can still sign in, or to remove someone who is not a DSL; a forged school key
// in the recovery slot. Each test asserts what changed (slots, accounts, certificates, audit) or
// that nothing did.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addSchoolKeyToRecoverySlot,
  appointDslWithRecovery,
  resetPassphraseWithRecovery,
  type RecoveryContext,
} from '../../../src/main/core/accounts/recoveryFlows';
import { createAccount } from '../../../src/main/core/accounts/accountService';
import { openAccountSlot } from '../../../src/main/core/accounts/keySlot';
import { generateSchoolKey } from '../../../src/main/core/accounts/schoolKey';
import { keyIdOf, publicKeyFromPrivate } from '../../../src/main/core/crypto/ed25519';
import { readKeySlots, recoverySlotOf, writeKeySlots } from '../../../src/main/core/vault/keySlots';
import { encodeRecoveryKey, generateRecoveryKey } from '../../../src/main/core/vault/recoveryKey';
import { makeRecoverySlot } from '../../../src/main/core/vault/setup';
import type { SchoolKey } from '../../../src/main/core/accounts/schoolKey';
import { accountsWorld, NAMES, NOW, type AccountsWorld } from './accountsWorld';

const NEW_PASS = 'tamarind-glacier-ember-lute-58';
const AT = NOW.toISOString();

/** The recovery slot re-made for a key the test knows, holding `school` (or no school key). */
function withRecoveryKey(w: AccountsWorld, school: SchoolKey | null = w.school): string {
  const recovery = generateRecoveryKey();
  const file = readKeySlots(w.paths.keySlots);
  file.slots = file.slots.map((s) =>
    s.type === 'recovery'
      ? makeRecoverySlot(file.vaultId, recovery, w.vaultKey, school, '2026-11-23T08:00:00.000Z')
      : s,
  );
  writeKeySlots(w.paths.keySlots, file);
  return encodeRecoveryKey(recovery);
}

function ctxOf(w: AccountsWorld, over: Partial<RecoveryContext> = {}): RecoveryContext {
  return { paths: w.paths, now: () => NOW, open: null, schoolKey: null, ...over };
}

/** The recovery flow resetting `accountId`'s passphrase to NEW_PASS. */
function resetWith(
  w: AccountsWorld,
  recoveryKey: string,
  accountId: string,
  over: Partial<RecoveryContext> = {},
) {
  return resetPassphraseWithRecovery(ctxOf(w, over), {
    recoveryKey,
    accountId,
    newPassphrase: NEW_PASS,
  });
}

/** The recovery flow appointing Marnie Quillfeather as DSL, naming `replacing` as gone. */
function appointMarnie(w: AccountsWorld, recoveryKey: string, replacing?: string[]) {
  return appointDslWithRecovery(ctxOf(w), {
    recoveryKey,
    fullName: 'Marnie Quillfeather',
    passphrase: NEW_PASS,
    ...(replacing ? { replacing } : {}),
  });
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

async function auditOf(w: AccountsWorld, action: string) {
  return (
    await w.db.all<{ actor_id: string | null; detail: string; at: string }>(
      'SELECT actor_id, detail, at FROM audit WHERE action = ? ORDER BY seq',
      [action],
    )
  ).map((r) => ({ actorId: r.actor_id, at: r.at, detail: JSON.parse(r.detail) as unknown }));
}

async function lastCert(w: AccountsWorld, accountId: string) {
  const r = await w.db.get<{ body: string }>(
    'SELECT body FROM certificates WHERE account_id = ? ORDER BY rowid DESC LIMIT 1',
    [accountId],
  );
  return JSON.parse(r!.body) as Record<string, unknown>;
}

describe('the recovery key is needed', () => {
  it('the recovery flow used without the recovery key (another vault’s key, or a mistyped one): refused, nothing written', async () => {
    const w = await accountsWorld();
    withRecoveryKey(w);
    const other = encodeRecoveryKey(generateRecoveryKey());
    const before = await snapshot(w);
    await expect(resetWith(w, other, w.ids.slt)).rejects.toMatchObject({
      code: 'WRONG_RECOVERY_KEY',
      message: 'That recovery key does not open this vault.',
    });
    await expect(appointMarnie(w, other, [w.ids.dsl])).rejects.toMatchObject({
      code: 'WRONG_RECOVERY_KEY',
    });
    await expect(
      addSchoolKeyToRecoverySlot(
        { ...ctxOf(w), db: w.db, session: await w.session('dsl'), schoolKey: w.school },
        other,
      ),
    ).rejects.toMatchObject({ code: 'WRONG_RECOVERY_KEY' });
    await expect(resetWith(w, 'ABCD-1234', w.ids.slt)).rejects.toMatchObject({
      code: 'WRONG_RECOVERY_KEY',
      message: 'That is not a complete recovery key: it has 8 groups of 4 letters and numbers.',
    });
    expect(await snapshot(w)).toEqual(before);
  });
});

describe('resetting a forgotten passphrase', () => {
  it('while locked: the senior leader gets a new key certified as a re-key, a slot under the new passphrase, the reset audited by the system', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    const oldKeyId = w.slotOf(w.ids.slt).keyId;
    const r = await resetWith(w, key.toLowerCase(), w.ids.slt);
    expect(r.accountId).toBe(w.ids.slt);
    expect(r.keyId).not.toBe(oldKeyId);
    expect(keyIdOf(publicKeyFromPrivate(r.privateKey))).toBe(r.keyId);
    const slot = w.slotOf(w.ids.slt);
    expect(slot).toMatchObject({ keyId: r.keyId, role: 'slt', name: NAMES.slt });
    const opened = (await openAccountSlot(readKeySlots(w.paths.keySlots), slot, NEW_PASS))!;
    expect(publicKeyFromPrivate(opened.signingKey)).toBe(publicKeyFromPrivate(r.privateKey));
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(opened.schoolKey).toBeNull();
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
    expect(await lastCert(w, w.ids.slt)).toMatchObject({
      keyId: r.keyId,
      reason: 're-keyed',
      status: 'active',
      role: 'slt',
      validFrom: AT,
    });
    const book = await w.book();
    expect(book.problemWith({ accountId: w.ids.slt, keyId: r.keyId, at: AT })).toBeNull();
    expect(
      book.problemWith({ accountId: w.ids.slt, keyId: oldKeyId, at: '2026-11-23T08:04:00.000Z' }),
    ).toBeNull();
    expect(await auditOf(w, 'recovery-key-used')).toEqual([
      { actorId: null, at: AT, detail: { purpose: 'passphrase-reset' } },
    ]);
    expect(await auditOf(w, 'passphrase-reset')).toEqual([
      { actorId: null, at: AT, detail: { accountId: w.ids.slt, newKeyId: r.keyId } },
    ]);
    // the other slots are untouched
    for (const role of ['dsl', 'deputy', 'staff'] as const)
      expect(w.slotOf(w.ids[role])).toEqual(w.slotOf(w.ids[role], w.file));
  });

  it('signed in: the reset is audited in the name of the person who did it', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    const session = await w.session('dsl');
    await resetWith(w, key, w.ids.staff, { open: { db: w.db, session } });
    expect((await auditOf(w, 'passphrase-reset'))[0]!.actorId).toBe(w.ids.dsl);
    expect((await auditOf(w, 'recovery-key-used'))[0]!.actorId).toBe(w.ids.dsl);
    // signed with the signed-in DSL's own key, not re-bound to the system key as when locked
    const signers = await w.db.all<{ signer_key_id: string }>(
      "SELECT signer_key_id FROM audit WHERE action IN ('recovery-key-used', 'passphrase-reset')",
    );
    expect(signers).toEqual([
      { signer_key_id: w.slotOf(w.ids.dsl).keyId },
      { signer_key_id: w.slotOf(w.ids.dsl).keyId },
    ]);
    // staff get no vault key from a reset
    expect(w.slotOf(w.ids.staff).vaultKey).toBeUndefined();
    // the signed-in vault is still open afterwards
    expect(await w.db.get('SELECT 1 AS one')).toEqual({ one: 1 });
  });

  it('an account without a slot (its slot lost) gets one again', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    const file = readKeySlots(w.paths.keySlots);
    file.slots = file.slots.filter((s) => s.type !== 'account' || s.accountId !== w.ids.deputy);
    writeKeySlots(w.paths.keySlots, file);
    const r = await resetWith(w, key, w.ids.deputy);
    expect(w.slotOf(w.ids.deputy).keyId).toBe(r.keyId);
    expect(readKeySlots(w.paths.keySlots).slots).toHaveLength(file.slots.length + 1);
  });

  it('an unknown or disabled account, or a weak passphrase: refused, nothing written', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    await w.db.run('UPDATE accounts SET disabled_at = ? WHERE id = ?', [AT, w.ids.slt]);
    const before = await snapshot(w);
    for (const accountId of [w.ids.slt, 'cccccccc-0000-4000-8000-000000000003'])
      await expect(resetWith(w, key, accountId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      resetPassphraseWithRecovery(ctxOf(w), {
        recoveryKey: key,
        accountId: w.ids.staff,
        newPassphrase: 'staffwellimogen',
      }),
    ).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE', message: /Too easy to guess/ });
    expect(await snapshot(w)).toEqual(before);
  });

  it('a recovery slot without the school key: the signed-in DSL’s school key certifies the re-key; without either, refused', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w, null);
    const before = await snapshot(w);
    await expect(resetWith(w, key, w.ids.slt)).rejects.toMatchObject({ code: 'NO_SCHOOL_KEY' });
    expect(await snapshot(w)).toEqual(before);
    const r = await resetWith(w, key, w.ids.slt, { schoolKey: w.school });
    expect(await lastCert(w, w.ids.slt)).toMatchObject({ keyId: r.keyId, reason: 're-keyed' });
  });

  it('a forged school key swapped into the recovery slot (not the vault’s): refused as damaged, nothing written', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w, generateSchoolKey());
    const before = await snapshot(w);
    await expect(resetWith(w, key, w.ids.slt)).rejects.toMatchObject({ code: 'KEYSLOTS_DAMAGED' });
    // nor is a forged key held by the session accepted
    const plain = withRecoveryKey(w, null);
    await expect(
      resetWith(w, plain, w.ids.slt, { schoolKey: generateSchoolKey() }),
    ).rejects.toMatchObject({ code: 'KEYSLOTS_DAMAGED' });
    const after = await snapshot(w);
    expect({ ...after, slots: null }).toEqual({ ...before, slots: null });
  });

  it('a vault from before the school key: the new key is stored uncertified and any slot keeps the vault key, as then', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w, null);
    const file = readKeySlots(w.paths.keySlots);
    delete file.schoolKey;
    writeKeySlots(w.paths.keySlots, file);
    const before = await snapshot(w);
    const r = await resetWith(w, key, w.ids.staff);
    const after = await snapshot(w);
    expect(after.certs).toBe(before.certs);
    expect(after.keys).toBe(before.keys + 1);
    expect(
      await w.db.get('SELECT account_id, created_at FROM account_keys WHERE key_id = ?', [r.keyId]),
    ).toEqual({ account_id: w.ids.staff, created_at: AT });
    const opened = (await openAccountSlot(
      readKeySlots(w.paths.keySlots),
      w.slotOf(w.ids.staff),
      NEW_PASS,
    ))!;
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(opened.trustedSchool).toBeNull();
  });
});

describe('used while locked, the recovery flows close the vault they opened', () => {
  it('after a reset and after an appointment no connection to the vault is left open (SQLite removes its write-ahead log only when the last one closes)', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    await w.db.close();
    const wal = `${w.paths.db}-wal`;
    expect(existsSync(wal)).toBe(false);
    await resetWith(w, key, w.ids.slt);
    expect(existsSync(wal)).toBe(false);
    await appointMarnie(w, key, [w.ids.dsl]);
    expect(existsSync(wal)).toBe(false);
  });
});

describe('the recovery slot and the key-slot file disagree', () => {
  it('the key-slot file lost its school key entry but the recovery slot holds the school key: the reset is still certified by it', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    const file = readKeySlots(w.paths.keySlots);
    delete file.schoolKey;
    writeKeySlots(w.paths.keySlots, file);
    const r = await resetWith(w, key, w.ids.slt);
    expect(await lastCert(w, w.ids.slt)).toMatchObject({
      keyId: r.keyId,
      issuer: w.school.fingerprint,
    });
  });
});

describe('appointing a DSL with the recovery key', () => {
  it('a disabled DSL whose slot was put back (by someone with the file) neither blocks the appointment nor can be named', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    await w.db.run('UPDATE accounts SET disabled_at = ? WHERE id = ?', [
      '2026-11-23T10:00:00.000Z',
      w.ids.dsl,
    ]);
    await expect(appointMarnie(w, key, [w.ids.dsl])).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const a = await appointMarnie(w, key);
    expect(a.role).toBe('dsl');
  });

  it('to replace a DSL who was not confirmed as gone (they can still sign in): refused, naming them, nothing written', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    const before = await snapshot(w);
    await expect(appointMarnie(w, key)).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: `${NAMES.dsl} can still sign in as DSL: ask them to appoint the new DSL from the accounts screen, or confirm here that they have left.`,
    });
    expect(await snapshot(w)).toEqual(before);
  });

  it('two DSLs who can sign in, one named as gone: refused, naming the one who stays', async () => {
    const w = await accountsWorld();
    const second = await createAccount(
      {
        session: await w.session('dsl'),
        db: w.db,
        now: () => NOW,
        keySlotsPath: w.paths.keySlots,
        vaultKey: w.vaultKey,
        school: w.school,
      },
      { fullName: 'Ottilie Fenwick', role: 'dsl', passphrase: NEW_PASS },
    );
    const key = withRecoveryKey(w);
    const before = await snapshot(w);
    await expect(appointMarnie(w, key, [second.id])).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: `${NAMES.dsl} can still sign in as DSL: ask them to appoint the new DSL from the accounts screen, or confirm here that they have left.`,
    });
    await expect(appointMarnie(w, key)).rejects.toMatchObject({
      message: expect.stringMatching(
        /^(Quentin Marlowe-Dsl and Ottilie Fenwick|Ottilie Fenwick and Quentin Marlowe-Dsl) can still sign in as DSL/,
      ),
    });
    expect(await snapshot(w)).toEqual(before);
  });

  it('naming a deputy (not a DSL), or someone unknown, as the departed DSL to disable them: refused, nothing written', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    const before = await snapshot(w);
    for (const id of [w.ids.deputy, 'cccccccc-0000-4000-8000-000000000003'])
      await expect(appointMarnie(w, key, [w.ids.dsl, id])).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: 'Only a DSL whose account is still open can be named as having left.',
      });
    expect(await snapshot(w)).toEqual(before);
  });

  it('a DSL who can no longer sign in (slot gone) cannot be named either, but does not block the appointment', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    const file = readKeySlots(w.paths.keySlots);
    file.slots = file.slots.filter((s) => s.type !== 'account' || s.accountId !== w.ids.dsl);
    writeKeySlots(w.paths.keySlots, file);
    await expect(appointMarnie(w, key, [w.ids.dsl])).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const a = await appointMarnie(w, key);
    expect(a).toMatchObject({ name: 'Marnie Quillfeather', role: 'dsl', active: true });
    const [appointed] = await auditOf(w, 'dsl-appointed-with-recovery-key');
    expect(appointed).toEqual({
      actorId: null,
      at: AT,
      detail: { accountId: a.id, schoolKey: w.school.fingerprint },
    });
    // the old DSL's account is not disabled by an appointment that did not name them
    expect((await w.account(w.ids.dsl)).active).toBe(true);
  });

  it('the departed DSL named: a new DSL certified and audited, the departed one disabled with a certificate and audit entry, their slot removed', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    const oldDslKey = w.slotOf(w.ids.dsl).keyId;
    const a = await appointDslWithRecovery(ctxOf(w), {
      recoveryKey: key,
      fullName: '  Marnie Quillfeather ',
      passphrase: NEW_PASS,
      replacing: [w.ids.dsl],
    });
    expect(a).toMatchObject({
      name: 'Marnie Quillfeather',
      role: 'dsl',
      active: true,
      createdAt: AT,
    });
    const file = readKeySlots(w.paths.keySlots);
    const slot = w.slotOf(a.id, file);
    expect(slot).toMatchObject({ role: 'dsl', name: 'Marnie Quillfeather' });
    const opened = (await openAccountSlot(file, slot, NEW_PASS))!;
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(publicKeyFromPrivate(opened.schoolKey!)).toBe(w.school.publicKeyPem);
    expect(opened.trustedSchool).toBe(w.school.fingerprint);
    expect(file.slots.some((s) => s.type === 'account' && s.accountId === w.ids.dsl)).toBe(false);
    for (const role of ['deputy', 'slt', 'staff'] as const)
      expect(w.slotOf(w.ids[role], file)).toEqual(w.slotOf(w.ids[role], w.file));
    expect(await lastCert(w, a.id)).toMatchObject({
      reason: 'appointed-with-recovery-key',
      role: 'dsl',
      status: 'active',
      keyId: slot.keyId,
      validFrom: AT,
    });
    expect(await lastCert(w, w.ids.dsl)).toMatchObject({
      reason: 'disabled',
      status: 'disabled',
      keyId: oldDslKey,
      role: 'dsl',
      name: NAMES.dsl,
      validFrom: AT,
      issuedAt: AT,
      vaultId: w.file.vaultId,
    });
    const old = await w.db.get<{
      disabled_at: string;
      disabled_by: string | null;
      created_by: string | null;
    }>('SELECT disabled_at, disabled_by, created_by FROM accounts WHERE id = ?', [w.ids.dsl]);
    expect(old).toMatchObject({ disabled_at: AT, disabled_by: null });
    const created = await w.db.get<{ created_by: string | null }>(
      'SELECT created_by FROM accounts WHERE id = ?',
      [a.id],
    );
    expect(created!.created_by).toBeNull();
    expect(await auditOf(w, 'recovery-key-used')).toEqual([
      { actorId: null, at: AT, detail: { purpose: 'appoint-dsl' } },
    ]);
    expect(await auditOf(w, 'dsl-appointed-with-recovery-key')).toEqual([
      {
        actorId: null,
        at: AT,
        detail: { accountId: a.id, schoolKey: w.school.fingerprint, replacing: [w.ids.dsl] },
      },
    ]);
    expect(await auditOf(w, 'account-disabled')).toEqual([
      {
        actorId: null,
        at: AT,
        detail: { accountId: w.ids.dsl, reason: 'left: replaced with the recovery key' },
      },
    ]);
    const book = await w.book();
    expect(
      book.problemWith({ accountId: a.id, keyId: slot.keyId, at: AT, role: 'dsl' }),
    ).toBeNull();
    expect(book.problemWith({ accountId: w.ids.dsl, keyId: oldDslKey, at: AT })).toBe(
      'is signed by an account that had been disabled at the time',
    );
    expect(
      book.problemWith({ accountId: w.ids.dsl, keyId: oldDslKey, at: '2026-11-23T08:30:00.000Z' }),
    ).toBeNull();
  });

  it('a recovery slot without the school key cannot appoint (nothing could certify the new DSL): refused, nothing written', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w, null);
    const before = await snapshot(w);
    await expect(appointMarnie(w, key, [w.ids.dsl])).rejects.toMatchObject({
      code: 'NO_SCHOOL_KEY',
    });
    expect(await snapshot(w)).toEqual(before);
  });

  it('a weak passphrase for the new DSL (the school’s name): refused, nothing written', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w);
    const before = await snapshot(w);
    await expect(
      appointDslWithRecovery(ctxOf(w), {
        recoveryKey: key,
        fullName: 'Marnie Quillfeather',
        passphrase: 'kingsfordzephyr',
        replacing: [w.ids.dsl],
      }),
    ).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE' });
    await expect(
      appointDslWithRecovery(ctxOf(w), {
        recoveryKey: key,
        fullName: 'Marnie Quillfeather',
        passphrase: 'quillfeathermarnie',
        replacing: [w.ids.dsl],
      }),
    ).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE' });
    expect(await snapshot(w)).toEqual(before);
  });
});

describe('sealing the school key into the recovery slot of an upgraded vault', () => {
  it('the DSL types the recovery key once: the recovery slot then holds the school key (and still the vault key); audited', async () => {
    const w = await accountsWorld();
    const key = withRecoveryKey(w, null);
    const session = await w.session('dsl');
    await addSchoolKeyToRecoverySlot(
      { paths: w.paths, now: () => NOW, db: w.db, session, schoolKey: w.school },
      key,
    );
    const file = readKeySlots(w.paths.keySlots);
    const r = recoverySlotOf(file);
    expect(r.createdAt).toBe(AT);
    expect(r.schoolKey).toBeDefined();
    for (const role of ['dsl', 'deputy', 'slt', 'staff'] as const)
      expect(w.slotOf(w.ids[role], file)).toEqual(w.slotOf(w.ids[role], w.file));
    expect(await auditOf(w, 'recovery-key-used')).toEqual([
      { actorId: w.ids.dsl, at: AT, detail: { purpose: 'school-key-added' } },
    ]);
    // the recovery key now appoints and resets without anyone signed in
    const reset = await resetWith(w, key, w.ids.slt);
    expect(await lastCert(w, w.ids.slt)).toMatchObject({
      keyId: reset.keyId,
      issuer: w.school.fingerprint,
    });
  });
});
