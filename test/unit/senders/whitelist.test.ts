// One-click whitelisting: pinning a provider's current data, and its status against that data
// (stale after a refresh changed the ranges) and against each server's last push.

import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../core/policy/schema';
import { TEMPLATES } from '../../../core/policy/templates';
import type { ProviderExpansion } from '../../../core/senders/types';
import {
  pinGroup,
  whitelistStatus,
  withoutWhitelisted,
  withWhitelisted,
} from '../../../core/senders/whitelist';

function expansion(v4: string[], over: Partial<ProviderExpansion> = {}): ProviderExpansion {
  return {
    providerId: 'acme',
    origin: 'live',
    id: 7,
    at: Date.parse('2026-11-23T04:00:00Z'),
    asOf: '2026-11-23T04:00:00.000Z',
    source: 'DNS 127.0.0.1:5353',
    ms: 12,
    roots: ['_spf.acme.example'],
    ranges: { v4, v6: ['2001:db8:a::/48'] },
    origins: [],
    hostnames: [{ suffix: 'out.acme.example', via: 'catalog', term: 'catalog' }],
    visits: [],
    issues: [],
    lookups: 3,
    cached: 0,
    rfcLookups: {},
    complete: true,
    ...over,
  };
}

const acme = { id: 'acme', name: 'Acme Mail' };

describe('whitelisting a cloud sender', () => {
  const e = expansion(['192.0.2.0/25', '198.51.100.0/24']);
  const group = pinGroup(acme, e, 'greylisting');

  it('pins the current ranges, host names and the expansion they came from', () => {
    expect(group).toEqual({
      provider: 'acme',
      name: 'Acme Mail',
      scope: 'greylisting',
      pinned: { origin: 'live', expansionId: 7, asOf: '2026-11-23T04:00:00.000Z' },
      ranges: ['192.0.2.0/25', '198.51.100.0/24', '2001:db8:a::/48'],
      hostnames: ['out.acme.example'],
    });
    const snap = pinGroup(acme, expansion([], { origin: 'snapshot', asOf: '2026-11-23' }), 'all');
    expect(snap.pinned).toEqual({ origin: 'snapshot', asOf: '2026-11-23' });
  });

  it('adds, replaces and removes the group; the last removal drops the section', () => {
    const base = TEMPLATES.balanced();
    const added = withWhitelisted(base, group);
    expect(added.message).toBe('Whitelisted Acme Mail (skip greylisting, 3 ranges, 1 host name)');
    const again = withWhitelisted(added.policy, { ...group, scope: 'all' });
    expect(again.policy.cloudSenders).toHaveLength(1);
    expect(again.message).toMatch(/^Updated the whitelisting of Acme Mail \(skip all checks/);
    const removed = withoutWhitelisted(again.policy, 'acme');
    expect(removed?.message).toMatch(/^Stopped whitelisting Acme Mail/);
    expect(removed && 'cloudSenders' in removed.policy).toBe(false);
    expect(JSON.stringify(removed?.policy)).toBe(JSON.stringify(base));
    expect(withoutWhitelisted(base, 'acme')).toBeUndefined();
  });

  it('status: off, unpushed, whitelisted, then stale with the exact change', () => {
    const base = TEMPLATES.balanced();
    const policy: Policy = withWhitelisted(base, group).policy;
    expect(whitelistStatus('acme', base, e, [])).toEqual({ state: 'off', unpushed: [] });

    const pushedOld = [
      { serverName: 'mx1', policy },
      { serverName: 'mx2', policy: base },
      { serverName: 'mx3', policy: undefined },
    ];
    const s1 = whitelistStatus('acme', policy, e, pushedOld);
    expect(s1.state).toBe('unpushed');
    expect(s1.unpushed).toEqual(['mx2', 'mx3']);
    expect(s1.pinned).toMatchObject({ origin: 'live', expansionId: 7, ranges: 3, hostnames: 1 });

    const everywhere = pushedOld.map((s) => ({ ...s, policy }));
    expect(whitelistStatus('acme', policy, e, everywhere).state).toBe('whitelisted');

    const later = expansion(['192.0.2.0/24', '203.0.113.0/24'], { id: 9 });
    const stale = whitelistStatus('acme', policy, later, everywhere);
    expect(stale.state).toBe('stale');
    expect(stale.changes).toEqual({
      // Address space: the /25 grew to a /24 (its other half added, nothing of it removed).
      added: ['192.0.2.128/25', '203.0.113.0/24'],
      removed: ['198.51.100.0/24'],
      hostnamesAdded: [],
      hostnamesRemoved: [],
      current: { origin: 'live', expansionId: 9, asOf: '2026-11-23T04:00:00.000Z' },
    });

    // Removed from the policy but still on mx1: not whitelisted, one server to push to.
    expect(whitelistStatus('acme', base, e, everywhere.slice(0, 1))).toEqual({
      state: 'off',
      unpushed: ['mx1'],
    });
  });
});
