// What a signed-in person is told about the school key: its fingerprint (grouped for reading
// aloud), whether the recovery slot holds it, and the set-up sheet a DSL prints to keep with the
// recovery key.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { CaseSealError } from '../../../shared/errors';
import { managesAccounts } from '../../../shared/roles';
import type { TrustInfo } from '../../../shared/ipc/contract';
import type { Sqlite } from '../../db/sqlite';
import { readKeySlots, recoverySlotOf } from '../vault/keySlots';
import { readSettings } from '../../db/repositories/settings';
import type { Session } from '../identity/session';
import type { ImportReport } from '../intake/importIntake';
import { formatFingerprint } from '../crypto/ed25519';
import { renderSetupSheet } from './setupSheet';

export type Fingerprint = { fingerprint: string; grouped: string } | null;

/**
 * The fingerprint this session trusts (sealed in its own slot), or while locked the one the
 * key-slot file names; grouped for reading aloud (set-up sheet, Settings, exports).
 */
export function schoolKeyFingerprint(
  keySlotsPath: string,
  session: Pick<Session, 'trustedSchool'> | null,
): Fingerprint {
  const fp =
    session?.trustedSchool ??
    (existsSync(keySlotsPath) ? readKeySlots(keySlotsPath).schoolKey?.fingerprint : null);
  return fp ? { fingerprint: fp, grouped: formatFingerprint(fp) } : null;
}

export function trustInfo(
  keySlotsPath: string,
  fp: Fingerprint,
  lastImport: ImportReport | null,
): TrustInfo {
  const file = readKeySlots(keySlotsPath);
  return {
    schoolKeyFingerprint: fp?.fingerprint ?? null,
    grouped: fp?.grouped ?? null,
    recoveryHoldsSchoolKey: !!recoverySlotOf(file).schoolKey,
    intake: lastImport ? { imported: lastImport.imported, refused: lastImport.refused } : null,
  };
}

/** The set-up sheet as a PDF, saved where a DSL chooses (main's save dialog). */
export async function saveSetupSheet(
  ctx: { session: Session; db: Sqlite; now: () => Date; fingerprint: Fingerprint },
  choosePath: (suggestedName: string) => Promise<string | null>,
): Promise<{ fileName: string; saved: boolean; path?: string }> {
  const s = ctx.session;
  if (!managesAccounts(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
  const fp = ctx.fingerprint;
  if (!fp) throw new CaseSealError('NO_SCHOOL_KEY');
  const school = (await ctx.db.exclusive((c) => readSettings(c))).school;
  const bytes = await renderSetupSheet({
    school,
    dslName: s.account.name,
    fingerprint: fp.fingerprint,
    now: ctx.now(),
  });
  const fileName = 'caseseal-setup-sheet.pdf';
  const path = await choosePath(fileName);
  if (!path) return { fileName, saved: false };
  if (!isAbsolute(path))
    throw new CaseSealError('BAD_INPUT', 'The sheet must be saved to a full path.');
  try {
    await writeFile(path, bytes);
  } catch {
    throw new CaseSealError(
      'EXPORT_FAILED',
      'The sheet could not be saved there. Choose another folder.',
    );
  }
  return { fileName: basename(path), saved: true, path };
}
