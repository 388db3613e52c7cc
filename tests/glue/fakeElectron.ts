// A fake `electron` module that records what the built main and preload bundles do with it, so
// the real bundles can be loaded under plain Node (Electron's binary cannot run here).
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  sent: Array<[string, unknown]> = [];
  mainFrame = { url: '' };
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  options: Record<string, unknown>;
  webContents = new FakeWebContents();
  contentProtection: boolean | null = null;
  loaded: { file?: string; url?: string } = {};
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
  }
  setContentProtection(v: boolean) {
    this.contentProtection = v;
  }
  loadFile(file: string) {
    this.loaded.file = file;
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loaded.url = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
}

export function makeFakeElectron() {
  const app = new EventEmitter() as EventEmitter & Record<string, unknown>;
  Object.assign(app, {
    isPackaged: true,
    requestSingleInstanceLock: vi.fn(() => true),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => '/nonexistent-user-data'),
    quit: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
  });
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const ipcMain = {
    handle: vi.fn((c: string, h: (e: unknown, p: unknown) => Promise<unknown>) =>
      handlers.set(c, h),
    ),
    on: vi.fn(),
  };
  const beforeRequest: Array<(d: { url: string }, cb: (r: { cancel: boolean }) => void) => void> =
    [];
  const ses = new EventEmitter() as EventEmitter & Record<string, unknown>;
  const sessionCalls: Record<string, unknown> = {};
  Object.assign(ses, {
    setPermissionRequestHandler: vi.fn((h: unknown) => (sessionCalls.permissionRequest = h)),
    setPermissionCheckHandler: vi.fn((h: unknown) => (sessionCalls.permissionCheck = h)),
    setDevicePermissionHandler: vi.fn((h: unknown) => (sessionCalls.devicePermission = h)),
    setDisplayMediaRequestHandler: vi.fn((h: unknown) => (sessionCalls.displayMedia = h)),
    setSpellCheckerEnabled: vi.fn((v: boolean) => (sessionCalls.spellChecker = v)),
    webRequest: {
      onBeforeRequest: vi.fn(
        (h: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) =>
          beforeRequest.push(h),
      ),
    },
  });
  const powerMonitor = new EventEmitter();
  const Menu = { setApplicationMenu: vi.fn() };
  const exposed: Record<string, unknown> = {};
  const ipcRenderer = {
    invoke: vi.fn(async (c: string, p: unknown) => ({ channel: c, payload: p })),
    on: vi.fn(),
    removeListener: vi.fn(),
  };
  const contextBridge = { exposeInMainWorld: vi.fn((k: string, v: unknown) => (exposed[k] = v)) };
  return {
    module: {
      app,
      ipcMain,
      session: { defaultSession: ses },
      BrowserWindow: FakeBrowserWindow,
      powerMonitor,
      Menu,
      contextBridge,
      ipcRenderer,
    },
    app,
    handlers,
    ipcMain,
    ses,
    sessionCalls,
    beforeRequest,
    powerMonitor,
    Menu,
    exposed,
    ipcRenderer,
  };
}

/** Load a CommonJS bundle with `require('electron')` answered by the fake. */
export function loadWithFakeElectron(bundle: string, fake: unknown): void {
  const M = Module as unknown as {
    _load: (req: string, parent: unknown, isMain: boolean) => unknown;
  };
  const original = M._load;
  M._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'electron') return fake;
    return original.call(this, request, parent, isMain);
  };
  try {
    const req = Module.createRequire(bundle);
    delete req.cache[bundle];
    req(bundle);
  } finally {
    M._load = original;
  }
}
