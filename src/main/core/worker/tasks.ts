// The explicit registry of work that runs off the UI's thread, each task on the worker's own
// read-only connection to the vault: the full chain check and full-text search (a cold-cache
// search of a 100k-record vault can take longer than a frame).
import type { Sqlite } from '../../db/sqlite';
import { checkIntegrity, type IntegrityReport } from '../log/integrity';
import { loadTrust } from '../accounts/schoolKey';
import { searchIndex, type SearchScope, type SearchRow } from '../../db/repositories/search';

export interface TaskContext {
  progress(done: number, total: number): void;
  /** Set when the person presses Cancel: tasks check it between steps. */
  signal: { aborted: boolean };
}

interface FullCheckArgs {
  now: string;
  trustedSchool: string | null;
  /** False only for a vault from before the school key, checked as it was then. */
  useTrust: boolean;
}

type Task<A, R> = (db: Sqlite, args: A, ctx: TaskContext) => Promise<R>;

export const WORKER_TASKS = {
  /**
   * Every hash, signature, certificate and chain link, with progress; the caller records the
   * result. The certificates are read here, checked against the school key the caller's session
   * trusts (a fingerprint from its own key slot, never from the vault).
   */
  fullCheck: (async (db, args: FullCheckArgs, ctx) =>
    checkIntegrity(db, {
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
    })) as Task<FullCheckArgs, IntegrityReport>,
  /** FTS5 search inside the encrypted file, restricted to what the person may read. */
  search: (async (db, args: { match: string; scope: SearchScope; limit: number }) =>
    searchIndex(db, args.match, args.scope, args.limit)) as Task<
    { match: string; scope: SearchScope; limit: number },
    SearchRow[]
  >,
} as const;

export type TaskName = keyof typeof WORKER_TASKS;
export type TaskArgs<N extends TaskName> = Parameters<(typeof WORKER_TASKS)[N]>[1];
export type TaskResult<N extends TaskName> = Awaited<ReturnType<(typeof WORKER_TASKS)[N]>>;
