// The sandboxed preload: exposes exactly the contract's channels (and its event names) as
// window.api — each a call to ipcRenderer.invoke — and nothing else from Node or Electron.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENTS } from '../shared/ipc/channels';

const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  api[channel] = (payload: unknown) => ipcRenderer.invoke(channel, payload);
}
api.on = (event: string, listener: (payload: unknown) => void) => {
  if (!(EVENTS as readonly string[]).includes(event)) throw new Error('unknown event');
  const wrapped = (_e: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => ipcRenderer.removeListener(event, wrapped);
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));
