// Which of an item's pairs a whitelist really covers — those become confirmed false positives.
// A domain group can hold a forger (someone else's address using the domain, SPF failing): a
// whitelist of the domain "when SPF passes" does not let it in, so its rejections stay what they
// were. Runtime: pure (ipaddr.js).

import ipaddr from 'ipaddr.js';
import type { ReviewPair, WhitelistPrecision } from '../app/types/review';
import type { EvidenceReport } from '../app/types/stats';

const under = (name: string, suffix: string) => {
  const n = name.toLowerCase().replace(/\.$/, '');
  const s = suffix.toLowerCase();
  return n === s || n.endsWith(`.${s}`);
};

function inNetwork(address: string, cidr: string): boolean {
  try {
    const ip = ipaddr.process(address);
    const [net, prefix] = ipaddr.parseCIDR(cidr);
    return ip.kind() === net.kind() && ip.match(net, prefix);
  } catch {
    return false;
  }
}

export function coveredPairs(
  precision: WhitelistPrecision,
  value: string,
  pairs: readonly ReviewPair[],
  evidence: (p: ReviewPair) => EvidenceReport | undefined,
): ReviewPair[] {
  return pairs.filter((p) => {
    switch (precision) {
      case 'address':
        return p.client === value;
      case 'network':
        return inNetwork(p.client, value);
      case 'hostname': {
        const e = evidence(p);
        return e?.fcrdns.status === 'confirmed' && !!e.fcrdns.name && under(e.fcrdns.name, value);
      }
      case 'sender-domain': {
        const e = evidence(p);
        return !!p.senderDomain && under(p.senderDomain, value) && e?.spf?.result === 'pass';
      }
      case 'provider':
        return true;
    }
  });
}
