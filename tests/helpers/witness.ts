// The SQLCipher witness: @journeyapps/sqlcipher (SQLCipher's own build) loaded from tools/sqlcipher-witness,
// promisified just enough for the interop tests. Installed by `node scripts/witness.mjs` (a step of npm test).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const bindingDir = resolve(
  __dirname,
  '../../tools/sqlcipher-witness/node_modules/@journeyapps/sqlcipher',
);

/** The witness declares os darwin/linux: on Windows the interop tests cannot run (said in the README). */
export const witnessSupported = process.platform !== 'win32';

interface RawWitnessDb {
  run(sql: string, params: unknown[], cb: (err: Error | null) => void): void;
  all(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  exec(sql: string, cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
}

export interface WitnessDb {
  exec(sql: string): Promise<void>;
  run(sql: string, params?: unknown[]): Promise<void>;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function loadWitness(): {
  Database: new (path: string, cb: (err: Error | null) => void) => RawWitnessDb;
} {
  if (!existsSync(join(bindingDir, 'package.json'))) {
    throw new Error(
      'The SQLCipher witness is not installed: run `node scripts/witness.mjs` (npm test does this first).',
    );
  }
  return createRequire(__filename)(bindingDir);
}

/**
 * Opens `path` with SQLCipher's own build and the vault's raw key (SQLCipher 4 defaults); with
 * `keyHex` null the caller keys the connection itself (the passphrase benchmark).
 */
export async function openWitness(path: string, keyHex: string | null): Promise<WitnessDb> {
  if (keyHex !== null && !/^[0-9a-f]{64}$/.test(keyHex))
    throw new Error('raw key must be 64 hex characters');
  const { Database } = loadWitness();
  const db = await new Promise<RawWitnessDb>((res, rej) => {
    const d: RawWitnessDb = new Database(path, (err) => (err ? rej(err) : res(d)));
  });
  const w: WitnessDb = {
    exec: (sql) => new Promise((res, rej) => db.exec(sql, (e) => (e ? rej(e) : res()))),
    run: (sql, params = []) =>
      new Promise((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res()))),
    all: <T>(sql: string, params: unknown[] = []) =>
      new Promise<T[]>((res, rej) =>
        db.all(sql, params, (e, rows) => (e ? rej(e) : res(rows as T[]))),
      ),
    close: () => new Promise((res, rej) => db.close((e) => (e ? rej(e) : res()))),
  };
  if (keyHex !== null) await w.exec(`PRAGMA key = "x'${keyHex}'"`);
  return w;
}
