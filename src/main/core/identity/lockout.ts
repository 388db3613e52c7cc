// Failed sign-in delay: after 5 consecutive failures for one account, each further try
// must wait 30 s, doubling each time up to 1 hour. The counter lives in the key-slot file, so it
// survives restarting the app.
export const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

/** Milliseconds still to wait before this account may try again (0 = may try now). */
export function retryAfterMs(
  failures: { count: number; lastFailureAt: string | null },
  now: Date,
): number {
  const delay = lockoutDelayMs(failures.count);
  if (delay === 0 || !failures.lastFailureAt) return 0;
  const until = Date.parse(failures.lastFailureAt) + delay;
  return Math.max(0, until - now.getTime());
}
