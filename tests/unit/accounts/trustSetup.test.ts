// The trust set-up at a DSL's sign-in, on a copy of the golden vault turned back into what the first
// release wrote (key slots version 1, every slot wrapping the vault key, no school key, no
// certificates): the upgrade certifies every account key as of its creation and takes the vault
// key out of staff slots; run again it changes nothing; after a crash it completes what is missing.
// Attacks: a role raised in a slot (not in the vault), a staff slot keeping the vault key.
import { describe, expect, it } from 'vitest';
import { ensureTrust, type TrustSetupInput } from '../../../src/main/core/accounts/trustSetup';
import { keepTrustAtSignIn } from '../../../src/main/core/accounts/sessionTrust';
import { openAccountSlot } from '../../../src/main/core/accounts/keySlot';
import { loadCertificateBook } from '../../../src/main/core/accounts/schoolKey';
import { wholeLogSignerProblems } from '../../../src/main/core/accounts/signerCheck';
import { publicKeyFromPrivate } from '../../../src/main/core/crypto/ed25519';
import { deriveKey } from '../../../src/main/core/crypto/kdf';
import { wrap } from '../../../src/main/core/crypto/aead';
import { intakeKeyIsGenuine } from '../../../src/main/core/intake/intakeKey';
import { migration0040 } from '../../../src/main/db/migrations/0040-trust-keys';
import {
  aadFor,
  readKeySlots,
  writeKeySlots,
  type KeySlotFile,
} from '../../../src/main/core/vault/keySlots';
import type { Role } from '../../../src/shared/roles';
import { PASSPHRASES } from '../../helpers/vault';
import { accountsWorld, NAMES, NOW, type AccountsWorld } from './accountsWorld';

const AT = NOW.toISOString();

/** What the first release wrote: key slots v1 (vault key in every slot), no trust rows. */
async function firstRelease(w: AccountsWorld, change?: (f: KeySlotFile) => void): Promise<void> {
  const file = readKeySlots(w.paths.keySlots);
  for (const s of file.slots) {
    delete s.schoolKey;
    delete s.trust;
    if (s.type === 'account') {
      const kek = await deriveKey(PASSPHRASES[s.role as Role], s.kdf);
      s.vaultKey = wrap(
        kek,
        w.vaultKey,
        aadFor(file.vaultId, { accountId: s.accountId }, 'vault-key'),
      );
    }
  }
  delete file.schoolKey;
  delete file.intakeKey;
  file.version = 1;
  change?.(file);
  writeKeySlots(w.paths.keySlots, file);
  await w.db.exec(
    'DROP TABLE school_keys; DROP TABLE certificates; DROP TABLE intake_keys; DROP TABLE intake_imports;',
  );
  await w.db.transaction((c) => migration0040.up(c));
}

async function input(
  w: AccountsWorld,
  schoolKey: TrustSetupInput['schoolKey'],
): Promise<TrustSetupInput> {
  return {
    db: w.db,
    keySlotsPath: w.paths.keySlots,
    now: () => NOW,
    dsl: await w.account(w.ids.dsl),
    passphrase: PASSPHRASES.dsl,
    signingKey: w.dslKey,
    keyId: w.slotOf(w.ids.dsl).keyId,
    vaultKey: w.vaultKey,
    schoolKey,
  };
}

async function counts(w: AccountsWorld) {
  const n = async (t: string) =>
    (await w.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n;
  return {
    school: await n('school_keys'),
    certs: await n('certificates'),
    intake: await n('intake_keys'),
    audit: await n('audit'),
  };
}

async function certs(w: AccountsWorld, accountId: string) {
  return (
    await w.db.all<{ body: string }>(
      'SELECT body FROM certificates WHERE account_id = ? ORDER BY valid_from, rowid',
      [accountId],
    )
  ).map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

describe('the upgrade of a first-release vault at the DSL’s sign-in', () => {
  it('makes the school key, certifies every account key as of its creation (a disabled account’s end too), makes the intake key, audits it, and takes the vault key out of staff slots', async () => {
    const w = await accountsWorld({ tamper: true });
    await w.db.exec('DROP TRIGGER IF EXISTS account_keys_no_update');
    // the deputy's key was stored a little after the account; the senior leader was re-keyed later;
    // the staff member's account was disabled
    await w.db.run('UPDATE account_keys SET created_at = ? WHERE account_id = ?', [
      '2026-11-23T08:10:00.000Z',
      w.ids.deputy,
    ]);
    const second = (await w.book()).certifiedKeys(); // the slt's second key: any genuine public key
    const anyPem = [...second.values()].find((k) => k.accountId === w.ids.deputy)!.pem;
    await w.db.run(
      'INSERT INTO account_keys (key_id, account_id, public_key, created_at) VALUES (?,?,?,?)',
      ['f'.repeat(64), w.ids.slt, anyPem, '2026-11-23T08:20:00.000Z'],
    );
    await w.db.run('UPDATE accounts SET disabled_at = ? WHERE id = ?', [
      '2026-11-23T08:30:00.000Z',
      w.ids.staff,
    ]);
    const failures = { count: 1, lastFailureAt: '2026-11-23T08:40:00.000Z', unaudited: [] };
    await firstRelease(w, (f) => {
      f.slots = f.slots.map((s) =>
        s.type === 'account' && s.accountId === w.ids.dsl ? { ...s, failures } : s,
      );
    });
    const r = await ensureTrust(await input(w, null));
    expect(r.upgraded).toBe(true);
    const school = r.school!;
    const file = readKeySlots(w.paths.keySlots);
    expect(file.version).toBe(2);
    expect(file.schoolKey).toEqual({
      publicKeyPem: school.publicKeyPem,
      fingerprint: school.fingerprint,
    });
    expect(await w.db.all('SELECT fingerprint, public_key, created_at FROM school_keys')).toEqual([
      { fingerprint: school.fingerprint, public_key: school.publicKeyPem, created_at: AT },
    ]);
    const base = { reason: 'certified-at-upgrade', issuedAt: AT, vaultId: w.file.vaultId };
    expect(await certs(w, w.ids.dsl)).toEqual([
      expect.objectContaining({
        ...base,
        role: 'dsl',
        name: NAMES.dsl,
        status: 'active',
        validFrom: '2026-11-23T08:00:00.000Z',
        keyId: w.slotOf(w.ids.dsl).keyId,
      }),
    ]);
    expect(await certs(w, w.ids.deputy)).toEqual([
      expect.objectContaining({ ...base, role: 'deputy', validFrom: '2026-11-23T08:00:00.000Z' }),
    ]);
    expect(await certs(w, w.ids.slt)).toEqual([
      expect.objectContaining({ ...base, validFrom: '2026-11-23T08:00:00.000Z' }),
      expect.objectContaining({
        ...base,
        keyId: 'f'.repeat(64),
        validFrom: '2026-11-23T08:20:00.000Z',
      }),
    ]);
    expect(await certs(w, w.ids.staff)).toEqual([
      expect.objectContaining({ ...base, status: 'active', role: 'staff' }),
      expect.objectContaining({
        ...base,
        status: 'disabled',
        validFrom: '2026-11-23T08:30:00.000Z',
        keyId: w.slotOf(w.ids.staff).keyId,
      }),
    ]);
    const intake = (await w.db.all<{ key_id: string; created_at: string }>(
      'SELECT key_id, created_at FROM intake_keys',
    ))!;
    expect(intake).toEqual([{ key_id: file.intakeKey!.keyId, created_at: AT }]);
    expect(file.intakeKey!.createdAt).toBe(AT);
    expect(
      intakeKeyIsGenuine(school.publicKeyPem, { ...file.intakeKey!, vaultId: file.vaultId }),
    ).toBe(true);
    const audit = await w.db.all<{ actor_id: string; at: string; detail: string }>(
      "SELECT actor_id, at, detail FROM audit WHERE action = 'trust-upgraded'",
    );
    expect(audit.map((a) => ({ ...a, detail: JSON.parse(a.detail) }))).toEqual([
      {
        actor_id: w.ids.dsl,
        at: AT,
        detail: {
          schoolKey: school.fingerprint,
          accountsCertified: 4,
          staffSlotsWithoutVaultKey: 1,
        },
      },
    ]);
    // least privilege: staff lose the vault key, the team keeps it; the DSL's slot holds the school key
    expect(w.slotOf(w.ids.staff, file).vaultKey).toBeUndefined();
    expect(w.slotOf(w.ids.deputy, file).vaultKey).toBeDefined();
    expect(w.slotOf(w.ids.slt, file).vaultKey).toBeDefined();
    const dsl = w.slotOf(w.ids.dsl, file);
    expect(dsl.failures).toEqual(failures);
    const opened = (await openAccountSlot(file, dsl, PASSPHRASES.dsl))!;
    expect(publicKeyFromPrivate(opened.schoolKey!)).toBe(school.publicKeyPem);
    expect(opened.trustedSchool).toBe(school.fingerprint);
    expect(opened.vaultKey!.equals(w.vaultKey)).toBe(true);
  });

  it('after the upgrade, every record in the log is covered by the certificates', async () => {
    const w = await accountsWorld();
    await firstRelease(w);
    const r = await ensureTrust(await input(w, null));
    const t = await w.db.exclusive((c) => loadCertificateBook(c, r.school!.fingerprint));
    if (!t.ok) throw new Error(t.message);
    expect(t.book.forged).toEqual([]);
    expect(await wholeLogSignerProblems(w.db, t.book)).toEqual([]);
  });

  it('a role raised in the slot without the school key’s signature (staff wrote "deputy" in their slot): the vault’s role decides, the vault key is taken out; a slot with no account in the vault is judged by its own role', async () => {
    const w = await accountsWorld();
    await firstRelease(w, (f) => {
      const staff = f.slots.find((s) => s.type === 'account' && s.accountId === w.ids.staff)!;
      if (staff.type === 'account') staff.role = 'deputy';
      f.slots.push({
        ...staff,
        accountId: 'cccccccc-0000-4000-8000-000000000003',
        role: 'staff',
      } as never);
      f.slots.push({
        ...staff,
        accountId: 'dddddddd-0000-4000-8000-000000000004',
        role: 'slt',
      } as never);
    });
    await ensureTrust(await input(w, null));
    const file = readKeySlots(w.paths.keySlots);
    expect(w.slotOf(w.ids.staff, file).vaultKey).toBeUndefined();
    expect(w.slotOf('cccccccc-0000-4000-8000-000000000003', file).vaultKey).toBeUndefined();
    expect(w.slotOf('dddddddd-0000-4000-8000-000000000004', file).vaultKey).toBeDefined();
  });

  it('run again at the next DSL sign-in (school key from the slot): nothing changes', async () => {
    const w = await accountsWorld();
    await firstRelease(w);
    const first = await ensureTrust(await input(w, null));
    const before = { counts: await counts(w), file: readKeySlots(w.paths.keySlots) };
    const opened = (await openAccountSlot(before.file, w.slotOf(w.ids.dsl), PASSPHRASES.dsl))!;
    const again = await ensureTrust(await input(w, opened.schoolKey));
    expect(again).toEqual({
      school: expect.objectContaining({ fingerprint: first.school!.fingerprint }),
      upgraded: false,
    });
    expect(again.school!.publicKeyPem).toBe(first.school!.publicKeyPem);
    expect(await counts(w)).toEqual(before.counts);
    expect(readKeySlots(w.paths.keySlots)).toEqual(before.file);
  });
});

describe('the first DSL sign-in after the upgrade of the files', () => {
  it('the session trusts the school key just made, and its certificates are loaded', async () => {
    const w = await accountsWorld();
    await firstRelease(w);
    const file = readKeySlots(w.paths.keySlots);
    const opened = (await openAccountSlot(file, w.slotOf(w.ids.dsl, file), PASSPHRASES.dsl))!;
    expect(opened.schoolKey).toBeNull();
    const session = await w.session('dsl');
    session.trustedSchool = opened.trustedSchool;
    const school = await keepTrustAtSignIn(
      { session, db: w.db, now: () => NOW, keySlotsPath: w.paths.keySlots, vaultKey: w.vaultKey },
      PASSPHRASES.dsl,
      opened,
    );
    expect(school).not.toBeNull();
    expect(session.trustedSchool).toBe(school!.fingerprint);
    expect(readKeySlots(w.paths.keySlots).schoolKey!.fingerprint).toBe(school!.fingerprint);
    expect(session.certificates!.schoolFingerprint).toBe(school!.fingerprint);
    expect(session.certificates!.certificates()).toHaveLength(4);
    expect(session.trustProblem).toBeNull();
  });
});

describe('other sign-ins to a first-release vault', () => {
  it('a deputy signs in before the DSL: nothing is made or written, and no school key is trusted', async () => {
    const w = await accountsWorld();
    await firstRelease(w);
    const before = { counts: await counts(w), file: readKeySlots(w.paths.keySlots) };
    const opened = (await openAccountSlot(
      before.file,
      w.slotOf(w.ids.deputy),
      PASSPHRASES.deputy,
    ))!;
    const session = await w.session('dsl', opened.signingKey);
    session.account = await w.account(w.ids.deputy);
    session.trustedSchool = opened.trustedSchool;
    const ctx = {
      session,
      db: w.db,
      now: () => NOW,
      keySlotsPath: w.paths.keySlots,
      vaultKey: w.vaultKey,
    };
    expect(await keepTrustAtSignIn(ctx, PASSPHRASES.deputy, opened)).toBeNull();
    expect(session.trustedSchool).toBeNull();
    expect(session.certificates).toBeNull();
    expect(session.trustProblem).toBeNull();
    expect(await counts(w)).toEqual(before.counts);
    expect(readKeySlots(w.paths.keySlots)).toEqual(before.file);
  });

  it('a session whose slot was removed meanwhile (disabled on another PC): its certificates are still loaded, nothing is written', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    const opened = (await openAccountSlot(file, w.slotOf(w.ids.slt, file), PASSPHRASES.slt))!;
    file.slots = file.slots.filter((s) => s.type !== 'account' || s.accountId !== w.ids.slt);
    writeKeySlots(w.paths.keySlots, file);
    const session = await w.session('slt');
    session.trustedSchool = opened.trustedSchool;
    const ctx = {
      session,
      db: w.db,
      now: () => NOW,
      keySlotsPath: w.paths.keySlots,
      vaultKey: w.vaultKey,
    };
    expect(await keepTrustAtSignIn(ctx, PASSPHRASES.slt, opened)).toBeNull();
    expect(readKeySlots(w.paths.keySlots)).toEqual(file);
    expect(session.certificates!.schoolFingerprint).toBe(w.school.fingerprint);
  });
});

describe('keeping the trust keys in place', () => {
  it('a DSL whose slot holds no school key while the vault has one (a second DSL made before the school key): nothing is made, nothing written', async () => {
    const w = await accountsWorld();
    const before = { counts: await counts(w), file: readKeySlots(w.paths.keySlots) };
    expect(await ensureTrust(await input(w, null))).toEqual({ school: null, upgraded: false });
    expect(await counts(w)).toEqual(before.counts);
    expect(readKeySlots(w.paths.keySlots)).toEqual(before.file);
  });

  it('a vault in order: the school key is returned and nothing is written', async () => {
    const w = await accountsWorld();
    const before = { counts: await counts(w), file: readKeySlots(w.paths.keySlots) };
    const r = await ensureTrust(await input(w, w.school.privateKey));
    expect(r.upgraded).toBe(false);
    expect(r.school!.fingerprint).toBe(w.school.fingerprint);
    expect(r.school!.publicKeyPem).toBe(w.school.publicKeyPem);
    expect(await counts(w)).toEqual(before.counts);
    expect(readKeySlots(w.paths.keySlots)).toEqual(before.file);
  });

  it('the intake key missing from the vault (interrupted, or removed): a new one is made, signed by the school key, in the vault and the key-slot file', async () => {
    const w = await accountsWorld();
    const oldIntake = w.file.intakeKey!.keyId;
    await w.db.run('DELETE FROM intake_keys');
    const before = await counts(w);
    const r = await ensureTrust(await input(w, w.school.privateKey));
    expect(r.upgraded).toBe(false);
    const file = readKeySlots(w.paths.keySlots);
    expect(file.intakeKey!.keyId).not.toBe(oldIntake);
    expect(
      intakeKeyIsGenuine(w.school.publicKeyPem, { ...file.intakeKey!, vaultId: file.vaultId }),
    ).toBe(true);
    expect(await counts(w)).toEqual({ ...before, intake: 1 });
    expect(await w.db.get<{ key_id: string }>('SELECT key_id FROM intake_keys')).toEqual({
      key_id: file.intakeKey!.keyId,
    });
    // no upgrade audit, no certificates re-issued, and the staff slot gains nothing
    expect(w.slotOf(w.ids.staff, file).vaultKey).toBeUndefined();
  });

  it('the school key missing from the vault (its making interrupted after the key-slot file): it is stored again, nothing else re-made', async () => {
    const w = await accountsWorld();
    await w.db.run('DELETE FROM school_keys');
    const before = await counts(w);
    const r = await ensureTrust(await input(w, w.school.privateKey));
    expect(r.upgraded).toBe(false);
    expect(await w.db.all('SELECT fingerprint, public_key FROM school_keys')).toEqual([
      { fingerprint: w.school.fingerprint, public_key: w.school.publicKeyPem },
    ]);
    expect(await counts(w)).toEqual({ ...before, school: 1 });
    expect(readKeySlots(w.paths.keySlots).intakeKey).toEqual(w.file.intakeKey);
  });
});
