// Users of a lab server: root and two login users (mailadmin with sudo limited to the Postfix
// tools, auditor without sudo), all reachable with both lab client keys, plus mailbox users.
// Runtime: Node (lab), root.

import fs from 'node:fs';
import path from 'node:path';
import { LOGIN_USERS, MAILBOX_USERS, PUSH_SUDO_COMMANDS, SUDO_COMMANDS } from './fleet';
import { runInOk } from './run';

export const SUDOERS_FILE = '/etc/sudoers.d/mxwarden-lab';

function sudoers(): string {
  const admins = Object.values(LOGIN_USERS).filter((u) => u.sudo && u.name !== 'root');
  return [
    '# mxwarden lab: the restricted admin may run the Postfix tools, and what a push needs, as',
    '# root without a password (the lines mxwarden asks for).',
    '# No mail to root about denied sudo: it would land in the Postfix queue under test.',
    'Defaults !mail_badpass, !mail_no_user, !mail_no_perms',
    `Cmnd_Alias MXWARDEN_POSTFIX = ${SUDO_COMMANDS.join(', ')}`,
    `Cmnd_Alias MXWARDEN_PUSH = ${PUSH_SUDO_COMMANDS.join(', ')}`,
    ...admins.map((u) => `${u.name} ALL=(root) NOPASSWD: MXWARDEN_POSTFIX, MXWARDEN_PUSH`),
    '',
  ].join('\n');
}

function passwdEntry(root: string, user: string): { uid: number; gid: number; home: string } {
  const line = fs
    .readFileSync(path.join(root, 'etc/passwd'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  const f = line?.split(':');
  if (!f || f.length < 7) throw new Error(`no passwd entry for ${user} in ${root}`);
  return { uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '/' };
}

function authorize(root: string, user: string, keys: readonly string[]) {
  const { uid, gid, home } = passwdEntry(root, user);
  const sshDir = path.join(root, home, '.ssh');
  fs.mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  const file = path.join(sshDir, 'authorized_keys');
  fs.writeFileSync(file, `${keys.join('\n')}\n`, { mode: 0o600 });
  fs.chownSync(sshDir, uid, gid);
  fs.chownSync(file, uid, gid);
}

export async function createUsers(root: string, publicKeys: readonly string[]): Promise<void> {
  for (const user of Object.values(LOGIN_USERS)) {
    if (user.name !== 'root') {
      await runInOk(root, ['useradd', '--create-home', '--shell', '/bin/bash', user.name]);
    }
    // A locked password (`!`) makes sshd refuse the account even for key logins without PAM.
    await runInOk(root, ['usermod', '--password', '*', user.name]);
    authorize(root, user.name, publicKeys);
  }
  for (const user of MAILBOX_USERS) {
    await runInOk(root, ['useradd', '--create-home', '--shell', '/usr/sbin/nologin', user]);
  }
  fs.writeFileSync(path.join(root, SUDOERS_FILE), sudoers(), { mode: 0o440 });
  await runInOk(root, ['visudo', '--check', '--quiet', '--file', SUDOERS_FILE]);
}
