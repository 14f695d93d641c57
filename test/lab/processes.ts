// Finding and stopping the lab's processes. A process belongs to a lab server when its root
// (/proc/<pid>/root) lies inside that server's directory; pids from pid files are trusted only
// after that check, so a recycled pid never gets an unrelated process killed.
// Runtime: Node (lab).

import fs from 'node:fs';
import path from 'node:path';

/** Alive and not a zombie waiting for its parent. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export function rootOf(pid: number): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/root`);
  } catch {
    return null;
  }
}

export function commOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

export function cmdlineOf(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

export function isInside(child: string, dir: string): boolean {
  const rel = path.relative(dir, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

/** Every live process whose root directory is inside `dir` (a server, or a whole instance). */
export function processesRootedUnder(dir: string): number[] {
  return allPids().filter((pid) => {
    const root = rootOf(pid);
    return root !== null && root !== '/' && isInside(root, dir) && isAlive(pid);
  });
}

export function readPidFile(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

/** The pid from a pid file if that process is alive and rooted inside `dir`. */
export function pidFileProcess(file: string, dir: string): number | null {
  const pid = readPidFile(file);
  if (pid === null || !isAlive(pid)) return null;
  const root = rootOf(pid);
  return root !== null && isInside(root, dir) ? pid : null;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

/** SIGTERM, then SIGKILL what is still alive after the grace time. Returns when all are gone. */
export async function terminate(pids: readonly number[], graceMs = 3000): Promise<void> {
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  };
  pids.forEach((pid) => signal(pid, 'SIGTERM'));
  if (await waitUntil(() => pids.every((p) => !isAlive(p)), graceMs)) return;
  pids.filter(isAlive).forEach((pid) => signal(pid, 'SIGKILL'));
  await waitUntil(() => pids.every((p) => !isAlive(p)), 5000);
}
