// A refresh that could not read part of a provider's records keeps what that part gave before —
// only that part — and says so; a refresh that read everything keeps nothing old.

import { describe, expect, it } from 'vitest';
import { carryOver } from '../../../core/senders/carry-over';
import { mergeRanges } from '../../../core/senders/ranges';
import type { ProviderExpansion, SpfExpansion } from '../../../core/senders/types';

const previous: ProviderExpansion = {
  providerId: 'p',
  origin: 'live',
  at: 1,
  asOf: '2026-11-22T10:00:00.000Z',
  source: 'DNS 127.0.0.1:5353',
  ms: 10,
  roots: ['_spf.p.example'],
  ranges: mergeRanges(['192.0.2.0/24', '198.51.100.0/24', '203.0.113.5/32', '2001:db8::/48']),
  origins: [
    { cidr: '192.0.2.0/24', via: '_spf.p.example', term: 'ip4:192.0.2.0/24' },
    { cidr: '198.51.100.0/24', via: '_a.p.example', term: 'ip4:198.51.100.0/24' },
    { cidr: '2001:db8::/48', via: '_b.p.example', term: 'ip6:2001:db8::/48' },
    { cidr: '203.0.113.5/32', via: '_spf.p.example', term: 'a:out.p.example' },
  ],
  hostnames: [{ suffix: 'out.p.example', via: '_b.p.example', term: 'ptr:out.p.example' }],
  visits: [
    { name: '_spf.p.example', depth: 0, status: 'ok' },
    { name: '_a.p.example', depth: 1, parent: '_spf.p.example', status: 'ok' },
    { name: '_b.p.example', depth: 2, parent: '_a.p.example', status: 'ok' },
  ],
  issues: [],
  lookups: 5,
  cached: 0,
  rfcLookups: { '_spf.p.example': 3 },
  complete: true,
};

const base = (over: Partial<SpfExpansion>): SpfExpansion => ({
  roots: ['_spf.p.example'],
  ranges: mergeRanges(['192.0.2.0/24']),
  origins: [{ cidr: '192.0.2.0/24', via: '_spf.p.example', term: 'ip4:192.0.2.0/24' }],
  hostnames: [],
  visits: [{ name: '_spf.p.example', depth: 0, status: 'ok' }],
  issues: [],
  lookups: 3,
  cached: 0,
  rfcLookups: { '_spf.p.example': 3 },
  complete: true,
  ...over,
});

describe('carrying ranges over an unreadable part', () => {
  it('keeps what an include that timed out gave, and its includes’, and says so', () => {
    const next = base({
      visits: [
        { name: '_spf.p.example', depth: 0, status: 'ok' },
        { name: '_a.p.example', depth: 1, parent: '_spf.p.example', status: 'timeout' },
      ],
      issues: [
        {
          kind: 'timeout',
          severity: 'error',
          name: '_a.p.example',
          message: 'TXT _a.p.example: timed out',
        },
      ],
      complete: false,
    });
    const r = carryOver(previous, next);
    expect(r.ranges).toEqual({ v4: ['192.0.2.0/24', '198.51.100.0/24'], v6: ['2001:db8::/48'] });
    expect(r.hostnames.map((h) => h.suffix)).toEqual(['out.p.example']);
    expect(r.carried).toEqual({ from: 'live', asOf: previous.asOf, ranges: 2, hostnames: 1 });
    expect(r.issues.at(-1)).toEqual({
      kind: 'carried-over',
      severity: 'warning',
      name: '_a.p.example',
      message:
        '_a.p.example could not be read: its ranges were kept from the expansion of 2026-11-22T10:00:00.000Z',
    });
    expect(r.complete).toBe(false);
  });

  it('keeps what one a/mx term gave when only its addresses could not be read', () => {
    const next = base({
      issues: [
        {
          kind: 'dns-error',
          severity: 'error',
          name: '_spf.p.example',
          term: 'a:out.p.example',
          message: 'a:out.p.example: A out.p.example: ESERVFAIL',
        },
      ],
      complete: false,
    });
    expect(carryOver(previous, next).ranges.v4).toEqual(['192.0.2.0/24', '203.0.113.5/32']);
  });

  it('keeps nothing old when everything was read: removals are real', () => {
    const next = base({});
    expect(carryOver(previous, next)).toBe(next);
    expect(carryOver(undefined, next)).toBe(next);
  });
});
