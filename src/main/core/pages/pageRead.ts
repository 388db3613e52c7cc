// Page integrity: SQLite3MultipleCiphers has no cipher_integrity_check, so CaseSeal reads every
// page itself. SQLCipher 4 checks each page's HMAC-SHA512 when the page is read, so a full read
// finds any damaged page (docs/design.md, "Trust model"). The read is the worker's `pageRead` task
// (db/pageScan.ts), in a thread of its own with its own read-only connection: it reports progress,
// can be cancelled, and can run throttled in the background.
import { existsSync } from 'node:fs';
import { runTask, workerScriptPath } from '../worker/workerHost';
import { scanPages, type PageScan } from '../../db/pageScan';

export type PageCheckOutcome = PageScan['outcome'];

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
  /** The bundled worker (default: workerHost's workerScriptPath). */
  workerScript?: string;
}

export interface RunningPageCheck {
  result: Promise<PageCheckResult>;
  cancel(): void;
}

export const DAMAGE_MESSAGE =
  'Part of the vault file is damaged: some of it can no longer be read back exactly as it was written. This is damage to the file (a failing disk, an interrupted copy), not a change made by a person. Restore the vault folder from a backup, and keep this copy for school IT.';

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
  if (vaultKey.length !== 32) throw new Error('vault key must be 32 bytes');
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const controller = new AbortController();
  // A copy for the worker (structured clone copies it again on posting); zeroed here once posted.
  const key = new Uint8Array(vaultKey);
  const args = { dbPath, key, background: opts.background === true };
  const script = opts.workerScript ?? workerScriptPath();
  // A build without the worker file (the mutation-test sandbox) reads on this thread instead, as
  // the reader's tasks do; the key copy is zeroed by the scan.
  const inWorker = existsSync(script);
  const scan = inWorker
    ? runTask('pageRead', args, {
        signal: controller.signal,
        onProgress: opts.onProgress,
        script,
      })
    : scanPages(dbPath, key, {
        background: false,
        signal: controller.signal,
        progress: (done, total) => opts.onProgress?.(done, total),
      });
  if (inWorker) key.fill(0);
  const result = scan.then(
    (r): PageScan => r,
    // A worker that could not start or died part-way read nothing we can vouch for.
    (): PageScan => ({ outcome: 'unreadable', pages: 0, read: 0, free: 0 }),
  );
  return {
    result: result.then((r) => ({
      outcome: r.outcome,
      pages: r.pages,
      pagesRead: r.read,
      freePages: r.free,
      message: MESSAGES[r.outcome],
      startedAt,
      finishedAt: now().toISOString(),
    })),
    cancel: () => controller.abort(),
  };
}
