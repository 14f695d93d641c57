// ~/.ssh/config resolution, checked against OpenSSH itself (`ssh -G`), which prints the
// configuration ssh would use without connecting anywhere.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAliases, parseJumpHop, resolveTarget } from '../../../core/servers/ssh/ssh-config';
import { tempDir } from '../../support/temp';

const home = tempDir();
const sshDir = path.join(home, '.ssh');
fs.mkdirSync(sshDir, { mode: 0o700 });
const config = path.join(sshDir, 'config');
fs.mkdirSync(path.join(sshDir, 'conf.d'));
fs.writeFileSync(
  path.join(sshDir, 'conf.d', 'fleet.conf'),
  ['Host mx-included', '  HostName 127.0.0.1', '  Port 2202', '  User mailadmin', ''].join('\n'),
);
fs.writeFileSync(
  config,
  [
    'Include conf.d/*.conf',
    'Host mx1 mx1-alias',
    '  HostName 127.0.0.1',
    '  Port 2201',
    '  User root',
    '  IdentityFile ~/.ssh/lab_%r_%h',
    '  HashKnownHosts yes',
    'Host behind',
    '  HostName 10.9.8.7',
    '  ProxyJump mx1,admin@bastion.example:2222',
    '  IdentitiesOnly yes',
    'Host *.fleet.example !bad.fleet.example',
    '  User fleetadmin',
    '  Port 2022',
    'Host *',
    '  IdentityFile ~/.ssh/fallback',
    '',
  ].join('\n'),
);

/** What OpenSSH resolves, from `ssh -G` (connects nowhere). */
function openssh(host: string): Record<string, string[]> {
  const out = execFileSync('ssh', ['-F', config, '-G', host], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const r: Record<string, string[]> = {};
  for (const line of out.split('\n')) {
    const i = line.indexOf(' ');
    if (i > 0) (r[line.slice(0, i)] ??= []).push(line.slice(i + 1));
  }
  return r;
}

const opts = { configPath: config, home, localUser: os.userInfo().username };

describe('ssh config resolution agrees with ssh -G', () => {
  for (const alias of [
    'mx1',
    'mx1-alias',
    'mx-included',
    'behind',
    'a.fleet.example',
    'bad.fleet.example',
    'plain.example',
  ]) {
    it(alias, () => {
      const ours = resolveTarget({ host: alias }, opts);
      const theirs = openssh(alias);
      expect(ours.host).toBe(theirs.hostname?.[0]);
      expect(String(ours.port)).toBe(theirs.port?.[0]);
      expect(ours.user).toBe(theirs.user?.[0]);
      // ssh -G also lists its default identities; ours lists only configured ones.
      // ssh expands %r/%h in IdentityFile when it connects; -G prints them raw.
      const configured = (theirs.identityfile ?? [])
        .map((f) =>
          f
            .replace(/^~/, home)
            .replace(/%r/g, theirs.user?.[0] ?? '')
            .replace(/%h/g, theirs.hostname?.[0] ?? ''),
        )
        .filter((f) => !/\/id_(rsa|ecdsa|ecdsa_sk|ed25519|ed25519_sk|xmss|dsa)$/.test(f));
      expect(ours.identityFiles).toEqual(configured);
      expect(ours.proxyJump).toBe(theirs.proxyjump?.[0]);
    });
  }
});

describe('ssh config details', () => {
  it('lets explicit values win over the config, as on ssh’s command line', () => {
    const t = resolveTarget(
      { host: 'mx1', port: 2299, user: 'mailadmin', identityFile: '/keys/x' },
      opts,
    );
    expect(t).toMatchObject({
      host: '127.0.0.1',
      port: 2299,
      user: 'mailadmin',
      hashKnownHosts: true,
      fromConfig: true,
    });
    expect(t.identityFiles[0]).toBe('/keys/x');
  });

  it('lists concrete aliases for the picker, including included files', () => {
    expect(listAliases(opts)).toEqual(['behind', 'mx-included', 'mx1', 'mx1-alias']);
  });

  it('parses ProxyJump hops and refuses bad ports', () => {
    expect(parseJumpHop('admin@bastion.example:2222')).toEqual({
      host: 'bastion.example',
      port: 2222,
      user: 'admin',
    });
    expect(parseJumpHop('[::1]:22')).toEqual({ host: '::1', port: 22 });
    expect(parseJumpHop('mx1')).toEqual({ host: 'mx1' });
    expect(() => resolveTarget({ host: 'x', port: 70000 }, opts)).toThrow(/not a port/);
  });

  it('reads a missing config as empty', () => {
    const t = resolveTarget(
      { host: 'nowhere.example' },
      { ...opts, configPath: path.join(home, 'absent') },
    );
    expect(t).toMatchObject({
      host: 'nowhere.example',
      port: 22,
      fromConfig: false,
      identityFiles: [],
    });
  });
});
