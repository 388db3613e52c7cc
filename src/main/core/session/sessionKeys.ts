// What a sign-in holds until the lock: the session, the open vault, the vault key, the session's
// worker-thread reader and a DSL's school key. One place drops them all, so a lock can never leave
// a key behind in memory (least privilege: a staff session holds only its own signing key).
import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { CaseSealError } from '../../../shared/errors';
import type { Sqlite } from '../../db/sqlite';
import type { Session } from '../identity/session';
import type { SchoolKey } from '../accounts/schoolKey';
import { VaultReader } from '../worker/workerHost';

/** What a team sign-in (or set-up) hands over once the vault is open. */
export interface OpenedVault {
  session: Session;
  db: Sqlite;
  vaultKey: Buffer;
  reader: VaultReader | null;
  schoolKey: SchoolKey | null;
}

export class SessionKeys {
  session: Session | null = null;
  db: Sqlite | null = null;
  vaultKey: Buffer | null = null;
  /** The session's worker-thread reader (long reads off the UI's thread); null while locked. */
  reader: VaultReader | null = null;
  /** The school key, while a DSL whose slot holds it is signed in. */
  schoolKey: SchoolKey | null = null;

  requireSession(): Session {
    if (!this.session) throw new CaseSealError('NOT_SIGNED_IN');
    return this.session;
  }

  /** The open vault; a staff session has none (least privilege), so it is refused. */
  requireDb(): Sqlite {
    if (!this.session) throw new CaseSealError('NOT_SIGNED_IN');
    if (!this.db) throw new CaseSealError('NOT_ALLOWED');
    return this.db;
  }

  /** A team member's session: the vault is open and its key held until the lock. */
  holdTeam(v: OpenedVault): void {
    this.session = v.session;
    this.db = v.db;
    this.vaultKey = v.vaultKey;
    this.reader = v.reader;
    this.schoolKey = v.schoolKey;
  }

  /** A staff session: only the person's own signing key; the vault stays closed. */
  holdStaff(session: Session): void {
    this.session = session;
  }

  /** The recovery key gave this person a new signing key: the session signs with it from now on. */
  newSigningKey(key: { accountId: string; privateKey: KeyObject; keyId: string }): void {
    const s = this.session;
    if (s && s.account.id === key.accountId) {
      s.privateKey = key.privateKey;
      s.keyId = key.keyId;
    }
  }

  /**
   * Drops the keys from memory: the reader's thread ends, the vault key buffer is zeroed, the
   * KeyObjects are released and the database is closed (its own errors are not the lock's).
   */
  async drop(): Promise<void> {
    const db = this.db;
    const reader = this.reader;
    this.reader = null;
    await reader?.close().catch(() => undefined);
    this.vaultKey?.fill(0);
    this.vaultKey = null;
    this.schoolKey = null;
    this.session = null;
    this.db = null;
    if (db) await db.close().catch(() => undefined);
  }
}

/**
 * The worker-thread reader for a session, or null when its bundled script is absent (a build
 * without it runs the same reads on the main connection).
 */
export function startReader(
  dbPath: string,
  workerScript: string,
  vaultKey: Buffer,
): VaultReader | null {
  if (!existsSync(workerScript)) return null;
  return new VaultReader(dbPath, vaultKey, workerScript);
}
