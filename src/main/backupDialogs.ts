// Electron glue for backups: the folder dialog for a backup folder and the open dialog for a backup
// file to restore. Main shows them, so the renderer never hands main a path.
import { dialog, type BrowserWindow } from 'electron';
import type { BackupIo } from './core/backup/backupService';

export function backupDialogs(window: () => BrowserWindow | null): BackupIo {
  return {
    async chooseBackupFolder() {
      const opts = {
        title: 'Choose a backup folder',
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const win = window();
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseBackupFile() {
      const opts = {
        title: 'Choose a CaseSeal backup to restore',
        filters: [{ name: 'CaseSeal backup', extensions: ['csbackup'] }],
        properties: ['openFile' as const],
      };
      const win = window();
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
