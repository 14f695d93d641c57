// IP addresses as mail filtering needs them: normalised (IPv4-mapped IPv6 is IPv4), reverse
// names for PTR lookups, DNSBL query names, and the network a client belongs to.
// Runtime: pure (ipaddr.js).

import ipaddr from 'ipaddr.js';

export interface ParsedIp {
  version: 4 | 6;
  /** Canonical text: dotted quad, or RFC 5952 IPv6. */
  address: string;
}

export function parseIp(text: string): ParsedIp | undefined {
  const t = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/^ipv6:/i, '');
  if (!ipaddr.isValid(t)) return undefined;
  if (ipaddr.IPv4.isValid(t) && !ipaddr.IPv4.isValidFourPartDecimal(t)) return undefined; // no "1.2" or octal forms
  const a = ipaddr.process(t);
  return a.kind() === 'ipv4'
    ? { version: 4, address: a.toString() }
    : { version: 6, address: (a as ipaddr.IPv6).toRFC5952String() };
}

/** The labels of an address in reverse order: octets for IPv4, nibbles for IPv6. */
function reversedLabels(ip: ParsedIp): string[] {
  if (ip.version === 4) return ip.address.split('.').reverse();
  const bytes = ipaddr.IPv6.parse(ip.address).toByteArray();
  const nibbles = bytes.flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]);
  return nibbles.reverse();
}

/** 4.3.2.1.in-addr.arpa / b.a.9.8…ip6.arpa */
export function reverseName(ip: ParsedIp): string {
  return `${reversedLabels(ip).join('.')}.${ip.version === 4 ? 'in-addr.arpa' : 'ip6.arpa'}`;
}

/** 4.3.2.1.zen.spamhaus.org — DNSBLs use the same reversed labels under their zone. */
export function dnsblQueryName(ip: ParsedIp, zone: string): string {
  return `${reversedLabels(ip).join('.')}.${zone.replace(/\.$/, '')}`;
}

/** The client's network for greylisting: /24 and /64 by default, or the address itself. */
export function clientNetwork(ip: ParsedIp, ipv4Prefix: number, ipv6Prefix: number): string {
  const prefix = ip.version === 4 ? ipv4Prefix : ipv6Prefix;
  const max = ip.version === 4 ? 32 : 128;
  if (prefix >= max) return ip.address;
  const net = (ip.version === 4 ? ipaddr.IPv4 : ipaddr.IPv6).networkAddressFromCIDR(
    `${ip.address}/${prefix}`,
  );
  return `${ip.version === 4 ? net.toString() : (net as ipaddr.IPv6).toRFC5952String()}/${prefix}`;
}

/** Does an A record answer (127.0.0.x) match a postscreen return-code filter like 127.0.0.[2..11]? */
export function matchesReturnFilter(answer: string, filter: string | undefined): boolean {
  if (!filter) return /^127\./.test(answer);
  const a = answer.split('.');
  // Octets are separated by dots, but "[2..11]" holds dots of its own.
  const f = filter.match(/\[[^\]]*\]|[^.]+/g) ?? [];
  if (a.length !== 4 || f.length !== 4) return false;
  return f.every((part, i) => {
    const value = Number(a[i]);
    if (!part.startsWith('[')) return Number(part) === value;
    return part
      .slice(1, -1)
      .split(';')
      .some((range) => {
        const [lo, hi] = range.split('..').map(Number);
        return hi === undefined ? value === lo : value >= (lo ?? 0) && value <= hi;
      });
  });
}
