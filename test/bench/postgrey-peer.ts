// The benchmark's peer: a real postgrey 1.37 from the lab's root filesystem, started for the
// run inside a lab server (chrooted, as the lab starts its own) with a fresh --dbdir and its own
// port, so its Berkeley DB starts empty like our SQLite file. In the foreground, as the lab runs
// it (daemonised it would log only to /dev/log). Stopped, and its directory removed, afterwards.
// Runtime: Node (bench), root.

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Lab, LabServer } from '../lab/index';
import { isAlive, waitUntil } from '../lab/processes';
import { CHROOT_ENV, inChroot, spawnDetached } from '../lab/run';

export interface PostgreyPeer {
  port: number;
  pid: number;
  /** Its log (stderr), as a path on the host. */
  logFile: string;
  version: string;
  stop(): Promise<void>;
}

export interface PostgreyOptions {
  delaySeconds: number;
  /**
   * Client whitelist entries. Default: none, so postgrey does no more per request than our
   * policy asks of mxwarden (Debian's shipped whitelist_clients has 164 entries, each a regex
   * tried on every request: using it would slow the peer down).
   */
  whitelistClients?: string[];
  /** Default: postmaster@ and abuse@, as Debian ships (and as our benchmark policy exempts). */
  whitelistRecipients?: string[];
}

/** A free TCP port on 127.0.0.1 (the kernel's choice, released for postgrey to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

export async function startPostgreyPeer(
  lab: Lab,
  server: LabServer,
  options: PostgreyOptions,
): Promise<PostgreyPeer> {
  const port = await freePort();
  const dir = `/var/lib/postgrey-bench-${process.pid}-${port}`;
  const mk = await lab.exec(server, ['install', '-d', '-o', 'postgrey', '-g', 'postgrey', dir]);
  if (mk.code !== 0) throw new Error(`cannot create ${dir} in ${server.name}: ${mk.stderr}`);
  const clients = path.join(server.root, dir, 'whitelist_clients');
  const recipients = path.join(server.root, dir, 'whitelist_recipients');
  fs.writeFileSync(clients, (options.whitelistClients ?? []).map((l) => `${l}\n`).join(''));
  fs.writeFileSync(
    recipients,
    (options.whitelistRecipients ?? ['postmaster@', 'abuse@']).map((l) => `${l}\n`).join(''),
  );
  const version = (await lab.exec(server, ['postgrey', '--version'])).stdout.trim();
  const logFile = path.join(server.root, dir, 'postgrey.log');
  const pid = spawnDetached(
    inChroot(server.root, [
      '/usr/sbin/postgrey',
      `--inet=127.0.0.1:${port}`,
      `--dbdir=${dir}`,
      `--delay=${options.delaySeconds}`,
      // Per address, as the lab's postgrey and our benchmark policy (perHost).
      '--lookup-by-host',
      `--whitelist-clients=${dir}/whitelist_clients`,
      `--whitelist-recipients=${dir}/whitelist_recipients`,
    ]),
    { logFile, env: CHROOT_ENV },
  );
  const stop = async () => {
    if (isAlive(pid)) {
      process.kill(pid, 'SIGTERM');
      if (!(await waitUntil(() => !isAlive(pid), 5000, 50))) process.kill(pid, 'SIGKILL');
      await waitUntil(() => !isAlive(pid), 5000, 50);
    }
    await lab.exec(server, ['rm', '-rf', '--', dir]);
  };
  const up = await waitUntil(async () => !isAlive(pid) || (await portOpen(port)), 15_000, 100);
  if (!up || !isAlive(pid)) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-800) : '';
    await stop();
    throw new Error(`postgrey did not start in ${server.name} on port ${port}: ${tail}`);
  }
  return { port, pid, logFile, version, stop };
}
