// The vault engine (better-sqlite3-multiple-ciphers in SQLCipher 4 mode) against the witness,
// SQLCipher's own build (@journeyapps/sqlcipher): every vault CaseSeal writes is standard SQLCipher 4,
// and a standard SQLCipher 4 file opens in CaseSeal — both ways, a live WAL included.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as cases from '../../src/main/core/cases/caseService';
import { openVaultDb } from '../../src/main/db/open';
import { addAccount, removeDir, setUpVault, staffSealsConcern, tempDir } from '../helpers/vault';
import { caseDetails, concernBody, noteBody } from '../helpers/records';
import { openWitness, witnessSupported } from '../helpers/witness';
import { vaultKeyHexOf } from '../helpers/vaultKey';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

/** A vault with a staff concern turned into a case and a note, still open (its WAL not checkpointed). */
async function liveVault() {
  const v = await setUpVault();
  dirs.push(v.dir);
  const staffId = await addAccount(v.core, 'staff', 'Imogen Staffwell');
  // Sealed by the staff member, imported at the DSL's next sign-in.
  const concern = await staffSealsConcern(v.core, staffId, concernBody(), {
    id: v.dslId,
    role: 'dsl',
  });
  await cases.openCase(v.core, { fromCaseId: concern.caseId, details: caseDetails() });
  await cases.addRecord(v.core, {
    caseId: concern.caseId,
    kind: 'note',
    body: noteBody({ details: 'Witness-readable marker Xylophone-Quokka.' }),
  });
  return { ...v, caseId: concern.caseId, keyHex: vaultKeyHexOf(v.core) };
}

describe.runIf(witnessSupported)(
  'SQLCipher 4 interop with the witness (@journeyapps/sqlcipher)',
  () => {
    it('SQLCipher itself reads a live vault CaseSeal wrote, WAL not yet checkpointed', async () => {
      const { core, dir, keyHex } = await liveVault();
      // Copy the three files while CaseSeal still has the vault open: the newest pages are only in the WAL.
      expect(existsSync(join(dir, 'caseseal.db-wal'))).toBe(true);
      expect(readFileSync(join(dir, 'caseseal.db-wal')).length).toBeGreaterThan(0);
      const copy = tempDir();
      dirs.push(copy);
      for (const f of ['caseseal.db', 'caseseal.db-wal', 'caseseal.db-shm']) {
        copyFileSync(join(dir, f), join(copy, f));
      }
      await core.close();
      const w = await openWitness(join(copy, 'caseseal.db'), keyHex);
      try {
        const kinds = await w.all<{ kind: string }>('SELECT kind FROM records ORDER BY seq');
        expect(kinds.map((k) => k.kind)).toEqual(['sealed-concern', 'case-opened', 'note']);
        const hits = await w.all<{ n: number }>(
          "SELECT count(*) AS n FROM record_fts WHERE record_fts MATCH 'Xylophone'",
        );
        expect(hits[0]!.n).toBe(1);
        const [check] = await w.all<{ cipher_integrity_check?: string }>(
          'PRAGMA cipher_integrity_check',
        );
        expect(check).toBeUndefined(); // no rows: every page's HMAC verified
      } finally {
        await w.close();
      }
    });

    it('CaseSeal opens, searches and appends to a vault that SQLCipher itself wrote, and SQLCipher reads the result', async () => {
      const dir = tempDir();
      dirs.push(dir);
      const key = randomBytes(32);
      const path = join(dir, 'caseseal.db');
      // SQLCipher's own build writes the file (SQLCipher 4 defaults, raw key, WAL left in place).
      const w = await openWitness(path, key.toString('hex'));
      await w.exec(`PRAGMA journal_mode = WAL;
      CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
      CREATE VIRTUAL TABLE t_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
      CREATE TRIGGER t_ro BEFORE UPDATE ON t BEGIN SELECT RAISE(ABORT, 'append only'); END;`);
      await w.run('INSERT INTO t (body) VALUES (?)', ['Zoë wrote first']);
      await w.run('INSERT INTO t_fts (rowid, body) SELECT id, body FROM t');
      await w.close();

      const db = await openVaultDb(path, key, { create: false, migrate: false });
      try {
        expect(db.raw.pragma('cipher', { simple: true })).toBe('sqlcipher');
        const found = await db.all<{ rowid: number }>(
          "SELECT rowid FROM t_fts WHERE t_fts MATCH 'zoe'",
        );
        expect(found).toHaveLength(1);
        await db.run('INSERT INTO t (body) VALUES (?)', ['CaseSeal wrote second']);
        await expect(db.run("UPDATE t SET body = 'changed' WHERE id = 1")).rejects.toThrow(
          /append only/,
        );
      } finally {
        await db.close();
      }

      const again = await openWitness(path, key.toString('hex'));
      try {
        const rows = await again.all<{ body: string }>('SELECT body FROM t ORDER BY id');
        expect(rows.map((r) => r.body)).toEqual(['Zoë wrote first', 'CaseSeal wrote second']);
      } finally {
        await again.close();
      }
    });

    it('SQLCipher itself refuses a CaseSeal vault with the wrong key (the file really is encrypted)', async () => {
      const { core, dir } = await liveVault();
      await core.close();
      const w = await openWitness(join(dir, 'caseseal.db'), randomBytes(32).toString('hex'));
      try {
        await expect(w.all('SELECT count(*) FROM sqlite_master')).rejects.toThrow(/not a database/);
      } finally {
        await w.close();
      }
    });
  },
);

describe('the new engine fails closed', () => {
  it('an attacker who swaps in a plain SQLite file for the vault gets "vault unreadable", and the file is not written to', async () => {
    const { core, dir } = await liveVault();
    await core.close();
    const path = join(dir, 'caseseal.db');
    const plainDir = tempDir();
    dirs.push(plainDir);
    const Database = (await import('better-sqlite3-multiple-ciphers')).default;
    const plain = new Database(join(plainDir, 'plain.db'));
    plain.exec('CREATE TABLE records (seq INTEGER); INSERT INTO records VALUES (1);');
    plain.close();
    copyFileSync(join(plainDir, 'plain.db'), path);
    for (const f of ['caseseal.db-wal', 'caseseal.db-shm']) {
      if (existsSync(join(dir, f))) writeFileSync(join(dir, f), Buffer.alloc(0));
    }
    const before = readFileSync(path);
    await expect(openVaultDb(path, randomBytes(32), { create: false })).rejects.toMatchObject({
      code: 'VAULT_UNREADABLE',
    });
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a wrong key and a flipped byte each give "vault unreadable" on the new engine', async () => {
    const { core, dir, keyHex } = await liveVault();
    await core.close();
    const path = join(dir, 'caseseal.db');
    await expect(openVaultDb(path, randomBytes(32), { create: false })).rejects.toMatchObject({
      code: 'VAULT_UNREADABLE',
    });
    // Flip one byte in page 1's encrypted body: the first read fails SQLCipher's HMAC check.
    const flipped = join(tempDir(), 'caseseal.db');
    dirs.push(join(flipped, '..'));
    mkdirSync(join(flipped, '..'), { recursive: true });
    const bytes = readFileSync(path);
    bytes[100] = bytes[100]! ^ 0x01;
    writeFileSync(flipped, bytes);
    await expect(
      openVaultDb(flipped, Buffer.from(keyHex, 'hex'), { create: false }),
    ).rejects.toMatchObject({ code: 'VAULT_UNREADABLE' });
  });
});
