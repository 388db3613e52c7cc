// Restoring a vault from a backup file (README, "Where the vault lives, and backing it up"): the
// file is checked and its vault rebuilt in a staging folder beside the vault first — the whole
// file's hash, the passphrase or recovery key against the backup's own key slots, every part, every
// page and the full chain. Only then is the current vault folder moved aside (never deleted) and
// the staged one renamed into its place. A refused restore changes nothing.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CaseSealError } from '../../../shared/errors';
import type { BackupPreview } from '../../../shared/backup';
import { openVaultDb } from '../../db/open';
import { logHead, writePendingRestore, type LogHead } from '../../db/repositories/backups';
import { vaultPathsIn } from '../vault/paths';
import { extractContainer, inspectContainer, readKeySlotsSection } from './container';
import { parseBackupName } from './fileName';
import { checkExtractedVault, DB_NAME, SLOTS_NAME } from './verifyBackup';
import { unlockVaultKey } from './unlockKey';

/** What the file says about itself, read without any key; damage is reported, not thrown. */
export function previewBackupFile(
  path: string,
): Omit<BackupPreview, 'token'> & { sha256: string | null } {
  const fileName = basename(path);
  const named = parseBackupName(fileName);
  const checkedWhenMade = named ? (named.failed ? 'failed' : 'verified') : 'unknown';
  let bytes = 0;
  try {
    bytes = statSync(path).size;
  } catch {
    /* reported by inspect below */
  }
  try {
    const ins = inspectContainer(path);
    return {
      fileName,
      bytes,
      school: ins.header.school,
      createdAt: ins.header.createdAt,
      seq: ins.header.seq,
      checkedWhenMade,
      intact: true,
      problem: null,
      sha256: ins.sha256,
    };
  } catch (e) {
    return {
      fileName,
      bytes,
      school: null,
      createdAt: null,
      seq: null,
      checkedWhenMade,
      intact: false,
      problem: e instanceof CaseSealError ? e.message : 'That file could not be read.',
      sha256: null,
    };
  }
}

export interface RestoreInput {
  vaultDir: string;
  backupPath: string;
  /** A team member's passphrase (as in the backup) or the recovery key. */
  secret: string;
  now: Date;
  /** The live vault's head when a signed-in DSL restores (read before it was closed). */
  currentHead: LogHead | null;
}

export interface StagedRestore {
  stagingDir: string;
  fileName: string;
  sha256: string;
  seq: number;
  headHash: string | null;
  vaultKey: Buffer;
}

/** Step 1: everything that can fail, in a new staging folder; the vault folder is untouched. */
export async function stageRestore(input: RestoreInput): Promise<StagedRestore> {
  const ins = inspectContainer(input.backupPath);
  const vaultDir = vaultPathsIn(input.vaultDir).dir;
  mkdirSync(dirname(vaultDir), { recursive: true });
  const staging = mkdtempSync(`${vaultDir}-restoring-`);
  let key: Buffer | null = null;
  try {
    // The passphrase or recovery key is tried against the backup's own key slots.
    const slotCheck = join(staging, '.slots-check.json');
    writeFileSync(slotCheck, readKeySlotsSection(input.backupPath, ins), { mode: 0o600 });
    key = (await unlockVaultKey(slotCheck, input.secret)).key;
    rmSync(slotCheck, { force: true });
    extractContainer(input.backupPath, ins, key, staging, { db: DB_NAME, keySlots: SLOTS_NAME });
    const check = await checkExtractedVault(
      staging,
      key,
      { seq: ins.header.seq, headHash: ins.header.headHash },
      input.now,
    );
    if (!check.ok)
      throw new CaseSealError(
        'BACKUP_DAMAGED',
        `This backup failed its check: ${check.problem}. It cannot be restored. Nothing has been changed.`,
      );
    return {
      stagingDir: staging,
      fileName: basename(input.backupPath),
      sha256: ins.sha256,
      seq: ins.header.seq,
      headHash: ins.header.headHash,
      vaultKey: key,
    };
  } catch (e) {
    key?.fill(0);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** The current vault's head, read with the key the same secret gives for its own key slots. */
export async function readCurrentHead(
  vaultDir: string,
  secret: string,
): Promise<{ state: 'none' | 'read' | 'unreadable' | 'not-a-key-here'; head: LogHead | null }> {
  const paths = vaultPathsIn(vaultDir);
  if (!existsSync(paths.db)) return { state: 'none', head: null };
  let key: Buffer | null = null;
  // Opening a WAL database read-only creates its -wal and -shm files: ours are removed afterwards,
  // so a refused restore leaves the folder exactly as it was.
  const sideFiles = [`${paths.db}-wal`, `${paths.db}-shm`].filter((f) => !existsSync(f));
  try {
    try {
      key = (await unlockVaultKey(paths.keySlots, secret)).key;
    } catch (e) {
      // The secret opens no slot of this vault's own key-slot file (readable: otherwise it failed above).
      if (e instanceof CaseSealError && e.code === 'BACKUP_WRONG_KEY')
        return { state: 'not-a-key-here', head: null };
      throw e;
    }
    const db = await openVaultDb(paths.db, key, { create: false, readonly: true });
    try {
      return { state: 'read', head: await db.exclusive((c) => logHead(c)) };
    } finally {
      await db.close();
    }
  } catch {
    return { state: 'unreadable', head: null };
  } finally {
    key?.fill(0);
    for (const f of sideFiles) rmSync(f, { force: true });
  }
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Step 2: note what the restore replaces inside the restored vault (the next sign-in signs it as a
 * "restored from backup" record), move the current vault folder aside, put the staged one in place.
 */
export async function commitRestore(
  staged: StagedRestore,
  vaultDir: string,
  previous: { state: 'none' | 'read' | 'unreadable'; head: LogHead | null },
  now: Date,
): Promise<{ movedAsideTo: string | null }> {
  const dir = vaultPathsIn(vaultDir).dir;
  const hasCurrent = existsSync(dir);
  const aside = hasCurrent ? `${dir}-before-restore-${stamp(now)}` : null;
  try {
    const db = await openVaultDb(join(staged.stagingDir, DB_NAME), staged.vaultKey, {
      create: false,
    });
    try {
      await db.transaction((c) =>
        writePendingRestore(c, {
          fileName: staged.fileName,
          backupSha256: staged.sha256,
          backupSeq: staged.seq,
          backupHeadHash: staged.headHash,
          restoredAt: now.toISOString(),
          previousSeq: previous.head?.seq ?? null,
          previousHeadHash: previous.head?.hash ?? null,
          previousVault: previous.state,
          movedAsideTo: aside ? basename(aside) : null,
        }),
      );
    } finally {
      await db.close();
    }
    if (aside) renameSync(dir, aside);
    try {
      renameSync(staged.stagingDir, dir);
    } catch (e) {
      // Put the current vault back where it was: a failed restore changes nothing.
      if (aside) renameSync(aside, dir);
      throw e;
    }
    return { movedAsideTo: aside };
  } catch (e) {
    rmSync(staged.stagingDir, { recursive: true, force: true });
    throw e;
  } finally {
    staged.vaultKey.fill(0);
  }
}
