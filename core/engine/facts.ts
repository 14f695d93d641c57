// The world as the engine needs it, gathered in parallel: reverse DNS and its forward
// confirmation, every DNS list, SPF. Each answer is reported as it arrives (Check IP streams
// them). A list that times out is "timed out", never "not listed". Runtime: Node.

import mailauthSpf from 'mailauth/lib/spf/index.js';
import type { DnsClient } from '../net/dns-client';
import {
  dnsblQueryName,
  matchesReturnFilter,
  parseIp,
  reverseName,
  type ParsedIp,
} from '../net/ip';
import type { DnsList } from '../policy/schema';

export interface ReverseDns {
  status: 'found' | 'none' | 'timeout' | 'error';
  /** Names the PTR records give. */
  names: string[];
  /** A PTR name whose A/AAAA records include the address: Postfix's verified client name. */
  verifiedName?: string;
  ms: number;
}

export interface ListAnswer {
  zone: string;
  status: 'listed' | 'not-listed' | 'timeout' | 'error' | 'skipped';
  /** 127.0.0.x answers from the list. */
  answers: string[];
  /** The list's TXT reason, when it publishes one. */
  text?: string;
  cached?: boolean;
  ms: number;
  why?: string;
}

export interface ListHit {
  list: DnsList;
  answer: ListAnswer;
  /** The answer passes this entry's return-code filter. */
  matched: boolean;
}

export interface SpfFact {
  result: 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';
  domain: string;
  detail: string;
  ms: number;
}

export interface Facts {
  ip: ParsedIp;
  rdns: ReverseDns;
  lists: ListHit[];
  spf?: SpfFact;
}

export type FactEvent =
  | { kind: 'rdns'; rdns: ReverseDns }
  | { kind: 'list'; answer: ListAnswer }
  | { kind: 'spf'; spf: SpfFact };

// mailauth is CommonJS: the default import works in Node's ESM loader (the built CLI), named ones may not.
const spfVerify = mailauthSpf.spf;

const elapsed = (started: number) => Math.round(performance.now() - started);

async function reverseDns(ip: ParsedIp, dns: DnsClient): Promise<ReverseDns> {
  const started = performance.now();
  const ptr = await dns.query(reverseName(ip), 'PTR');
  if (ptr.status === 'timeout') return { status: 'timeout', names: [], ms: elapsed(started) };
  if (ptr.status === 'error') return { status: 'error', names: [], ms: elapsed(started) };
  if (ptr.status !== 'ok' || ptr.records.length === 0)
    return { status: 'none', names: [], ms: elapsed(started) };
  const names = ptr.records.map((n) => n.replace(/\.$/, '').toLowerCase());
  // Forward confirmation, as Postfix does it: some PTR name must resolve back to the address.
  const forward = await Promise.all(
    names.map(async (name) => {
      const r = await dns.query(name, ip.version === 4 ? 'A' : 'AAAA');
      return r.status === 'ok' && r.records.some((a) => parseIp(a)?.address === ip.address)
        ? name
        : undefined;
    }),
  );
  const verifiedName = forward.find((n) => n !== undefined);
  return {
    status: 'found',
    names,
    ...(verifiedName ? { verifiedName } : {}),
    ms: elapsed(started),
  };
}

async function listAnswer(
  ip: ParsedIp,
  zone: string,
  ipv6: boolean,
  dns: DnsClient,
): Promise<ListAnswer> {
  if (ip.version === 6 && !ipv6)
    return { zone, status: 'skipped', answers: [], ms: 0, why: 'the list publishes no IPv6 data' };
  const started = performance.now();
  const name = dnsblQueryName(ip, zone);
  const a = await dns.query(name, 'A');
  if (a.status === 'timeout') return { zone, status: 'timeout', answers: [], ms: elapsed(started) };
  if (a.status === 'error')
    return { zone, status: 'error', answers: [], ms: elapsed(started), why: a.code };
  if (a.status !== 'ok')
    return { zone, status: 'not-listed', answers: [], cached: a.cached, ms: elapsed(started) };
  const txt = await dns.query(name, 'TXT');
  return {
    zone,
    status: 'listed',
    cached: a.cached,
    answers: a.records,
    ...(txt.status === 'ok' && txt.records[0] ? { text: txt.records[0] } : {}),
    ms: elapsed(started),
  };
}

async function spfOf(
  ip: ParsedIp,
  sender: string,
  helo: string | undefined,
  dns: DnsClient,
): Promise<SpfFact> {
  const started = performance.now();
  // The null sender is checked with the HELO identity (RFC 7208 §2.3).
  const identity = sender || (helo ? `postmaster@${helo}` : '');
  const domain = identity.split('@').pop() ?? '';
  if (!domain)
    return { result: 'none', domain: '', detail: 'no sender domain and no HELO to check', ms: 0 };
  try {
    const r = (await spfVerify({
      sender: identity,
      ip: ip.address,
      helo: helo ?? domain,
      mta: 'mxwarden',
      // mailauth's type says string records; MX answers are objects at run time, as with node:dns.
      resolver: dns.resolveLikeNode as (name: string, type: string) => Promise<string[]>,
    })) as unknown as { status: { result: SpfFact['result']; comment?: string } };
    return {
      result: r.status.result,
      domain,
      detail: r.status.comment ?? r.status.result,
      ms: elapsed(started),
    };
  } catch (e) {
    return { result: 'temperror', domain, detail: (e as Error).message, ms: elapsed(started) };
  }
}

/** Gathers every fact at once; `on` hears each one as soon as it is known. */
export async function gatherFacts(
  ip: ParsedIp,
  request: { sender?: string; helo?: string },
  lists: DnsList[],
  dns: DnsClient,
  on: (e: FactEvent) => void = () => {},
): Promise<Facts> {
  const enabled = lists.filter((l) => l.enabled);
  // One query per zone: several weighted entries (return-code filters) share its answer.
  const zones = [...new Map(enabled.map((l) => [l.zone.toLowerCase(), l])).values()];
  const answers = Promise.all(
    zones.map(async (l) => {
      const a = await listAnswer(
        ip,
        l.zone.toLowerCase(),
        enabled.some((x) => x.zone.toLowerCase() === l.zone.toLowerCase() && x.ipv6),
        dns,
      );
      on({ kind: 'list', answer: a });
      return a;
    }),
  );
  const rdns = reverseDns(ip, dns).then((r) => (on({ kind: 'rdns', rdns: r }), r));
  const spf =
    request.sender !== undefined
      ? spfOf(ip, request.sender, request.helo, dns).then((s) => (on({ kind: 'spf', spf: s }), s))
      : Promise.resolve(undefined);
  const [byZone, r, s] = await Promise.all([answers, rdns, spf]);
  const zoneAnswer = new Map(byZone.map((a) => [a.zone, a]));
  const hits: ListHit[] = enabled.map((list) => {
    const answer = zoneAnswer.get(list.zone.toLowerCase()) as ListAnswer;
    return {
      list,
      answer,
      matched:
        answer.status === 'listed' &&
        answer.answers.some((x) => matchesReturnFilter(x, list.filter)),
    };
  });
  return { ip, rdns: r, lists: hits, ...(s ? { spf: s } : {}) };
}
