// Address helpers for the lab: reverse-DNS names, IPv6 expansion, CIDR membership.
// Runtime: Node (lab).

import net from 'node:net';

/** The eight 16-bit groups of an IPv6 address, as four-digit hex strings. */
export function expandIPv6(address: string): string[] {
  if (!net.isIPv6(address)) throw new Error(`Not an IPv6 address: ${address}`);
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(missing).fill('0'), ...right];
  return groups.map((g) => g.padStart(4, '0'));
}

/** The owner name of the PTR record for an address (in-addr.arpa or ip6.arpa). */
export function reverseName(address: string): string {
  if (net.isIPv4(address)) return `${address.split('.').reverse().join('.')}.in-addr.arpa`;
  const nibbles = expandIPv6(address).join('').split('');
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/** The name a DNSBL is queried with for an address: reversed octets/nibbles under the zone. */
export function dnsblQueryName(address: string, zone: string): string {
  return reverseName(address).replace(/\.(in-addr|ip6)\.arpa$/, `.${zone}`);
}

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** Whether an IPv4 address lies in an IPv4 CIDR (or equals a bare address). */
export function ipv4InCidr(address: string, cidr: string): boolean {
  const [base = '', bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const size = 2 ** (32 - bits);
  return Math.floor(ipv4ToInt(address) / size) === Math.floor(ipv4ToInt(base) / size);
}
