// An mxwarden policy that says what mx1 of the lab is configured to do (its postscreen DNS lists,
// weights and thresholds, postgrey's delay), so the engine can be compared with the real servers.
// Derived from the same fleet constants as the servers' main.cf. Runtime: Node (lab) — pure.

import type { Policy } from '../../core/policy/schema';
import { TEMPLATES } from '../../core/policy/templates';
import { profileFor } from './fleet';

export function labPolicy(
  options: { greylistDelaySeconds?: number; extraLists?: Policy['dnsbl']['lists'] } = {},
): Policy {
  const p = TEMPLATES.balanced();
  const mx1 = profileFor(0);
  const ps = mx1.postscreen;
  if (!ps) throw new Error('mx1 of the lab runs postscreen');
  p.name = 'Lab (as mx1)';
  p.dnsbl.threshold = ps.threshold;
  p.dnsbl.allowlistThreshold = ps.allowlistThreshold;
  p.dnsbl.lists = [
    ...ps.sites.map((s) => ({
      zone: s.zone,
      ...(s.filter ? { filter: s.filter } : {}),
      weight: s.weight,
      ipv6: true,
      enabled: true,
      dryRun: false,
    })),
    ...(options.extraLists ?? []),
  ];
  p.greylisting.delaySeconds = options.greylistDelaySeconds ?? 5;
  p.greylisting.perHost = true;
  p.helo.nonFqdn = { action: 'off', dryRun: false };
  p.rdns = { require: 'none', action: { action: 'off', dryRun: false } };
  p.spf.fail = { action: 'off', dryRun: false };
  return p;
}
