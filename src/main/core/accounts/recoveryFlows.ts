// What the recovery key does (docs/design.md, "Trust model"): reset someone's forgotten
// passphrase (a new, certified key), appoint a DSL when none can act, and seal the school key
// into the recovery slot of an upgraded vault. Each use is audited; the keys it opens are zeroed.
import { randomUUID } from 'node:crypto';
import { CaseSealError } from '../../../shared/errors';
import { mayDecryptVault } from '../../../shared/roles';
import { checkPassphrase } from '../../../shared/passphrasePolicy';
import type { Sqlite } from '../../db/sqlite';
import { openVaultDb } from '../../db/open';
import { unwrap } from '../crypto/aead';
import {
  generateSigningKeyPair,
  keyIdOf,
  privateKeyFromDer,
  publicKeyFromPrivate,
} from '../crypto/ed25519';
import type { VaultPaths } from '../vault/paths';
import {
  aadFor,
  accountSlots,
  readKeySlots,
  recoverySlotOf,
  writeKeySlots,
  type KeySlotFile,
} from '../vault/keySlots';
import { decodeRecoveryKey, recoveryWrapKey } from '../vault/recoveryKey';
import { makeRecoverySlot } from '../vault/setup';
import { appendAudit } from '../audit/auditLog';
import { openSessionLog } from '../log/sessionLog';
import { readSettings } from '../../db/repositories/settings';
import type { Session } from '../identity/session';
import {
  disableAccount as disableAccountRow,
  getAccount,
  insertAccount,
  insertAccountKey,
  listAccounts,
  listPublicKeys,
  type Account,
} from '../../db/repositories/accounts';
import { certify } from './certify';
import { certifyNewKey } from './accountService';
import { makeAccountSlot } from './keySlot';
import type { SchoolKey } from './schoolKey';

/** What a recovery flow needs: the files, the clock, and what a signed-in session holds (if any). */
export interface RecoveryContext {
  paths: VaultPaths;
  now: () => Date;
  /** The open vault and session, when someone is signed in; null while locked. */
  open: { db: Sqlite; session: Session } | null;
  /** The school key of the signed-in DSL's own slot, if any. */
  schoolKey: SchoolKey | null;
}

interface OpenedRecovery {
  file: KeySlotFile;
  recovery: Buffer;
  vaultKey: Buffer;
  school: SchoolKey | null;
}

/** Opens the recovery slot: the vault key, and the school key where the slot holds it. */
function openRecovery(keySlotsPath: string, recoveryKey: string): OpenedRecovery {
  const recovery = decodeRecoveryKey(recoveryKey);
  if (!recovery)
    throw new CaseSealError(
      'WRONG_RECOVERY_KEY',
      'That is not a complete recovery key: it has 8 groups of 4 letters and numbers.',
    );
  const file = readKeySlots(keySlotsPath);
  const rslot = recoverySlotOf(file);
  const wrapKey = recoveryWrapKey(recovery, rslot.kdf.salt);
  try {
    const vaultKey = unwrap(wrapKey, rslot.vaultKey, aadFor(file.vaultId, 'recovery', 'vault-key'));
    if (!vaultKey) throw new CaseSealError('WRONG_RECOVERY_KEY');
    const der = rslot.schoolKey
      ? unwrap(wrapKey, rslot.schoolKey, aadFor(file.vaultId, 'recovery', 'school-key'))
      : null;
    const schoolPrivate = der ? privateKeyFromDer(der) : null;
    // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
    der?.fill(0);
    const school: SchoolKey | null = schoolPrivate
      ? {
          privateKey: schoolPrivate,
          publicKeyPem: publicKeyFromPrivate(schoolPrivate),
          fingerprint: keyIdOf(publicKeyFromPrivate(schoolPrivate)),
        }
      : null;
    return { file, recovery, vaultKey, school };
  } finally {
    // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
    wrapKey.fill(0);
  }
}

/** The school key that signs a recovery change: the recovery slot's, or the signed-in DSL's. */
function recoverySchool(
  fromSlot: SchoolKey | null,
  signedIn: SchoolKey | null,
  file: KeySlotFile,
): SchoolKey | null {
  const school = fromSlot ?? signedIn;
  if (!school && file.schoolKey) throw new CaseSealError('NO_SCHOOL_KEY');
  if (school && file.schoolKey && school.fingerprint !== file.schoolKey.fingerprint)
    throw new CaseSealError('KEYSLOTS_DAMAGED');
  return school;
}

/**
 * Reset someone's forgotten passphrase with the recovery key (works locked or signed in). The old
 * signing key was wrapped by the old passphrase only and is gone, so the account gets a new key
 * pair, certified by the school key as a re-key; its old key and past signatures stay valid.
 * Returns the new key, so that a person resetting their own passphrase signs with it from now on.
 */
export async function resetPassphraseWithRecovery(
  ctx: RecoveryContext,
  input: { recoveryKey: string; accountId: string; newPassphrase: string },
): Promise<{ accountId: string; keyId: string; privateKey: Session['privateKey'] }> {
  const {
    file,
    recovery,
    vaultKey,
    school: fromSlot,
  } = openRecovery(ctx.paths.keySlots, input.recoveryKey);
  // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
  recovery.fill(0);
  const signedIn = ctx.open?.session ?? null;
  const db = ctx.open?.db ?? (await openVaultDb(ctx.paths.db, vaultKey, { create: false }));
  try {
    if (!ctx.open)
      await openSessionLog(db, {
        vaultKey,
        vaultId: file.vaultId,
        session: null,
        at: ctx.now().toISOString(),
      });
    const account = await db.exclusive((c) => getAccount(c, input.accountId));
    if (!account || !account.active) throw new CaseSealError('NOT_FOUND');
    const strength = checkPassphrase(input.newPassphrase, [account.name]);
    if (!strength.ok) throw new CaseSealError('WEAK_PASSPHRASE', strength.feedback);
    const school = recoverySchool(fromSlot, ctx.schoolKey, file);
    const signing = generateSigningKeyPair();
    const slot = await makeAccountSlot({
      vaultId: file.vaultId,
      accountId: account.id,
      name: account.name,
      role: account.role,
      passphrase: input.newPassphrase,
      signingKey: signing.privateKey,
      keyId: signing.keyId,
      // A vault from before the school key keeps the first release's shape (the vault key in every
      // slot) until the upgrade at the next DSL sign-in.
      keys: {
        vaultKey: mayDecryptVault(account.role) || !school ? vaultKey : null,
        school,
        firstRelease: !school,
      },
    });
    const at = ctx.now().toISOString();
    if (school)
      await certifyNewKey(db, school, {
        vaultId: file.vaultId,
        account,
        keyId: signing.keyId,
        publicKeyPem: signing.publicKeyPem,
        at,
        reason: 're-keyed',
        actorId: signedIn?.account.id ?? null,
      });
    await db.transaction(async (c) => {
      if (!school)
        await insertAccountKey(c, {
          keyId: signing.keyId,
          accountId: account.id,
          publicKeyPem: signing.publicKeyPem,
          at,
        });
      await appendAudit(c, {
        at,
        actorId: signedIn?.account.id ?? null,
        action: 'recovery-key-used',
        detail: { purpose: 'passphrase-reset' },
      });
      await appendAudit(c, {
        at,
        actorId: signedIn?.account.id ?? null,
        action: 'passphrase-reset',
        detail: { accountId: account.id, newKeyId: signing.keyId },
      });
    });
    const fresh = readKeySlots(ctx.paths.keySlots);
    const exists = fresh.slots.some((x) => x.type === 'account' && x.accountId === account.id);
    fresh.slots = exists
      ? fresh.slots.map((x) => (x.type === 'account' && x.accountId === account.id ? slot : x))
      : [...fresh.slots, slot];
    writeKeySlots(ctx.paths.keySlots, fresh);
    return { accountId: account.id, keyId: signing.keyId, privateKey: signing.privateKey };
  } finally {
    if (!ctx.open) await db.close().catch(() => undefined);
    // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
    vaultKey.fill(0);
  }
}

/**
 * When no DSL can act any more, the recovery key appoints a new DSL: a new account, certified by
 * the school key from the recovery slot and audited. A DSL who has left but whose account was
 * never disabled still has a key slot: the person holding the recovery key names them in
 * `replacing`, and the same appointment disables them (a school-key certificate and an audit entry
 * each; their past signatures stay valid). A DSL who can still sign in and is not named blocks the
 * appointment: they appoint the new DSL themselves. Called while locked (the caller locks first).
 */
export async function appointDslWithRecovery(
  ctx: Pick<RecoveryContext, 'paths' | 'now'>,
  input: { recoveryKey: string; fullName: string; passphrase: string; replacing?: string[] },
): Promise<Account> {
  const { file, recovery, vaultKey, school } = openRecovery(ctx.paths.keySlots, input.recoveryKey);
  // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
  recovery.fill(0);
  const db = await openVaultDb(ctx.paths.db, vaultKey, { create: false });
  try {
    // Nobody is signed in: what this writes to the audit trail is signed by the system key.
    await openSessionLog(db, {
      vaultKey,
      vaultId: file.vaultId,
      session: null,
      at: ctx.now().toISOString(),
    });
    const accounts = await db.exclusive((c) => listAccounts(c));
    const slotIds = new Set(accountSlots(file).map((s) => s.accountId));
    const canSignIn = accounts.filter((a) => a.role === 'dsl' && a.active && slotIds.has(a.id));
    const replacing = new Set(input.replacing ?? []);
    if ([...replacing].some((id) => !canSignIn.some((a) => a.id === id)))
      throw new CaseSealError(
        'BAD_INPUT',
        'Only a DSL whose account is still open can be named as having left.',
      );
    const staying = canSignIn.filter((a) => !replacing.has(a.id));
    if (staying.length > 0)
      throw new CaseSealError(
        'NOT_ALLOWED',
        `${staying.map((a) => a.name).join(' and ')} can still sign in as DSL: ask them to appoint the new DSL from the accounts screen, or confirm here that they have left.`,
      );
    if (!school) throw new CaseSealError('NO_SCHOOL_KEY');
    const settings = await db.exclusive((c) => readSettings(c));
    const strength = checkPassphrase(input.passphrase, [input.fullName, settings.school.name]);
    if (!strength.ok) throw new CaseSealError('WEAK_PASSPHRASE', strength.feedback);
    const id = randomUUID();
    const name = input.fullName.trim();
    const signing = generateSigningKeyPair();
    const slot = await makeAccountSlot({
      vaultId: file.vaultId,
      accountId: id,
      name,
      role: 'dsl',
      passphrase: input.passphrase,
      signingKey: signing.privateKey,
      keyId: signing.keyId,
      keys: { vaultKey, school },
    });
    const at = ctx.now().toISOString();
    await db.transaction(async (c) => {
      await insertAccount(c, { id, name, role: 'dsl', at, by: null });
      await appendAudit(c, {
        at,
        actorId: null,
        action: 'recovery-key-used',
        detail: { purpose: 'appoint-dsl' },
      });
      await appendAudit(c, {
        at,
        actorId: null,
        action: 'dsl-appointed-with-recovery-key',
        detail: {
          accountId: id,
          schoolKey: school.fingerprint,
          ...(replacing.size > 0 ? { replacing: [...replacing] } : {}),
        },
      });
    });
    const account = (await db.exclusive((c) => getAccount(c, id)))!;
    await certifyNewKey(db, school, {
      vaultId: file.vaultId,
      account,
      keyId: signing.keyId,
      publicKeyPem: signing.publicKeyPem,
      at,
      reason: 'appointed-with-recovery-key',
      actorId: null,
    });
    // The new DSL is certified first, so the school always has a DSL whatever happens next.
    // Stryker disable next-line MethodExpression: no DSL who can sign in is left unnamed here (refused above), so the filter keeps them all
    for (const left of canSignIn.filter((a) => replacing.has(a.id)))
      await disableWithSchoolKey(db, school, { vaultId: file.vaultId, account: left, at });
    const fresh = readKeySlots(ctx.paths.keySlots);
    fresh.slots = [
      ...fresh.slots.filter((x) => x.type !== 'account' || !replacing.has(x.accountId)),
      slot,
    ];
    writeKeySlots(ctx.paths.keySlots, fresh);
    return account;
  } finally {
    await db.close().catch(() => undefined);
    // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
    vaultKey.fill(0);
  }
}

/** Disables a departed DSL in a recovery appointment: certificate and audit entry together. */
async function disableWithSchoolKey(
  db: Sqlite,
  school: SchoolKey,
  input: { vaultId: string; account: Account; at: string },
): Promise<void> {
  const keys = await db.exclusive((c) => listPublicKeys(c, [input.account.id]));
  const key = keys.at(-1);
  if (!key) throw new CaseSealError('KEYSLOTS_DAMAGED');
  await db.transaction(async (c) => {
    await disableAccountRow(c, input.account.id, input.at, null);
    await certify(c, school, {
      vaultId: input.vaultId,
      accountId: input.account.id,
      name: input.account.name,
      role: input.account.role,
      keyId: key.keyId,
      publicKeyPem: key.publicKeyPem,
      status: 'disabled',
      validFrom: input.at,
      issuedAt: input.at,
      reason: 'disabled',
    });
    await appendAudit(c, {
      at: input.at,
      actorId: null,
      action: 'account-disabled',
      detail: { accountId: input.account.id, reason: 'left: replaced with the recovery key' },
    });
  });
}

/**
 * A vault upgraded from the first release has a school key its recovery slot cannot yet open
 * (the recovery key is needed to seal it): the DSL types the recovery key once to add it.
 */
export async function addSchoolKeyToRecoverySlot(
  ctx: Pick<RecoveryContext, 'paths' | 'now'> & {
    db: Sqlite;
    session: Session;
    schoolKey: SchoolKey;
  },
  recoveryKey: string,
): Promise<void> {
  const { file, recovery, vaultKey } = openRecovery(ctx.paths.keySlots, recoveryKey);
  try {
    const at = ctx.now().toISOString();
    file.slots = file.slots.map((x) =>
      x.type === 'recovery'
        ? makeRecoverySlot(file.vaultId, recovery, vaultKey, ctx.schoolKey, at)
        : x,
    );
    writeKeySlots(ctx.paths.keySlots, file);
    await ctx.db.exclusive((c) =>
      appendAudit(c, {
        at,
        actorId: ctx.session.account.id,
        action: 'recovery-key-used',
        detail: { purpose: 'school-key-added' },
      }),
    );
  } finally {
    // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
    recovery.fill(0);
    // Stryker disable next-line CallExpression: zeroing key memory; behaviour is otherwise identical
    vaultKey.fill(0);
  }
}
