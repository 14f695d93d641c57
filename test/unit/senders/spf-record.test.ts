// Parsing SPF records into terms (RFC 7208 §4.6, §5, §6): every mechanism and modifier, CIDR
// lengths, macros, and the syntax errors that make a receiver return permerror.

import { describe, expect, it } from 'vitest';
import { isSpfRecord, parseSpf, type SpfTerm } from '../../../core/senders/spf-record';

function terms(record: string): SpfTerm[] {
  const r = parseSpf(record);
  if (!r.ok) throw new Error(r.message);
  return r.terms;
}

const error = (record: string): string => {
  const r = parseSpf(record);
  if (r.ok) throw new Error(`expected an error for ${record}`);
  return r.message;
};

describe('SPF record parsing', () => {
  it('recognises SPF version 1 records only', () => {
    expect(isSpfRecord('v=spf1 -all')).toBe(true);
    expect(isSpfRecord('V=SPF1 ip4:192.0.2.1')).toBe(true);
    expect(isSpfRecord('v=spf1')).toBe(true);
    expect(isSpfRecord('v=spf10 -all')).toBe(false);
    expect(isSpfRecord('spf2.0/pra ip4:192.0.2.1')).toBe(false);
    expect(isSpfRecord('google-site-verification=abc')).toBe(false);
    expect(error('hello')).toMatch(/not an SPF record/);
  });

  it('reads ip4 and ip6 networks, normalised, with qualifiers', () => {
    expect(terms('v=spf1 ip4:192.0.2.7/24 -ip6:2001:DB8::1/32 ~ip4:198.51.100.9 ?all')).toEqual([
      { kind: 'ip4', qualifier: '+', network: '192.0.2.0/24', raw: 'ip4:192.0.2.7/24' },
      { kind: 'ip6', qualifier: '-', network: '2001:db8::/32', raw: '-ip6:2001:DB8::1/32' },
      { kind: 'ip4', qualifier: '~', network: '198.51.100.9/32', raw: '~ip4:198.51.100.9' },
      { kind: 'all', qualifier: '?', raw: '?all' },
    ]);
  });

  it('reads a and mx with and without a domain and dual CIDR lengths', () => {
    expect(terms('v=spf1 a a/24 a:mail.example.com mx//64 mx:relay.example.com/28//96')).toEqual([
      { kind: 'a', qualifier: '+', macro: false, raw: 'a' },
      { kind: 'a', qualifier: '+', macro: false, cidr4: 24, raw: 'a/24' },
      {
        kind: 'a',
        qualifier: '+',
        domain: 'mail.example.com',
        macro: false,
        raw: 'a:mail.example.com',
      },
      { kind: 'mx', qualifier: '+', macro: false, cidr6: 64, raw: 'mx//64' },
      {
        kind: 'mx',
        qualifier: '+',
        domain: 'relay.example.com',
        macro: false,
        cidr4: 28,
        cidr6: 96,
        raw: 'mx:relay.example.com/28//96',
      },
    ]);
  });

  it('reads include, exists, ptr, redirect, exp and unknown modifiers; names are case-blind', () => {
    expect(
      terms(
        'v=spf1 INCLUDE:_SPF.Example.COM. ptr ptr:out.example.com exists:x.example.com redirect=_spf.example.net exp=why.example.com foo=bar',
      ),
    ).toEqual([
      {
        kind: 'include',
        qualifier: '+',
        domain: '_spf.example.com',
        macro: false,
        raw: 'INCLUDE:_SPF.Example.COM.',
      },
      { kind: 'ptr', qualifier: '+', macro: false, raw: 'ptr' },
      {
        kind: 'ptr',
        qualifier: '+',
        domain: 'out.example.com',
        macro: false,
        raw: 'ptr:out.example.com',
      },
      {
        kind: 'exists',
        qualifier: '+',
        domain: 'x.example.com',
        macro: false,
        raw: 'exists:x.example.com',
      },
      {
        kind: 'redirect',
        domain: '_spf.example.net',
        macro: false,
        raw: 'redirect=_spf.example.net',
      },
      { kind: 'exp', domain: 'why.example.com', macro: false, raw: 'exp=why.example.com' },
      { kind: 'modifier', name: 'foo', raw: 'foo=bar' },
    ]);
  });

  it('marks macro domain-specs instead of reading them as names', () => {
    const [exists, include] = terms(
      'v=spf1 exists:%{i}._spf.example.com include:%{ir}.%{v}.%{d}.spf.example.net',
    );
    expect(exists).toMatchObject({ kind: 'exists', macro: true, domain: '%{i}._spf.example.com' });
    expect(include).toMatchObject({ kind: 'include', macro: true });
    expect(error('v=spf1 exists:%{q}.example.com')).toMatch(/not a valid macro string/);
    expect(error('v=spf1 include:100%.example.com')).toMatch(/not a valid macro string/);
  });

  it('tolerates extra spaces between terms', () => {
    expect(terms('v=spf1   ip4:192.0.2.1    -all ')).toHaveLength(2);
  });

  it('refuses what receivers refuse, naming the term', () => {
    expect(error('v=spf1 ip4:192.0.2.0/33')).toMatch(/\/33 is longer than 32 bits/);
    expect(error('v=spf1 ip4:192.0.2.0/024')).toMatch(/not a prefix length/);
    expect(error('v=spf1 ip6:2001:db8::/129')).toMatch(/longer than 128 bits/);
    expect(error('v=spf1 ip4:2001:db8::1')).toMatch(/not an IPv4 address/);
    expect(error('v=spf1 ip6:192.0.2.1x')).toMatch(/not an IPv6 address/);
    expect(error('v=spf1 ip4:1.2.3')).toMatch(/not an IPv4 address/);
    expect(error('v=spf1 ip4:01.2.3.4')).toMatch(/not an IPv4 address/);
    expect(error('v=spf1 a/33')).toMatch(/not an IPv4 prefix length/);
    expect(error('v=spf1 mx//200')).toMatch(/not an IPv6 prefix length/);
    expect(error('v=spf1 include:')).toMatch(/domain is empty/);
    expect(error('v=spf1 include:bad..name')).toMatch(/not a domain name/);
    expect(error('v=spf1 include:localhost')).toMatch(/not a domain name/);
    expect(error('v=spf1 a:-bad-.example.com')).toMatch(/not a domain name/);
    expect(error('v=spf1 ip4')).toMatch(/needs ":address"/);
    expect(error('v=spf1 allx')).toMatch(/not an SPF mechanism/);
    expect(error('v=spf1 all:x')).toMatch(/not an SPF term/);
    expect(error('v=spf1 a!b')).toMatch(/not an SPF term/);
    expect(error('v=spf1 mailto:x')).toMatch(/not an SPF mechanism/);
    expect(error('v=spf1 redirect=a.example.com redirect=b.example.com')).toMatch(
      /more than one redirect/,
    );
    const r = parseSpf('v=spf1 ip4:192.0.2.1 ip6:2001:db8::g -all');
    expect(r).toMatchObject({ ok: false, term: 'ip6:2001:db8::g' });
  });
});
