// The integrity work around a session (docs/design.md, "Trust model"): what the checkpoint
// comparison found at unlock is carried to the sign-in check (session/integrityRuns.ts), the session
// signs its checkpoint at sign-in and at the lock, and the background page read's outcome is
// audited and raises the alarm when a page is damaged. A break never blocks reading.
import type { AuditAction } from '../audit/auditLog';
import type { IntegrityReport } from '../log/integrity';
import { keepCheckpoint } from '../log/sessionLog';
import type { BackgroundPageCheck } from '../pages/backgroundPageCheck';
import type { PageCheckResult } from '../pages/pageRead';
import { readKeySlots } from '../vault/keySlots';
import type { VaultPaths } from '../vault/paths';
import type { Problem } from '../verify/chainChecks';
import { checkWholeLog, signInIntegrityCheck, type IntegrityRunContext } from './integrityRuns';
import type { SessionKeys } from './sessionKeys';

export interface SessionIntegrityDeps {
  keys: SessionKeys;
  paths: VaultPaths;
  now: () => Date;
  workerScript: string;
  pageCheck: BackgroundPageCheck;
  audit(action: AuditAction, fields: { detail: Record<string, unknown> }): Promise<unknown>;
  alarm(problems: number): void;
}

export class SessionIntegrity {
  private checkpointProblems: Problem[] = [];

  constructor(private readonly d: SessionIntegrityDeps) {}

  /** What the checkpoint comparison found at unlock, before this sign-in wrote anything. */
  foundAtUnlock(problems: Problem[]): void {
    this.checkpointProblems = problems;
  }

  /** What the integrity runs may use: this session, its vault, reader and page check. */
  private context(): IntegrityRunContext {
    const { keys, paths } = this.d;
    return {
      session: keys.requireSession(),
      db: keys.requireDb(),
      now: this.d.now,
      keySlotsPath: paths.keySlots,
      dbPath: paths.db,
      vaultKey: keys.vaultKey!,
      workerScript: this.d.workerScript,
      reader: keys.reader,
      pageCheck: this.d.pageCheck,
      audit: (action, fields) => this.d.audit(action, fields),
      alarm: (problems) => this.d.alarm(problems),
    };
  }

  /** Incremental chain and certificate check at sign-in; a break raises the alarm, never blocks reading. */
  async runSignInCheck(): Promise<void> {
    const earlier = this.checkpointProblems;
    this.checkpointProblems = [];
    await signInIntegrityCheck(this.context(), earlier, () => this.keepCheckpoint('sign-in'));
  }

  /** On demand: every page, then every hash, signature, certificate and checkpoint. */
  checkWholeLog(onProgress?: (done: number, total: number) => void): Promise<IntegrityReport> {
    return checkWholeLog(this.context(), onProgress);
  }

  /** The page read after sign-in, at low priority in its own thread (dashboard). */
  startPageCheck(): void {
    const { keys, paths } = this.d;
    if (!keys.vaultKey) return;
    this.d.pageCheck.start(
      paths.db,
      keys.vaultKey,
      (r) => void this.auditPageCheck(r),
      this.d.now,
      this.d.workerScript,
    );
  }

  private async auditPageCheck(r: PageCheckResult): Promise<void> {
    if (!this.d.keys.session) return;
    await this.d
      .audit('page-check', {
        detail: { outcome: r.outcome, pages: r.pages },
      })
      .catch(() => undefined);
    if (r.outcome === 'damaged') this.d.alarm(1);
  }

  async keepCheckpoint(purpose: 'sign-in' | 'lock'): Promise<void> {
    const s = this.d.keys.session;
    const db = this.d.keys.db;
    if (!s || !db) return;
    await keepCheckpoint(db, this.d.paths.keySlots, {
      vaultId: readKeySlots(this.d.paths.keySlots).vaultId,
      signer: { accountId: s.account.id, keyId: s.keyId, privateKey: s.privateKey },
      purpose,
      at: this.d.now().toISOString(),
    });
  }
}
