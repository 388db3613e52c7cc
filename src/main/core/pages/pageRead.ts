// Page integrity: SQLite3MultipleCiphers has no cipher_integrity_check, so CaseSeal reads every
// page itself. SQLCipher 4 checks each page's HMAC-SHA512 when the page is read, so a full read
// finds any damaged page (docs/design.md, "Trust model"). The read runs in a worker thread on its
// own read-only connection, opened with the same cipher pragmas as the vault (db/open.ts
// applyCipher), reports progress, can be cancelled, and can run throttled in the background.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

export type PageCheckOutcome = 'intact' | 'damaged' | 'cancelled' | 'unreadable';

export interface PageCheckResult {
  outcome: PageCheckOutcome;
  /** Pages in the file (PRAGMA page_count). */
  pages: number;
  /** Pages read (tables, indexes and their overflow pages), estimated from the tables done. */
  pagesRead: number;
  /** Pages on the free list: they hold no data (secure_delete zeroes them). */
  freePages: number;
  /** Plain words for the person (no SQLite message ever reaches the screen). */
  message: string;
  startedAt: string;
  finishedAt: string;
}

export interface PageCheckOptions {
  /** Background mode pauses briefly between batches so that the person's work comes first. */
  background?: boolean;
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}

export interface RunningPageCheck {
  result: Promise<PageCheckResult>;
  cancel(): void;
}

export const DAMAGE_MESSAGE =
  'Part of the vault file is damaged: some of it can no longer be read back exactly as it was written. This is damage to the file (a failing disk, an interrupted copy), not a change made by a person. Restore the vault folder from a backup, and keep this copy for school IT.';

const RAW_KEY = /^[0-9a-f]{64}$/;

/** The engine's module path, resolved here so the worker loads the same native build as main. */
function enginePath(): string {
  return createRequire(__filename).resolve('better-sqlite3-multiple-ciphers');
}

// The worker: same pragmas as applyCipher (cipher 'sqlcipher', legacy 4, raw key), read-only.
// `PRAGMA quick_check(<table>)` walks every page of the table and its indexes, overflow pages
// included, so each is read once and its HMAC checked; one table at a time gives progress and a
// place to stop. Measured: it finds every single-byte flip that a whole-file integrity_check finds,
// and a `dbstat` walk missed some (tests/integration/pageCheck.test.ts, docs/design.md).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.engine);
const cancel = new Int32Array(workerData.cancel);
const pause = new Int32Array(new SharedArrayBuffer(4));
const DAMAGE = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_IOERR_SHORT_READ']);
const NAME = /^[A-Za-z0-9_]+$/;
let db;
let pages = 0, read = 0, free = 0;
function done(outcome) { parentPort.postMessage({ type: 'done', outcome, pages, read, free }); }
function clean(rows) { return rows.length === 1 && Object.values(rows[0])[0] === 'ok'; }
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.exec('PRAGMA key = "x\\'' + workerData.key + '\\'"');
  db.pragma('cache_size = -2048');
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
  pages = db.pragma('page_count', { simple: true });
  free = db.pragma('freelist_count', { simple: true });
  parentPort.postMessage({ type: 'progress', done: 0, total: pages });
  let ok = true, cancelled = false, skipped = false;
  for (let i = 0; i < tables.length && ok; i++) {
    if (Atomics.load(cancel, 0) === 1) { cancelled = true; break; }
    if (!NAME.test(tables[i])) { skipped = true; continue; }
    ok = clean(db.pragma('quick_check(' + tables[i] + ')'));
    read = Math.round(((i + 1) / tables.length) * pages);
    parentPort.postMessage({ type: 'progress', done: read, total: pages });
    if (workerData.background) Atomics.wait(pause, 0, 0, 5);
  }
  // A table whose name cannot be spliced safely is covered by the whole-file check instead.
  if (ok && !cancelled && skipped) ok = clean(db.pragma('quick_check'));
  db.close();
  done(cancelled ? 'cancelled' : ok ? 'intact' : 'damaged');
} catch (e) {
  try { db && db.close(); } catch {}
  const code = e && e.code;
  done(code && (DAMAGE.has(code) || String(code).startsWith('SQLITE_CORRUPT')) ? 'damaged' : 'unreadable');
}
`;

const MESSAGES: Record<PageCheckOutcome, string> = {
  intact: 'Every page of the vault file was read back and matched its integrity code.',
  damaged: DAMAGE_MESSAGE,
  cancelled: 'The page check was stopped before it finished. Nothing was changed.',
  unreadable:
    'The page check could not read the vault file (it may be in use by another program, or missing). Nothing was changed. Try again, or restart CaseSeal.',
};

/** Starts a full page read of `dbPath` with the vault key (32 bytes). */
export function startPageCheck(
  dbPath: string,
  vaultKey: Buffer,
  opts: PageCheckOptions = {},
): RunningPageCheck {
  const key = vaultKey.toString('hex');
  if (!RAW_KEY.test(key)) throw new Error('vault key must be 32 bytes');
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const cancelFlag = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      engine: enginePath(),
      path: dbPath,
      key,
      cancel: cancelFlag,
      background: opts.background === true,
    },
  });
  worker.unref();
  const result = new Promise<PageCheckResult>((resolve) => {
    let settled = false;
    const finish = (outcome: PageCheckOutcome, pages = 0, read = 0, free = 0) => {
      if (settled) return;
      settled = true;
      resolve({
        outcome,
        pages,
        pagesRead: read,
        freePages: free,
        message: MESSAGES[outcome],
        startedAt,
        finishedAt: now().toISOString(),
      });
      void worker.terminate();
    };
    worker.on(
      'message',
      (m: {
        type: string;
        done?: number;
        total?: number;
        outcome?: PageCheckOutcome;
        pages?: number;
        read?: number;
        free?: number;
      }) => {
        if (m.type === 'progress') opts.onProgress?.(m.done ?? 0, m.total ?? 0);
        else if (m.type === 'done') finish(m.outcome ?? 'unreadable', m.pages, m.read, m.free);
      },
    );
    worker.on('error', () => finish('unreadable'));
    worker.on('exit', () => finish('cancelled'));
  });
  return {
    result,
    cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
  };
}
