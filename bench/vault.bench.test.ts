// Vault benchmarks: one key-slot derivation (production scrypt cost), opening the vault with the raw
// key vs SQLCipher's own passphrase KDF (the witness build), and a plain Node process's RSS after
// opening a vault on the engine.
import { it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openWitness } from '../tests/helpers/witness';
import { deriveKey, newScryptParams, DEFAULT_SCRYPT } from '../src/main/core/crypto/kdf';
import { openVaultDb } from '../src/main/db/open';
import { median, recordFigure } from './lib/results';

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
    // SQLCipher's own build, keyed with a passphrase: `PRAGMA key` with a quoted string runs PBKDF2.
    const ppath = join(dir, 'passphrase.db');
    const keyed = async () => {
      const w = await openWitness(ppath, null);
      await w.exec("PRAGMA key = 'benchmark-passphrase'");
      return w;
    };
    {
      const w = await keyed();
      await w.exec('CREATE TABLE t (x)');
      await w.close();
    }
    const kdfOpen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const w = await keyed();
      await w.all('SELECT count(*) AS n FROM sqlite_master');
      kdfOpen.push(performance.now() - t);
      await w.close();
    }
    recordFigure('vault_open_sqlcipher_kdf_ms', median(kdfOpen), 'median of 5');

    // main_rss_mb: a fresh plain-Node process (what the main process runs minus Electron itself)
    // after opening the vault with the raw key and the pragmas of .
    const script = join(dir, 'rss.cjs');
    writeFileSync(
      script,
      `const D = require(${JSON.stringify(resolve('node_modules/better-sqlite3-multiple-ciphers'))});
       const db = new D(process.argv[2], { fileMustExist: true });
       db.pragma("cipher = 'sqlcipher'"); db.pragma('legacy = 4');
       db.exec("PRAGMA key = \\"x'${key.toString('hex')}'\\"; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY;");
       db.prepare('SELECT * FROM sqlite_master').all();
       global.gc && global.gc();
       process.stdout.write(String(process.memoryUsage().rss));
       db.close();`,
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
