// A team member's sign-in opens the vault with the vault key from their slot: the account must
// still be active, the session's audit signing starts, every person's signed checkpoint is compared
// before this sign-in writes anything, and failed attempts made while locked are written to the
// audit trail. Fails closed: on any error the vault is closed again and the key zeroed.
import { CaseSealError } from '../../../shared/errors';
import { mayDecryptVault } from '../../../shared/roles';
import { openVaultDb } from '../../db/open';
import { getAccount } from '../../db/repositories/accounts';
import { appendAudit } from '../audit/auditLog';
import type { OpenedSlot } from '../accounts/keySlot';
import { startSession } from '../identity/session';
import { auditQueuedFailures, clearFailures } from '../identity/signInAttempts';
import type { OpenedVault } from '../session/sessionKeys';
import { checkAgainstCheckpoints, openSessionLog } from '../log/sessionLog';
import type { Problem } from '../verify/chainChecks';
import { KEYSLOT_VERSION_V1, readKeySlots, type AccountSlot, type KeySlotFile } from './keySlots';
import type { VaultPaths } from './paths';

export type Unlocked =
  /** The slot wraps the vault key for someone who must not read cases: no vault for them. */
  | { kind: 'staff' }
  | {
      kind: 'team';
      /** The session and its open vault; the worker-thread reader is the caller's to start. */
      vault: Omit<OpenedVault, 'reader'>;
      /** What the checkpoint comparison found before this sign-in wrote anything. */
      checkpointProblems: Problem[];
    };

export async function unlockVault(
  ctx: { paths: VaultPaths; now: () => Date },
  own: { file: KeySlotFile; slot: AccountSlot; opened: OpenedSlot & { vaultKey: Buffer } },
): Promise<Unlocked> {
  const { file, slot, opened } = own;
  const accountId = slot.accountId;
  const vaultKey = opened.vaultKey;
  const db = await openVaultDb(ctx.paths.db, vaultKey, { create: false });
  try {
    const found = await db.exclusive((c) => getAccount(c, accountId));
    if (!found || !found.active) throw new CaseSealError('ACCOUNT_DISABLED');
    const account = found;
    if (!mayDecryptVault(account.role) && file.version !== KEYSLOT_VERSION_V1) {
      // A slot that still wraps the vault key for someone who must not read cases: the vault
      // is closed again and the session is a staff one.
      await db.close();
      vaultKey.fill(0);
      return { kind: 'staff' };
    }
    await openSessionLog(db, {
      vaultKey,
      vaultId: file.vaultId,
      session: { accountId, keyId: slot.keyId, privateKey: opened.signingKey },
      at: ctx.now().toISOString(),
    });
    // Compared before this sign-in writes anything, so a rewound log is described as found.
    const checkpointProblems = await checkAgainstCheckpoints(db, ctx.paths.keySlots, file.vaultId);
    const at = ctx.now().toISOString();
    await db.transaction(async (c) => {
      // Failed attempts made while locked are written to the audit trail now.
      await auditQueuedFailures(c, readKeySlots(ctx.paths.keySlots), at);
      await appendAudit(c, { at, actorId: accountId, action: 'sign-in', detail: {} });
    });
    clearFailures(ctx.paths.keySlots, accountId, true);
    const session = startSession({
      account,
      privateKey: opened.signingKey,
      keyId: slot.keyId,
      at,
      vaultOpen: true,
      trustedSchool: opened.trustedSchool,
    });
    return {
      kind: 'team',
      vault: { session, db, vaultKey, schoolKey: null },
      checkpointProblems,
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    vaultKey.fill(0);
    throw e;
  }
}
