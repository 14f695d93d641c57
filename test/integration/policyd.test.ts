// mxwarden's policy service behind a real Postfix: the built `mxwarden policyd` runs on the host,
// mx3 of the lab (which has no postgrey) calls it from smtpd_recipient_restrictions, and SMTP
// clients from fresh lab addresses are greylisted with postgrey's reply, let through after the
// delay (with the X-Greylist header in the delivered message), and logged in postgrey's shape.
// Postfix talks to the service through a transparent recorder that keeps a copy of every request
// Postfix sent, so the service also answers those real requests replayed. Finally the process's
// SIGHUP (reload, and refusal of a bad file) and SIGTERM (exit 0).
// Runtime: Node (vitest integration project), root.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { evaluate } from '../../core/engine/evaluate';
import { MemoryGreylistStore } from '../../core/greylist/state';
import { DnsClient } from '../../core/net/dns-client';
import { parseRequestBlock } from '../../core/policyd/request-reader';
import type { Policy } from '../../core/policy/schema';
import {
  clientByName,
  getTestLab,
  labPolicy,
  poolAddress,
  smtpSession,
  type Lab,
} from '../lab/index';
import { CLI, requireBuild } from '../support/project';
import { skipWithReason } from '../support/skip';
import { tempDir } from '../support/temp';

const unavailable = inject('labUnavailable');
const SERVER = 'mx3';
const DELAY = 3;
let lab: Lab;
let dir: string;
let policyFile: string;
let savedRestrictions: string | undefined;
let service: {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exit: Promise<number | null>;
};
let recorder: { port: number; requests: Buffer[]; close(): Promise<void> };

function policy(over: (p: Policy) => void = () => undefined): Policy {
  const p = labPolicy({ greylistDelaySeconds: DELAY });
  p.name = 'policyd integration';
  p.greylisting.exceptions.recipients = [
    { value: 'postmaster@', source: 'template' },
    { value: 'abuse@', source: 'template' },
  ];
  over(p);
  return p;
}

/** The real CLI, as Postfix sites would run it; resolves once it says where it listens. */
async function startService(): Promise<typeof service> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'policyd',
      '--listen',
      '127.0.0.1:0',
      '--policy',
      policyFile,
      '--state',
      path.join(dir, 'policyd.db'),
      '--dns',
      lab.dns.appServer,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`policyd did not start: ${err}`)), 15_000);
    const look = () => {
      const m = /listening on inet:127\.0\.0\.1:(\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stderr?.on('data', look);
    void exit.then((code) => reject(new Error(`policyd exited (${code}): ${err}`)));
  });
  return { child, port, stderr: () => err, exit };
}

/**
 * Forwards every connection to the service unchanged, both ways, keeping a copy of each
 * request Postfix sent (split at the empty line that ends it).
 */
async function startRecorder(target: number): Promise<typeof recorder> {
  const requests: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((from) => {
    const to = net.connect(target, '127.0.0.1');
    sockets.add(from).add(to);
    let pending = Buffer.alloc(0);
    from.on('data', (d: Buffer) => {
      pending = Buffer.concat([pending, d]);
      for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
        requests.push(pending.subarray(0, end + 2));
        pending = pending.subarray(end + 2);
      }
    });
    from.pipe(to);
    to.pipe(from);
    for (const s of [from, to]) {
      s.on('error', () => undefined);
      s.on('close', () => (from.destroy(), to.destroy(), sockets.delete(s)));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    requests,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

beforeAll(async () => {
  if (unavailable) return;
  requireBuild();
  lab = await getTestLab();
  dir = tempDir();
  policyFile = path.join(dir, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify(policy(), null, 2));
  service = await startService();
  recorder = await startRecorder(service.port);
  const mx = lab.server(SERVER);
  savedRestrictions = (
    await lab.exec(mx, ['postconf', '-h', 'smtpd_recipient_restrictions'])
  ).stdout.trim();
  // Where postgrey would be on mx1 and mx2: last in smtpd_recipient_restrictions.
  await lab.exec(mx, [
    'postconf',
    '-e',
    `smtpd_recipient_restrictions=${savedRestrictions}, check_policy_service inet:127.0.0.1:${recorder.port}`,
  ]);
  const reload = await lab.postfix(mx, 'reload');
  if (reload.code !== 0) throw new Error(`postfix reload failed: ${reload.stderr}`);
});

afterAll(async () => {
  if (unavailable || !lab) return;
  try {
    if (savedRestrictions !== undefined) {
      const mx = lab.server(SERVER);
      await lab.exec(mx, ['postconf', '-e', `smtpd_recipient_restrictions=${savedRestrictions}`]);
      await lab.postfix(mx, 'reload');
    }
  } finally {
    await recorder?.close();
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGKILL');
      await service.exit;
    }
  }
});

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, get: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const reloads = () => service.stderr().split('policy reloaded: "policyd integration"').length - 1;

/** Writes the policy file and signals the service; resolves once it says it reloaded. */
async function reloadWith(p: Policy): Promise<void> {
  const before = reloads();
  fs.writeFileSync(policyFile, JSON.stringify(p));
  service.child.kill('SIGHUP');
  await waitFor('the reload', () => (reloads() > before ? true : undefined));
}

describe('mxwarden policyd behind the lab Postfix (mx3)', () => {
  it("greylists a first attempt with postgrey's reply and accepts the retry after the delay", async (ctx) => {
    needLab(ctx);
    const mx = lab.server(SERVER);
    const source = poolAddress('clean');
    const subject = `policyd ${source} ${Date.now()}`;
    const attempt = {
      port: mx.smtpdPort,
      source,
      helo: 'client.example',
      mailFrom: 'sender@shop.example',
      rcptTo: ['alice@lab.example'],
      data: `Subject: ${subject}\n\nhello through mxwarden's policy service\n`,
    };
    const first = await smtpSession(attempt);
    expect(first.outcome).toBe('deferred');
    expect(first.decisive?.reply?.code).toBe(450);
    expect(first.decisive?.reply?.text).toBe(
      '4.2.0 <alice@lab.example>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/lab.example.html',
    );

    await sleep((DELAY + 1) * 1000);
    const retry = await smtpSession(attempt);
    expect(retry.outcome, retry.transcript.join('\n')).toBe('accepted');

    // The service logged both decisions, in postgrey's shape.
    const triplet = `client_name=unknown, client_address=${source}, sender=sender@shop.example, recipient=alice@lab.example`;
    const log = await waitFor('the pass in the policyd log', () =>
      service.stderr().includes(`reason=triplet found, delay=`) && service.stderr().includes(source)
        ? service.stderr()
        : undefined,
    );
    expect(log).toContain(`action=greylist, reason=new, ${triplet}`);
    expect(log).toMatch(
      new RegExp(`action=pass, reason=triplet found, delay=\\d+, ${triplet.replace(/\./g, '\\.')}`),
    );
    // Postfix logged our reply as it logs postgrey's.
    expect(lab.readLog(mx)).toContain(
      `NOQUEUE: reject: RCPT from unknown[${source}]: 450 4.2.0 <alice@lab.example>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/lab.example.html;`,
    );
    // And the delivered message carries the X-Greylist header the PREPEND asked for.
    const mailbox = path.join(mx.root, 'var/mail/alice');
    const message = await waitFor('the delivered message', () => {
      const text = fs.existsSync(mailbox) ? fs.readFileSync(mailbox, 'utf8') : '';
      const at = text.indexOf(`Subject: ${subject}`);
      if (at < 0) return undefined;
      const start = text.lastIndexOf('\nFrom ', at);
      return text.slice(start < 0 ? 0 : start, at);
    });
    expect(message).toMatch(
      /\nX-Greylist: delayed \d+ seconds by mxwarden-\d+\.\d+\.\d+\S* at \S+; \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\n/,
    );
  });

  it('answers the requests that real Postfix sent, replayed as they were captured', async (ctx) => {
    needLab(ctx);
    expect(recorder.requests.length).toBeGreaterThanOrEqual(2);
    for (const raw of recorder.requests) {
      const parsed = parseRequestBlock(raw.subarray(0, raw.length - 1));
      expect(parsed.ok, raw.toString()).toBe(true);
      if (!parsed.ok) continue;
      // What Postfix 3.7 sends at RCPT (SMTPD_POLICY_README), attribute names exactly.
      expect(Object.keys(parsed.attributes)).toEqual(
        expect.arrayContaining([
          'request',
          'protocol_state',
          'protocol_name',
          'client_address',
          'client_name',
          'reverse_client_name',
          'helo_name',
          'sender',
          'recipient',
          'instance',
          'etrn_domain',
          'client_port',
          'server_address',
          'server_port',
        ]),
      );
      expect(parsed.attributes.protocol_state).toBe('RCPT');
    }
    // All of them on one connection, as Postfix reuses it: each gets exactly one answer.
    const socket = net.connect(service.port, '127.0.0.1');
    let got = '';
    socket.on('data', (d: Buffer) => (got += d.toString()));
    socket.write(Buffer.concat(recorder.requests));
    const answers = await waitFor('the answers', () => {
      const a = got.split('\n\n').slice(0, -1);
      return a.length >= recorder.requests.length ? a : undefined;
    });
    socket.destroy();
    expect(answers).toHaveLength(recorder.requests.length);
    // The triplet passed already: a retry of the same message is simply let through.
    for (const a of answers) expect(a).toMatch(/^action=(DUNNO|PREPEND X-Greylist: .*)$/);
  });

  it('rejects SPF fail and defers softfail with exactly the reply the engine predicts', async (ctx) => {
    needLab(ctx);
    const mx = lab.server(SERVER);
    const p = policy((x) => {
      x.greylisting.enabled = false;
      x.spf = {
        fail: { action: 'reject', dryRun: false },
        softfail: { action: 'defer', dryRun: false },
      };
    });
    await reloadWith(p);
    const profile = { name: SERVER, postscreen: false, policyService: 'mxwarden' as const };
    for (const [name, code] of [
      ['spoofer', 550],
      ['softfail', 450],
    ] as const) {
      const c = clientByName(name);
      const predicted = await evaluate(
        { address: c.address, helo: c.helo, sender: c.mailFrom, recipient: 'alice@lab.example' },
        p,
        {
          dns: new DnsClient({ servers: [lab.dns.appServer] }),
          greylist: new MemoryGreylistStore(),
          profile,
        },
      );
      expect(predicted.code).toBe(code);
      const s = await smtpSession({
        port: mx.smtpdPort,
        source: c.address,
        helo: c.helo,
        mailFrom: c.mailFrom,
        rcptTo: ['alice@lab.example'],
      });
      const reply = s.decisive?.reply;
      // Postfix wraps what the service says in its own "Recipient address rejected:".
      expect(`${reply?.code} ${reply?.text}`, s.transcript.join('\n')).toBe(predicted.reply);
    }
    expect(lab.readLog(mx)).toContain(
      'Recipient address rejected: <alerts@bank.example>: Sender address rejected: SPF check failed for bank.example;',
    );
  });

  it('reloads the policy on SIGHUP, keeps the old one when the new file is bad, exits 0 on SIGTERM', async (ctx) => {
    needLab(ctx);
    const mx = lab.server(SERVER);
    await reloadWith(policy((p) => (p.greylisting.enabled = false)));
    const direct = await smtpSession({
      port: mx.smtpdPort,
      source: poolAddress('clean'),
      mailFrom: 'sender@shop.example',
      rcptTo: ['bob@lab.example'],
    });
    expect(direct.outcome, direct.transcript.join('\n')).toBe('accepted');
    await waitFor('the pass in the log', () =>
      /action=pass, reason=greylisting is off, .*recipient=bob@lab\.example/.test(service.stderr())
        ? true
        : undefined,
    );

    fs.writeFileSync(policyFile, '{"format": "mxwarden-policy", "version": 1');
    service.child.kill('SIGHUP');
    await waitFor('the refusal', () =>
      service.stderr().includes('policy NOT reloaded, the running one stays') ? true : undefined,
    );
    expect(service.child.exitCode).toBeNull();

    service.child.kill('SIGTERM');
    expect(await service.exit).toBe(0);
    expect(service.stderr()).toMatch(/stopping \(SIGTERM\)[\s\S]*stopped after \d+ requests/);
  });
});
