// `npm start`: opens mxwarden in Electron where its binary exists (downloading it once where that
// is possible); otherwise starts browser mode and opens it in a Chromium --app window, or prints
// the address when there is no display. Stopping it (Ctrl+C, closing the window) stops everything
// it started. Runtime: Node.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqliteBinding, installedElectron } from './electron-native.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const log = (msg) => process.stderr.write(`mxwarden: ${msg}\n`);
const cacheDir = path.join(root, 'node_modules/.cache/mxwarden');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const stamp = path.join(root, 'out/.build-stamp');
  const sources = Math.max(
    ...['core', 'electron', 'renderer'].map((d) => newestMtime(path.join(root, d))),
    ...['package.json', 'electron.vite.config.ts'].map(
      (f) => fs.statSync(path.join(root, f)).mtimeMs,
    ),
  );
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= sources) return;
  log('building the app…');
  const r = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    log('the build failed (see above).');
    process.exit(1);
  }
  fs.writeFileSync(stamp, new Date().toISOString());
}

function electronExecutable() {
  const existing = installedElectron(root);
  if (existing || process.env.MXWARDEN_BROWSER_MODE === '1') return existing;
  const installer = path.join(root, 'node_modules/electron/install.js');
  const failedMarker = path.join(cacheDir, 'electron-download-failed');
  if (!fs.existsSync(installer)) return undefined;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return undefined;
  if (fs.existsSync(failedMarker) && !process.env.MXWARDEN_RETRY_ELECTRON) return undefined;
  log('downloading the Electron binary (first start only)…');
  const r = spawnSync(process.execPath, [installer], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  });
  const exe = installedElectron(root);
  if (!exe) {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(failedMarker, `${new Date().toISOString()}\n${r.stderr?.toString() ?? ''}`);
    log(
      'Electron could not be downloaded here; using browser mode (MXWARDEN_RETRY_ELECTRON=1 tries again).',
    );
  }
  return exe;
}

function startElectron(exe) {
  const binding = ensureElectronSqliteBinding(root, log);
  if (!binding) {
    log('could not prepare SQLite for Electron; using browser mode instead.');
    return false;
  }
  const child = spawn(exe, [root], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MXWARDEN_SQLITE_BINDING: binding },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
  return true;
}

function findChromium() {
  const candidates = [
    process.env.MXWARDEN_BROWSER,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ];
  return candidates.find((c) => c && fs.existsSync(c));
}

function startBrowserMode() {
  const args = [
    path.join(root, 'out/main/cli.js'),
    'serve',
    '--port',
    process.env.MXWARDEN_PORT ?? '0',
  ];
  const server = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let browser;
  let profile;
  let stopping = false;

  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    if (browser?.exitCode === null) {
      try {
        process.kill(-browser.pid, 'SIGTERM'); // its whole process group: Chromium forks helpers
      } catch {
        /* already gone */
      }
    }
    if (server.exitCode === null) server.kill('SIGTERM');
    const done = () => {
      if (profile) fs.rmSync(profile, { recursive: true, force: true });
      process.exit(code);
    };
    if (server.exitCode === null) server.once('exit', done);
    else done();
    setTimeout(done, 5000).unref();
  };

  server.on('message', (msg) => {
    if (msg?.type !== 'listening') return;
    const chromium = findChromium();
    if (!chromium || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
      log(
        chromium
          ? 'no display: open the address above in your browser.'
          : 'open the address above in your browser (install chromium for an app window).',
      );
      return;
    }
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-window-'));
    const flags = [
      `--app=${msg.url}`,
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=1320,860',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ];
    browser = spawn(chromium, flags, { stdio: 'ignore', detached: true });
    server.send({ type: 'watch-browser', pid: browser.pid });
    log(`opened in ${path.basename(chromium)} (close the window or press Ctrl+C to stop)`);
    browser.on('exit', () => stop(0));
  });
  server.on('exit', (code) => stop(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));
}

buildIfStale();
const exe = electronExecutable();
if (!exe || !startElectron(exe)) startBrowserMode();
