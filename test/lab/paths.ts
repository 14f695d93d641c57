// Where the lab keeps things: the cached root filesystems and the instances, outside the repo
// (~/.cache/mxwarden-lab, or $MXWARDEN_LAB_CACHE), and the layout of one instance's directory.
// Runtime: Node (lab).

import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const LAB_SOURCE_DIR = import.meta.dirname;

export function labCacheDir(): string {
  return process.env.MXWARDEN_LAB_CACHE ?? path.join(os.homedir(), '.cache', 'mxwarden-lab');
}

export function instanceDir(name: string): string {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(name)) {
    throw new Error(`Lab instance names are lower-case letters, digits and dashes: ${name}`);
  }
  return path.join(labCacheDir(), 'instances', name);
}

/** The layout of an instance directory. */
export function instancePaths(dir: string) {
  return {
    dir,
    state: path.join(dir, 'state.json'),
    lock: path.join(dir, 'lock'),
    keys: path.join(dir, 'keys'),
    dns: path.join(dir, 'dns'),
    servers: path.join(dir, 'servers'),
    /** The overlay in which rbldnsd runs (kept apart from the managed servers). */
    infra: path.join(dir, 'infra'),
  };
}

/** The directories of one overlay-mounted system under an instance. */
export function overlayPaths(base: string) {
  return {
    base,
    upper: path.join(base, 'upper'),
    work: path.join(base, 'work'),
    root: path.join(base, 'root'),
  };
}
