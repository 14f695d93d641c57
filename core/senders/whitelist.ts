// One-click whitelisting of a cloud sender: pinning its current data into the policy's
// cloudSenders section, and each provider's whitelist status — against its current data (stale
// when a refresh changed the ranges) and against what each server last had pushed to it.
// Runtime: pure (cidr-tools).

import type { PinnedData, WhitelistStatus } from '../app/types/senders';
import { cloudSenderWords } from '../policy/cloud-senders';
import type { CloudScope, CloudSender, Policy } from '../policy/schema';
import { diffRanges, mergeRanges } from './ranges';
import type { ProviderExpansion } from './types';

/** The group a provider's current data pins. */
export function pinGroup(
  provider: { id: string; name: string },
  e: ProviderExpansion,
  scope: CloudScope,
): CloudSender {
  return {
    provider: provider.id,
    name: provider.name,
    scope,
    pinned: {
      origin: e.origin,
      ...(e.origin === 'live' && e.id !== undefined ? { expansionId: e.id } : {}),
      asOf: e.asOf,
    },
    ranges: [...e.ranges.v4, ...e.ranges.v6],
    hostnames: e.hostnames.map((h) => h.suffix),
  };
}

/** The policy with this provider whitelisted (added, re-scoped or re-pinned), and a message. */
export function withWhitelisted(
  policy: Policy,
  group: CloudSender,
): { policy: Policy; message: string } {
  const groups = policy.cloudSenders ?? [];
  const had = groups.some((g) => g.provider === group.provider);
  return {
    policy: {
      ...policy,
      cloudSenders: had
        ? groups.map((g) => (g.provider === group.provider ? group : g))
        : [...groups, group],
    },
    message: `${had ? 'Updated the whitelisting of' : 'Whitelisted'} ${cloudSenderWords(group)}`,
  };
}

export function withoutWhitelisted(
  policy: Policy,
  provider: string,
): { policy: Policy; message: string } | undefined {
  const groups = policy.cloudSenders ?? [];
  const g = groups.find((x) => x.provider === provider);
  if (!g) return undefined;
  const rest = groups.filter((x) => x !== g);
  const { cloudSenders: _dropped, ...others } = policy;
  return {
    // Without any left, the section goes too: the version hashes as one that never had it.
    policy: rest.length ? { ...policy, cloudSenders: rest } : others,
    message: `Stopped whitelisting ${cloudSenderWords(g)}`,
  };
}

const minus = (a: readonly string[], b: readonly string[]) => {
  const s = new Set(b);
  return a.filter((x) => !s.has(x));
};

const same = (a: CloudSender | undefined, b: CloudSender | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface PushedPolicy {
  serverName: string;
  /** The policy of the server's last applied push; undefined when it never had one. */
  policy: Policy | undefined;
}

export function whitelistStatus(
  providerId: string,
  policy: Policy,
  current: ProviderExpansion,
  pushed: readonly PushedPolicy[],
): WhitelistStatus {
  const find = (p: Policy | undefined) => p?.cloudSenders?.find((g) => g.provider === providerId);
  const g = find(policy);
  const unpushed = pushed.filter((s) => !same(find(s.policy), g)).map((s) => s.serverName);
  if (!g) return { state: 'off', unpushed };
  const pinned: PinnedData = {
    origin: g.pinned.origin,
    ...(g.pinned.expansionId !== undefined ? { expansionId: g.pinned.expansionId } : {}),
    asOf: g.pinned.asOf,
    ranges: g.ranges.length,
    hostnames: g.hostnames.length,
  };
  // As address space, like a refresh's own diff: a /22 split into a /23 removes only the other /23.
  const d = diffRanges(mergeRanges(g.ranges), current.ranges);
  const hosts = current.hostnames.map((h) => h.suffix);
  const changes = {
    added: [...d.added.v4, ...d.added.v6],
    removed: [...d.removed.v4, ...d.removed.v6],
    hostnamesAdded: minus(hosts, g.hostnames),
    hostnamesRemoved: minus(g.hostnames, hosts),
  };
  const changed = Object.values(changes).some((x) => x.length > 0);
  return {
    state: changed ? 'stale' : unpushed.length ? 'unpushed' : 'whitelisted',
    scope: g.scope,
    pinned,
    ...(changed
      ? {
          changes: {
            ...changes,
            current: {
              origin: current.origin,
              ...(current.id !== undefined ? { expansionId: current.id } : {}),
              asOf: current.asOf,
            },
          },
        }
      : {}),
    unpushed,
  };
}
