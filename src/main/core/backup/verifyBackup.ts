// Checks a backup file exactly as a restore would read it: the whole file's SHA-256, the header's
// MAC under the vault key, every part's hash; then the snapshot is taken out into a private folder,
// opened read-only, every page read (SQLCipher's per-page HMAC), the full chain of records and
// audit entries verified, and its head compared with what the header claims.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CaseSealError } from '../../../shared/errors';
import { openVaultDb } from '../../db/open';
import { logHead } from '../../db/repositories/backups';
import { checkIntegrity } from '../log/integrity';
import { extractContainer, inspectContainer, type BackupHeader } from './container';
import { checkEveryPage } from '../../db/snapshotPageCheck';

export interface BackupCheck {
  ok: boolean;
  problem: string | null;
  header: BackupHeader | null;
  sha256: string | null;
  bytes: number;
  pages: number;
  records: number;
}

export const DB_NAME = 'caseseal.db';
export const SLOTS_NAME = 'keyslots.json';

/**
 * Opens an extracted vault folder's database read-only and checks it; the caller owns the folder.
 * `onRecords` reports progress of the chain check.
 */
export async function checkExtractedVault(
  dir: string,
  vaultKey: Buffer,
  expect: { seq: number; headHash: string | null },
  now: Date,
  onRecords?: (done: number, total: number) => void,
): Promise<{ ok: boolean; problem: string | null; pages: number; records: number }> {
  const dbPath = join(dir, DB_NAME);
  let db;
  try {
    db = await openVaultDb(dbPath, vaultKey, { create: false, readonly: true });
  } catch {
    return {
      ok: false,
      problem: 'its vault could not be opened with its key',
      pages: 0,
      records: 0,
    };
  }
  try {
    const pages = checkEveryPage(db, statSync(dbPath).size);
    if (!pages.ok) return { ok: false, problem: pages.problem, pages: pages.pages, records: 0 };
    const report = await checkIntegrity(db, { mode: 'full', now, onProgress: onRecords });
    if (!report.ok)
      return {
        ok: false,
        problem: `its log failed the chain check (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'})`,
        pages: pages.pages,
        records: report.checked,
      };
    const head = await db.exclusive((c) => logHead(c));
    if (head.seq !== expect.seq || head.hash !== expect.headHash)
      return {
        ok: false,
        problem: 'its log does not end where its description says',
        pages: pages.pages,
        records: report.checked,
      };
    return { ok: true, problem: null, pages: pages.pages, records: report.checked };
  } finally {
    await db.close().catch(() => undefined);
  }
}

/** Used after every backup (in the worker): a fresh read of the file just written. */
export async function verifyBackupFile(
  path: string,
  vaultKey: Buffer,
  workParent: string,
  now: Date,
  onRecords?: (done: number, total: number) => void,
): Promise<BackupCheck> {
  let ins;
  try {
    ins = inspectContainer(path);
  } catch (e) {
    return fail(e instanceof CaseSealError ? e.message : 'the file could not be read');
  }
  const dir = mkdtempSync(join(workParent, '.caseseal-verify-'));
  try {
    try {
      extractContainer(path, ins, vaultKey, dir, { db: DB_NAME, keySlots: SLOTS_NAME });
    } catch (e) {
      return {
        ...fail(e instanceof CaseSealError ? e.message : 'a part could not be read'),
        header: ins.header,
        sha256: ins.sha256,
        bytes: ins.bytes,
      };
    }
    const r = await checkExtractedVault(
      dir,
      vaultKey,
      { seq: ins.header.seq, headHash: ins.header.headHash },
      now,
      onRecords,
    );
    return { ...r, header: ins.header, sha256: ins.sha256, bytes: ins.bytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fail(problem: string): BackupCheck {
  return { ok: false, problem, header: null, sha256: null, bytes: 0, pages: 0, records: 0 };
}
