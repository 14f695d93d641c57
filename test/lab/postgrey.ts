// A lab server's postgrey: in the foreground (daemonised it would log only to /dev/log, which
// the lab has not got), detached from the starter, logging to /var/log/postgrey.log inside;
// restarted with other options when a test applies a compiled configuration. Its lines are also
// relayed into the server's mail log through Postfix's own `postlog` (as syslog would put them
// into /var/log/mail.log on a Debian server), so a log reader sees postgrey's decisions among
// smtpd's, as it does in production.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { isAlive, terminate, waitUntil } from './processes';
import { CHROOT_ENV, inChroot, spawnDetached } from './run';
import { portOpen } from './sshd';

export const POSTGREY_LOG = '/var/log/postgrey.log';
export const POSTGREY_DB_DIR = '/var/lib/postgrey';

export const POSTGREY_RELAY_LOG = '/var/log/postgrey-relay.log';

export async function startPostgrey(root: string, port: number, delaySeconds: number) {
  // Per address: otherwise every 127.x.y.z client of a /24 shares one triplet.
  return startPostgreyWith(root, port, [`--delay=${delaySeconds}`, '--lookup-by-host']);
}

/**
 * Follows postgrey's output (across restarts: tail -F) into the mail log, tagged postgrey[pid]
 * like syslog does. Started once per server, after Postfix (postlog writes through its
 * postlogd); it goes with the server's other processes.
 */
export function startPostgreyRelay(root: string): number {
  const script = `tail -n0 -F ${POSTGREY_LOG} | postlog -t postgrey -i`;
  return spawnDetached(inChroot(root, ['sh', '-c', script]), {
    logFile: path.join(root, POSTGREY_RELAY_LOG),
    env: CHROOT_ENV,
  });
}

/**
 * postgrey with the given options (delay, lists, lookup mode — e.g. what the compiler produced)
 * instead of the lab's defaults; the listener and the database directory stay the lab's.
 */
export async function startPostgreyWith(root: string, port: number, options: readonly string[]) {
  const logFile = path.join(root, POSTGREY_LOG);
  const pid = spawnDetached(
    inChroot(root, [
      '/usr/sbin/postgrey',
      `--inet=127.0.0.1:${port}`,
      `--dbdir=${POSTGREY_DB_DIR}`,
      ...options,
    ]),
    { logFile, env: CHROOT_ENV },
  );
  const up = await waitUntil(async () => !isAlive(pid) || (await portOpen(port)), 15_000, 100);
  if (!up || !isAlive(pid)) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-800) : '';
    throw new Error(`postgrey of ${root} did not start on port ${port}: ${tail}`);
  }
  return pid;
}

/**
 * Stops a server's postgrey and starts it again with these options; `forget` first empties its
 * database (triplets and auto-whitelisted clients), as on a freshly installed server.
 */
export async function restartPostgrey(
  root: string,
  port: number,
  runningPid: number | undefined,
  options: readonly string[],
  forget: boolean,
): Promise<number> {
  if (runningPid !== undefined) await terminate([runningPid]);
  if (forget) {
    const dir = path.join(root, POSTGREY_DB_DIR);
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true });
  }
  return startPostgreyWith(root, port, options);
}
