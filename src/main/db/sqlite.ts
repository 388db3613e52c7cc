// A small promise wrapper around @journeyapps/sqlcipher (node-sqlite3 API) that runs every
// statement through one queue, so an async transaction can never interleave with another call.
import sqlcipher from '@journeyapps/sqlcipher';
import { CaseSealError } from '../../shared/errors';

export type Params = readonly unknown[] | Record<string, unknown>;

export interface RunResult {
  lastID: number;
  changes: number;
}

/** The statements available inside a transaction or an exclusive section. */
export interface Conn {
  run(sql: string, params?: Params): Promise<RunResult>;
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

type RawDb = InstanceType<typeof sqlcipher.Database>;

/**
 * A page that fails SQLCipher's HMAC check surfaces as SQLITE_CORRUPT or SQLITE_NOTADB: report it
 * as a damaged vault (fail closed, say what to do), never as a raw SQLite message.
 */
function translate(err: Error): Error {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new CaseSealError(
      'VAULT_UNREADABLE',
      'The case vault is damaged: part of it failed its integrity check. Nothing has been changed. Restore the vault folder from a backup copy.',
    );
  }
  return err;
}

class RawConn implements Conn {
  constructor(private readonly db: RawDb) {}
  run(sql: string, params: Params = []): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, params as unknown[], function (this: RunResult, err: Error | null) {
        if (err) reject(translate(err));
        else resolve({ lastID: this.lastID, changes: this.changes });
      });
    });
  }
  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get(sql, params as unknown[], (err: Error | null, row: T) =>
        err ? reject(translate(err)) : resolve(row),
      );
    });
  }
  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, params as unknown[], (err: Error | null, rows: T[]) =>
        err ? reject(translate(err)) : resolve(rows),
      );
    });
  }
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (err: Error | null) => (err ? reject(translate(err)) : resolve()));
    });
  }
}

export const OPEN_READWRITE = sqlcipher.OPEN_READWRITE;
export const OPEN_CREATE = sqlcipher.OPEN_CREATE;

export class Sqlite implements Conn {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly conn: RawConn;
  private closed = false;

  private constructor(private readonly db: RawDb) {
    this.conn = new RawConn(db);
  }

  static open(path: string, mode: number): Promise<Sqlite> {
    return new Promise((resolve, reject) => {
      const db: RawDb = new sqlcipher.Database(path, mode, (err: Error | null) => {
        if (err) reject(err);
        else resolve(new Sqlite(db));
      });
    });
  }

  /** Run `fn` with the connection to itself; nothing else runs until it settles. */
  exclusive<T>(fn: (conn: Conn) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('database is closed'));
    const next = this.queue.then(() => fn(this.conn));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** BEGIN IMMEDIATE … COMMIT, rolled back on any error. */
  transaction<T>(fn: (conn: Conn) => Promise<T>): Promise<T> {
    return this.exclusive(async (conn) => {
      await conn.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(conn);
        await conn.exec('COMMIT');
        return out;
      } catch (e) {
        await conn.exec('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  run(sql: string, params?: Params): Promise<RunResult> {
    return this.exclusive((c) => c.run(sql, params));
  }
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return this.exclusive((c) => c.get<T>(sql, params));
  }
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    return this.exclusive((c) => c.all<T>(sql, params));
  }
  exec(sql: string): Promise<void> {
    return this.exclusive((c) => c.exec(sql));
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.exclusive(
      () =>
        new Promise<void>((resolve, reject) => {
          this.closed = true;
          this.db.close((err: Error | null) => (err ? reject(err) : resolve()));
        }),
    );
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
