// SQL for backups and restores: the backup settings and state rows (migration 0040), the log's head,
// the change mark that says whether anything happened since the last backup, and the signed backup
// records the dashboard reads.
import type { Conn } from '../sqlite';
import {
  backupConfigSchema,
  DEFAULT_BACKUP_CONFIG,
  type BackupConfig,
  type VerifiedMark,
} from '../../../shared/backup';

async function readState<T>(conn: Conn, key: string): Promise<T | null> {
  const row = await conn.get<{ value: string }>('SELECT value FROM backup_state WHERE key = ?', [
    key,
  ]);
  return row ? (JSON.parse(row.value) as T) : null;
}

async function writeState(conn: Conn, key: string, value: unknown): Promise<void> {
  await conn.run(
    'INSERT INTO backup_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    [key, JSON.stringify(value)],
  );
}

export async function readBackupConfig(conn: Conn): Promise<BackupConfig> {
  const raw = await readState<unknown>(conn, 'config');
  const parsed = backupConfigSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_BACKUP_CONFIG;
}

export async function writeBackupConfig(conn: Conn, config: BackupConfig): Promise<void> {
  await writeState(conn, 'config', backupConfigSchema.parse(config));
}

export interface LogHead {
  seq: number;
  hash: string | null;
}

export async function logHead(conn: Conn): Promise<LogHead> {
  const row = await conn.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1',
  );
  return { seq: row?.seq ?? 0, hash: row?.hash ?? null };
}

/** Kinds and audit actions that a backup itself, or merely signing in and out, leave behind. */
const QUIET_KINDS = ['backup-checked'];
// Signing in, locking, the checkpoints signed at both and the page check after sign-in change no case.
const QUIET_ACTIONS = ['sign-in', 'lock', 'backup-started', 'checkpoint', 'page-check'];

export interface ChangeMark {
  recordSeq: number;
  auditSeq: number;
}

/** The newest record and audit entry that are real changes (not sign-ins, locks or backups). */
export async function currentChangeMark(conn: Conn): Promise<ChangeMark> {
  const r = await conn.get<{ seq: number | null }>(
    `SELECT max(seq) AS seq FROM records WHERE kind NOT IN (${QUIET_KINDS.map(() => '?').join(',')})`,
    QUIET_KINDS,
  );
  const a = await conn.get<{ seq: number | null }>(
    `SELECT max(seq) AS seq FROM audit WHERE action NOT IN (${QUIET_ACTIONS.map(() => '?').join(',')})`,
    QUIET_ACTIONS,
  );
  return { recordSeq: r?.seq ?? 0, auditSeq: a?.seq ?? 0 };
}

export async function readMarkAtLastBackup(conn: Conn): Promise<ChangeMark | null> {
  return readState<ChangeMark>(conn, 'change-mark');
}

export async function writeMarkAtLastBackup(conn: Conn, mark: ChangeMark): Promise<void> {
  await writeState(conn, 'change-mark', mark);
}

export interface PendingRestore {
  fileName: string;
  backupSha256: string;
  backupSeq: number;
  backupHeadHash: string | null;
  restoredAt: string;
  previousSeq: number | null;
  previousHeadHash: string | null;
  previousVault: 'none' | 'read' | 'unreadable';
  movedAsideTo: string | null;
}

export async function readPendingRestore(conn: Conn): Promise<PendingRestore | null> {
  return readState<PendingRestore>(conn, 'pending-restore');
}

export async function writePendingRestore(conn: Conn, p: PendingRestore): Promise<void> {
  await writeState(conn, 'pending-restore', p);
}

export async function clearPendingRestore(conn: Conn): Promise<void> {
  await conn.run("DELETE FROM backup_state WHERE key = 'pending-restore'");
}

/** Every signed backup result, newest first (a few a day: small). */
export async function backupMarks(conn: Conn): Promise<VerifiedMark[]> {
  const rows = await conn.all<{ envelope: string; signed_at: string }>(
    "SELECT envelope, signed_at FROM records WHERE kind = 'backup-checked' ORDER BY seq DESC",
  );
  return rows.map((r) => {
    const body = (JSON.parse(r.envelope) as { body: Record<string, unknown> }).body;
    return {
      folder: String(body.folder),
      at: r.signed_at,
      fileName: String(body.fileName),
      seq: Number(body.seq),
      outcome: body.outcome === 'verified' ? 'verified' : 'failed',
    };
  });
}

/** The signed result recorded for a backup file with this SHA-256, if the log has one. */
export async function markForFile(
  conn: Conn,
  sha256: string,
): Promise<'verified' | 'failed' | null> {
  const row = await conn.get<{ outcome: string }>(
    "SELECT json_extract(envelope, '$.body.outcome') AS outcome FROM records WHERE kind = 'backup-checked' AND json_extract(envelope, '$.body.sha256') = ? ORDER BY seq DESC LIMIT 1",
    [sha256],
  );
  return row ? (row.outcome === 'verified' ? 'verified' : 'failed') : null;
}
