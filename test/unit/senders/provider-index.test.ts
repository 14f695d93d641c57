// providerOf: longest-prefix match over every provider's ranges (IPv4, IPv6, IPv4-mapped), and
// label-wise host-name suffixes (longest wins, no partial labels).

import { describe, expect, it } from 'vitest';
import { buildProviderIndex, type IndexedProvider } from '../../../core/senders/provider-index';

const p = (
  id: string,
  v4: string[],
  v6: string[] = [],
  hostnames: string[] = [],
): IndexedProvider => ({
  id,
  name: id.toUpperCase(),
  origin: 'live',
  asOf: '2026-11-23T10:00:00.000Z',
  ranges: { v4, v6 },
  hostnames,
});

const index = buildProviderIndex([
  p('big', ['10.0.0.0/8', '192.0.2.0/24'], ['2001:db8::/32'], ['example.net']),
  p('small', ['10.1.2.0/24', '198.51.100.7/32'], ['2001:db8:1::/48'], ['mail.example.net']),
  p('dup', ['192.0.2.0/24']),
]);

describe('providerOf', () => {
  it('finds the most specific range', () => {
    expect(index.providerOf('10.1.2.3')).toMatchObject({
      provider: 'small',
      range: '10.1.2.0/24',
      match: 'range',
    });
    expect(index.providerOf('10.1.3.3')).toMatchObject({ provider: 'big', range: '10.0.0.0/8' });
    expect(index.providerOf('198.51.100.7')).toMatchObject({ provider: 'small' });
    expect(index.providerOf('198.51.100.8')).toBeUndefined();
    expect(index.providerOf('2001:db8:1:2::5')).toMatchObject({ provider: 'small' });
    expect(index.providerOf('[2001:db8:ffff::1]')).toMatchObject({ provider: 'big' });
    expect(index.providerOf('::ffff:10.1.2.3')).toMatchObject({ provider: 'small' });
    expect(index.providerOf('2001:db9::1')).toBeUndefined();
  });

  it('keeps the first provider listed when two publish the same network', () => {
    expect(index.providerOf('192.0.2.9')).toMatchObject({ provider: 'big' });
  });

  it('matches host names by whole labels, longest suffix first', () => {
    expect(index.providerOf('out1.mail.example.net')).toMatchObject({
      provider: 'small',
      match: 'hostname',
      suffix: 'mail.example.net',
    });
    expect(index.providerOf('www.example.net.')).toMatchObject({
      provider: 'big',
      suffix: 'example.net',
    });
    expect(index.providerOf('example.net')).toMatchObject({ provider: 'big' });
    expect(index.providerOf('badexample.net')).toBeUndefined();
    expect(index.providerOf('net')).toBeUndefined();
    expect(index.size).toEqual({ ranges: 7, hostnames: 2 });
  });
});
