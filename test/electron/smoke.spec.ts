// The desktop app in Electron: runs where the Electron binary exists, says why it is skipped
// where it does not (our build machines cannot download it).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ensureElectronSqliteBinding, installedElectron } from '../../build/electron-native.mjs';
import { PACKAGE_VERSION, ROOT } from '../support/project';
import { screenPath } from '../support/screens';

test('the desktop app opens its window, hardened, and reads About over IPC', async () => {
  const exe = installedElectron(ROOT);
  test.skip(!exe, 'Electron binary not installed');
  const binding = ensureElectronSqliteBinding(ROOT, (m) => console.log(m));
  test.skip(!binding, 'no better-sqlite3 build for this Electron (offline?)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-electron-'));
  const app = await electron.launch({
    executablePath: exe,
    args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, MXWARDEN_DATA_DIR: dataDir, MXWARDEN_SQLITE_BINDING: binding ?? '' },
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    // The page gets AppApi and nothing else: no Node, no require, no ipcRenderer.
    const surface = await win.evaluate(() => ({
      api: Object.keys((window as unknown as { mxwarden: object }).mxwarden).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface).toEqual({
      api: ['call', 'subscribe'],
      require: 'undefined',
      process: 'undefined',
    });
    await win.keyboard.press('Alt+9');
    await expect(win.getByTestId('about-version')).toHaveText(PACKAGE_VERSION);
    await expect(win.getByTestId('about-data-dir')).toHaveText(dataDir);
    await win.screenshot({ path: screenPath('electron-about') });
    // Navigation away from the app is refused.
    await win.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await win.waitForTimeout(300);
    expect(win.url()).toMatch(/^app:\/\/mxwarden\//);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
