// A lab server's syslog: rsyslogd inside its chroot, listening on the server's own /dev/log (its
// /dev is private, mounts.ts), so that daemons started the Debian way (postgrey by its init
// script, sudo, sshd) log as on a real server. postgrey's lines go to /var/log/postgrey.log,
// the rest to /var/log/syslog; Postfix keeps its own maillog_file.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { isAlive, isInside, rootOf, waitUntil } from './processes';
import { CHROOT_ENV, inChroot, spawnDetached } from './run';

const CONF = '/etc/rsyslog.conf';
const PID_FILE = '/run/rsyslogd.pid';

const RSYSLOG_CONF = `# mxwarden lab: the server's local syslog (no kernel log inside a chroot).
module(load="imuxsock")
$FileCreateMode 0644
:programname, isequal, "postgrey" /var/log/postgrey.log
& stop
auth,authpriv.* /var/log/auth.log
*.*;auth,authpriv.none /var/log/syslog
`;

/** The pid of the server's rsyslogd, or null. */
export function syslogPid(root: string): number | null {
  const file = path.join(root, PID_FILE);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  const at = Number.isInteger(pid) && isAlive(pid) ? rootOf(pid) : null;
  return at && isInside(at, root) ? pid : null;
}

export async function startSyslog(root: string): Promise<number> {
  fs.writeFileSync(path.join(root, CONF), RSYSLOG_CONF);
  fs.rmSync(path.join(root, PID_FILE), { force: true });
  fs.rmSync(path.join(root, 'dev/log'), { force: true });
  spawnDetached(inChroot(root, ['rsyslogd', '-n', '-f', CONF, '-i', PID_FILE]), {
    logFile: path.join(root, 'var/log/rsyslogd.out'),
    env: CHROOT_ENV,
  });
  const up = await waitUntil(
    () => fs.existsSync(path.join(root, 'dev/log')) && syslogPid(root) !== null,
    10_000,
    50,
  );
  if (!up) {
    const out = path.join(root, 'var/log/rsyslogd.out');
    const tail = fs.existsSync(out) ? fs.readFileSync(out, 'utf8').slice(-600) : '';
    throw new Error(`rsyslogd of ${root} did not start: ${tail}`);
  }
  return syslogPid(root) as number;
}
