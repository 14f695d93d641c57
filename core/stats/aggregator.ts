// A log's events, in order, become a StatsBatch: rollup counts (rollup-key.ts), the events kept
// one by one, greylisting operations, and two correlations that need memory across lines —
// an accepted message's client (smtpd `client=`), sender (qmgr `from=`) and recipients
// (deliveries), which make its row and show a greylisted triplet that got through; and the DNS
// lists one client was found in (dnsblog, closed by postscreen's "DNSBL rank"), whose set makes
// the overlap chart. What it remembers is plain data (snapshot/restore), stored with the
// reader's position, so a restart carries on exactly. Runtime: pure.

import type { ParsedLine, VerdictEvent } from '../logs/events';
import { greylistTriplet } from '../logs/summary/greylist-episodes';
import { addRollup, newBatch, type StatsBatch } from './batch';
import { contributions, type VerdictMetric } from './rollup-key';
import { orgDomain } from './org-domain';

export interface AggregatorOptions {
  /** Greylisting networks as the server's postgrey forms them (default /24 and /64). */
  ipv4Prefix?: number;
  ipv6Prefix?: number;
  /** For lines without a time before any line with one. */
  now?: () => number;
}

interface InFlight {
  time: number;
  client: string;
  clientName: string | null;
  helo: string | null;
  sender?: string;
}

interface PendingHits {
  time: number;
  lists: string[];
}

export interface AggregatorState {
  messages: [string, InFlight][];
  hits: [string, PendingHits][];
  lastTime?: number;
}

const VERDICT_METRIC: Partial<Record<VerdictEvent['kind'], VerdictMetric>> = {
  reject: 'reject',
  defer: 'defer',
  reject_warning: 'dry-run',
  discard: 'discard',
  hold: 'hold',
};

/** Greylisting passes that prove a triplet got through (not a dry run, not "other"). */
const PASS_EVIDENCE = new Set([
  'triplet-found',
  'client-whitelist',
  'recipient-whitelist',
  'client-awl',
]);

/** A sample line is kept whole up to this length (a log line is rarely longer). */
const MAX_LINE = 2000;

/** Messages remembered at once; dnsblog hits waiting for their rank line at most this long. */
const MAX_IN_FLIGHT = 50_000;
const HITS_WAIT_MS = 30_000;
/** A message still in flight after this long is left out of snapshots (it is rare and stale). */
const SNAPSHOT_AGE_MS = 6 * 3600_000;

export class StatsAggregator {
  private batch: StatsBatch = newBatch();
  private readonly messages = new Map<string, InFlight>();
  private readonly hits = new Map<string, PendingHits>();
  private lastTime: number | undefined;
  private readonly v4: number;
  private readonly v6: number;
  private readonly now: () => number;

  constructor(options: AggregatorOptions = {}) {
    this.v4 = options.ipv4Prefix ?? 24;
    this.v6 = options.ipv6Prefix ?? 64;
    this.now = options.now ?? Date.now;
  }

  /** The batch so far; a new one starts. */
  take(): StatsBatch {
    this.flushHits(this.lastTime, false);
    const b = this.batch;
    this.batch = newBatch();
    return b;
  }

  snapshot(): AggregatorState {
    const cutoff = (this.lastTime ?? 0) - SNAPSHOT_AGE_MS;
    return {
      messages: [...this.messages].filter(([, m]) => m.time >= cutoff),
      hits: [...this.hits],
      ...(this.lastTime !== undefined ? { lastTime: this.lastTime } : {}),
    };
  }

  restore(s: AggregatorState): void {
    this.messages.clear();
    this.hits.clear();
    for (const [k, v] of s.messages) this.messages.set(k, v);
    for (const [k, v] of s.hits) this.hits.set(k, v);
    this.lastTime = s.lastTime;
  }

  /** `raw`: the line itself, kept with rejections (the review queue shows them). */
  add(e: ParsedLine, raw?: string): void {
    const b = this.batch;
    b.lines++;
    let time = e.time;
    if (time === undefined) time = this.lastTime ?? this.now();
    else {
      this.lastTime = time;
      b.lastTime = time;
    }
    if (e.kind === 'unknown') {
      if (e.why !== 'empty') b.unknown++;
      return;
    }
    for (const c of contributions(e)) addRollup(b, time, c.metric, c.reason, c.rule);
    switch (e.kind) {
      case 'reject':
      case 'defer':
      case 'reject_warning':
      case 'discard':
      case 'hold':
        this.verdict(e, time, raw);
        return;
      case 'postscreen.pregreet':
      case 'postscreen.protocol':
      case 'postscreen.denylisted':
        this.finding(e.kind, e.clientAddress, time, raw);
        return;
      case 'message.accepted':
        this.accepted(e.queueId, time, e.clientAddress, e.clientName, e.helo, e.sender);
        return;
      case 'message.queued': {
        const m = this.messages.get(e.queueId);
        if (m && m.sender === undefined) {
          m.sender = e.sender;
          this.acceptedRow(m);
        }
        return;
      }
      case 'delivery':
        this.delivered(e.queueId, e.recipient, time);
        if (e.origRecipient !== undefined) this.delivered(e.queueId, e.origRecipient, time);
        return;
      case 'message.removed':
        this.messages.delete(e.queueId);
        return;
      case 'greylist':
        if (e.clientAddress !== undefined && e.recipient !== undefined)
          this.defer('policy', e.clientAddress, e.clientName, e.sender ?? '', e.recipient, time);
        return;
      case 'greylist.pass':
        if (
          PASS_EVIDENCE.has(e.passClass) &&
          e.clientAddress !== undefined &&
          e.recipient !== undefined
        )
          this.pass(e.clientAddress, e.sender ?? '', e.recipient, time, e.delaySeconds);
        return;
      case 'dnsbl.hit':
        if (e.clientAddress !== undefined) this.hit(e.clientAddress, e.list.toLowerCase(), time);
        return;
      case 'postscreen.dnsbl_rank':
        if (e.clientAddress !== undefined) this.closeHits(e.clientAddress);
        return;
      default:
        return;
    }
  }

  private verdict(e: VerdictEvent, time: number, raw: string | undefined): void {
    if (e.afterFinding) return;
    if (e.ruleId === 'greylist' && (e.kind === 'reject' || e.kind === 'defer')) {
      // Greylisted attempts live in the episodes table (passed later or never), not as rows.
      if (e.clientAddress !== undefined && e.recipient !== undefined)
        this.defer('smtpd', e.clientAddress, e.clientName, e.sender ?? '', e.recipient, time);
      return;
    }
    const metric = VERDICT_METRIC[e.kind];
    if (metric === undefined) return;
    this.batch.events.push({
      time,
      metric,
      reason: e.reasonClass,
      rule: e.ruleId ?? '',
      client: e.clientAddress ?? null,
      clientName: e.clientName ?? null,
      helo: e.helo ?? null,
      sender: e.sender ?? null,
      senderDomain: e.sender ? orgDomain(e.sender) : null,
      recipient: e.recipient ?? null,
      line: raw?.slice(0, MAX_LINE) ?? null,
    });
  }

  private finding(
    kind: ParsedLine['kind'],
    client: string | undefined,
    time: number,
    raw: string | undefined,
  ): void {
    const [reason, rule] =
      kind === 'postscreen.pregreet'
        ? ['protocol-error', 'postscreen.pregreet']
        : kind === 'postscreen.protocol'
          ? ['protocol-error', 'postscreen.protocol']
          : ['client.access', 'client.deny'];
    this.batch.events.push({
      time,
      metric: 'reject',
      reason,
      rule,
      client: client ?? null,
      clientName: null,
      helo: null,
      sender: null,
      senderDomain: null,
      recipient: null,
      line: raw?.slice(0, MAX_LINE) ?? null,
    });
  }

  private accepted(
    queueId: string,
    time: number,
    client: string | undefined,
    clientName: string | undefined,
    helo: string | undefined,
    sender: string | undefined,
  ): void {
    if (client === undefined) return;
    const m: InFlight = { time, client, clientName: clientName ?? null, helo: helo ?? null };
    this.messages.set(queueId, m);
    if (this.messages.size > MAX_IN_FLIGHT) {
      const oldest = this.messages.keys().next().value;
      if (oldest !== undefined) this.messages.delete(oldest);
    }
    // Exim names the sender on the arrival line; Postfix's qmgr says it later.
    if (sender !== undefined) {
      m.sender = sender;
      this.acceptedRow(m);
    }
  }

  private acceptedRow(m: InFlight): void {
    const sender = m.sender ?? '';
    this.batch.events.push({
      time: m.time,
      metric: 'accepted',
      reason: '',
      rule: '',
      client: m.client,
      clientName: m.clientName,
      helo: m.helo,
      sender,
      senderDomain: sender ? orgDomain(sender) : null,
      recipient: null,
    });
  }

  private delivered(queueId: string, recipient: string, time: number): void {
    const m = this.messages.get(queueId);
    if (m?.sender === undefined) return;
    this.pass(m.client, m.sender, recipient, time, undefined);
  }

  private defer(
    by: 'policy' | 'smtpd',
    client: string,
    clientName: string | undefined,
    sender: string,
    recipient: string,
    time: number,
  ): void {
    const triplet = greylistTriplet(client, sender, recipient, this.v4, this.v6);
    if (triplet === undefined) return;
    this.batch.greylist.push({
      op: 'defer',
      by,
      triplet,
      time,
      client,
      clientName: clientName ?? null,
      sender,
      senderDomain: sender ? orgDomain(sender) : null,
      recipient,
    });
  }

  private pass(
    client: string,
    sender: string,
    recipient: string,
    time: number,
    delaySeconds: number | undefined,
  ): void {
    const triplet = greylistTriplet(client, sender, recipient, this.v4, this.v6);
    if (triplet === undefined) return;
    this.batch.greylist.push(
      delaySeconds === undefined
        ? { op: 'pass', triplet, time }
        : { op: 'pass', triplet, time, delaySeconds },
    );
  }

  private hit(client: string, list: string, time: number): void {
    let p = this.hits.get(client);
    if (!p) {
      this.flushHits(time, false);
      p = { time, lists: [] };
      this.hits.set(client, p);
    }
    if (!p.lists.includes(list)) p.lists.push(list);
  }

  private closeHits(client: string): void {
    const p = this.hits.get(client);
    if (!p) return;
    this.hits.delete(client);
    addRollup(this.batch, p.time, 'dnsbl.set', '', [...p.lists].sort().join(' '));
  }

  /** Hits whose rank line never came (smtpd-only lists, a lost line) close after a while. */
  private flushHits(now: number | undefined, all: boolean): void {
    if (this.hits.size === 0) return;
    for (const [client, p] of this.hits)
      if (all || now === undefined || now - p.time > HITS_WAIT_MS) this.closeHits(client);
  }
}
