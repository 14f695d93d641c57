// A refresh that could not read part of a provider's records (a timeout, a DNS error) must not
// drop the ranges that part gave last time: a DNS outage would otherwise empty a whitelist. The
// ranges found under the unreadable names in the previous expansion (or the snapshot) are carried
// over, and the expansion says so; it stays marked incomplete.
// Runtime: pure.

import { mergeRanges } from './ranges';
import type { ProviderExpansion, SpfExpansion, SpfIssue } from './types';

const UNREAD: ReadonlySet<string> = new Set(['timeout', 'dns-error', 'lookup-cap']);

/** The name and every name reached through it in an expansion's walk. */
function subtree(e: ProviderExpansion, root: string): Set<string> {
  const names = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const v of e.visits)
      if (v.parent && names.has(v.parent) && !names.has(v.name)) {
        names.add(v.name);
        grew = true;
      }
  }
  return names;
}

export function carryOver(
  previous: ProviderExpansion | undefined,
  next: SpfExpansion,
): SpfExpansion {
  if (!previous) return next;
  const failed = next.issues.filter((i) => UNREAD.has(i.kind));
  if (failed.length === 0) return next;
  const carried = previous.origins.filter((o) =>
    failed.some((f) =>
      // A record that could not be read: everything it and its includes gave.
      // An a/mx term whose addresses could not be read: what that term gave.
      f.term === undefined
        ? subtree(previous, f.name).has(o.via)
        : o.via === f.name && o.term === f.term,
    ),
  );
  const carriedHosts = previous.hostnames.filter((h) =>
    failed.some((f) => f.term === undefined && subtree(previous, f.name).has(h.via)),
  );
  const have = new Set(next.origins.map((o) => `${o.cidr} ${o.via} ${o.term}`));
  const newOrigins = carried.filter((o) => !have.has(`${o.cidr} ${o.via} ${o.term}`));
  const haveHosts = new Set(next.hostnames.map((h) => h.suffix));
  const newHosts = carriedHosts.filter((h) => !haveHosts.has(h.suffix));
  if (newOrigins.length + newHosts.length === 0) return next;
  const when =
    previous.origin === 'snapshot'
      ? `the snapshot of ${previous.asOf}`
      : `the expansion of ${previous.asOf}`;
  const notes: SpfIssue[] = [
    ...new Set(failed.map((f) => (f.term ? `${f.name} ${f.term}` : f.name))),
  ].map((what) => ({
    kind: 'carried-over',
    severity: 'warning',
    name: what.split(' ')[0] as string,
    message: `${what} could not be read: its ranges were kept from ${when}`,
  }));
  const origins = [...next.origins, ...newOrigins];
  return {
    ...next,
    origins,
    ranges: mergeRanges(origins.map((o) => o.cidr)),
    hostnames: [...next.hostnames, ...newHosts],
    issues: [...next.issues, ...notes],
    carried: {
      from: previous.origin,
      asOf: previous.asOf,
      ranges: newOrigins.length,
      hostnames: newHosts.length,
    },
  };
}
