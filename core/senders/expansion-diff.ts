// What changed between a provider's previous expansion (or its snapshot) and a new one: address
// space added and removed (exact, per family) and host-name suffixes added and removed.
// Runtime: pure.

import { diffRanges, isEmptyDiff } from './ranges';
import type { ExpansionDiff, ProviderExpansion, SpfExpansion } from './types';

export function expansionDiff(before: ProviderExpansion, after: SpfExpansion): ExpansionDiff {
  const was = new Set(before.hostnames.map((h) => h.suffix));
  const is = new Set(after.hostnames.map((h) => h.suffix));
  return {
    against: before.origin,
    againstAt: before.at,
    ...diffRanges(before.ranges, after.ranges),
    hostnamesAdded: [...is].filter((h) => !was.has(h)).sort(),
    hostnamesRemoved: [...was].filter((h) => !is.has(h)).sort(),
  };
}

export function isUnchanged(d: ExpansionDiff): boolean {
  return isEmptyDiff(d) && d.hostnamesAdded.length === 0 && d.hostnamesRemoved.length === 0;
}
