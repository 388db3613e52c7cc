// The session's background reader: one worker thread with its own read-only connection to the vault,
// started at sign-in and ended at lock, so long reads (the full check, search on a cold cache) never
// block the UI's thread. Jobs queue in the worker; each has progress and can be cancelled.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CaseSealError, type ErrorCode } from '../../../shared/errors';
import type { TaskArgs, TaskName, TaskResult } from './tasks';
import { engineBinaryPath } from '../../db/sqlite';
import type { FromWorker, ToWorker } from './vaultWorker';

/** The bundled worker file; tests point CASESEAL_WORKER_SCRIPT at their own build of it. */
export function workerScriptPath(): string {
  return process.env.CASESEAL_WORKER_SCRIPT ?? join(__dirname, 'vaultWorker.js');
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface JobOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export class VaultReader {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private readonly ready: Promise<void>;
  /** Why the worker could not open the vault, if it could not: every job gets this answer. */
  private startError: CaseSealError | null = null;

  /** `key` is copied into the worker, which zeroes its copy once the vault is open. */
  constructor(dbPath: string, key: Buffer) {
    const script = workerScriptPath();
    if (!existsSync(script)) throw new Error(`the background worker is missing (${script})`);
    this.worker = new Worker(script, {
      workerData: { dbPath, key: new Uint8Array(key), engineBinary: engineBinaryPath() },
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
      if (m.type === 'progress') return p.onProgress?.(m.done, m.total);
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
    return new Promise<TaskResult<N>>((resolve, reject) => {
      const onAbort = (): void => {
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
      this.worker.postMessage({ type: 'job', id, task, args } satisfies ToWorker);
      if (opts.signal?.aborted) onAbort();
    });
  }

  /** Resolves once the worker has its connection open (or rejects with why it could not). */
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
    await this.worker.terminate();
  }
}
