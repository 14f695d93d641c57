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

/** The device nodes a server's daemons open (bound from the host's, read-write as there). */
const DEVICE_NODES = ['null', 'zero', 'full', 'random', 'urandom', 'tty'] as const;

/**
 * Mounts a server's system: overlay (lower = the shared read-only root filesystem), a fresh
 * /proc, and a /dev of its own — a small tmpfs with the usual device nodes bound in and a private
 * devpts — so that a socket a daemon creates there (syslog's /dev/log) belongs to this server
 * alone and nothing reaches the host's /dev.
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
    await runOk(['mount', '-t', 'tmpfs', '-o', 'mode=0755,size=1m,nosuid', 'tmpfs', dev]);
    for (const node of DEVICE_NODES) {
      const target = path.join(dev, node);
      fs.writeFileSync(target, '');
      await runOk(['mount', '--bind', `/dev/${node}`, target]);
    }
    const pts = path.join(dev, 'pts');
    fs.mkdirSync(pts);
    await runOk([
      'mount',
      '-t',
      'devpts',
      '-o',
      'newinstance,ptmxmode=0666,mode=0620,gid=5',
      'devpts',
      pts,
    ]);
    fs.symlinkSync('pts/ptmx', path.join(dev, 'ptmx'));
    fs.mkdirSync(path.join(dev, 'shm'), { mode: 0o1777 });
    fs.chmodSync(path.join(dev, 'shm'), 0o1777);
    fs.symlinkSync('/proc/self/fd', path.join(dev, 'fd'));
    for (const [i, name] of ['stdin', 'stdout', 'stderr'].entries())
      fs.symlinkSync(`/proc/self/fd/${i}`, path.join(dev, name));
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
