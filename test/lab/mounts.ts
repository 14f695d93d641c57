// The lab's mounts: an overlay of the cached root filesystem per server, with /proc and /dev
// inside, and a teardown that finds whatever is mounted under an instance (also after a crash,
// from /proc/self/mountinfo) and unmounts it deepest first, lazily if busy.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { isInside } from './processes';
import { runOk, run } from './run';

export interface MountEntry {
  id: number;
  parentId: number;
  mountPoint: string;
  fsType: string;
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeMountPath(p: string): string {
  return p.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function readMounts(): MountEntry[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const fields = line.split(' ');
      const sep = fields.indexOf('-');
      return {
        id: Number(fields[0]),
        parentId: Number(fields[1]),
        mountPoint: unescapeMountPath(fields[4] ?? ''),
        fsType: fields[sep + 1] ?? '',
      };
    });
}

export function mountsUnder(dir: string): MountEntry[] {
  return readMounts().filter((m) => isInside(m.mountPoint, dir));
}

export function isMountPoint(dir: string): boolean {
  return readMounts().some((m) => m.mountPoint === dir);
}

/** Overlay options are comma- and colon-separated: such paths cannot be passed safely. */
function assertPlainPath(p: string) {
  if (/[,:\s\\]/.test(p)) throw new Error(`Lab paths may not contain , : \\ or spaces: ${p}`);
}

/**
 * Mounts a server's system: overlay (lower = the shared read-only root filesystem), then a fresh
 * /proc and a private recursive bind of /dev so that nothing mounted or unmounted inside
 * propagates back to the host's /dev.
 */
export async function mountSystem(
  lower: string,
  dirs: { upper: string; work: string; root: string },
): Promise<void> {
  for (const p of [lower, dirs.upper, dirs.work, dirs.root]) assertPlainPath(p);
  for (const d of [dirs.upper, dirs.work, dirs.root]) fs.mkdirSync(d, { recursive: true });
  if (!isMountPoint(dirs.root)) {
    await runOk([
      'mount',
      '-t',
      'overlay',
      'overlay',
      '-o',
      `lowerdir=${lower},upperdir=${dirs.upper},workdir=${dirs.work}`,
      dirs.root,
    ]);
  }
  const proc = path.join(dirs.root, 'proc');
  if (!isMountPoint(proc)) await runOk(['mount', '-t', 'proc', 'proc', proc]);
  const dev = path.join(dirs.root, 'dev');
  if (!isMountPoint(dev)) {
    await runOk(['mount', '--rbind', '/dev', dev]);
    await runOk(['mount', '--make-rslave', dev]);
  }
}

/**
 * Unmounts everything under `dir`, deepest (then newest) first; a busy mount is detached lazily.
 * Throws if something is still mounted afterwards — deleting the directory would then reach
 * into the host's /dev.
 */
export async function unmountUnder(dir: string, log: (line: string) => void): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const mounts = mountsUnder(dir).sort(
      (a, b) => b.mountPoint.split('/').length - a.mountPoint.split('/').length || b.id - a.id,
    );
    if (mounts.length === 0) return;
    for (const m of mounts) {
      const result = await run(['umount', m.mountPoint], { timeoutMs: 10_000 });
      if (result.code !== 0 && !/not mounted|no mount point/i.test(result.stderr)) {
        log(`umount ${m.mountPoint} busy, detaching lazily`);
        await run(['umount', '-l', m.mountPoint], { timeoutMs: 10_000 });
      }
    }
  }
  const left = mountsUnder(dir);
  if (left.length > 0) {
    throw new Error(`Still mounted under ${dir}: ${left.map((m) => m.mountPoint).join(', ')}`);
  }
}

/** rm -rf that refuses to run while anything is mounted below the directory. */
export function removeUnmounted(dir: string): void {
  const left = mountsUnder(dir);
  if (left.length > 0) {
    throw new Error(
      `Refusing to delete ${dir}: ${left.map((m) => m.mountPoint).join(', ')} mounted`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
