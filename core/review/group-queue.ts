// Groups refused client/sender-domain pairs into review items — by known provider (its published
// ranges hold the client), else by the sender's organisational domain, else by the client's
// network — and orders them by how likely they were wanted: the best evidence among their pairs,
// then how often they were refused, then how recently. Runtime: pure.

import type { EvidenceReport } from '../app/types/stats';
import type {
  ReviewDecisionInfo,
  ReviewEvidenceSummary,
  ReviewGroupKind,
  ReviewItem,
} from '../app/types/review';
import { clientNetwork, parseIp } from '../net/ip';
import type { PairRow } from '../store/review-repo';

export interface GroupInputs {
  pairs: readonly PairRow[];
  rules: readonly { client: string; senderDomain: string; rule: string; count: number }[];
  evidence: (client: string, senderDomain: string) => EvidenceReport | undefined;
  providerOf: (client: string) => { id: string; name: string } | undefined;
  source: (id: number) => { id: number | null; name: string };
  ruleLabel: (rule: string) => string;
  decision: (key: string) => ReviewDecisionInfo | undefined;
}

const pairKey = (client: string, senderDomain: string) => `${client}\u0001${senderDomain}`;

/** The network a client is grouped and whitelisted by: /24 for IPv4, /64 for IPv6. */
export function networkOf(client: string): string {
  const ip = parseIp(client);
  return ip ? clientNetwork(ip, 24, 64) : client;
}

export function itemKeyOf(
  pair: { client: string; senderDomain: string },
  provider: { id: string } | undefined,
): { key: string; kind: ReviewGroupKind } {
  if (provider) return { key: `provider:${provider.id}`, kind: 'provider' };
  if (pair.senderDomain) return { key: `domain:${pair.senderDomain}`, kind: 'domain' };
  return { key: `network:${networkOf(pair.client)}`, kind: 'network' };
}

function summary(e: EvidenceReport | undefined): ReviewEvidenceSummary {
  if (!e) return { laterAccepted: 0 };
  return {
    ...(e.fcrdns.status === 'confirmed' && e.fcrdns.name ? { fcrdns: e.fcrdns.name } : {}),
    ...(e.spf?.result === 'pass' ? { spfPass: e.spf.domain } : {}),
    ...(e.largeSender ? { provider: e.largeSender } : {}),
    ...(e.pool.addresses >= 2 ? { pool: e.pool } : {}),
    laterAccepted: e.laterAccepted.messages,
  };
}

export function groupQueue(inp: GroupInputs): ReviewItem[] {
  const rulesOf = new Map<string, { rule: string; count: number }[]>();
  for (const r of inp.rules) {
    const k = pairKey(r.client, r.senderDomain);
    let list = rulesOf.get(k);
    if (!list) rulesOf.set(k, (list = []));
    list.push({ rule: r.rule, count: r.count });
  }

  interface Acc {
    item: ReviewItem;
    clients: Map<string, { address: string; name: string | null; count: number }>;
    senders: Set<string>;
    servers: Map<string, { id: number | null; name: string }>;
    rules: Map<string, number>;
    best?: EvidenceReport;
  }
  const groups = new Map<string, Acc>();
  for (const p of inp.pairs) {
    const provider = inp.providerOf(p.client);
    const { key, kind } = itemKeyOf(p, provider);
    let g = groups.get(key);
    if (!g) {
      const decision = inp.decision(key);
      g = {
        item: {
          key,
          kind,
          label:
            kind === 'provider'
              ? (provider?.name ?? key)
              : kind === 'domain'
                ? p.senderDomain
                : networkOf(p.client),
          ...(provider ? { provider } : {}),
          ...(kind === 'domain' ? { senderDomain: p.senderDomain } : {}),
          network: networkOf(p.client),
          clients: [],
          senders: [],
          pairs: [],
          count: 0,
          firstSeen: p.first,
          lastSeen: p.last,
          servers: [],
          rules: [],
          score: 0,
          likely: false,
          reasons: [],
          evidence: { laterAccepted: 0 },
          pending: 0,
          ...(decision ? { decision } : {}),
          precisions: [],
        },
        clients: new Map(),
        senders: new Set(),
        servers: new Map(),
        rules: new Map(),
      };
      groups.set(key, g);
    }
    const it = g.item;
    it.pairs.push({ client: p.client, senderDomain: p.senderDomain });
    it.count += p.count;
    it.firstSeen = Math.min(it.firstSeen, p.first);
    it.lastSeen = Math.max(it.lastSeen, p.last);
    const c = g.clients.get(p.client) ?? { address: p.client, name: p.name, count: 0 };
    c.count += p.count;
    c.name ??= p.name;
    g.clients.set(p.client, c);
    for (const s of p.senders) g.senders.add(s);
    for (const id of p.sourceIds) {
      const s = inp.source(id);
      g.servers.set(s.name, s);
    }
    for (const r of rulesOf.get(pairKey(p.client, p.senderDomain)) ?? [])
      g.rules.set(r.rule, (g.rules.get(r.rule) ?? 0) + r.count);
    const e = inp.evidence(p.client, p.senderDomain);
    if (!e) it.pending++;
    else if (!g.best || e.score > g.best.score) g.best = e;
  }

  const items = [...groups.values()].map((g) => {
    const it = g.item;
    it.clients = [...g.clients.values()].sort((a, b) => b.count - a.count).slice(0, 20);
    // The network a whitelist by network would cover: the most refused client's.
    it.network = networkOf(it.clients[0]?.address ?? it.pairs[0]?.client ?? '');
    it.senders = [...g.senders].slice(0, 10);
    it.servers = [...g.servers.values()].sort((a, b) => a.name.localeCompare(b.name));
    it.rules = [...g.rules.entries()]
      .map(([rule, count]) => ({ rule, label: inp.ruleLabel(rule), count }))
      .sort((a, b) => b.count - a.count);
    if (g.best) {
      it.score = g.best.score;
      it.likely = g.best.likely;
      it.reasons = g.best.reasons;
      it.evidence = summary(g.best);
    }
    return it;
  });
  return items.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.likely) - Number(a.likely) ||
      b.count - a.count ||
      b.lastSeen - a.lastSeen ||
      a.key.localeCompare(b.key),
  );
}
