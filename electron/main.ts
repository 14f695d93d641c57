// The Electron shell: one hardened window over the core, AppApi bound to IPC.
// Runtime: Electron main.

import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, nativeTheme } from 'electron';
import { openCore, type AppService } from '../core/app/host';
import { APP_INDEX_URL, devRendererUrl } from './app-origin';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { bindIpc } from './ipc';
import { buildMenu } from './menu';
import { rendererDir } from './renderer-dir';
import { notifyReviewAlerts } from './review-notifications';
import { safeStorageCipher } from './safe-storage-cipher';
import { denyPermissions, hardenWebContents } from './security';

registerAppScheme();
hardenWebContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  let service: AppService | undefined;

  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });

  const createWindow = (core: AppService): BrowserWindow => {
    const window = new BrowserWindow({
      width: 1320,
      height: 860,
      minWidth: 960,
      minHeight: 600,
      show: false,
      title: 'mxwarden',
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#11151c' : '#f6f7f9',
      webPreferences: {
        preload: path.join(import.meta.dirname, '..', 'preload', 'index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        devTools: !app.isPackaged,
      },
    });
    const unbind = bindIpc(core, window);
    window.on('closed', unbind);
    // A page with unsaved work (the policy draft) asks before the window closes or reloads.
    window.webContents.on('will-prevent-unload', (event) => {
      const choice = dialog.showMessageBoxSync(window, {
        type: 'question',
        buttons: ['Leave', 'Stay'],
        defaultId: 1,
        cancelId: 1,
        title: 'Unsaved changes',
        message: 'You have unsaved changes.',
        detail: 'Leave and lose them, or stay and save them first?',
      });
      if (choice === 0) event.preventDefault();
    });
    window.once('ready-to-show', () => window.show());
    void window.loadURL(devRendererUrl() ?? APP_INDEX_URL);
    return window;
  };

  void app.whenReady().then(() => {
    try {
      service = openCore({
        host: 'electron',
        background: true,
        cipher: safeStorageCipher(),
        ...(process.env.MXWARDEN_SQLITE_BINDING
          ? { nativeBinding: process.env.MXWARDEN_SQLITE_BINDING }
          : {}),
        runtime: { electron: process.versions.electron, chrome: process.versions.chrome },
      });
    } catch (e) {
      // STORE_TOO_NEW and friends: the message says what to do; nothing was modified.
      dialog.showErrorBox('mxwarden cannot open its data', (e as Error).message);
      app.exit(1);
      return;
    }
    const core = service;
    serveAppProtocol(rendererDir());
    denyPermissions();
    Menu.setApplicationMenu(
      buildMenu((command) => core.events.emit('ui.command', command), !app.isPackaged),
    );
    win = createWindow(core);
    notifyReviewAlerts(core, () => win);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) win = createWindow(core);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => service?.close());
}
