// A staff member records a concern without the vault being opened: main validates it (R2 first),
// signs it with their own key, seals it to the team's intake key — which must carry the school
// key's signature, checked against the fingerprint sealed in their own key slot — and writes it as
// one file into the intake folder. The receipt is all they get back: they cannot read it again.
import { randomUUID } from 'node:crypto';
import { CaseSealError } from '../../../shared/errors';
import { kindDef } from '../../../shared/records/registry';
import { validateBody } from '../cases/caseService';
import type { Session } from '../identity/session';
import type { KeySlotFile } from '../vault/keySlots';
import { intakeKeyIsGenuine } from './intakeKey';
import { writeSealedFile, type IntakeStep } from './intakeFolder';
import { receiptReference, sealStatement, signStatement } from './sealedConcern';

export interface ConcernReceipt {
  reference: string;
  sealedAt: string;
  /** SHA-256 of the statement the staff member signed (hex). */
  sha256: string;
}

export function sealConcern(
  ctx: { session: Session; file: KeySlotFile; intakeDir: string; now: () => Date },
  rawBody: unknown,
  onStep?: (step: IntakeStep) => void,
): ConcernReceipt {
  const { session, file } = ctx;
  const body = validateBody(kindDef('concern')!, rawBody);
  const intake = file.intakeKey;
  const school = file.schoolKey;
  if (
    !intake ||
    !school ||
    !session.trustedSchool ||
    school.fingerprint !== session.trustedSchool ||
    !intakeKeyIsGenuine(school.publicKeyPem, { ...intake, vaultId: file.vaultId })
  )
    throw new CaseSealError(
      'INTAKE_UNAVAILABLE',
      'CaseSeal cannot seal your concern on this computer: its safeguarding team key could not be checked. Nothing was saved. Tell the DSL in person now, and ask them to sign in to CaseSeal.',
    );
  const id = randomUUID();
  const sealedAt = ctx.now().toISOString();
  const signed = signStatement(
    {
      type: 'caseseal-concern-statement',
      v: 1,
      id,
      vaultId: file.vaultId,
      sealedAt,
      signer: {
        accountId: session.account.id,
        name: session.account.name,
        role: session.account.role,
        keyId: session.keyId,
      },
      body,
    },
    session.privateKey,
  );
  const sealed = sealStatement(
    signed,
    { keyId: intake.keyId, publicKeyPem: intake.publicKeyPem, vaultId: file.vaultId },
    id,
  );
  writeSealedFile(ctx.intakeDir, sealed, onStep);
  return { reference: receiptReference(id), sealedAt, sha256: signed.hash };
}
