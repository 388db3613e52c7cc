// The school key and the trust a sign-in takes from it, on a copy of the golden vault: an insider
// with the vault key swaps in a school key of their own (re-signing every certificate with it),
// adds a second one, or deletes it; a slot from before the school key learns it at sign-in. Each
// test asserts what the session and the checks are told: the certificates, or the trust problem.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateSchoolKey,
  loadCertificateBook,
  loadTrust,
} from '../../../src/main/core/accounts/schoolKey';
import {
  saveSetupSheet,
  schoolKeyFingerprint,
  trustInfo,
} from '../../../src/main/core/accounts/schoolKeyInfo';
import { renderSetupSheet } from '../../../src/main/core/accounts/setupSheet';
import { keepTrustAtSignIn, loadSessionTrust } from '../../../src/main/core/accounts/sessionTrust';
import { openAccountSlot } from '../../../src/main/core/accounts/keySlot';
import { issueCertificate } from '../../../src/main/core/accounts/certificates';
import { keyIdOf, signMessage, verifyMessage } from '../../../src/main/core/crypto/ed25519';
import { scanPdf } from '../../../src/main/core/verify/pdfText';
import { readKeySlots, writeKeySlots } from '../../../src/main/core/vault/keySlots';
import { PASSPHRASES, SCHOOL } from '../../helpers/vault';
import { accountsWorld, NAMES, NOW, type AccountsWorld } from './accountsWorld';

const REPLACED =
  'The school key stored in the vault is not the one your key slot trusts: someone has replaced it. No signature can be trusted until the DSL has checked the vault against the set-up sheet.';

/** The insider's swap: their own school key in the vault, every certificate re-signed with it. */
async function swapSchoolKey(w: AccountsWorld) {
  const rogue = generateSchoolKey();
  await w.db.exec('DROP TRIGGER IF EXISTS certificates_no_delete');
  const certs = await w.db.all<{ body: string }>('SELECT body FROM certificates');
  await w.db.run('DELETE FROM certificates');
  await w.db.run('DELETE FROM school_keys');
  await w.db.run('INSERT INTO school_keys (fingerprint, public_key, created_at) VALUES (?,?,?)', [
    rogue.fingerprint,
    rogue.publicKeyPem,
    NOW.toISOString(),
  ]);
  for (const c of certs) {
    const { type: _t, v: _v, serial: _s, issuer: _i, ...fields } = JSON.parse(c.body);
    const cert = issueCertificate(rogue, fields);
    await w.db.run(
      'INSERT INTO certificates (serial, account_id, key_id, valid_from, issued_at, body, signature) VALUES (?,?,?,?,?,?,?)',
      [
        cert.body.serial,
        fields.accountId,
        fields.keyId,
        fields.validFrom,
        fields.issuedAt,
        cert.canonical,
        cert.signature,
      ],
    );
  }
  return rogue;
}

describe('loading the certificates through the school key a slot trusts', () => {
  it('the trusted school key: every account’s certificate is genuine', async () => {
    const w = await accountsWorld();
    const t = await w.db.exclusive((c) => loadCertificateBook(c, w.school.fingerprint));
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.book.forged).toEqual([]);
    expect(t.book.schoolFingerprint).toBe(w.school.fingerprint);
    expect(t.book.certificates()).toHaveLength(4);
    expect(await w.db.exclusive((c) => loadTrust(c, w.school.fingerprint))).toEqual({
      book: expect.objectContaining({ schoolPublicKeyPem: w.school.publicKeyPem }),
      problem: null,
    });
  });

  it('a forged school key swapped into the vault (certificates re-signed with it): reported as replaced, never silently accepted', async () => {
    const w = await accountsWorld();
    await swapSchoolKey(w);
    const t = await w.db.exclusive((c) => loadCertificateBook(c, w.school.fingerprint));
    expect(t).toEqual({ ok: false, reason: 'school-key-replaced', message: REPLACED });
    expect(await w.db.exclusive((c) => loadTrust(c, w.school.fingerprint))).toEqual({
      book: null,
      problem: REPLACED,
    });
  });

  it('a second school key added beside the real one: a slot that trusts the real one still checks against it, and the forger’s certificate is named', async () => {
    const w = await accountsWorld();
    const rogue = generateSchoolKey();
    await w.db.run('INSERT INTO school_keys (fingerprint, public_key, created_at) VALUES (?,?,?)', [
      rogue.fingerprint,
      rogue.publicKeyPem,
      '2026-11-22T00:00:00.000Z',
    ]);
    const cert = issueCertificate(rogue, {
      vaultId: w.file.vaultId,
      accountId: w.ids.deputy,
      name: NAMES.deputy,
      role: 'dsl',
      keyId: w.slotOf(w.ids.deputy).keyId,
      publicKeyPem: (await w.book()).certifiedKeys().get(w.slotOf(w.ids.deputy).keyId)!.pem,
      status: 'active',
      validFrom: NOW.toISOString(),
      issuedAt: NOW.toISOString(),
      reason: 'role-changed',
    });
    await w.db.run(
      'INSERT INTO certificates (serial, account_id, key_id, valid_from, issued_at, body, signature) VALUES (?,?,?,?,?,?,?)',
      [
        cert.body.serial,
        w.ids.deputy,
        cert.body.keyId,
        cert.body.validFrom,
        cert.body.issuedAt,
        cert.canonical,
        cert.signature,
      ],
    );
    const t = await w.db.exclusive((c) => loadCertificateBook(c, w.school.fingerprint));
    if (!t.ok) throw new Error('expected the trusted key to be found');
    expect(t.book.forged).toEqual([cert.body.serial]);
    expect(t.book.schoolFingerprint).toBe(w.school.fingerprint);
    // a session that trusts no key yet (a slot from before the school key) cannot tell which is real
    expect(await w.db.exclusive((c) => loadCertificateBook(c, null))).toEqual({
      ok: false,
      reason: 'school-key-replaced',
      message: REPLACED,
    });
  });

  it('a slot that trusts no key yet takes the vault’s only school key', async () => {
    const w = await accountsWorld();
    const t = await w.db.exclusive((c) => loadCertificateBook(c, null));
    expect(t.ok && t.book.schoolFingerprint).toBe(w.school.fingerprint);
  });

  it('the school key deleted from the vault: checked as a vault from before the school key (no certificates, no trust problem)', async () => {
    const w = await accountsWorld();
    await w.db.run('DELETE FROM school_keys');
    expect(await w.db.exclusive((c) => loadCertificateBook(c, w.school.fingerprint))).toEqual({
      ok: false,
      reason: 'no-school-key',
      message: 'This vault has no school key yet: it is made at the next DSL sign-in.',
    });
    expect(await w.db.exclusive((c) => loadTrust(c, w.school.fingerprint))).toBeUndefined();
  });

  it('a new school key is an Ed25519 pair whose fingerprint is its key id', () => {
    const k = generateSchoolKey();
    expect(k.fingerprint).toBe(keyIdOf(k.publicKeyPem));
    expect(verifyMessage(k.publicKeyPem, 'x', signMessage(k.privateKey, 'x'))).toBe(true);
    expect(generateSchoolKey().fingerprint).not.toBe(k.fingerprint);
  });
});

describe('the trust a sign-in keeps', () => {
  async function signInCtx(w: AccountsWorld, role: 'dsl' | 'deputy' | 'staff') {
    const file = readKeySlots(w.paths.keySlots);
    const opened = (await openAccountSlot(file, w.slotOf(w.ids[role], file), PASSPHRASES[role]))!;
    const session = await w.session(role === 'deputy' ? 'dsl' : role, opened.signingKey);
    session.account = await w.account(w.ids[role]);
    session.trustedSchool = opened.trustedSchool;
    return {
      ctx: {
        session,
        db: w.db,
        now: () => NOW,
        keySlotsPath: w.paths.keySlots,
        vaultKey: w.vaultKey,
      },
      opened,
    };
  }

  it('a DSL’s sign-in holds the school key from their own slot and loads the certificates against it', async () => {
    const w = await accountsWorld();
    const { ctx, opened } = await signInCtx(w, 'dsl');
    const school = await keepTrustAtSignIn(ctx, PASSPHRASES.dsl, opened);
    expect(school!.fingerprint).toBe(w.school.fingerprint);
    expect(school!.publicKeyPem).toBe(w.school.publicKeyPem);
    expect(ctx.session.trustedSchool).toBe(w.school.fingerprint);
    expect(ctx.session.certificates!.certificates()).toHaveLength(4);
    expect(ctx.session.trustProblem).toBeNull();
  });

  it('a deputy’s sign-in holds no school key, but the certificates are loaded', async () => {
    const w = await accountsWorld();
    const { ctx, opened } = await signInCtx(w, 'deputy');
    expect(await keepTrustAtSignIn(ctx, PASSPHRASES.deputy, opened)).toBeNull();
    expect(ctx.session.certificates!.schoolFingerprint).toBe(w.school.fingerprint);
  });

  it('a deputy who raised their role to DSL in the vault’s account list gets no school key (their slot holds none) and no session trust from it', async () => {
    const w = await accountsWorld();
    const { ctx, opened } = await signInCtx(w, 'deputy');
    ctx.session.account = { ...ctx.session.account, role: 'dsl' };
    const before = readKeySlots(w.paths.keySlots);
    expect(await keepTrustAtSignIn(ctx, PASSPHRASES.deputy, opened)).toBeNull();
    expect(readKeySlots(w.paths.keySlots)).toEqual(before);
    expect(ctx.session.trustedSchool).toBe(w.school.fingerprint);
  });

  it('a slot from before the school key learns the vault’s fingerprint at its owner’s sign-in, sealed under their passphrase', async () => {
    const w = await accountsWorld();
    const file = readKeySlots(w.paths.keySlots);
    file.slots = file.slots.map((s) =>
      s.type === 'account' && s.accountId === w.ids.deputy ? { ...s, trust: undefined } : s,
    );
    writeKeySlots(w.paths.keySlots, file);
    const { ctx, opened } = await signInCtx(w, 'deputy');
    expect(opened.trustedSchool).toBeNull();
    await keepTrustAtSignIn(ctx, PASSPHRASES.deputy, opened);
    expect(ctx.session.trustedSchool).toBe(w.school.fingerprint);
    const slot = w.slotOf(w.ids.deputy);
    expect(slot.role).toBe('deputy');
    expect(slot.name).toBe(NAMES.deputy);
    const again = (await openAccountSlot(
      readKeySlots(w.paths.keySlots),
      slot,
      PASSPHRASES.deputy,
    ))!;
    expect(again.trustedSchool).toBe(w.school.fingerprint);
    expect(again.vaultKey!.equals(w.vaultKey)).toBe(true);
    expect(again.schoolKey).toBeNull();
    expect(ctx.session.certificates).not.toBeNull();
  });

  it('a slot that already trusts a key is left as it is', async () => {
    const w = await accountsWorld();
    const before = readKeySlots(w.paths.keySlots);
    const { ctx, opened } = await signInCtx(w, 'deputy');
    await keepTrustAtSignIn(ctx, PASSPHRASES.deputy, opened);
    expect(readKeySlots(w.paths.keySlots)).toEqual(before);
  });

  it('a forged school key swapped into the vault: the session gets no certificates and the trust problem every check reports', async () => {
    const w = await accountsWorld();
    await swapSchoolKey(w);
    const session = await w.session('dsl');
    session.certificates = 'stale' as never;
    session.trustProblem = 'stale';
    await loadSessionTrust(w.db, session);
    expect(session.certificates).toBeNull();
    expect(session.trustProblem).toBe(REPLACED);
  });

  it('a vault from before the school key: no certificates, and no trust problem', async () => {
    const w = await accountsWorld();
    await w.db.run('DELETE FROM school_keys');
    const session = await w.session('dsl');
    session.trustProblem = 'stale';
    await loadSessionTrust(w.db, session);
    expect(session.certificates).toBeNull();
    expect(session.trustProblem).toBeNull();
  });
});

describe('what a person is told about the school key', () => {
  it('the fingerprint the session trusts, grouped for reading aloud; while locked the key-slot file’s', async () => {
    const w = await accountsWorld();
    const grouped = w.school.fingerprint.match(/.{4}/g)!.join(' ');
    expect(schoolKeyFingerprint(w.paths.keySlots, { trustedSchool: 'ab'.repeat(32) })).toEqual({
      fingerprint: 'ab'.repeat(32),
      grouped: 'abab '.repeat(16).trim(),
    });
    expect(schoolKeyFingerprint(w.paths.keySlots, null)).toEqual({
      fingerprint: w.school.fingerprint,
      grouped,
    });
    expect(schoolKeyFingerprint(w.paths.keySlots, { trustedSchool: null })).toEqual({
      fingerprint: w.school.fingerprint,
      grouped,
    });
    expect(schoolKeyFingerprint(join(w.dir, 'missing.json'), null)).toBeNull();
    const file = readKeySlots(w.paths.keySlots);
    delete file.schoolKey;
    writeKeySlots(w.paths.keySlots, file);
    expect(schoolKeyFingerprint(w.paths.keySlots, null)).toBeNull();
  });

  it('trust info says whether the recovery slot holds the school key, and the last import', async () => {
    const w = await accountsWorld();
    const fp = schoolKeyFingerprint(w.paths.keySlots, null);
    expect(trustInfo(w.paths.keySlots, fp, null)).toEqual({
      schoolKeyFingerprint: w.school.fingerprint,
      grouped: fp!.grouped,
      recoveryHoldsSchoolKey: true,
      intake: null,
    });
    const file = readKeySlots(w.paths.keySlots);
    file.slots = file.slots.map((s) =>
      s.type === 'recovery' ? { ...s, schoolKey: undefined } : s,
    );
    writeKeySlots(w.paths.keySlots, file);
    expect(
      trustInfo(w.paths.keySlots, null, {
        imported: 2,
        alreadyImported: 1,
        refused: [{ file: 'x', reason: 'y' }],
      } as never),
    ).toEqual({
      schoolKeyFingerprint: null,
      grouped: null,
      recoveryHoldsSchoolKey: false,
      intake: { imported: 2, refused: [{ file: 'x', reason: 'y' }] },
    });
  });
});

/** The set-up sheet the DSL prints for this world's school key. */
function sheetFor(w: AccountsWorld): Promise<Buffer> {
  return renderSetupSheet({
    school: SCHOOL,
    dslName: NAMES.dsl,
    fingerprint: w.school.fingerprint,
    now: NOW,
  });
}

describe('the set-up sheet', () => {
  async function sheetCtx(w: AccountsWorld, role: 'dsl' | 'deputy' = 'dsl') {
    const session = await w.session('dsl');
    session.account = await w.account(w.ids[role]);
    return {
      session,
      db: w.db,
      now: () => NOW,
      fingerprint: schoolKeyFingerprint(w.paths.keySlots, null),
    };
  }

  it('a DSL saves the sheet: the school, the DSL, the date and the fingerprint, never the recovery key', async () => {
    const w = await accountsWorld();
    const out = join(w.dir, 'sheet.pdf');
    const suggested: string[] = [];
    const r = await saveSetupSheet(await sheetCtx(w), async (name) => {
      suggested.push(name);
      return out;
    });
    expect(suggested).toEqual(['caseseal-setup-sheet.pdf']);
    expect(r).toEqual({ fileName: 'sheet.pdf', saved: true, path: out });
    const pdf = readFileSync(out);
    const text = scanPdf(pdf).text.replace(/\s+/g, ' ');
    for (const expected of [
      'CaseSeal set-up sheet',
      'Keep this sheet with the recovery key, locked away.',
      SCHOOL.name,
      SCHOOL.urn,
      SCHOOL.localAuthority,
      'School URN',
      'Local authority',
      'Printed by',
      'Printed on',
      NAMES.dsl,
      'School key fingerprint',
      'Every person’s signing key in CaseSeal is certified by the school key.',
      'Recovery key',
      'The recovery key is not printed here.',
      w.school.fingerprint.match(/.{4}/g)!.join(' '),
    ])
      expect(text).toContain(expected);
  });

  it('the sheet reads, top to bottom, as a person checking an export needs it: its title, each label beside its value, the fingerprint in groups, and its name in the footer', async () => {
    const w = await accountsWorld();
    const pdf = await sheetFor(w);
    const lines = scanPdf(pdf)
      .text.split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const at = (l: string) => lines.indexOf(l);
    expect(lines[0]).toBe('CaseSeal set-up sheet');
    expect(lines[1]).toBe('Keep this sheet with the recovery key, locked away.');
    // A label with an empty value or a value without its label would shift these pairs.
    const pairs: Array<[string, string]> = [
      ['School', SCHOOL.name],
      ['School URN', SCHOOL.urn],
      ['Local authority', SCHOOL.localAuthority],
      ['Printed by', NAMES.dsl],
    ];
    for (const [label, value] of pairs) expect(lines[at(label) + 1]).toBe(value);
    expect(lines[at('Printed on') + 1]).toMatch(/^\d\d\/\d\d\/\d{4} at \d\d:\d\d$/);
    expect(lines).toContain(w.school.fingerprint.match(/.{4}/g)!.join(' '));
    expect(lines.at(-1)).toBe('CaseSeal set-up sheet — page 1 of 1');
  });

  it('the sheet’s own title and subject name it (the PDF’s document information)', async () => {
    const w = await accountsWorld();
    const pdf = await sheetFor(w);
    const raw = pdf.toString('latin1');
    const info = (s: string) =>
      raw.includes(`(${s})`) ||
      raw.includes(`<${Buffer.from(`\ufeff${s}`, 'utf16le').swap16().toString('hex')}>`) ||
      raw.toLowerCase().includes(`<feff${Buffer.from(s, 'utf16le').swap16().toString('hex')}>`);
    expect(info('CaseSeal set-up sheet')).toBe(true);
    expect(info('School key fingerprint')).toBe(true);
  });

  it('someone other than a DSL asks for the sheet: refused', async () => {
    const w = await accountsWorld();
    await expect(
      saveSetupSheet(await sheetCtx(w, 'deputy'), async () => join(w.dir, 'x.pdf')),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    expect(existsSync(join(w.dir, 'x.pdf'))).toBe(false);
  });

  it('no school key yet: refused', async () => {
    const w = await accountsWorld();
    await expect(
      saveSetupSheet({ ...(await sheetCtx(w)), fingerprint: null }, async () =>
        join(w.dir, 'x.pdf'),
      ),
    ).rejects.toMatchObject({ code: 'NO_SCHOOL_KEY' });
  });

  it('the save dialog cancelled: nothing saved', async () => {
    const w = await accountsWorld();
    expect(await saveSetupSheet(await sheetCtx(w), async () => null)).toEqual({
      fileName: 'caseseal-setup-sheet.pdf',
      saved: false,
    });
  });

  it('a relative path (a hostile renderer’s choice): refused with a plain message, nothing written', async () => {
    const w = await accountsWorld();
    await expect(saveSetupSheet(await sheetCtx(w), async () => 'sheet.pdf')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'The sheet must be saved to a full path.',
    });
    expect(existsSync('sheet.pdf')).toBe(false);
  });

  it('a folder that cannot be written: a plain message, no partial file', async () => {
    const w = await accountsWorld();
    const blocked = join(w.dir, 'not-a-folder');
    mkdirSync(join(blocked, 'sheet.pdf'), { recursive: true });
    await expect(
      saveSetupSheet(await sheetCtx(w), async () => join(blocked, 'sheet.pdf')),
    ).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      message: 'The sheet could not be saved there. Choose another folder.',
    });
    rmSync(blocked, { recursive: true, force: true });
  });
});
