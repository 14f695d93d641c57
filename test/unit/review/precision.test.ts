// Each whitelist precision of the review queue compiles to the narrowest server-side entry that
// does it: what the policy change adds to the compiled files and main.cf, line by line, is
// exactly that entry (an address, a /24, a host-name suffix, a sender selecting a class that
// allows only its SPF ranges, the provider's ranges) and nothing else — and the undo compiles
// back to the very same files.

import { describe, expect, it } from 'vitest';
import type { ReviewScope, WhitelistPrecision } from '../../../core/app/types/review';
import { validatePolicy } from '../../../core/policy/messages';
import type { CloudSender, Policy } from '../../../core/policy/schema';
import { TEMPLATES } from '../../../core/policy/templates';
import { applyEntry, entryFor, revertEntry } from '../../../core/review/whitelist-entry';
import { compile } from '../../../core/targets/postfix/compile';
import { namedProfile, type ProfileName } from '../../../core/targets/target';

const GROUP: CloudSender = {
  provider: 'examplemail',
  name: 'Example Mail',
  scope: 'greylisting',
  pinned: { origin: 'snapshot', asOf: '2026-11-23' },
  ranges: ['198.51.100.0/25', '2001:db8:5::/48'],
  hostnames: [],
};

function base(): Policy {
  const p = TEMPLATES.balanced();
  p.dnsbl.lists = [
    { zone: 'zen.lab.example', weight: 3, ipv6: false, enabled: true, dryRun: false },
  ];
  return p;
}

/** Every meaningful line the compiled configuration has: map lines per file, main.cf settings. */
function lines(p: Policy, profile: ProfileName): Set<string> {
  const v = validatePolicy(p);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const c = compile(v.policy, namedProfile(profile), 'test');
  const out = new Set<string>();
  const strip = (s: string) => s.replaceAll(c.managedDirectory, '<dir>');
  for (const f of c.files)
    for (const l of f.content.split('\n'))
      if (l.trim() && !l.startsWith('#')) out.add(`${strip(f.path)}: ${l}`);
  for (const s of c.mainCf) out.add(`main.cf: ${s.name} = ${strip(s.value)}`);
  return out;
}

function added(
  precision: WhitelistPrecision,
  value: string,
  scope: ReviewScope,
  profile: ProfileName,
  extra: { spfRanges?: string[] } = {},
): string[] {
  const before = base();
  const { policy, applied } = applyEntry(
    before,
    entryFor(precision, value, scope, { ...extra, group: GROUP }),
  );
  const a = lines(before, profile);
  const b = lines(policy, profile);
  // The undo gives back exactly the configuration there was.
  const undone = revertEntry(policy, applied);
  expect(undone && [...lines(undone, profile)].sort()).toEqual([...a].sort());
  return (
    [...b]
      .filter((l) => !a.has(l))
      // smtpd_restriction_classes and the checks class list the new tables: their references.
      .map((l) => l.replace(/\s+/g, ' '))
      .sort()
  );
}

describe('whitelist precision → narrowest server-side entry', () => {
  it('address: one /32 line in the client allowlist (smtpd), postscreen too when DNS lists are skipped', () => {
    expect(added('address', '127.10.0.20', 'all', 'postfix')).toEqual([
      '<dir>/client_allow.cidr: 127.10.0.20 OK',
      expect.stringMatching(
        /^main\.cf: mxwarden_checks = .*check_client_access cidr:<dir>\/client_allow\.cidr/,
      ),
    ]);
    const ps = added('address', '127.10.0.20', 'dnsbl', 'postfix-postscreen');
    expect(ps).toContain('<dir>/postscreen_access.cidr: 127.10.0.20 permit');
    expect(ps.filter((l) => !l.startsWith('main.cf')).length).toBe(1);
  });

  it('network: the client /24 and nothing wider', () => {
    const l = added('network', '127.10.0.0/24', 'all', 'postfix');
    expect(l.filter((x) => x.includes('.cidr: '))).toEqual([
      '<dir>/client_allow.cidr: 127.10.0.0/24 OK',
    ]);
  });

  it('hostname suffix: one name in the client name table (it matches the suffix and its subdomains)', () => {
    const l = added('hostname', 'shared.example', 'all', 'postfix');
    expect(l.filter((x) => !x.startsWith('main.cf'))).toEqual([
      '<dir>/client_allow_names: shared.example OK',
    ]);
  });

  it('sender domain only when SPF passes: the sender selects a class that allows only its SPF ranges', () => {
    const l = added('sender-domain', 'shared.example', 'all', 'postfix', {
      spfRanges: ['127.10.0.20/32'],
    });
    expect(l).toContain('<dir>/sender_spf_names: shared.example mxwarden_spf_1');
    expect(l).toContain('<dir>/sender_spf_1.cidr: 127.10.0.20/32 OK');
    expect(l).toContain(
      'main.cf: mxwarden_spf_1 = check_client_access cidr:<dir>/sender_spf_1.cidr',
    );
    expect(l.filter((x) => !x.startsWith('main.cf')).length).toBe(2);
    const classes = l.find((x) => x.startsWith('main.cf: smtpd_restriction_classes'));
    expect(classes).toMatch(/mxwarden_spf_1/);
  });

  it('sender domain for greylisting only: the SPF-validated exception, no allowlist entry', () => {
    const before = base();
    const { policy } = applyEntry(
      before,
      entryFor('sender-domain', 'shared.example', 'greylisting'),
    );
    expect(policy.greylisting.exceptions.spfValidatedSenders).toEqual([
      { value: 'shared.example', requireSpf: true, source: 'review' },
    ]);
    expect(policy.senders.allow).toEqual(before.senders.allow);
  });

  it("whole provider: its pinned ranges, in postgrey's list for greylisting, postscreen's for the DNS lists", () => {
    const grey = added('provider', 'examplemail', 'greylisting', 'postfix-postscreen-postgrey');
    expect(grey.filter((x) => !x.startsWith('main.cf')).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/198\.51\.100\.0\/25/)]),
    );
    expect(grey.some((x) => x.includes('postscreen_access'))).toBe(false);
    const ps = added('provider', 'examplemail', 'dnsbl', 'postfix-postscreen-postgrey');
    expect(ps).toContain('<dir>/postscreen_access.cidr: 198.51.100.0/25 permit');
  });
});
