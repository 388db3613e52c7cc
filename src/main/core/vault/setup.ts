// First-run set-up: every key is made in memory (vault key, recovery key, the DSL's signing key,
// the school key, the team's intake key) and nothing is written until the recovery key has been
// re-typed; then the vault (with the DSL's certificate) and the key-slot file are written together,
// and only our own brand-new files are removed if that fails (fail closed).
import { randomBytes, randomInt, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import type { School } from '../../../shared/settings';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { openSessionLog } from '../log/sessionLog';
import { openVaultDb } from '../../db/open';
import type { Sqlite } from '../../db/sqlite';
import { insertIntakeKey, insertSchoolKey } from '../../db/repositories/trustKeys';
import { wrap } from '../crypto/aead';
import { generateSigningKeyPair, privateKeyToDer } from '../crypto/ed25519';
import { appendAudit } from '../audit/auditLog';
import { insertAccount, insertAccountKey } from '../../db/repositories/accounts';
import { certify } from '../accounts/certify';
import { makeAccountSlot } from '../accounts/keySlot';
import { generateSchoolKey, type SchoolKey } from '../accounts/schoolKey';
import {
  generateIntakeKey,
  intakePrivateToDer,
  signIntakeKey,
  type IntakeKeyPair,
} from '../intake/intakeKey';
import { writeSettings } from '../../db/repositories/settings';
import {
  aadFor,
  writeKeySlots,
  KEYSLOT_FORMAT,
  KEYSLOT_VERSION,
  type KeySlotFile,
  type RecoverySlot,
} from './keySlots';
import type { VaultPaths } from './paths';
import {
  encodeRecoveryKey,
  generateRecoveryKey,
  RECOVERY_GROUPS,
  recoveryWrapKey,
} from './recoveryKey';

export interface PendingSetup {
  school: School;
  dslName: string;
  dslId: string;
  vaultKey: Buffer;
  recovery: Buffer;
  recoveryText: string;
  confirmGroups: number[];
  slotFile: KeySlotFile;
  signing: { keyId: string; publicKeyPem: string; privateKey: KeyObject };
  schoolKey: SchoolKey;
  intake: IntakeKeyPair;
  expiresAt: number;
}

/** The recovery slot: the vault key and the school key, wrapped under the recovery key. */
export function makeRecoverySlot(
  vaultId: string,
  recovery: Buffer,
  vaultKey: Buffer,
  school: SchoolKey | null,
  at: string,
): RecoverySlot {
  const salt = randomBytes(16).toString('base64');
  const key = recoveryWrapKey(recovery, salt);
  try {
    return {
      type: 'recovery',
      kdf: { name: 'hkdf-sha256', salt },
      vaultKey: wrap(key, vaultKey, aadFor(vaultId, 'recovery', 'vault-key')),
      ...(school
        ? {
            schoolKey: wrap(
              key,
              privateKeyToDer(school.privateKey),
              aadFor(vaultId, 'recovery', 'school-key'),
            ),
            trust: wrap(
              key,
              Buffer.from(school.fingerprint, 'hex'),
              aadFor(vaultId, 'recovery', 'school-trust'),
            ),
          }
        : {}),
      createdAt: at,
    };
  } finally {
    key.fill(0);
  }
}

export async function prepareSetup(
  input: { school: School; dsl: { fullName: string; passphrase: string } },
  now: Date,
): Promise<PendingSetup> {
  const vaultKey = randomBytes(32);
  const recovery = generateRecoveryKey();
  const vaultId = randomUUID();
  const dslId = randomUUID();
  const signing = generateSigningKeyPair();
  const schoolKey = generateSchoolKey();
  const intake = generateIntakeKey();
  const at = now.toISOString();
  const dslName = input.dsl.fullName.trim();
  const slotFile: KeySlotFile = {
    format: KEYSLOT_FORMAT,
    version: KEYSLOT_VERSION,
    vaultId,
    createdAt: at,
    schoolKey: { publicKeyPem: schoolKey.publicKeyPem, fingerprint: schoolKey.fingerprint },
    intakeKey: {
      publicKeyPem: intake.publicKeyPem,
      keyId: intake.keyId,
      createdAt: at,
      signature: signIntakeKey(schoolKey.privateKey, {
        vaultId,
        keyId: intake.keyId,
        publicKeyPem: intake.publicKeyPem,
        createdAt: at,
      }),
    },
    slots: [
      await makeAccountSlot({
        vaultId,
        accountId: dslId,
        name: dslName,
        role: 'dsl',
        passphrase: input.dsl.passphrase,
        signingKey: signing.privateKey,
        keyId: signing.keyId,
        keys: { vaultKey, school: schoolKey },
      }),
      makeRecoverySlot(vaultId, recovery, vaultKey, schoolKey, at),
    ],
  };
  // Ask for two groups, chosen at random, so that the whole key must have been written down.
  const first = randomInt(0, RECOVERY_GROUPS);
  let second = randomInt(0, RECOVERY_GROUPS - 1);
  if (second >= first) second += 1;
  return {
    school: input.school,
    dslName,
    dslId,
    vaultKey,
    recovery,
    recoveryText: encodeRecoveryKey(recovery),
    confirmGroups: [first, second].sort((a, b) => a - b),
    slotFile,
    signing,
    schoolKey,
    intake,
    expiresAt: Date.now() + 30 * 60_000,
  };
}

export async function writeNewVault(
  paths: VaultPaths,
  p: PendingSetup,
  at: string,
): Promise<Sqlite> {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const db = await openVaultDb(paths.db, p.vaultKey, { create: true });
  try {
    // Audit entries are signed from the first one: the DSL's key, and the vault's system key.
    await openSessionLog(db, {
      vaultKey: p.vaultKey,
      vaultId: p.slotFile.vaultId,
      session: { accountId: p.dslId, keyId: p.signing.keyId, privateKey: p.signing.privateKey },
      at,
    });
    await db.transaction(async (c) => {
      await writeSettings(c, { ...DEFAULT_SETTINGS, school: p.school });
      await insertAccount(c, { id: p.dslId, name: p.dslName, role: 'dsl', at, by: null });
      await insertAccountKey(c, {
        keyId: p.signing.keyId,
        accountId: p.dslId,
        publicKeyPem: p.signing.publicKeyPem,
        at,
      });
      await insertSchoolKey(c, {
        fingerprint: p.schoolKey.fingerprint,
        publicKeyPem: p.schoolKey.publicKeyPem,
        createdAt: at,
      });
      await certify(c, p.schoolKey, {
        vaultId: p.slotFile.vaultId,
        accountId: p.dslId,
        name: p.dslName,
        role: 'dsl',
        keyId: p.signing.keyId,
        publicKeyPem: p.signing.publicKeyPem,
        status: 'active',
        validFrom: at,
        issuedAt: at,
        reason: 'set-up',
      });
      await insertIntakeKey(c, {
        keyId: p.intake.keyId,
        publicKeyPem: p.intake.publicKeyPem,
        privateKeyDer: intakePrivateToDer(p.intake.privateKey),
        createdAt: at,
      });
      await appendAudit(c, {
        at,
        actorId: p.dslId,
        action: 'setup',
        detail: { urn: p.school.urn, schoolKey: p.schoolKey.fingerprint },
      });
      await appendAudit(c, {
        at,
        actorId: p.dslId,
        action: 'account-created',
        detail: { accountId: p.dslId, role: 'dsl' },
      });
    });
    writeKeySlots(paths.keySlots, p.slotFile);
  } catch (e) {
    // Only our own brand-new files are removed: an existing vault is never touched.
    await db.close().catch(() => undefined);
    for (const f of [paths.db, `${paths.db}-wal`, `${paths.db}-shm`, paths.keySlots]) {
      try {
        if (existsSync(f)) unlinkSync(f);
      } catch {
        /* best effort */
      }
    }
    throw e;
  }
  return db;
}
