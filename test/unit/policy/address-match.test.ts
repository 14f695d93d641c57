import { describe, expect, it } from 'vitest';
import { isActive, recipientMatches, senderMatches } from '../../../core/policy/address-match';

describe('recipient entries (postgrey whitelist_recipients forms)', () => {
  const cases: [string, string, boolean][] = [
    ['example.org', 'bob@example.org', true],
    ['example.org', 'bob@sub.example.org', true],
    ['example.org', 'bob@badexample.org', false],
    ['postmaster@', 'Postmaster@any.example', true],
    ['postmaster@', 'postmaster+x@any.example', true],
    ['bob@example.org', 'bob+lists@example.org', true],
    ['bob@example.org', 'bob@other.example', false],
    ['/^ops-\\d+@/', 'ops-12@example.org', true],
    // \D (not a digit) must stay \D: lower-cased it would mean the opposite.
    ['/^ops-\\D+@/', 'ops-12@example.org', false],
    ['/^ops-\\D+@/', 'ops-team@example.org', true],
    ['/^OPS@/', 'ops@example.org', true],
  ];
  it.each(cases)('%s against %s → %s', (entry, rcpt, want) => {
    expect(recipientMatches(entry, rcpt)).toBe(want);
  });
});

describe('sender entries', () => {
  it('matches an address, @domain, and a domain with its subdomains', () => {
    expect(senderMatches('boss@corp.example', '<Boss@Corp.Example>')).toBe(true);
    expect(senderMatches('@corp.example', 'a@corp.example')).toBe(true);
    expect(senderMatches('@corp.example', 'a@eu.corp.example')).toBe(false);
    expect(senderMatches('corp.example', 'a@eu.corp.example')).toBe(true);
    expect(senderMatches('corp.example', 'a@notcorp.example')).toBe(false);
  });
});

describe('expiry', () => {
  it('a date entry lasts to the end of that day (UTC)', () => {
    const day = Date.parse('2026-11-23T12:00:00Z');
    expect(isActive({ expires: '2026-11-23' }, day)).toBe(true);
    expect(isActive({ expires: '2026-11-22' }, day)).toBe(false);
    expect(isActive({}, day)).toBe(true);
  });
});
