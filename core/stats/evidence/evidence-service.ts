// False-positive evidence, gathered lazily and cached: for a rejected client and sender domain,
// forward-confirmed reverse DNS and SPF for the envelope domain (the engine's fact gathering,
// through the app's DnsClient), the large-sender catalog hook, a sending pool (several
// addresses of one organisation used by the sender domain) and mail from the client accepted
// later. The dashboard asks for the pairs of its range that have none yet; they are computed a
// few at a time in the background and each result is announced, so charts fill in as it goes.
// Runtime: Node.

import type { EvidenceReport } from '../../app/types/stats';
import { gatherFacts } from '../../engine/facts';
import type { DnsClient } from '../../net/dns-client';
import { parseIp } from '../../net/ip';
import type { EvidenceRepo, MarkRow } from '../../store/evidence-repo';
import { orgDomain } from '../org-domain';
import { scoreEvidence, type EvidenceFacts } from './score';
import type { SenderCatalogLookup } from './sender-catalog';

export interface EvidenceServiceDeps {
  repo: EvidenceRepo;
  dns: () => DnsClient;
  catalog: SenderCatalogLookup;
  now: () => number;
  /** A batch of new evidence was stored. */
  onStored: () => void;
  /** Each report as it is gathered (the review queue's alerts look at them). */
  onReport?: (report: EvidenceReport) => void;
  log?: (message: string, e?: unknown) => void;
}

export interface EvidenceSubject {
  client: string;
  senderDomain: string;
  sender?: string | null;
  helo?: string | null;
}

/** Evidence older than this is gathered again when asked for (DNS and behaviour change). */
const MAX_AGE_MS = 7 * 24 * 3600_000;
const CONCURRENCY = 4;

function markOf(m: MarkRow | undefined): EvidenceReport['mark'] {
  return m && { wanted: m.wanted, note: m.note, actor: m.actor, at: m.markedAt };
}

export class EvidenceService {
  private readonly queue = new Map<string, EvidenceSubject>();
  private readonly running = new Set<string>();
  private readonly inFlight = new Map<string, Promise<EvidenceReport>>();

  constructor(private readonly deps: EvidenceServiceDeps) {}

  /** The cached report, or a fresh one (DNS, store). */
  async report(subject: EvidenceSubject, refresh = false): Promise<EvidenceReport> {
    const cached = this.deps.repo.get(subject.client, subject.senderDomain);
    if (cached && !refresh && this.deps.now() - cached.computedAt < MAX_AGE_MS) {
      const r = cached.evidence as EvidenceReport;
      return {
        ...r,
        ...(() => {
          const mark = markOf(this.deps.repo.markFor(subject.client, subject.senderDomain));
          return mark ? { mark } : {};
        })(),
      };
    }
    return this.compute(subject);
  }

  private compute(subject: EvidenceSubject): Promise<EvidenceReport> {
    const key = `${subject.client}\u0001${subject.senderDomain}`;
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.gather(subject).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  private async gather(subject: EvidenceSubject): Promise<EvidenceReport> {
    const { repo, now } = this.deps;
    const ip = parseIp(subject.client);
    let fcrdns: EvidenceFacts['fcrdns'] = { status: 'unknown' };
    let spf: EvidenceFacts['spf'];
    if (ip) {
      const sender = subject.sender ?? undefined;
      const facts = await gatherFacts(
        ip,
        {
          ...(sender !== undefined ? { sender } : {}),
          ...(subject.helo ? { helo: subject.helo } : {}),
        },
        [],
        this.deps.dns(),
      );
      fcrdns =
        facts.rdns.status === 'found'
          ? facts.rdns.verifiedName
            ? { status: 'confirmed', name: facts.rdns.verifiedName }
            : {
                status: 'unconfirmed',
                ...(facts.rdns.names[0] ? { name: facts.rdns.names[0] } : {}),
              }
          : facts.rdns.status === 'none'
            ? { status: 'none' }
            : { status: 'unknown' };
      if (facts.spf && facts.spf.domain)
        spf = { result: facts.spf.result, domain: facts.spf.domain };
    }
    const largeSender = await this.deps.catalog.ownerOf(subject.client).catch(() => undefined);
    const pool = this.pool(subject.senderDomain, fcrdns.name);
    const first = repo.firstRefusal(subject.client);
    const laterAccepted =
      first === undefined ? { messages: 0 } : repo.acceptedAfter(subject.client, first);
    const facts: EvidenceFacts = {
      fcrdns,
      ...(spf ? { spf } : {}),
      ...(largeSender ? { largeSender } : {}),
      pool,
      laterAccepted,
    };
    const { score, likely, reasons } = scoreEvidence(facts);
    const report: EvidenceReport = {
      client: subject.client,
      senderDomain: subject.senderDomain,
      ...(subject.sender ? { sender: subject.sender } : {}),
      computedAt: now(),
      ...facts,
      score,
      likely,
      reasons,
    };
    repo.put({
      client: subject.client,
      senderDomain: subject.senderDomain,
      computedAt: report.computedAt,
      score,
      likely,
      evidence: report,
    });
    const mark = markOf(repo.markFor(subject.client, subject.senderDomain));
    const out = mark ? { ...report, mark } : report;
    this.deps.onReport?.(out);
    return out;
  }

  /**
   * A sending pool: the sender domain came from several addresses whose verified names share one
   * organisation (this client's, when it has a name).
   */
  private pool(senderDomain: string, clientName: string | undefined): EvidenceFacts['pool'] {
    if (!senderDomain) return { addresses: 0 };
    const byOrg = new Map<string, Set<string>>();
    for (const a of this.deps.repo.addressesOf(senderDomain)) {
      if (!a.name || a.name === 'unknown') continue;
      const org = orgDomain(a.name);
      if (!org) continue;
      let set = byOrg.get(org);
      if (!set) byOrg.set(org, (set = new Set()));
      set.add(a.client);
    }
    const own = clientName ? orgDomain(clientName) : null;
    const pick =
      own && byOrg.has(own)
        ? own
        : [...byOrg.entries()].sort((a, b) => b[1].size - a[1].size)[0]?.[0];
    if (!pick) return { addresses: 0 };
    return { addresses: byOrg.get(pick)?.size ?? 0, organisation: pick };
  }

  /** Queues subjects without evidence; they are gathered CONCURRENCY at a time. */
  enqueue(subjects: EvidenceSubject[]): void {
    for (const s of subjects) {
      const key = `${s.client}\u0001${s.senderDomain}`;
      if (!this.running.has(key) && !this.queue.has(key)) this.queue.set(key, s);
    }
    while (this.running.size < CONCURRENCY && this.queue.size > 0) this.next();
  }

  get pending(): number {
    return this.queue.size + this.running.size;
  }

  private next(): void {
    const entry = this.queue.entries().next().value;
    if (!entry) return;
    const [key, subject] = entry;
    this.queue.delete(key);
    this.running.add(key);
    void this.compute(subject)
      .catch((e: unknown) => this.deps.log?.(`evidence for ${subject.client} failed`, e))
      .finally(() => {
        this.running.delete(key);
        this.deps.onStored();
        if (this.queue.size > 0) this.next();
      });
  }

  clear(): void {
    this.queue.clear();
  }
}
