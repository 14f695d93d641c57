// One-click whitelisting of a cloud sender against the lab: a fake provider of the lab's Internet
// (chain.example's include chain, IPv4 and IPv6) is expanded from the lab DNS, whitelisted in each
// scope, compiled into each server's files as that server supports, pushed, and checked by the
// real Postfix (`postfix check`) and by real SMTP — a client inside the ranges is accepted at its
// first try on a greylisting server while a client outside is greylisted; the engine and Check IP
// say "allowed: cloud:<provider>". Then the schedule: a whitelisted provider's record changes, a
// scheduled refresh finds it stale, and with automatic push on it is re-pinned and pushed.
// Figures go to test-results/cloud-whitelist.json. Runtime: Node (vitest integration), root.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import type { SendersStaleEvent, WhitelistChange } from '../../core/app/types/senders';
import type { PushSummary } from '../../core/app/types/push';
import { createAppService, type AppService } from '../../core/app/service';
import { SendersSchedule } from '../../core/app/senders-schedule';
import { evaluate } from '../../core/engine/evaluate';
import { DnsClient } from '../../core/net/dns-client';
import type { CloudScope } from '../../core/policy/schema';
import { MemorySecretStore } from '../../core/secrets/memory-secret-store';
import { openStore } from '../../core/store/database';
import { SendersRepo } from '../../core/store/senders-repo';
import { MemoryGreylistStore } from '../../core/greylist/state';
import { getTestLab, labPolicy, poolAddress, smtpSession, type Lab } from '../lab/index';
import { rotatingZone } from '../lab/internet-providers';
import { makeLabHome } from '../support/lab-home';
import { snapshotServer, type ServerSnapshot } from '../support/server-snapshot';
import { skipWithReason } from '../support/skip';
import { tempDir } from '../support/temp';

const unavailable = inject('labUnavailable');
const actor = { actor: 'cloud-whitelist-test' };
let lab: Lab;
let service: AppService;
let dataDir: string;
const ids: Record<string, number> = {};
const snapshots: ServerSnapshot[] = [];
const figures: Record<string, unknown> = {};

/**
 * A fresh address inside chain.example's merged 127.50.0.0/23 (no lab client or pool uses
 * 127.50/16): postgrey remembers the addresses of earlier runs, so each run picks its own.
 */
function insideAddress(): string {
  const n = Math.floor(Math.random() * 508);
  return `127.50.${n < 254 ? 0 : 1}.${(n % 254) + 1}`;
}

async function call<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

const whitelist = (id: string, scope: CloudScope) =>
  call(service.call('senders.whitelist', { id, scope }, actor)) as Promise<WhitelistChange>;
const push = () => call(service.call('push.run', { all: true }, actor)) as Promise<PushSummary>;

/** A managed file as the server uses it now: in the version directories main.cf and postgrey name. */
async function managed(server: string, file: string): Promise<string> {
  const s = lab.server(server);
  const conf = await lab.exec(s, ['postconf', '-n']);
  const grey = await lab.exec(s, ['cat', '/etc/default/postgrey']);
  const dirs = new Set(
    [
      ...`${conf.stdout}\n${grey.stdout}`.matchAll(
        /\/etc\/postfix\/mxwarden\/(?:postfix|postgrey)-[0-9a-f]+/g,
      ),
    ].map((m) => m[0]),
  );
  for (const d of dirs) {
    const r = await lab.exec(s, ['cat', `${d}/${file}`]);
    if (r.code === 0) return r.stdout;
  }
  return '';
}

async function postfixCheck(server: string): Promise<{ code: number; output: string }> {
  const r = await lab.exec(lab.server(server), ['postfix', 'check']);
  return { code: r.code, output: `${r.stdout}${r.stderr}` };
}

const mx1Rcpt = (source: string) =>
  smtpSession({
    port: lab.server('mx1').postscreenPort as number,
    source,
    mailFrom: 'news@chain.example',
    rcptTo: ['alice@lab.example'],
  });

beforeAll(async () => {
  if (unavailable) return;
  lab = await getTestLab();
  await lab.clearPublishedZones();
  for (const s of lab.servers) snapshots.push(await snapshotServer(lab, s));
  const home = makeLabHome(tempDir(), lab, 'mailadmin');
  fs.writeFileSync(home.knownHosts, lab.servers.map((s) => `${s.ssh.knownHostsLine}\n`).join(''));
  dataDir = tempDir();
  service = createAppService({
    store: openStore(path.join(dataDir, 'mxwarden.db')),
    secrets: new MemorySecretStore(),
    host: 'cli',
    dataDir,
    home: home.home,
    watchIntervalMs: 0,
    log: () => {},
  });
  await call(service.call('settings.set', { dnsServers: lab.dns.appServer }, actor));
  for (const server of lab.servers) {
    const v = await call(
      service.call(
        'servers.add',
        {
          name: server.name,
          host: `lab-${server.name}`,
          username: server.name === 'mx1' ? 'root' : 'mailadmin',
        },
        actor,
      ),
    );
    ids[server.name] = v.id;
  }
  const inspected = await call(service.call('servers.inspect', { ids: Object.values(ids) }, actor));
  for (const i of inspected)
    if (!i.ok) throw new Error(`inspecting ${i.name}: ${i.error?.message}`);
  for (const [id, spf] of [
    ['lab-chain', '_spf.chain.example'],
    ['lab-rotating', '_spf.rotating.example'],
  ] as const)
    await call(service.call('senders.add', { id, name: id, category: 'bulk', spf: [spf] }, actor));
  await call(service.call('senders.expand', { id: 'lab-chain' }, actor));
  await call(service.call('policy.save', { policy: labPolicy(), message: 'lab baseline' }, actor));
  const baseline = await push();
  if (baseline.outcome !== 'succeeded') throw new Error(`baseline push: ${baseline.outcome}`);
}, 240_000);

afterAll(async () => {
  service?.close();
  if (lab) {
    await lab.clearPublishedZones();
    for (const s of snapshots) await s.restore();
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync('test-results/cloud-whitelist.json', `${JSON.stringify(figures, null, 2)}\n`);
  }
}, 120_000);

describe('a whitelisted cloud sender on the lab fleet', () => {
  it("skip greylisting: in postgrey's whitelist where postgrey runs; a client inside is accepted at its first try", async (ctx) => {
    needLab(ctx);
    const change = await whitelist('lab-chain', 'greylisting');
    expect(change.changes.map((c) => c.text)).toEqual([
      'whitelisted lab-chain (skip greylisting, 3 ranges)',
    ]);
    expect(change.status.state).toBe('unpushed');
    expect(change.status.unpushed).toEqual(['mx1', 'mx2', 'mx3']);

    // What each server will get, as it supports it.
    for (const name of ['mx1', 'mx2']) {
      const compiled = await call(
        service.call(
          'policy.compile',
          { policy: { versionId: change.versionId }, serverId: ids[name] as number },
          actor,
        ),
      );
      const grey = compiled.files.find((f) => f.path.endsWith('/postgrey_whitelist_clients'));
      expect(grey?.content, name).toContain('127.50.0.0/23\n');
      expect(grey?.content, name).toContain('2001:db8:50::/48\n');
    }

    const t0 = Date.now();
    const pushed = await push();
    figures.pushGreylistingMs = Date.now() - t0;
    // mx3 runs no postgrey: skipping greylisting changes nothing there.
    expect(pushed.servers.map((s) => [s.serverName, s.outcome])).toEqual([
      ['mx1', 'applied'],
      ['mx2', 'applied'],
      ['mx3', 'unchanged'],
    ]);
    for (const s of lab.servers) expect((await postfixCheck(s.name)).code, s.name).toBe(0);
    expect(await managed('mx1', 'postgrey_whitelist_clients')).toContain('127.50.0.0/23');

    const inside = await mx1Rcpt(insideAddress());
    expect(inside.outcome, inside.transcript.join('\n')).toBe('accepted');
    const outside = await mx1Rcpt(poolAddress('clean'));
    expect(outside.outcome, outside.transcript.join('\n')).toBe('deferred');
    expect(outside.transcript.join('\n')).toMatch(/450 4\.\d\.\d.*[Gg]reylist/);

    const list = await call(service.call('senders.list', undefined, actor));
    const chain = list.providers.find((p) => p.id === 'lab-chain');
    expect(chain?.whitelist).toMatchObject({
      state: 'whitelisted',
      scope: 'greylisting',
      unpushed: [],
    });
  });

  it('the engine and Check IP say "allowed: cloud:lab-chain" for an address inside the ranges', async (ctx) => {
    needLab(ctx);
    const current = await call(service.call('policy.current', undefined, actor));
    const dns = new DnsClient({ servers: [lab.dns.appServer], timeoutMs: 2000 });
    const v = await evaluate(
      {
        address: '127.50.1.200',
        helo: 'mta.chain.example',
        sender: 'news@chain.example',
        recipient: 'alice@lab.example',
      },
      current.policy,
      { dns, greylist: new MemoryGreylistStore(), peekGreylist: true },
    );
    expect(v.action).toBe('accept');
    expect(v.rule).toBe('cloud:lab-chain');
    expect(v.summary).toMatch(/^accepted: allowed: cloud:lab-chain — 127\.50\.0\.0\/23/);

    const report = await call(
      service.call(
        'check.run',
        {
          runId: 'c1',
          target: '127.50.1.200',
          sender: 'news@chain.example',
          recipient: 'alice@lab.example',
        },
        actor,
      ),
    );
    expect(report.verdict.summary).toMatch(/allowed: cloud:lab-chain/);
    expect(report.largeSender).toMatchObject({
      provider: 'lab-chain',
      match: 'range',
      via: '127.50.0.0/23',
      origin: 'live',
      whitelisted: 'greylisting',
    });
  });

  it("skip postscreen's tests: postscreen's access list permits the ranges; postfix check passes", async (ctx) => {
    needLab(ctx);
    await whitelist('lab-chain', 'postscreen');
    const t0 = Date.now();
    const pushed = await push();
    figures.pushPostscreenMs = Date.now() - t0;
    expect(pushed.outcome).toBe('succeeded');
    for (const s of lab.servers) expect((await postfixCheck(s.name)).code, s.name).toBe(0);
    const access = await managed('mx1', 'postscreen_access.cidr');
    expect(access).toContain('127.50.0.0/23 permit');
    expect(access).toContain('2001:db8:50::/48 permit');
    expect(await managed('mx1', 'postgrey_whitelist_clients')).not.toContain('127.50.0.0/23');
    // Greylisting still applies to it: postscreen's tests are all it skips.
    const r = await mx1Rcpt(insideAddress());
    expect(r.outcome, r.transcript.join('\n')).toBe('deferred');
  });

  it('skip all checks: smtpd accepts it from the client allowlist', async (ctx) => {
    needLab(ctx);
    await whitelist('lab-chain', 'all');
    const pushed = await push();
    expect(pushed.outcome).toBe('succeeded');
    for (const s of lab.servers) expect((await postfixCheck(s.name)).code, s.name).toBe(0);
    for (const s of lab.servers)
      expect(await managed(s.name, 'client_allow.cidr'), s.name).toContain('127.50.0.0/23 OK');
    const r = await smtpSession({
      port: lab.server('mx3').smtpdPort,
      source: '127.50.1.9',
      mailFrom: 'news@chain.example',
      rcptTo: ['alice@lab.example'],
    });
    expect(r.outcome, r.transcript.join('\n')).toBe('accepted');
  });

  it('removing it is one click: a version without it, pushed, and the file no longer lists it', async (ctx) => {
    needLab(ctx);
    const change = await call(service.call('senders.unwhitelist', { id: 'lab-chain' }, actor));
    expect(change.changes.map((c) => c.text)).toEqual([
      'stopped whitelisting lab-chain (skip all checks, 3 ranges)',
    ]);
    expect(change.status).toEqual({ state: 'off', unpushed: ['mx1', 'mx2', 'mx3'] });
    expect((await push()).outcome).toBe('succeeded');
    expect(await managed('mx1', 'client_allow.cidr')).not.toContain('127.50.0.0/23');
  });
});

describe('the scheduled refresh of a whitelisted provider', () => {
  it('finds its changed ranges, says so, and with automatic push on re-pins and pushes them', async (ctx) => {
    needLab(ctx);
    await call(service.call('senders.expand', { id: 'lab-rotating' }, actor));
    await whitelist('lab-rotating', 'greylisting');
    expect((await push()).outcome).toBe('succeeded');

    const repo = new SendersRepo(openStore(path.join(dataDir, 'mxwarden.db')).db);
    const settings = async () => call(service.call('settings.get', undefined, actor));
    let current = await settings();
    const schedule = new SendersSchedule({
      call: (m, req, c) => service.call(m, req, c),
      events: service.events,
      settings: () => current,
      lastLiveAt: () => repo.lastLiveAt(),
      now: Date.now,
      log: () => {},
    });
    const seen: SendersStaleEvent[] = [];
    const off = service.events.subscribe('senders.stale', (e) => seen.push(e));

    await lab.publishZones([rotatingZone('after')]);
    const asked = await schedule.tick(true);
    expect(asked).toMatchObject({ ran: true, stale: ['lab-rotating'] });
    expect(seen).toEqual([
      { providers: [{ id: 'lab-rotating', name: 'lab-rotating', added: 2, removed: 2 }] },
    ]);
    const stale = (await call(service.call('senders.list', undefined, actor))).providers.find(
      (p) => p.id === 'lab-rotating',
    );
    expect(stale?.whitelist.changes).toMatchObject({
      added: ['127.60.5.0/24', '2001:db8:60:1::/64'],
      removed: ['127.60.10.0/23', '2001:db8:60::/64'],
    });

    await call(service.call('settings.set', { sendersAutoPush: true }, actor));
    current = await settings();
    const t0 = Date.now();
    const auto = await schedule.tick(true);
    figures.autoPushMs = Date.now() - t0;
    off();
    expect(auto).toMatchObject({ ran: true, stale: ['lab-rotating'] });
    const last = seen[1];
    expect(last?.autoPush?.error).toBeUndefined();
    expect(last?.autoPush?.outcome).toBe('succeeded');
    expect(await managed('mx1', 'postgrey_whitelist_clients')).toContain('127.60.5.0/24');
    const after = (await call(service.call('senders.list', undefined, actor))).providers.find(
      (p) => p.id === 'lab-rotating',
    );
    expect(after?.whitelist).toMatchObject({ state: 'whitelisted', unpushed: [] });
    // Each step the schedule took is in the audit log under its name.
    const audit = await call(service.call('audit.list', { limit: 50 }, actor));
    expect(audit.entries.filter((e) => e.actor === 'schedule').map((e) => e.action)).toEqual([
      'push.run',
      'senders.whitelist',
      'senders.refresh',
      'senders.refresh',
    ]);
  });
});
