// Backups as the renderer and main both see them: the settings (folders, generations kept, when the
// dashboard warns), what a backup file holds before it is restored, and the pure rule that turns
// "when was the last verified backup" into green, amber or red.
import { z } from 'zod';

export const retentionSchema = z
  .object({
    daily: z.number().int().min(1).max(366),
    weekly: z.number().int().min(0).max(520),
    monthly: z.number().int().min(0).max(1200),
  })
  .strict();
export type Retention = z.infer<typeof retentionSchema>;

export const warnAfterSchema = z
  .object({
    amberDays: z.number().int().min(1).max(365),
    redDays: z.number().int().min(1).max(365),
  })
  .strict()
  .refine((w) => w.redDays > w.amberDays, {
    message: 'Red must come after amber.',
    path: ['redDays'],
  });
export type WarnAfter = z.infer<typeof warnAfterSchema>;

export const backupConfigSchema = z
  .object({
    folders: z.array(z.string().min(1).max(1000)).max(10),
    retention: retentionSchema,
    warnAfter: warnAfterSchema,
  })
  .strict();
export type BackupConfig = z.infer<typeof backupConfigSchema>;

/** Defaults: 7 daily, 4 weekly, 12 monthly generations; amber after 2 days, red after 7. */
export const DEFAULT_BACKUP_CONFIG: BackupConfig = {
  folders: [],
  retention: { daily: 7, weekly: 4, monthly: 12 },
  warnAfter: { amberDays: 2, redDays: 7 },
};

export type BackupLevel = 'ok' | 'amber' | 'red';

export interface FolderStatus {
  folder: string;
  /** Can CaseSeal write there now? false: missing (e.g. a USB drive that is out) or read-only. */
  reachable: boolean;
  /** Plain words when not reachable. */
  problem: string | null;
  lastVerifiedAt: string | null;
  lastVerifiedFile: string | null;
  lastVerifiedSeq: number | null;
  /** Whole days since the last verified backup (null: never). */
  ageDays: number | null;
  level: BackupLevel;
  /** The newest backup in this folder failed its check (kept aside, named as failed). */
  lastFailedAt: string | null;
  lastFailedFile: string | null;
}

export interface BackupProgress {
  stage: 'snapshot' | 'write' | 'verify' | 'record';
  done: number;
  total: number;
}

export interface BackupStatus {
  config: BackupConfig;
  folders: FolderStatus[];
  running: boolean;
  generatedAt: string;
}

export interface BackupRunOutcome {
  folders: Array<{
    folder: string;
    outcome: 'verified' | 'failed' | 'unreachable';
    fileName: string | null;
    message: string;
  }>;
}

/** What a chosen backup file holds, read before anything changes (its header is not secret). */
export interface BackupPreview {
  token: string;
  fileName: string;
  bytes: number;
  school: { name: string; urn: string } | null;
  createdAt: string | null;
  seq: number | null;
  /** 'verified': named as checked when it was made; 'failed': kept aside as failed; 'unknown'. */
  checkedWhenMade: 'verified' | 'failed' | 'unknown';
  /** The file is complete and undamaged (its own SHA-256 matches). */
  intact: boolean;
  problem: string | null;
}

export interface RestoreOutcome {
  fileName: string;
  seq: number;
  movedAsideTo: string | null;
}

export interface VerifiedMark {
  folder: string;
  at: string;
  fileName: string;
  seq: number;
  outcome: 'verified' | 'failed';
}

const DAY_MS = 86_400_000;

/**
 * Per folder, the age of its last verified backup and its level: amber after `amberDays`, red after
 * `redDays`, red when it has never had one or cannot be reached. Pure: the clock is an argument.
 */
export function folderStatuses(
  config: BackupConfig,
  marks: readonly VerifiedMark[],
  reachability: ReadonlyMap<string, string | null>,
  now: Date,
): FolderStatus[] {
  return config.folders.map((folder) => {
    const mine = marks.filter((m) => m.folder === folder);
    const newest = (o: 'verified' | 'failed') =>
      mine.filter((m) => m.outcome === o).sort((a, b) => (a.at < b.at ? 1 : -1))[0] ?? null;
    const ok = newest('verified');
    const failed = newest('failed');
    const problem = reachability.get(folder) ?? null;
    const ageDays = ok
      ? Math.max(0, Math.floor((now.getTime() - Date.parse(ok.at)) / DAY_MS))
      : null;
    let level: BackupLevel = 'ok';
    if (ageDays === null || ageDays >= config.warnAfter.redDays || problem) level = 'red';
    else if (ageDays >= config.warnAfter.amberDays) level = 'amber';
    const failedIsNewest = failed && (!ok || failed.at > ok.at);
    if (failedIsNewest && level === 'ok') level = 'amber';
    return {
      folder,
      reachable: problem === null,
      problem,
      lastVerifiedAt: ok?.at ?? null,
      lastVerifiedFile: ok?.fileName ?? null,
      lastVerifiedSeq: ok?.seq ?? null,
      ageDays,
      level,
      lastFailedAt: failedIsNewest ? failed.at : null,
      lastFailedFile: failedIsNewest ? failed.fileName : null,
    };
  });
}
