// Electron hardening (Electron security checklist; ): deny every permission, cancel every
// network request, deny navigation, new windows, webviews and downloads. CaseSeal never goes online.
import type { App, Session, WebContents } from 'electron';

/** The only URL the renderer may load over http: electron-vite's dev server on this machine. */
export function isAllowedRequest(url: string, devServerUrl: string | undefined): boolean {
  if (url.startsWith('file://') || url.startsWith('devtools://')) return true;
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return false;
}

export function hardenSession(ses: Session, devServerUrl: string | undefined): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_req, callback) => callback({}));
  // No request leaves the machine: http(s), ws(s) and anything else but our own files is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, devServerUrl) }),
  );
  ses.on('will-download', (event) => event.preventDefault());
  // The spell checker downloads dictionaries from the internet: off.
  ses.setSpellCheckerEnabled(false);
}

export function hardenWebContents(wc: WebContents, isOwnUrl: (url: string) => boolean): void {
  // Navigation (including a file dropped onto the window) is denied: the app is one page (R2).
  wc.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  wc.on('will-redirect', (event) => event.preventDefault());
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenApp(app: App, isOwnUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, wc) => hardenWebContents(wc, isOwnUrl));
}
