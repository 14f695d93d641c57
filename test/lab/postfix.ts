// A lab server's Postfix: writes main.cf, edits master.cf with postconf (listeners on loopback
// ports, no port 25), prepares Postfix's own chroot (so smtpd resolves through the lab DNS) and
// runs `postfix start|stop|reload` inside the server — never the init script.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import type { ServerProfile } from './fleet';
import { ALIASES } from './fleet';
import type { ServerPorts } from './layout';
import { mainCf, masterEntries } from './postfix-config';
import { pidFileProcess, terminate, waitUntil } from './processes';
import { runIn, runInOk, type RunResult } from './run';

export const MASTER_PID_FILE = '/var/spool/postfix/pid/master.pid';

export async function configurePostfix(
  root: string,
  server: { name: string; hostname: string },
  profile: ServerProfile,
  ports: ServerPorts,
): Promise<void> {
  fs.writeFileSync(path.join(root, 'etc/postfix/main.cf'), mainCf(server, profile, ports));
  fs.writeFileSync(
    path.join(root, 'etc/aliases'),
    `${Object.entries(ALIASES)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')}\n`,
  );
  fs.mkdirSync(path.dirname(path.join(root, profile.logFile)), { recursive: true });
  await runInOk(root, ['postconf', '-MX', 'smtp/inet']);
  await runInOk(root, ['postconf', '-M', ...masterEntries(profile, ports)]);
  // Debian's helper copies resolv.conf, hosts, nsswitch.conf and the NSS libraries into
  // /var/spool/postfix, where smtpd, postscreen and dnsblog run chrooted.
  await runInOk(root, ['/usr/lib/postfix/configure-instance.sh', '-']);
  const check = await runIn(root, ['postfix', 'check']);
  if (check.code !== 0) {
    throw new Error(`postfix check failed on ${server.name}: ${check.stderr || check.stdout}`);
  }
}

export function masterPid(root: string): number | null {
  return pidFileProcess(path.join(root, MASTER_PID_FILE), root);
}

export async function startPostfix(root: string): Promise<number> {
  const running = masterPid(root);
  if (running !== null) return running;
  await runInOk(root, ['postfix', 'start']);
  let pid: number | null = null;
  if (!(await waitUntil(() => (pid = masterPid(root)) !== null, 10_000)) || pid === null) {
    throw new Error(`Postfix master of ${root} did not start`);
  }
  // After the start: run while Postfix is stopped, it stalls trying to reach postlogd.
  await runInOk(root, ['newaliases']);
  return pid;
}

export async function stopPostfix(root: string): Promise<void> {
  const pid = masterPid(root);
  if (pid === null) return;
  await runIn(root, ['postfix', 'stop'], { timeoutMs: 15_000 });
  if (!(await waitUntil(() => masterPid(root) === null, 5000))) await terminate([pid]);
}

export async function postfixCommand(
  root: string,
  action: 'reload' | 'stop' | 'start',
): Promise<RunResult> {
  if (action === 'start') {
    const before = masterPid(root);
    await startPostfix(root);
    return { code: 0, stdout: '', stderr: before === null ? '' : 'already running' };
  }
  if (action === 'stop') {
    await stopPostfix(root);
    return { code: 0, stdout: '', stderr: '' };
  }
  return runIn(root, ['postfix', 'reload']);
}
