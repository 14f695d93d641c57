// A lab server's postgrey, run the Debian way: options in /etc/default/postgrey (POSTGREY_OPTS),
// started, stopped and restarted by its init script (/etc/init.d/postgrey through `service`, as
// on a Debian server without systemd), daemonised with its pid in /run/postgrey.pid and logging
// to syslog (the lab's rsyslogd writes /var/log/postgrey.log). mxwarden's push edits the same file
// and runs the same `service postgrey restart` over SSH.
// Its lines are also relayed into the server's mail log through Postfix's own `postlog` (as
// rsyslog puts them into /var/log/mail.log on a Debian server whose Postfix logs to syslog), so a
// log reader sees postgrey's decisions among smtpd's, as it does in production.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { isAlive, isInside, rootOf, waitUntil } from './processes';
import { CHROOT_ENV, inChroot, runIn, spawnDetached } from './run';
import { portOpen } from './sshd';

export const POSTGREY_LOG = '/var/log/postgrey.log';
export const POSTGREY_DB_DIR = '/var/lib/postgrey';
export const POSTGREY_DEFAULTS = '/etc/default/postgrey';
const PID_FILE = '/run/postgrey.pid';

/** /etc/default/postgrey as Debian ships it, with these options. */
export function postgreyDefaults(options: readonly string[]): string {
  return [
    '# postgrey startup options, created for Debian',
    '',
    '# you may want to set',
    '#   --delay=N   how long to greylist, seconds (default: 300)',
    '#   --max-age=N delete old entries after N days (default: 35)',
    '# see also the postgrey(8) manpage',
    '',
    `POSTGREY_OPTS="${options.join(' ')}"`,
    '',
    '# the --greylist-text commandline argument can not be easily passed through',
    '# POSTGREY_OPTS when it contains spaces.  So, insert your text here:',
    '#POSTGREY_TEXT="Your customized rejection message here"',
    '',
  ].join('\n');
}

/** The pid of the server's postgrey (from its pid file, checked to be this server's), or null. */
export function postgreyPid(root: string): number | null {
  const file = path.join(root, PID_FILE);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  const at = Number.isInteger(pid) && pid > 0 && isAlive(pid) ? rootOf(pid) : null;
  return at && isInside(at, root) ? pid : null;
}

export const POSTGREY_RELAY_LOG = '/var/log/postgrey-relay.log';

export async function startPostgrey(root: string, port: number, delaySeconds: number) {
  // Per address: otherwise every 127.x.y.z client of a /24 shares one triplet.
  return startPostgreyWith(root, port, [`--delay=${delaySeconds}`, '--lookup-by-host']);
}

async function initScript(root: string, action: 'start' | 'stop'): Promise<void> {
  const r = await runIn(root, ['service', 'postgrey', action], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`service postgrey ${action} in ${root}: ${r.stderr}`);
}

/**
 * Follows postgrey's syslog file (across restarts and rotation: tail -F) into the mail log,
 * tagged postgrey[pid] like syslog does. rsyslog already wrote "date host postgrey[pid]: " in
 * front of each message; sed takes that off so postlog's own prefix is the only one. Started once
 * per server, after Postfix (postlog writes through its postlogd); it goes with the server's
 * other processes.
 */
export function startPostgreyRelay(root: string): number {
  const prefix = String.raw`^[A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]* [^ ]* postgrey\[[0-9]*\]: `;
  const script = `tail -n0 -F ${POSTGREY_LOG} | sed -u 's/${prefix}//' | postlog -t postgrey -i`;
  return spawnDetached(inChroot(root, ['sh', '-c', script]), {
    logFile: path.join(root, POSTGREY_RELAY_LOG),
    env: CHROOT_ENV,
  });
}

/**
 * postgrey with the given options (delay, lists, lookup mode — e.g. what the compiler produced)
 * in /etc/default/postgrey; the listener and the database directory stay the lab's.
 */
export async function startPostgreyWith(root: string, port: number, options: readonly string[]) {
  fs.writeFileSync(
    path.join(root, POSTGREY_DEFAULTS),
    postgreyDefaults([`--inet=127.0.0.1:${port}`, `--dbdir=${POSTGREY_DB_DIR}`, ...options]),
  );
  await initScript(root, 'start');
  const up = await waitUntil(
    async () => postgreyPid(root) !== null && (await portOpen(port)),
    15_000,
    100,
  );
  const pid = postgreyPid(root);
  if (!up || pid === null) {
    const log = path.join(root, POSTGREY_LOG);
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-800) : '';
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
  options: readonly string[],
  forget: boolean,
): Promise<number> {
  await initScript(root, 'stop');
  await waitUntil(() => postgreyPid(root) === null, 10_000, 50);
  if (forget) {
    const dir = path.join(root, POSTGREY_DB_DIR);
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true });
  }
  return startPostgreyWith(root, port, options);
}
