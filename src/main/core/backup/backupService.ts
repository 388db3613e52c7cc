// Backups and restores for the running app: when to back up (after a lock or sign-out that follows
// changes, at least daily while open, and "Back up now"), the folders (audited), the status the
// dashboard shows, and restore with a file chosen by main. The work itself runs in a worker thread.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CaseSealError } from '../../../shared/errors';
import {
  backupConfigSchema,
  folderStatuses,
  type BackupConfig,
  type BackupPreview,
  type BackupRunOutcome,
  type BackupStatus,
  type RestoreOutcome,
  type Retention,
  type WarnAfter,
} from '../../../shared/backup';
import { isSafeguardingTeam } from '../../../shared/roles';
import { VAULT_LOG_CASE_ID } from '../../../shared/records/kinds/backup';
import type { Sqlite } from '../../db/sqlite';
import {
  backupMarks,
  clearPendingRestore,
  currentChangeMark,
  logHead,
  markForFile,
  type LogHead,
  readBackupConfig,
  readMarkAtLastBackup,
  readPendingRestore,
  writeBackupConfig,
} from '../../db/repositories/backups';
import type { LockReason, Session } from '../app/caseSealCore';
import type { BackupHost } from '../app/serviceHost';
import { appendAudit } from '../audit/auditLog';
import { privateKeyToDer } from '../crypto/ed25519';
import { appendRecord } from '../log/recordLog';
import { commitRestore, previewBackupFile, readCurrentHead, stageRestore } from './restore';
import { folderProblem, type BackupJobResult, type JobProgress } from './runBackup';
import { runBackupInWorker } from './workerRunner';

const DAY_MS = 86_400_000;
const MAX_PICKS = 8;

export interface BackupIo {
  /** A folder dialog: resolves an absolute path, or null if closed. */
  chooseBackupFolder?(): Promise<string | null>;
  /** An open dialog for a backup file: resolves an absolute path, or null if closed. */
  chooseBackupFile?(): Promise<string | null>;
}

export interface BackupServiceOptions {
  workerPath: string;
  /** How often "at least daily" is looked at while the vault is open. */
  dailyCheckMs?: number;
}

export class BackupService {
  private running: Promise<BackupJobResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly picks = new Map<string, string>();

  constructor(
    private readonly core: BackupHost,
    private readonly vaultKey: () => Buffer | null,
    private readonly opts: BackupServiceOptions,
  ) {}

  // ------------------------------------------------------------ when to back up

  /**
   * Called by the core while the keys are still held, just before a lock or sign-out: a backup
   * starts if anything changed since the last one. It runs on after the lock in its own thread.
   */
  async sessionEnding(db: Sqlite, session: Session, reason: LockReason): Promise<void> {
    this.stopTimer();
    if (reason === 'quit' && this.running) return;
    const [config, mark, last] = await db.exclusive(
      async (c) =>
        [
          await readBackupConfig(c),
          await currentChangeMark(c),
          await readMarkAtLastBackup(c),
        ] as const,
    );
    if (config.folders.length === 0) return;
    if (last && last.recordSeq >= mark.recordSeq && last.auditSeq >= mark.auditSeq) return;
    void this.start(config, session, db);
  }

  /** Called after every sign-in: signs a pending "restored from backup" record; starts the daily check. */
  async sessionStarted(): Promise<void> {
    await this.recordPendingRestore();
    this.startTimer();
  }

  private startTimer(): void {
    this.stopTimer();
    this.timer = setInterval(
      () => void this.dailyCheck().catch(() => undefined),
      this.opts.dailyCheckMs ?? 3600_000,
    );
    this.timer.unref?.();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** At least daily while open: any folder whose newest verified backup is a day old gets one. */
  async dailyCheck(): Promise<boolean> {
    const session = this.core.currentSession();
    if (!session || this.running) return false;
    const db = this.core.requireDb();
    const now = this.core.clock();
    const [config, marks] = await db.exclusive(
      async (c) => [await readBackupConfig(c), await backupMarks(c)] as const,
    );
    const due = config.folders.some((f) => {
      const newest = marks.find((m) => m.folder === f && m.outcome === 'verified');
      return !newest || now.getTime() - Date.parse(newest.at) >= DAY_MS;
    });
    if (!due) return false;
    void this.start(config, session, db);
    return true;
  }

  private start(config: BackupConfig, session: Session, _db: Sqlite): Promise<BackupJobResult> {
    if (this.running) return this.running;
    const key = this.vaultKey();
    if (!key) throw new CaseSealError('NOT_SIGNED_IN');
    const job = {
      vaultDir: this.core.paths.dir,
      vaultKey: new Uint8Array(key),
      folders: config.folders,
      retention: config.retention,
      signer: this.core.signerOf(session),
      signingKeyDer: new Uint8Array(privateKeyToDer(session.privateKey)),
      clockOffsetMs: this.core.clock().getTime() - Date.now(),
    };
    const run = runBackupInWorker(this.opts.workerPath, job, (p: JobProgress) =>
      this.core.emit({ type: 'progress', task: `backup-${p.stage}`, done: p.done, total: p.total }),
    ).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    run.catch(() => undefined);
    return run;
  }

  /** Resolves when no backup is running (shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  // ------------------------------------------------------------ "Back up now" and status

  private requireTeam(): Session {
    const s = this.core.requireSession();
    if (!isSafeguardingTeam(s.account.role))
      throw new CaseSealError('NOT_ALLOWED', 'Only the safeguarding team can manage backups.');
    return s;
  }

  async backUpNow(): Promise<BackupRunOutcome> {
    const s = this.requireTeam();
    const db = this.core.requireDb();
    const config = await db.exclusive((c) => readBackupConfig(c));
    if (config.folders.length === 0)
      throw new CaseSealError('BAD_INPUT', 'Choose a backup folder first.');
    if (this.running) await this.idle();
    const result = await this.start(config, s, db);
    return {
      folders: result.folders.map((f) => ({
        folder: f.folder,
        outcome: f.outcome,
        fileName: f.fileName,
        message: f.message,
      })),
    };
  }

  async status(): Promise<BackupStatus> {
    this.requireTeam();
    const db = this.core.requireDb();
    const now = this.core.clock();
    const [config, marks] = await db.exclusive(
      async (c) => [await readBackupConfig(c), await backupMarks(c)] as const,
    );
    const reach = new Map(config.folders.map((f) => [f, folderProblem(f)]));
    return {
      config,
      folders: folderStatuses(config, marks, reach, now),
      running: this.running !== null,
      generatedAt: now.toISOString(),
    };
  }

  // ------------------------------------------------------------ settings (audited)

  private async changeConfig(
    fn: (c: BackupConfig) => BackupConfig,
    action: 'backup-folder-added' | 'backup-folder-removed' | 'backup-settings-changed',
    detail: Record<string, unknown>,
  ): Promise<BackupConfig> {
    const s = this.requireTeam();
    const db = this.core.requireDb();
    return db.transaction(async (c) => {
      const next = backupConfigSchema.parse(fn(await readBackupConfig(c)));
      await writeBackupConfig(c, next);
      await appendAudit(c, {
        at: this.core.clock().toISOString(),
        actorId: s.account.id,
        action,
        detail,
      });
      return next;
    });
  }

  async addFolder(io: BackupIo): Promise<BackupConfig> {
    this.requireTeam();
    if (!io.chooseBackupFolder)
      throw new CaseSealError('BAD_INPUT', 'CaseSeal cannot ask for a folder here.');
    const chosen = await io.chooseBackupFolder();
    if (!chosen) throw new CaseSealError('CANCELLED', 'No folder was chosen. Nothing was changed.');
    const folder = resolve(chosen);
    const vault = this.core.paths.dir;
    if (folder === vault || folder.startsWith(vault + '/') || folder.startsWith(vault + '\\'))
      throw new CaseSealError(
        'BAD_INPUT',
        'A backup folder cannot be inside the vault folder: choose another drive or a network folder.',
      );
    return this.changeConfig(
      (c) => {
        if (c.folders.includes(folder))
          throw new CaseSealError('BAD_INPUT', 'That folder is already a backup folder.');
        return { ...c, folders: [...c.folders, folder] };
      },
      'backup-folder-added',
      { folder },
    );
  }

  async removeFolder(folder: string): Promise<BackupConfig> {
    return this.changeConfig(
      (c) => {
        if (!c.folders.includes(folder)) throw new CaseSealError('NOT_FOUND');
        return { ...c, folders: c.folders.filter((f) => f !== folder) };
      },
      'backup-folder-removed',
      { folder },
    );
  }

  async updateSettings(input: {
    retention: Retention;
    warnAfter: WarnAfter;
  }): Promise<BackupConfig> {
    return this.changeConfig(
      (c) => ({ ...c, retention: input.retention, warnAfter: input.warnAfter }),
      'backup-settings-changed',
      { retention: input.retention, warnAfter: input.warnAfter },
    );
  }

  // ------------------------------------------------------------ restore

  /** Restore is for a signed-in DSL, or from the first screen when the vault is missing or will not open. */
  private async mayRestoreNow(): Promise<'dsl' | 'first-screen'> {
    const s = this.core.currentSession();
    if (s) {
      if (s.account.role !== 'dsl')
        throw new CaseSealError('NOT_ALLOWED', 'Only the DSL can restore the vault from a backup.');
      return 'dsl';
    }
    return 'first-screen';
  }

  async pickBackup(io: BackupIo): Promise<BackupPreview> {
    await this.mayRestoreNow();
    if (!io.chooseBackupFile)
      throw new CaseSealError('BAD_INPUT', 'CaseSeal cannot ask for a file here.');
    const path = await io.chooseBackupFile();
    if (!path)
      throw new CaseSealError('CANCELLED', 'No file was chosen. Nothing has been changed.');
    const preview = previewBackupFile(path);
    let checked = preview.checkedWhenMade;
    if (this.core.currentSession() && preview.sha256) {
      const logged = await this.core.requireDb().exclusive((c) => markForFile(c, preview.sha256!));
      if (logged) checked = logged;
    }
    const token = randomUUID();
    this.picks.set(token, path);
    while (this.picks.size > MAX_PICKS) this.picks.delete(this.picks.keys().next().value!);
    const { sha256: _sha, ...shown } = preview;
    return { ...shown, checkedWhenMade: checked, token };
  }

  async restore(token: string, secret: string): Promise<RestoreOutcome> {
    const mode = await this.mayRestoreNow();
    const path = this.picks.get(token);
    if (!path) throw new CaseSealError('NOT_FOUND', 'Choose the backup file again.');
    const vaultDir = this.core.paths.dir;
    const now = this.core.clock();
    if (mode === 'first-screen' && this.core.vaultState().state === 'locked') {
      // A vault that opens normally is restored by a signed-in DSL, from Settings.
      // Locked (key slots readable): only someone whose passphrase or recovery key works on this
      // vault now may replace it, and only if its database will not open. A passphrase that worked
      // only in the past (a disabled account, an old passphrase) cannot roll the vault back.
      const current = await readCurrentHead(vaultDir, secret);
      if (current.state === 'read')
        throw new CaseSealError(
          'NOT_ALLOWED',
          'The vault on this computer opens normally. Sign in as the DSL and restore from Backups.',
        );
      if (current.state === 'not-a-key-here')
        throw new CaseSealError(
          'NOT_ALLOWED',
          'That passphrase does not work on the vault on this computer now. Use a current DSL, deputy DSL or senior leader passphrase, or the recovery key. Nothing has been changed.',
        );
    }
    let previous: { state: 'none' | 'read' | 'unreadable'; head: LogHead | null };
    if (mode === 'dsl') {
      const head = await this.core.requireDb().exclusive((c) => logHead(c));
      previous = { state: 'read', head };
    } else {
      const current = await readCurrentHead(vaultDir, secret);
      previous =
        current.state === 'not-a-key-here'
          ? { state: 'unreadable', head: null }
          : { state: current.state, head: current.head };
    }
    // Everything that can fail happens before the current vault is touched.
    const staged = await stageRestore({
      vaultDir,
      backupPath: path,
      secret,
      now,
      currentHead: previous.head,
    });
    try {
      if (mode === 'dsl') {
        await this.core.audit('vault-restored', {
          detail: { fileName: staged.fileName, backupSeq: staged.seq, stage: 'replacing' },
        });
        await this.core.lock('restore');
        await this.idle();
      }
      // A backup still running from the last lock reads the vault folder: let it finish first.
      await this.idle();
      mkdirSync(resolve(vaultDir, '..'), { recursive: true });
      const { movedAsideTo } = await commitRestore(staged, vaultDir, previous, now);
      this.picks.delete(token);
      return { fileName: staged.fileName, seq: staged.seq, movedAsideTo };
    } catch (e) {
      staged.vaultKey.fill(0);
      throw e;
    }
  }

  /** The first sign-in after a restore signs what the restore replaced and lost (never silent). */
  private async recordPendingRestore(): Promise<void> {
    const s = this.core.requireSession();
    const db = this.core.requireDb();
    await db.transaction(async (c) => {
      const p = await readPendingRestore(c);
      if (!p) return;
      const lost =
        p.previousSeq !== null && p.previousSeq > p.backupSeq
          ? { lostFrom: p.backupSeq + 1, lostTo: p.previousSeq }
          : { lostFrom: null, lostTo: null };
      const now = this.core.clock();
      const { record } = await appendRecord(c, {
        caseId: VAULT_LOG_CASE_ID,
        kind: 'vault-restored',
        body: {
          fileName: p.fileName,
          backupSha256: p.backupSha256,
          backupSeq: p.backupSeq,
          backupHeadHash: p.backupHeadHash,
          restoredAt: p.restoredAt,
          previousSeq: p.previousSeq,
          previousHeadHash: p.previousHeadHash,
          ...lost,
          previousVault: p.previousVault,
          movedAsideTo: p.movedAsideTo,
        },
        signer: this.core.signerOf(s),
        privateKey: s.privateKey,
        now,
      });
      await appendAudit(c, {
        at: now.toISOString(),
        actorId: s.account.id,
        action: 'vault-restored',
        recordId: record.envelope.id,
        detail: { fileName: p.fileName, backupSeq: p.backupSeq, ...lost },
      });
      await clearPendingRestore(c);
    });
  }
}
