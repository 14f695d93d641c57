// Client list entries with postgrey's semantics: an address, a network (CIDR, or a partial
// IPv4 address such as "1.2.3" meaning /24), a domain matching the client's verified host name
// and its subdomains, or a /regex/ on that host name. Runtime: pure (ipaddr.js).

import ipaddr from 'ipaddr.js';

export type ClientPattern =
  | { kind: 'ip'; address: string; version: 4 | 6 }
  | { kind: 'cidr'; network: string; prefix: number; version: 4 | 6 }
  | { kind: 'domain'; domain: string }
  | { kind: 'regex'; source: string };

export type ParseResult = { ok: true; pattern: ClientPattern } | { ok: false; message: string };

const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

export function isHostName(name: string): boolean {
  const n = name.replace(/\.$/, '');
  return n.length > 0 && n.length <= 253 && n.split('.').every((l) => HOST_LABEL.test(l));
}

function cidr(network: string, prefixText: string, raw: string): ParseResult {
  if (!/^\d{1,3}$/.test(prefixText))
    return { ok: false, message: `${raw} is not a network: the prefix length must be a number` };
  const prefix = Number(prefixText);
  if (!ipaddr.isValid(network))
    return { ok: false, message: `${raw} is not a network: ${network} is not an IP address` };
  const addr = ipaddr.parse(network);
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  if (prefix > max)
    return { ok: false, message: `${raw} is not a network: /${prefix} is longer than ${max} bits` };
  // Normalise to the network address so "10.1.2.3/8" and "10.0.0.0/8" are the same entry.
  const base = ipaddr.parseCIDR(`${network}/${prefix}`);
  const net = (addr.kind() === 'ipv4' ? ipaddr.IPv4 : ipaddr.IPv6)
    .networkAddressFromCIDR(`${base[0].toString()}/${prefix}`)
    .toString();
  return {
    ok: true,
    pattern: { kind: 'cidr', network: net, prefix, version: addr.kind() === 'ipv4' ? 4 : 6 },
  };
}

export function parseClientPattern(raw: string): ParseResult {
  const value = raw.trim();
  if (!value) return { ok: false, message: 'is empty' };
  if (value.startsWith('/')) {
    if (value.length < 3 || !value.endsWith('/'))
      return { ok: false, message: `${value} is not a /regex/ (it must end with /)` };
    const source = value.slice(1, -1);
    try {
      new RegExp(source, 'i');
    } catch (e) {
      return {
        ok: false,
        message: `${value} is not a valid regular expression: ${(e as Error).message}`,
      };
    }
    return { ok: true, pattern: { kind: 'regex', source } };
  }
  const slash = value.indexOf('/');
  if (slash >= 0) return cidr(value.slice(0, slash), value.slice(slash + 1), value);
  if (ipaddr.IPv4.isValidFourPartDecimal(value))
    return { ok: true, pattern: { kind: 'ip', address: value, version: 4 } };
  if (value.includes(':')) {
    if (!ipaddr.IPv6.isValid(value))
      return { ok: false, message: `${value} is not an IPv6 address` };
    return {
      ok: true,
      pattern: { kind: 'ip', address: ipaddr.IPv6.parse(value).toString(), version: 6 },
    };
  }
  // postgrey reads "1.2.3" as the /24 network — and, quirkily, "1.2" as a /24 too (1.2.0.0/24).
  if (/^\d{1,3}(\.\d{1,3}){1,2}$/.test(value)) {
    const parts = value.split('.').map(Number);
    if (parts.some((p) => p > 255))
      return {
        ok: false,
        message: `${value} is not an address or network: each part must be 0..255`,
      };
    const network = [...parts, 0, 0].slice(0, 3).join('.') + '.0';
    return { ok: true, pattern: { kind: 'cidr', network, prefix: 24, version: 4 } };
  }
  if (/^\d+(\.\d+)*$/.test(value))
    return { ok: false, message: `${value} is not an address or network` };
  const domain = value.replace(/^\./, '').toLowerCase();
  if (!isHostName(domain))
    return {
      ok: false,
      message: `${value} is not a host name, domain, address, network or /regex/`,
    };
  return { ok: true, pattern: { kind: 'domain', domain } };
}

/** Does a client (address, verified host name or undefined) match this pattern? */
export function clientMatches(
  p: ClientPattern,
  address: string,
  verifiedName: string | undefined,
): boolean {
  switch (p.kind) {
    case 'ip':
      return (
        ipaddr.isValid(address) &&
        ipaddr.process(address).toString() === ipaddr.process(p.address).toString()
      );
    case 'cidr': {
      if (!ipaddr.isValid(address)) return false;
      const a = ipaddr.process(address);
      const net = ipaddr.parse(p.network);
      return a.kind() === net.kind() && a.match(net, p.prefix);
    }
    case 'domain': {
      if (!verifiedName) return false;
      const n = verifiedName.toLowerCase().replace(/\.$/, '');
      return n === p.domain || n.endsWith(`.${p.domain}`);
    }
    case 'regex':
      return verifiedName !== undefined && new RegExp(p.source, 'i').test(verifiedName);
  }
}

export function describeClientPattern(p: ClientPattern): string {
  switch (p.kind) {
    case 'ip':
      return p.address;
    case 'cidr':
      return `${p.network}/${p.prefix}`;
    case 'domain':
      return `${p.domain} and its subdomains`;
    case 'regex':
      return `host names matching /${p.source}/`;
  }
}
