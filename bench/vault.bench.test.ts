// Issue 2 benchmarks: one key-slot derivation (production scrypt cost), opening the vault with the
// raw key vs SQLCipher's own passphrase KDF, and a plain Node process's RSS after opening a vault.
import { it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import sqlcipher from '@journeyapps/sqlcipher';
import { deriveKey, newScryptParams, DEFAULT_SCRYPT } from '../src/main/core/crypto/kdf';
import { openVaultDb } from '../src/main/db/open';
import { median, recordFigure } from './lib/results';

function openWithPassphrase(path: string, passphrase: string): Promise<void> {
  return new Promise((resolveP, reject) => {
    const db = new sqlcipher.Database(path, (err: Error | null) => {
      if (err) return reject(err);
      db.serialize(() => {
        db.run(`PRAGMA key = '${passphrase}'`);
        db.get('SELECT count(*) AS n FROM sqlite_master', (e: Error | null) =>
          e ? reject(e) : db.close(() => resolveP()),
        );
      });
    });
  });
}

it('vault: key derivation and opening', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'caseseal-bench-'));
  try {
    // unlock_kdf_ms: one scrypt derivation at the production cost (N=2^17, r=8, p=1).
    const params = newScryptParams();
    if (params.N !== DEFAULT_SCRYPT.N)
      throw new Error('benchmark must use the production scrypt cost');
    const kdf: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await deriveKey('a typical passphrase of five words', params);
      kdf.push(performance.now() - t);
    }
    recordFigure('unlock_kdf_ms', median(kdf), `scrypt N=2^17 r=${params.r} p=1, median of 5`);

    // vault_open_rawkey_ms: open + key + cipher check + pragmas + migrations check, raw 32-byte key.
    const key = randomBytes(32);
    const path = join(dir, 'caseseal.db');
    await (await openVaultDb(path, key, { create: true })).close();
    const raw: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const db = await openVaultDb(path, key, { create: false });
      raw.push(performance.now() - t);
      await db.close();
    }
    recordFigure('vault_open_rawkey_ms', median(raw), 'median of 15');

    // vault_open_sqlcipher_kdf_ms: SQLCipher's own passphrase open (PBKDF2-HMAC-SHA512, 256k), the comparison.
    const ppath = join(dir, 'passphrase.db');
    await new Promise<void>((res, rej) => {
      const db = new sqlcipher.Database(ppath, (err: Error | null) => {
        if (err) return rej(err);
        db.serialize(() => {
          db.run("PRAGMA key = 'benchmark-passphrase'");
          db.run('CREATE TABLE t (x)', (e: Error | null) => (e ? rej(e) : db.close(() => res())));
        });
      });
    });
    const kdfOpen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await openWithPassphrase(ppath, 'benchmark-passphrase');
      kdfOpen.push(performance.now() - t);
    }
    recordFigure('vault_open_sqlcipher_kdf_ms', median(kdfOpen), 'median of 5');

    // main_rss_mb: a fresh plain-Node process (what the main process runs minus Electron itself)
    // after opening the vault with the raw key and the pragmas of issue 2.
    const script = join(dir, 'rss.cjs');
    writeFileSync(
      script,
      `const s = require(${JSON.stringify(resolve('node_modules/@journeyapps/sqlcipher'))});
       const db = new s.Database(process.argv[2], s.OPEN_READWRITE, () => {
         db.serialize(() => {
           db.exec("PRAGMA key = \\"x'${key.toString('hex')}'\\"; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY;");
           db.all('SELECT * FROM sqlite_master', () => {
             global.gc && global.gc();
             process.stdout.write(String(process.memoryUsage().rss));
             db.close();
           });
         });
       });`,
    );
    const rss = Number(execFileSync(process.execPath, ['--expose-gc', script, path]).toString());
    recordFigure(
      'main_rss_mb',
      rss / 1024 / 1024,
      'plain Node process after opening the vault; Electron adds its own runtime on top',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
