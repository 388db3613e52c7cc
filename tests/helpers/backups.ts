// Helpers for backup tests: a vault with a backup folder, a movable clock, and restoring a backup
// file into a fresh folder the way a new PC's first screen does.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import { workerScript } from './workerScript';
import { setUpVault, tempDir } from './vault';

export interface Clock {
  now: Date;
  fn: () => Date;
}

export function movableClock(start = '2026-12-01T10:00:00.000Z'): Clock {
  const c: Clock = { now: new Date(start), fn: () => new Date(c.now) };
  return c;
}

export async function vaultWithBackupFolder(clock?: Clock) {
  const v = await setUpVault({
    workerScript: workerScript(),
    ...(clock ? { clock: clock.fn } : {}),
  });
  const folder = tempDir('caseseal-backups-');
  await v.core.backups.addFolder({ chooseBackupFolder: async () => folder });
  return { ...v, folder };
}

export function backupFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((n) => n.endsWith('.csbackup'))
    .sort();
}

export function failedFiles(folder: string): string[] {
  return readdirSync(folder).filter((n) => n.endsWith('.csbackup-FAILED'));
}

/** A new PC: a new empty vault folder, the backup file, a passphrase. */
export async function restoreInto(
  backupPath: string,
  secret: string,
  vaultDir = join(tempDir('caseseal-newpc-'), 'vault'),
) {
  const core = new CaseSealCore({ vaultDir, workerScript: workerScript() });
  const preview = await core.backups.pickBackup({ chooseBackupFile: async () => backupPath });
  const outcome = await core.backups.restore(preview.token, secret);
  return { core, vaultDir, preview, outcome };
}
