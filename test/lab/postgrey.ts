// A lab server's postgrey: in the foreground (daemonised it would log only to /dev/log, which
// the lab has not got), detached from the starter, logging to /var/log/postgrey.log inside.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { isAlive, waitUntil } from './processes';
import { CHROOT_ENV, inChroot, spawnDetached } from './run';
import { portOpen } from './sshd';

export const POSTGREY_LOG = '/var/log/postgrey.log';

export async function startPostgrey(root: string, port: number, delaySeconds: number) {
  const logFile = path.join(root, POSTGREY_LOG);
  const pid = spawnDetached(
    inChroot(root, [
      '/usr/sbin/postgrey',
      `--inet=127.0.0.1:${port}`,
      '--dbdir=/var/lib/postgrey',
      `--delay=${delaySeconds}`,
      // Per address: otherwise every 127.x.y.z client of a /24 shares one triplet.
      '--lookup-by-host',
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
