// The lab's "Internet": one declarative description of the clients, sender domains and DNS lists
// that the lab DNS serves (PTR, A/AAAA, MX, TXT/SPF zones and the rbldnsd list datasets are all
// generated from it). Tests pick their cases from here instead of hard-coding addresses.
// Later issues extend it (cloud providers with SPF include chains): keep it data, not code.
// Runtime: Node (lab) — pure data and lookups, no I/O.

import { PROVIDER_DOMAINS } from './internet-providers';

/** How a client's reverse DNS looks to a receiving server. */
export type ReverseDns =
  /** PTR name whose A/AAAA record points back at the client: Postfix's client_name is the name. */
  | { kind: 'confirmed'; name: string }
  /**
   * PTR name that does not resolve back: `resolvesTo` lists what its forward lookup returns
   * (omitted: the name has no address at all). Postfix's client_name is `unknown`, the
   * reverse_client_name is the name.
   */
  | { kind: 'unconfirmed'; name: string; resolvesTo?: readonly string[] }
  /** No PTR record at all (NXDOMAIN for the reverse name). */
  | { kind: 'none' };

export interface LabClient {
  /** Handle used by tests, e.g. `clientByName('zen-sbl')`. */
  name: string;
  /** 127.x.y.z with x ≥ 10 (the lab can connect from these), or an IPv6 address (DNS data only). */
  address: string;
  rdns: ReverseDns;
  /** The name the client usually announces in HELO/EHLO. */
  helo: string;
  /** The envelope sender it usually uses. */
  mailFrom: string;
  /** What the client stands for, in words; the expectations a test may rely on. */
  about: string;
}

export interface MxRecord {
  preference: number;
  exchange: string;
}

/** A DNS zone the lab serves with authority (sender domains, the ISP, ...). */
export interface LabDomain {
  /** Zone apex. Every record below lives in the zone of the longest matching apex. */
  zone: string;
  /** Extra records by owner name (absolute names, lower case). */
  records: Readonly<
    Record<
      string,
      {
        a?: readonly string[];
        aaaa?: readonly string[];
        mx?: readonly MxRecord[];
        /** TXT strings; an SPF policy is simply one of them (`v=spf1 ...`). */
        txt?: readonly string[];
      }
    >
  >;
}

export interface Listing {
  /** An address or a network (CIDR), IPv4 or IPv6. */
  entry: string;
  /** The A record the list returns, e.g. 127.0.0.2 (or 127.0.10.2 for an allowlist). */
  code: string;
  /** The TXT answer (rbldnsd replaces `$` with the queried address). */
  text: string;
}

export interface DnsList {
  zone: string;
  kind: 'block' | 'allow';
  /**
   * How the lab DNS front treats queries for it: `normal`, `slow` (answers delayed by the lab's
   * configured time) or `dead` (queries never answered, so resolvers time out).
   */
  behaviour: 'normal' | 'slow' | 'dead';
  listings: readonly Listing[];
}

/** Address ranges from which tests draw fresh addresses (postscreen and postgrey remember). */
export interface AddressPool {
  name: string;
  /** An IPv4 /16 inside 127.0.0.0/8. */
  cidr: string;
  about: string;
}

export interface Internet {
  /** Zones answered from the data below; anything else (except the lists) is REFUSED. */
  domains: readonly LabDomain[];
  /** Reverse zones the lab serves with authority (PTRs of the clients live here). */
  reverseZones: readonly string[];
  lists: readonly DnsList[];
  clients: readonly LabClient[];
  pools: readonly AddressPool[];
}

export const INTERNET = {
  reverseZones: ['127.in-addr.arpa', '8.b.d.0.1.0.0.2.ip6.arpa'],
  domains: [
    {
      zone: 'shop.example',
      records: {
        'shop.example': {
          a: ['127.10.0.1'],
          mx: [{ preference: 10, exchange: 'mail.shop.example' }],
          txt: ['v=spf1 ip4:127.10.0.0/28 ip6:2001:db8:10::/64 -all', 'lab-site-verification=shop'],
        },
      },
    },
    {
      zone: 'shared.example',
      records: {
        'shared.example': {
          mx: [{ preference: 10, exchange: 'mail.shared.example' }],
          txt: ['v=spf1 ip4:127.10.0.20 -all'],
        },
      },
    },
    {
      zone: 'trusted.example',
      records: {
        'trusted.example': {
          mx: [{ preference: 10, exchange: 'mx.trusted.example' }],
          txt: ['v=spf1 ip4:127.10.0.30/31 ip6:2001:db8:10::30 -all'],
        },
      },
    },
    {
      zone: 'news.example',
      records: {
        // The client mta.news.example (127.10.0.40) is outside the published range: softfail.
        'news.example': {
          mx: [{ preference: 10, exchange: 'mta.news.example' }],
          txt: ['v=spf1 ip4:127.10.1.0/24 ~all'],
        },
      },
    },
    {
      zone: 'nospf.example',
      records: {
        // A domain with mail but no SPF policy at all: SPF result none.
        'nospf.example': {
          a: ['127.10.0.50'],
          mx: [{ preference: 10, exchange: 'mail.nospf.example' }],
          txt: ['just a note, not a policy'],
        },
      },
    },
    {
      zone: 'bank.example',
      records: {
        // Only its own server may send: a spoofer elsewhere gets SPF fail.
        'bank.example': {
          a: ['127.10.0.60'],
          mx: [{ preference: 10, exchange: 'mail.bank.example' }],
          txt: ['v=spf1 ip4:127.10.0.60 -all'],
        },
      },
    },
    {
      zone: 'mismatch.example',
      records: {
        // The PTR of 127.30.0.3 names mail.mismatch.example, which points somewhere else.
        'mail.mismatch.example': { a: ['127.30.0.99'] },
        'mismatch.example': { txt: ['v=spf1 a:mail.mismatch.example -all'] },
      },
    },
    {
      zone: 'isp.example',
      records: {
        // Dynamic-pool PTR names (127-30-0-2.dyn.isp.example ...) have no A records.
        'isp.example': { a: ['127.10.0.70'] },
      },
    },
    // Fake cloud senders (SPF expansion cases): internet-providers.ts.
    ...PROVIDER_DOMAINS,
  ],
  lists: [
    {
      zone: 'zen.lab.example',
      kind: 'block',
      behaviour: 'normal',
      listings: [
        { entry: '127.20.0.2', code: '127.0.0.2', text: 'SBL-style listing for $' },
        { entry: '127.20.0.4', code: '127.0.0.4', text: 'XBL-style exploit listing for $' },
        { entry: '127.20.0.10', code: '127.0.0.10', text: 'PBL-style policy listing for $' },
        { entry: '127.20.0.11', code: '127.0.0.11', text: 'PBL-style policy listing for $' },
        // Legitimate sender behind a shared outbound address (CSS-style code 127.0.0.3).
        { entry: '127.10.0.20', code: '127.0.0.3', text: 'Shared-address listing for $' },
        { entry: '127.21.0.0/16', code: '127.0.0.4', text: 'Listed network, see $' },
        { entry: '2001:db8:20::2', code: '127.0.0.2', text: 'SBL-style IPv6 listing' },
        { entry: '2001:db8:21::/48', code: '127.0.0.4', text: 'Listed IPv6 network' },
      ],
    },
    {
      zone: 'bl.lab.example',
      kind: 'block',
      behaviour: 'normal',
      listings: [
        { entry: '127.20.0.2', code: '127.0.0.2', text: 'Blocked, see $' },
        { entry: '127.20.1.2', code: '127.0.0.2', text: 'Blocked, see $' },
        { entry: '2001:db8:20::2', code: '127.0.0.2', text: 'Blocked IPv6 sender' },
      ],
    },
    {
      zone: 'wl.lab.example',
      kind: 'allow',
      behaviour: 'normal',
      listings: [
        { entry: '127.10.0.30', code: '127.0.10.2', text: 'Allowlisted: trusted.example' },
        { entry: '127.10.0.31', code: '127.0.10.3', text: 'Allowlisted: trusted.example' },
        { entry: '2001:db8:10::30', code: '127.0.10.2', text: 'Allowlisted IPv6 sender' },
      ],
    },
    {
      zone: 'slow.lab.example',
      kind: 'block',
      behaviour: 'slow',
      listings: [
        { entry: '127.20.0.2', code: '127.0.0.2', text: 'Slow list: $' },
        { entry: '127.22.0.0/16', code: '127.0.0.2', text: 'Slow list: $' },
      ],
    },
    {
      zone: 'dead.lab.example',
      kind: 'block',
      behaviour: 'dead',
      listings: [{ entry: '127.20.0.2', code: '127.0.0.2', text: 'Never answered' }],
    },
    // Six more ordinary lists, so that Check IP can be measured with ten lists at once (test/bench:
    // ten lists, one of them slow; sites commonly query that many). They list only addresses in
    // 127.23.0.0/16, which no client above uses, so every client stays listed exactly where its
    // description says.
    {
      zone: 'spam.lab.example',
      kind: 'block',
      behaviour: 'normal',
      listings: [{ entry: '127.23.0.0/16', code: '127.0.0.2', text: 'Spam network: $' }],
    },
    {
      zone: 'proxy.lab.example',
      kind: 'block',
      behaviour: 'normal',
      listings: [{ entry: '127.23.0.7', code: '127.0.0.9', text: 'Open proxy at $' }],
    },
    {
      zone: 'dyn.lab.example',
      kind: 'block',
      behaviour: 'normal',
      listings: [{ entry: '127.23.1.0/24', code: '127.0.0.10', text: 'Dynamic address $' }],
    },
    {
      zone: 'rep.lab.example',
      kind: 'block',
      behaviour: 'normal',
      listings: [{ entry: '127.23.0.0/24', code: '127.0.0.3', text: 'Poor reputation: $' }],
    },
    {
      zone: 'abuse.lab.example',
      kind: 'block',
      behaviour: 'normal',
      listings: [{ entry: '127.23.2.0/24', code: '127.0.0.2', text: 'Abuse reports for $' }],
    },
    {
      zone: 'trust.lab.example',
      kind: 'allow',
      behaviour: 'normal',
      listings: [{ entry: '127.23.3.0/24', code: '127.0.11.2', text: 'Known good sender' }],
    },
  ],
  clients: [
    {
      name: 'shop',
      address: '127.10.0.1',
      rdns: { kind: 'confirmed', name: 'mail.shop.example' },
      helo: 'mail.shop.example',
      mailFrom: 'orders@shop.example',
      about: 'Clean sender: forward-confirmed rDNS, SPF pass, listed nowhere.',
    },
    {
      name: 'shared',
      address: '127.10.0.20',
      rdns: { kind: 'confirmed', name: 'mail.shared.example' },
      helo: 'mail.shared.example',
      mailFrom: 'billing@shared.example',
      about:
        'Legitimate sender sharing an address with a DNSBL listing: forward-confirmed rDNS, SPF pass, listed in zen (127.0.0.3).',
    },
    {
      name: 'allowlisted',
      address: '127.10.0.30',
      rdns: { kind: 'confirmed', name: 'mx.trusted.example' },
      helo: 'mx.trusted.example',
      mailFrom: 'team@trusted.example',
      about: 'DNSWL-listed sender (wl 127.0.10.2), forward-confirmed rDNS, SPF pass.',
    },
    {
      name: 'allowlisted-high',
      address: '127.10.0.31',
      rdns: { kind: 'confirmed', name: 'mx2.trusted.example' },
      helo: 'mx2.trusted.example',
      mailFrom: 'team@trusted.example',
      about: 'DNSWL-listed sender with the higher trust code 127.0.10.3, SPF pass.',
    },
    {
      name: 'softfail',
      address: '127.10.0.40',
      rdns: { kind: 'confirmed', name: 'mta.news.example' },
      helo: 'mta.news.example',
      mailFrom: 'letter@news.example',
      about: 'Confirmed rDNS but outside its domain SPF range: SPF softfail.',
    },
    {
      name: 'nospf',
      address: '127.10.0.50',
      rdns: { kind: 'confirmed', name: 'mail.nospf.example' },
      helo: 'mail.nospf.example',
      mailFrom: 'info@nospf.example',
      about: 'Confirmed rDNS, sender domain without SPF: SPF none.',
    },
    {
      name: 'bank',
      address: '127.10.0.60',
      rdns: { kind: 'confirmed', name: 'mail.bank.example' },
      helo: 'mail.bank.example',
      mailFrom: 'alerts@bank.example',
      about: 'The real bank server: SPF pass for bank.example.',
    },
    {
      name: 'spoofer',
      address: '127.40.0.1',
      rdns: { kind: 'none' },
      helo: 'bank.example',
      mailFrom: 'alerts@bank.example',
      about: 'Forges bank.example from an address the bank does not publish: SPF fail, no PTR.',
    },
    {
      name: 'zen-sbl',
      address: '127.20.0.2',
      rdns: { kind: 'unconfirmed', name: '127-20-0-2.dyn.isp.example' },
      helo: 'localhost',
      mailFrom: 'promo@spam.example',
      about: 'Listed in zen (127.0.0.2), bl, slow and dead; PTR does not resolve back.',
    },
    {
      name: 'zen-xbl',
      address: '127.20.0.4',
      rdns: { kind: 'none' },
      helo: 'pc-4',
      mailFrom: 'x@spam.example',
      about: 'Listed in zen only, exploit code 127.0.0.4; no PTR; bare HELO.',
    },
    {
      name: 'zen-pbl',
      address: '127.20.0.10',
      rdns: { kind: 'unconfirmed', name: '127-20-0-10.dyn.isp.example' },
      helo: '127-20-0-10.dyn.isp.example',
      mailFrom: 'home@isp.example',
      about: 'Listed in zen only with the policy code 127.0.0.10; dynamic-looking PTR.',
    },
    {
      name: 'bl-only',
      address: '127.20.1.2',
      rdns: { kind: 'none' },
      helo: 'mailer.spam.example',
      mailFrom: 'deals@spam.example',
      about: 'Listed in bl only (127.0.0.2), not in zen.',
    },
    {
      name: 'listed-net',
      address: '127.21.0.7',
      rdns: { kind: 'none' },
      helo: 'host7.spam.example',
      mailFrom: 'x@spam.example',
      about: 'Inside the listed network 127.21.0.0/16 (zen 127.0.0.4).',
    },
    {
      name: 'slow-listed',
      address: '127.22.0.1',
      rdns: { kind: 'none' },
      helo: 'slow.spam.example',
      mailFrom: 'x@spam.example',
      about: 'Listed only in the slow list.',
    },
    {
      name: 'dynamic',
      address: '127.30.0.2',
      rdns: { kind: 'unconfirmed', name: '127-30-0-2.dyn.isp.example' },
      helo: 'home-pc',
      mailFrom: 'me@isp.example',
      about: 'Unlisted; PTR name that has no address (unconfirmed).',
    },
    {
      name: 'mismatch',
      address: '127.30.0.3',
      rdns: {
        kind: 'unconfirmed',
        name: 'mail.mismatch.example',
        resolvesTo: ['127.30.0.99'],
      },
      helo: 'mail.mismatch.example',
      mailFrom: 'info@mismatch.example',
      about: 'Unlisted; PTR name resolves to another address (unconfirmed), SPF fail.',
    },
    {
      name: 'no-ptr',
      address: '127.30.0.4',
      rdns: { kind: 'none' },
      helo: 'unknown.example',
      mailFrom: 'who@nospf.example',
      about: 'Unlisted; no PTR at all.',
    },
    {
      name: 'shop-v6',
      address: '2001:db8:10::1',
      rdns: { kind: 'confirmed', name: 'mail.shop.example' },
      helo: 'mail.shop.example',
      mailFrom: 'orders@shop.example',
      about: 'IPv6 side of the clean sender (DNS data only: the lab connects over IPv4).',
    },
    {
      name: 'allowlisted-v6',
      address: '2001:db8:10::30',
      rdns: { kind: 'confirmed', name: 'mx.trusted.example' },
      helo: 'mx.trusted.example',
      mailFrom: 'team@trusted.example',
      about: 'IPv6 DNSWL listing (DNS data only).',
    },
    {
      name: 'zen-v6',
      address: '2001:db8:20::2',
      rdns: { kind: 'none' },
      helo: 'v6.spam.example',
      mailFrom: 'x@spam.example',
      about: 'IPv6 address listed in zen and bl (DNS data only).',
    },
    {
      name: 'listed-net-v6',
      address: '2001:db8:21::77',
      rdns: { kind: 'none' },
      helo: 'v6net.spam.example',
      mailFrom: 'x@spam.example',
      about: 'Inside the listed IPv6 network 2001:db8:21::/48 (DNS data only).',
    },
  ],
  pools: [
    {
      name: 'clean',
      cidr: '127.99.0.0/16',
      about: 'Fresh unlisted addresses without PTR, one per test case.',
    },
    {
      name: 'listed',
      cidr: '127.21.0.0/16',
      about: 'Fresh addresses inside the network zen lists with 127.0.0.4.',
    },
    {
      name: 'slow',
      cidr: '127.22.0.0/16',
      about: 'Fresh addresses listed only in the slow list.',
    },
  ],
} as const satisfies Internet;

export function clientByName(name: string, internet: Internet = INTERNET): LabClient {
  const client = internet.clients.find((c) => c.name === name);
  if (!client) throw new Error(`The lab Internet has no client named ${name}`);
  return client;
}

export function listByZone(zone: string, internet: Internet = INTERNET): DnsList {
  const list = internet.lists.find((l) => l.zone === zone);
  if (!list) throw new Error(`The lab Internet has no DNS list ${zone}`);
  return list;
}

export function domainByZone(zone: string, internet: Internet = INTERNET): LabDomain {
  const domain = internet.domains.find((d) => d.zone === zone);
  if (!domain) throw new Error(`The lab Internet has no domain ${zone}`);
  return domain;
}

/** The SPF policy a domain publishes, if any (the single TXT string starting `v=spf1`). */
export function spfOf(domain: string, internet: Internet = INTERNET): string | undefined {
  for (const d of internet.domains) {
    const txt = d.records[domain.toLowerCase()]?.txt ?? [];
    const spf = txt.find((t) => /^v=spf1(\s|$)/i.test(t));
    if (spf) return spf;
  }
  return undefined;
}

let poolCounter = 0;

/**
 * A fresh address from a pool: unique within this process and unlikely to repeat across runs
 * (the random start), so postscreen's and postgrey's memories of earlier runs do not matter.
 */
export function poolAddress(poolName: string, internet: Internet = INTERNET): string {
  const pool = internet.pools.find((p) => p.name === poolName);
  if (!pool) throw new Error(`The lab Internet has no address pool ${poolName}`);
  const [base] = pool.cidr.split('/');
  const octets = (base ?? '').split('.').map(Number);
  if (poolCounter === 0) poolCounter = Math.floor(Math.random() * 60_000);
  poolCounter = (poolCounter % 64_000) + 1;
  // Skip .0 and .255 in the last octet: some software treats them specially.
  const host = poolCounter % 254;
  const third = Math.floor(poolCounter / 254) % 256;
  return `${octets[0]}.${octets[1]}.${third}.${host + 1}`;
}
