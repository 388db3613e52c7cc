// Makes and keeps the trust keys in place at a DSL's sign-in. For a vault made by the first release
// (key-slot file version 1: every slot wraps the vault key, no school key, no certificates) this is
// the upgrade: make the school key, certify every existing account key as of its creation time
// ("certified at upgrade", audited), make the intake key, and rewrite staff slots without the vault
// key. Written vault first, key-slot file second, and safe to run again after a crash at any point.
import type { KeyObject } from 'node:crypto';
import { mayDecryptVault } from '../../../shared/roles';
import type { Sqlite } from '../../db/sqlite';
import {
  insertIntakeKey,
  insertSchoolKey,
  listSchoolKeys,
  getIntakeKey,
} from '../../db/repositories/trustKeys';
import { appendAudit } from '../audit/auditLog';
import { listAccounts, listPublicKeys, type Account } from '../../db/repositories/accounts';
import { certify } from './certify';
import { generateSchoolKey, type SchoolKey } from './schoolKey';
import { makeAccountSlot } from './keySlot';
import { keyIdOf, publicKeyFromPrivate } from '../crypto/ed25519';
import {
  generateIntakeKey,
  intakePrivateToDer,
  signIntakeKey,
  type IntakeKeyPair,
} from '../intake/intakeKey';
import { KEYSLOT_VERSION, readKeySlots, writeKeySlots, type KeySlotFile } from '../vault/keySlots';

export interface TrustSetupInput {
  db: Sqlite;
  keySlotsPath: string;
  now: () => Date;
  dsl: Account;
  passphrase: string;
  signingKey: KeyObject;
  keyId: string;
  vaultKey: Buffer;
  /** The school key from the DSL's own slot, when it holds one. */
  schoolKey: KeyObject | null;
}

export interface TrustSetupResult {
  school: SchoolKey | null;
  upgraded: boolean;
}

export async function ensureTrust(input: TrustSetupInput): Promise<TrustSetupResult> {
  const file = readKeySlots(input.keySlotsPath);
  const at = input.now().toISOString();
  let school: SchoolKey | null = input.schoolKey
    ? {
        privateKey: input.schoolKey,
        publicKeyPem: publicKeyFromPrivate(input.schoolKey),
        fingerprint: keyIdOf(publicKeyFromPrivate(input.schoolKey)),
      }
    : null;
  // The upgrade runs only while no key-slot file names a school key: a school key that exists in
  // the vault but not in the file is one whose making was interrupted before the file was written.
  const upgrading = !school && !file.schoolKey;
  if (!school && !upgrading) return { school: null, upgraded: false };
  if (upgrading) school = generateSchoolKey();
  const s = school!;
  const accounts = await input.db.exclusive((c) => listAccounts(c));
  const intake = await input.db.exclusive(async (c) =>
    file.intakeKey && (await getIntakeKey(c, file.intakeKey.keyId)) ? null : generateIntakeKey(),
  );
  if (!upgrading && !intake) {
    const present = await input.db.exclusive((c) => listSchoolKeys(c));
    if (present.some((k) => k.fingerprint === s.fingerprint)) return { school: s, upgraded: false };
  }
  await input.db.transaction(async (c) => {
    if (upgrading || !(await listSchoolKeys(c)).some((k) => k.fingerprint === s.fingerprint))
      await insertSchoolKey(c, {
        fingerprint: s.fingerprint,
        publicKeyPem: s.publicKeyPem,
        createdAt: at,
      });
    if (upgrading) await certifyExisting(c, s, file.vaultId, accounts, at);
    if (intake)
      await insertIntakeKey(c, {
        keyId: intake.keyId,
        publicKeyPem: intake.publicKeyPem,
        privateKeyDer: intakePrivateToDer(intake.privateKey),
        createdAt: at,
      });
    if (upgrading)
      await appendAudit(c, {
        at,
        actorId: input.dsl.id,
        action: 'trust-upgraded',
        detail: {
          schoolKey: s.fingerprint,
          accountsCertified: accounts.length,
          staffSlotsWithoutVaultKey: accounts.filter((a) => !mayDecryptVault(a.role)).length,
        },
      });
  });
  await rewriteSlots(input, file, s, intake, accounts, at);
  return { school: s, upgraded: upgrading };
}

/** Each account key, as of its creation time; a disabled account also gets its disabling. */
async function certifyExisting(
  c: Parameters<Parameters<Sqlite['transaction']>[0]>[0],
  s: SchoolKey,
  vaultId: string,
  accounts: Account[],
  at: string,
): Promise<void> {
  const keys = await listPublicKeys(c);
  for (const a of accounts) {
    const own = keys.filter((k) => k.accountId === a.id);
    const base = { vaultId, accountId: a.id, name: a.name, role: a.role, issuedAt: at };
    for (const k of own)
      await certify(c, s, {
        ...base,
        keyId: k.keyId,
        publicKeyPem: k.publicKeyPem,
        status: 'active',
        validFrom: k === own[0] && a.createdAt < k.createdAt ? a.createdAt : k.createdAt,
        reason: 'certified-at-upgrade',
      });
    const last = own.at(-1);
    if (!a.active && a.disabledAt && last)
      await certify(c, s, {
        ...base,
        keyId: last.keyId,
        publicKeyPem: last.publicKeyPem,
        status: 'disabled',
        validFrom: a.disabledAt,
        reason: 'certified-at-upgrade',
      });
  }
}

async function rewriteSlots(
  input: TrustSetupInput,
  file: KeySlotFile,
  s: SchoolKey,
  intake: IntakeKeyPair | null,
  accounts: Account[],
  at: string,
): Promise<void> {
  const roles = new Map(accounts.map((a) => [a.id, a.role]));
  const own = await makeAccountSlot({
    vaultId: file.vaultId,
    accountId: input.dsl.id,
    name: input.dsl.name,
    role: input.dsl.role,
    passphrase: input.passphrase,
    signingKey: input.signingKey,
    keyId: input.keyId,
    keys: { vaultKey: input.vaultKey, school: s },
  });
  const fresh = readKeySlots(input.keySlotsPath);
  fresh.version = KEYSLOT_VERSION;
  fresh.schoolKey = { publicKeyPem: s.publicKeyPem, fingerprint: s.fingerprint };
  if (intake)
    fresh.intakeKey = {
      publicKeyPem: intake.publicKeyPem,
      keyId: intake.keyId,
      createdAt: at,
      signature: signIntakeKey(s.privateKey, {
        vaultId: file.vaultId,
        keyId: intake.keyId,
        publicKeyPem: intake.publicKeyPem,
        createdAt: at,
      }),
    };
  fresh.slots = fresh.slots.map((x) => {
    if (x.type !== 'account') return x;
    if (x.accountId === input.dsl.id) return { ...own, failures: x.failures };
    // Least privilege: the vault key is taken out of the slot of anyone who must not read cases.
    const role = roles.get(x.accountId) ?? x.role;
    if (!mayDecryptVault(role)) {
      const { vaultKey: _dropped, ...rest } = x;
      return rest;
    }
    return x;
  });
  writeKeySlots(input.keySlotsPath, fresh);
}
