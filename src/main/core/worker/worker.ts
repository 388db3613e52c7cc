// The one worker-thread entry (bundled as out/main/worker.js): runs jobs from the explicit task
// registry (WORKER_TASKS) one after another, reporting progress and answering each with its result
// or a coded error. Started either as the session's reader, with its own read-only connection to the
// vault, or bare, for a task that opens what it needs itself (backup, page read, export bundle).
import { parentPort, workerData } from 'node:worker_threads';
import { openVaultDb } from '../../db/open';
import { loadEngine, useEngineBinary, type Sqlite } from '../../db/sqlite';
import { CaseSealError } from '../../../shared/errors';
import { WORKER_TASKS, type TaskContext, type TaskName } from './tasks';

export interface WorkerStart {
  /** The packaged app's engine binary (outside the asar): every thread loads the same file. */
  engineBinary?: string;
  /** Present for the session's reader: the vault it opens read-only, and the raw key (zeroed here). */
  vault?: { dbPath: string; key: Uint8Array };
}

export type ToWorker =
  | {
      type: 'job';
      id: number;
      task: TaskName;
      args: unknown;
      /** One Int32 set to 1 by the caller to cancel: seen even inside a synchronous loop. */
      cancel: SharedArrayBuffer;
    }
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number; stage?: string }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; code: string; message: string };

/** Only a stable code and our own plain message cross the boundary: never SQL or case text. */
function safeError(e: unknown): { code: string; message: string } {
  return e instanceof CaseSealError
    ? { code: e.code, message: e.message }
    : { code: 'INTERNAL', message: 'The background task could not finish.' };
}

/** Opens the reader's connection, or answers every job with why it could not (then null). */
async function openReader(
  port: NonNullable<typeof parentPort>,
  vault: NonNullable<WorkerStart['vault']>,
): Promise<Sqlite | null> {
  const raw = Buffer.from(vault.key);
  vault.key.fill(0);
  try {
    return await openVaultDb(vault.dbPath, raw, { create: false, readonly: true });
  } catch (e) {
    // Stay alive and answer every job with why the vault could not be opened, so the reason
    // reaches the caller however the messages and the thread's exit are ordered.
    const why = safeError(e);
    port.postMessage({ type: 'error', id: 0, ...why } satisfies FromWorker);
    port.on('message', (m: ToWorker) => {
      if (m.type === 'job')
        port.postMessage({ type: 'error', id: m.id, ...why } satisfies FromWorker);
    });
    return null;
  } finally {
    raw.fill(0);
  }
}

function contextFor(
  port: NonNullable<typeof parentPort>,
  id: number,
  flag: Int32Array,
  controller: AbortController,
  vault: Sqlite | null,
): TaskContext {
  let last = 0;
  let lastStage: string | undefined;
  return {
    vault,
    signal: {
      get aborted() {
        return Atomics.load(flag, 0) === 1 || controller.signal.aborted;
      },
    },
    abortSignal: controller.signal,
    progress: (done, total, stage) => {
      // At most ~20 messages a second within a stage: progress is for a bar, not a log.
      const now = Date.now();
      if (done === total || done === 0 || stage !== lastStage || now - last > 50) {
        last = now;
        lastStage = stage;
        port.postMessage({
          type: 'progress',
          id,
          done,
          total,
          ...(stage ? { stage } : {}),
        } satisfies FromWorker);
      }
    },
  };
}

async function main(): Promise<void> {
  const port = parentPort!;
  const start = workerData as WorkerStart;
  if (start.engineBinary) useEngineBinary(start.engineBinary);
  // The native module is loaded before the thread says it is ready, never while a task runs: the
  // host ends a thread only once it is ready (a thread ended mid-load takes the process with it).
  loadEngine();
  const vault = start.vault ? await openReader(port, start.vault) : null;
  if (start.vault && !vault) return;
  const running = new Map<number, AbortController>();
  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'cancel') {
      running.get(m.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(m.id, controller);
    queue = queue.then(async () => {
      const ctx = contextFor(port, m.id, new Int32Array(m.cancel), controller, vault);
      try {
        // Own properties only: a task name is never looked up on the prototype chain.
        if (!Object.hasOwn(WORKER_TASKS, m.task)) throw new Error('unknown task');
        const task = WORKER_TASKS[m.task] as unknown as (
          a: unknown,
          c: TaskContext,
        ) => Promise<unknown>;
        const value = await task(m.args, ctx);
        port.postMessage({ type: 'result', id: m.id, value } satisfies FromWorker);
      } catch (e) {
        port.postMessage({ type: 'error', id: m.id, ...safeError(e) } satisfies FromWorker);
      } finally {
        running.delete(m.id);
      }
    });
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

if (parentPort && workerData) void main();
