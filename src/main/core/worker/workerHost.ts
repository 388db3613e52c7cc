// Main's side of the one worker entry (worker.ts): a WorkerHost starts a thread, sends it jobs from
// the task registry and hears progress and answers. The session's VaultReader is a host with its own
// read-only vault connection, started at sign-in and ended at lock; runTask starts a bare host for
// one job (backup, page read, export bundle) and ends it when the job settles. Each job has progress
// and can be cancelled.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CaseSealError, type ErrorCode } from '../../../shared/errors';
import type { TaskArgs, TaskName, TaskResult } from './tasks';
import { engineBinaryPath } from '../../db/sqlite';
import type { FromWorker, ToWorker, WorkerStart } from './worker';

/** The bundled worker file beside main's bundle; tests point CASESEAL_WORKER_SCRIPT at their build. */
export function workerScriptPath(): string {
  return process.env.CASESEAL_WORKER_SCRIPT ?? join(__dirname, 'worker.js');
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (done: number, total: number, stage?: string) => void;
}

export interface JobOptions {
  onProgress?: (done: number, total: number, stage?: string) => void;
  signal?: AbortSignal;
}

/** How long close() waits for a thread that is still starting before ending it regardless. */
const START_GRACE_MS = 5_000;

export class WorkerHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private readonly ready: Promise<void>;
  /** Why the worker could not open the vault, if it could not: every job gets this answer. */
  private startError: CaseSealError | null = null;

  /** A vault `key` is copied into the worker, which zeroes its copy once the vault is open. */
  constructor(opts: { script?: string; vault?: { dbPath: string; key: Buffer } } = {}) {
    const script = opts.script ?? workerScriptPath();
    if (!existsSync(script)) throw new Error(`the background worker is missing (${script})`);
    const start: WorkerStart = {
      engineBinary: engineBinaryPath(),
      ...(opts.vault
        ? { vault: { dbPath: opts.vault.dbPath, key: new Uint8Array(opts.vault.key) } }
        : {}),
    };
    this.worker = new Worker(script, {
      workerData: start,
      // The worker needs no environment of its own and inherits no NODE_OPTIONS tricks.
      env: {},
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
    let markReady: () => void = () => undefined;
    let failReady: (e: Error) => void = () => undefined;
    this.ready = new Promise((res, rej) => {
      markReady = res;
      failReady = rej;
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') return markReady();
      if (m.type === 'error' && m.id === 0) {
        this.startError = new CaseSealError(m.code as ErrorCode, m.message);
        failReady(this.startError);
        return this.failAll(this.startError);
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress?.(m.done, m.total, m.stage);
      this.pending.delete(m.id);
      if (m.type === 'result') p.resolve(m.value);
      else p.reject(new CaseSealError(m.code as ErrorCode, m.message));
    });
    const died = (): void => {
      const e = new CaseSealError('INTERNAL', 'The background task stopped unexpectedly.');
      failReady(e);
      this.failAll(e);
    };
    this.worker.on('error', died);
    this.worker.on('exit', () => {
      this.closed = true;
      died();
    });
  }

  run<N extends TaskName>(
    task: N,
    args: TaskArgs<N>,
    opts: JobOptions = {},
  ): Promise<TaskResult<N>> {
    if (this.startError) return Promise.reject(this.startError);
    if (this.closed) return Promise.reject(new CaseSealError('NOT_SIGNED_IN'));
    const id = this.nextId++;
    const cancel = new SharedArrayBuffer(4);
    return new Promise<TaskResult<N>>((resolve, reject) => {
      const onAbort = (): void => {
        // The flag reaches a task inside a synchronous loop; the message wakes an awaiting one.
        Atomics.store(new Int32Array(cancel), 0, 1);
        this.worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
      };
      const cleanup = (): void => opts.signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (v) => {
          cleanup();
          resolve(v as TaskResult<N>);
        },
        reject: (e) => {
          cleanup();
          reject(e);
        },
        onProgress: opts.onProgress,
      });
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.worker.postMessage({ type: 'job', id, task, args, cancel } satisfies ToWorker);
      if (opts.signal?.aborted) onAbort();
    });
  }

  /** Resolves once the worker is ready (with its connection open, for a reader), or why not. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new CaseSealError('NOT_SIGNED_IN'));
    // Never end the thread while it is still starting: it loads the vault engine's native module
    // then, and a thread ended part-way through that is a fatal error for the whole process (the
    // app would vanish at a lock made the instant after sign-in). A thread that never becomes
    // ready is ended after a few seconds anyway.
    await Promise.race([
      this.ready.catch(() => undefined),
      new Promise((res) => setTimeout(res, START_GRACE_MS).unref()),
    ]);
    await this.worker.terminate();
  }
}

/** The session's background reader: long reads (full check, search) on its own connection. */
export class VaultReader extends WorkerHost {
  constructor(dbPath: string, key: Buffer, script?: string) {
    super({ script, vault: { dbPath, key } });
  }
}

/** Runs one job in a thread of its own, ended when the job settles. */
export async function runTask<N extends TaskName>(
  task: N,
  args: TaskArgs<N>,
  opts: JobOptions & { script?: string } = {},
): Promise<TaskResult<N>> {
  const host = new WorkerHost({ script: opts.script });
  try {
    return await host.run(task, args, opts);
  } finally {
    // Wait for the thread to end, so its connection is closed before the caller moves on (a lock
    // that closes the vault, a folder being removed).
    await host.close().catch(() => undefined);
  }
}
