// The mail lab itself, against the running `test` instance (started by the integration global
// setup): SSH with both keys and the three users, SMTP banners, postscreen and postgrey verdicts
// through the real lab DNS, the DNS front's answers, `expected` against postconf, the fault
// controls, and a stop/start round trip that leaves nothing mounted or running.
// Runtime: Node (vitest integration project), root.

import crypto from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import { Client } from 'ssh2';
import { beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import {
  clientByName,
  dnsblQueryName,
  getTestLab,
  poolAddress,
  queryDns,
  reverseName,
  smtpSession,
  startLab,
  stopLab,
  TEST_LAB,
  type Lab,
  type LabServer,
} from '../lab/index';
import { skipWithReason } from '../support/skip';

const unavailable = inject('labUnavailable');
let lab: Lab;

beforeAll(async () => {
  if (!unavailable) lab = await getTestLab();
});

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
  hostKey: Buffer;
}

function sshExec(
  server: LabServer,
  username: string,
  key: { path: string; passphrase?: string },
  command: string,
): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    let hostKey: Buffer = Buffer.alloc(0);
    conn.on('error', reject);
    conn.on('ready', () => {
      conn.exec(command, (err, stream) => {
        if (err) return reject(err);
        let stdout = '';
        let stderr = '';
        stream.on('data', (d: Buffer) => (stdout += d.toString()));
        stream.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        stream.on('close', (code: number | null) => {
          conn.end();
          resolve({ code, stdout, stderr, hostKey });
        });
      });
    });
    conn.connect({
      host: server.ssh.host,
      port: server.ssh.port,
      username,
      privateKey: fs.readFileSync(key.path),
      ...(key.passphrase !== undefined ? { passphrase: key.passphrase } : {}),
      readyTimeout: 10_000,
      hostVerifier: (k: Buffer) => ((hostKey = k), true),
    });
  });
}

/** OpenSSH's fingerprint of a raw host key blob. */
const fingerprint = (blob: Buffer) =>
  `SHA256:${crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;

function firstLine(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    socket.setTimeout(5000, () => (socket.destroy(), reject(new Error('no banner'))));
    socket.on('error', reject);
    socket.on('data', (d: Buffer) => {
      data += d.toString();
      if (!data.includes('\n')) return;
      socket.destroy();
      resolve(data.split(/\r?\n/)[0] ?? '');
    });
  });
}

const plainKey = () => ({ path: lab.keys.plain });

describe('SSH', () => {
  it('every server answers with its own host key and runs postconf for root', async (ctx) => {
    needLab(ctx);
    for (const server of lab.servers) {
      expect(await firstLine(server.ssh.port)).toMatch(/^SSH-2\.0-OpenSSH_/);
      const r = await sshExec(server, 'root', plainKey(), 'postconf -h mail_version; hostname');
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual([
        server.expected.postfixVersion,
        server.hostname,
      ]);
      expect(fingerprint(r.hostKey)).toBe(server.ssh.hostKeyFingerprint);
      expect(server.ssh.knownHostsLine).toBe(
        `[127.0.0.1]:${server.ssh.port} ssh-ed25519 ${r.hostKey.toString('base64')}`,
      );
    }
    const prints = new Set(lab.servers.map((s) => s.ssh.hostKeyFingerprint));
    expect(prints.size).toBe(lab.servers.length);
  });

  it('accepts the encrypted key with its passphrase', async (ctx) => {
    needLab(ctx);
    const server = lab.server('mx2');
    const r = await sshExec(server, 'auditor', lab.keys.encrypted, 'id -un');
    expect(r.stdout.trim()).toBe('auditor');
  });

  it('lets mailadmin sudo the Postfix tools only, and auditor not at all (without mailing root)', async (ctx) => {
    needLab(ctx);
    const server = lab.server('mx2');
    const ok = await sshExec(
      server,
      'mailadmin',
      plainKey(),
      'sudo -n /usr/sbin/postconf -h mail_version',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe(server.expected.postfixVersion);
    const other = await sshExec(server, 'mailadmin', plainKey(), 'sudo -n /bin/cat /etc/shadow');
    expect(other.code).not.toBe(0);
    const auditor = await sshExec(
      server,
      'auditor',
      plainKey(),
      'sudo -n /usr/sbin/postconf -h mail_version',
    );
    expect(auditor.code).not.toBe(0);
    expect(auditor.stderr).toMatch(/sudo/);
    const audit = await lab.exec(server, ['sudo', '-n', '-l', '-U', 'auditor']);
    expect(audit.stdout).toMatch(/not allowed/);
    // Denied sudo would otherwise mail root (aliased to alice) a "SECURITY information" note.
    await new Promise((r) => setTimeout(r, 1000));
    const mailbox = await lab.exec(server, ['sh', '-c', 'cat /var/mail/alice 2>/dev/null || true']);
    expect(mailbox.stdout).not.toMatch(/SECURITY information/);
  });
});

describe('SMTP', () => {
  it('every server greets on its plain smtpd port', async (ctx) => {
    needLab(ctx);
    for (const server of lab.servers) {
      const r = await smtpSession({ port: server.smtpdPort, source: poolAddress('clean') });
      expect(r.banner?.code).toBe(220);
      expect(r.banner?.text).toContain(server.hostname);
      expect(r.outcome).toBe('accepted');
    }
  });

  it('postscreen on mx1 passes a clean client after the greet wait', async (ctx) => {
    needLab(ctx);
    const mx1 = lab.server('mx1');
    const source = poolAddress('clean');
    const r = await smtpSession({
      port: mx1.postscreenPort ?? 0,
      source,
      helo: 'client.example',
      mailFrom: 'someone@shop.example',
      // postgrey lets postmaster@ through: this checks postscreen alone.
      rcptTo: ['postmaster@lab.example'],
    });
    expect(r.outcome).toBe('accepted');
    expect(r.banner?.lines.length).toBeGreaterThanOrEqual(2);
    expect(r.durationMs).toBeGreaterThan(1800);
    expect(lab.readLog(mx1)).toContain(`PASS NEW [${source}]`);
  });

  it('postscreen on mx1 rejects a zen-listed client (through the lab DNS) and a pregreeter', async (ctx) => {
    needLab(ctx);
    const mx1 = lab.server('mx1');
    const listed = poolAddress('listed');
    const r = await smtpSession({
      port: mx1.postscreenPort ?? 0,
      source: listed,
      mailFrom: 'x@spam.example',
      rcptTo: ['alice@lab.example'],
    });
    expect(r.outcome).toBe('rejected');
    expect(r.decisive?.reply?.code).toBeOneOf([550, 554]);
    expect(r.decisive?.reply?.text).toContain('zen.lab.example');

    const early = poolAddress('clean');
    const p = await smtpSession({
      port: mx1.postscreenPort ?? 0,
      source: early,
      pregreet: true,
      mailFrom: 'x@shop.example',
      rcptTo: ['alice@lab.example'],
    });
    expect(p.outcome).toBe('rejected');
    expect(p.decisive?.reply?.code).toBe(550);
    const log = lab.readLog(mx1);
    expect(log).toMatch(new RegExp(`DNSBL rank \\d+ for \\[${listed.replaceAll('.', '\\.')}\\]`));
    expect(log).toContain(`PREGREET`);
    expect(log).toMatch(
      new RegExp(`PREGREET \\d+ after [\\d.]+ from \\[${early.replaceAll('.', '\\.')}\\]`),
    );
  });

  it('mx3 rejects a zen-listed client with reject_rbl_client and the list text', async (ctx) => {
    needLab(ctx);
    const client = clientByName('zen-sbl');
    const r = await smtpSession({
      port: lab.server('mx3').smtpdPort,
      source: client.address,
      helo: client.helo,
      mailFrom: client.mailFrom,
      rcptTo: ['alice@lab.example'],
    });
    expect(r.outcome).toBe('rejected');
    expect(r.decisive?.reply?.text).toContain(
      `blocked using zen.lab.example; SBL-style listing for ${client.address}`,
    );
  });

  it('mx1 greylists a first attempt with postgrey and accepts the retry after the delay', async (ctx) => {
    needLab(ctx);
    const mx1 = lab.server('mx1');
    const attempt = {
      port: mx1.smtpdPort,
      source: poolAddress('clean'),
      helo: 'client.example',
      mailFrom: 'sender@shop.example',
      rcptTo: ['alice@lab.example'],
      data: 'Subject: lab greylisting\n\nhello\n',
    };
    const first = await smtpSession(attempt);
    expect(first.outcome).toBe('deferred');
    expect(first.decisive?.reply?.text).toMatch(
      /Greylisted, see http:\/\/postgrey\.schweikert\.ch/,
    );
    await new Promise((r) => setTimeout(r, (lab.options.greylistDelay + 1) * 1000));
    const retry = await smtpSession(attempt);
    expect(retry.outcome).toBe('accepted');
  });
});

describe('DNS', () => {
  const resolver = () => {
    const r = new Resolver({ timeout: 1000, tries: 1 });
    r.setServers([lab.dns.appServer]);
    return r;
  };
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: NodeJS.ErrnoException) => e.code,
    );

  it('answers A, TXT and PTR (confirmed, unconfirmed, missing) with authority', async (ctx) => {
    needLab(ctx);
    const r = resolver();
    expect(await r.resolve4('mail.shop.example')).toEqual(['127.10.0.1']);
    expect((await r.resolveTxt('shop.example')).map((t) => t.join(''))).toContain(
      'v=spf1 ip4:127.10.0.0/28 ip6:2001:db8:10::/64 -all',
    );
    expect(await r.reverse('127.10.0.1')).toEqual(['mail.shop.example']);
    const dynamic = clientByName('dynamic');
    expect(await r.reverse(dynamic.address)).toEqual(['127-30-0-2.dyn.isp.example']);
    expect(await code(r.resolve4('127-30-0-2.dyn.isp.example'))).toBe('ENOTFOUND');
    expect(await r.resolve4('mail.mismatch.example')).toEqual(['127.30.0.99']);
    expect(await code(r.reverse(clientByName('no-ptr').address))).toBe('ENOTFOUND');
    expect(await r.reverse('2001:db8:10::1')).toEqual(['mail.shop.example']);

    // The servers' resolver address (port 53) gives the same, authoritative, with a negative TTL.
    const servers = { address: lab.dns.address, port: 53 };
    const ptr = await queryDns(servers, reverseName('127.10.0.20'), 'PTR');
    expect(ptr?.flag_aa).toBe(true);
    expect(ptr?.answers?.[0]).toMatchObject({ type: 'PTR', data: 'mail.shared.example', ttl: 300 });
    const missing = await queryDns(servers, reverseName('127.30.0.4'), 'PTR');
    expect(missing?.rcode).toBe('NXDOMAIN');
    expect(missing?.authorities?.[0]).toMatchObject({ type: 'SOA', ttl: 60 });
    const nodata = await queryDns(servers, 'mail.shop.example', 'MX');
    expect(nodata?.rcode).toBe('NOERROR');
    expect(nodata?.answers).toHaveLength(0);
    expect((await queryDns(servers, 'example.com', 'A'))?.rcode).toBe('REFUSED');
  });

  it('serves DNSBL and DNSWL listings for IPv4 and IPv6 through rbldnsd', async (ctx) => {
    needLab(ctx);
    const r = resolver();
    const a = (address: string, zone: string) => r.resolve4(dnsblQueryName(address, zone));
    expect(await a('127.20.0.2', 'zen.lab.example')).toEqual(['127.0.0.2']);
    expect(await a('127.20.0.10', 'zen.lab.example')).toEqual(['127.0.0.10']);
    expect(await a(poolAddress('listed'), 'zen.lab.example')).toEqual(['127.0.0.4']);
    expect(await a('127.10.0.30', 'wl.lab.example')).toEqual(['127.0.10.2']);
    expect(await a('2001:db8:20::2', 'zen.lab.example')).toEqual(['127.0.0.2']);
    expect(await a('2001:db8:21::77', 'zen.lab.example')).toEqual(['127.0.0.4']);
    expect(await a('2001:db8:10::30', 'wl.lab.example')).toEqual(['127.0.10.2']);
    expect(await code(a('127.10.0.1', 'zen.lab.example'))).toBe('ENOTFOUND');
    const txt = await r.resolveTxt(dnsblQueryName('127.20.0.4', 'zen.lab.example'));
    expect(txt.flat().join('')).toContain('127.20.0.4');
  });

  it('delays the slow list and never answers the dead list', async (ctx) => {
    needLab(ctx);
    const app = { address: '127.0.0.1', port: lab.options.appDnsPort };
    const began = Date.now();
    const slow = await queryDns(app, dnsblQueryName('127.22.0.1', 'slow.lab.example'), 'A', 5000);
    const slowMs = Date.now() - began;
    expect(slow?.answers?.[0]).toMatchObject({ data: '127.0.0.2' });
    expect(slowMs).toBeGreaterThanOrEqual(lab.options.slowListMs - 50);
    expect(
      await queryDns(app, dnsblQueryName('127.20.0.2', 'dead.lab.example'), 'A', 2500),
    ).toBeNull();
  });
});

describe('expected inspection results', () => {
  it('match what postconf and sudo report on each server', async (ctx) => {
    needLab(ctx);
    const postconf = async (server: LabServer, ...args: string[]) =>
      (await lab.exec(server, ['postconf', ...args])).stdout.trim();
    for (const server of lab.servers) {
      const e = server.expected;
      expect(await postconf(server, '-h', 'mail_version')).toBe(e.postfixVersion);
      expect(await postconf(server, '-h', 'maillog_file')).toBe(e.logFile);
      expect(server.logFile).toBe(e.logFile);
      const master = await postconf(server, '-M');
      expect(/\bpostscreen$/m.test(master)).toBe(e.postscreen);
      expect(/^smtp\s+inet/m.test(master)).toBe(false);
      const restrictions = await postconf(server, '-h', 'smtpd_recipient_restrictions');
      expect(restrictions.includes('check_policy_service')).toBe(e.postgrey);
      if (e.postgrey) expect(restrictions).toContain(`inet:127.0.0.1:${server.postgreyPort}`);

      const sites = e.postscreen ? await postconf(server, '-h', 'postscreen_dnsbl_sites') : '';
      const fromPostscreen = sites
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((s) => {
          const m = /^([^=*]+)(?:=([^*]+))?(?:\*(-?\d+))?$/.exec(s);
          return { zone: m?.[1], filter: m?.[2], weight: Number(m?.[3] ?? 1), via: 'postscreen' };
        });
      const fromSmtpd = [
        ...restrictions.matchAll(/reject_rbl_client\s+([^\s,=]+)(?:=([^\s,]+))?/g),
      ].map((m) => ({ zone: m[1], filter: m[2], weight: 1, via: 'smtpd' }));
      const canonical = (r: { zone?: string; filter?: string; weight: number; via: string }) =>
        `${r.via} ${r.zone ?? '?'}=${r.filter ?? '*'} weight ${r.weight}`;
      expect([...fromPostscreen, ...fromSmtpd].map(canonical)).toEqual(e.rbls.map(canonical));
      if (e.dnsblThreshold !== undefined) {
        expect(await postconf(server, '-h', 'postscreen_dnsbl_threshold')).toBe(
          String(e.dnsblThreshold),
        );
      }

      for (const user of ['mailadmin', 'auditor']) {
        const listing = (await lab.exec(server, ['sudo', '-n', '-l', '-U', user])).stdout;
        expect(/NOPASSWD:.*\/usr\/sbin\/postconf/.test(listing)).toBe(e.sudoUsers.includes(user));
      }
      expect((await lab.exec(server, ['postfix', 'check'])).code).toBe(0);
    }
  });
});

describe('fault controls', () => {
  it('kills sshd with its sessions, restarts it, and changes the host key', async (ctx) => {
    needLab(ctx);
    const mx3 = lab.server('mx3');
    const conn = new Client();
    const closed = new Promise<void>((resolve) => conn.on('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      conn.on('ready', () => resolve()).on('error', reject);
      conn.connect({
        host: '127.0.0.1',
        port: mx3.ssh.port,
        username: 'root',
        privateKey: fs.readFileSync(lab.keys.plain),
      });
    });
    await lab.killSshdSessions(mx3);
    await closed;
    await expect(firstLine(mx3.ssh.port)).rejects.toThrow();
    await lab.startSshd(mx3);
    const before = mx3.ssh.hostKeyFingerprint;
    const after = await lab.regenerateHostKey(mx3);
    expect(after).not.toBe(before);
    const r = await sshExec(mx3, 'root', plainKey(), 'true');
    expect(fingerprint(r.hostKey)).toBe(after);
    expect((await getTestLab()).server('mx3').ssh.hostKeyFingerprint).toBe(after);
  });

  it('drives Postfix inside a server', async (ctx) => {
    needLab(ctx);
    const mx3 = lab.server('mx3');
    expect((await lab.postfix(mx3, 'reload')).code).toBe(0);
    expect(lab.readLog(mx3)).toMatch(/reload -- version/);
    expect((await lab.exec(mx3, ['postconf', '-h', 'myhostname'])).stdout.trim()).toBe(
      mx3.hostname,
    );
  });
});

describe('lifecycle', () => {
  it('stop leaves no mount and no process behind; start brings it back healthy', async (ctx) => {
    needLab(ctx);
    const dir = lab.dir;
    await stopLab(TEST_LAB);
    const mounts = fs.readFileSync('/proc/self/mountinfo', 'utf8');
    expect(mounts).not.toContain(dir);
    const rooted = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return fs.readlinkSync(`/proc/${p}/root`).startsWith(dir);
        } catch {
          return false;
        }
      });
    expect(rooted).toEqual([]);
    const front = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`${dir}/dns/`);
        } catch {
          return false;
        }
      });
    expect(front).toEqual([]);
    await expect(getTestLab()).rejects.toThrow(/not running/);

    lab = await startLab({ name: TEST_LAB });
    const again = await getTestLab();
    expect(again.servers).toHaveLength(lab.servers.length);
    const r = await smtpSession({
      port: again.server('mx1').smtpdPort,
      source: poolAddress('clean'),
    });
    expect(r.banner?.code).toBe(220);
  });
});
