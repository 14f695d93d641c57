// Merging ranges (adjacent and nested networks become one) and the exact address-space diff
// between two expansions, with property tests: merging keeps exactly the addresses covered, and
// the diff turns the old set into the new one.

import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { addressCount, diffRanges, mergeRanges } from '../../../core/senders/ranges';

describe('merging ranges', () => {
  it('joins adjacent networks, drops nested ones, splits by family, sorts by address', () => {
    expect(
      mergeRanges([
        '192.0.2.128/25',
        '2001:db8:8000::/33',
        '192.0.2.0/25',
        '198.51.100.7/32',
        '192.0.2.64/26',
        '2001:db8::/33',
        '10.0.0.0/8',
      ]),
    ).toEqual({ v4: ['10.0.0.0/8', '192.0.2.0/24', '198.51.100.7/32'], v6: ['2001:db8::/32'] });
    expect(mergeRanges([])).toEqual({ v4: [], v6: [] });
  });

  it('keeps unaligned neighbours apart (a /23 must start on an even /24)', () => {
    expect(mergeRanges(['192.0.3.0/24', '192.0.4.0/24']).v4).toEqual([
      '192.0.3.0/24',
      '192.0.4.0/24',
    ]);
  });
});

describe('diff between expansions', () => {
  it('is exact address space: growth adds only the new part, shrinking removes only the lost part', () => {
    const before = { v4: ['127.60.0.0/23', '127.60.8.0/22'], v6: ['2001:db8:60::/64'] };
    const after = {
      v4: ['127.60.0.0/23', '127.60.5.0/24', '127.60.8.0/23'],
      v6: ['2001:db8:60:1::/64'],
    };
    expect(diffRanges(before, after)).toEqual({
      added: { v4: ['127.60.5.0/24'], v6: ['2001:db8:60:1::/64'] },
      removed: { v4: ['127.60.10.0/23'], v6: ['2001:db8:60::/64'] },
    });
    expect(diffRanges(after, after)).toEqual({
      added: { v4: [], v6: [] },
      removed: { v4: [], v6: [] },
    });
  });
});

// Small IPv4 networks inside 10.0.0.0/16, so that random ones overlap and touch often.
const network = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 20, max: 32 }))
  .map(([n, prefix]) => {
    const a = ipaddr.IPv4.networkAddressFromCIDR(`10.0.${n >> 8}.${n & 255}/${prefix}`);
    return `${a.toString()}/${prefix}`;
  });

const toInt = (ip: string) =>
  ipaddr.IPv4.parse(ip)
    .toByteArray()
    .reduce((n, b) => n * 256 + b, 0);
const covers = (cidrs: string[], ip: string) => {
  const x = toInt(ip);
  return cidrs.some((c) => {
    const [net, p] = c.split('/');
    const size = 2 ** (32 - Number(p));
    const start = toInt(net as string);
    return x >= start && x < start + size;
  });
};
const address = fc.integer({ min: 0, max: 0xffff }).map((n) => `10.0.${n >> 8}.${n & 255}`);

describe('properties', () => {
  it('merging covers exactly the addresses the input covers, with no overlap', () => {
    fc.assert(
      fc.property(
        fc.array(network, { maxLength: 12 }),
        fc.array(address, { maxLength: 40 }),
        (nets, probes) => {
          const merged = mergeRanges(nets).v4;
          for (const ip of probes) expect(covers(merged, ip)).toBe(covers(nets, ip));
          // No two merged networks overlap: their sizes add up to the union's size.
          const union = addressCount(merged);
          expect(union).toBe(addressCount(mergeRanges(merged).v4));
          expect(merged).toEqual(mergeRanges(merged).v4);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('before − removed + added covers exactly what after covers', () => {
    fc.assert(
      fc.property(
        fc.array(network, { maxLength: 8 }),
        fc.array(network, { maxLength: 8 }),
        fc.array(address, { maxLength: 40 }),
        (a, b, probes) => {
          const before = mergeRanges(a);
          const after = mergeRanges(b);
          const d = diffRanges(before, after);
          for (const ip of probes) {
            const was = covers(before.v4, ip);
            const expected = covers(after.v4, ip);
            const got = (was && !covers(d.removed.v4, ip)) || covers(d.added.v4, ip);
            expect(got).toBe(expected);
            // Added space was not there before; removed space is not there after.
            if (covers(d.added.v4, ip)) expect(was).toBe(false);
            if (covers(d.removed.v4, ip)) expect(expected).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
