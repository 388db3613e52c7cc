// Electron entry: single instance, hardened session and window, the IPC contract wired to the
// plain-Node core, and locking on sleep or screen lock. Thin glue only (docs/design.md).
import { app, BrowserWindow, ipcMain, Menu, powerMonitor, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CaseSealCore, type CoreEvent } from './core/app/caseSealCore';
import { createHandlers } from './core/api/handlers';
import { resolveVaultDir } from './core/vault/paths';
import { registerIpc } from './ipc/register';
import { createMainWindow, rendererEntry } from './window';
import { hardenApp, hardenSession } from './security';
import { exportDialogs } from './exportDialogs';
import { sealDialogs } from './sealDialogs';
import { useEngineBinary } from './db/sqlite';
import { runSelfTest } from './core/app/selfTest';
import { backupDialogs } from './backupDialogs';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererFile = join(__dirname, '../renderer/index.html');
const rendererFileUrl = pathToFileURL(rendererFile).href;

function isOwnUrl(url: string): boolean {
  if (devServerUrl) return url.startsWith(devServerUrl);
  return url.split('#')[0]!.split('?')[0] === rendererFileUrl;
}

let mainWindow: BrowserWindow | null = null;

// The packaged app carries its engine binary outside the asar, one per platform (electron-builder.yml).
if (app.isPackaged) useEngineBinary(join(process.resourcesPath, 'engine', 'better_sqlite3.node'));

if (process.argv.includes('--self-test')) {
  // Used by the release workflow after a silent install: scratch vault, write, read, exit 0 or 1.
  // No window, no single-instance lock, and the school's vault is never opened.
  void app.whenReady().then(async () => {
    const result = await runSelfTest();
    for (const s of result.steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.step}`);
    app.exit(result.ok ? 0 : 1);
  });
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  // Dates and times in forms follow UK conventions (DD/MM/YYYY) whatever the PC's display language.
  app.commandLine.appendSwitch('lang', 'en-GB');
  hardenApp(app, isOwnUrl);

  // A second launch focuses the first window instead of opening the vault twice.
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, devServerUrl);
    // No menu in packaged builds: no reload, no developer tools.
    if (app.isPackaged) Menu.setApplicationMenu(null);

    const core = new CaseSealCore({
      vaultDir: resolveVaultDir(process.argv, process.env, app.getPath('userData')),
    });
    registerIpc(
      ipcMain,
      createHandlers(core, {
        ...exportDialogs(() => mainWindow),
        ...backupDialogs(() => mainWindow),
        ...sealDialogs(() => mainWindow),
      }),
      () => mainWindow?.webContents.id,
      isOwnUrl,
    );

    const send = (e: CoreEvent): void => {
      const wc = mainWindow?.webContents;
      if (!wc || wc.isDestroyed()) return;
      if (e.type === 'locked') wc.send('app:event.locked', { reason: e.reason });
      else if (e.type === 'integrity-alarm')
        wc.send('app:event.integrityAlarm', { problems: e.problems });
      else wc.send('app:event.progress', { task: e.task, done: e.done, total: e.total });
    };
    core.onEvent(send);

    // Lock when the computer sleeps or the screen locks.
    powerMonitor.on('suspend', () => void core.lock('sleep'));
    powerMonitor.on('lock-screen', () => void core.lock('screen-lock'));

    mainWindow = createMainWindow({
      preloadPath: join(__dirname, '../preload/index.js'),
      devTools: !app.isPackaged,
    });
    const entry = rendererEntry(devServerUrl, __dirname);
    if (entry.url) void mainWindow.loadURL(entry.url);
    else void mainWindow.loadFile(entry.file!);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });

    // Quitting waits for the core to lock and for a backup in progress to finish, so a backup
    // started at quit is never cut off half-written (R8's records must never be lost).
    let closed = false;
    let closing = false;
    app.on('before-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      if (closing) return;
      closing = true;
      void core
        .close()
        .catch(() => undefined)
        .finally(() => {
          closed = true;
          app.quit();
        });
    });
  });

  app.on('window-all-closed', () => app.quit());
}
