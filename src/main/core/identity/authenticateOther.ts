// A second person at the same PC proves who they are with their own passphrase (countersigning,
// R5): only their signing key is unwrapped, for one signature, and then dropped. Wrong passphrases
// count towards their own lockout, exactly as at sign-in, and are audited.
import type { KeyObject } from 'node:crypto';
import { CaseSealError } from '../../../shared/errors';
import type { Sqlite } from '../../db/sqlite';
import { accountSlots, readKeySlots, writeKeySlots } from '../vault/keySlots';
import { appendAudit } from '../audit/auditLog';
import { getAccount, type Account } from '../../db/repositories/accounts';
import { openAccountSlot } from '../accounts/keySlot';
import { findSlot, recordFailure, refuseWhileLockedOut } from './signInAttempts';

export async function authenticateOther(
  ctx: { db: Sqlite; now: () => Date; keySlotsPath: string },
  accountId: string,
  passphrase: string,
): Promise<{ account: Account; privateKey: KeyObject; keyId: string }> {
  const { db } = ctx;
  const file = readKeySlots(ctx.keySlotsPath);
  const slot = findSlot(file, accountId);
  if (!slot)
    throw new CaseSealError(
      'ACCOUNT_DISABLED',
      'That account cannot sign: it does not exist or has been disabled.',
    );
  refuseWhileLockedOut(slot, ctx.now(), 'that');
  const opened = await openAccountSlot(file, slot, passphrase, {
    vaultKey: false,
    schoolKey: false,
  });
  if (!opened) {
    recordFailure(ctx.keySlotsPath, accountId, ctx.now(), true);
    await db.exclusive((c) =>
      appendAudit(c, {
        at: ctx.now().toISOString(),
        actorId: accountId,
        action: 'sign-in-failed',
        detail: { purpose: 'countersign' },
      }),
    );
    throw new CaseSealError(
      'WRONG_PASSPHRASE',
      'That passphrase is not right for the countersigner’s account.',
    );
  }
  const account = await db.exclusive((c) => getAccount(c, accountId));
  if (!account || !account.active) throw new CaseSealError('ACCOUNT_DISABLED');
  if (slot.failures.count > 0) {
    const fresh = readKeySlots(ctx.keySlotsPath);
    for (const x of accountSlots(fresh))
      if (x.accountId === accountId)
        x.failures = { count: 0, lastFailureAt: null, unaudited: x.failures.unaudited };
    writeKeySlots(ctx.keySlotsPath, fresh);
  }
  return { account, privateKey: opened.signingKey, keyId: slot.keyId };
}
