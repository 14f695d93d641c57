// Whitelisted cloud senders as ordinary allowlist entries (source cloud:<provider>, the group's
// scope), so the compiler and the engine read them through the one path every client entry takes
// — the two views of the policy cannot drift apart on them. Runtime: pure.

import type { RuleId } from './rules';
import type { ClientEntry, CloudScope, CloudSender, Policy } from './schema';

export const CLOUD_SCOPE_WORDS: Record<CloudScope, string> = {
  greylisting: 'skip greylisting',
  postscreen: "skip postscreen's tests",
  all: 'skip all checks',
};

export const cloudSource = (provider: string): `cloud:${string}` => `cloud:${provider}`;

/** The rule a cloud-sender entry decides by, or undefined for other entries. */
export function cloudRule(entry: Pick<ClientEntry, 'source'>): RuleId | undefined {
  return entry.source.startsWith('cloud:') ? (entry.source as RuleId) : undefined;
}

export function pinnedWords(g: CloudSender): string {
  return g.pinned.origin === 'live'
    ? `expansion ${g.pinned.expansionId ?? '?'} of ${g.pinned.asOf.slice(0, 10)}`
    : `offline snapshot of ${g.pinned.asOf}`;
}

/** "Google (skip greylisting, 312 ranges, 2 host names)". */
export function cloudSenderWords(g: CloudSender): string {
  const n = g.ranges.length;
  const h = g.hostnames.length;
  return `${g.name} (${CLOUD_SCOPE_WORDS[g.scope]}, ${n} range${n === 1 ? '' : 's'}${h ? `, ${h} host name${h === 1 ? '' : 's'}` : ''})`;
}

export function cloudEntries(g: CloudSender): ClientEntry[] {
  const source = cloudSource(g.provider);
  const values = [...g.ranges, ...g.hostnames];
  // One note per group, not per line: it becomes the comment above the group in each map file.
  const note = `${cloudSenderWords(g)} — cloud:${g.provider}, ${pinnedWords(g)}`;
  return values.map((value, i) => ({
    value,
    source,
    scope: g.scope,
    ...(i === 0 ? { note } : {}),
  }));
}

/**
 * The policy with its whitelisted cloud senders added to the client allowlist, after the
 * admin's own entries. The same object when there are none, so existing policies compile as before.
 */
export function withCloudSenders(policy: Policy): Policy {
  const groups = policy.cloudSenders ?? [];
  if (groups.length === 0) return policy;
  return {
    ...policy,
    clients: {
      ...policy.clients,
      allow: [...policy.clients.allow, ...groups.flatMap(cloudEntries)],
    },
  };
}
