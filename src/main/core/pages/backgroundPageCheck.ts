// The page read that runs after each sign-in, throttled, so damage is noticed without anyone
// asking; its progress and result are shown on the dashboard. Cancelled at lock.
import { startPageCheck, type PageCheckResult, type RunningPageCheck } from './pageRead';

export interface PageCheckStatus {
  state: 'idle' | 'running' | 'done';
  done: number;
  total: number;
  result: PageCheckResult | null;
}

export class BackgroundPageCheck {
  private running: RunningPageCheck | null = null;
  // Every read started and not yet ended, the superseded ones too: a read replaced by a newer one
  // (or by the full check's result) is cancelled but its thread may still hold the vault open, and
  // a lock or a restore must not go on until it has let go.
  private readonly unfinished = new Set<Promise<unknown>>();
  private status: PageCheckStatus = { state: 'idle', done: 0, total: 0, result: null };

  /** Starts a throttled read; `onResult` hears the outcome (e.g. to audit it). */
  start(
    dbPath: string,
    vaultKey: Buffer,
    onResult: (r: PageCheckResult) => void,
    now?: () => Date,
    workerScript?: string,
  ): void {
    void this.stop();
    this.status = { state: 'running', done: 0, total: 0, result: null };
    const run = startPageCheck(dbPath, vaultKey, {
      background: true,
      now,
      workerScript,
      onProgress: (done, total) => {
        if (this.running === run) this.status = { ...this.status, done, total };
      },
    });
    this.running = run;
    const ended = run.result.catch(() => undefined).finally(() => this.unfinished.delete(ended));
    this.unfinished.add(ended);
    void run.result.then((r) => {
      if (this.running !== run) return;
      this.running = null;
      this.status = { state: 'done', done: r.pages, total: r.pages, result: r };
      if (r.outcome !== 'cancelled') onResult(r);
    });
  }

  /** Records a result found by the full check, so the dashboard shows the newest. */
  record(r: PageCheckResult): void {
    void this.stop();
    this.status = { state: 'done', done: r.pages, total: r.pages, result: r };
  }

  /** Cancels a running read; resolves once every read's thread has ended (connections closed). */
  async stop(): Promise<void> {
    this.running?.cancel();
    this.running = null;
    this.status = { state: 'idle', done: 0, total: 0, result: null };
    await Promise.all([...this.unfinished]);
  }

  current(): PageCheckStatus {
    return this.status;
  }
}
