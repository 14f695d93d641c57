// The review queue over the statistics: refused pairs of a range with their evidence (cached, or
// gathered now for the most refused pairs that have none, the rest in the background), known
// providers, decisions in force — grouped and ordered (group-queue.ts) — and per item its sample
// lines and the precisions a whitelist can take. Runtime: Node.

import type {
  ReviewItem,
  ReviewItemDetail,
  ReviewQueue,
  WhitelistPrecision,
} from '../app/types/review';
import type { EvidenceReport } from '../app/types/stats';
import { rowLabel } from '../logs/summary/summary';
import type { SenderMatch } from '../app/types/senders';
import type { StatsHost } from '../app/stats-host';
import { orgDomain } from '../stats/org-domain';
import type { ReviewRepo } from '../store/review-repo';
import { groupQueue } from './group-queue';
import { decisionInfo } from './decisions';

export interface ReviewQueueDeps {
  repo: ReviewRepo;
  stats: StatsHost;
  lookup: (address: string) => Promise<SenderMatch | null>;
}

/** Pairs whose missing evidence a queue request gathers before answering (most refused first). */
const GATHER_NOW = 40;
const CONCURRENCY = 4;

async function eachLimited<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) await fn(items[i++] as T);
    }),
  );
}

export class ReviewQueueService {
  constructor(private readonly deps: ReviewQueueDeps) {}

  async items(from: number, to: number): Promise<{ items: ReviewItem[]; pending: number }> {
    const { repo, stats } = this.deps;
    const pairs = repo.pairs(from, to);
    const evidence = new Map<string, EvidenceReport>();
    const k = (c: string, d: string) => `${c}\u0001${d}`;
    const missing: typeof pairs = [];
    for (const p of pairs) {
      const cached = stats.evidenceRepo.get(p.client, p.senderDomain);
      if (cached) evidence.set(k(p.client, p.senderDomain), cached.evidence as EvidenceReport);
      else missing.push(p);
    }
    const subject = (p: (typeof pairs)[number]) => ({
      client: p.client,
      senderDomain: p.senderDomain,
      ...(p.senders[0] ? { sender: p.senders[0] } : {}),
    });
    await eachLimited(missing.slice(0, GATHER_NOW), CONCURRENCY, async (p) => {
      const r = await stats.evidence.report(subject(p)).catch(() => undefined);
      if (r) evidence.set(k(p.client, p.senderDomain), r);
    });
    const rest = missing.slice(GATHER_NOW);
    if (rest.length && stats.background) stats.evidence.enqueue(rest.map(subject));

    const providers = new Map<string, { id: string; name: string } | undefined>();
    await eachLimited([...new Set(pairs.map((p) => p.client))], CONCURRENCY, async (c) => {
      const m = await this.deps.lookup(c).catch(() => null);
      providers.set(c, m && m.match === 'range' ? { id: m.provider, name: m.name } : undefined);
    });
    const sources = new Map(stats.sources.all().map((s) => [s.id, s]));
    const decisions = repo.activeDecisions();
    const items = groupQueue({
      pairs,
      rules: repo.rules(from, to),
      evidence: (c, d) => evidence.get(k(c, d)),
      providerOf: (c) => providers.get(c),
      source: (id) => {
        const s = sources.get(id);
        return { id: s?.serverId ?? null, name: s?.name ?? `source ${id}` };
      },
      ruleLabel: rowLabel,
      decision: (key) => {
        const d = decisions.get(key);
        return d && decisionInfo(d);
      },
    });
    for (const i of items) i.precisions = precisionsOf(i);
    return { items, pending: pairs.length - evidence.size };
  }

  async queue(
    from: number,
    to: number,
    status: 'open' | 'decided' | 'all',
    limit: number,
  ): Promise<ReviewQueue> {
    const { items, pending } = await this.items(from, to);
    const chosen = items.filter((i) =>
      status === 'all' ? true : status === 'open' ? !i.decision : Boolean(i.decision),
    );
    return {
      items: chosen.slice(0, limit),
      total: items.length,
      decided: items.filter((i) => i.decision).length,
      pending,
    };
  }

  /** One item with its newest lines and the whitelist precisions it allows. */
  async detail(
    key: string,
    from: number,
    to: number,
  ): Promise<Omit<ReviewItemDetail, 'check' | 'checkError'> | undefined> {
    const { items } = await this.items(from, to);
    const item = items.find((i) => i.key === key);
    if (!item) return undefined;
    const names = new Map(this.deps.stats.sources.all().map((s) => [s.id, s.name]));
    const samples = this.deps.repo.samples(item.pairs, from, to).map((s) => ({
      time: s.time,
      server: names.get(s.sourceId) ?? `source ${s.sourceId}`,
      rule: s.rule,
      client: s.client,
      sender: s.sender,
      recipient: s.recipient,
      line: s.line,
    }));
    return { item, samples, precisions: item.precisions };
  }
}

export const PRECISION_WORDS: Record<WhitelistPrecision, string> = {
  address: 'this address',
  network: 'its network',
  hostname: 'host names ending with',
  'sender-domain': 'the sender domain, only when SPF passes',
  provider: 'the whole provider',
};

/** The precisions an item allows, narrowest first, each with the entry it would add. */
export function precisionsOf(item: ReviewItem): ReviewItemDetail['precisions'] {
  const out: ReviewItemDetail['precisions'] = [];
  const top = item.clients[0];
  if (top)
    out.push({ precision: 'address', value: top.address, words: `The address ${top.address}` });
  out.push({ precision: 'network', value: item.network, words: `The network ${item.network}` });
  const host = item.evidence.fcrdns;
  const suffix = host ? orgDomain(host) : null;
  if (suffix)
    out.push({
      precision: 'hostname',
      value: suffix,
      words: `Clients whose verified host name ends with ${suffix} (e.g. ${host})`,
    });
  const domain = item.senderDomain ?? item.evidence.spfPass;
  if (domain && item.evidence.spfPass)
    out.push({
      precision: 'sender-domain',
      value: domain,
      words: `Mail from ${domain}, only when SPF passes`,
    });
  if (item.provider)
    out.push({
      precision: 'provider',
      value: item.provider.id,
      words: `The whole provider ${item.provider.name} (its published ranges)`,
    });
  return out;
}
