// Binds AppApi to Electron IPC: one channel per method, calls accepted only from our own UI's
// top frame; events forwarded to the window. Runtime: Electron main.

import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import type { ApiEvent, ApiMethod } from '../core/app/api';
import type { AppService } from '../core/app/host';
import { API_EVENTS, API_METHODS, ipcChannel, ipcEventChannel } from '../core/app/methods';
import { fail } from '../core/app/result';
import { isAppUrl } from './app-origin';

function trusted(frame: WebFrameMain | null, win: BrowserWindow): boolean {
  return (
    !!frame && frame === win.webContents.mainFrame && frame.parent === null && isAppUrl(frame.url)
  );
}

/** Returns a function that unbinds everything (window closed, app quitting). */
export function bindIpc(service: AppService, win: BrowserWindow): () => void {
  const methods = Object.keys(API_METHODS) as ApiMethod[];
  for (const method of methods) {
    ipcMain.handle(ipcChannel(method), async (event, request: unknown) => {
      if (!trusted(event.senderFrame, win)) {
        return fail('FORBIDDEN', 'Refused: the call did not come from the mxwarden window.');
      }
      return service.call(method, request, { actor: 'gui:electron' });
    });
  }
  const unsubscribers = API_EVENTS.map((event: ApiEvent) =>
    service.events.subscribe(event, (payload) => {
      if (!win.isDestroyed()) win.webContents.send(ipcEventChannel(event), payload);
    }),
  );
  return () => {
    for (const method of methods) ipcMain.removeHandler(ipcChannel(method));
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
