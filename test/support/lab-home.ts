// A throw-away $HOME with an ~/.ssh/config that names the lab's servers, the way an admin's
// would: aliases lab-mx1…, users, identity files, and a ProxyJump example.

import fs from 'node:fs';
import path from 'node:path';
import type { Lab } from '../lab/index';

export interface LabHome {
  home: string;
  sshDir: string;
  config: string;
  knownHosts: string;
}

export function makeLabHome(dir: string, lab: Lab, user = 'root'): LabHome {
  const sshDir = path.join(dir, '.ssh');
  fs.mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  const lines: string[] = [];
  for (const s of lab.servers) {
    lines.push(
      `Host lab-${s.name}`,
      `  HostName ${s.ssh.host}`,
      `  Port ${s.ssh.port}`,
      `  User ${user}`,
      `  IdentityFile ${lab.keys.plain}`,
      '',
    );
  }
  // mx2 reached through mx1, as through a bastion.
  const mx2 = lab.servers[1];
  if (mx2)
    lines.push(
      'Host lab-mx2-via-mx1',
      `  HostName ${mx2.ssh.host}`,
      `  Port ${mx2.ssh.port}`,
      `  User ${user}`,
      `  IdentityFile ${lab.keys.plain}`,
      '  ProxyJump lab-mx1',
      '',
    );
  const config = path.join(sshDir, 'config');
  fs.writeFileSync(config, lines.join('\n'), { mode: 0o600 });
  return { home: dir, sshDir, config, knownHosts: path.join(sshDir, 'known_hosts') };
}
