// The vault's storage engine: better-sqlite3-multiple-ciphers (SQLite3MultipleCiphers) in SQLCipher 4
// mode, behind the small async `Conn` interface the repositories use. The engine is synchronous; the
// one queue left here keeps an async transaction from interleaving with another caller's statements.
import Database from 'better-sqlite3-multiple-ciphers';
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

type RawDb = Database.Database;
type Statement = Database.Statement<unknown[], unknown>;

/** SQLite error codes that mean a page failed SQLCipher's HMAC check or is not a database page. */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB']);

export function isDamageError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return typeof code === 'string' && DAMAGE_CODES.has(code);
}

/**
 * A page that fails SQLCipher's HMAC check surfaces as SQLITE_CORRUPT or SQLITE_NOTADB: report it
 * as a damaged vault (fail closed, say what to do), never as a raw SQLite message.
 */
function translate(err: unknown): unknown {
  if (isDamageError(err)) {
    return new CaseSealError(
      'VAULT_UNREADABLE',
      'The case vault is damaged: part of it failed its integrity check. Nothing has been changed. Restore the vault from a backup.',
    );
  }
  return err;
}

/**
 * The node-sqlite3 binding this replaced bound booleans as 0/1 and undefined as NULL; the new engine
 * refuses both, so values are normalised here once rather than at every call site.
 */
function bindValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

function bindParams(params: Params): unknown[] {
  if (Array.isArray(params)) return params.map(bindValue);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k.replace(/^[$:@]/, '')] = bindValue(v);
  return [out];
}

/** Statement cache: the repositories reuse a small fixed set of SQL texts. */
class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: RawDb) {}
  get(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql) as Statement;
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}

class RawConn implements Conn {
  private readonly statements: StatementCache;
  constructor(readonly db: RawDb) {
    this.statements = new StatementCache(db);
  }
  runSync(sql: string, params: Params = []): RunResult {
    try {
      const info = this.statements.get(sql).run(...bindParams(params));
      return { lastID: Number(info.lastInsertRowid), changes: info.changes };
    } catch (e) {
      throw translate(e);
    }
  }
  getSync<T>(sql: string, params: Params = []): T | undefined {
    try {
      return this.statements.get(sql).get(...bindParams(params)) as T | undefined;
    } catch (e) {
      throw translate(e);
    }
  }
  allSync<T>(sql: string, params: Params = []): T[] {
    try {
      return this.statements.get(sql).all(...bindParams(params)) as T[];
    } catch (e) {
      throw translate(e);
    }
  }
  execSync(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (e) {
      throw translate(e);
    }
  }
  run(sql: string, params?: Params): Promise<RunResult> {
    return attempt(() => this.runSync(sql, params));
  }
  get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return attempt(() => this.getSync<T>(sql, params));
  }
  all<T>(sql: string, params?: Params): Promise<T[]> {
    return attempt(() => this.allSync<T>(sql, params));
  }
  exec(sql: string): Promise<void> {
    return attempt(() => this.execSync(sql));
  }
}

function attempt<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/**
 * The packaged app carries exactly one engine binary, outside the asar (resources/engine/); main
 * names it here before the first open. Unset (development, tests, the verifier), the engine's own
 * loader picks its prebuilt binary for this platform from node_modules.
 */
let engineBinary: string | undefined;
export function useEngineBinary(path: string): void {
  engineBinary = path;
}
export function engineBinaryPath(): string | undefined {
  return engineBinary;
}

/**
 * Loads the engine's native module now, with an in-memory database opened and closed at once. A
 * worker does this before it says it is ready: ending a thread part-way through loading a native
 * module is a fatal error for the whole process in Node-API, so the host never ends a thread
 * before it is ready (workerHost.ts).
 */
export function loadEngine(): void {
  new Database(':memory:', engineBinary ? { nativeBinding: engineBinary } : {}).close();
}

export interface OpenFlags {
  create: boolean;
  readonly?: boolean;
}

export class Sqlite implements Conn {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly conn: RawConn;
  private closed = false;

  private constructor(private readonly db: RawDb) {
    this.conn = new RawConn(db);
  }

  static open(path: string, flags: OpenFlags): Promise<Sqlite> {
    return attempt(
      () =>
        new Sqlite(
          new Database(path, {
            fileMustExist: !flags.create,
            readonly: flags.readonly === true,
            ...(engineBinary ? { nativeBinding: engineBinary } : {}),
          }),
        ),
    );
  }

  /** The engine's own handle, for the few callers that need a synchronous loop (page reads). */
  get raw(): RawDb {
    return this.db;
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
        if (this.db.inTransaction) await conn.exec('ROLLBACK').catch(() => undefined);
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
    return this.exclusive(async () => {
      this.closed = true;
      this.db.close();
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
