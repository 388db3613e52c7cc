// Anyone changes their own passphrase: the current one proves it is them; the slot is made again
// under the new one with exactly the keys their role holds (and the school fingerprint they trust).
import { CaseSealError } from '../../../shared/errors';
import { checkPassphrase } from '../../../shared/passphrasePolicy';
import type { Sqlite } from '../../db/sqlite';
import { KEYSLOT_VERSION_V1, readKeySlots } from '../vault/keySlots';
import { findSlot } from '../identity/signInAttempts';
import type { Session } from '../identity/session';
import { appendAudit } from '../audit/auditLog';
import { makeAccountSlot, openAccountSlot, replaceAccountSlot } from './keySlot';
import type { SchoolKey } from './schoolKey';

export interface OwnPassphraseContext {
  session: Session;
  /** The open vault (null for a staff session, whose change is then not audited: no vault). */
  db: Sqlite | null;
  now: () => Date;
  keySlotsPath: string;
  vaultKey: Buffer | null;
  schoolKey: SchoolKey | null;
}

export async function changeOwnPassphrase(
  ctx: OwnPassphraseContext,
  current: string,
  next: string,
): Promise<void> {
  const s = ctx.session;
  const file = readKeySlots(ctx.keySlotsPath);
  const slot = findSlot(file, s.account.id);
  if (!slot) throw new CaseSealError('KEYSLOTS_DAMAGED');
  const opened = await openAccountSlot(file, slot, current, { vaultKey: false, schoolKey: false });
  if (!opened) throw new CaseSealError('WRONG_PASSPHRASE');
  const strength = checkPassphrase(next, [s.account.name]);
  if (!strength.ok) throw new CaseSealError('WEAK_PASSPHRASE', strength.feedback);
  const trusted = s.trustedSchool ?? opened.trustedSchool;
  // A first-release slot (vault key for everyone) keeps its shape until the upgrade: its vault key
  // is sealed under the same new passphrase and salt as the rest of the slot, or it would not open.
  const firstRelease = !!slot.vaultKey && file.version === KEYSLOT_VERSION_V1 && !!ctx.vaultKey;
  const fresh = await makeAccountSlot({
    vaultId: file.vaultId,
    accountId: s.account.id,
    name: slot.name,
    role: slot.role,
    passphrase: next,
    signingKey: s.privateKey,
    keyId: s.keyId,
    keys: {
      vaultKey: slot.vaultKey ? ctx.vaultKey : null,
      school: trusted
        ? {
            privateKey: ctx.schoolKey?.fingerprint === trusted ? ctx.schoolKey.privateKey : null,
            fingerprint: trusted,
          }
        : null,
      firstRelease,
    },
  });
  replaceAccountSlot(ctx.keySlotsPath, fresh);
  if (ctx.db)
    await ctx.db.exclusive((c) =>
      appendAudit(c, {
        at: ctx.now().toISOString(),
        actorId: s.account.id,
        action: 'passphrase-changed',
        detail: { accountId: s.account.id },
      }),
    );
}
