// A review whitelist as a policy change: each precision becomes the narrowest entry the policy
// has for it — an address or a network in the client allowlist, a verified host-name suffix,
// the sender domain allowed only when SPF passes (its SPF ranges pinned, so Postfix can enforce
// it), or the provider's managed group — and the exact inverse, so a decision can be undone
// without touching anything else edited since. Runtime: pure.

import type { ReviewScope, WhitelistPrecision } from '../app/types/review';
import { cloudSenderWords } from '../policy/cloud-senders';
import type { ClientEntry, CloudScope, CloudSender, Policy, SenderEntry } from '../policy/schema';

export type AppliedEntry =
  | { list: 'clients.allow'; entry: ClientEntry }
  | { list: 'senders.allow'; entry: SenderEntry }
  | { list: 'greylisting.spfValidatedSenders'; entry: SenderEntry }
  | { list: 'cloudSenders'; group: CloudSender; previous?: CloudSender };

export interface EntryOptions {
  note?: string;
  expires?: string;
  /** sender-domain: the domain's SPF ranges now. */
  spfRanges?: string[];
  /** provider: the group its current data pins. */
  group?: CloudSender;
}

/** What a provider whitelist skips for each review scope (postscreen's tests hold its DNS lists). */
export const CLOUD_SCOPE_OF: Record<ReviewScope, CloudScope> = {
  greylisting: 'greylisting',
  dnsbl: 'postscreen',
  all: 'all',
};

const SCOPE_WORDS: Record<ReviewScope, string> = {
  greylisting: 'skip greylisting',
  dnsbl: 'skip the DNS lists',
  all: 'skip all checks',
};

export function entryFor(
  precision: WhitelistPrecision,
  value: string,
  scope: ReviewScope,
  o: EntryOptions = {},
): AppliedEntry {
  const common = {
    source: 'review' as const,
    ...(o.note ? { note: o.note } : {}),
    ...(o.expires ? { expires: o.expires } : {}),
  };
  switch (precision) {
    case 'address':
    case 'network':
    case 'hostname':
      return {
        list: 'clients.allow',
        entry: { value, ...common, ...(scope === 'all' ? {} : { scope }) },
      };
    case 'sender-domain':
      // Skipping greylisting for an SPF-validated domain is greylisting's own exception; skipping
      // more is the sender allowlist, which accepts the rest of smtpd's checks outright.
      return scope === 'greylisting'
        ? { list: 'greylisting.spfValidatedSenders', entry: { value, requireSpf: true, ...common } }
        : {
            list: 'senders.allow',
            entry: {
              value,
              requireSpf: true,
              ...(o.spfRanges?.length ? { spfRanges: o.spfRanges } : {}),
              ...common,
            },
          };
    case 'provider': {
      if (!o.group) throw new Error('a provider whitelist needs the group its data pins');
      return { list: 'cloudSenders', group: { ...o.group, scope: CLOUD_SCOPE_OF[scope] } };
    }
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Is the same value already allowed in that list (an identical decision would change nothing)? */
export function alreadyThere(policy: Policy, a: AppliedEntry): boolean {
  const v = (x: { value: string }) => x.value.toLowerCase();
  switch (a.list) {
    case 'clients.allow':
      return policy.clients.allow.some(
        (e) => v(e) === v(a.entry) && (e.scope ?? 'all') === (a.entry.scope ?? 'all'),
      );
    case 'senders.allow':
      return policy.senders.allow.some((e) => v(e) === v(a.entry) && e.requireSpf);
    case 'greylisting.spfValidatedSenders':
      return policy.greylisting.exceptions.spfValidatedSenders.some((e) => v(e) === v(a.entry));
    case 'cloudSenders':
      return (policy.cloudSenders ?? []).some((g) => same(g, a.group));
  }
}

/** The policy with the entry added; for a provider, the previous group is kept for the undo. */
export function applyEntry(
  policy: Policy,
  a: AppliedEntry,
): { policy: Policy; applied: AppliedEntry } {
  const p = structuredClone(policy);
  switch (a.list) {
    case 'clients.allow':
      p.clients.allow.push(a.entry);
      return { policy: p, applied: a };
    case 'senders.allow':
      p.senders.allow.push(a.entry);
      return { policy: p, applied: a };
    case 'greylisting.spfValidatedSenders':
      p.greylisting.exceptions.spfValidatedSenders.push(a.entry);
      return { policy: p, applied: a };
    case 'cloudSenders': {
      const groups = p.cloudSenders ?? [];
      const previous = groups.find((g) => g.provider === a.group.provider);
      p.cloudSenders = previous
        ? groups.map((g) => (g === previous ? a.group : g))
        : [...groups, a.group];
      return { policy: p, applied: { ...a, ...(previous ? { previous } : {}) } };
    }
  }
}

/** The policy without what `a` added; undefined when it is no longer there (edited since). */
export function revertEntry(policy: Policy, a: AppliedEntry): Policy | undefined {
  const p = structuredClone(policy);
  const drop = <T>(list: T[], entry: T): T[] | undefined => {
    const i = list.findIndex((e) => same(e, entry));
    return i < 0 ? undefined : [...list.slice(0, i), ...list.slice(i + 1)];
  };
  switch (a.list) {
    case 'clients.allow': {
      const l = drop(p.clients.allow, a.entry);
      if (!l) return undefined;
      p.clients.allow = l;
      return p;
    }
    case 'senders.allow': {
      const l = drop(p.senders.allow, a.entry);
      if (!l) return undefined;
      p.senders.allow = l;
      return p;
    }
    case 'greylisting.spfValidatedSenders': {
      const l = drop(p.greylisting.exceptions.spfValidatedSenders, a.entry);
      if (!l) return undefined;
      p.greylisting.exceptions.spfValidatedSenders = l;
      return p;
    }
    case 'cloudSenders': {
      const groups = p.cloudSenders ?? [];
      if (!groups.some((g) => same(g, a.group))) return undefined;
      const rest = a.previous
        ? groups.map((g) => (same(g, a.group) ? (a.previous as CloudSender) : g))
        : groups.filter((g) => !same(g, a.group));
      if (rest.length) p.cloudSenders = rest;
      else delete p.cloudSenders;
      return p;
    }
  }
}

/** The entry in words, for the audit log, the version message and the page. */
export function entryWords(a: AppliedEntry): string {
  switch (a.list) {
    case 'clients.allow': {
      const scope = (a.entry.scope ?? 'all') as ReviewScope;
      return `client ${a.entry.value} (${SCOPE_WORDS[scope] ?? a.entry.scope})${a.entry.expires ? ` until ${a.entry.expires}` : ''}`;
    }
    case 'senders.allow':
      return `sender ${a.entry.value} when SPF passes (skip all checks${a.entry.spfRanges?.length ? `; from its ${a.entry.spfRanges.length} SPF range${a.entry.spfRanges.length === 1 ? '' : 's'}` : ''})${a.entry.expires ? ` until ${a.entry.expires}` : ''}`;
    case 'greylisting.spfValidatedSenders':
      return `sender ${a.entry.value} when SPF passes (skip greylisting)${a.entry.expires ? ` until ${a.entry.expires}` : ''}`;
    case 'cloudSenders':
      return cloudSenderWords(a.group);
  }
}
