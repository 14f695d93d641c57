// Check IP: everything about one client in one pass — each DNS list with its answer, weight and
// timing, the score against the threshold, rDNS and forward confirmation, SPF, organisational
// domains, the allow/deny lists, and the verdict with its trace. Greylisting is asked without
// being recorded. Runtime: Node.

import { getDomain } from 'tldts';
import { AppError } from '../app/result';
import type {
  CheckListResult,
  CheckProgress,
  CheckReport,
  CheckRequest,
  LargeSenderFact,
} from '../app/types/check';
import type { SenderMatch } from '../app/types/senders';
import { MemoryGreylistStore, type GreylistStore } from '../greylist/state';
import type { DnsClient } from '../net/dns-client';
import { matchesReturnFilter, parseIp } from '../net/ip';
import type { Policy } from '../policy/schema';
import { evaluateWithFacts } from './evaluate';
import type { ReverseDns } from './facts';
import { FLEET_PROFILE, type ServerProfile } from './types';

export interface CheckIpDeps {
  dns: DnsClient;
  policy: Policy;
  policySource: CheckReport['policy'];
  profile?: ServerProfile;
  greylist?: GreylistStore;
  now: () => number;
  onProgress?: (p: CheckProgress) => void;
  notes?: string[];
  /** Which cloud sender an address or a verified host name belongs to (the Senders catalog). */
  largeSender?: (target: string) => Promise<SenderMatch | null>;
}

async function largeSenderOf(
  deps: CheckIpDeps,
  address: string,
  verifiedName: string | undefined,
): Promise<LargeSenderFact | undefined> {
  if (!deps.largeSender) return undefined;
  const m =
    (await deps.largeSender(address)) ??
    (verifiedName ? await deps.largeSender(verifiedName) : null);
  if (!m) return undefined;
  const scope = deps.policy.cloudSenders?.find((g) => g.provider === m.provider)?.scope;
  return {
    provider: m.provider,
    name: m.name,
    match: m.match,
    via: m.match === 'range' ? m.range : m.suffix,
    origin: m.origin,
    asOf: m.asOf,
    ...(scope ? { whitelisted: scope } : {}),
  };
}

const rdnsStatus = (r: ReverseDns): string =>
  r.status === 'found' ? (r.verifiedName ? 'confirmed' : 'unconfirmed') : r.status;

async function addressesOf(target: string, dns: DnsClient): Promise<string[]> {
  const ip = parseIp(target);
  if (ip) return [ip.address];
  // "300.1.2.3" or "192.0.2" is a mistyped address, not a host name to look up.
  if (/^[\d.]+$/.test(target.trim()))
    throw new AppError('INVALID_REQUEST', `${JSON.stringify(target)} is not a valid IPv4 address`);
  const name = target.trim().replace(/\.$/, '');
  if (!/^[a-z0-9.-]+$/i.test(name) || !name.includes('.')) {
    throw new AppError(
      'INVALID_REQUEST',
      `${JSON.stringify(target)} is neither an IP address nor a host name`,
    );
  }
  const [a, aaaa] = await Promise.all([dns.query(name, 'A'), dns.query(name, 'AAAA')]);
  const found = [
    ...(a.status === 'ok' ? a.records : []),
    ...(aaaa.status === 'ok' ? aaaa.records : []),
  ];
  if (found.length) return found;
  const why =
    a.status === 'timeout' || aaaa.status === 'timeout'
      ? 'the lookup timed out'
      : 'it has no A or AAAA record';
  throw new AppError(
    'NOT_FOUND',
    `${name} cannot be checked: ${why}. Check the name, or the DNS servers in Settings.`,
  );
}

export async function checkIp(req: CheckRequest, deps: CheckIpDeps): Promise<CheckReport> {
  const started = performance.now();
  const addresses = await addressesOf(req.target, deps.dns);
  const address = addresses[0] as string;
  const ip = parseIp(address);
  if (!ip) throw new AppError('INVALID_REQUEST', `${address} is not an IP address`);
  const { verdict, facts } = await evaluateWithFacts(
    {
      address,
      ...(req.helo ? { helo: req.helo } : {}),
      ...(req.sender !== undefined ? { sender: req.sender } : {}),
      ...(req.recipient ? { recipient: req.recipient } : {}),
    },
    deps.policy,
    {
      dns: deps.dns,
      now: deps.now,
      greylist: deps.greylist ?? new MemoryGreylistStore(),
      peekGreylist: true,
      ...(deps.profile ? { profile: deps.profile } : {}),
      onFact: (e) => {
        if (!deps.onProgress) return;
        if (e.kind === 'list')
          deps.onProgress({
            runId: req.runId,
            kind: 'list',
            zone: e.answer.zone,
            status: e.answer.status,
            answers: e.answer.answers,
            ...(e.answer.text ? { text: e.answer.text } : {}),
            cached: e.answer.cached ?? false,
            entries: deps.policy.dnsbl.lists
              .filter((l) => l.enabled && l.zone.toLowerCase() === e.answer.zone)
              .map((l) => ({
                ...(l.filter ? { filter: l.filter } : {}),
                weight: l.weight,
                matched:
                  e.answer.status === 'listed' &&
                  e.answer.answers.some((x) => matchesReturnFilter(x, l.filter)),
              })),
            ms: e.answer.ms,
          });
        else if (e.kind === 'rdns')
          deps.onProgress({
            runId: req.runId,
            kind: 'rdns',
            status: rdnsStatus(e.rdns),
            names: e.rdns.names,
            ...(e.rdns.verifiedName ? { verifiedName: e.rdns.verifiedName } : {}),
            ms: e.rdns.ms,
          });
        else
          deps.onProgress({
            runId: req.runId,
            kind: 'spf',
            result: e.spf.result,
            domain: e.spf.domain,
            ms: e.spf.ms,
          });
      },
    },
  );

  const lists: CheckListResult[] = facts.lists.map((h) => ({
    zone: h.list.zone,
    ...(h.list.filter ? { filter: h.list.filter } : {}),
    weight: h.list.weight,
    status: h.answer.status,
    matched: h.matched,
    answers: h.answer.answers,
    ...(h.answer.text ? { text: h.answer.text } : {}),
    dryRun: h.list.dryRun,
    ms: h.answer.ms,
  }));
  const score = lists.filter((l) => l.matched && !l.dryRun).reduce((s, l) => s + l.weight, 0);
  const { rdns, spf } = facts;
  const verifiedName = rdns.verifiedName;
  const senderDomain = req.sender?.split('@').pop();
  const largeSender = await largeSenderOf(deps, address, verifiedName);
  return {
    runId: req.runId,
    target: req.target,
    addresses,
    address,
    version: ip.version,
    rdns: {
      status: rdnsStatus(rdns),
      names: rdns.names,
      ...(verifiedName ? { verifiedName } : {}),
      ms: rdns.ms,
    },
    lists,
    score,
    threshold: deps.policy.dnsbl.threshold,
    ...(spf
      ? { spf: { result: spf.result, domain: spf.domain, detail: spf.detail, ms: spf.ms } }
      : {}),
    organisation: {
      ...(verifiedName ? { client: getDomain(verifiedName) ?? verifiedName } : {}),
      ...(senderDomain ? { sender: getDomain(senderDomain) ?? senderDomain } : {}),
    },
    ...(largeSender ? { largeSender } : {}),
    verdict,
    profile: deps.profile ?? FLEET_PROFILE,
    policy: deps.policySource,
    dnsServers: deps.dns.servers(),
    durationMs: Math.round(performance.now() - started),
    notes: deps.notes ?? [],
  };
}
