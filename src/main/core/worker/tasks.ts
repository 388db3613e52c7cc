// The explicit registry of work that runs off the UI's thread, in the one worker entry (worker.ts).
// Two tasks read through the session reader's own read-only connection (the full chain check and
// full-text search: a cold-cache search of a 100k-record vault can take longer than a frame); the
// others open what they need themselves and run in a thread of their own (backup, page read, the
// export bundle).
import type { Sqlite } from '../../db/sqlite';
import { CaseSealError } from '../../../shared/errors';
import { checkIntegrity, type IntegrityReport } from '../log/integrity';
import { loadTrust } from '../accounts/schoolKey';
import { searchIndex, type SearchScope, type SearchRow } from '../../db/repositories/search';
import { scanPages, type PageScan } from '../../db/pageScan';
import { runBackupJob, type BackupJob, type BackupJobResult } from '../backup/runBackup';
import {
  buildExportBundle,
  type ExportBundle,
  type ExportBundleInput,
} from '../export/exportBundle';

export interface TaskContext {
  /** The reader's connection; null in a thread started for one task that opens its own. */
  vault: Sqlite | null;
  /** `stage` names the step for tasks that report several (backup, export). */
  progress(done: number, total: number, stage?: string): void;
  /** Set when the person presses Cancel: tasks check it between steps (a shared flag, so it is
   * seen even inside a synchronous loop). */
  signal: { readonly aborted: boolean };
  /** The same cancel as an AbortSignal, for libraries that take one (zip.js). */
  abortSignal: AbortSignal;
}

interface FullCheckArgs {
  now: string;
  trustedSchool: string | null;
  /** False only for a vault from before the school key, checked as it was then. */
  useTrust: boolean;
}

type Task<A, R> = (args: A, ctx: TaskContext) => Promise<R>;

function readerConnection(ctx: TaskContext): Sqlite {
  if (!ctx.vault) throw new CaseSealError('INTERNAL', 'The background task could not finish.');
  return ctx.vault;
}

/** The backup's own words reach the person (its run explains itself); anything else is generic. */
function backupFailure(e: unknown): CaseSealError {
  const coded = e instanceof Error && (e as { code?: string }).code;
  return new CaseSealError('BACKUP_FAILED', coded ? e.message : undefined);
}

export const WORKER_TASKS = {
  /**
   * Every hash, signature, certificate and chain link, with progress; the caller records the
   * result. The certificates are read here, checked against the school key the caller's session
   * trusts (a fingerprint from its own key slot, never from the vault).
   */
  fullCheck: (async (args, ctx) => {
    const db = readerConnection(ctx);
    return checkIntegrity(db, {
      mode: 'full',
      now: new Date(args.now),
      onProgress: ctx.progress,
      signal: ctx.signal,
      trust: args.useTrust
        ? ((await db.exclusive((c) => loadTrust(c, args.trustedSchool))) ?? {
            book: null,
            problem: null,
          })
        : undefined,
    });
  }) as Task<FullCheckArgs, IntegrityReport>,

  /** FTS5 search inside the encrypted file, restricted to what the person may read. */
  search: (async (args, ctx) =>
    searchIndex(readerConnection(ctx), args.match, args.scope, args.limit)) as Task<
    { match: string; scope: SearchScope; limit: number },
    SearchRow[]
  >,

  /** Reads every page of the vault so SQLCipher checks each page's HMAC (its own connection). */
  pageRead: ((args, ctx) =>
    scanPages(args.dbPath, args.key, {
      background: args.background,
      signal: ctx.signal,
      progress: ctx.progress,
    })) as Task<{ dbPath: string; key: Uint8Array; background: boolean }, PageScan>,

  /** One backup run: snapshot, containers, checks, signed results (its own connections). */
  backup: (async (job, ctx) => {
    try {
      return await runBackupJob(job, (p) => ctx.progress(p.done, p.total, p.stage));
    } catch (e) {
      throw backupFailure(e);
    } finally {
      job.vaultKey.fill(0);
      job.signingKeyDer.fill(0);
    }
  }) as Task<BackupJob, BackupJobResult>,

  /** The sealed export's report, files, signed manifest and zip, from what main read. */
  exportBundle: ((input, ctx) =>
    buildExportBundle(input, {
      signal: ctx.signal,
      abortSignal: ctx.abortSignal,
      progress: ctx.progress,
    })) as Task<ExportBundleInput, ExportBundle>,
} as const;

export type TaskName = keyof typeof WORKER_TASKS;
export type TaskArgs<N extends TaskName> = Parameters<(typeof WORKER_TASKS)[N]>[0];
export type TaskResult<N extends TaskName> = Awaited<ReturnType<(typeof WORKER_TASKS)[N]>>;
