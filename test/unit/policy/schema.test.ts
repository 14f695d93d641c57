// The policy schema: accepts the peers' typical settings, refuses bad ones with messages a
// person understands, and never lets a value break a line-oriented map file.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientMatches, parseClientPattern } from '../../../core/policy/client-match';
import { diffPolicies, diffSummary } from '../../../core/policy/diff';
import { issueLines, validatePolicy } from '../../../core/policy/messages';
import type { Policy } from '../../../core/policy/schema';
import { TEMPLATES } from '../../../core/policy/templates';

const withClients = (allow: string[]): unknown => {
  const p = TEMPLATES.balanced();
  return { ...p, clients: { allow: allow.map((value) => ({ value })), deny: [] } };
};

const problems = (input: unknown): string[] => {
  const r = validatePolicy(input);
  return r.ok ? [] : issueLines(r.issues);
};

describe('policy schema', () => {
  it('accepts every template', () => {
    for (const [name, make] of Object.entries(TEMPLATES))
      expect(problems(make()), name).toEqual([]);
  });

  it('explains a bad network by its line in the list', () => {
    expect(problems(withClients(['10.0.0.0/8', '192.0.2.1', '10.0.0.0/33']))).toEqual([
      'line 3 of the client allowlist: 10.0.0.0/33 is not a network: /33 is longer than 32 bits',
    ]);
    expect(problems(withClients(['300.1.2.3']))[0]).toMatch(
      /^line 1 of the client allowlist: 300\.1\.2\.3 is not an address or network/,
    );
    expect(problems(withClients(['/unclosed']))[0]).toMatch(/is not a \/regex\//);
    expect(problems(withClients(['/(/']))[0]).toMatch(/not a valid regular expression/);
    expect(problems(withClients(['bad host!']))[0]).toMatch(
      /not a host name, domain, address, network or \/regex\//,
    );
  });

  it('accepts postgrey’s whitelist_clients forms', () => {
    for (const v of [
      '192.0.2.1',
      '192.0.2',
      '198.51',
      '192.0.2.0/24',
      '2001:db8::/32',
      '2001:db8::1',
      'example.org',
      '.mail.example.org',
      '/^mail\\d+\\.example\\.net$/',
    ]) {
      expect(parseClientPattern(v).ok, v).toBe(true);
    }
  });

  it('refuses line breaks, # and other map-breaking characters in every list', () => {
    const p = TEMPLATES.balanced() as Policy;
    const hostile = {
      ...p,
      senders: { allow: [{ value: 'a@b.example\nREJECT' }], deny: [] },
      recipients: { exempt: [{ value: 'x #comment' }] },
    };
    const lines = problems(hostile);
    expect(lines).toEqual([
      expect.stringMatching(
        /^line 1 of the sender allowlist: .* contains spaces or control characters/,
      ),
      expect.stringMatching(
        /^line 1 of the recipients exempt from filtering: .* contains spaces or control characters/,
      ),
    ]);
    expect(problems(withClients(['10.0.0.1\n10.0.0.2']))[0]).toMatch(/control characters/);
  });

  it('checks weights, thresholds and filters with their own words', () => {
    const p = TEMPLATES.balanced();
    p.dnsbl.lists[0] = { ...p.dnsbl.lists[0], weight: 0 } as never;
    p.dnsbl.lists[1] = { ...p.dnsbl.lists[1], filter: '127.0.0.[2..' } as never;
    p.greylisting.delaySeconds = 0;
    expect(problems(p)).toEqual([
      'line 1 of the DNS lists (weight): must not be 0 (disable the list instead)',
      'line 2 of the DNS lists (filter): must be a return-code filter such as 127.0.0.2 or 127.0.0.[2..11]',
      'greylisting delay (seconds): must be at least 1',
    ]);
  });

  it('accepts any valid CIDR and refuses any over-long prefix (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
        expect(parseClientPattern(`${ip}/${prefix}`).ok).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (ip, prefix) => {
        expect(parseClientPattern(`${ip}/${prefix}`).ok).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 33, max: 999 }), (ip, prefix) => {
        const r = parseClientPattern(`${ip}/${prefix}`);
        expect(r.ok ? '' : r.message).toMatch(/is not a network/);
      }),
    );
  });

  it('accepts domain names and matches the host and its subdomains only (property)', () => {
    fc.assert(
      fc.property(fc.domain(), fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), (domain, sub) => {
        const r = parseClientPattern(domain);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(clientMatches(r.pattern, '192.0.2.1', domain)).toBe(true);
        expect(clientMatches(r.pattern, '192.0.2.1', `${sub}.${domain}`)).toBe(true);
        expect(clientMatches(r.pattern, '192.0.2.1', `${sub}${domain}`)).toBe(false);
        expect(clientMatches(r.pattern, '192.0.2.1', undefined)).toBe(false);
      }),
    );
  });

  it('matches networks like postgrey, IPv4-mapped IPv6 included', () => {
    const m = (v: string, ip: string) => {
      const r = parseClientPattern(v);
      return r.ok && clientMatches(r.pattern, ip, undefined);
    };
    expect(m('192.0.2', '192.0.2.77')).toBe(true);
    expect(m('192.0.2', '192.0.3.1')).toBe(false);
    expect(m('10.1.2.3/8', '10.200.0.1')).toBe(true);
    expect(m('192.0.2.0/24', '::ffff:192.0.2.9')).toBe(true);
    expect(m('2001:db8::/32', '2001:db8:1::5')).toBe(true);
    expect(m('2001:db8::/32', '192.0.2.1')).toBe(false);
  });
});

describe('policy diff in words', () => {
  it('lists what was added, removed and changed', () => {
    const a = TEMPLATES.balanced();
    const b = structuredClone(a);
    b.clients.allow.push({ value: '192.0.2.0/24', note: 'partner', source: 'manual' });
    b.greylisting.delaySeconds = 120;
    b.spf.fail = { action: 'reject', dryRun: false };
    b.dnsbl.lists = b.dnsbl.lists.filter((l) => l.zone !== 'bl.spamcop.net');
    const zen = b.dnsbl.lists.find(
      (l) => l.zone === 'zen.spamhaus.org' && l.filter === '127.0.0.2',
    );
    if (zen) zen.weight = 4;
    expect(diffSummary(diffPolicies(a, b)).split('\n')).toEqual([
      'Client allowlist: added client 192.0.2.0/24 (“partner”)',
      'DNS lists: zen.spamhaus.org=127.0.0.2: weight 3 → 4',
      'DNS lists: removed list bl.spamcop.net',
      'Greylisting: Greylisting delay (s): 300 → 120',
      'SPF: SPF fail: reject (dry-run) → reject',
    ]);
    expect(diffPolicies(a, structuredClone(a))).toEqual([]);
  });
});
