// providerOf(address | host name): which large sender owns a client, from the latest expansion
// of every provider. Addresses go through a binary trie per family (longest prefix wins, so a
// provider's /24 inside another's /16 is found as its own); host names by label-wise suffix
// (longest suffix wins). Built once per set of expansions, each lookup walks at most 32 or 128
// bits. Runtime: pure (ipaddr.js).

import ipaddr from 'ipaddr.js';

export interface IndexedProvider {
  id: string;
  name: string;
  origin: 'live' | 'snapshot';
  /** When the ranges were read: the expansion's time, or the snapshot's date. */
  asOf: string;
  ranges: { v4: readonly string[]; v6: readonly string[] };
  hostnames: readonly string[];
}

export type ProviderMatch =
  | {
      provider: string;
      name: string;
      match: 'range';
      range: string;
      origin: 'live' | 'snapshot';
      asOf: string;
    }
  | {
      provider: string;
      name: string;
      /** Only meaningful for a verified (forward-confirmed) host name. */
      match: 'hostname';
      suffix: string;
      origin: 'live' | 'snapshot';
      asOf: string;
    };

interface TrieNode {
  zero?: TrieNode;
  one?: TrieNode;
  hit?: { provider: IndexedProvider; range: string };
}

function bitsOf(address: ipaddr.IPv4 | ipaddr.IPv6): number[] {
  return address.toByteArray();
}

function insert(root: TrieNode, cidr: string, provider: IndexedProvider): void {
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  const bytes = bitsOf(address);
  let node = root;
  for (let i = 0; i < prefix; i++) {
    const bit = ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1;
    const key = bit ? 'one' : 'zero';
    node = node[key] ??= {};
  }
  // Two providers publishing the same network: the first listed keeps it (catalog order).
  node.hit ??= { provider, range: cidr };
}

function longestMatch(root: TrieNode, bytes: number[]): TrieNode['hit'] {
  let node: TrieNode | undefined = root;
  let best = root.hit;
  for (let i = 0; node && i < bytes.length * 8; i++) {
    const bit = ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1;
    node = bit ? node.one : node.zero;
    if (node?.hit) best = node.hit;
  }
  return best;
}

export interface ProviderIndex {
  providerOf(target: string): ProviderMatch | undefined;
  readonly size: { ranges: number; hostnames: number };
}

export function buildProviderIndex(providers: readonly IndexedProvider[]): ProviderIndex {
  const v4: TrieNode = {};
  const v6: TrieNode = {};
  const suffixes = new Map<string, IndexedProvider>();
  let ranges = 0;
  for (const p of providers) {
    for (const c of p.ranges.v4) insert(v4, c, p);
    for (const c of p.ranges.v6) insert(v6, c, p);
    ranges += p.ranges.v4.length + p.ranges.v6.length;
    for (const h of p.hostnames) {
      const key = h.toLowerCase().replace(/\.$/, '');
      if (!suffixes.has(key)) suffixes.set(key, p);
    }
  }
  const base = (p: IndexedProvider) => ({
    provider: p.id,
    name: p.name,
    origin: p.origin,
    asOf: p.asOf,
  });
  return {
    size: { ranges, hostnames: suffixes.size },
    providerOf(target) {
      const t = target
        .trim()
        .replace(/^\[|\]$/g, '')
        .toLowerCase();
      if (ipaddr.isValid(t)) {
        const ip = ipaddr.process(t); // IPv4-mapped IPv6 is the IPv4 address
        const hit = longestMatch(ip.kind() === 'ipv4' ? v4 : v6, bitsOf(ip));
        return hit ? { ...base(hit.provider), match: 'range', range: hit.range } : undefined;
      }
      const labels = t.replace(/\.$/, '').split('.');
      for (let i = 0; i < labels.length - 1; i++) {
        const suffix = labels.slice(i).join('.');
        const p = suffixes.get(suffix);
        if (p) return { ...base(p), match: 'hostname', suffix };
      }
      return undefined;
    },
  };
}
