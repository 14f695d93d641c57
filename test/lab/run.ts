// Running programs for the lab: argv arrays only (no shell ever sees lab or test text), with a
// time-out on everything, inside a server's chroot when asked, or detached for long-lived daemons.
// Runtime: Node (lab).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** A clean environment for programs inside a server: nothing of the host's leaks in. */
export const CHROOT_ENV: NodeJS.ProcessEnv = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  LANG: 'C.UTF-8',
  TERM: 'dumb',
};

/**
 * Runs argv and collects its output. Resolves when the program exits even if a daemon it started
 * still holds the output pipes open (sshd and `postfix start` fork into the background).
 */
export function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [command, ...args] = argv;
  if (!command) return Promise.reject(new Error('run: empty argv'));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(124, `\n[lab] ${argv.join(' ')}: timed out after ${timeoutMs} ms`);
    }, timeoutMs);
    const finish = (code: number, extra = '') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ code, stdout, stderr: stderr + extra });
    };
    child.on('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => finish(code ?? 128));
    child.on('exit', (code, signal) => {
      // Give the pipes a moment to drain, then stop waiting for daemons that inherited them.
      setTimeout(() => finish(code ?? (signal ? 128 : 1)), 300).unref();
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** run() that throws with the program's output when it fails. */
export async function runOk(argv: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await run(argv, options);
  if (result.code !== 0) {
    throw new Error(
      `${argv.join(' ')} exited ${result.code}: ${(result.stderr || result.stdout).trim()}`,
    );
  }
  return result.stdout;
}

/** The server's own name, from its /etc/hostname (none for a system without one of its own). */
function serverHostname(root: string): string | null {
  try {
    const name = fs.readFileSync(path.join(root, 'etc/hostname'), 'utf8').trim();
    return /^[a-z0-9][a-z0-9.-]*$/i.test(name) && name !== os.hostname() ? name : null;
  } catch {
    return null;
  }
}

/**
 * argv that runs a program inside a server: chrooted, and in a UTS namespace of its own named
 * after the server's /etc/hostname, so that `hostname` there (and in its SSH sessions) says
 * mx1.lab.example rather than the host's name. The wrapper script is fixed text; the name, root
 * and argv reach it as positional arguments, never parsed by the shell.
 */
export function inChroot(root: string, argv: readonly string[]): string[] {
  const name = serverHostname(root);
  if (name === null) return ['chroot', root, ...argv];
  const script = 'hostname "$1" && shift && exec chroot "$@"';
  return ['unshare', '--uts', '--', 'sh', '-c', script, 'lab-server', name, root, ...argv];
}

export function runIn(root: string, argv: readonly string[], options: RunOptions = {}) {
  return run(inChroot(root, argv), { env: CHROOT_ENV, ...options });
}

export function runInOk(root: string, argv: readonly string[], options: RunOptions = {}) {
  return runOk(inChroot(root, argv), { env: CHROOT_ENV, ...options });
}

/**
 * Starts a long-lived program in its own session with its output appended to a log file, and
 * lets this process exit without it (`npm run lab` returns while the lab keeps running).
 */
export function spawnDetached(
  argv: readonly string[],
  options: { logFile: string; env?: NodeJS.ProcessEnv; cwd?: string },
): number {
  const [command, ...args] = argv;
  if (!command) throw new Error('spawnDetached: empty argv');
  const fd = fs.openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.on('error', () => undefined);
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(fd);
  }
}
