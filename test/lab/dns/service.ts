// Starts and stops an instance's DNS: rbldnsd (from the root filesystem, in its own overlay,
// serving the list datasets generated from the Internet description) and the Node DNS front on
// <dnsAddress>:53 and 127.0.0.1:<appDnsPort>, which relays list queries to rbldnsd.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { INTERNET } from '../internet';
import type { ResolvedOptions } from '../layout';
import { mountSystem } from '../mounts';
import { LAB_SOURCE_DIR, REPO_ROOT, overlayPaths } from '../paths';
import { cmdlineOf, isAlive, readPidFile, terminate, waitUntil } from '../processes';
import { CHROOT_ENV, inChroot, spawnDetached } from '../run';
import type { FrontProcessConfig } from './main';
import { queryDns } from './query';
import { datasetsFor, zoneArguments } from './rbldnsd-data';
import { LAB_ZONE, NS_NAME, type LabHost } from './records';

const RBLDNSD_DATA = '/var/lib/rbldns/lab';
const FRONT_MAIN = path.join(LAB_SOURCE_DIR, 'dns', 'main.ts');

export function dnsFiles(dnsDir: string) {
  return {
    config: path.join(dnsDir, 'front.json'),
    pid: path.join(dnsDir, 'front.pid'),
    log: path.join(dnsDir, 'front.log'),
    rbldnsdLog: path.join(dnsDir, 'rbldnsd.log'),
    runtimeZones: path.join(dnsDir, 'runtime-zones.json'),
  };
}

async function startRbldnsd(infraDir: string, rootfs: string, o: ResolvedOptions, log: string) {
  const dirs = overlayPaths(infraDir);
  await mountSystem(rootfs, dirs);
  const data = path.join(dirs.root, RBLDNSD_DATA);
  fs.mkdirSync(data, { recursive: true });
  for (const list of INTERNET.lists) {
    for (const d of datasetsFor(list)) fs.writeFileSync(path.join(data, d.file), d.content);
  }
  const pid = spawnDetached(
    inChroot(dirs.root, [
      '/usr/sbin/rbldnsd',
      '-n', // foreground: the lab tracks the pid it started
      '-b',
      `${o.dnsAddress}/${o.rbldnsdPort}`,
      '-r',
      RBLDNSD_DATA,
      '-w',
      '/',
      '-u',
      'rbldns',
      '-t',
      '60',
      ...zoneArguments(INTERNET.lists),
    ]),
    { logFile: log, env: CHROOT_ENV },
  );
  const zone = INTERNET.lists[0]?.zone ?? LAB_ZONE;
  const up = await waitUntil(
    async () =>
      !isAlive(pid) ||
      (await queryDns({ address: o.dnsAddress, port: o.rbldnsdPort }, zone, 'SOA', 300)) !== null,
    10_000,
    100,
  );
  if (!up || !isAlive(pid)) {
    throw new Error(`rbldnsd did not start: ${fs.readFileSync(log, 'utf8').slice(-800)}`);
  }
  return pid;
}

async function startFrontProcess(
  dnsDir: string,
  o: ResolvedOptions,
  labHosts: LabHost[],
): Promise<number> {
  const files = dnsFiles(dnsDir);
  const config: FrontProcessConfig = {
    front: {
      listen: [
        { address: o.dnsAddress, port: 53 },
        { address: '127.0.0.1', port: o.appDnsPort },
      ],
      upstream: { address: o.dnsAddress, port: o.rbldnsdPort },
      lists: INTERNET.lists.map((l) => ({ zone: l.zone, behaviour: l.behaviour })),
      slowMs: o.slowListMs,
      logQueries: true,
    },
    labHosts,
    pidFile: files.pid,
    runtimeZonesFile: files.runtimeZones,
  };
  fs.writeFileSync(files.config, `${JSON.stringify(config, null, 2)}\n`);
  fs.rmSync(files.pid, { force: true });
  // A new front starts from the lab's own Internet: nothing a test published survives it.
  fs.rmSync(files.runtimeZones, { force: true });
  const pid = spawnDetached([process.execPath, '--import', 'tsx', FRONT_MAIN, files.config], {
    logFile: files.log,
    cwd: REPO_ROOT,
  });
  const app = { address: '127.0.0.1', port: o.appDnsPort };
  const up = await waitUntil(
    async () =>
      !isAlive(pid) ||
      (readPidFile(files.pid) === pid && (await queryDns(app, LAB_ZONE, 'SOA', 300)) !== null),
    20_000,
    100,
  );
  if (!up || !isAlive(pid)) {
    throw new Error(
      `the lab DNS front did not start: ${fs.readFileSync(files.log, 'utf8').slice(-1200)}`,
    );
  }
  return pid;
}

export async function startDns(p: {
  dnsDir: string;
  infraDir: string;
  rootfs: string;
  options: ResolvedOptions;
  servers: { hostname: string }[];
}): Promise<{ front: number; rbldnsd: number }> {
  fs.mkdirSync(p.dnsDir, { recursive: true });
  const rbldnsd = await startRbldnsd(
    p.infraDir,
    p.rootfs,
    p.options,
    dnsFiles(p.dnsDir).rbldnsdLog,
  );
  const labHosts: LabHost[] = [
    { name: NS_NAME, address: p.options.dnsAddress },
    ...p.servers.map((s) => ({ name: s.hostname, address: '127.0.0.1' })),
  ];
  const front = await startFrontProcess(p.dnsDir, p.options, labHosts);
  return { front, rbldnsd };
}

/** Front processes of this instance: found by their config file argument, not by name. */
export function frontProcesses(dnsDir: string): number[] {
  const config = dnsFiles(dnsDir).config;
  return fs
    .readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => {
      const argv = cmdlineOf(pid);
      return argv.includes(config) && argv.includes(FRONT_MAIN) && isAlive(pid);
    });
}

export function frontRunning(dnsDir: string, pid: number): boolean {
  return frontProcesses(dnsDir).includes(pid);
}

export async function stopFront(dnsDir: string): Promise<void> {
  await terminate(frontProcesses(dnsDir));
  fs.rmSync(dnsFiles(dnsDir).pid, { force: true });
}
