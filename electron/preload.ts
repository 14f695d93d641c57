// Exposes exactly AppApi to the page as window.mxwarden, and nothing else of Electron.
// Runtime: Electron preload, sandboxed (bundled to one CommonJS file; only 'electron' is required).

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppApi } from '../core/app/api';
import { ipcChannel, ipcEventChannel, isApiEvent, isApiMethod } from '../core/app/methods';
import { fail } from '../core/app/result';

const api: AppApi = {
  call: (method, ...args) =>
    isApiMethod(method)
      ? ipcRenderer.invoke(ipcChannel(method), args[0])
      : Promise.resolve(fail('UNKNOWN_METHOD', `Unknown method ${String(method)}`)),
  subscribe: (event, listener) => {
    if (!isApiEvent(event)) return () => {};
    const channel = ipcEventChannel(event);
    const forward = (_e: IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(channel, forward);
    return () => ipcRenderer.removeListener(channel, forward);
  },
};

contextBridge.exposeInMainWorld('mxwarden', api);
