// better-sqlite3 is a native addon: Node and Electron need builds for different ABIs. Tests and
// the CLI use the Node build in node_modules; the desktop app gets its own build here, loaded
// through better-sqlite3's `nativeBinding` option, so neither breaks the other.
// Runtime: Node (used by build/start.mjs and the Electron smoke test).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Path of a better_sqlite3.node for this Electron version, building it once if needed. */
export function ensureElectronSqliteBinding(root, log = () => {}) {
  const version = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  const target = path.join(
    root,
    'node_modules/.cache/mxwarden',
    `electron-${version}-${process.arch}`,
    'better_sqlite3.node',
  );
  if (fs.existsSync(target)) return target;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mxwarden-native-'));
  try {
    const pkgDir = path.join(work, 'better-sqlite3');
    fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), pkgDir, {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
    });
    const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version };
    const binDir = path.join(root, 'node_modules/.bin');
    log(`preparing the SQLite module for Electron ${version} (once)…`);
    // A prebuilt binary when one is published for this Electron, else compile against its headers.
    let r = spawnSync(
      path.join(binDir, 'prebuild-install'),
      ['--runtime', 'electron', '--target', version, '--arch', process.arch],
      {
        cwd: pkgDir,
        env,
        stdio: 'inherit',
      },
    );
    if (r.status !== 0) {
      r = spawnSync(
        'npx',
        [
          '--yes',
          'node-gyp',
          'rebuild',
          '--release',
          `--target=${version}`,
          `--arch=${process.arch}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        {
          cwd: pkgDir,
          env,
          stdio: 'inherit',
        },
      );
    }
    const built = path.join(pkgDir, 'build/Release/better_sqlite3.node');
    if (r.status !== 0 || !fs.existsSync(built)) return undefined;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(built, target);
    return target;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The Electron executable if its binary is installed; never triggers a download. */
export function installedElectron(root) {
  const dir = path.join(root, 'node_modules/electron');
  try {
    const exe = path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim());
    return fs.existsSync(exe) ? exe : undefined;
  } catch {
    return undefined;
  }
}
