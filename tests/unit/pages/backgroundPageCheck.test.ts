// The background page read lets go of the vault before a lock goes on: a read superseded by a
// newer one (or by the full check's result) is cancelled, and its thread is waited for too.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageCheckResult, RunningPageCheck } from '../../../src/main/core/pages/pageRead';

interface FakeRun extends RunningPageCheck {
  cancelled: boolean;
  end(outcome?: PageCheckResult['outcome']): void;
}
const runs: FakeRun[] = [];

vi.mock('../../../src/main/core/pages/pageRead', () => ({
  startPageCheck: (): RunningPageCheck => {
    let end!: (r: PageCheckResult) => void;
    const result = new Promise<PageCheckResult>((res) => (end = res));
    const run: FakeRun = {
      result,
      cancelled: false,
      cancel: () => void (run.cancelled = true),
      end: (outcome = 'intact') =>
        end({
          outcome,
          pages: 3,
          pagesRead: 3,
          freePages: 0,
          message: '',
          startedAt: '2026-12-02T09:00:00.000Z',
          finishedAt: '2026-12-02T09:00:01.000Z',
        }),
    };
    runs.push(run);
    return run;
  },
}));

const { BackgroundPageCheck } = await import('../../../src/main/core/pages/backgroundPageCheck');

/** Whether a promise has settled after every queued callback has run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return done;
}

const KEY = Buffer.alloc(32, 7);

beforeEach(() => {
  runs.length = 0;
});

describe('background page read', () => {
  it('a lock made while a read superseded by the full check is still running waits for that thread to let go of the vault', async () => {
    const check = new BackgroundPageCheck();
    check.start('/vault/caseseal.db', KEY, () => undefined);
    check.record({ ...({} as PageCheckResult), outcome: 'intact', pages: 3 });
    expect(runs[0]!.cancelled).toBe(true);
    const lock = check.stop();
    expect(await settled(lock)).toBe(false);
    runs[0]!.end('cancelled');
    expect(await settled(lock)).toBe(true);
  });

  it('a lock made while a read replaced by a newer sign-in read is still running waits for both threads', async () => {
    const check = new BackgroundPageCheck();
    check.start('/vault/caseseal.db', KEY, () => undefined);
    check.start('/vault/caseseal.db', KEY, () => undefined);
    expect(runs.map((r) => r.cancelled)).toEqual([true, false]);
    const lock = check.stop();
    expect(runs[1]!.cancelled).toBe(true);
    runs[1]!.end('cancelled');
    expect(await settled(lock)).toBe(false);
    runs[0]!.end('cancelled');
    expect(await settled(lock)).toBe(true);
  });

  it('a read that has ended is not waited for again, and only a finished read that was not cancelled is reported', async () => {
    const heard: string[] = [];
    const check = new BackgroundPageCheck();
    check.start('/vault/caseseal.db', KEY, (r) => heard.push(r.outcome));
    runs[0]!.end('damaged');
    await settled(runs[0]!.result);
    expect(heard).toEqual(['damaged']);
    expect(check.current()).toMatchObject({ state: 'done', done: 3, total: 3 });
    expect(await settled(check.stop())).toBe(true);
    expect(check.current().state).toBe('idle');
  });
});
