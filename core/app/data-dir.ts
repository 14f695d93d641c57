// Where mxwarden keeps its database and files. The desktop app, browser mode and the CLI agree
// on it, so they share one store. Runtime: Node.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from './version';

/** Matches Electron's app.getPath('userData') for an app named mxwarden on each OS. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.MXWARDEN_DATA_DIR) return path.resolve(env.MXWARDEN_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** Creates the directory private to the user (it will hold server inventories and keys' paths). */
export function ensureDataDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const databasePath = (dataDir: string): string => path.join(dataDir, 'mxwarden.db');
