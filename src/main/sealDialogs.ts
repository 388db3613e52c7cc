// Electron glue for checking the log against a saved seal: the open dialog for the PDF of a log
// seal or an export receipt. Main shows it, so the renderer never hands main a path.
import { dialog, type BrowserWindow } from 'electron';
import type { SealIo } from './core/api/handlers';

export function sealDialogs(window: () => BrowserWindow | null): SealIo {
  return {
    async chooseSealPdf() {
      const opts = {
        title: 'Choose the log seal or export receipt (PDF)',
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
        properties: ['openFile' as const],
      };
      const win = window();
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
