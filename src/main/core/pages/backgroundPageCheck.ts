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

  /** Cancels a running read; resolves once its thread has ended (its connection closed). */
  stop(): Promise<void> {
    const run = this.running;
    run?.cancel();
    this.running = null;
    this.status = { state: 'idle', done: 0, total: 0, result: null };
    return run ? run.result.then(() => undefined) : Promise.resolve();
  }

  current(): PageCheckStatus {
    return this.status;
  }
}
