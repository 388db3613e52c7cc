// Worker-thread entry: opens its own read-only connection to the vault with the raw key it is given
// and runs jobs from WORKER_TASKS one after another, reporting progress and answering each with its
// result or a coded error. Bundled as its own file (out/main/vaultWorker.js).
import { parentPort, workerData } from 'node:worker_threads';
import { openVaultDb } from '../../db/open';
import { useEngineBinary, type Sqlite } from '../../db/sqlite';
import { CaseSealError } from '../../../shared/errors';
import { WORKER_TASKS, type TaskContext, type TaskName } from './tasks';

export type ToWorker =
  { type: 'job'; id: number; task: TaskName; args: unknown } | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; code: string; message: string };

/** Only a stable code and our own plain message cross the boundary: never SQL or case text. */
function safeError(e: unknown): { code: string; message: string } {
  return e instanceof CaseSealError
    ? { code: e.code, message: e.message }
    : { code: 'INTERNAL', message: 'The background task could not finish.' };
}

async function main(): Promise<void> {
  const port = parentPort!;
  const { dbPath, key, engineBinary } = workerData as {
    dbPath: string;
    key: Uint8Array;
    engineBinary?: string;
  };
  // The packaged app's engine binary lives outside the asar; this thread loads the same file.
  if (engineBinary) useEngineBinary(engineBinary);
  const raw = Buffer.from(key);
  key.fill(0);
  let db: Sqlite;
  try {
    db = await openVaultDb(dbPath, raw, { create: false, readonly: true });
  } catch (e) {
    // Stay alive and answer every job with why the vault could not be opened, so the reason
    // reaches the caller however the messages and the thread's exit are ordered.
    const why = safeError(e);
    port.postMessage({ type: 'error', id: 0, ...why } satisfies FromWorker);
    port.on('message', (m: ToWorker) => {
      if (m.type === 'job')
        port.postMessage({ type: 'error', id: m.id, ...why } satisfies FromWorker);
    });
    return;
  } finally {
    raw.fill(0);
  }
  const cancels = new Map<number, { aborted: boolean }>();
  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'cancel') {
      const s = cancels.get(m.id);
      if (s) s.aborted = true;
      return;
    }
    const signal = { aborted: false };
    cancels.set(m.id, signal);
    queue = queue.then(async () => {
      let last = 0;
      const ctx: TaskContext = {
        signal,
        progress: (done, total) => {
          // At most ~20 messages a second: progress is for a bar, not a log.
          const now = Date.now();
          if (done === total || now - last > 50) {
            last = now;
            port.postMessage({ type: 'progress', id: m.id, done, total } satisfies FromWorker);
          }
        },
      };
      try {
        const task = WORKER_TASKS[m.task] as unknown as (
          d: Sqlite,
          a: unknown,
          c: TaskContext,
        ) => Promise<unknown>;
        if (typeof task !== 'function') throw new Error('unknown task');
        const value = await task(db, m.args, ctx);
        port.postMessage({ type: 'result', id: m.id, value } satisfies FromWorker);
      } catch (e) {
        port.postMessage({ type: 'error', id: m.id, ...safeError(e) } satisfies FromWorker);
      } finally {
        cancels.delete(m.id);
      }
    });
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

if (parentPort && workerData) void main();
