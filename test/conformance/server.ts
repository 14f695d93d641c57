// One lab server as both sides see it: the compile target read from the server itself (Postfix
// version, the site's own recipient restrictions and restriction classes, postscreen, postgrey —
// what profileFromInspection derives in the app), the engine's matching ServerProfile, the port a
// client connects to, and the main.cf the lab writes for it (put back before each policy is
// applied, as if it were pushed to a fresh server — also after a run that crashed half-way).
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import type { ServerProfile } from '../../core/engine/types';
import { parseRestrictions } from '../../core/targets/postfix/restrictions';
import type { TargetProfile } from '../../core/targets/target';
import { profileFor } from '../lab/fleet';
import type { Lab, LabServer } from '../lab/index';
import { serverPorts } from '../lab/layout';
import { mainCf } from '../lab/postfix-config';

export interface ServerUnderTest {
  name: string;
  info: LabServer;
  target: TargetProfile;
  profile: ServerProfile;
  /** postscreen's port where it runs (clients meet it first), smtpd's otherwise. */
  port: number;
  pristineMainCf: string;
}

const MAP_TYPES = ['cidr', 'hash', 'texthash', 'regexp', 'static', 'inline'];

export async function serverUnderTest(lab: Lab, name: string): Promise<ServerUnderTest> {
  const info = lab.server(name);
  const index = lab.servers.indexOf(info);
  const pristineMainCf = mainCf(
    { name, hostname: info.hostname },
    profileFor(index),
    serverPorts(lab.options, index),
  );
  fs.writeFileSync(path.join(info.root, 'etc/postfix/main.cf'), pristineMainCf);
  const names = ['mail_version', 'smtpd_recipient_restrictions', 'smtpd_restriction_classes'];
  const r = await lab.exec(info, ['postconf', '-h', ...names]);
  if (r.code !== 0) throw new Error(`postconf on ${name}: ${r.stderr}`);
  const [version = '', recipient = '', classes = ''] = r.stdout.split('\n');
  const postscreen = info.postscreenPort !== undefined;
  const postgrey = info.postgreyPort !== undefined;
  const target: TargetProfile = {
    name,
    postfixVersion: version.trim(),
    postscreen,
    postgrey: postgrey ? { service: `inet:127.0.0.1:${info.postgreyPort}` } : undefined,
    mapTypes: MAP_TYPES,
    recipientRestrictions: parseRestrictions(recipient).map((s) =>
      s.arg ? `${s.name} ${s.arg}` : s.name,
    ),
    restrictionClasses: classes.split(/[\s,]+/).filter(Boolean),
    configDirectory: '/etc/postfix',
  };
  const profile: ServerProfile = {
    name: `${name} (${postscreen ? 'postscreen' : 'no postscreen'}, ${postgrey ? 'postgrey' : 'no greylisting service'})`,
    postscreen,
    policyService: postgrey ? 'postgrey' : 'none',
  };
  return {
    name,
    info,
    target,
    profile,
    port: info.postscreenPort ?? info.smtpdPort,
    pristineMainCf,
  };
}
