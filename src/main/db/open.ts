// Opens (or creates) the SQLCipher 4 vault with a raw 32-byte key and the vault's pragmas.
// Fails closed: a vault that does not open is never recreated or written to.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { CaseSealError } from '../../shared/errors';
import { Sqlite } from './sqlite';
import { migrate } from './migrate';

/** The first 16 bytes of every unencrypted SQLite file (sqlite.org/fileformat.html, 1.3.1). */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file on disk starts with SQLite's plaintext header: it is not encrypted. */
export function hasPlainHeader(path: string): boolean {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    return n === 16 && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * SQLite3MultipleCiphers defaults to ChaCha20: every connection selects SQLCipher 4 (AES-256-CBC,
 * HMAC-SHA512 per page) before the key, so every file CaseSeal writes is standard SQLCipher 4.
 * The key is 64 hex characters checked by RAW_KEY, never a user string.
 */
export function applyCipher(db: Sqlite['raw'], keyHex: string): void {
  if (!RAW_KEY.test(keyHex)) throw new Error('vault key must be 32 bytes');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.exec(`PRAGMA key = "x'${keyHex}'"`);
  // The engine has no cipher_version; `PRAGMA cipher` names the scheme in force on this connection.
  const cipher = db.pragma('cipher', { simple: true });
  if (cipher !== 'sqlcipher') throw new Error('SQLCipher 4 is not active on this connection');
}

/** Only 64 lowercase hex characters ever reach the PRAGMA: never a user string (docs/design.md). */
const RAW_KEY = /^[0-9a-f]{64}$/;

export interface OpenOptions {
  create: boolean;
  /** Skip migrations (tests that inspect an old or foreign vault). */
  migrate?: boolean;
  /** Open read-only (checking a backup or a copy): no pragmas that write, no migrations. */
  readonly?: boolean;
}

export async function openVaultDb(path: string, key: Buffer, opts: OpenOptions): Promise<Sqlite> {
  const keyHex = key.toString('hex');
  if (key.length !== 32 || !RAW_KEY.test(keyHex)) throw new Error('vault key must be 32 bytes');
  const exists = existsSync(path);
  if (opts.create && exists) throw new CaseSealError('ALREADY_SET_UP');
  if (!opts.create && !exists)
    throw new CaseSealError(
      'VAULT_UNREADABLE',
      'The case vault file is missing. Restore it from a backup copy.',
    );

  // A plain SQLite file where the vault should be is refused: never written to, never keyed.
  if (exists && hasPlainHeader(path)) throw new CaseSealError('VAULT_UNREADABLE');

  let db: Sqlite;
  try {
    db = await Sqlite.open(path, { create: opts.create, readonly: opts.readonly });
  } catch {
    throw new CaseSealError('VAULT_UNREADABLE');
  }
  try {
    applyCipher(db.raw, keyHex);
    try {
      await db.get('SELECT count(*) AS n FROM sqlite_master');
    } catch {
      throw new CaseSealError(
        'VAULT_UNREADABLE',
        'The case vault could not be decrypted with this key, or it is damaged. It has not been changed.',
      );
    }
    if (opts.readonly) return db;
    await db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA foreign_keys = ON;
      PRAGMA secure_delete = ON;
      PRAGMA temp_store = MEMORY;
      PRAGMA busy_timeout = 5000;
    `);
    if (opts.migrate !== false) await migrate(db);
    // Proof that encryption is active: what reached the disk must not start with SQLite's header.
    if (hasPlainHeader(path)) throw new Error('the vault file was written without encryption');
    return db;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
