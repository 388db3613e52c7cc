// Shared set-up of the fast trust-model tests: a copy of the ONE golden vault (four accounts, built
// once per checkout: tests/helpers/goldenBundle.ts), opened with SQL by an insider holding the DSL's
// vault key, and the school key taken from the DSL's own key slot (the power a DSL has by design),
// so that a test can issue genuine certificates or forge records as the attack needs.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterEach } from 'vitest';
import { openVaultDb } from '../../../src/main/db/open';
import type { Sqlite } from '../../../src/main/db/sqlite';
import { vaultPathsIn, type VaultPaths } from '../../../src/main/core/vault/paths';
import {
  aadFor,
  accountSlots,
  readKeySlots,
  writeKeySlots,
  type AccountSlot,
  type KeySlotFile,
} from '../../../src/main/core/vault/keySlots';
import {
  keyIdOf,
  privateKeyFromDer,
  publicKeyFromPrivate,
} from '../../../src/main/core/crypto/ed25519';
import { deriveKey } from '../../../src/main/core/crypto/kdf';
import { unwrap } from '../../../src/main/core/crypto/aead';
import { openAccountSlot, type OpenedSlot } from '../../../src/main/core/accounts/keySlot';
import { loadCertificateBook, type SchoolKey } from '../../../src/main/core/accounts/schoolKey';
import type { CertificateBook } from '../../../src/main/core/accounts/certificates';
import type { Session } from '../../../src/main/core/identity/session';
import type { Account } from '../../../src/main/db/repositories/accounts';
import { getAccount } from '../../../src/main/db/repositories/accounts';
import { closeSessionLog, openSessionLog } from '../../../src/main/core/log/sessionLog';
import { goldenVault, type GoldenBundle } from '../../helpers/goldenBundle';
import { PASSPHRASES } from '../../helpers/vault';

export const NOW = new Date('2026-11-24T09:00:00.000Z');
export const NAMES = {
  dsl: 'Quentin Marlowe-Dsl',
  deputy: 'Devika Deputy-Lead',
  slt: 'Barnaby Headworth',
  staff: 'Imogen Staffwell',
} as const;

export const APPEND_ONLY = [
  'records_no_update',
  'records_no_delete',
  'audit_no_update',
  'audit_no_delete',
  'log_checkpoints_no_update',
  'log_checkpoints_no_delete',
  'certificates_no_update',
  'certificates_no_delete',
];

export interface Pair {
  privateKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

/** A key the insider makes themselves (never certified by the school key). */
export function rogueKey(): Pair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKeyFromPrivate(privateKey);
  return { privateKey, publicKeyPem, keyId: keyIdOf(publicKeyPem) };
}

let schoolKeyOnce: Promise<SchoolKey> | undefined;

/**
 * The school key from the golden DSL's slot, unwrapped once per process with the crypto helpers
 * directly (not through accounts/keySlot.ts, the code under test: a value cached while a planted
 * bug was active would leak into the next run).
 */
function goldenSchoolKey(file: KeySlotFile, dsl: AccountSlot): Promise<SchoolKey> {
  schoolKeyOnce ??= (async () => {
    const kek = await deriveKey(PASSPHRASES.dsl, dsl.kdf);
    const der = unwrap(
      kek,
      dsl.schoolKey!,
      aadFor(file.vaultId, { accountId: dsl.accountId }, 'school-key'),
    )!;
    const privateKey = privateKeyFromDer(der);
    const publicKeyPem = publicKeyFromPrivate(privateKey);
    return { privateKey, publicKeyPem, fingerprint: keyIdOf(publicKeyPem) };
  })();
  return schoolKeyOnce;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export interface AccountsWorld extends GoldenBundle {
  dir: string;
  paths: VaultPaths;
  db: Sqlite;
  file: KeySlotFile;
  school: SchoolKey;
  slotOf(accountId: string, f?: KeySlotFile): AccountSlot;
  /** The insider's edit of one account's slot, written back to the key-slot file. */
  editSlot(accountId: string, change: (slot: AccountSlot) => AccountSlot): void;
  /** The account's slot as it is now on disk, opened with `passphrase` as sign-in opens it. */
  openSlot(accountId: string, passphrase: string): Promise<OpenedSlot>;
  book(): Promise<CertificateBook>;
  account(id: string): Promise<Account>;
  session(role: keyof typeof NAMES, key?: KeyObject): Promise<Session>;
}

/** A fresh copy of the golden vault, opened; `tamper` drops the append-only triggers. */
export async function accountsWorld(opts: { tamper?: boolean } = {}): Promise<AccountsWorld> {
  const v = await goldenVault();
  const paths = vaultPathsIn(v.dir);
  const db = await openVaultDb(paths.db, v.vaultKey, { create: false, migrate: false });
  cleanups.push(() => v.remove());
  cleanups.push(() => db.close().catch(() => undefined));
  if (opts.tamper) {
    for (const t of APPEND_ONLY) await db.exec(`DROP TRIGGER IF EXISTS ${t}`);
    await db.exec('PRAGMA foreign_keys = OFF');
  }
  const file = readKeySlots(paths.keySlots);
  // Signed in as the DSL: what the services append to the audit trail is signed with the DSL's key.
  await openSessionLog(db, {
    vaultKey: v.vaultKey,
    vaultId: file.vaultId,
    session: {
      accountId: v.ids.dsl,
      keyId: accountSlots(file).find((s) => s.accountId === v.ids.dsl)!.keyId,
      privateKey: v.dslKey,
    },
    at: NOW.toISOString(),
  });
  cleanups.push(() => closeSessionLog(db));
  const slotOf = (id: string, f: KeySlotFile = readKeySlots(paths.keySlots)) =>
    accountSlots(f).find((s) => s.accountId === id)!;
  const school = await goldenSchoolKey(file, slotOf(v.ids.dsl, file));
  const editSlot = (id: string, change: (slot: AccountSlot) => AccountSlot) => {
    const f = readKeySlots(paths.keySlots);
    f.slots = f.slots.map((s) => (s.type === 'account' && s.accountId === id ? change(s) : s));
    writeKeySlots(paths.keySlots, f);
  };
  const openSlot = async (id: string, passphrase: string) => {
    const f = readKeySlots(paths.keySlots);
    const opened = await openAccountSlot(f, slotOf(id, f), passphrase);
    if (opened === null) throw new Error(`the slot of ${id} did not open with that passphrase`);
    return opened;
  };
  const keys: Record<string, KeyObject> = {
    dsl: v.dslKey,
    slt: v.sltKey,
    staff: v.staffKey,
  };
  const account = async (id: string) => (await db.exclusive((c) => getAccount(c, id)))!;
  return {
    ...v,
    paths,
    db,
    file,
    school,
    slotOf,
    editSlot,
    openSlot,
    account,
    book: async () => {
      const t = await db.exclusive((c) => loadCertificateBook(c, school.fingerprint));
      if (!t.ok) throw new Error(t.message);
      return t.book;
    },
    session: async (role, key) => {
      const privateKey = key ?? keys[role]!;
      return {
        account: await account(v.ids[role]),
        privateKey,
        keyId: keyIdOf(publicKeyFromPrivate(privateKey)),
        signedInAt: NOW.toISOString(),
        lastActivity: 0,
        integrity: null,
        vaultOpen: role !== 'staff',
        trustedSchool: school.fingerprint,
        certificates: null,
        trustProblem: null,
      };
    },
  };
}
