// A lab server's sshd: its own host key, config, pid file and log, listening on one loopback
// port; started by absolute path inside the server's chroot (it daemonises itself).
// Runtime: Node (lab), root.

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { commOf, pidFileProcess, processesRootedUnder, terminate, waitUntil } from './processes';
import { runInOk, runOk } from './run';

export const SSHD_CONFIG = '/etc/ssh/sshd_config';
export const SSHD_PID_FILE = '/run/sshd-lab.pid';
export const SSHD_LOG = '/var/log/sshd.log';
export const HOST_KEY = '/etc/ssh/ssh_host_ed25519_key';

function sshdConfig(port: number): string {
  return [
    '# mxwarden lab sshd: one loopback port, keys only.',
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${HOST_KEY}`,
    `PidFile ${SSHD_PID_FILE}`,
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    // PAM in a chroot trips over pam_loginuid; the users' passwords are `*` (unlocked) instead.
    'UsePAM no',
    'AuthorizedKeysFile .ssh/authorized_keys',
    // The app and the tests open many sessions at once.
    'MaxStartups 100:30:200',
    'MaxSessions 64',
    'PrintMotd no',
    'LogLevel VERBOSE',
    'AcceptEnv LANG LC_*',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    '',
  ].join('\n');
}

export async function generateHostKey(root: string, comment: string): Promise<void> {
  for (const f of [HOST_KEY, `${HOST_KEY}.pub`]) fs.rmSync(path.join(root, f), { force: true });
  await runInOk(root, [
    'ssh-keygen',
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    comment,
    '-f',
    HOST_KEY,
  ]);
}

export async function hostKeyInfo(
  root: string,
  port: number,
): Promise<{ hostKeyFingerprint: string; knownHostsLine: string }> {
  const pub = path.join(root, `${HOST_KEY}.pub`);
  const [type, blob] = fs.readFileSync(pub, 'utf8').trim().split(/\s+/);
  const listing = await runOk(['ssh-keygen', '-l', '-E', 'sha256', '-f', pub]);
  const fingerprint = /SHA256:\S+/.exec(listing)?.[0];
  if (!type || !blob || !fingerprint) throw new Error(`cannot read the host key ${pub}`);
  return { hostKeyFingerprint: fingerprint, knownHostsLine: `[127.0.0.1]:${port} ${type} ${blob}` };
}

export function writeSshdConfig(root: string, port: number): void {
  fs.writeFileSync(path.join(root, SSHD_CONFIG), sshdConfig(port), { mode: 0o644 });
}

export function sshdPid(root: string): number | null {
  return pidFileProcess(path.join(root, SSHD_PID_FILE), root);
}

export function portOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function startSshd(root: string, port: number): Promise<number> {
  const existing = sshdPid(root);
  if (existing !== null) return existing;
  fs.mkdirSync(path.join(root, 'run/sshd'), { recursive: true, mode: 0o755 });
  fs.rmSync(path.join(root, SSHD_PID_FILE), { force: true });
  await runInOk(root, ['/usr/sbin/sshd', '-t', '-f', SSHD_CONFIG]);
  await runInOk(root, ['/usr/sbin/sshd', '-f', SSHD_CONFIG, '-E', SSHD_LOG]);
  let pid: number | null = null;
  const up = await waitUntil(async () => {
    pid = sshdPid(root);
    return pid !== null && (await portOpen(port));
  }, 10_000);
  if (!up || pid === null) {
    throw new Error(`sshd of ${root} did not come up on port ${port}; see ${SSHD_LOG} inside`);
  }
  return pid;
}

/** Stops the listener only; open sessions live on, as with a real sshd restart. */
export async function stopSshd(root: string): Promise<void> {
  const pid = sshdPid(root);
  if (pid !== null) await terminate([pid]);
}

/** The listener and every session process of this server's sshd. */
/**
 * Kills every SSH session of the server but not the listener: a connection cut (a network drop,
 * a NAT timeout) that a client can recover from by connecting again.
 */
export async function cutSshSessions(root: string): Promise<void> {
  const listener = sshdPid(root);
  const pids = processesRootedUnder(root).filter(
    (pid) => pid !== listener && ['sshd', 'sshd-session'].includes(commOf(pid)),
  );
  await terminate(pids, 0);
}

export async function killSshdAndSessions(root: string): Promise<void> {
  const pids = processesRootedUnder(root).filter((pid) =>
    ['sshd', 'sshd-session'].includes(commOf(pid)),
  );
  await terminate(pids, 0);
}
