// The engine against the lab's real DNS (rbldnsd zones, PTR and SPF records of the lab's
// Internet): listed, unlisted and DNSWL clients, return-code filters, a list that times out,
// PTR present / missing / unconfirmed, SPF pass / fail / softfail / none, IPv6.

import { beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { checkIp } from '../../core/engine/check-ip';
import { evaluate } from '../../core/engine/evaluate';
import { FLEET_PROFILE, type ServerProfile, type Verdict } from '../../core/engine/types';
import { MemoryGreylistStore } from '../../core/greylist/state';
import { DnsClient } from '../../core/net/dns-client';
import type { DnsList, Policy } from '../../core/policy/schema';
import { clientByName, getTestLab, labPolicy, type Lab } from '../lab/index';
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

const dns = (timeoutMs = 800) => new DnsClient({ servers: [lab.dns.appServer], timeoutMs });
const list = (
  zone: string,
  weight: number,
  filter?: string,
  extra: Partial<DnsList> = {},
): DnsList => ({
  zone,
  weight,
  ...(filter ? { filter } : {}),
  ipv6: true,
  enabled: true,
  dryRun: false,
  ...extra,
});

async function run(
  name: string,
  policy: Policy,
  d = dns(),
  extra: { sender?: string; recipient?: string } = {},
): Promise<Verdict> {
  const c = clientByName(name);
  return evaluate(
    {
      address: c.address,
      helo: c.helo,
      sender: extra.sender ?? c.mailFrom,
      recipient: extra.recipient ?? 'alice@lab.example',
    },
    policy,
    { dns: d, greylist: new MemoryGreylistStore() },
  );
}

const traceOf = (v: Verdict, check: string) => v.trace.find((t) => t.check === check);

describe('DNS lists through the lab DNS', () => {
  it('listed, unlisted, DNSWL, and return-code filters', async (ctx) => {
    needLab(ctx);
    const p = labPolicy();
    const zen = await run('zen-sbl', p);
    expect(zen).toMatchObject({
      action: 'reject',
      code: 550,
      rule: 'dnsbl:zen.lab.example',
      reply: '550 5.7.1 Service unavailable; client [127.20.0.2] blocked using zen.lab.example',
    });
    expect(traceOf(zen, 'zen.lab.example=127.0.0.[2..11]')).toMatchObject({
      status: 'hit',
      data: { answers: ['127.0.0.2'] },
    });

    // bl only: weight 2 < threshold 3 — not rejected by the lists.
    const bl = await run('bl-only', p);
    expect(bl.rule).not.toMatch(/^dnsbl/);
    expect(traceOf(bl, 'DNSBL score')?.detail).toContain('score 2 < threshold 3');

    // A return-code filter that excludes zen's 127.0.0.10 (policy code) makes it not count.
    const narrow = labPolicy();
    narrow.dnsbl.lists = [list('zen.lab.example', 3, '127.0.0.[2..4]')];
    const pbl = await run('zen-pbl', narrow);
    expect(traceOf(pbl, 'zen.lab.example=127.0.0.[2..4]')).toMatchObject({
      status: 'miss',
      detail: expect.stringContaining('outside the filter'),
    });
    expect(pbl.action).not.toBe('reject');

    // DNSWL: a negative weight pulls a listed client below the threshold.
    const wl = labPolicy();
    wl.dnsbl.lists = [list('zen.lab.example', 3), list('wl.lab.example', -5, '127.0.10.[1..3]')];
    wl.clients.allow = [];
    const trusted = await run('allowlisted', wl);
    expect(traceOf(trusted, 'wl.lab.example=127.0.10.[1..3]')).toMatchObject({ status: 'hit' });
    expect(trusted.action).not.toBe('reject');
  });

  it('a whole listed network, and IPv6 listings', async (ctx) => {
    needLab(ctx);
    const p = labPolicy();
    expect(await run('listed-net', p)).toMatchObject({
      action: 'reject',
      rule: 'dnsbl:zen.lab.example',
    });
    expect(await run('zen-v6', p)).toMatchObject({
      action: 'reject',
      rule: 'dnsbl:zen.lab.example',
      reply: expect.stringContaining('[2001:db8:20::2]'),
    });
    const v6clean = await run('shop-v6', p);
    expect(v6clean.action).not.toBe('reject');
    // A list without IPv6 data is not asked for IPv6 clients.
    const v4only = labPolicy();
    v4only.dnsbl.lists = [list('zen.lab.example', 3, undefined, { ipv6: false })];
    expect(traceOf(await run('zen-v6', v4only), 'zen.lab.example')).toMatchObject({
      status: 'skipped',
    });
  });

  it('a slow list is "timed out", never "not listed", and never stalls the verdict past its timeout', async (ctx) => {
    needLab(ctx);
    const p = labPolicy();
    p.dnsbl.lists = [
      list('zen.lab.example', 3),
      list('slow.lab.example', 5),
      list('dead.lab.example', 5),
    ];
    const started = Date.now();
    const v = await run('slow-listed', p, dns(600));
    const took = Date.now() - started;
    expect(traceOf(v, 'slow.lab.example')).toMatchObject({
      status: 'timeout',
      detail: expect.stringContaining('timed out'),
    });
    expect(traceOf(v, 'dead.lab.example')).toMatchObject({ status: 'timeout' });
    expect(traceOf(v, 'DNSBL score')?.detail).toContain(
      'slow.lab.example, dead.lab.example did not answer (timed out or failed) and did not count',
    );
    expect(v.action).not.toBe('reject');
    expect(took).toBeLessThan(1200); // one timeout, not two in a row
    // With enough time the slow list answers and counts.
    const patient = await run('slow-listed', p, dns(2500));
    expect(patient).toMatchObject({ action: 'reject', rule: 'dnsbl:slow.lab.example' });
  });
});

describe('reverse DNS and SPF through the lab DNS', () => {
  it('PTR present and confirmed, missing, and not forward-confirmed', async (ctx) => {
    needLab(ctx);
    const p = labPolicy();
    p.rdns = { require: 'fcrdns', action: { action: 'reject', dryRun: false } };
    const shop = await run('shop', p);
    expect(traceOf(shop, 'reverse DNS')).toMatchObject({
      status: 'miss',
      data: { verifiedName: 'mail.shop.example' },
    });
    const none = await run('no-ptr', p);
    expect(none).toMatchObject({
      action: 'reject',
      rule: 'rdns.unconfirmed',
      reply: '550 5.7.25 Client host rejected: cannot find your hostname, [127.30.0.4]',
    });
    const mismatch = await run('mismatch', p);
    expect(traceOf(mismatch, 'reverse DNS')).toMatchObject({
      status: 'hit',
      data: { names: ['mail.mismatch.example'] },
    });
    expect(mismatch.rule).toBe('rdns.unconfirmed');
    // "PTR required" is satisfied by an unconfirmed PTR, not by none.
    p.rdns = { require: 'ptr', action: { action: 'defer', dryRun: false } };
    expect((await run('mismatch', p)).rule).not.toBe('rdns.missing');
    expect(await run('no-ptr', p)).toMatchObject({
      action: 'defer',
      code: 450,
      rule: 'rdns.missing',
    });
  });

  it('SPF pass, fail, softfail and none (enforced by mxwarden’s policy service, reported otherwise)', async (ctx) => {
    needLab(ctx);
    const p = labPolicy();
    p.spf = {
      fail: { action: 'reject', dryRun: false },
      softfail: { action: 'defer', dryRun: false },
    };
    const mx: ServerProfile = { name: 'mxwarden', postscreen: true, policyService: 'mxwarden' };
    const ev = async (name: string, profile = mx) => {
      const c = clientByName(name);
      return evaluate(
        { address: c.address, helo: c.helo, sender: c.mailFrom, recipient: 'alice@lab.example' },
        p,
        { dns: dns(), greylist: new MemoryGreylistStore(), profile },
      );
    };
    expect(traceOf(await ev('shop'), 'SPF')?.detail).toMatch(/^SPF pass for shop\.example/);
    expect(await ev('spoofer')).toMatchObject({ action: 'reject', rule: 'spf.fail', code: 550 });
    expect(await ev('softfail')).toMatchObject({
      action: 'defer',
      rule: 'spf.softfail',
      code: 450,
    });
    expect(traceOf(await ev('nospf'), 'SPF')?.detail).toMatch(/^SPF none for nospf\.example/);
    const postgrey = await ev('spoofer', FLEET_PROFILE);
    expect(traceOf(postgrey, 'SPF')).toMatchObject({ status: 'not-enforced' });
  });
});

describe('Check IP report', () => {
  it('streams every list, rDNS and SPF, and reports them with the verdict', async (ctx) => {
    needLab(ctx);
    const c = clientByName('zen-sbl');
    const events: string[] = [];
    const r = await checkIp(
      {
        runId: 'r1',
        target: c.address,
        helo: c.helo,
        sender: c.mailFrom,
        recipient: 'alice@lab.example',
      },
      {
        dns: dns(),
        policy: labPolicy(),
        policySource: { source: 'template', name: 'lab' },
        now: Date.now,
        onProgress: (p) => events.push(`${p.kind}:${'zone' in p ? p.zone : ''}`),
      },
    );
    expect(events.sort()).toEqual(
      [
        'list:bl.lab.example',
        'list:wl.lab.example',
        'list:zen.lab.example',
        'rdns:',
        'spf:',
      ].sort(),
    );
    expect(r).toMatchObject({
      address: '127.20.0.2',
      score: 5,
      threshold: 3,
      rdns: { status: 'unconfirmed', names: ['127-20-0-2.dyn.isp.example'] },
      verdict: { action: 'reject' },
    });
    expect(r.lists.find((l) => l.zone === 'zen.lab.example')).toMatchObject({
      status: 'listed',
      matched: true,
      answers: ['127.0.0.2'],
      weight: 3,
    });
    const byName = await checkIp(
      { runId: 'r2', target: 'mail.shop.example' },
      {
        dns: dns(),
        policy: labPolicy(),
        policySource: { source: 'template', name: 'lab' },
        now: Date.now,
      },
    );
    expect(byName).toMatchObject({
      addresses: ['127.10.0.1', '2001:db8:10::1'],
      address: '127.10.0.1',
      organisation: { client: 'shop.example' },
    });
    await expect(
      checkIp(
        { runId: 'r3', target: 'nowhere.lab.example' },
        {
          dns: dns(),
          policy: labPolicy(),
          policySource: { source: 'template', name: 'lab' },
          now: Date.now,
        },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('DNS client', () => {
  it('gives a slow list its whole timeout even after many fast answers (c-ares shortens shared channels)', async (ctx) => {
    needLab(ctx);
    const d = dns(2500);
    for (let i = 0; i < 30; i++) await d.query(`warm${i}.shop.example`, 'A');
    const started = Date.now();
    const slow = await d.query(`2.0.22.127.slow.lab.example`, 'A');
    expect(slow).toMatchObject({ status: 'ok', records: ['127.0.0.2'] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });
});
