// The application core: set-up, sign-in, lock, accounts and settings over the encrypted vault.
// Plain Node (no Electron): the Electron glue injects the vault folder, the clock and events, and
// tests drive this class directly (architecture.md rule 2).
import { randomBytes, randomUUID, randomInt, type KeyObject } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { CaseSealError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { isSafeguardingTeam } from '../../../shared/roles';
import { checkPassphrase } from '../../../shared/passphrasePolicy';
import type { School, Settings } from '../../../shared/settings';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../shared/settings';
import type { Signer } from '../../../shared/records/envelope';
import type { Sqlite } from '../../db/sqlite';
import { openVaultDb } from '../../db/open';
import { wrap, unwrap } from '../crypto/aead';
import { deriveKey, newScryptParams } from '../crypto/kdf';
import {
  generateSigningKeyPair,
  privateKeyFromDer,
  privateKeyToDer,
  publicKeyFromPrivate,
  keyIdOf,
} from '../crypto/ed25519';
import { vaultPathsIn, type VaultPaths } from '../vault/paths';
import {
  aadFor,
  accountSlots,
  readKeySlots,
  recoverySlotOf,
  writeKeySlots,
  KEYSLOT_FORMAT,
  KEYSLOT_VERSION,
  type AccountSlot,
  type KeySlotFile,
} from '../vault/keySlots';
import {
  decodeRecoveryKey,
  encodeRecoveryKey,
  generateRecoveryKey,
  normaliseGroup,
  recoveryGroups,
  recoveryWrapKey,
  RECOVERY_GROUPS,
} from '../vault/recoveryKey';
import { retryAfterMs, FREE_ATTEMPTS } from '../identity/lockout';
import {
  appendAudit,
  listAudit,
  type AuditAction,
  type AuditEntry,
  type AuditFilter,
} from '../audit/auditLog';
import {
  countActiveDsls,
  disableAccount,
  getAccount,
  insertAccount,
  insertAccountKey,
  listAccounts,
  type Account,
} from '../accounts/accountStore';
import { readSettings, writeSettings } from '../settings/settingsStore';
import { checkIntegrity, recordCheckpoint, type IntegrityReport } from '../log/integrity';
import { Mutex } from './mutex';
import { join } from 'node:path';
import { BackupService } from '../backup/backupService';

export type LockReason = 'manual' | 'idle' | 'sleep' | 'screen-lock' | 'quit' | 'restore';

export type CoreEvent =
  | { type: 'locked'; reason: LockReason }
  | { type: 'integrity-alarm'; problems: number }
  | { type: 'progress'; task: string; done: number; total: number };

export interface CoreOptions {
  vaultDir: string;
  clock?: () => Date;
  /** Overrides the idle-lock setting (tests use a few seconds). */
  idleLockMs?: number;
  /** How often the idle timer looks at the clock. */
  idleCheckMs?: number;
  /** The built backup worker (default: beside the main bundle, out/main/backupWorker.js). */
  backupWorkerPath?: string;
}

export interface Session {
  account: Account;
  privateKey: KeyObject;
  keyId: string;
  signedInAt: string;
  lastActivity: number;
  integrity: IntegrityReport | null;
}

interface PendingSetup {
  school: School;
  dslName: string;
  dslId: string;
  vaultKey: Buffer;
  recovery: Buffer;
  recoveryText: string;
  confirmGroups: number[];
  slotFile: KeySlotFile;
  signing: { keyId: string; publicKeyPem: string };
  expiresAt: number;
}

export type VaultState = 'needs-setup' | 'locked' | 'unlocked' | 'damaged';

export interface PickerAccount {
  id: string;
  name: string;
  role: Role;
  retryAfterSeconds: number;
}

export class CaseSealCore {
  readonly paths: VaultPaths;
  readonly clock: () => Date;
  private db: Sqlite | null = null;
  private vaultKey: Buffer | null = null;
  private session: Session | null = null;
  private pending: PendingSetup | null = null;
  private readonly mutex = new Mutex();
  private readonly listeners = new Set<(e: CoreEvent) => void>();
  private idleTimer: NodeJS.Timeout | null = null;
  private idleLockMs: number;
  private readonly idleOverride: number | undefined;
  private readonly idleCheckMs: number;
  /** Backups and restore; it sees the vault key only through this closure. */
  readonly backups: BackupService;

  constructor(opts: CoreOptions) {
    this.backups = new BackupService(this, () => this.vaultKey, {
      workerPath: opts.backupWorkerPath ?? join(__dirname, 'backupWorker.js'),
    });
    this.paths = vaultPathsIn(opts.vaultDir);
    this.clock = opts.clock ?? (() => new Date());
    this.idleOverride = opts.idleLockMs;
    this.idleLockMs = opts.idleLockMs ?? DEFAULT_SETTINGS.idleLockMinutes * 60_000;
    this.idleCheckMs = opts.idleCheckMs ?? 1000;
  }

  // ---------------------------------------------------------------- events and state

  onEvent(listener: (e: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: CoreEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        /* a listener's failure must not break the core */
      }
    }
  }

  private now(): Date {
    return this.clock();
  }

  vaultState(): { state: VaultState; message?: string } {
    if (this.session) return { state: 'unlocked' };
    const hasDb = existsSync(this.paths.db);
    const hasSlots = existsSync(this.paths.keySlots);
    if (!hasDb && !hasSlots) return { state: 'needs-setup' };
    if (hasDb && !hasSlots) {
      return {
        state: 'damaged',
        message:
          'The key-slot file beside the vault is missing. The vault has not been changed. Restore both files from the same backup, or ask school IT for help.',
      };
    }
    if (!hasDb && hasSlots) {
      return {
        state: 'damaged',
        message:
          'The case vault file is missing but its key-slot file is present. Nothing has been changed. Restore the vault file from a backup copy.',
      };
    }
    try {
      readKeySlots(this.paths.keySlots);
    } catch (e) {
      return {
        state: 'damaged',
        message: e instanceof CaseSealError ? e.message : 'The key-slot file could not be read.',
      };
    }
    return { state: 'locked' };
  }

  /** Names for the sign-in picker (from the key-slot file: nothing else is readable while locked). */
  pickerAccounts(): PickerAccount[] {
    if (this.vaultState().state === 'needs-setup') return [];
    const file = readKeySlots(this.paths.keySlots);
    const now = this.now();
    return accountSlots(file)
      .map((s) => ({
        id: s.accountId,
        name: s.name,
        role: s.role,
        retryAfterSeconds: Math.ceil(retryAfterMs(s.failures, now) / 1000),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  currentSession(): Session | null {
    return this.session;
  }

  requireSession(): Session {
    if (!this.session || !this.db) throw new CaseSealError('NOT_SIGNED_IN');
    return this.session;
  }

  requireDb(): Sqlite {
    if (!this.db || !this.session) throw new CaseSealError('NOT_SIGNED_IN');
    return this.db;
  }

  signerOf(s: Session): Signer {
    return { accountId: s.account.id, name: s.account.name, role: s.account.role, keyId: s.keyId };
  }

  async audit(
    action: AuditAction,
    fields: {
      caseId?: string | null;
      recordId?: string | null;
      detail?: Record<string, unknown>;
    } = {},
    actorId?: string | null,
  ): Promise<AuditEntry> {
    const db = this.requireDb();
    return db.exclusive((c) =>
      appendAudit(c, {
        at: this.now().toISOString(),
        actorId: actorId === undefined ? (this.session?.account.id ?? null) : actorId,
        action,
        ...fields,
      }),
    );
  }

  // ---------------------------------------------------------------- set-up (issue 2, "First run")

  /**
   * Step 1: check everything and prepare the keys in memory only. Nothing is written until the
   * recovery key has been re-typed (step 2), so an abandoned set-up leaves no vault behind.
   */
  beginSetup(input: {
    school: School;
    dsl: { fullName: string; passphrase: string };
  }): Promise<{ recoveryKey: string; confirmGroups: number[] }> {
    return this.mutex.run(async () => {
      if (this.vaultState().state !== 'needs-setup') throw new CaseSealError('ALREADY_SET_UP');
      const strength = checkPassphrase(input.dsl.passphrase, [
        input.dsl.fullName,
        input.school.name,
      ]);
      if (!strength.ok) throw new CaseSealError('WEAK_PASSPHRASE', `${strength.feedback}`);
      this.dropPending();
      const vaultKey = randomBytes(32);
      const recovery = generateRecoveryKey();
      const recoveryText = encodeRecoveryKey(recovery);
      const vaultId = randomUUID();
      const dslId = randomUUID();
      const signing = generateSigningKeyPair();
      const kdf = newScryptParams();
      const kek = await deriveKey(input.dsl.passphrase, kdf);
      const recoverySalt = randomBytes(16).toString('base64');
      const slotFile: KeySlotFile = {
        format: KEYSLOT_FORMAT,
        version: KEYSLOT_VERSION,
        vaultId,
        createdAt: this.now().toISOString(),
        slots: [
          {
            type: 'account',
            accountId: dslId,
            name: input.dsl.fullName.trim(),
            role: 'dsl',
            keyId: signing.keyId,
            kdf,
            vaultKey: wrap(kek, vaultKey, aadFor(vaultId, { accountId: dslId }, 'vault-key')),
            signingKey: wrap(
              kek,
              privateKeyToDer(signing.privateKey),
              aadFor(vaultId, { accountId: dslId }, 'signing-key'),
            ),
            failures: { count: 0, lastFailureAt: null, unaudited: [] },
          },
          {
            type: 'recovery',
            kdf: { name: 'hkdf-sha256', salt: recoverySalt },
            vaultKey: wrap(
              recoveryWrapKey(recovery, recoverySalt),
              vaultKey,
              aadFor(vaultId, 'recovery', 'vault-key'),
            ),
            createdAt: this.now().toISOString(),
          },
        ],
      };
      kek.fill(0);
      // Ask for two groups, chosen at random, so that the whole key must have been written down.
      const first = randomInt(0, RECOVERY_GROUPS);
      let second = randomInt(0, RECOVERY_GROUPS - 1);
      if (second >= first) second += 1;
      this.pending = {
        school: input.school,
        dslName: input.dsl.fullName.trim(),
        dslId,
        vaultKey,
        recovery,
        recoveryText,
        confirmGroups: [first, second].sort((a, b) => a - b),
        slotFile,
        signing: { keyId: signing.keyId, publicKeyPem: signing.publicKeyPem },
        expiresAt: Date.now() + 30 * 60_000,
      };
      this.pendingPrivateKey = signing.privateKey;
      return { recoveryKey: recoveryText, confirmGroups: this.pending.confirmGroups };
    });
  }

  private pendingPrivateKey: KeyObject | null = null;

  private dropPending(): void {
    if (this.pending) {
      this.pending.vaultKey.fill(0);
      this.pending.recovery.fill(0);
    }
    this.pending = null;
    this.pendingPrivateKey = null;
  }

  cancelSetup(): void {
    this.dropPending();
  }

  /** Step 2: the groups re-typed match, so write the vault and the key slots, and sign in. */
  confirmSetup(input: { groups: Record<string, string> }): Promise<void> {
    return this.mutex.run(async () => {
      const p = this.pending;
      if (!p || Date.now() > p.expiresAt || !this.pendingPrivateKey) {
        this.dropPending();
        throw new CaseSealError('SETUP_NOT_STARTED');
      }
      const groups = recoveryGroups(p.recoveryText);
      for (const i of p.confirmGroups) {
        const typed = input.groups[String(i)] ?? '';
        if (normaliseGroup(typed) !== groups[i]) throw new CaseSealError('RECOVERY_MISMATCH');
      }
      if (this.vaultState().state !== 'needs-setup') throw new CaseSealError('ALREADY_SET_UP');
      mkdirSync(this.paths.dir, { recursive: true, mode: 0o700 });
      const db = await openVaultDb(this.paths.db, p.vaultKey, { create: true });
      const at = this.now().toISOString();
      try {
        await db.transaction(async (c) => {
          await writeSettings(c, { ...DEFAULT_SETTINGS, school: p.school });
          await insertAccount(c, { id: p.dslId, name: p.dslName, role: 'dsl', at, by: null });
          await insertAccountKey(c, {
            keyId: p.signing.keyId,
            accountId: p.dslId,
            publicKeyPem: p.signing.publicKeyPem,
            at,
          });
          await appendAudit(c, {
            at,
            actorId: p.dslId,
            action: 'setup',
            detail: { urn: p.school.urn },
          });
          await appendAudit(c, {
            at,
            actorId: p.dslId,
            action: 'account-created',
            detail: { accountId: p.dslId, role: 'dsl' },
          });
        });
        writeKeySlots(this.paths.keySlots, p.slotFile);
      } catch (e) {
        // Only our own brand-new files are removed: an existing vault is never touched.
        await db.close().catch(() => undefined);
        for (const f of [
          this.paths.db,
          `${this.paths.db}-wal`,
          `${this.paths.db}-shm`,
          this.paths.keySlots,
        ]) {
          try {
            if (existsSync(f)) unlinkSync(f);
          } catch {
            /* best effort */
          }
        }
        throw e;
      }
      const account = (await db.exclusive((c) => getAccount(c, p.dslId)))!;
      this.db = db;
      this.vaultKey = Buffer.from(p.vaultKey);
      this.session = {
        account,
        privateKey: this.pendingPrivateKey,
        keyId: p.signing.keyId,
        signedInAt: at,
        lastActivity: Date.now(),
        integrity: null,
      };
      this.dropPending();
      await this.audit('sign-in', { detail: { via: 'setup' } });
      await this.applySettings();
      await this.backups.sessionStarted();
    });
  }

  // ---------------------------------------------------------------- sign-in and lock

  signIn(accountId: string, passphrase: string): Promise<Session> {
    return this.mutex.run(async () => {
      if (this.session) await this.lockNow('manual');
      const file = readKeySlots(this.paths.keySlots);
      const slot = accountSlots(file).find((s) => s.accountId === accountId);
      if (!slot)
        throw new CaseSealError(
          'ACCOUNT_DISABLED',
          'This account cannot sign in: it does not exist or has been disabled. Ask your DSL.',
        );
      const wait = retryAfterMs(slot.failures, this.now());
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new CaseSealError(
          'LOCKED_OUT',
          `Too many wrong passphrases for this account. Try again in ${formatWait(seconds)}.`,
          { retryAfterSeconds: seconds },
        );
      }
      const kek = await deriveKey(passphrase, slot.kdf);
      const vaultKey = unwrap(kek, slot.vaultKey, aadFor(file.vaultId, { accountId }, 'vault-key'));
      const keyDer = vaultKey
        ? unwrap(kek, slot.signingKey, aadFor(file.vaultId, { accountId }, 'signing-key'))
        : null;
      kek.fill(0);
      if (!vaultKey || !keyDer) {
        vaultKey?.fill(0);
        const failures = this.recordFailure(accountId);
        const left = FREE_ATTEMPTS - failures.count;
        const wait2 = Math.ceil(retryAfterMs(failures, this.now()) / 1000);
        throw new CaseSealError(
          'WRONG_PASSPHRASE',
          left > 0
            ? `That passphrase is not right for this account. ${left} more ${left === 1 ? 'try' : 'tries'} before CaseSeal makes you wait.`
            : `That passphrase is not right for this account. Wait ${formatWait(wait2)} before trying again.`,
          { retryAfterSeconds: wait2, attemptsLeft: Math.max(0, left) },
        );
      }
      const privateKey = privateKeyFromDer(keyDer);
      keyDer.fill(0);
      const db = await openVaultDb(this.paths.db, vaultKey, { create: false });
      try {
        const account = await db.exclusive((c) => getAccount(c, accountId));
        if (!account || !account.active) throw new CaseSealError('ACCOUNT_DISABLED');
        if (keyIdOf(publicKeyFromPrivate(privateKey)) !== slot.keyId)
          throw new CaseSealError('KEYSLOTS_DAMAGED');
        // Failed attempts made while locked are written to the audit trail now (issue 2).
        const fresh = readKeySlots(this.paths.keySlots);
        const at = this.now().toISOString();
        await db.transaction(async (c) => {
          for (const s of accountSlots(fresh)) {
            for (const when of s.failures.unaudited) {
              await appendAudit(c, {
                at: when,
                actorId: s.accountId,
                action: 'sign-in-failed',
                detail: { recordedAt: at },
              });
            }
          }
          await appendAudit(c, { at, actorId: accountId, action: 'sign-in', detail: {} });
        });
        for (const s of accountSlots(fresh)) {
          s.failures.unaudited = [];
          if (s.accountId === accountId)
            s.failures = { count: 0, lastFailureAt: null, unaudited: [] };
        }
        writeKeySlots(this.paths.keySlots, fresh);
        this.db = db;
        this.vaultKey = vaultKey;
        this.session = {
          account,
          privateKey,
          keyId: slot.keyId,
          signedInAt: at,
          lastActivity: Date.now(),
          integrity: null,
        };
      } catch (e) {
        await db.close().catch(() => undefined);
        vaultKey.fill(0);
        throw e;
      }
      try {
        await this.applySettings();
        await this.runSignInIntegrityCheck();
        // A restore is signed for by the first person to sign in after it (never silent).
        await this.backups.sessionStarted();
      } catch (e) {
        // A vault that cannot be read through is closed again: fail closed, say what happened.
        await this.lockNow('manual');
        throw e;
      }
      return this.session!;
    });
  }

  /**
   * A second person at the same PC proves who they are with their own passphrase (countersigning,
   * R5). Their signing key is unwrapped for this one signature and then dropped. Wrong passphrases
   * count towards their own lockout, exactly as at sign-in.
   */
  authenticateOther(
    accountId: string,
    passphrase: string,
  ): Promise<{ account: Account; privateKey: KeyObject; keyId: string }> {
    return this.mutex.run(async () => {
      const db = this.requireDb();
      const file = readKeySlots(this.paths.keySlots);
      const slot = accountSlots(file).find((s) => s.accountId === accountId);
      if (!slot)
        throw new CaseSealError(
          'ACCOUNT_DISABLED',
          'That account cannot sign: it does not exist or has been disabled.',
        );
      const wait = retryAfterMs(slot.failures, this.now());
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new CaseSealError(
          'LOCKED_OUT',
          `Too many wrong passphrases for that account. Try again in ${formatWait(seconds)}.`,
          { retryAfterSeconds: seconds },
        );
      }
      const kek = await deriveKey(passphrase, slot.kdf);
      const der = unwrap(kek, slot.signingKey, aadFor(file.vaultId, { accountId }, 'signing-key'));
      kek.fill(0);
      if (!der) {
        this.recordFailure(accountId, true);
        await db.exclusive((c) =>
          appendAudit(c, {
            at: this.now().toISOString(),
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
      const privateKey = privateKeyFromDer(der);
      der.fill(0);
      const account = await db.exclusive((c) => getAccount(c, accountId));
      if (!account || !account.active) throw new CaseSealError('ACCOUNT_DISABLED');
      if (slot.failures.count > 0) {
        const fresh = readKeySlots(this.paths.keySlots);
        for (const x of accountSlots(fresh))
          if (x.accountId === accountId)
            x.failures = { count: 0, lastFailureAt: null, unaudited: x.failures.unaudited };
        writeKeySlots(this.paths.keySlots, fresh);
      }
      return { account, privateKey, keyId: slot.keyId };
    });
  }

  /** Counts a failure in the key-slot file; `audited` when the vault is open and it was logged already. */
  private recordFailure(accountId: string, audited = false): AccountSlot['failures'] {
    const file = readKeySlots(this.paths.keySlots);
    const slot = accountSlots(file).find((s) => s.accountId === accountId)!;
    const at = this.now().toISOString();
    const unaudited = audited
      ? slot.failures.unaudited
      : [...slot.failures.unaudited, at].slice(-100);
    slot.failures = { count: slot.failures.count + 1, lastFailureAt: at, unaudited };
    writeKeySlots(this.paths.keySlots, file);
    return slot.failures;
  }

  /** Incremental chain check at sign-in; a break raises the alarm but never blocks reading. */
  private async runSignInIntegrityCheck(): Promise<void> {
    const db = this.requireDb();
    const report = await checkIntegrity(db, { mode: 'incremental', now: this.now() });
    this.session!.integrity = report;
    if (report.ok) {
      await db.exclusive((c) => recordCheckpoint(c, report));
    } else {
      await this.audit('integrity-alarm', {
        detail: {
          mode: 'incremental',
          problems: report.problems
            .slice(0, 50)
            .map((p) => ({ problem: p.problem, recordId: p.recordId ?? null, seq: p.seq ?? null })),
        },
      });
      this.emit({ type: 'integrity-alarm', problems: report.problems.length });
    }
  }

  lock(reason: LockReason): Promise<void> {
    return this.mutex.run(() => this.lockNow(reason));
  }

  private async lockNow(reason: LockReason): Promise<void> {
    this.stopIdleTimer();
    const db = this.db;
    if (db && this.session) {
      // Changes since the last backup: a backup starts now, in its own thread, before the keys go.
      await this.backups.sessionEnding(db, this.session, reason).catch(() => undefined);
      await db
        .exclusive((c) =>
          appendAudit(c, {
            at: this.now().toISOString(),
            actorId: this.session!.account.id,
            action: 'lock',
            detail: { reason },
          }),
        )
        .catch(() => undefined);
    }
    // Drop the keys from memory: the vault key buffer is zeroed; the KeyObject is released.
    this.vaultKey?.fill(0);
    this.vaultKey = null;
    this.session = null;
    this.db = null;
    if (db) await db.close().catch(() => undefined);
    this.emit({ type: 'locked', reason });
  }

  /** Any user activity (IPC call or input ping from the renderer) postpones the idle lock. */
  touch(): void {
    if (this.session) this.session.lastActivity = Date.now();
  }

  private async applySettings(): Promise<void> {
    const s = await this.requireDb().exclusive((c) => readSettings(c));
    this.idleLockMs = this.idleOverride ?? s.idleLockMinutes * 60_000;
    this.startIdleTimer();
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    this.idleTimer = setInterval(() => {
      const s = this.session;
      if (s && Date.now() - s.lastActivity >= this.idleLockMs) void this.lock('idle');
    }, this.idleCheckMs);
    this.idleTimer.unref?.();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }

  // ---------------------------------------------------------------- accounts

  private requireTeam(): Session {
    const s = this.requireSession();
    if (!isSafeguardingTeam(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
    return s;
  }

  async listAccounts(): Promise<Account[]> {
    this.requireSession();
    return this.requireDb().exclusive((c) => listAccounts(c));
  }

  /** A DSL (or deputy) adds an account; the person types their own passphrase at the PC. */
  createAccount(input: { fullName: string; role: Role; passphrase: string }): Promise<Account> {
    return this.mutex.run(async () => {
      const s = this.requireTeam();
      const db = this.requireDb();
      const school = (await db.exclusive((c) => readSettings(c))).school;
      const strength = checkPassphrase(input.passphrase, [input.fullName, school.name]);
      if (!strength.ok) throw new CaseSealError('WEAK_PASSPHRASE', strength.feedback);
      const id = randomUUID();
      const signing = generateSigningKeyPair();
      const file = readKeySlots(this.paths.keySlots);
      const slot = await this.makeAccountSlot(
        file.vaultId,
        id,
        input.fullName.trim(),
        input.role,
        input.passphrase,
        signing.privateKey,
        signing.keyId,
      );
      file.slots.push(slot);
      // The slot is written first: if the vault insert then fails, the orphan slot cannot sign in
      // (sign-in requires the account in the vault) and is removed again below.
      writeKeySlots(this.paths.keySlots, file);
      const at = this.now().toISOString();
      try {
        await db.transaction(async (c) => {
          await insertAccount(c, {
            id,
            name: input.fullName.trim(),
            role: input.role,
            at,
            by: s.account.id,
          });
          await insertAccountKey(c, {
            keyId: signing.keyId,
            accountId: id,
            publicKeyPem: signing.publicKeyPem,
            at,
          });
          await appendAudit(c, {
            at,
            actorId: s.account.id,
            action: 'account-created',
            detail: { accountId: id, role: input.role },
          });
        });
      } catch (e) {
        const again = readKeySlots(this.paths.keySlots);
        again.slots = again.slots.filter((x) => x.type !== 'account' || x.accountId !== id);
        writeKeySlots(this.paths.keySlots, again);
        throw e;
      }
      return (await db.exclusive((c) => getAccount(c, id)))!;
    });
  }

  private async makeAccountSlot(
    vaultId: string,
    accountId: string,
    name: string,
    role: Role,
    passphrase: string,
    privateKey: KeyObject,
    keyId: string,
  ): Promise<AccountSlot> {
    if (!this.vaultKey) throw new CaseSealError('NOT_SIGNED_IN');
    const kdf = newScryptParams();
    const kek = await deriveKey(passphrase, kdf);
    const slot: AccountSlot = {
      type: 'account',
      accountId,
      name,
      role,
      keyId,
      kdf,
      vaultKey: wrap(kek, this.vaultKey, aadFor(vaultId, { accountId }, 'vault-key')),
      signingKey: wrap(
        kek,
        privateKeyToDer(privateKey),
        aadFor(vaultId, { accountId }, 'signing-key'),
      ),
      failures: { count: 0, lastFailureAt: null, unaudited: [] },
    };
    kek.fill(0);
    return slot;
  }

  /** Disabling removes the key slot; past signatures stay verifiable (public keys are kept). */
  disableAccount(accountId: string): Promise<void> {
    return this.mutex.run(async () => {
      const s = this.requireTeam();
      const db = this.requireDb();
      if (accountId === s.account.id)
        throw new CaseSealError(
          'NOT_ALLOWED',
          'You cannot disable your own account while signed in to it.',
        );
      const target = await db.exclusive((c) => getAccount(c, accountId));
      if (!target || !target.active) throw new CaseSealError('NOT_FOUND');
      const at = this.now().toISOString();
      await db.transaction(async (c) => {
        if (target.role === 'dsl' && (await countActiveDsls(c)) <= 1)
          throw new CaseSealError('LAST_DSL');
        await disableAccount(c, accountId, at, s.account.id);
        await appendAudit(c, {
          at,
          actorId: s.account.id,
          action: 'account-disabled',
          detail: { accountId },
        });
      });
      const file = readKeySlots(this.paths.keySlots);
      file.slots = file.slots.filter((x) => x.type !== 'account' || x.accountId !== accountId);
      writeKeySlots(this.paths.keySlots, file);
    });
  }

  /** Anyone changes their own passphrase: the current one proves it is them. */
  changeOwnPassphrase(current: string, next: string): Promise<void> {
    return this.mutex.run(async () => {
      const s = this.requireSession();
      const file = readKeySlots(this.paths.keySlots);
      const slot = accountSlots(file).find((x) => x.accountId === s.account.id);
      if (!slot) throw new CaseSealError('KEYSLOTS_DAMAGED');
      const kek = await deriveKey(current, slot.kdf);
      const ok = unwrap(
        kek,
        slot.vaultKey,
        aadFor(file.vaultId, { accountId: s.account.id }, 'vault-key'),
      );
      kek.fill(0);
      if (!ok) throw new CaseSealError('WRONG_PASSPHRASE');
      ok.fill(0);
      const strength = checkPassphrase(next, [s.account.name]);
      if (!strength.ok) throw new CaseSealError('WEAK_PASSPHRASE', strength.feedback);
      const fresh = await this.makeAccountSlot(
        file.vaultId,
        s.account.id,
        slot.name,
        slot.role,
        next,
        s.privateKey,
        s.keyId,
      );
      file.slots = file.slots.map((x) =>
        x.type === 'account' && x.accountId === s.account.id ? fresh : x,
      );
      writeKeySlots(this.paths.keySlots, file);
      await this.audit('passphrase-changed', { detail: { accountId: s.account.id } });
    });
  }

  /**
   * Reset someone's forgotten passphrase with the recovery key (works locked or signed in). The old
   * signing key was wrapped by the old passphrase only and is gone, so the account gets a new key
   * pair; its old public key stays in the vault and its past signatures stay valid.
   */
  resetPassphraseWithRecovery(input: {
    recoveryKey: string;
    accountId: string;
    newPassphrase: string;
  }): Promise<void> {
    return this.mutex.run(async () => {
      const recovery = decodeRecoveryKey(input.recoveryKey);
      if (!recovery)
        throw new CaseSealError(
          'WRONG_RECOVERY_KEY',
          'That is not a complete recovery key: it has 8 groups of 4 letters and numbers.',
        );
      const file = readKeySlots(this.paths.keySlots);
      const rslot = recoverySlotOf(file);
      const vaultKey = unwrap(
        recoveryWrapKey(recovery, rslot.kdf.salt),
        rslot.vaultKey,
        aadFor(file.vaultId, 'recovery', 'vault-key'),
      );
      recovery.fill(0);
      if (!vaultKey) throw new CaseSealError('WRONG_RECOVERY_KEY');
      const signedIn = this.session;
      const db = this.db ?? (await openVaultDb(this.paths.db, vaultKey, { create: false }));
      try {
        const account = await db.exclusive((c) => getAccount(c, input.accountId));
        if (!account || !account.active) throw new CaseSealError('NOT_FOUND');
        const strength = checkPassphrase(input.newPassphrase, [account.name]);
        if (!strength.ok) throw new CaseSealError('WEAK_PASSPHRASE', strength.feedback);
        const signing = generateSigningKeyPair();
        const kdf = newScryptParams();
        const kek = await deriveKey(input.newPassphrase, kdf);
        const slot: AccountSlot = {
          type: 'account',
          accountId: account.id,
          name: account.name,
          role: account.role,
          keyId: signing.keyId,
          kdf,
          vaultKey: wrap(
            kek,
            vaultKey,
            aadFor(file.vaultId, { accountId: account.id }, 'vault-key'),
          ),
          signingKey: wrap(
            kek,
            privateKeyToDer(signing.privateKey),
            aadFor(file.vaultId, { accountId: account.id }, 'signing-key'),
          ),
          failures: { count: 0, lastFailureAt: null, unaudited: [] },
        };
        kek.fill(0);
        const at = this.now().toISOString();
        await db.transaction(async (c) => {
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
        const fresh = readKeySlots(this.paths.keySlots);
        const exists = fresh.slots.some((x) => x.type === 'account' && x.accountId === account.id);
        fresh.slots = exists
          ? fresh.slots.map((x) => (x.type === 'account' && x.accountId === account.id ? slot : x))
          : [...fresh.slots, slot];
        writeKeySlots(this.paths.keySlots, fresh);
        if (signedIn && signedIn.account.id === account.id) {
          signedIn.privateKey = signing.privateKey;
          signedIn.keyId = signing.keyId;
        }
      } finally {
        if (!this.db) await db.close().catch(() => undefined);
        vaultKey.fill(0);
      }
    });
  }

  // ---------------------------------------------------------------- settings and audit

  async getSettings(): Promise<Settings> {
    this.requireSession();
    return this.requireDb().exclusive((c) => readSettings(c));
  }

  async updateSettings(
    patch: Partial<Omit<Settings, 'school'>> & { school?: Partial<School> },
  ): Promise<Settings> {
    const s = this.requireTeam();
    const db = this.requireDb();
    const current = await db.exclusive((c) => readSettings(c));
    const next = settingsSchema.parse({
      ...current,
      ...patch,
      school: { ...current.school, ...(patch.school ?? {}) },
    });
    const at = this.now().toISOString();
    await db.transaction(async (c) => {
      await writeSettings(c, next);
      await appendAudit(c, {
        at,
        actorId: s.account.id,
        action: 'settings-changed',
        detail: { keys: Object.keys(patch).sort() },
      });
    });
    if (this.idleOverride === undefined) {
      this.idleLockMs = next.idleLockMinutes * 60_000;
    }
    return next;
  }

  async listAudit(filter: AuditFilter): Promise<AuditEntry[]> {
    const s = this.requireSession();
    if (s.account.role !== 'dsl' && s.account.role !== 'deputy')
      throw new CaseSealError('NOT_ALLOWED');
    return this.requireDb().exclusive((c) => listAudit(c, filter));
  }

  /** On demand: verify every hash and signature, with progress; breaks are recorded (issue 3). */
  async checkWholeLog(
    onProgress?: (done: number, total: number) => void,
  ): Promise<IntegrityReport> {
    const s = this.requireTeam();
    const db = this.requireDb();
    const report = await checkIntegrity(db, { mode: 'full', now: this.now(), onProgress });
    s.integrity = report;
    if (report.ok) {
      await db.exclusive((c) => recordCheckpoint(c, report));
      await this.audit('integrity-checked', { detail: { mode: 'full', checked: report.checked } });
    } else {
      await this.audit('integrity-alarm', {
        detail: {
          mode: 'full',
          problems: report.problems
            .slice(0, 50)
            .map((p) => ({ problem: p.problem, recordId: p.recordId ?? null, seq: p.seq ?? null })),
        },
      });
      this.emit({ type: 'integrity-alarm', problems: report.problems.length });
    }
    return report;
  }

  /** For shutdown and tests. */
  async close(): Promise<void> {
    this.dropPending();
    if (this.session) await this.lock('quit');
    this.stopIdleTimer();
    await this.backups.idle();
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}
