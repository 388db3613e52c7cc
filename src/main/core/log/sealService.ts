// The log-seal channels: the DSL prints a seal (saved where they choose, audited); the team and
// senior leaders check the vault against a seal typed from paper or read from a saved receipt.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { CaseSealError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import type { Sqlite } from '../../db/sqlite';
import { appendAudit } from '../audit/auditLog';
import { readSettings } from '../../db/repositories/settings';
import { scanPdf } from '../verify/pdfText';
import {
  checkAgainstSeal,
  makeLogSeal,
  parseSealShortForm,
  type SchoolKeyFingerprint,
  type SealCheck,
} from './logSeal';
import { renderLogSeal } from './logSealPdf';

export interface SealContext {
  session: {
    account: { id: string; name: string; role: Role };
    keyId: string;
    privateKey: KeyObject;
  };
  db: Sqlite;
  now: () => Date;
  schoolKeyFingerprint?: SchoolKeyFingerprint;
}

const MAY_CHECK: readonly Role[] = ['dsl', 'deputy', 'slt'];

export async function printLogSeal(
  ctx: SealContext,
  choosePath: (suggestedName: string) => Promise<string | null>,
): Promise<{ fileName: string; saved: boolean; path?: string; shortForm: string }> {
  const s = ctx.session;
  if (s.account.role !== 'dsl')
    throw new CaseSealError(
      'NOT_ALLOWED',
      'Only the Designated Safeguarding Lead prints a log seal.',
    );
  const at = ctx.now().toISOString();
  const seal = await ctx.db.exclusive(async (c) =>
    makeLogSeal(c, {
      school: (await readSettings(c)).school,
      at,
      signer: {
        accountId: s.account.id,
        name: s.account.name,
        keyId: s.keyId,
        privateKey: s.privateKey,
      },
      schoolKeyFingerprint: ctx.schoolKeyFingerprint,
    }),
  );
  const pdf = await renderLogSeal(seal, ctx.now());
  const fileName = `log-seal-${at.slice(0, 10)}.pdf`;
  const path = await choosePath(fileName);
  if (!path) return { fileName, saved: false, shortForm: seal.shortForm };
  if (!isAbsolute(path))
    throw new CaseSealError('BAD_INPUT', 'The seal must be saved to a full path.');
  try {
    await writeFile(path, pdf);
  } catch {
    throw new CaseSealError(
      'EXPORT_FAILED',
      'The seal could not be saved there. Choose another folder.',
    );
  }
  await ctx.db.transaction((c) =>
    appendAudit(c, {
      at,
      actorId: s.account.id,
      action: 'log-seal',
      detail: {
        shortForm: seal.shortForm,
        recordSeq: seal.body.records.seq,
        auditSeq: seal.body.audit.seq,
        signature: seal.signature,
      },
    }),
  );
  return { fileName: basename(path), saved: true, path, shortForm: seal.shortForm };
}

export interface SealCheckOutcome extends SealCheck {
  shortForm: string;
}

/** Checks the vault against a typed short form. */
export async function checkLogSeal(
  ctx: SealContext,
  input: { shortForm: string },
): Promise<SealCheckOutcome> {
  if (!MAY_CHECK.includes(ctx.session.account.role)) throw new CaseSealError('NOT_ALLOWED');
  const typed = parseSealShortForm(input.shortForm);
  if (!typed)
    throw new CaseSealError(
      'BAD_INPUT',
      'Type the short form exactly as printed: R, the number of records and 16 letters and digits, then A, the number of audit entries and 16 letters and digits.',
    );
  const result = await ctx.db.exclusive((c) => checkAgainstSeal(c, typed));
  await ctx.db.transaction((c) =>
    appendAudit(c, {
      at: ctx.now().toISOString(),
      actorId: ctx.session.account.id,
      action: 'log-seal-checked',
      detail: { shortForm: input.shortForm.slice(0, 120), ok: result.ok },
    }),
  );
  return { ...result, shortForm: input.shortForm };
}

/** Reads the short form printed on a saved log seal or export receipt, then checks it. */
export async function checkLogSealFromPdf(
  ctx: SealContext,
  path: string,
): Promise<SealCheckOutcome> {
  let text: string;
  try {
    text = scanPdf(await readFile(path)).text;
  } catch {
    throw new CaseSealError(
      'BAD_INPUT',
      'That file is not a log seal or receipt CaseSeal can read.',
    );
  }
  const m =
    /R\s*\d+\s*[0-9A-F]{4}(?:-[0-9A-F]{4}){3}\s*\/\s*A\s*\d+\s*[0-9A-F]{4}(?:-[0-9A-F]{4}){3}/.exec(
      text,
    );
  if (!m)
    throw new CaseSealError(
      'BAD_INPUT',
      'No log seal was found in that file. Type the short form instead.',
    );
  return checkLogSeal(ctx, { shortForm: m[0] });
}
