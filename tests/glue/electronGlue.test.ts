// The Electron glue, as built (out/main, out/preload), loaded under Node with a fake `electron`:
// every contract channel registered, hardened webPreferences, deny-all navigation, windows,
// permissions and network, content protection, locking on sleep, and a preload that exposes
// exactly the contract ("Electron glue").
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHANNELS, EVENTS } from '../../src/shared/ipc/channels';
import {
  FakeBrowserWindow,
  FakeWebContents,
  loadWithFakeElectron,
  makeFakeElectron,
} from './fakeElectron';

const MAIN = resolve('out/main/index.js');
const PRELOAD = resolve('out/preload/index.js');
const RENDERER_URL = pathToFileURL(resolve('out/renderer/index.html')).href;

const flush = () => new Promise((r) => setTimeout(r, 20));

describe('built main process', () => {
  const fake = makeFakeElectron();
  let vaultDir = '';
  let win: FakeBrowserWindow;

  beforeAll(async () => {
    expect(existsSync(MAIN), 'run `npm run build` first (npm test does)').toBe(true);
    vaultDir = mkdtempSync(join(tmpdir(), 'caseseal-glue-'));
    process.env.CASESEAL_VAULT_DIR = vaultDir;
    // Electron defines process.resourcesPath; a packaged main reads its engine binary from there.
    (process as { resourcesPath?: string }).resourcesPath = vaultDir;
    loadWithFakeElectron(MAIN, fake.module);
    await flush();
    win = FakeBrowserWindow.instances.at(-1)!;
    return () => {
      delete process.env.CASESEAL_VAULT_DIR;
      delete (process as { resourcesPath?: string }).resourcesPath;
      rmSync(vaultDir, { recursive: true, force: true });
    };
  });

  it('takes the single-instance lock and enables the sandbox for every renderer', () => {
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.listenerCount('second-instance')).toBe(1);
    // UK date formats in forms whatever the PC's language.
    expect((fake.app.commandLine as { appendSwitch: unknown }).appendSwitch).toHaveBeenCalledWith(
      'lang',
      'en-GB',
    );
  });

  it('registers a handler for every contract channel and nothing else', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('creates the window with hardened webPreferences and content protection', () => {
    const wp = win.options.webPreferences as Record<string, unknown>;
    expect(wp).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(wp.devTools).toBe(false);
    expect(existsSync(String(wp.preload))).toBe(true);
    expect(win.contentProtection).toBe(true);
    expect(win.loaded.file && pathToFileURL(win.loaded.file).href).toBe(RENDERER_URL);
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('denies every permission request and check, devices and screen capture', () => {
    const results: boolean[] = [];
    (
      fake.sessionCalls.permissionRequest as (
        w: unknown,
        p: string,
        cb: (v: boolean) => void,
      ) => void
    )({}, 'media', (v) => results.push(v));
    (
      fake.sessionCalls.permissionRequest as (
        w: unknown,
        p: string,
        cb: (v: boolean) => void,
      ) => void
    )({}, 'notifications', (v) => results.push(v));
    expect(results).toEqual([false, false]);
    expect((fake.sessionCalls.permissionCheck as () => boolean)()).toBe(false);
    expect((fake.sessionCalls.devicePermission as () => boolean)()).toBe(false);
    expect(fake.sessionCalls.spellChecker).toBe(false);
  });

  it('cancels every network request and lets only its own files load', () => {
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      fake.beforeRequest[0]!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('https://example.com/x.js')).toBe(true);
    expect(verdict('http://127.0.0.1:9999/')).toBe(true);
    expect(verdict('wss://example.com/')).toBe(true);
    expect(verdict(RENDERER_URL)).toBe(false);
  });

  it('denies navigation (including a dropped file), redirects, new windows and webviews', () => {
    const wc = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, wc);
    const prevented = (event: string, url: string) => {
      let p = false;
      wc.emit(event, { preventDefault: () => (p = true) }, url);
      return p;
    };
    expect(prevented('will-navigate', 'file:///home/user/Pictures/photo.jpg')).toBe(true);
    expect(prevented('will-navigate', 'https://example.com')).toBe(true);
    expect(prevented('will-navigate', RENDERER_URL)).toBe(false);
    expect(prevented('will-redirect', 'https://example.com')).toBe(true);
    expect(prevented('will-attach-webview', '')).toBe(true);
    expect(wc.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('refuses IPC from a foreign sender or a sub-frame, answers our own frame', async () => {
    const handler = fake.handlers.get('app:vault.status')!;
    const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    win.webContents.mainFrame.url = RENDERER_URL;
    const ok = (await handler(own, {})) as { ok: boolean; value?: { state: string } };
    expect(ok).toMatchObject({ ok: true, value: { state: 'needs-setup' } });
    const other = new FakeWebContents();
    other.mainFrame.url = RENDERER_URL;
    expect(await handler({ sender: other, senderFrame: other.mainFrame }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    const sub = { url: RENDERER_URL };
    expect(await handler({ sender: win.webContents, senderFrame: sub }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(await handler(own, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    win.webContents.mainFrame.url = RENDERER_URL;
  });

  it('locks when the computer sleeps or the screen locks', () => {
    expect(fake.powerMonitor.listenerCount('suspend')).toBe(1);
    expect(fake.powerMonitor.listenerCount('lock-screen')).toBe(1);
  });

  // Last: it closes the core.
  it('holds the quit until the core has locked and any backup has finished, then quits once', async () => {
    expect(fake.app.listenerCount('before-quit')).toBe(1);
    const held: boolean[] = [];
    const quit = (): void => {
      fake.app.emit('before-quit', { preventDefault: () => held.push(true) });
    };
    quit();
    quit(); // pressed twice while closing: still held, one close
    expect(held).toEqual([true, true]);
    expect(fake.app.quit).not.toHaveBeenCalled();
    await flush();
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    // Electron emits before-quit again for that quit: now it goes through.
    quit();
    expect(held).toEqual([true, true]);
  });
});

describe('built preload', () => {
  it('exposes exactly the contract channels (and the event subscription), each an ipcRenderer.invoke', async () => {
    expect(existsSync(PRELOAD)).toBe(true);
    const fake = makeFakeElectron();
    loadWithFakeElectron(PRELOAD, fake.module);
    expect(fake.module.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const api = fake.exposed.api as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    await api['app:cases.list']!({ status: 'open' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('app:cases.list', { status: 'open' });
    expect(() => api.on!('app:evil', () => undefined)).toThrow(/unknown event/);
    const off = api.on!(EVENTS[0], () => undefined) as () => void;
    expect(fake.ipcRenderer.on).toHaveBeenCalledWith(EVENTS[0], expect.any(Function));
    off();
    expect(fake.ipcRenderer.removeListener).toHaveBeenCalled();
  });
});
