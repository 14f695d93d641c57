// Address handling: canonical forms, reverse and DNSBL names (checked against dig's own
// reverse-name logic), client networks and postscreen's return-code filters.

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clientNetwork,
  dnsblQueryName,
  matchesReturnFilter,
  parseIp,
  reverseName,
} from '../../../core/net/ip';

/** dig's own reverse name for an address: printed as the question, even though no server answers. */
const digReverse = (ip: string): string | undefined => {
  // +qr prints the query dig would send; port 9 (discard) refuses it at once.
  const r = spawnSync(
    'dig',
    ['-x', ip, '+noall', '+question', '+qr', '@127.0.0.1', '-p', '9', '+time=1', '+tries=1'],
    { encoding: 'utf8' },
  );
  if (r.error) return undefined;
  const line = r.stdout.split('\n').find((l) => /\.arpa\./.test(l));
  return line?.replace(/^;/, '').split(/\s+/)[0]?.replace(/\.$/, '');
};

describe('addresses', () => {
  it('canonicalises v4, v6 and IPv4-mapped v6; refuses partial and odd forms', () => {
    expect(parseIp('192.0.2.1')).toEqual({ version: 4, address: '192.0.2.1' });
    expect(parseIp('[2001:DB8:0:0::1]')).toEqual({ version: 6, address: '2001:db8::1' });
    expect(parseIp('IPv6:2001:db8::1')).toEqual({ version: 6, address: '2001:db8::1' });
    expect(parseIp('::ffff:192.0.2.7')).toEqual({ version: 4, address: '192.0.2.7' });
    for (const bad of ['192.0.2', '1.2', '0x7f.1.1.1', 'mail.example', '', '2001:db8::g'])
      expect(parseIp(bad), bad).toBeUndefined();
  });

  it('builds IPv4 and IPv6 nibble reverse names', () => {
    expect(reverseName(parseIp('192.0.2.1')!)).toBe('1.2.0.192.in-addr.arpa');
    expect(reverseName(parseIp('2001:db8::1')!)).toBe(
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    );
    expect(dnsblQueryName(parseIp('192.0.2.1')!, 'zen.spamhaus.org.')).toBe(
      '1.2.0.192.zen.spamhaus.org',
    );
  });

  it('agrees with dig -x for any address (property)', (ctx) => {
    if (digReverse('192.0.2.1') === undefined) {
      console.log('skipped: dig is not installed');
      ctx.skip('dig is not installed');
    }
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        const ip = parseIp(text);
        if (!ip) return;
        expect(reverseName(ip)).toBe(digReverse(ip.address));
      }),
      { numRuns: 40 },
    );
  });

  it('gives the greylisting network: /24, /64, or the address', () => {
    expect(clientNetwork(parseIp('192.0.2.77')!, 24, 64)).toBe('192.0.2.0/24');
    expect(clientNetwork(parseIp('2001:db8:1:2:3::9')!, 24, 64)).toBe('2001:db8:1:2::/64');
    expect(clientNetwork(parseIp('192.0.2.77')!, 32, 128)).toBe('192.0.2.77');
  });
});

describe('return-code filters', () => {
  it('matches postscreen’s filter syntax', () => {
    const m = matchesReturnFilter;
    expect(m('127.0.0.2', undefined)).toBe(true);
    expect(m('10.0.0.2', undefined)).toBe(false);
    expect(m('127.0.0.2', '127.0.0.2')).toBe(true);
    expect(m('127.0.0.3', '127.0.0.2')).toBe(false);
    expect(m('127.0.0.2', '127.0.0.[2..11]')).toBe(true);
    expect(m('127.0.0.11', '127.0.0.[2..11]')).toBe(true);
    expect(m('127.0.0.12', '127.0.0.[2..11]')).toBe(false);
    expect(m('127.0.0.10', '127.0.0.[10;11]')).toBe(true);
    expect(m('127.0.0.9', '127.0.0.[10;11]')).toBe(false);
    expect(m('127.0.5.3', '127.0.[0..255].3')).toBe(true);
    expect(m('127.0.5.2', '127.0.[0..255].[1;2;3]')).toBe(true);
    expect(m('127.0.5.4', '127.0.[0..255].[1..3]')).toBe(false);
  });
});
