// One managed server of the lab: an overlay of the root filesystem with its own /etc (hosts,
// resolver pointing at the lab DNS), users, sshd, Postfix and, per its profile, postgrey.
// Creates it, starts its daemons and tells whether they are all still up.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { expectedFor, LOCAL_DOMAIN, LOGIN_USERS, profileFor } from './fleet';
import { serverName, serverPorts, type ResolvedOptions } from './layout';
import { mountSystem } from './mounts';
import { overlayPaths } from './paths';
import { configurePostfix, masterPid, startPostfix } from './postfix';
import { postgreyPid, startPostgrey, startPostgreyRelay } from './postgrey';
import { runInOk } from './run';
import {
  generateHostKey,
  hostKeyInfo,
  portOpen,
  sshdPid,
  startSshd,
  writeSshdConfig,
} from './sshd';
import { startSyslog, syslogPid } from './syslog';
import { createUsers } from './users';
import type { LabServerInfo } from './types';

export interface ServerCreation {
  rootfs: string;
  serversDir: string;
  options: ResolvedOptions;
  index: number;
  publicKeys: readonly string[];
  log: (line: string) => void;
}

function writeSystemFiles(root: string, hostname: string, dnsAddress: string) {
  const short = hostname.split('.')[0] ?? hostname;
  const write = (file: string, text: string) => fs.writeFileSync(path.join(root, file), text);
  write('etc/hostname', `${hostname}\n`);
  write('etc/mailname', `${hostname}\n`);
  // sudo looks its host name up on every call: it must be here, not asked of the lab DNS.
  write(
    'etc/hosts',
    [
      '127.0.0.1 localhost',
      `127.0.0.1 ${hostname} ${short}`,
      '::1 localhost ip6-localhost ip6-loopback',
      '',
    ].join('\n'),
  );
  write('etc/resolv.conf', `# mxwarden lab DNS\nnameserver ${dnsAddress}\n`);
}

export async function createServer(
  c: ServerCreation,
): Promise<{ info: LabServerInfo; postgreyPid?: number }> {
  const name = serverName(c.index);
  const hostname = `${name}.${LOCAL_DOMAIN}`;
  const profile = profileFor(c.index);
  const ports = serverPorts(c.options, c.index);
  const dirs = overlayPaths(path.join(c.serversDir, name));
  const root = dirs.root;
  const step = (what: string) => c.log(`${name}: ${what}`);

  await mountSystem(c.rootfs, dirs);
  writeSystemFiles(root, hostname, c.options.dnsAddress);
  step('syslog');
  await startSyslog(root);
  if (profile.postgrey) step(`postgrey on 127.0.0.1:${ports.postgrey}`);
  // postgrey (Perl) needs seconds to come up: it starts while the rest is being set up.
  const postgrey = profile.postgrey
    ? startPostgrey(root, ports.postgrey, c.options.greylistDelay)
    : Promise.resolve(undefined);
  postgrey.catch(() => undefined); // awaited below; a failure is reported there
  step('users and sudo');
  await createUsers(root, c.publicKeys);
  step(`sshd on 127.0.0.1:${ports.ssh}`);
  await generateHostKey(root, `root@${hostname}`);
  writeSshdConfig(root, ports.ssh);
  await startSshd(root, ports.ssh);
  step(
    `postfix: smtpd 127.0.0.1:${ports.smtpd}` +
      (profile.postscreen ? `, postscreen 127.0.0.1:${ports.postscreen}` : ''),
  );
  await configurePostfix(root, { name, hostname }, profile, ports);
  await startPostfix(root);
  const postfixVersion = (await runInOk(root, ['postconf', '-h', 'mail_version'])).trim();
  const postgreyPid = await postgrey;
  if (profile.postgrey) startPostgreyRelay(root);

  const info: LabServerInfo = {
    name,
    hostname,
    root,
    ssh: { host: '127.0.0.1', port: ports.ssh, ...(await hostKeyInfo(root, ports.ssh)) },
    smtpdPort: ports.smtpd,
    ...(profile.postscreen ? { postscreenPort: ports.postscreen } : {}),
    ...(profile.postgrey ? { postgreyPort: ports.postgrey } : {}),
    logFile: profile.logFile,
    users: {
      root: { ...LOGIN_USERS.root },
      mailadmin: { ...LOGIN_USERS.mailadmin },
      auditor: { ...LOGIN_USERS.auditor },
    },
    expected: expectedFor(profile, postfixVersion),
  };
  return { info, ...(postgreyPid !== undefined ? { postgreyPid } : {}) };
}

/** Why a server is not healthy, or null when sshd, syslog, Postfix and postgrey are all up. */
export async function serverProblem(info: LabServerInfo): Promise<string | null> {
  if (sshdPid(info.root) === null) return `${info.name}: sshd is not running`;
  if (syslogPid(info.root) === null) return `${info.name}: rsyslogd is not running`;
  if (masterPid(info.root) === null) return `${info.name}: Postfix is not running`;
  // postgrey's pid file, not a remembered pid: a push restarts it (`service postgrey restart`).
  if (info.postgreyPort !== undefined && postgreyPid(info.root) === null)
    return `${info.name}: postgrey is not running`;
  const ports = [info.ssh.port, info.smtpdPort, info.postscreenPort, info.postgreyPort];
  for (const port of ports) {
    if (port !== undefined && !(await portOpen(port)))
      return `${info.name}: port ${port} is closed`;
  }
  return null;
}
