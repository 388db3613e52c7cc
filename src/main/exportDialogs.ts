// Electron glue for the sealed export: the save dialog for a new export, the open dialog
// for "Verify an export" and the save dialog for a receipt (PDF). Main shows them, so the renderer
// never hands main a file path.
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { ExportIo } from './core/export/exportApi';

const ZIP_FILTER = [{ name: 'CaseSeal sealed export', extensions: ['zip'] }];
const PDF_FILTER = [{ name: 'PDF document', extensions: ['pdf'] }];

export function exportDialogs(window: () => BrowserWindow | null): ExportIo {
  return {
    async chooseSavePath(suggestedName) {
      const opts = {
        title: 'Save the sealed export',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: ZIP_FILTER,
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const win = window();
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return null;
      return r.filePath.toLowerCase().endsWith('.zip') ? r.filePath : `${r.filePath}.zip`;
    },
    async chooseBundle() {
      const opts = {
        title: 'Choose a sealed export to verify',
        filters: ZIP_FILTER,
        properties: ['openFile' as const],
      };
      const win = window();
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseSavePdfPath(suggestedName) {
      const opts = {
        title: 'Save the receipt (PDF)',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: PDF_FILTER,
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const win = window();
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return null;
      return r.filePath.toLowerCase().endsWith('.pdf') ? r.filePath : `${r.filePath}.pdf`;
    },
  };
}
