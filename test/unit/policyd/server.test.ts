// The policy service as Postfix meets it: a real server on an ephemeral port with its SQLite
// state in a temp directory, real sockets. Greylisting with postgrey's replies, connection reuse,
// broken input of every kind (fast-check) never answered and never fatal, a stalled client that
// delays nobody else, the limits, a store that fails, reload, shutdown and restart.
// Runtime: Node (vitest unit project).

import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DnsClient } from '../../../core/net/dns-client';
import { tempDir } from '../../support/temp';
import { PolicyClient } from './client';
import { startTestServer, testPolicy } from './harness';
import { minimal, README_ATTRIBUTES, request } from './requests';

const GREYLISTED =
  /^action=DEFER_IF_PERMIT 4\.2\.0 Greylisted, see http:\/\/postgrey\.schweikert\.ch\/help\/foo\.tld\.html$/;

describe('policy service: decisions', () => {
  it('greylists a new triplet, passes the retry after the delay with X-Greylist, then DUNNO', async () => {
    const t = await startTestServer();
    const c = await PolicyClient.connect(t.port);
    expect(await c.ask(request())).toMatch(GREYLISTED);
    t.clock.advance(100);
    expect(await c.ask(request())).toMatch(GREYLISTED);
    t.clock.advance(212);
    expect(await c.ask(request())).toMatch(
      /^action=PREPEND X-Greylist: delayed 312 seconds by mxwarden-\d+\.\d+\.\d+\S* at policyd\.test\.example; \w{3}, \d\d \w{3} 2026 \d\d:\d\d:\d\d [+-]\d{4}$/,
    );
    expect(await c.ask(request({ instance: 'another.message' }))).toBe('action=DUNNO');
    expect(t.log).toEqual([
      '8045F2AB23: action=greylist, reason=new, client_name=another.domain.tld, client_address=1.2.3.4, sender=foo@bar.tld, recipient=bar@foo.tld',
      '8045F2AB23: action=greylist, reason=early-retry (200s missing), client_name=another.domain.tld, client_address=1.2.3.4, sender=foo@bar.tld, recipient=bar@foo.tld',
      '8045F2AB23: action=pass, reason=triplet found, delay=312, client_name=another.domain.tld, client_address=1.2.3.4, sender=foo@bar.tld, recipient=bar@foo.tld',
      '8045F2AB23: action=pass, reason=triplet found, client_name=another.domain.tld, client_address=1.2.3.4, sender=foo@bar.tld, recipient=bar@foo.tld',
    ]);
    c.destroy();
  });

  it('adds one X-Greylist header per message, like postgrey (instance)', async () => {
    const t = await startTestServer();
    const c = await PolicyClient.connect(t.port);
    const one = request({ recipient: 'one@foo.tld', instance: 'msg.1' });
    const two = request({ recipient: 'two@foo.tld', instance: 'msg.1' });
    await c.ask(one);
    await c.ask(two);
    t.clock.advance(301);
    expect(await c.ask(one)).toMatch(/^action=PREPEND X-Greylist: delayed 301 seconds/);
    expect(await c.ask(two)).toBe('action=DUNNO');
    c.destroy();
  });

  it('lets exempt recipients and exempt clients through, saying why in the log', async () => {
    const policy = testPolicy();
    policy.greylisting.exceptions.clients = [{ value: '192.0.2.0/24', source: 'manual' }];
    const t = await startTestServer({ policy });
    const c = await PolicyClient.connect(t.port);
    expect(await c.ask(request({ recipient: 'postmaster@foo.tld' }))).toBe('action=DUNNO');
    expect(await c.ask(request({ client_address: '192.0.2.9' }))).toBe('action=DUNNO');
    expect(t.log[0]).toMatch(/^8045F2AB23: action=pass, reason=recipient whitelist, /);
    expect(t.log[1]).toMatch(/^8045F2AB23: action=pass, reason=client whitelist, /);
    c.destroy();
  });

  it('answers many requests on one connection, in order (Postfix reuses connections)', async () => {
    const t = await startTestServer();
    const c = await PolicyClient.connect(t.port);
    const expected: string[] = [];
    const sent: string[] = [];
    for (let i = 0; i < 300; i++) {
      const client = `198.51.100.${i % 50}`;
      const rcpt = i % 7 === 0 ? 'postmaster@foo.tld' : 'bar@foo.tld';
      sent.push(minimal(client, 'x@bar.tld', rcpt));
      expected.push(rcpt.startsWith('postmaster') ? 'action=DUNNO' : 'action=DEFER_IF_PERMIT');
    }
    // Half sent one by one, half written at once (a client that pipelines is answered in order).
    for (const r of sent.slice(0, 150)) await c.ask(r);
    c.send(sent.slice(150).join(''));
    expect(await c.answer(300)).not.toBeNull();
    // minimal() has no etrn_domain: postgrey's reply without the DSN.
    expect(c.answers.map((a) => a.replace(/^(action=\S+).*$/, '$1'))).toEqual(expected);
    expect(t.server.stats.requests).toBe(300);
    expect(t.server.stats.acceptedConnections).toBe(1);
    c.destroy();
  });

  it('keeps the state on disk: a restart remembers the triplet', async () => {
    const dir = tempDir();
    const statePath = path.join(dir, 'state.db');
    const first = await startTestServer({ statePath });
    const c = await PolicyClient.connect(first.port);
    expect(await c.ask(request())).toMatch(GREYLISTED);
    await first.server.close();
    const second = await startTestServer({ statePath });
    second.clock.advance(400);
    const c2 = await PolicyClient.connect(second.port);
    expect(await c2.ask(request())).toMatch(/^action=PREPEND X-Greylist: delayed 400 seconds/);
    c2.destroy();
  });

  it('decides the same with --sync full (an fsync per commit)', async () => {
    const t = await startTestServer({ sync: 'full' });
    const c = await PolicyClient.connect(t.port);
    expect(await c.ask(request())).toMatch(GREYLISTED);
    t.clock.advance(301);
    expect(await c.ask(request())).toMatch(/^action=PREPEND X-Greylist: delayed 301 seconds/);
    c.destroy();
  });

  it('switches policy while serving (what SIGHUP does)', async () => {
    const t = await startTestServer();
    const c = await PolicyClient.connect(t.port);
    expect(await c.ask(request())).toMatch(GREYLISTED);
    const off = testPolicy();
    off.greylisting.enabled = false;
    t.server.setPolicy(off);
    expect(await c.ask(request({ client_address: '1.2.3.5' }))).toBe('action=DUNNO');
    expect(t.log[1]).toMatch(/action=pass, reason=greylisting is off/);
    c.destroy();
  });
});

/** Broken requests of every kind: each must close its connection without a single answer. */
const controlByte = fc.constantFrom(
  ...[...Array(32).keys()].filter((b) => b !== 0x09 && b !== 0x0a && b !== 0x0d),
  0x7f,
);
const valid = Buffer.from(request());
const broken = fc.oneof(
  // Random bytes: nothing like a request (the chance of forming one is nil).
  fc
    .uint8Array({ minLength: 1, maxLength: 2000 })
    .map((b) => ({ kind: 'random', bytes: Buffer.from(b) })),
  // Binary: a TLS ClientHello-like start, or any bytes with a control character inside.
  fc
    .tuple(fc.uint8Array({ maxLength: 300 }), controlByte, fc.uint8Array({ maxLength: 300 }))
    .map(([a, c, b]) => ({
      kind: 'binary',
      bytes: Buffer.concat([Buffer.from(a), Buffer.from([c]), Buffer.from(b)]),
    })),
  // Mutated: the README request with one change that makes it malformed.
  fc.tuple(fc.integer({ min: 0, max: valid.length - 2 }), controlByte).map(([at, c]) => ({
    kind: 'mutated: control byte',
    bytes: Buffer.concat([valid.subarray(0, at), Buffer.from([c]), valid.subarray(at)]),
  })),
  fc.integer({ min: 0, max: README_ATTRIBUTES.length - 1 }).map((i) => {
    const lines = request().split('\n');
    lines[i] = (lines[i] ?? '').replace('=', '');
    return { kind: 'mutated: no =', bytes: Buffer.from(lines.join('\n')) };
  }),
  fc.integer({ min: 1, max: README_ATTRIBUTES.length - 1 }).map((i) => {
    const lines = request().split('\n');
    lines.splice(i, 0, lines[i] ?? '');
    return { kind: 'mutated: repeated attribute', bytes: Buffer.from(lines.join('\n')) };
  }),
  fc.constantFrom('request=junk\n', 'request=\n', '').map((r) => ({
    kind: 'mutated: request type',
    bytes: Buffer.from(request().replace('request=smtpd_access_policy\n', r)),
  })),
  fc.integer({ min: 0, max: valid.length - 40 }).map((at) => ({
    kind: 'mutated: invalid UTF-8',
    bytes: Buffer.concat([valid.subarray(0, at), Buffer.from([0xc3, 0x28]), valid.subarray(at)]),
  })),
  // Truncated: any prefix of a good request (the client then closes its side).
  fc
    .integer({ min: 1, max: valid.length - 1 })
    .map((n) => ({ kind: 'truncated', bytes: valid.subarray(0, n) })),
  // Oversized: over the server's 4 KiB request limit, in one long value or in many lines.
  fc.integer({ min: 4097, max: 20_000 }).map((n) => ({
    kind: 'oversized value',
    bytes: Buffer.from(request({ sender: `${'s'.repeat(n)}@x.example` })),
  })),
  fc.integer({ min: 70, max: 400 }).map((n) => ({
    kind: 'oversized: many lines',
    bytes: Buffer.from(
      request(
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`extra_${i}`, 'v'.repeat(60)])),
      ),
    ),
  })),
);

describe('policy service: broken input', () => {
  it('never answers a malformed, binary, truncated or oversized request, and never dies (fast-check)', async () => {
    const t = await startTestServer({ maxRequestBytes: 4096, maxLineBytes: 2048 });
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(broken, fc.integer({ min: 1, max: 4 }), async (b, pieces) => {
        kinds.add(b.kind);
        const c = await PolicyClient.connect(t.port);
        // In 1..4 writes: the server must not depend on how the bytes arrive.
        const size = Math.ceil(b.bytes.length / pieces);
        for (let at = 0; at < b.bytes.length; at += size) c.send(b.bytes.subarray(at, at + size));
        c.end();
        expect(await c.closedWithin(3000)).toBe(true);
        expect(c.answers).toEqual([]);
        expect(c.partial).toBe('');
      }),
      { numRuns: 150 },
    );
    // Still serving, and every broken request was logged (one line each) and counted.
    const c = await PolicyClient.connect(t.port);
    expect(await c.ask(request())).toMatch(GREYLISTED);
    c.destroy();
    expect(t.server.stats.refusedRequests + t.server.stats.truncatedRequests).toBe(150);
    expect(t.log.filter((l) => !l.includes('action=')).length).toBe(150);
    expect(t.server.stats.internalErrors).toBe(0);
    expect(kinds.size).toBeGreaterThan(5);
  });

  it('does not answer a request whose client_address is not an address', async () => {
    const t = await startTestServer();
    for (const bad of ['', 'unknown', '1.2.3', 'example.com']) {
      const c = await PolicyClient.connect(t.port);
      expect(await c.ask(request({ client_address: bad }))).toBeNull();
      expect(c.closedAt).toBeDefined();
    }
    expect(t.log.every((l) => /without an answer: client_address/.test(l))).toBe(true);
  });

  it('answers a request whose client half-closes right after sending it, then closes', async () => {
    const t = await startTestServer();
    const c = await PolicyClient.connect(t.port);
    c.send(request());
    c.end();
    expect(await c.answer(1)).toMatch(GREYLISTED);
    expect(await c.closedWithin(1000)).toBe(true);
  });
});

describe('policy service: limits and stalls', () => {
  it('a client stalled mid-request delays nobody else; it is closed at the idle timeout', async () => {
    const t = await startTestServer({ idleTimeoutSeconds: 2 });
    const stalled = await PolicyClient.connect(t.port);
    stalled.send(request().slice(0, 200));
    await new Promise((r) => setTimeout(r, 50));
    const others = await Promise.all([1, 2, 3].map(() => PolicyClient.connect(t.port)));
    const began = performance.now();
    const answers = await Promise.all(
      others.map((c, i) => c.ask(request({ client_address: `1.2.3.${100 + i}` }))),
    );
    const waited = performance.now() - began;
    for (const a of answers) expect(a).toMatch(GREYLISTED);
    expect(waited).toBeLessThan(250); // the stalled client's idle timeout is 2000 ms
    // The stalled one is let go, unanswered, once its idle timeout passes.
    expect(await stalled.closedWithin(3000)).toBe(true);
    expect(stalled.answers).toEqual([]);
    expect(
      t.log.some((l) =>
        /idle connection .* \(2 s\) in the middle of a request \(200 bytes\)/.test(l),
      ),
    ).toBe(true);
    for (const c of others) c.destroy();
  });

  it('a client trickling a request byte by byte is closed at the request timeout', async () => {
    const t = await startTestServer({ idleTimeoutSeconds: 30, requestTimeoutSeconds: 1 });
    const slow = await PolicyClient.connect(t.port);
    const text = request();
    let i = 0;
    const drip = setInterval(() => slow.send(text.slice(i, ++i)), 100);
    try {
      expect(await slow.closedWithin(2500)).toBe(true);
    } finally {
      clearInterval(drip);
    }
    expect(slow.answers).toEqual([]);
    expect(t.log.some((l) => /request incomplete after 1 s/.test(l))).toBe(true);
  });

  it('closes connections idle longer than the idle timeout', async () => {
    const t = await startTestServer({ idleTimeoutSeconds: 1 });
    const c = await PolicyClient.connect(t.port);
    expect(await c.ask(request())).toMatch(GREYLISTED);
    const began = performance.now();
    expect(await c.closedWithin(3000)).toBe(true);
    expect(performance.now() - began).toBeGreaterThan(800);
    expect(t.log.at(-1)).toMatch(/closing idle connection from 127\.0\.0\.1:\d+ \(1 s\)/);
  });

  it('refuses connections beyond the limit, and takes them again once one closes', async () => {
    const t = await startTestServer({ maxConnections: 3 });
    const open = await Promise.all([1, 2, 3].map(() => PolicyClient.connect(t.port)));
    for (const c of open) expect(await c.ask(request())).toMatch(/^action=/);
    const fourth = await PolicyClient.connect(t.port);
    expect(await fourth.ask(request())).toBeNull();
    expect(t.server.stats.refusedConnections).toBe(1);
    expect(
      t.log.some((l) => /refusing a connection from .*: 3 connections already open/.test(l)),
    ).toBe(true);
    open[0]?.destroy();
    await open[0]?.closed;
    await new Promise((r) => setTimeout(r, 50));
    const again = await PolicyClient.connect(t.port);
    expect(await again.ask(request())).toMatch(/^action=/);
    for (const c of [...open, again]) c.destroy();
  });
});

describe('policy service: failures, shutdown, unix sockets', () => {
  it('does not answer when the store fails (another process holds its lock), and recovers', async () => {
    const t = await startTestServer();
    const other = new Database(t.statePath);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN EXCLUSIVE');
    try {
      const c = await PolicyClient.connect(t.port);
      expect(await c.ask(request())).toBeNull();
      expect(c.closedAt).toBeDefined();
      expect(t.server.stats.internalErrors).toBe(1);
      expect(t.log.at(-1)).toMatch(
        /^internal error, closing connection from .* without an answer: database is locked/,
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const c = await PolicyClient.connect(t.port);
    expect(await c.ask(request())).toMatch(GREYLISTED);
    // Nothing of the failed decision was kept: this is the triplet's first recorded attempt.
    expect(t.log.at(-1)).toMatch(/action=greylist, reason=new/);
    c.destroy();
  });

  it('close(): answers the request in flight, then closes every connection and accepts no more', async () => {
    // A DNS server that never answers keeps a decision in flight (the policy asks for SPF):
    // 300 ms until the lookup times out, then the answer is due.
    const dead = dgram.createSocket('udp4');
    await new Promise<void>((r) => dead.bind(0, '127.0.0.1', () => r()));
    const policy = testPolicy();
    policy.spf.fail = { action: 'reject', dryRun: false };
    const t = await startTestServer({
      policy,
      dns: new DnsClient({ servers: [`127.0.0.1:${dead.address().port}`], timeoutMs: 300 }),
    });
    const busy = await PolicyClient.connect(t.port);
    const idle = await PolicyClient.connect(t.port);
    busy.send(request());
    await new Promise((r) => setTimeout(r, 100));
    expect(t.server.stats.requests).toBe(1);
    const closing = t.server.close();
    expect(await idle.closedWithin(100)).toBe(true);
    expect(await busy.answer(1)).toMatch(GREYLISTED);
    await closing;
    expect(await busy.closedWithin(1000)).toBe(true);
    await expect(PolicyClient.connect(t.port)).rejects.toThrow(/ECONNREFUSED/);
    dead.close();
  });

  it('listens on a unix socket, replacing a stale socket file left by a crash', async () => {
    const dir = tempDir();
    const sock = path.join(dir, 'policy.sock');
    // A socket file nobody listens on, as a killed service leaves it behind.
    const crashed = spawn(
      process.execPath,
      [
        '-e',
        "require('net').createServer().listen(process.argv[1], () => console.log('up'))",
        sock,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((r) => crashed.stdout.once('data', r));
    crashed.kill('SIGKILL');
    await new Promise((r) => crashed.once('exit', r));
    expect(fs.lstatSync(sock).isSocket()).toBe(true);
    fs.writeFileSync(path.join(dir, 'not-a-socket'), 'x');
    const t = await startTestServer({ listen: { kind: 'unix', path: sock } });
    expect(t.server.address).toBe(`unix:${sock}`);
    expect(fs.statSync(sock).mode & 0o777).toBe(0o666);
    const c = await PolicyClient.connectPath(sock);
    expect(await c.ask(request())).toMatch(GREYLISTED);
    c.destroy();
    // A path that is not a socket is never replaced.
    await expect(
      startTestServer({ listen: { kind: 'unix', path: path.join(dir, 'not-a-socket') } }),
    ).rejects.toThrow(/not a socket/);
    await t.server.close();
  });
});
