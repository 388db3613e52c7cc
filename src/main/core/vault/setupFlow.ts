// The two steps of first-run set-up as the app walks them: prepare every key in memory and show
// the recovery key, then — only once two of its groups have been re-typed — write the vault and
// sign the DSL in. An abandoned set-up leaves nothing on disk, and its keys are zeroed.
import { CaseSealError } from '../../../shared/errors';
import { checkPassphrase } from '../../../shared/passphrasePolicy';
import type { School } from '../../../shared/settings';
import { getAccount } from '../../db/repositories/accounts';
import { formatFingerprint } from '../crypto/ed25519';
import { startSession } from '../identity/session';
import type { OpenedVault } from '../session/sessionKeys';
import type { VaultPaths } from './paths';
import { normaliseGroup, recoveryGroups } from './recoveryKey';
import { prepareSetup, writeNewVault, type PendingSetup } from './setup';

export interface SetupShown {
  recoveryKey: string;
  confirmGroups: number[];
  schoolKeyFingerprint: string;
}

export class SetupFlow {
  private pending: PendingSetup | null = null;

  /**
   * Step 1: check everything and prepare the keys in memory only. Nothing is written until the
   * recovery key has been re-typed (step 2), so an abandoned set-up leaves no vault behind.
   */
  async begin(
    input: { school: School; dsl: { fullName: string; passphrase: string } },
    now: Date,
  ): Promise<SetupShown> {
    const strength = checkPassphrase(input.dsl.passphrase, [input.dsl.fullName, input.school.name]);
    if (!strength.ok) throw new CaseSealError('WEAK_PASSPHRASE', `${strength.feedback}`);
    this.drop();
    this.pending = await prepareSetup(input, now);
    return {
      recoveryKey: this.pending.recoveryText,
      confirmGroups: this.pending.confirmGroups,
      schoolKeyFingerprint: formatFingerprint(this.pending.schoolKey.fingerprint),
    };
  }

  /**
   * Step 2: the groups re-typed must match; `stillNeedsSetup` is asked again just before writing
   * (fail closed: never a fresh vault over one that appeared meanwhile). Returns the DSL's open
   * vault and session; the worker-thread reader is the caller's to start.
   */
  async confirm(
    paths: VaultPaths,
    typedGroups: Record<string, string>,
    now: Date,
    stillNeedsSetup: () => boolean,
  ): Promise<Omit<OpenedVault, 'reader'>> {
    const p = this.pending;
    if (!p || Date.now() > p.expiresAt) {
      this.drop();
      throw new CaseSealError('SETUP_NOT_STARTED');
    }
    const groups = recoveryGroups(p.recoveryText);
    for (const i of p.confirmGroups) {
      const typed = typedGroups[String(i)] ?? '';
      if (normaliseGroup(typed) !== groups[i]) throw new CaseSealError('RECOVERY_MISMATCH');
    }
    if (!stillNeedsSetup()) throw new CaseSealError('ALREADY_SET_UP');
    const at = now.toISOString();
    const db = await writeNewVault(paths, p, at);
    const account = (await db.exclusive((c) => getAccount(c, p.dslId)))!;
    const opened = {
      session: startSession({
        account,
        privateKey: p.signing.privateKey,
        keyId: p.signing.keyId,
        at,
        vaultOpen: true,
        trustedSchool: p.schoolKey.fingerprint,
      }),
      db,
      // A copy: the pending keys are zeroed when the flow is dropped.
      vaultKey: Buffer.from(p.vaultKey),
      schoolKey: p.schoolKey,
    };
    this.drop();
    return opened;
  }

  /** Zeroes the keys of a set-up that was abandoned, cancelled or finished. */
  drop(): void {
    if (this.pending) {
      this.pending.vaultKey.fill(0);
      this.pending.recovery.fill(0);
    }
    this.pending = null;
  }
}
