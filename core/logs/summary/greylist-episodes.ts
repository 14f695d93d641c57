// Greylisting seen across a file: which deferred attempts were followed by a pass of the same
// triplet (the sender came back: delayed mail) and which never were (nobody retried: the spam
// greylisting exists to stop). A triplet is postgrey's: the client's network, the normalised
// sender, the recipient. Evidence of a pass is a policy service's `action=pass` for the triplet,
// or a message accepted from that network with that sender and recipient (joined by queue id,
// for a log with smtpd's lines only). A deferral logged twice — by postgrey and by smtpd's
// "Greylisted" reject — is one attempt: each source counts its own, the larger count wins.
// Memory grows with the open triplets and the messages in flight, never with the lines.
// Runtime: pure.

import { normalizeSender, POSTGREY_NORMALIZATION } from '../../greylist/normalize-sender';
import { clientNetwork, parseIp } from '../../net/ip';

export interface EpisodeOptions {
  /** Greylisting by network, as postgrey's default (--lookup-by-subnet): /24 and /64. */
  ipv4Prefix?: number;
  ipv6Prefix?: number;
}

/**
 * postgrey's triplet of an attempt: the client's network (/24 and /64 by default, the address
 * itself with --lookup-by-host), the normalised sender, the recipient; undefined for a client
 * address that is not one.
 */
export function greylistTriplet(
  clientAddress: string,
  sender: string,
  recipient: string,
  ipv4Prefix = 24,
  ipv6Prefix = 64,
): string | undefined {
  const ip = parseIp(clientAddress);
  if (!ip) return undefined;
  const net = clientNetwork(ip, ipv4Prefix, ipv6Prefix);
  return `${net}/${normalizeSender(sender, POSTGREY_NORMALIZATION)}/${recipient.toLowerCase()}`;
}

interface Episode {
  policy: number;
  smtpd: number;
}

interface InFlight {
  client?: string;
  sender?: string;
}

/** Messages whose queue ids are remembered at once (the oldest are forgotten first). */
const MAX_IN_FLIGHT = 100_000;

export class GreylistEpisodes {
  private readonly open = new Map<string, Episode>();
  private readonly messages = new Map<string, InFlight>();
  private readonly v4: number;
  private readonly v6: number;
  /** Deferred attempts of triplets that later passed. */
  passedAttempts = 0;
  passedTriplets = 0;
  delays: number[] = [];

  constructor(o: EpisodeOptions = {}) {
    this.v4 = o.ipv4Prefix ?? 24;
    this.v6 = o.ipv6Prefix ?? 64;
  }

  key(clientAddress: string, sender: string, recipient: string): string | undefined {
    return greylistTriplet(clientAddress, sender, recipient, this.v4, this.v6);
  }

  deferred(source: 'policy' | 'smtpd', client: string, sender: string, recipient: string): void {
    const k = this.key(client, sender, recipient);
    if (k === undefined) return;
    let e = this.open.get(k);
    if (!e) {
      e = { policy: 0, smtpd: 0 };
      this.open.set(k, e);
    }
    e[source]++;
  }

  passed(client: string, sender: string, recipient: string, delaySeconds?: number): void {
    if (this.open.size === 0) return;
    const k = this.key(client, sender, recipient);
    const e = k === undefined ? undefined : this.open.get(k);
    if (!e || k === undefined) return;
    this.passedAttempts += Math.max(e.policy, e.smtpd);
    this.passedTriplets++;
    if (delaySeconds !== undefined) this.delays.push(delaySeconds);
    this.open.delete(k);
  }

  /** smtpd's `client=` line of an accepted message. */
  messageClient(queueId: string, client: string): void {
    this.remember(queueId).client = client;
  }

  /** qmgr's `from=<s>` (or Exim's arrival, which says both). */
  messageSender(queueId: string, sender: string): void {
    this.remember(queueId).sender = sender;
  }

  /** A delivery of the message: its recipient completes a triplet that got through. */
  messageRecipient(queueId: string, recipient: string): void {
    if (this.open.size === 0) return;
    const m = this.messages.get(queueId);
    if (m?.client !== undefined && m.sender !== undefined)
      this.passed(m.client, m.sender, recipient);
  }

  messageGone(queueId: string): void {
    this.messages.delete(queueId);
  }

  private remember(queueId: string): InFlight {
    let m = this.messages.get(queueId);
    if (!m) {
      m = {};
      this.messages.set(queueId, m);
      if (this.messages.size > MAX_IN_FLIGHT) {
        const oldest = this.messages.keys().next().value;
        if (oldest !== undefined) this.messages.delete(oldest);
      }
    }
    return m;
  }

  /** The attempts and triplets still waiting for a pass at the end of the file. */
  neverPassed(): { attempts: number; triplets: number } {
    let attempts = 0;
    for (const e of this.open.values()) attempts += Math.max(e.policy, e.smtpd);
    return { attempts, triplets: this.open.size };
  }
}
