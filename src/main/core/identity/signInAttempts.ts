// Failed sign-in attempts: counted in the key-slot file (they happen while the vault is locked), so
// the delay survives a restart; written to the audit trail at the next team sign-in.
import { CaseSealError } from '../../../shared/errors';
import type { Conn } from '../../db/sqlite';
import { appendAudit } from '../audit/auditLog';
import {
  accountSlots,
  readKeySlots,
  writeKeySlots,
  type AccountSlot,
  type KeySlotFile,
} from '../vault/keySlots';
import { FREE_ATTEMPTS, retryAfterMs } from './lockout';

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

export function findSlot(file: KeySlotFile, accountId: string): AccountSlot | undefined {
  return accountSlots(file).find((s) => s.accountId === accountId);
}

/** Throws LOCKED_OUT while this account must wait. */
export function refuseWhileLockedOut(slot: AccountSlot, now: Date, whose: 'this' | 'that'): void {
  const wait = retryAfterMs(slot.failures, now);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new CaseSealError(
      'LOCKED_OUT',
      `Too many wrong passphrases for ${whose} account. Try again in ${formatWait(seconds)}.`,
      { retryAfterSeconds: seconds },
    );
  }
}

/** Counts a failure in the key-slot file; `audited` when the vault is open and it was logged already. */
export function recordFailure(
  keySlotsPath: string,
  accountId: string,
  now: Date,
  audited = false,
): AccountSlot['failures'] {
  const file = readKeySlots(keySlotsPath);
  const slot = findSlot(file, accountId)!;
  const at = now.toISOString();
  const unaudited = audited
    ? slot.failures.unaudited
    : [...slot.failures.unaudited, at].slice(-100);
  slot.failures = { count: slot.failures.count + 1, lastFailureAt: at, unaudited };
  writeKeySlots(keySlotsPath, file);
  return slot.failures;
}

export function wrongPassphraseError(failures: AccountSlot['failures'], now: Date): CaseSealError {
  const left = FREE_ATTEMPTS - failures.count;
  const wait = Math.ceil(retryAfterMs(failures, now) / 1000);
  return new CaseSealError(
    'WRONG_PASSPHRASE',
    left > 0
      ? `That passphrase is not right for this account. ${left} more ${left === 1 ? 'try' : 'tries'} before CaseSeal makes you wait.`
      : `That passphrase is not right for this account. Wait ${formatWait(wait)} before trying again.`,
    { retryAfterSeconds: wait, attemptsLeft: Math.max(0, left) },
  );
}

/** Writes every queued failure to the audit trail (inside the sign-in transaction). */
export async function auditQueuedFailures(
  conn: Conn,
  file: KeySlotFile,
  at: string,
): Promise<void> {
  for (const s of accountSlots(file)) {
    for (const when of s.failures.unaudited) {
      await appendAudit(conn, {
        at: when,
        actorId: s.accountId,
        action: 'sign-in-failed',
        detail: { recordedAt: at },
      });
    }
  }
}

/** After a successful sign-in: the queue is cleared, and this account's count reset. */
export function clearFailures(keySlotsPath: string, accountId: string, queued: boolean): void {
  const fresh = readKeySlots(keySlotsPath);
  for (const s of accountSlots(fresh)) {
    if (queued) s.failures.unaudited = [];
    if (s.accountId === accountId)
      s.failures = { count: 0, lastFailureAt: null, unaudited: queued ? [] : s.failures.unaudited };
  }
  writeKeySlots(keySlotsPath, fresh);
}
