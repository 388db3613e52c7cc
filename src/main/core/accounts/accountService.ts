// Account management (docs/design.md, "Trust model"): only a DSL creates, disables and changes the
// role of accounts, and every change is certified by the school key in the same transaction. The
// last DSL cannot be disabled or demoted. Services take a narrow context, never the whole core.
import { randomUUID } from 'node:crypto';
import { CaseSealError } from '../../../shared/errors';
import { checkPassphrase } from '../../../shared/passphrasePolicy';
import { managesAccounts, mayDecryptVault, type Role } from '../../../shared/roles';
import type { Sqlite } from '../../db/sqlite';
import { setAccountRole } from '../../db/repositories/trustKeys';
import { appendAudit } from '../audit/auditLog';
import { generateSigningKeyPair } from '../crypto/ed25519';
import type { Session } from '../identity/session';
import { findSlot } from '../identity/signInAttempts';
import { readKeySlots, writeKeySlots } from '../vault/keySlots';
import {
  countActiveDsls,
  disableAccount as disableAccountRow,
  getAccount,
  insertAccount,
  insertAccountKey,
  listPublicKeys,
  type Account,
} from '../../db/repositories/accounts';
import { certify } from './certify';
import { makeAccountSlot, openAccountSlot } from './keySlot';
import type { SchoolKey } from './schoolKey';
import { readSettings } from '../../db/repositories/settings';

export interface AccountContext {
  session: Session;
  db: Sqlite;
  now: () => Date;
  keySlotsPath: string;
  /** The vault key of the signed-in DSL (new team members' slots wrap it). */
  vaultKey: Buffer | null;
  /** The school key from the signed-in DSL's own slot. */
  school: SchoolKey | null;
}

/** DSL only; and the DSL's slot must hold the school key (it signs every change). */
function requireManager(ctx: AccountContext): SchoolKey {
  if (!managesAccounts(ctx.session.account.role) || !ctx.session.vaultOpen)
    throw new CaseSealError('NOT_ALLOWED', 'Only a DSL can manage accounts.');
  if (!ctx.school) throw new CaseSealError('NO_SCHOOL_KEY');
  return ctx.school;
}

async function currentKey(db: Sqlite, accountId: string) {
  const keys = await db.exclusive((c) => listPublicKeys(c, [accountId]));
  const key = keys.at(-1);
  if (!key) throw new CaseSealError('KEYSLOTS_DAMAGED');
  return key;
}

export async function createAccount(
  ctx: AccountContext,
  input: { fullName: string; role: Role; passphrase: string },
): Promise<Account> {
  const school = requireManager(ctx);
  const { db } = ctx;
  const name = input.fullName.trim();
  const schoolName = (await db.exclusive((c) => readSettings(c))).school.name;
  const strength = checkPassphrase(input.passphrase, [input.fullName, schoolName]);
  if (!strength.ok) throw new CaseSealError('WEAK_PASSPHRASE', strength.feedback);
  const id = randomUUID();
  const signing = generateSigningKeyPair();
  const file = readKeySlots(ctx.keySlotsPath);
  const slot = await makeAccountSlot({
    vaultId: file.vaultId,
    accountId: id,
    name,
    role: input.role,
    passphrase: input.passphrase,
    signingKey: signing.privateKey,
    keyId: signing.keyId,
    keys: { vaultKey: ctx.vaultKey, school },
  });
  file.slots.push(slot);
  // The slot is written first: if the vault insert then fails, the orphan slot cannot sign in
  // (sign-in requires the account in the vault) and is removed again below.
  writeKeySlots(ctx.keySlotsPath, file);
  const at = ctx.now().toISOString();
  try {
    await db.transaction(async (c) => {
      await insertAccount(c, { id, name, role: input.role, at, by: ctx.session.account.id });
      await insertAccountKey(c, {
        keyId: signing.keyId,
        accountId: id,
        publicKeyPem: signing.publicKeyPem,
        at,
      });
      await certify(c, school, {
        vaultId: file.vaultId,
        accountId: id,
        name,
        role: input.role,
        keyId: signing.keyId,
        publicKeyPem: signing.publicKeyPem,
        status: 'active',
        validFrom: at,
        issuedAt: at,
        reason: 'account-created',
      });
      await appendAudit(c, {
        at,
        actorId: ctx.session.account.id,
        action: 'account-created',
        detail: { accountId: id, role: input.role },
      });
    });
  } catch (e) {
    const again = readKeySlots(ctx.keySlotsPath);
    again.slots = again.slots.filter((x) => x.type !== 'account' || x.accountId !== id);
    writeKeySlots(ctx.keySlotsPath, again);
    throw e;
  }
  return (await db.exclusive((c) => getAccount(c, id)))!;
}

/** Disabling removes the key slot and certifies the end; past signatures stay verifiable. */
export async function disableAccount(ctx: AccountContext, accountId: string): Promise<void> {
  const school = requireManager(ctx);
  const { db } = ctx;
  if (accountId === ctx.session.account.id)
    throw new CaseSealError(
      'NOT_ALLOWED',
      'You cannot disable your own account while signed in to it.',
    );
  const target = await db.exclusive((c) => getAccount(c, accountId));
  if (!target || !target.active) throw new CaseSealError('NOT_FOUND');
  const key = await currentKey(db, accountId);
  const vaultId = readKeySlots(ctx.keySlotsPath).vaultId;
  const at = ctx.now().toISOString();
  await db.transaction(async (c) => {
    if (target.role === 'dsl' && (await countActiveDsls(c)) <= 1)
      throw new CaseSealError('LAST_DSL');
    await disableAccountRow(c, accountId, at, ctx.session.account.id);
    await certify(c, school, {
      vaultId,
      accountId,
      name: target.name,
      role: target.role,
      keyId: key.keyId,
      publicKeyPem: key.publicKeyPem,
      status: 'disabled',
      validFrom: at,
      issuedAt: at,
      reason: 'disabled',
    });
    await appendAudit(c, {
      at,
      actorId: ctx.session.account.id,
      action: 'account-disabled',
      detail: { accountId },
    });
  });
  const file = readKeySlots(ctx.keySlotsPath);
  file.slots = file.slots.filter((x) => x.type !== 'account' || x.accountId !== accountId);
  writeKeySlots(ctx.keySlotsPath, file);
}

/**
 * A DSL changes someone's role. A role that must hold more keys (staff to deputy, anyone to DSL)
 * needs the person at the PC to type their own passphrase, because only it can seal the new keys
 * into their slot; a role with fewer keys has them taken out of the slot without it.
 */
export async function changeRole(
  ctx: AccountContext,
  input: { accountId: string; role: Role; passphrase?: string },
): Promise<Account> {
  const school = requireManager(ctx);
  const { db } = ctx;
  if (input.accountId === ctx.session.account.id)
    throw new CaseSealError('NOT_ALLOWED', 'Ask another DSL to change your own role.');
  const target = await db.exclusive((c) => getAccount(c, input.accountId));
  if (!target || !target.active) throw new CaseSealError('NOT_FOUND');
  if (target.role === input.role) return target;
  const file = readKeySlots(ctx.keySlotsPath);
  const slot = findSlot(file, input.accountId);
  if (!slot) throw new CaseSealError('KEYSLOTS_DAMAGED');
  const needsMore =
    (mayDecryptVault(input.role) && !slot.vaultKey) ||
    (managesAccounts(input.role) && !slot.schoolKey);
  let fresh = { ...slot, role: input.role };
  if (needsMore) {
    if (!input.passphrase)
      throw new CaseSealError(
        'BAD_INPUT',
        `${target.name} must type their own passphrase here to take on this role.`,
      );
    const opened = await openAccountSlot(file, slot, input.passphrase, {
      vaultKey: false,
      schoolKey: false,
    });
    if (!opened)
      throw new CaseSealError(
        'WRONG_PASSPHRASE',
        'That passphrase is not right for their account.',
      );
    fresh = {
      ...(await makeAccountSlot({
        vaultId: file.vaultId,
        accountId: slot.accountId,
        name: slot.name,
        role: input.role,
        passphrase: input.passphrase,
        signingKey: opened.signingKey,
        keyId: slot.keyId,
        keys: { vaultKey: ctx.vaultKey, school },
      })),
      failures: slot.failures,
    };
  } else {
    if (!mayDecryptVault(input.role)) delete fresh.vaultKey;
    if (!managesAccounts(input.role)) delete fresh.schoolKey;
  }
  const key = await currentKey(db, input.accountId);
  const at = ctx.now().toISOString();
  await db.transaction(async (c) => {
    if (target.role === 'dsl' && (await countActiveDsls(c)) <= 1)
      throw new CaseSealError('LAST_DSL');
    await setAccountRole(c, input.accountId, input.role);
    await certify(c, school, {
      vaultId: file.vaultId,
      accountId: input.accountId,
      name: target.name,
      role: input.role,
      keyId: key.keyId,
      publicKeyPem: key.publicKeyPem,
      status: 'active',
      validFrom: at,
      issuedAt: at,
      reason: 'role-changed',
    });
    await appendAudit(c, {
      at,
      actorId: ctx.session.account.id,
      action: 'account-role-changed',
      detail: { accountId: input.accountId, from: target.role, to: input.role },
    });
  });
  const again = readKeySlots(ctx.keySlotsPath);
  again.slots = again.slots.map((x) =>
    x.type === 'account' && x.accountId === input.accountId ? fresh : x,
  );
  writeKeySlots(ctx.keySlotsPath, again);
  return (await db.exclusive((c) => getAccount(c, input.accountId)))!;
}

/** Used by the recovery-key flows: a new key for an account, certified as a re-key. */
export async function certifyNewKey(
  db: Sqlite,
  school: Pick<SchoolKey, 'privateKey' | 'fingerprint'>,
  c: {
    vaultId: string;
    account: Account;
    keyId: string;
    publicKeyPem: string;
    at: string;
    reason: 're-keyed' | 'appointed-with-recovery-key';
    actorId: string | null;
  },
): Promise<void> {
  await db.transaction(async (conn) => {
    await insertAccountKey(conn, {
      keyId: c.keyId,
      accountId: c.account.id,
      publicKeyPem: c.publicKeyPem,
      at: c.at,
    });
    await certify(conn, school, {
      vaultId: c.vaultId,
      accountId: c.account.id,
      name: c.account.name,
      role: c.account.role,
      keyId: c.keyId,
      publicKeyPem: c.publicKeyPem,
      status: 'active',
      validFrom: c.at,
      issuedAt: c.at,
      reason: c.reason,
    });
  });
}
