// One backup run, off the UI's thread (it runs as the worker's `backup` task, worker/tasks.ts): one consistent
// snapshot (VACUUM INTO is a single read transaction on its own connection: writers carry on), then
// per folder: write the container to a hidden partial file, fsync, check it as a restore would,
// and only then rename it into place — as a backup, or set aside as FAILED. A kill at any moment
// leaves either a complete checked backup or none. Each result is a signed record in the live log.
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  closeSync,
  fsyncSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import type { Retention } from '../../../shared/backup';
import type { Signer } from '../../../shared/records/envelope';
import { VAULT_LOG_CASE_ID } from '../../../shared/records/kinds/backup';
import { openVaultDb } from '../../db/open';
import { vacuumInto } from '../../db/snapshot';
import {
  currentChangeMark,
  logHead,
  writeMarkAtLastBackup,
  type ChangeMark,
} from '../../db/repositories/backups';
import { readSettings } from '../../db/repositories/settings';
import { appendRecord } from '../log/recordLog';
import { privateKeyFromDer } from '../crypto/ed25519';
import { vaultPathsIn } from '../vault/paths';
import { writeContainer } from './container';
import { backupBaseName, BACKUP_EXT, FAILED_EXT, PARTIAL_EXT, parseBackupName } from './fileName';
import { backupsToPrune } from './retention';
import { otherVaultFiles } from './vaultFiles';
import { verifyBackupFile } from './verifyBackup';

export interface BackupJob {
  vaultDir: string;
  vaultKey: Uint8Array;
  folders: string[];
  retention: Retention;
  /** Who the signed result records are signed by (the person whose session made or ended the run). */
  signer: Signer;
  signingKeyDer: Uint8Array;
  /** Main's clock minus this thread's clock (tests fix main's clock). */
  clockOffsetMs: number;
}

export interface FolderResult {
  folder: string;
  outcome: 'verified' | 'failed' | 'unreachable';
  fileName: string | null;
  message: string;
  sha256: string | null;
  seq: number | null;
  headHash: string | null;
  bytes: number;
}

export interface BackupJobResult {
  folders: FolderResult[];
  seq: number;
}

export interface JobProgress {
  stage: 'snapshot' | 'write' | 'verify' | 'record';
  done: number;
  total: number;
}

/**
 * A partial file touched within this time means a backup of that folder is being written (by this
 * PC or another one sharing the folder); older ones are leftovers of a killed run. File times are
 * compared with the real clock, never the app's.
 */
const PARTIAL_IN_USE_MS = 3600_000;

export function folderProblem(folder: string): string | null {
  try {
    if (!statSync(folder).isDirectory()) return 'This backup folder is not a folder.';
  } catch {
    return 'This backup folder cannot be found (a drive that is not plugged in, or a network folder that cannot be reached).';
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return 'CaseSeal cannot write to this backup folder (it is read-only or permission is refused).';
  }
  return null;
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot fsync a folder; its rename is still atomic.
  }
}

interface Snapshot {
  path: string;
  seq: number;
  headHash: string | null;
  school: { name: string; urn: string };
  mark: ChangeMark;
}

async function takeSnapshot(vaultDb: string, key: Buffer, workDir: string): Promise<Snapshot> {
  const path = join(workDir, 'snapshot.db');
  const live = await openVaultDb(vaultDb, key, { create: false, readonly: true });
  try {
    // One read transaction: a consistent copy, encrypted with the same key and cipher (SQLCipher 4).
    vacuumInto(live, path);
  } finally {
    await live.close();
  }
  const snap = await openVaultDb(path, key, { create: false, readonly: true });
  try {
    return await snap.exclusive(async (c) => {
      const head = await logHead(c);
      const settings = await readSettings(c);
      return {
        path,
        seq: head.seq,
        headHash: head.hash,
        school: { name: settings.school.name, urn: settings.school.urn },
        mark: await currentChangeMark(c),
      };
    });
  } finally {
    await snap.close();
  }
}

/** Leftovers of a killed run are removed; a fresh partial (a backup being written) stops pruning. */
function tidyFolder(folder: string, now: Date): { busy: boolean } {
  let busy = false;
  for (const name of readdirSync(folder)) {
    const isPartial = name.startsWith('.') && name.endsWith(PARTIAL_EXT);
    const isVerify = name.startsWith('.caseseal-verify-');
    if (!isPartial && !isVerify) continue;
    const p = join(folder, name);
    let age: number;
    try {
      age = now.getTime() - statSync(p).mtimeMs;
    } catch {
      continue;
    }
    if (age < PARTIAL_IN_USE_MS) busy = true;
    else rmSync(p, { recursive: true, force: true });
  }
  return { busy };
}

/** Pruning runs only when no other backup of this folder is being written. */
export function pruneFolder(folder: string, retention: Retention): string[] {
  if (tidyFolder(folder, new Date()).busy) return [];
  const gens = readdirSync(folder)
    .map(parseBackupName)
    .filter((p): p is NonNullable<typeof p> => p !== null && !p.failed)
    .map((p) => ({ fileName: p.fileName, at: p.at }));
  const gone = backupsToPrune(gens, retention);
  for (const name of gone) {
    try {
      unlinkSync(join(folder, name));
    } catch {
      /* already gone or locked: tried again next time */
    }
  }
  return gone;
}

async function backUpToFolder(
  folder: string,
  snap: Snapshot,
  job: BackupJob,
  key: Buffer,
  keySlots: Buffer,
  others: ReturnType<typeof otherVaultFiles>,
  now: () => Date,
  onProgress: (p: JobProgress) => void,
): Promise<FolderResult> {
  const base: Omit<FolderResult, 'outcome' | 'message'> = {
    folder,
    fileName: null,
    sha256: null,
    seq: snap.seq,
    headHash: snap.headHash,
    bytes: 0,
  };
  const problem = folderProblem(folder);
  if (problem) return { ...base, outcome: 'unreachable', message: problem };
  const at = now();
  let name = backupBaseName(snap.school.name, at, snap.seq);
  if (existsSync(join(folder, name + BACKUP_EXT))) name += ` ${process.pid}`;
  const partial = join(folder, `.${name}${PARTIAL_EXT}`);
  let written: { sha256: string; bytes: number };
  try {
    written = writeContainer(
      partial,
      {
        createdAt: at,
        school: snap.school,
        vaultId: vaultIdOf(keySlots),
        seq: snap.seq,
        headHash: snap.headHash,
        snapshotPath: snap.path,
        keySlots,
        files: others,
      },
      key,
      (done, total) => onProgress({ stage: 'write', done, total }),
    );
  } catch {
    rmSync(partial, { force: true });
    return {
      ...base,
      outcome: 'unreachable',
      message:
        'The backup could not be written to this folder (it may be full, or was removed while writing).',
    };
  }
  onProgress({ stage: 'verify', done: 0, total: snap.seq });
  const check = await verifyBackupFile(partial, key, folder, now(), (done, total) =>
    onProgress({ stage: 'verify', done, total }),
  );
  const ok = check.ok && check.sha256 === written.sha256;
  const finalName = name + (ok ? BACKUP_EXT : FAILED_EXT);
  renameSync(partial, join(folder, finalName));
  fsyncDir(folder);
  if (ok) pruneFolder(folder, job.retention);
  return {
    ...base,
    outcome: ok ? 'verified' : 'failed',
    fileName: finalName,
    sha256: written.sha256,
    bytes: written.bytes,
    message: ok
      ? 'Backed up and checked.'
      : `The backup failed its check (${check.problem ?? 'its hash changed'}). It has been kept aside, named as failed.`,
  };
}

function vaultIdOf(keySlots: Buffer): string | null {
  try {
    const v = (JSON.parse(keySlots.toString('utf8')) as { vaultId?: unknown }).vaultId;
    return typeof v === 'string' ? v.slice(0, 100) : null;
  } catch {
    return null;
  }
}

/** Signs one record per folder that was written (verified or failed) into the live log. */
async function recordResults(
  job: BackupJob,
  key: Buffer,
  results: FolderResult[],
  mark: ChangeMark,
  now: () => Date,
): Promise<void> {
  const written = results.filter((r) => r.outcome !== 'unreachable');
  if (written.length === 0) return;
  const paths = vaultPathsIn(job.vaultDir);
  const db = await openVaultDb(paths.db, key, { create: false });
  const privateKey = privateKeyFromDer(Buffer.from(job.signingKeyDer));
  try {
    await db.transaction(async (c) => {
      for (const r of written) {
        await appendRecord(c, {
          caseId: VAULT_LOG_CASE_ID,
          kind: 'backup-checked',
          body: {
            outcome: r.outcome,
            folder: r.folder,
            fileName: r.fileName,
            seq: r.seq,
            headHash: r.headHash,
            sha256: r.sha256,
            bytes: r.bytes,
            ...(r.outcome === 'failed' ? { problem: r.message.slice(0, 500) } : {}),
          },
          signer: job.signer,
          privateKey,
          now: now(),
        });
      }
      if (written.some((r) => r.outcome === 'verified')) await writeMarkAtLastBackup(c, mark);
    });
  } finally {
    await db.close();
  }
}

export async function runBackupJob(
  job: BackupJob,
  onProgress: (p: JobProgress) => void = () => undefined,
): Promise<BackupJobResult> {
  const key = Buffer.from(job.vaultKey);
  const now = () => new Date(Date.now() + job.clockOffsetMs);
  const paths = vaultPathsIn(job.vaultDir);
  const workDir = mkdtempSync(join(paths.dir, '.backup-work-'));
  try {
    onProgress({ stage: 'snapshot', done: 0, total: 1 });
    const snap = await takeSnapshot(paths.db, key, workDir);
    const keySlots = readFileSync(paths.keySlots);
    const others = otherVaultFiles(paths.dir, basename(paths.keySlots));
    onProgress({ stage: 'snapshot', done: 1, total: 1 });
    const results: FolderResult[] = [];
    for (const folder of job.folders) {
      results.push(await backUpToFolder(folder, snap, job, key, keySlots, others, now, onProgress));
    }
    onProgress({ stage: 'record', done: 0, total: 1 });
    await recordResults(job, key, results, snap.mark, now);
    onProgress({ stage: 'record', done: 1, total: 1 });
    return { folders: results, seq: snap.seq };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    key.fill(0);
  }
}
