// The encrypted vault at rest and on open: no plaintext on disk, raw-key SQLCipher,
// recovery key, damaged files fail closed, newer vaults refused.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import { openVaultDb } from '../../src/main/db/open';
import { CaseSealError } from '../../src/shared/errors';
import {
  addAccount,
  DSL,
  PASSPHRASES,
  SCHOOL,
  removeDir,
  setUpVault,
  tempDir,
} from '../helpers/vault';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

async function fresh() {
  const v = await setUpVault();
  dirs.push(v.dir);
  return v;
}

function filesOf(dir: string): string[] {
  return readdirSync(dir).map((f) => join(dir, f));
}

describe('vault at rest', () => {
  it('holds none of the school or account names in the vault, -wal or -shm files', async () => {
    const { core, dir } = await fresh();
    await addAccount(core, 'slt', 'Ophelia Brightwater-Slt');
    // Leave the WAL populated: read the files while the database is still open.
    const needles = [
      SCHOOL.name,
      SCHOOL.localAuthority,
      'Riverside',
      'Ophelia',
      'Brightwater',
      DSL.fullName,
      'Quentin',
    ];
    const files = ['caseseal.db', 'caseseal.db-wal', 'caseseal.db-shm']
      .map((f) => join(dir, f))
      .filter(existsSync);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const n of needles) {
        expect(bytes.includes(Buffer.from(n, 'utf8')), `${n} found in ${f}`).toBe(false);
        expect(bytes.includes(Buffer.from(n, 'utf16le')), `${n} (utf16) found in ${f}`).toBe(false);
      }
    }
    await core.close();
    for (const f of ['caseseal.db', 'caseseal.db-wal']
      .map((x) => join(dir, x))
      .filter(existsSync)) {
      for (const n of needles) expect(readFileSync(f).includes(Buffer.from(n, 'utf8'))).toBe(false);
    }
  });

  it('cannot be read as plain SQLite (SQLITE_NOTADB)', async () => {
    const { core, dir } = await fresh();
    await core.close();
    const db = new Database(join(dir, 'caseseal.db'), { readonly: true, fileMustExist: true });
    try {
      expect(() => db.prepare('SELECT * FROM sqlite_master').all()).toThrow(
        /not a database|file is encrypted/i,
      );
    } finally {
      db.close();
    }
  });

  it('writes the key-slot file with owner-only permissions, without passphrases or the vault key in clear', async () => {
    const { core, dir } = await fresh();
    await core.close();
    const path = join(dir, 'keyslots.json');
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(DSL.passphrase);
    const slots = JSON.parse(text);
    expect(slots.format).toBe('caseseal-keyslots');
    expect(slots.version).toBe(2);
    expect(slots.slots.map((s: { type: string }) => s.type).sort()).toEqual([
      'account',
      'recovery',
    ]);
    // no stray temp files from the atomic write
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('opening the vault', () => {
  it('fails with a wrong raw key and leaves the file byte-for-byte unchanged', async () => {
    const { core, dir } = await fresh();
    await core.close();
    const dbPath = join(dir, 'caseseal.db');
    const before = readFileSync(dbPath);
    await expect(openVaultDb(dbPath, Buffer.alloc(32, 7), { create: false })).rejects.toMatchObject(
      { code: 'VAULT_UNREADABLE' },
    );
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('runs SQLCipher 4 (not the engine default ChaCha20) with the vault pragmas', async () => {
    const { core } = await fresh();
    const db = core.requireDb();
    // SQLite3MultipleCiphers names the result column after the value, so read it as a scalar.
    expect(db.raw.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(Number(db.raw.pragma('legacy', { simple: true }))).toBe(4);
    expect(Number(db.raw.pragma('kdf_iter', { simple: true }))).toBe(256000);
    expect((await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))!.journal_mode).toBe(
      'wal',
    );
    expect((await db.get<{ synchronous: number }>('PRAGMA synchronous'))!.synchronous).toBe(2);
    expect((await db.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))!.foreign_keys).toBe(1);
    expect((await db.get<{ secure_delete: number }>('PRAGMA secure_delete'))!.secure_delete).toBe(
      1,
    );
    expect((await db.get<{ temp_store: number }>('PRAGMA temp_store'))!.temp_store).toBe(2);
    await core.close();
  });

  it('refuses a raw key that is not 32 bytes before it reaches SQL', async () => {
    await expect(
      openVaultDb('/nonexistent/x.db', Buffer.from("x'; DROP TABLE records; --"), {
        create: false,
      }),
    ).rejects.toThrow(/32 bytes/);
  });

  it('detects a flipped byte inside the encrypted file', async () => {
    const { core, dir } = await fresh();
    await core.close();
    const dbPath = join(dir, 'caseseal.db');
    const bytes = readFileSync(dbPath);
    // Flip a byte in the middle of page 2 (pages are 4096 bytes; page 1 starts with the salt).
    bytes[4096 + 2000] = bytes[4096 + 2000]! ^ 0xff;
    writeFileSync(dbPath, bytes);
    const again = new CaseSealCore({ vaultDir: dir });
    // Sign-in reads the damaged page (accounts, settings): SQLCipher's per-page HMAC fails and the
    // app reports a damaged vault rather than a raw SQLite error, and stays locked.
    await expect(again.signIn(again.pickerAccounts()[0]!.id, DSL.passphrase)).rejects.toMatchObject(
      {
        code: 'VAULT_UNREADABLE',
        message: expect.stringMatching(/damaged.*Restore/),
      },
    );
    expect(again.currentSession()).toBeNull();
    await again.close();
  });

  it('opens with the recovery key (passphrase reset) and refuses a wrong one', async () => {
    const { core, dir, recoveryKey, dslId } = await fresh();
    await core.close();
    const again = new CaseSealCore({ vaultDir: dir });
    const wrong = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(
      again.resetPassphraseWithRecovery({
        recoveryKey: wrong,
        accountId: dslId,
        newPassphrase: 'lichen-saffron-pylon-tundra-66',
      }),
    ).rejects.toMatchObject({ code: 'WRONG_RECOVERY_KEY' });
    await again.resetPassphraseWithRecovery({
      recoveryKey: recoveryKey.toLowerCase().replace(/-/g, ' '),
      accountId: dslId,
      newPassphrase: 'lichen-saffron-pylon-tundra-66',
    });
    await expect(again.signIn(dslId, DSL.passphrase)).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    const s = await again.signIn(dslId, 'lichen-saffron-pylon-tundra-66');
    expect(s.account.id).toBe(dslId);
    const audit = await again.listAudit({});
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['recovery-key-used', 'passphrase-reset', 'sign-in-failed']),
    );
    await again.close();
  });

  it('gives a clear error for a truncated key-slot file and leaves the vault untouched', async () => {
    const { core, dir, dslId } = await fresh();
    await core.close();
    const slotsPath = join(dir, 'keyslots.json');
    const dbPath = join(dir, 'caseseal.db');
    const dbBefore = readFileSync(dbPath);
    const text = readFileSync(slotsPath, 'utf8');
    writeFileSync(slotsPath, text.slice(0, Math.floor(text.length / 2)));
    const again = new CaseSealCore({ vaultDir: dir });
    expect(again.vaultState()).toMatchObject({
      state: 'damaged',
      message: expect.stringMatching(/damaged.*not been changed/i),
    });
    await expect(again.signIn(dslId, DSL.passphrase)).rejects.toMatchObject({
      code: 'KEYSLOTS_DAMAGED',
    });
    await expect(again.beginSetup({ school: SCHOOL, dsl: DSL })).rejects.toMatchObject({
      code: 'ALREADY_SET_UP',
    });
    expect(readFileSync(dbPath).equals(dbBefore)).toBe(true);
  });

  it('gives a clear error for a corrupted (valid JSON, altered) key-slot file', async () => {
    const { core, dir, dslId } = await fresh();
    await core.close();
    const slotsPath = join(dir, 'keyslots.json');
    const file = JSON.parse(readFileSync(slotsPath, 'utf8'));
    const blob = file.slots[0].vaultKey;
    blob.data = Buffer.from(
      Buffer.from(blob.data, 'base64').map((b: number, i: number) => (i === 3 ? b ^ 1 : b)),
    ).toString('base64');
    writeFileSync(slotsPath, JSON.stringify(file));
    const again = new CaseSealCore({ vaultDir: dir });
    // An altered wrapped key fails GCM authentication: it reads as a wrong passphrase, never opens.
    await expect(again.signIn(dslId, DSL.passphrase)).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    file.version = 'one';
    writeFileSync(slotsPath, JSON.stringify(file));
    expect(() => again.pickerAccounts()).toThrow(CaseSealError);
    expect(again.vaultState().state).toBe('damaged');
  });

  it('refuses a vault written by a newer CaseSeal', async () => {
    const { core, dir, dslId } = await fresh();
    await core.requireDb().exec('PRAGMA user_version = 9990');
    await core.close();
    const again = new CaseSealCore({ vaultDir: dir });
    await expect(again.signIn(dslId, DSL.passphrase)).rejects.toMatchObject({
      code: 'VAULT_TOO_NEW',
      message: expect.stringMatching(/newer version/),
    });
  });

  it('never creates a new vault when the vault file is missing but key slots exist', async () => {
    const { core, dir } = await fresh();
    await core.close();
    const { unlinkSync } = await import('node:fs');
    for (const f of filesOf(dir)) if (f.includes('caseseal.db')) unlinkSync(f);
    const again = new CaseSealCore({ vaultDir: dir });
    expect(again.vaultState().state).toBe('damaged');
    await expect(again.beginSetup({ school: SCHOOL, dsl: DSL })).rejects.toMatchObject({
      code: 'ALREADY_SET_UP',
    });
    expect(existsSync(join(dir, 'caseseal.db'))).toBe(false);
  });
});

describe('set-up', () => {
  it('writes nothing until the recovery key groups are re-typed correctly', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const core = new CaseSealCore({ vaultDir: dir });
    const { recoveryKey, confirmGroups } = await core.beginSetup({ school: SCHOOL, dsl: DSL });
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(confirmGroups).toHaveLength(2);
    expect(existsSync(join(dir, 'caseseal.db'))).toBe(false);
    await expect(
      core.confirmSetup({
        groups: { [String(confirmGroups[0])]: 'ZZZZ', [String(confirmGroups[1])]: 'ZZZZ' },
      }),
    ).rejects.toMatchObject({ code: 'RECOVERY_MISMATCH' });
    expect(existsSync(join(dir, 'caseseal.db'))).toBe(false);
    const groups = recoveryKey.split('-');
    await core.confirmSetup({
      groups: Object.fromEntries(confirmGroups.map((i) => [String(i), groups[i]!.toLowerCase()])),
    });
    expect(core.currentSession()?.account.role).toBe('dsl');
    expect((await core.getSettings()).school).toEqual(SCHOOL);
    await core.close();
  });

  it('rejects a weak passphrase with a clear message', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const core = new CaseSealCore({ vaultDir: dir });
    await expect(
      core.beginSetup({ school: SCHOOL, dsl: { fullName: 'A B', passphrase: 'password' } }),
    ).rejects.toMatchObject({
      code: 'WEAK_PASSPHRASE',
      message: expect.stringMatching(/at least 12/),
    });
    await expect(
      core.beginSetup({ school: SCHOOL, dsl: { fullName: 'A B', passphrase: 'passwordpassword' } }),
    ).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE' });
  });
});

export { PASSPHRASES };
