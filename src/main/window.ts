// The main window with hardened webPreferences (Electron security checklist) and content protection,
// so screen capture and screen sharing show a blank window on Windows and macOS.
import { BrowserWindow } from 'electron';
import { join } from 'node:path';

export const HARDENED_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  disableBlinkFeatures: 'Auxclick',
} as const;

export interface WindowOptions {
  preloadPath: string;
  devTools: boolean;
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'CaseSeal',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      ...HARDENED_WEB_PREFERENCES,
      preload: opts.preloadPath,
      devTools: opts.devTools,
    },
  });
  // Case data must not appear in screenshots or screen shares (works on Windows and macOS only).
  win.setContentProtection(true);
  win.once('ready-to-show', () => win.show());
  return win;
}

export function rendererEntry(
  devServerUrl: string | undefined,
  mainDir: string,
): { url?: string; file?: string } {
  return devServerUrl ? { url: devServerUrl } : { file: join(mainDir, '../renderer/index.html') };
}
