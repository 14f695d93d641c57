// How this account may run Postfix's tools: as root, through `sudo -n` for exactly those tools,
// or not at all — and, when sudo is missing, the sudoers line that would fix it.
// Runtime: Node.

import { AppError } from '../../app/result';
import type { SshSession } from './session';

/** The tools mxwarden runs with privileges; nothing else is ever asked of sudo. */
export const POSTFIX_TOOLS = [
  'postfix',
  'postconf',
  'postmap',
  'postqueue',
  'postsuper',
  'postmulti',
] as const;

export interface PrivilegeInfo {
  user: string;
  mode: 'root' | 'sudo' | 'none';
  commandDirectory: string;
  /** Absolute paths of the tools sudo allows (all of them when root). */
  allowed: string[];
  missing: string[];
  /** The line to add with visudo when something is missing. */
  sudoersLine: string | undefined;
}

// Non-root login shells usually lack the sbin directories where Postfix's tools live.
const SBIN_PATH = 'PATH=/usr/sbin:/usr/local/sbin:/sbin:/usr/bin:/bin:/usr/local/bin';

/** Postfix's command_directory, found even when the account's PATH lacks it. */
export async function postfixCommandDirectory(session: SshSession): Promise<string> {
  if (session.postfixCommandDirectory) return session.postfixCommandDirectory;
  const r = await session.exec(['env', SBIN_PATH, 'postconf', '-h', 'command_directory']);
  if (r.code === 127) {
    throw new AppError(
      'COMMAND_FAILED',
      `Postfix does not seem to be installed on ${session.server}: postconf was not found in /usr/sbin, /usr/local/sbin or /sbin.`,
    );
  }
  if (r.code !== 0)
    throw new AppError(
      'COMMAND_FAILED',
      `postconf failed on ${session.server}: ${(r.stderr || r.stdout).trim()}`,
    );
  session.postfixCommandDirectory = r.stdout.trim() || '/usr/sbin';
  return session.postfixCommandDirectory;
}

/**
 * The paths `sudo -n -l CMD` allows without a password (it exits 0 and prints the command), asked
 * a few at a time: sshd allows ten channels per connection.
 */
async function sudoAllows(session: SshSession, paths: readonly string[]): Promise<string[]> {
  const ok = new Set<string>();
  const queue = [...paths];
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const r = await session.exec(['sudo', '-n', '-l', p], { timeoutMs: 15_000 });
      if (r.code === 0) ok.add(p);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return paths.filter((p) => ok.has(p));
}

export function sudoersLine(user: string, paths: readonly string[]): string {
  return `${user} ALL=(root) NOPASSWD: ${paths.join(', ')}`;
}

export async function detectPrivilege(session: SshSession): Promise<PrivilegeInfo> {
  const user = (await session.run(['id', '-un'])).trim();
  const uid = (await session.run(['id', '-u'])).trim();
  // Any user may read Postfix's configuration: no privilege needed to learn where its tools are.
  const commandDirectory = await postfixCommandDirectory(session);
  const paths = POSTFIX_TOOLS.map((t) => `${commandDirectory}/${t}`);
  if (uid === '0') {
    session.privilege = 'root';
    return {
      user,
      mode: 'root',
      commandDirectory,
      allowed: paths,
      missing: [],
      sudoersLine: undefined,
    };
  }
  const allowed = await sudoAllows(session, paths);
  const missing = paths.filter((p) => !allowed.includes(p));
  session.privilege = missing.length === 0 ? 'sudo' : 'none';
  return {
    user,
    mode: session.privilege,
    commandDirectory,
    allowed,
    missing,
    sudoersLine: missing.length ? sudoersLine(user, paths) : undefined,
  };
}

/**
 * What a push runs as root besides the Postfix tools: creating and moving files under the managed
 * directory and main.cf (install, mv, rm, chown), the per-server push lock (flock), and restarting
 * postgrey (service). Together these are root's rights — as `postconf -e` and `postfix` already
 * are — which is why mxwarden uses them only on the paths it manages.
 */
export const PUSH_TOOLS = ['install', 'mv', 'rm', 'chown', 'flock', 'service'] as const;
export type PushTool = (typeof PUSH_TOOLS)[number];

export interface PushPrivilege {
  /** Absolute paths of the tools, as sudo must be asked for them. */
  tools: Record<PushTool, string>;
  /** Tools sudo refuses (or that are not installed). */
  missing: string[];
  sudoersLine: string | undefined;
}

/** Can this account push? Call after detectPrivilege (it decides root or sudo). */
export async function detectPushPrivilege(
  session: SshSession,
  info: PrivilegeInfo,
): Promise<PushPrivilege> {
  const r = await session.exec(['env', SBIN_PATH, 'which', ...PUSH_TOOLS]);
  const found = r.stdout.split('\n').filter((l) => l.startsWith('/'));
  const tools = {} as Record<PushTool, string>;
  const missing: string[] = [];
  for (const t of PUSH_TOOLS) {
    const p = found.find((f) => f.endsWith(`/${t}`));
    if (p) tools[t] = p;
    else missing.push(`${t} (not installed)`);
  }
  if (info.mode !== 'root') {
    const present = PUSH_TOOLS.map((t) => tools[t]).filter((p): p is string => !!p);
    const allowed = await sudoAllows(session, present);
    missing.push(...present.filter((p) => !allowed.includes(p)));
  }
  const needed = [
    ...info.missing,
    ...PUSH_TOOLS.map((t) => tools[t]).filter((p): p is string => !!p && missing.includes(p)),
  ];
  return {
    tools,
    missing: [...info.missing, ...missing],
    sudoersLine:
      info.mode === 'root' || needed.length === 0 ? undefined : sudoersLine(info.user, needed),
  };
}
