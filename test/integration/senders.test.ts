// Cloud senders against the lab's real DNS (its miniature Internet of fake providers): include
// chains, redirect, a/mx with CIDR lengths, ptr, exists and macros, a loop, void lookups, an
// over-deep chain, malformed records, a timeout and a refused zone, IPv6; a provider whose record
// changes between two refreshes (published into the running lab DNS) and the exact diff; the API
// with its progress events, audit rows and stored history; and the CLI.

import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import type { AppApiEvents } from '../../core/app/api';
import { runCli } from '../../core/cli/main';
import { DnsClient } from '../../core/net/dns-client';
import { dnsRecordSource } from '../../core/senders/dns-record-source';
import { expandSpf } from '../../core/senders/expand';
import { rotatingZone } from '../lab/internet-providers';
import { getTestLab, type Lab } from '../lab/index';
import { capture } from '../support/capture';
import { makeCore } from '../support/core';
import { skipWithReason } from '../support/skip';

const unavailable = inject('labUnavailable');
let lab: Lab;
beforeAll(async () => {
  if (!unavailable) {
    lab = await getTestLab();
    await lab.clearPublishedZones();
  }
});
afterAll(async () => {
  if (!unavailable) await lab.clearPublishedZones();
});
function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

/** A fresh resolver each time: nothing cached from an earlier case. */
const expand = (names: string[], timeoutMs = 800) =>
  expandSpf(names, dnsRecordSource(new DnsClient({ servers: [lab.dns.appServer], timeoutMs })));

const kinds = (e: { issues: { kind: string }[] }) => e.issues.map((i) => i.kind);

describe('SPF expansion through the lab DNS', () => {
  it('follows include chains, merging adjacent and nested ranges, IPv4 and IPv6', async (ctx) => {
    needLab(ctx);
    const e = await expand(['_spf.chain.example']);
    expect(e.ranges).toEqual({
      v4: ['127.50.0.0/23', '127.50.9.9/32'],
      v6: ['2001:db8:50::/48'],
    });
    expect(e.visits.map((v) => [v.name, v.depth, v.parent ?? ''])).toEqual([
      ['_spf.chain.example', 0, ''],
      ['_a.chain.example', 1, '_spf.chain.example'],
      ['_b.chain.example', 1, '_spf.chain.example'],
      ['_c.chain.example', 2, '_b.chain.example'],
    ]);
    expect(e.origins).toContainEqual({
      cidr: '127.50.0.64/26',
      via: '_b.chain.example',
      term: 'ip4:127.50.0.64/26',
    });
    expect(e.issues).toEqual([]);
    expect(e).toMatchObject({
      complete: true,
      lookups: 4,
      rfcLookups: { '_spf.chain.example': 3 },
    });
  });

  it('follows redirect, and ignores it beside an "all" (RFC 7208 §6.1)', async (ctx) => {
    needLab(ctx);
    expect((await expand(['redirect.example'])).ranges).toEqual({
      v4: ['127.51.0.0/24'],
      v6: ['2001:db8:51::/64'],
    });
    const withAll = await expand(['withall.redirect.example']);
    expect(withAll.ranges).toEqual({ v4: ['127.51.1.0/24'], v6: [] });
    expect(withAll.visits.map((v) => v.name)).toEqual(['withall.redirect.example']);
  });

  it('resolves a and mx terms, with /cidr and //cidr6 lengths', async (ctx) => {
    needLab(ctx);
    const e = await expand(['_spf.amx.example']);
    expect(e.ranges).toEqual({
      v4: ['127.52.0.1/32', '127.52.1.16/28', '127.52.2.1/32', '127.52.2.2/32', '127.52.3.0/24'],
      v6: ['2001:db8:52::17/128', '2001:db8:52:2::2/128', '2001:db8:52:3::/64'],
    });
    expect(e.origins.filter((o) => o.term === 'mx:relay.amx.example/24//64')).toEqual([
      { cidr: '127.52.3.0/24', via: '_spf.amx.example', term: 'mx:relay.amx.example/24//64' },
      { cidr: '2001:db8:52:3::/64', via: '_spf.amx.example', term: 'mx:relay.amx.example/24//64' },
    ]);
    expect(e.issues).toEqual([]);
    expect(e.rfcLookups).toEqual({ '_spf.amx.example': 4 });
  });

  it('turns ptr into host-name suffixes, never into addresses', async (ctx) => {
    needLab(ctx);
    const e = await expand(['ptr.example']);
    expect(e.ranges).toEqual({ v4: ['127.53.0.0/24'], v6: [] });
    expect(e.hostnames).toEqual([
      { suffix: 'out.ptr.example', via: 'ptr.example', term: 'ptr:out.ptr.example' },
      { suffix: 'ptr.example', via: 'ptr.example', term: 'ptr' },
    ]);
    expect(e.issues.map((i) => [i.kind, i.severity, i.term])).toEqual([
      ['ptr', 'info', 'ptr:out.ptr.example'],
      ['ptr', 'info', 'ptr'],
    ]);
  });

  it('reports exists and macros as not expandable, showing the term', async (ctx) => {
    needLab(ctx);
    const e = await expand(['macro.example']);
    expect(e.ranges.v4).toEqual(['127.54.0.0/24']);
    expect(e.issues.map((i) => [i.kind, i.term])).toEqual([
      ['not-expandable', 'exists:%{i}._spf.macro.example'],
      ['not-expandable', 'include:%{ir}.%{v}.%{d}.spf.macro.example'],
    ]);
    expect(e.complete).toBe(true);
  });

  it('detects a loop and keeps what both records give', async (ctx) => {
    needLab(ctx);
    const e = await expand(['_spf.loop.example']);
    expect(e.ranges.v4).toEqual(['127.55.0.0/23']);
    expect(e.issues).toEqual([
      {
        kind: 'loop',
        severity: 'warning',
        name: '_x.loop.example',
        term: 'include:_spf.loop.example',
        message:
          'include:_spf.loop.example: loops back to _spf.loop.example (_spf.loop.example → _x.loop.example → _spf.loop.example)',
      },
    ]);
  });

  it('counts void lookups and reports going over the limit of two', async (ctx) => {
    needLab(ctx);
    const e = await expand(['_spf.void.example']);
    expect(e.ranges.v4).toEqual(['127.56.0.0/24']);
    expect(e.issues.map((i) => [i.kind, i.name, i.term ?? ''])).toEqual([
      ['void-lookup', '_spf.void.example', 'a:nohost.void.example'],
      ['void-lookup', '_spf.void.example', 'mx:nomx.void.example'],
      ['void-lookup', 'gone.void.example', ''],
      ['no-spf', 'text.void.example', ''],
      ['void-limit', '_spf.void.example', ''],
    ]);
    expect(e.issues.at(-1)?.message).toBe(
      '_spf.void.example has 3 void lookups; receivers return permerror above 2 (RFC 7208 §4.6.4)',
    );
    expect(e.complete).toBe(true); // the provider's faults, not ours: nothing was hidden
  });

  it('stops an over-deep chain and reports the lookup limit', async (ctx) => {
    needLab(ctx);
    const e = await expand(['_spf.deep.example']);
    expect(e.visits).toHaveLength(11);
    expect(e.ranges.v4).toEqual(['127.57.0.0/21', '127.57.8.0/23', '127.57.10.0/24']);
    expect(kinds(e)).toEqual(['too-deep', 'lookup-limit']);
    expect(e.issues[0]).toMatchObject({
      name: 'l10.deep.example',
      term: 'include:l11.deep.example',
    });
    expect(e.rfcLookups['_spf.deep.example']).toBe(11);
  });

  it('takes nothing from malformed or duplicated records, and says why', async (ctx) => {
    needLab(ctx);
    const bad = await expand(['_spf.bad.example']);
    expect(bad.ranges).toEqual({ v4: [], v6: [] });
    expect(bad.issues).toEqual([
      expect.objectContaining({
        kind: 'malformed',
        term: 'ip6:2001:db8:58::g/64',
        message: expect.stringContaining('"2001:db8:58::g" is not an IPv6 address'),
      }),
    ]);
    expect(kinds(await expand(['two.bad.example']))).toEqual(['multiple-spf']);
    expect((await expand(['family.bad.example'])).issues[0]?.message).toMatch(
      /"2001:db8:58::1" is not an IPv4 address/,
    );
    expect((await expand(['prefix.bad.example'])).issues[0]?.message).toMatch(
      /\/33 is longer than 32 bits/,
    );
  });

  it('reports a timeout as a timeout and a refused name as an error — never as "no ranges"', async (ctx) => {
    needLab(ctx);
    const started = performance.now();
    const slow = await expand(['_spf.slowpoke.example'], 400);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(slow.ranges.v4).toEqual(['127.59.0.0/24']);
    expect(slow.issues).toEqual([
      {
        kind: 'timeout',
        severity: 'error',
        name: 'spf.dead.lab.example',
        message: 'TXT spf.dead.lab.example (from _spf.slowpoke.example): timed out',
      },
    ]);
    expect(slow.complete).toBe(false);
    const refused = await expand(['nowhere.invalid-zone.example']);
    expect(refused.issues).toEqual([
      expect.objectContaining({
        kind: 'dns-error',
        severity: 'error',
        message: expect.stringMatching(/EREFUSED/),
      }),
    ]);
    expect(refused.complete).toBe(false);
  });
});

describe('cloud senders through the API, against the lab DNS', () => {
  it('stores each refresh with its exact diff as a provider’s record changes', async (ctx) => {
    const lab = needLab(ctx);
    const { service } = makeCore();
    const call = async <T>(
      r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
    ) => {
      const x = await r;
      if (!x.ok) throw new Error(x.error.message);
      return x.value;
    };
    const as = { actor: 'test' };
    const dnsServers = lab.dns.appServer;
    await call(
      service.call(
        'senders.add',
        {
          id: 'lab-rotating',
          name: 'Lab rotating',
          category: 'bulk',
          spf: ['_spf.rotating.example'],
        },
        as,
      ),
    );
    const progress: AppApiEvents['senders.progress'][] = [];
    const changed: string[][] = [];
    service.events.subscribe('senders.progress', (p) => progress.push(p));
    service.events.subscribe('senders.changed', (c) => changed.push(c.ids));

    // First refresh: everything is new against the (empty) snapshot of a user's provider.
    const first = await call(
      service.call('senders.expand', { id: 'lab-rotating', runId: 'r1', dnsServers }, as),
    );
    expect(first).toMatchObject({
      origin: 'live',
      ranges: { v4: ['127.60.0.0/23', '127.60.8.0/22'], v6: ['2001:db8:60::/64'] },
      diff: { against: 'snapshot', removed: { v4: [], v6: [] } },
      complete: true,
    });
    expect(first.source).toBe(`DNS ${dnsServers}`);
    expect(progress.filter((p) => p.runId === 'r1').map((p) => p.state)).toEqual([
      'running',
      'done',
    ]);

    // The provider changes its record (served by the running lab DNS, over UDP and TCP).
    await lab.publishZones([rotatingZone('after')]);
    const second = await call(
      service.call('senders.expand', { id: 'lab-rotating', dnsServers }, as),
    );
    expect(second.ranges).toEqual({
      v4: ['127.60.0.0/23', '127.60.5.0/24', '127.60.8.0/23'],
      v6: ['2001:db8:60:1::/64'],
    });
    expect(second.diff).toEqual({
      against: 'live',
      againstAt: first.at,
      added: { v4: ['127.60.5.0/24'], v6: ['2001:db8:60:1::/64'] },
      removed: { v4: ['127.60.10.0/23'], v6: ['2001:db8:60::/64'] },
      hostnamesAdded: [],
      hostnamesRemoved: [],
    });

    // And back: the reverse diff, exactly.
    await lab.clearPublishedZones();
    const third = await call(
      service.call('senders.expand', { id: 'lab-rotating', dnsServers }, as),
    );
    expect(third.diff).toMatchObject({
      added: { v4: ['127.60.10.0/23'], v6: ['2001:db8:60::/64'] },
      removed: { v4: ['127.60.5.0/24'], v6: ['2001:db8:60:1::/64'] },
    });

    const detail = await call(service.call('senders.get', { id: 'lab-rotating' }, as));
    expect(detail.current.id).toBe(third.id);
    expect(detail.history.map((h) => h.id)).toEqual([third.id, second.id, first.id]);
    expect(await call(service.call('senders.lookup', { target: '127.60.9.1' }, as))).toMatchObject({
      provider: 'lab-rotating',
      origin: 'live',
      range: '127.60.8.0/22',
    });
    const audit = await call(service.call('audit.list', { action: 'senders.' }, as));
    expect(audit.entries.map((e) => e.action)).toEqual([
      'senders.expand',
      'senders.expand',
      'senders.expand',
      'senders.add',
    ]);
    expect(changed).toEqual([['lab-rotating'], ['lab-rotating'], ['lab-rotating']]);
    service.close();
  });

  it('refreshes several providers in parallel, leaving another provider’s names to it', async (ctx) => {
    const lab = needLab(ctx);
    const { service } = makeCore();
    const as = { actor: 'test' };
    const add = (id: string, spf: string[]) =>
      service.call('senders.add', { id, name: id, category: 'bulk', spf }, as);
    await add('lab-chain', ['_spf.chain.example']);
    // Owns a name lab-chain includes: lab-chain leaves it (and its IPv6 range) to this one.
    await add('lab-c', ['_c.chain.example']);
    await add('lab-amx', ['_spf.amx.example']);
    await add('lab-slow', ['_spf.slowpoke.example']);
    const progress: AppApiEvents['senders.progress'][] = [];
    service.events.subscribe('senders.progress', (p) => progress.push(p));
    const r = await service.call(
      'senders.refresh',
      {
        runId: 'all-lab',
        ids: ['lab-chain', 'lab-c', 'lab-amx', 'lab-slow'],
        dnsServers: lab.dns.appServer,
        timeoutMs: 400,
      },
      as,
    );
    if (!r.ok) throw new Error(r.error.message);
    const byId = Object.fromEntries(r.value.providers.map((p) => [p.id, p]));
    expect(byId['lab-chain']).toMatchObject({ ranges: { v4: 1, v6: 0 }, complete: true });
    expect(byId['lab-c']).toMatchObject({ ranges: { v4: 1, v6: 1 }, complete: true });
    expect(byId['lab-amx']).toMatchObject({ ranges: { v4: 5, v6: 3 }, complete: true });
    expect(byId['lab-slow']).toMatchObject({
      complete: false,
      errors: ['TXT spf.dead.lab.example (from _spf.slowpoke.example): timed out'],
    });
    expect(r.value.slowest?.id).toBe('lab-slow');
    expect(r.value.lookups).toBe(r.value.providers.reduce((n, p) => n + p.lookups, 0));
    expect(r.value.ms).toBeLessThan(
      r.value.providers.reduce((n, p) => n + p.ms, 0) + 50, // parallel, not one after another
    );
    const mine = progress.filter((p) => p.runId === 'all-lab');
    expect(mine).toHaveLength(8);
    expect(
      mine
        .filter((p) => p.state !== 'running')
        .map((p) => p.done)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    const chain = await service.call('senders.get', { id: 'lab-chain' }, as);
    expect(chain.ok && chain.value.current.issues).toEqual([
      expect.objectContaining({ kind: 'delegated', term: 'include:_c.chain.example' }),
    ]);
    const audit = await service.call('audit.list', { action: 'senders.refresh' }, as);
    expect(audit.ok && audit.value.entries[0]?.detail).toMatchObject({
      providers: 4,
      incomplete: ['lab-slow'],
    });
    service.close();
  });

  it('expands from the command line against a chosen DNS server', async (ctx) => {
    const lab = needLab(ctx);
    const { dataDir, service } = makeCore();
    service.close();
    const cli = async (...args: string[]) => {
      const c = capture();
      const code = await runCli(['--data-dir', dataDir, ...args], c.io);
      return { code, out: c.out(), err: c.err() };
    };
    expect(
      (await cli('senders', 'add', 'lab-amx', '--name', 'Lab a/mx', '--spf', '_spf.amx.example'))
        .code,
    ).toBe(0);
    const r = await cli('senders', 'expand', 'lab-amx', '--dns', lab.dns.appServer);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(
        `^lab-amx — live, .* UTC from ${lab.dns.appServer.replace(/\./g, '\\.')}, \\d+ ms, 13 DNS lookups$`,
        'm',
      ),
    );
    expect(r.out).toMatch(/^5 IPv4 ranges, 3 IPv6 ranges, 0 host-name suffixes$/m);
    expect(r.out).toMatch(/^ {2}127\.52\.1\.16\/28$/m);
    const json = JSON.parse(
      (await cli('senders', 'expand', 'lab-amx', '--dns', lab.dns.appServer, '--json')).out,
    );
    expect(json).toMatchObject({
      providerId: 'lab-amx',
      origin: 'live',
      diff: { against: 'live' },
    });
    const refresh = await cli('senders', 'refresh', 'lab-amx', '--dns', lab.dns.appServer);
    expect(refresh.out).toMatch(/^lab-amx +5 +3 +0 +no +\d+ +13 +ok$/m);
  });
});
