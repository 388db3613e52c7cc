// Opens (or creates) the SQLCipher vault with a raw 32-byte key and the pragmas of issue 2.
// Fails closed: a vault that does not open is never recreated or written to.
import { existsSync } from 'node:fs';
import { CaseSealError } from '../../shared/errors';
import { Sqlite, OPEN_CREATE, OPEN_READWRITE } from './sqlite';
import { migrate } from './migrate';

/** Only 64 lowercase hex characters ever reach the PRAGMA: never a user string (architecture.md rule 5). */
const RAW_KEY = /^[0-9a-f]{64}$/;

export interface OpenOptions {
  create: boolean;
  /** Skip migrations (tests that inspect an old or foreign vault). */
  migrate?: boolean;
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

  let db: Sqlite;
  try {
    db = await Sqlite.open(path, opts.create ? OPEN_READWRITE | OPEN_CREATE : OPEN_READWRITE);
  } catch {
    throw new CaseSealError('VAULT_UNREADABLE');
  }
  try {
    await db.exec(`PRAGMA key = "x'${keyHex}'"`);
    const cipher = await db.get<{ cipher_version?: string }>('PRAGMA cipher_version');
    // An empty cipher_version means a plain SQLite build: refuse rather than write plaintext.
    if (!cipher?.cipher_version) throw new Error('SQLCipher is not active in this build');
    try {
      await db.get('SELECT count(*) AS n FROM sqlite_master');
    } catch {
      throw new CaseSealError(
        'VAULT_UNREADABLE',
        'The case vault could not be decrypted with this key, or it is damaged. It has not been changed.',
      );
    }
    await db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA foreign_keys = ON;
      PRAGMA secure_delete = ON;
      PRAGMA temp_store = MEMORY;
      PRAGMA busy_timeout = 5000;
    `);
    if (opts.migrate !== false) await migrate(db);
    return db;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
