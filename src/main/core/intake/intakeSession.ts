// The intake as a session uses it (least privilege): a staff session seals a concern to the team
// and gets only a receipt back; a team sign-in imports every sealed concern waiting in the folder.
import { CaseSealError } from '../../../shared/errors';
import type { Sqlite } from '../../db/sqlite';
import type { Session } from '../identity/session';
import type { VaultPaths } from '../vault/paths';
import { readKeySlots } from '../vault/keySlots';
import type { IntakeStep } from './intakeFolder';
import { importSealedConcerns, type ImportReport, type ImportStep } from './importIntake';
import { sealConcern, type ConcernReceipt } from './sealConcern';

export type IntakeSteps = ((step: IntakeStep | ImportStep) => void) | undefined;

/** Staff only: a team member records the concern in the case log instead. */
export function sealStaffConcern(
  ctx: { session: Session; paths: VaultPaths; now: () => Date },
  body: unknown,
  steps: IntakeSteps,
): ConcernReceipt {
  if (ctx.session.vaultOpen)
    throw new CaseSealError('NOT_ALLOWED', 'Record the concern in the case log instead.');
  return sealConcern(
    {
      session: ctx.session,
      file: readKeySlots(ctx.paths.keySlots),
      intakeDir: ctx.paths.intake,
      now: ctx.now,
    },
    body,
    (step) => steps?.(step),
  );
}

/** At a team sign-in: every waiting concern, checked against this session's certificates. */
export function importWaitingConcerns(
  ctx: { session: Session; db: Sqlite; now: () => Date; paths: VaultPaths },
  steps: IntakeSteps,
): Promise<ImportReport> {
  const file = readKeySlots(ctx.paths.keySlots);
  return importSealedConcerns(
    { session: ctx.session, db: ctx.db, now: ctx.now },
    {
      intakeDir: ctx.paths.intake,
      vaultId: file.vaultId,
      book: ctx.session.certificates,
      onStep: (step) => steps?.(step),
    },
  );
}
