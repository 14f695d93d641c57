// An SPF record (RFC 7208 §4.6, §5, §6) as a list of terms: qualifier, mechanism, domain-spec,
// network, dual CIDR lengths, modifiers. mailauth parses SPF only inside its evaluator
// (lib/spf/spf-verify.js exports no parser), and evaluating asks about one address while
// expansion needs every term, so this small term parser follows the RFC's ABNF directly.
// Runtime: pure (ipaddr.js).

import ipaddr from 'ipaddr.js';
import { isHostName } from '../policy/client-match';

export type Qualifier = '+' | '-' | '~' | '?';

export type SpfTerm =
  | { kind: 'all'; qualifier: Qualifier; raw: string }
  | {
      kind: 'include' | 'exists';
      qualifier: Qualifier;
      domain: string;
      macro: boolean;
      raw: string;
    }
  | {
      kind: 'a' | 'mx';
      qualifier: Qualifier;
      /** Absent: the domain whose record this is. */
      domain?: string;
      macro: boolean;
      cidr4?: number;
      cidr6?: number;
      raw: string;
    }
  | { kind: 'ptr'; qualifier: Qualifier; domain?: string; macro: boolean; raw: string }
  | { kind: 'ip4' | 'ip6'; qualifier: Qualifier; network: string; raw: string }
  | { kind: 'redirect' | 'exp'; domain: string; macro: boolean; raw: string }
  | { kind: 'modifier'; name: string; raw: string };

export type ParsedSpf =
  { ok: true; terms: SpfTerm[] } | { ok: false; message: string; term?: string };

/** Is this TXT string an SPF version 1 record? (RFC 7208 §4.5: "v=spf1" then a space or the end.) */
export function isSpfRecord(txt: string): boolean {
  return /^v=spf1( |$)/i.test(txt);
}

const CIDR4 = /^(0|[1-9]\d?)$/;
const CIDR6 = /^(0|[1-9]\d{0,2})$/;

/** "/24", "//64", "/24//64" after a or mx (RFC 7208 §5.6 dual-cidr-length). */
function dualCidr(text: string): { cidr4?: number; cidr6?: number } | string {
  const m = /^(?:\/([^/]*))?(?:\/\/(.*))?$/.exec(text);
  if (!m) return `"${text}" is not a prefix length`;
  const out: { cidr4?: number; cidr6?: number } = {};
  if (m[1] !== undefined) {
    if (!CIDR4.test(m[1]) || Number(m[1]) > 32) return `/${m[1]} is not an IPv4 prefix length`;
    out.cidr4 = Number(m[1]);
  }
  if (m[2] !== undefined) {
    if (!CIDR6.test(m[2]) || Number(m[2]) > 128) return `//${m[2]} is not an IPv6 prefix length`;
    out.cidr6 = Number(m[2]);
  }
  return out;
}

/** Splits "host/24//64" into the domain-spec and its CIDR suffix. */
function splitCidr(value: string): [string, string] {
  const i = value.indexOf('/');
  return i < 0 ? [value, ''] : [value.slice(0, i), value.slice(i)];
}

/** A domain-spec: a macro-string (reported as not expandable) or a DNS name. */
function domainSpec(spec: string, raw: string): { domain: string; macro: boolean } | string {
  if (spec === '') return `${raw}: the domain is empty`;
  if (spec.includes('%')) {
    // RFC 7208 §7.1: %{x...}, %%, %_, %- — any other % is a syntax error.
    if (!/^(?:[!-$&-~]|%\{[slodiphcrtv]\d*r?[.+,/_=-]*\}|%%|%_|%-)+$/i.test(spec))
      return `${raw}: "${spec}" is not a valid macro string`;
    return { domain: spec, macro: true };
  }
  const domain = spec.toLowerCase().replace(/\.$/, '');
  if (!isHostName(domain) || !domain.includes('.')) return `${raw}: "${spec}" is not a domain name`;
  return { domain, macro: false };
}

function network(kind: 'ip4' | 'ip6', value: string, raw: string): string | { error: string } {
  const [address = '', prefixText, ...rest] = value.split('/');
  const max = kind === 'ip4' ? 32 : 128;
  if (rest.length > 0) return { error: `${raw}: too many "/"` };
  if (prefixText !== undefined && !(kind === 'ip4' ? CIDR4 : CIDR6).test(prefixText))
    return { error: `${raw}: "/${prefixText}" is not a prefix length` };
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return { error: `${raw}: /${prefix} is longer than ${max} bits` };
  if (kind === 'ip4') {
    if (!ipaddr.IPv4.isValidFourPartDecimal(address))
      return { error: `${raw}: "${address}" is not an IPv4 address` };
    return `${ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`).toString()}/${prefix}`;
  }
  if (!ipaddr.IPv6.isValid(address) || address.includes('%'))
    return { error: `${raw}: "${address}" is not an IPv6 address` };
  const net = ipaddr.IPv6.networkAddressFromCIDR(`${address}/${prefix}`);
  return `${net.toRFC5952String()}/${prefix}`;
}

function parseTerm(raw: string): SpfTerm | string {
  // Modifiers: name "=" value (RFC 7208 §4.6.1); the name never contains ":" or "/".
  const mod = /^([a-z][a-z0-9._-]*)=(.*)$/i.exec(raw);
  if (mod) {
    const name = (mod[1] as string).toLowerCase();
    const value = mod[2] as string;
    if (name === 'redirect' || name === 'exp') {
      const d = domainSpec(value, raw);
      return typeof d === 'string' ? d : { kind: name, ...d, raw };
    }
    return { kind: 'modifier', name, raw };
  }
  let rest = raw;
  let qualifier: Qualifier = '+';
  if ('+-~?'.includes(rest[0] ?? '')) {
    qualifier = rest[0] as Qualifier;
    rest = rest.slice(1);
  }
  const m = /^([a-z0-9]+)(.*)$/i.exec(rest);
  if (!m) return `"${raw}" is not an SPF term`;
  const name = (m[1] as string).toLowerCase();
  const arg = m[2] as string;
  switch (name) {
    case 'all':
      return arg === '' ? { kind: 'all', qualifier, raw } : `"${raw}" is not an SPF term`;
    case 'include':
    case 'exists': {
      if (!arg.startsWith(':')) return `${raw}: ${name} needs ":domain"`;
      const d = domainSpec(arg.slice(1), raw);
      return typeof d === 'string' ? d : { kind: name, qualifier, ...d, raw };
    }
    case 'a':
    case 'mx': {
      let spec = '';
      let cidrText = arg;
      if (arg.startsWith(':')) [spec, cidrText] = splitCidr(arg.slice(1));
      else if (arg !== '' && !arg.startsWith('/')) return `"${raw}" is not an SPF term`;
      const cidr = dualCidr(cidrText);
      if (typeof cidr === 'string') return `${raw}: ${cidr}`;
      if (!arg.startsWith(':')) return { kind: name, qualifier, macro: false, ...cidr, raw };
      const d = domainSpec(spec, raw);
      return typeof d === 'string' ? d : { kind: name, qualifier, ...d, ...cidr, raw };
    }
    case 'ptr': {
      if (arg === '') return { kind: 'ptr', qualifier, macro: false, raw };
      if (!arg.startsWith(':')) return `"${raw}" is not an SPF term`;
      const d = domainSpec(arg.slice(1), raw);
      return typeof d === 'string' ? d : { kind: 'ptr', qualifier, ...d, raw };
    }
    case 'ip4':
    case 'ip6': {
      if (!arg.startsWith(':')) return `${raw}: ${name} needs ":address"`;
      const n = network(name, arg.slice(1), raw);
      return typeof n === 'string' ? { kind: name, qualifier, network: n, raw } : n.error;
    }
    default:
      return `"${raw}" is not an SPF mechanism (RFC 7208 knows all, include, a, mx, ptr, ip4, ip6, exists)`;
  }
}

/**
 * Parses one SPF record. Any syntax error makes the whole record a permerror (RFC 7208 §4.6),
 * so the result is all terms or one message naming the bad term.
 */
export function parseSpf(record: string): ParsedSpf {
  if (!isSpfRecord(record)) return { ok: false, message: 'not an SPF record (no "v=spf1")' };
  const terms: SpfTerm[] = [];
  let redirects = 0;
  let exps = 0;
  for (const raw of record.slice(6).split(' ')) {
    if (raw === '') continue;
    const t = parseTerm(raw);
    if (typeof t === 'string') return { ok: false, message: t, term: raw };
    if (t.kind === 'redirect') redirects++;
    if (t.kind === 'exp') exps++;
    terms.push(t);
  }
  // RFC 7208 §6: each modifier at most once.
  if (redirects > 1) return { ok: false, message: 'more than one redirect= modifier' };
  if (exps > 1) return { ok: false, message: 'more than one exp= modifier' };
  return { ok: true, terms };
}
