// The only file that touches ipcMain (docs/design.md): registers one handler per contract
// channel, checks the sender is our own top-level renderer frame, and lets dispatch() do the rest.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels';
import { dispatch } from '../core/api/dispatch';
import type { Handlers } from '../core/api/handlers';

export function isTrustedSender(
  event: IpcMainInvokeEvent,
  expectedWebContentsId: () => number | undefined,
  isOwnUrl: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (event.sender.id !== expectedWebContentsId()) return false;
  // Only the top-level frame of our window, showing our own page, may call in.
  if (frame !== event.sender.mainFrame) return false;
  return isOwnUrl(frame.url);
}

export function registerIpc(
  ipcMain: IpcMain,
  handlers: Handlers,
  expectedWebContentsId: () => number | undefined,
  isOwnUrl: (url: string) => boolean,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      dispatch(handlers, channel, payload, {
        trustedSender: isTrustedSender(event, expectedWebContentsId, isOwnUrl),
      }),
    );
  }
}
