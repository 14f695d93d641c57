// SSH to the lab's servers the way ssh(1) does it: keys, agent, ~/.ssh/config aliases and
// ProxyJump; trust on first use, changed and revoked host keys; sudo allowed and refused; a
// dropped connection mid-command; inspection results against what each server is configured with.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import type { ApiError, Result } from '../../core/app/api';
import { AppError } from '../../core/app/result';
import { createAppService, type AppService } from '../../core/app/service';
import { connectSsh } from '../../core/servers/ssh/connect';
import { SshSession } from '../../core/servers/ssh/session';
import { resolveTarget } from '../../core/servers/ssh/ssh-config';
import { MemorySecretStore } from '../../core/secrets/memory-secret-store';
import { openStore } from '../../core/store/database';
import { getTestLab, type Lab } from '../lab/index';
import { makeLabHome, type LabHome } from '../support/lab-home';
import { skipWithReason } from '../support/skip';
import { tempDir } from '../support/temp';

const unavailable = inject('labUnavailable');
let lab: Lab;

beforeAll(async () => {
  if (!unavailable) lab = await getTestLab();
});

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

const actor = { actor: 'test' };

function core(home: LabHome): AppService {
  const dataDir = tempDir();
  return createAppService({
    store: openStore(path.join(dataDir, 'mxwarden.db')),
    secrets: new MemorySecretStore(),
    host: 'cli',
    dataDir,
    home: home.home,
    watchIntervalMs: 0,
    log: () => {},
  });
}

function errorOf<T>(r: Result<T>): ApiError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

async function addAndTrust(
  service: AppService,
  name: string,
  host: string,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const added = await service.call('servers.add', { name, host, ...extra }, actor);
  if (!added.ok) throw new Error(added.error.message);
  const first = await service.call('servers.test', { id: added.value.id }, actor);
  const fp = (errorOf(first).detail as { fingerprint: string }).fingerprint;
  const trusted = await service.call(
    'servers.trustHostKey',
    { id: added.value.id, fingerprint: fp },
    actor,
  );
  if (!trusted.ok) throw new Error(trusted.error.message);
  return added.value.id;
}

describe('connecting', () => {
  it('by ~/.ssh/config alias, key from the config, trust on first use and refusal', async (ctx) => {
    const lab = needLab(ctx);
    const home = makeLabHome(tempDir(), lab);
    const service = core(home);
    const mx1 = lab.server('mx1');
    const added = await service.call(
      'servers.add',
      { name: 'mx1', host: 'lab-mx1', tags: ['mx'] },
      actor,
    );
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value.target).toMatchObject({
      ok: true,
      host: '127.0.0.1',
      port: mx1.ssh.port,
      user: 'root',
      fromConfig: true,
    });

    // First contact: the fingerprint is shown, nothing is pinned yet.
    const first = errorOf(await service.call('servers.test', { id: added.value.id }, actor));
    expect(first.code).toBe('HOST_KEY_UNKNOWN');
    expect(first.message).toContain(mx1.ssh.hostKeyFingerprint);
    expect((first.detail as { fingerprint: string }).fingerprint).toBe(mx1.ssh.hostKeyFingerprint);
    expect(fs.existsSync(home.knownHosts)).toBe(false);

    // Refusing = not accepting: still unknown on the next attempt, still nothing pinned.
    expect(errorOf(await service.call('servers.test', { id: added.value.id }, actor)).code).toBe(
      'HOST_KEY_UNKNOWN',
    );
    // A fingerprint that is not the presented key is never pinned.
    const wrong = errorOf(
      await service.call(
        'servers.trustHostKey',
        { id: added.value.id, fingerprint: `SHA256:${'B'.repeat(43)}` },
        actor,
      ),
    );
    expect(wrong.code).toBe('CONFLICT');
    expect(fs.existsSync(home.knownHosts)).toBe(false);

    const trusted = await service.call(
      'servers.trustHostKey',
      { id: added.value.id, fingerprint: mx1.ssh.hostKeyFingerprint },
      actor,
    );
    expect(trusted.ok).toBe(true);
    // OpenSSH itself finds and accepts what we pinned.
    expect(
      execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${mx1.ssh.port}`, '-f', home.knownHosts], {
        encoding: 'utf8',
      }),
    ).toContain('ssh-ed25519');
    const viaOpenssh = execFileSync(
      'ssh',
      [
        '-F',
        home.config,
        '-o',
        `UserKnownHostsFile=${home.knownHosts}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        'BatchMode=yes',
        'lab-mx1',
        'postconf',
        '-h',
        'mail_version',
      ],
      { encoding: 'utf8', env: { ...process.env, HOME: home.home } },
    );
    expect(viaOpenssh.trim()).toBe(mx1.expected.postfixVersion);

    const ok = await service.call('servers.test', { id: added.value.id }, actor);
    expect(ok).toMatchObject({
      ok: true,
      value: { fingerprint: mx1.ssh.hostKeyFingerprint, privilege: { mode: 'root', user: 'root' } },
    });
    service.close();
  });

  it('by host, port, user and an explicit key; an encrypted key asks for its passphrase', async (ctx) => {
    const lab = needLab(ctx);
    const home = makeLabHome(tempDir(), lab);
    const service = core(home);
    const mx3 = lab.server('mx3');
    // Trusting works without the passphrase: the host key is checked before authentication.
    const id = await addAndTrust(service, 'mx3', '127.0.0.1', {
      port: mx3.ssh.port,
      username: 'root',
      identityFile: lab.keys.encrypted.path,
    });
    const locked = errorOf(await service.call('servers.test', { id }, actor));
    expect(locked.code).toBe('PASSPHRASE_REQUIRED');
    expect(locked.detail).toMatchObject({ keyPath: lab.keys.encrypted.path });
    const wrong = errorOf(
      await service.call(
        'servers.test',
        { id, passphrases: [{ keyPath: lab.keys.encrypted.path, passphrase: 'not it' }] },
        actor,
      ),
    );
    expect(wrong).toMatchObject({ code: 'PASSPHRASE_REQUIRED', detail: { wrong: true } });
    const right = await service.call(
      'servers.test',
      {
        id,
        passphrases: [
          {
            keyPath: lab.keys.encrypted.path,
            passphrase: lab.keys.encrypted.passphrase,
            remember: true,
          },
        ],
      },
      actor,
    );
    expect(right.ok).toBe(true);
    // Remembered: the next call needs no passphrase.
    expect((await service.call('servers.test', { id }, actor)).ok).toBe(true);
    service.close();
  });

  it('by ssh-agent, with no identity file at all', async (ctx) => {
    const lab = needLab(ctx);
    const dir = tempDir();
    const socket = path.join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !fs.existsSync(socket); i++)
        await new Promise((r) => setTimeout(r, 50));
      execFileSync('ssh-add', [lab.keys.plain], {
        env: { ...process.env, SSH_AUTH_SOCK: socket },
        stdio: 'ignore',
      });
      const mx1 = lab.server('mx1');
      const home = makeLabHome(dir, lab);
      fs.writeFileSync(home.knownHosts, `${mx1.ssh.knownHostsLine}\n`);
      const target = resolveTarget(
        { host: '127.0.0.1', port: mx1.ssh.port, user: 'mailadmin' },
        { configPath: home.config, home: dir },
      );
      expect(target.identityFiles).toEqual([]);
      const conn = await connectSsh({
        server: 'mx1',
        target,
        knownHostsFile: home.knownHosts,
        agentSocket: socket,
      });
      const s = new SshSession('mx1', conn);
      expect((await s.run(['id', '-un'])).trim()).toBe('mailadmin');
      s.close();
      // Without the agent and without keys there is nothing to offer: a clear AUTH error.
      await expect(
        connectSsh({ server: 'mx1', target, knownHostsFile: home.knownHosts, agentSocket: '' }),
      ).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    } finally {
      agent.kill();
    }
  });

  it('through a ProxyJump host from the ssh config', async (ctx) => {
    const lab = needLab(ctx);
    const home = makeLabHome(tempDir(), lab);
    fs.writeFileSync(
      home.knownHosts,
      lab.servers.map((s) => s.ssh.knownHostsLine).join('\n') + '\n',
    );
    const target = resolveTarget(
      { host: 'lab-mx2-via-mx1' },
      { configPath: home.config, home: home.home },
    );
    expect(target.proxyJump).toBe('lab-mx1');
    const conn = await connectSsh({
      server: 'mx2',
      target,
      knownHostsFile: home.knownHosts,
      agentSocket: '',
      resolveHop: (hop) =>
        resolveTarget({ host: hop.host }, { configPath: home.config, home: home.home }),
    });
    expect(conn.via).toHaveLength(1);
    const s = new SshSession('mx2', conn);
    expect((await s.run(['hostname'])).trim()).toBe('mx2.lab.example');
    s.close();
  });

  it('refuses an address with nothing listening, and a port that does not speak SSH, quickly', async (ctx) => {
    const lab = needLab(ctx);
    const home = makeLabHome(tempDir(), lab);
    const base = { server: 'x', knownHostsFile: home.knownHosts, agentSocket: '' };
    const target = (port: number) => ({
      ...resolveTarget(
        { host: '127.0.0.1', port, identityFile: lab.keys.plain },
        { configPath: home.config, home: home.home },
      ),
    });
    await expect(connectSsh({ ...base, target: target(1) })).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringContaining('connection refused'),
    });
    const started = Date.now();
    await expect(
      connectSsh({ ...base, target: target(lab.server('mx1').smtpdPort), readyTimeoutMs: 3000 }),
    ).rejects.toBeInstanceOf(AppError);
    expect(Date.now() - started).toBeLessThan(8000);
  });
});

describe('host keys', () => {
  it('a changed key is refused with OpenSSH’s warning, before any authentication', async (ctx) => {
    const lab = needLab(ctx);
    const home = makeLabHome(tempDir(), lab);
    const service = core(home);
    const id = await addAndTrust(service, 'mx2', 'lab-mx2');
    expect((await service.call('servers.test', { id }, actor)).ok).toBe(true);

    const logBefore = fs.readFileSync(
      path.join(lab.server('mx2').root, 'var/log/sshd.log'),
      'utf8',
    ).length;
    const fresh = await lab.regenerateHostKey('mx2');
    const err = errorOf(await service.call('servers.test', { id }, actor));
    expect(err.code).toBe('HOST_KEY_CHANGED');
    expect(err.message).toMatch(
      /REMOTE HOST IDENTIFICATION HAS CHANGED for mx2 \(\[127\.0\.0\.1\]:\d+\) since you accepted it on \d{4}-\d\d-\d\d/,
    );
    expect(err.message).toContain(fresh);
    expect((err.detail as { openssh: string }).openssh).toContain(
      `Offending ED25519 key in ${home.knownHosts}:1`,
    );
    // Nothing else happened on that connection: sshd logged no authentication attempt.
    const logAfter = fs
      .readFileSync(path.join(lab.server('mx2').root, 'var/log/sshd.log'), 'utf8')
      .slice(logBefore);
    expect(logAfter).not.toMatch(/Accepted|Failed publickey|Postponed/);
    // And the changed key cannot be "trusted" past the warning.
    expect(
      errorOf(await service.call('servers.trustHostKey', { id, fingerprint: fresh }, actor)).code,
    ).toBe('HOST_KEY_CHANGED');
    // The stored status keeps the refusal with OpenSSH's text, for the UI after a reload.
    const detail = await service.call('servers.get', { id }, actor);
    expect(detail.ok && detail.value.status).toMatchObject({
      ok: false,
      code: 'HOST_KEY_CHANGED',
      fingerprint: fresh,
      detail: { openssh: expect.stringContaining('Host key verification failed.') },
    });
    service.close();
  });

  it('a revoked key is refused', async (ctx) => {
    const lab = needLab(ctx);
    const home = makeLabHome(tempDir(), lab);
    const mx1 = lab.server('mx1');
    const keyPart = mx1.ssh.knownHostsLine.split(' ').slice(1).join(' ');
    fs.writeFileSync(home.knownHosts, `${mx1.ssh.knownHostsLine}\n@revoked * ${keyPart}\n`);
    const target = resolveTarget({ host: 'lab-mx1' }, { configPath: home.config, home: home.home });
    await expect(
      connectSsh({ server: 'mx1', target, knownHostsFile: home.knownHosts, agentSocket: '' }),
    ).rejects.toMatchObject({
      code: 'HOST_KEY_REVOKED',
      message: expect.stringContaining('REVOKED HOST KEY DETECTED'),
    });
  });
});

describe('privileges', () => {
  it('detects root, sudo for Postfix’s tools, and no sudo — with the sudoers line to add', async (ctx) => {
    const lab = needLab(ctx);
    const mx1 = lab.server('mx1');
    const results: Record<string, unknown> = {};
    for (const user of ['root', 'mailadmin', 'auditor']) {
      const home = makeLabHome(tempDir(), lab, user);
      const service = core(home);
      const id = await addAndTrust(service, `mx1-${user}`, 'lab-mx1');
      const r = await service.call('servers.test', { id }, actor);
      if (!r.ok) throw new Error(r.error.message);
      results[user] = r.value.privilege;
      service.close();
    }
    expect(results.root).toMatchObject({ user: 'root', mode: 'root', missing: [] });
    expect(results.mailadmin).toMatchObject({ user: 'mailadmin', mode: 'sudo', missing: [] });
    expect(results.auditor).toMatchObject({
      user: 'auditor',
      mode: 'none',
      sudoersLine:
        'auditor ALL=(root) NOPASSWD: /usr/sbin/postfix, /usr/sbin/postconf, /usr/sbin/postmap, /usr/sbin/postqueue, /usr/sbin/postsuper, /usr/sbin/postmulti',
    });
    void mx1;
  });
});

describe('dropped connections', () => {
  it('sshd killed mid-command: a clear error at once, no hang, and a later call reconnects', async (ctx) => {
    const lab = needLab(ctx);
    const home = makeLabHome(tempDir(), lab);
    const service = core(home);
    await addAndTrust(service, 'mx3', 'lab-mx3');
    const conn = await connectSsh({
      server: 'mx3',
      target: resolveTarget({ host: 'lab-mx3' }, { configPath: home.config, home: home.home }),
      knownHostsFile: home.knownHosts,
      agentSocket: '',
    });
    const s = new SshSession('mx3', conn);
    let failedAt = 0;
    const running = s.exec(['sleep', '30']).then(
      () => 'finished',
      (e: unknown) => ((failedAt = Date.now()), e),
    );
    await new Promise((r) => setTimeout(r, 500));
    const killedAt = Date.now();
    await lab.killSshdSessions('mx3');
    expect(await running).toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringContaining('dropped'),
    });
    expect(failedAt - killedAt).toBeLessThan(5000);
    await expect(s.exec(['true'])).rejects.toMatchObject({ code: 'UNREACHABLE' });

    // While sshd is down the service answers promptly with what is wrong…
    const list = await service.call('servers.list', undefined, actor);
    const id = list.ok ? (list.value[0]?.id ?? 0) : 0;
    expect(errorOf(await service.call('servers.test', { id }, actor)).code).toBe('UNREACHABLE');
    // …and once it is back, the next call simply works.
    await lab.startSshd('mx3');
    expect((await service.call('servers.test', { id }, actor)).ok).toBe(true);
    service.close();
  });
});

describe('inspection', () => {
  it('finds on every lab server exactly what it is configured with', async (ctx) => {
    const lab = needLab(ctx);
    const home = makeLabHome(tempDir(), lab, 'mailadmin');
    const service = core(home);
    const ids: number[] = [];
    for (const s of lab.servers) ids.push(await addAndTrust(service, s.name, `lab-${s.name}`));
    const progress: string[] = [];
    service.events.subscribe('servers.progress', (p) => progress.push(`${p.name}:${p.state}`));
    const r = await service.call('servers.inspect', { ids }, actor);
    if (!r.ok) throw new Error(r.error.message);
    for (const [i, outcome] of r.value.entries()) {
      const s = lab.servers[i];
      if (!s || !outcome.inspection) throw new Error(`${outcome.name}: ${outcome.error?.message}`);
      const got = outcome.inspection;
      const want = s.expected;
      expect(got.postfix.version, s.name).toBe(want.postfixVersion);
      expect(got.postscreen.enabled, s.name).toBe(want.postscreen);
      expect(got.postgrey.inUse, s.name).toBe(want.postgrey);
      expect(got.postgrey.running, s.name).toBe(want.postgrey);
      if (want.postgrey)
        expect(got.postgrey.options, s.name).toContain(`--inet=127.0.0.1:${s.postgreyPort}`);
      expect(got.log, s.name).toEqual({ kind: 'file', path: want.logFile });
      expect(
        got.rbls.map((x) => ({ zone: x.zone, filter: x.filter, weight: x.weight, via: x.source })),
        s.name,
      ).toEqual(
        want.rbls.map((x) => ({ zone: x.zone, filter: x.filter, weight: x.weight, via: x.via })),
      );
      if (want.dnsblThreshold !== undefined)
        expect(got.postscreen.dnsblThreshold, s.name).toBe(want.dnsblThreshold);
      expect(got.privilege.mode, s.name).toBe(
        want.sudoUsers.includes('mailadmin') ? 'sudo' : 'none',
      );
      expect(got.os.prettyName, s.name).toMatch(/Debian GNU\/Linux 12/);
      expect(got.postfix.mapTypes, s.name).toEqual(
        expect.arrayContaining(['cidr', 'hash', 'texthash']),
      );
      // A restriction and its argument are one step.
      if (want.postgrey) {
        expect(got.restrictions.smtpd_recipient_restrictions, s.name).toContainEqual({
          name: 'check_policy_service',
          arg: `inet:127.0.0.1:${s.postgreyPort}`,
        });
      }
    }
    expect(progress.filter((p) => p.endsWith(':done')).sort()).toEqual(
      lab.servers.map((s) => `${s.name}:done`).sort(),
    );
    // Every server is announced as queued before any of them runs.
    expect(progress.slice(0, lab.servers.length).every((p) => p.endsWith(':queued'))).toBe(true);
    const listed = await service.call('servers.list', undefined, actor);
    expect(listed.ok && listed.value.every((x) => x.inspection?.postfixVersion)).toBe(true);
    service.close();
  });
});
