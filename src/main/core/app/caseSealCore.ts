// The application core: the facade the IPC handlers and tests use. It holds the session's keys
// (session/), the idle lock and the order of set-up, sign-in and lock, and delegates the work to
// modules that take a narrow context: set-up and unlock (vault/), sign-in and lockout (identity/),
// accounts and certificates (accounts/), settings (settings/), staff intake (intake/) and the
// integrity runs (session/integrityRuns.ts). Plain Node (no Electron): the Electron glue injects the
// vault folder, the clock and events, and tests drive this class directly.
import type { KeyObject } from 'node:crypto';
import { CaseSealError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { mayDecryptVault } from '../../../shared/roles';
import type { School, Settings } from '../../../shared/settings';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { Signer } from '../../../shared/records/envelope';
import type { TrustInfo } from '../../../shared/ipc/contract';
import type { Sqlite } from '../../db/sqlite';
import { listAccounts, type Account } from '../../db/repositories/accounts';
import { vaultPathsIn, type VaultPaths } from '../vault/paths';
import {
  pickerAccounts,
  vaultFolderState,
  type PickerAccount,
  type VaultState,
} from '../vault/vaultState';
import { SetupFlow, type SetupShown } from '../vault/setupFlow';
import { VaultReader, workerScriptPath } from '../worker/workerHost';
import { signerOf as sessionSignerOf, type Session } from '../identity/session';
import { signIn } from '../identity/signIn';
import { authenticateOther } from '../identity/authenticateOther';
import { SessionKeys, startReader } from '../session/sessionKeys';
import { SessionIntegrity } from '../session/sessionIntegrity';
import { IdleLock } from '../session/idleLock';
import {
  appendAudit,
  listAudit,
  type AuditAction,
  type AuditEntry,
  type AuditFilter,
} from '../audit/auditLog';
import * as accountService from '../accounts/accountService';
import * as recovery from '../accounts/recoveryFlows';
import { changeOwnPassphrase } from '../accounts/ownPassphrase';
import { keepTrustAtSignIn, loadSessionTrust } from '../accounts/sessionTrust';
import {
  saveSetupSheet,
  schoolKeyFingerprint,
  trustInfo,
  type Fingerprint,
} from '../accounts/schoolKeyInfo';
import { getSettings, updateSettings, type SettingsPatch } from '../settings/settingsService';
import type { IntegrityReport } from '../log/integrity';
import { closeSessionLog } from '../log/sessionLog';
import type { ConcernReceipt } from '../intake/sealConcern';
import type { ImportReport } from '../intake/importIntake';
import { importWaitingConcerns, sealStaffConcern } from '../intake/intakeSession';
import { BackgroundPageCheck } from '../pages/backgroundPageCheck';
import { BackupService } from '../backup/backupService';
import { Mutex } from './mutex';
import { CoreEvents, type CoreEvent, type CoreOptions, type LockReason } from './coreEvents';
import {
  accountContext,
  ownPassphraseContext,
  recoveryContext,
  requireTeam,
  schoolKeyHolderContext,
  serviceContext,
  type ContextSource,
} from '../session/contexts';

export type { LockReason, CoreEvent, CoreOptions } from './coreEvents';

export type { Session };

export type { VaultState, PickerAccount };

export class CaseSealCore {
  readonly paths: VaultPaths;
  readonly clock: () => Date;
  /** The session and every key it holds, dropped together at the lock. */
  private readonly keys = new SessionKeys();
  private readonly setup = new SetupFlow();
  private readonly mutex = new Mutex();
  private readonly events = new CoreEvents();
  private readonly idle: IdleLock;
  private readonly intakeSteps: CoreOptions['intakeSteps'];
  /** What the last team sign-in did with the sealed concerns waiting in the intake folder. */
  lastImport: ImportReport | null = null;
  /** Backups and restore; it sees the vault key only through this closure. */
  readonly backups: BackupService;
  /** The one worker entry every task off the UI's thread runs in (worker/tasks.ts). */
  readonly workerScript: string;
  /** The page read after sign-in (dashboard), or the last full check's. */
  readonly pageCheck = new BackgroundPageCheck();
  /** The sign-in check, the session's checkpoints and the page read's outcome. */
  private readonly integrity: SessionIntegrity;

  constructor(opts: CoreOptions) {
    this.workerScript = opts.workerScript ?? workerScriptPath();
    this.backups = new BackupService(this, () => this.keys.vaultKey, {
      workerPath: this.workerScript,
    });
    this.paths = vaultPathsIn(opts.vaultDir);
    this.clock = opts.clock ?? (() => new Date());
    this.idle = new IdleLock(
      opts.idleLockMs,
      opts.idleCheckMs ?? 1000,
      () => this.keys.session?.lastActivity ?? null,
      () => void this.lock('idle'),
    );
    this.intakeSteps = opts.intakeSteps;
    this.integrity = new SessionIntegrity({
      keys: this.keys,
      paths: this.paths,
      now: this.clock,
      workerScript: this.workerScript,
      pageCheck: this.pageCheck,
      audit: (action, fields) => this.audit(action, fields),
      alarm: (problems) => this.emit({ type: 'integrity-alarm', problems }),
    });
  }

  // ---------------------------------------------------------------- events and state

  onEvent(listener: (e: CoreEvent) => void): () => void {
    return this.events.on(listener);
  }

  emit(e: CoreEvent): void {
    this.events.emit(e);
  }

  private now(): Date {
    return this.clock();
  }

  vaultState(): { state: VaultState; message?: string } {
    if (this.keys.session) return { state: 'unlocked' };
    return vaultFolderState(this.paths);
  }

  /** Names for the sign-in picker (from the key-slot file: nothing else is readable while locked). */
  pickerAccounts(): PickerAccount[] {
    if (this.vaultState().state === 'needs-setup') return [];
    return pickerAccounts(this.paths.keySlots, this.now());
  }

  currentSession(): Session | null {
    return this.keys.session;
  }

  requireSession(): Session {
    return this.keys.requireSession();
  }

  /** The open vault; a staff session has none (least privilege), so it is refused. */
  requireDb(): Sqlite {
    return this.keys.requireDb();
  }

  /** The raw vault key, for the tests' SQLCipher witness only (tests/helpers/vaultKey.ts). */
  private get vaultKey(): Buffer | null {
    return this.keys.vaultKey;
  }

  signerOf(s: Session): Signer {
    return sessionSignerOf(s);
  }

  /** The school key fingerprint, grouped for reading aloud (set-up sheet, Settings, exports). */
  schoolKeyFingerprint(): Fingerprint {
    return schoolKeyFingerprint(this.paths.keySlots, this.keys.session);
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
        actorId: actorId === undefined ? (this.keys.session?.account.id ?? null) : actorId,
        action,
        ...fields,
      }),
    );
  }

  // ---------------------------------------------------------------- set-up

  /** Set-up step 1: the keys are made in memory and the recovery key shown (vault/setupFlow.ts). */
  beginSetup(input: {
    school: School;
    dsl: { fullName: string; passphrase: string };
  }): Promise<SetupShown> {
    return this.mutex.run(async () => {
      if (this.vaultState().state !== 'needs-setup') throw new CaseSealError('ALREADY_SET_UP');
      return this.setup.begin(input, this.now());
    });
  }

  cancelSetup(): void {
    this.setup.drop();
  }

  /** Step 2: the groups re-typed match, so write the vault and the key slots, and sign in. */
  confirmSetup(input: { groups: Record<string, string> }): Promise<void> {
    return this.mutex.run(async () => {
      const opened = await this.setup.confirm(
        this.paths,
        input.groups,
        this.now(),
        () => this.vaultState().state === 'needs-setup',
      );
      this.keys.holdTeam({
        ...opened,
        reader: startReader(this.paths.db, this.workerScript, opened.vaultKey),
      });
      await this.loadTrust();
      await this.audit('sign-in', { detail: { via: 'setup' } });
      await this.applySettings();
      await this.backups.sessionStarted();
    });
  }

  // ---------------------------------------------------------------- sign-in and lock

  /**
   * Sign-in: the person's own slot is opened (identity/signIn.ts); a staff member gets a session
   * without the vault; a team member's vault is unlocked (vault/unlock.ts), then trust, settings,
   * the integrity check, a restore's sign-off, the intake and the page read follow in that order.
   */
  signIn(accountId: string, passphrase: string): Promise<Session> {
    return this.mutex.run(async () => {
      if (this.keys.session) await this.lockNow('manual');
      const signedIn = await signIn({ paths: this.paths, now: this.clock }, accountId, passphrase);
      if (signedIn.kind === 'staff') return this.holdStaff(signedIn.session);
      const { opened, vault } = signedIn;
      const vaultKey = vault.vaultKey;
      this.integrity.foundAtUnlock(signedIn.checkpointProblems);
      const { session } = vault;
      this.keys.holdTeam({
        ...vault,
        reader: startReader(this.paths.db, this.workerScript, vaultKey),
      });
      try {
        this.keys.schoolKey = await keepTrustAtSignIn(
          { ...serviceContext(this.parts), keySlotsPath: this.paths.keySlots, vaultKey },
          passphrase,
          opened,
        );
        await this.applySettings();
        await this.integrity.runSignInCheck();
        // A restore is signed for by the first person to sign in after it (never silent).
        await this.backups.sessionStarted();
        if (mayDecryptVault(session.account.role))
          this.lastImport = await importWaitingConcerns(
            { ...serviceContext(this.parts), paths: this.paths },
            this.intakeSteps,
          );
        this.integrity.startPageCheck();
      } catch (e) {
        // A vault that cannot be read through is closed again: fail closed, say what happened.
        await this.lockNow('manual');
        throw e;
      }
      return session;
    });
  }

  /** Staff: only their own signing key is unwrapped; the vault stays closed (least privilege). */
  private holdStaff(session: Session): Session {
    this.keys.holdStaff(session);
    this.idle.setMinutes(DEFAULT_SETTINGS.idleLockMinutes);
    this.idle.start();
    return session;
  }

  private async loadTrust(): Promise<void> {
    await loadSessionTrust(this.requireDb(), this.requireSession());
  }

  /** Staff: sign and seal a concern to the team; the receipt is all that comes back. */
  recordSealedConcern(body: unknown): Promise<ConcernReceipt> {
    return this.mutex.run(async () =>
      sealStaffConcern(
        { session: this.requireSession(), paths: this.paths, now: this.clock },
        body,
        this.intakeSteps,
      ),
    );
  }

  /**
   * A second person at the same PC proves who they are with their own passphrase (countersigning,
   * R5). Only their signing key is unwrapped, for this one signature, and then dropped. Wrong
   * passphrases count towards their own lockout, exactly as at sign-in.
   */
  authenticateOther(
    accountId: string,
    passphrase: string,
  ): Promise<{ account: Account; privateKey: KeyObject; keyId: string }> {
    return this.mutex.run(() =>
      authenticateOther(
        { db: this.requireDb(), now: this.clock, keySlotsPath: this.paths.keySlots },
        accountId,
        passphrase,
      ),
    );
  }

  lock(reason: LockReason): Promise<void> {
    return this.mutex.run(() => this.lockNow(reason));
  }

  private async lockNow(reason: LockReason): Promise<void> {
    this.idle.stop();
    // The background page read ends (its connection closed) before the vault closes.
    await this.pageCheck.stop();
    const db = this.keys.db;
    if (db && this.keys.session) {
      // Changes since the last backup: a backup starts now, in its own thread, before the keys go.
      await this.backups.sessionEnding(db, this.keys.session, reason).catch(() => undefined);
      await this.audit('lock', { detail: { reason } }).catch(() => undefined);
      await this.integrity.keepCheckpoint('lock').catch(() => undefined);
      await closeSessionLog(db).catch(() => undefined);
    }
    await this.keys.drop();
    this.emit({ type: 'locked', reason });
  }

  /** Long reads go here while someone is signed in (full check, search). */
  backgroundReader(): VaultReader | null {
    return this.keys.session ? this.keys.reader : null;
  }

  /** Any user activity (IPC call or input ping from the renderer) postpones the idle lock. */
  touch(): void {
    if (this.keys.session) this.keys.session.lastActivity = Date.now();
  }

  private async applySettings(): Promise<void> {
    const s = await getSettings(this.requireDb());
    this.idle.setMinutes(s.idleLockMinutes);
    this.idle.start();
  }

  // ---------------------------------------------------------------- accounts

  /** What the context builders read (session/contexts.ts). */
  private get parts(): ContextSource {
    return { keys: this.keys, paths: this.paths, now: this.clock };
  }

  async listAccounts(): Promise<Account[]> {
    this.requireSession();
    return this.requireDb().exclusive((c) => listAccounts(c));
  }

  /** A DSL adds an account; the person types their own passphrase at the PC. */
  createAccount(input: { fullName: string; role: Role; passphrase: string }): Promise<Account> {
    return this.mutex.run(() => accountService.createAccount(accountContext(this.parts), input));
  }

  disableAccount(accountId: string): Promise<void> {
    return this.mutex.run(() =>
      accountService.disableAccount(accountContext(this.parts), accountId),
    );
  }

  changeRole(input: { accountId: string; role: Role; passphrase?: string }): Promise<Account> {
    return this.mutex.run(() => accountService.changeRole(accountContext(this.parts), input));
  }

  /** Anyone changes their own passphrase: the current one proves it is them. */
  changeOwnPassphrase(current: string, next: string): Promise<void> {
    return this.mutex.run(() =>
      changeOwnPassphrase(ownPassphraseContext(this.parts), current, next),
    );
  }

  /** Reset someone's forgotten passphrase with the recovery key (works locked or signed in). */
  resetPassphraseWithRecovery(input: {
    recoveryKey: string;
    accountId: string;
    newPassphrase: string;
  }): Promise<void> {
    return this.mutex.run(async () => {
      const key = await recovery.resetPassphraseWithRecovery(recoveryContext(this.parts), input);
      this.keys.newSigningKey(key);
      if (this.keys.db) await this.loadTrust();
    });
  }

  /**
   * When no DSL can act any more, the recovery key appoints a new one (signed in or not),
   * disabling any departed DSL named in `replacing`.
   */
  appointDslWithRecovery(input: {
    recoveryKey: string;
    fullName: string;
    passphrase: string;
    replacing?: string[];
  }): Promise<Account> {
    return this.mutex.run(async () => {
      if (this.keys.session) await this.lockNow('manual');
      return recovery.appointDslWithRecovery({ paths: this.paths, now: this.clock }, input);
    });
  }

  /** An upgraded vault's recovery slot gets the school key: the DSL types the recovery key once. */
  addSchoolKeyToRecoverySlot(recoveryKey: string): Promise<void> {
    return this.mutex.run(async () => {
      await recovery.addSchoolKeyToRecoverySlot(schoolKeyHolderContext(this.parts), recoveryKey);
    });
  }

  // ---------------------------------------------------------------- the school key

  trustInfo(): TrustInfo {
    this.requireSession();
    return trustInfo(this.paths.keySlots, this.schoolKeyFingerprint(), this.lastImport);
  }

  /** The set-up sheet as a PDF, saved where a DSL chooses (main's save dialog). */
  async saveSetupSheet(
    choosePath: (suggestedName: string) => Promise<string | null>,
  ): Promise<{ fileName: string; saved: boolean; path?: string }> {
    // DSL only: saveSetupSheet refuses anyone else (a staff session has no vault to begin with).
    const ctx = { ...serviceContext(this.parts), fingerprint: this.schoolKeyFingerprint() };
    return saveSetupSheet(ctx, choosePath);
  }

  // ---------------------------------------------------------------- settings and audit

  async getSettings(): Promise<Settings> {
    this.requireSession();
    return getSettings(this.requireDb());
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    requireTeam(this.keys);
    const next = await updateSettings(serviceContext(this.parts), patch);
    this.idle.setMinutes(next.idleLockMinutes);
    return next;
  }

  async listAudit(filter: AuditFilter): Promise<AuditEntry[]> {
    const s = this.requireSession();
    if (s.account.role !== 'dsl' && s.account.role !== 'deputy')
      throw new CaseSealError('NOT_ALLOWED');
    return this.requireDb().exclusive((c) => listAudit(c, filter));
  }

  /** On demand: verify every hash, signature and certificate, with progress; breaks are recorded. */
  async checkWholeLog(
    onProgress?: (done: number, total: number) => void,
  ): Promise<IntegrityReport> {
    requireTeam(this.keys);
    return this.integrity.checkWholeLog(onProgress);
  }

  /** For shutdown and tests. */
  async close(): Promise<void> {
    this.setup.drop();
    if (this.keys.session) await this.lock('quit');
    this.idle.stop();
    await this.backups.idle();
  }
}
