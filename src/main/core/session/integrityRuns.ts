// The two runs of the log's integrity check in a session: the incremental check at sign-in (with
// the comparison against every person's signed checkpoint) and "Check the whole log" on demand
// (every page of the file first, then every chain). A break is written to the audit trail and
// raises the alarm; it never blocks reading (docs/design.md, "Sign-in, locking and the integrity
// check" and "Trust model").
import type { Sqlite } from '../../db/sqlite';
import type { Session } from '../identity/session';
import type { AuditAction } from '../audit/auditLog';
import { readKeySlots } from '../vault/keySlots';
import { checkIntegrity, recordCheckpoint, type IntegrityReport } from '../log/integrity';
import { checkAgainstCheckpoints } from '../log/sessionLog';
import { checkpointSignerProblems } from '../accounts/checkpointSignerCheck';
import { startPageCheck } from '../pages/pageRead';
import { pageProblem } from '../pages/pageProblems';
import type { BackgroundPageCheck } from '../pages/backgroundPageCheck';
import type { VaultReader } from '../worker/workerHost';
import type { Problem } from '../verify/chainChecks';

export interface IntegrityRunContext {
  session: Session;
  db: Sqlite;
  now: () => Date;
  keySlotsPath: string;
  dbPath: string;
  vaultKey: Buffer;
  /** The built worker entry the page read runs in. */
  workerScript: string;
  /** The session's worker-thread reader, when the build has one. */
  reader: VaultReader | null;
  pageCheck: BackgroundPageCheck;
  audit(action: AuditAction, fields: { detail: Record<string, unknown> }): Promise<unknown>;
  alarm(problems: number): void;
}

/** What the checks trust; `undefined` for a vault from before the school key, checked as then. */
export function trustOf(s: Session) {
  if (!s.certificates && !s.trustProblem) return undefined;
  return { book: s.certificates, problem: s.trustProblem };
}

/** Checkpoints count only if signed with a key certified for their person at the time. */
async function checkpointCertificateProblems(ctx: IntegrityRunContext): Promise<Problem[]> {
  const book = ctx.session.certificates;
  return book ? checkpointSignerProblems(ctx.db, ctx.keySlotsPath, book) : [];
}

async function recordOutcome(
  ctx: IntegrityRunContext,
  report: IntegrityReport,
  mode: 'incremental' | 'full',
): Promise<void> {
  if (report.ok) {
    await ctx.db.exclusive((c) => recordCheckpoint(c, report));
    if (mode === 'full')
      await ctx.audit('integrity-checked', { detail: { mode, checked: report.checked } });
    return;
  }
  await ctx.audit('integrity-alarm', {
    detail: {
      mode,
      total: report.problems.length,
      // The first problem in words, for the dashboard until someone acknowledges the alarm.
      first: report.problems[0]?.message ?? null,
      problems: report.problems
        .slice(0, 50)
        .map((p) => ({ problem: p.problem, recordId: p.recordId ?? null, seq: p.seq ?? null })),
    },
  });
  ctx.alarm(report.problems.length);
}

/**
 * Incremental chain and certificate check at sign-in. `earlier`: what the checkpoint comparison
 * found before this sign-in wrote anything; `keepCheckpoint` signs this sign-in's own checkpoint.
 */
export async function signInIntegrityCheck(
  ctx: IntegrityRunContext,
  earlier: Problem[],
  keepCheckpoint: () => Promise<void>,
): Promise<IntegrityReport> {
  const report = await checkIntegrity(ctx.db, {
    mode: 'incremental',
    now: ctx.now(),
    trust: trustOf(ctx.session),
  });
  const checkpointProblems = [...earlier, ...(await checkpointCertificateProblems(ctx))];
  if (checkpointProblems.length > 0) {
    report.problems.unshift(...checkpointProblems);
    report.ok = false;
  }
  ctx.session.integrity = report;
  await keepCheckpoint();
  await recordOutcome(ctx, report, 'incremental');
  return report;
}

/** On demand: every page, then every hash, signature, certificate and checkpoint, with progress. */
export async function checkWholeLog(
  ctx: IntegrityRunContext,
  onProgress?: (done: number, total: number) => void,
): Promise<IntegrityReport> {
  // Every page first: damage to the file is reported as damage, before any chain is read.
  const pages = await startPageCheck(ctx.dbPath, ctx.vaultKey, {
    now: ctx.now,
    workerScript: ctx.workerScript,
  }).result;
  ctx.pageCheck.record(pages);
  const damage = pageProblem(pages);
  // Then the chains, off the UI's thread when the session has its reader: reading and parsing
  // 100k records on the main connection would freeze the window for the length of the check.
  // The reader loads the certificates itself, against the school key this session trusts.
  const trust = trustOf(ctx.session);
  const report = damage
    ? damagedReport(damage, ctx.now())
    : ctx.reader
      ? await ctx.reader.run(
          'fullCheck',
          {
            now: ctx.now().toISOString(),
            trustedSchool: ctx.session.trustedSchool,
            useTrust: trust !== undefined,
          },
          { onProgress },
        )
      : await checkIntegrity(ctx.db, { mode: 'full', now: ctx.now(), onProgress, trust });
  if (!damage) {
    // Every person's latest signed checkpoint must still match the vault.
    const vaultId = readKeySlots(ctx.keySlotsPath).vaultId;
    const problems = [
      ...(await checkAgainstCheckpoints(ctx.db, ctx.keySlotsPath, vaultId)),
      ...(await checkpointCertificateProblems(ctx)),
    ];
    if (problems.length > 0) {
      report.problems.unshift(...problems);
      report.ok = false;
    }
  }
  ctx.session.integrity = report;
  await recordOutcome(ctx, report, 'full');
  return report;
}

function damagedReport(problem: Problem, now: Date): IntegrityReport {
  return {
    mode: 'full',
    ok: false,
    checked: 0,
    lastSeq: 0,
    problems: [problem],
    auditChecked: 0,
    auditUnsigned: 0,
    at: now.toISOString(),
  };
}
