// At a team member's sign-in, main opens each sealed concern in the intake folder, checks the staff
// member's signature and certificate, and appends it as a record that keeps their own signature and
// the time they sealed it; only after that commit is the file removed. A crash at any point loses
// nothing and duplicates nothing: the import is keyed by the sealed file's id.
import { randomUUID } from 'node:crypto';
import { kindDef } from '../../../shared/records/registry';
import type { Sqlite } from '../../db/sqlite';
import {
  findIntakeImport,
  getIntakeKey,
  insertIntakeImport,
} from '../../db/repositories/trustKeys';
import type { CertificateBook } from '../accounts/certificates';
import { appendAudit } from '../audit/auditLog';
import { createConcernCase, signIntoCase, validateBody } from '../cases/caseService';
import { sha256Hex } from '../crypto/hash';
import type { Session } from '../identity/session';
import { signerOf } from '../identity/session';
import { listSealedFiles, removeSealedFile } from './intakeFolder';
import { intakePrivateFromDer } from './intakeKey';
import {
  openSealedFile,
  parseStatement,
  sealedFileSchema,
  statementSignatureValid,
} from './sealedConcern';

export type ImportStep = 'opened' | 'committed' | 'removed';

export interface ImportReport {
  imported: number;
  alreadyImported: number;
  /** Files left in the folder, with why (nothing is deleted that was not imported). */
  refused: Array<{ file: string; reason: string }>;
}

export async function importSealedConcerns(
  ctx: { session: Session; db: Sqlite; now: () => Date },
  args: {
    intakeDir: string;
    vaultId: string;
    book: CertificateBook | null;
    onStep?: (step: ImportStep, file: string) => void;
  },
): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, alreadyImported: 0, refused: [] };
  for (const f of listSealedFiles(args.intakeDir)) {
    const fileHash = sha256Hex(f.text);
    const refuse = (reason: string) => report.refused.push({ file: f.name, reason });
    let parsed;
    try {
      parsed = sealedFileSchema.parse(JSON.parse(f.text));
    } catch {
      refuse('not a sealed concern file of a version this CaseSeal reads');
      continue;
    }
    if (parsed.vaultId !== args.vaultId) {
      refuse('sealed for another school’s vault');
      continue;
    }
    const done = await ctx.db.exclusive((c) => findIntakeImport(c, parsed.id));
    if (done) {
      // Imported before a crash stopped the file being removed: remove it now, nothing more.
      removeSealedFile(args.intakeDir, f.path);
      report.alreadyImported += 1;
      continue;
    }
    const key = await ctx.db.exclusive((c) => getIntakeKey(c, parsed.recipient));
    const signed = key ? openSealedFile(parsed, intakePrivateFromDer(key.privateKeyDer)) : null;
    const statement = signed ? parseStatement(signed.statement) : null;
    if (!signed || !statement || statement.id !== parsed.id || statement.vaultId !== args.vaultId) {
      refuse('could not be opened with the team’s intake key, or was altered');
      continue;
    }
    args.onStep?.('opened', f.name);
    const signer = statement.signer;
    const certProblem = args.book
      ? args.book.problemWith({
          accountId: signer.accountId,
          keyId: signer.keyId,
          at: statement.sealedAt,
          role: signer.role,
        })
      : 'no certificates could be trusted';
    const pem = args.book?.certifiedKeys().get(signer.keyId);
    if (certProblem || !pem || pem.accountId !== signer.accountId) {
      refuse(`its signature ${certProblem ?? 'is not by a certified key'}`);
      continue;
    }
    if (!statementSignatureValid(signed, pem.pem)) {
      refuse('its signature does not match its text');
      continue;
    }
    let concernBody: Record<string, unknown>;
    try {
      concernBody = validateBody(kindDef('concern')!, statement.body);
    } catch {
      refuse('its contents are not a concern this CaseSeal accepts');
      continue;
    }
    await ctx.db.transaction(async (conn) => {
      // Re-checked inside the transaction: another window may have imported it meanwhile.
      if (await findIntakeImport(conn, parsed.id)) return;
      const now = ctx.now();
      const caseId = await createConcernCase(conn, {
        id: randomUUID(),
        createdBy: signer.accountId,
        at: statement.sealedAt,
        now,
      });
      const body = {
        ...concernBody,
        sealed: {
          intakeId: parsed.id,
          sealedAt: statement.sealedAt,
          author: signer,
          statement: signed.statement,
          hash: signed.hash,
          signature: signed.signature,
        },
      };
      const result = await signIntoCase({ clock: ctx.now }, conn, {
        caseId,
        kind: 'sealed-concern',
        body: validateBody(kindDef('sealed-concern')!, body),
        by: { signer: signerOf(ctx.session), privateKey: ctx.session.privateKey },
        actor: {
          id: ctx.session.account.id,
          name: ctx.session.account.name,
          role: ctx.session.account.role,
          active: true,
        },
        skipRules: true,
      });
      await insertIntakeImport(conn, {
        intakeId: parsed.id,
        fileHash,
        recordId: result.record.envelope.id,
        at: now.toISOString(),
      });
      await appendAudit(conn, {
        at: now.toISOString(),
        actorId: ctx.session.account.id,
        action: 'concern-imported',
        caseId,
        recordId: result.record.envelope.id,
        detail: { intakeId: parsed.id, author: signer.accountId, sealedAt: statement.sealedAt },
      });
    });
    args.onStep?.('committed', f.name);
    removeSealedFile(args.intakeDir, f.path);
    args.onStep?.('removed', f.name);
    report.imported += 1;
  }
  if (report.refused.length > 0)
    await ctx.db.exclusive((c) =>
      appendAudit(c, {
        at: ctx.now().toISOString(),
        actorId: ctx.session.account.id,
        action: 'concern-refused',
        detail: { files: report.refused.slice(0, 50) },
      }),
    );
  return report;
}
