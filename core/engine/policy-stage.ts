// The policy-service stage alone, for mxwarden's policy service behind Postfix: Postfix has
// already run postscreen and its restrictions, and tells us the client's verified name. Only
// the facts this stage needs are looked up (SPF, DNS lists) — none at all for plain greylisting.
// Runtime: Node.

import type { CheckContext, CheckResult } from '../checks/check';
import { greylistCheck } from '../checks/greylist';
import { spfCheck } from '../checks/spf';
import type { GreylistStore } from '../greylist/state';
import type { DnsClient } from '../net/dns-client';
import { parseIp } from '../net/ip';
import type { Policy } from '../policy/schema';
import { gatherFacts, type Facts } from './facts';
import type { ServerProfile } from './types';

export interface PolicyStageRequest {
  clientAddress: string;
  /** Postfix's client_name: the forward-confirmed name, or "unknown". */
  clientName?: string;
  /** Postfix's reverse_client_name: the PTR name, confirmed or not. */
  reverseClientName?: string;
  helo?: string;
  sender: string;
  recipient: string;
}

export type PolicyStageOutcome =
  | { kind: 'dunno'; trace: CheckResult['trace'][] }
  | { kind: 'prepend'; delaySeconds: number; trace: CheckResult['trace'][] }
  | { kind: 'greylist'; trace: CheckResult['trace'][] }
  | { kind: 'reply'; code: number; enhanced: string; text: string; trace: CheckResult['trace'][] };

export interface PolicyStageDeps {
  greylist: GreylistStore;
  now: () => number;
  /** Only needed when the policy asks for SPF or list-based greylisting. */
  dns?: DnsClient;
}

const PROFILE: ServerProfile = {
  name: "mxwarden's policy service",
  postscreen: true,
  policyService: 'mxwarden',
};

function needsSpf(p: Policy): boolean {
  return (
    p.spf.fail.action !== 'off' ||
    p.spf.softfail.action !== 'off' ||
    p.greylisting.exceptions.spfValidatedSenders.length > 0
  );
}

export async function evaluatePolicyStage(
  req: PolicyStageRequest,
  policy: Policy,
  deps: PolicyStageDeps,
): Promise<PolicyStageOutcome | { kind: 'invalid'; why: string }> {
  const ip = parseIp(req.clientAddress);
  if (!ip)
    return {
      kind: 'invalid',
      why: `client_address ${JSON.stringify(req.clientAddress)} is not an IP address`,
    };
  const verified =
    req.clientName && req.clientName !== 'unknown' ? req.clientName.toLowerCase() : undefined;
  const reverse =
    req.reverseClientName && req.reverseClientName !== 'unknown'
      ? req.reverseClientName.toLowerCase()
      : undefined;
  let facts: Facts = {
    ip,
    rdns: {
      status: reverse || verified ? 'found' : 'none',
      names: reverse ? [reverse] : verified ? [verified] : [],
      ...(verified ? { verifiedName: verified } : {}),
      ms: 0,
    },
    lists: [],
  };
  const wantLists = policy.greylisting.applyTo === 'dnsbl-listed';
  if (deps.dns && (needsSpf(policy) || wantLists)) {
    const more = await gatherFacts(
      ip,
      needsSpf(policy) ? { sender: req.sender, ...(req.helo ? { helo: req.helo } : {}) } : {},
      wantLists ? policy.dnsbl.lists : [],
      deps.dns,
    );
    facts = { ...facts, lists: more.lists, ...(more.spf ? { spf: more.spf } : {}) };
  }
  const ctx: CheckContext = {
    address: ip.address,
    helo: req.helo,
    sender: req.sender,
    recipient: req.recipient,
    pregreet: false,
    policy,
    facts,
    profile: PROFILE,
    now: deps.now(),
    greylist: { store: deps.greylist, peek: false },
    skip: new Set(),
    forceGreylist: false,
    extraScore: [],
  };
  const trace: CheckResult['trace'][] = [];
  const spf = needsSpf(policy) ? spfCheck(ctx) : undefined;
  if (spf) {
    trace.push(spf.trace);
    if (spf.reply)
      return {
        kind: 'reply',
        code: spf.reply.code,
        enhanced: spf.reply.enhanced,
        // Postfix adds its "Recipient address rejected:" in front of what the service says.
        text: spf.reply.serviceText ?? spf.reply.text,
        trace,
      };
  }
  const g = greylistCheck(ctx);
  trace.push(g.trace);
  if (g.trace.outcome === 'greylist') return { kind: 'greylist', trace };
  const d = g.trace.data as
    { reason?: string; firstPass?: boolean; delaySeconds?: number } | undefined;
  if (d?.reason === 'triplet-found' && d.firstPass)
    return { kind: 'prepend', delaySeconds: d.delaySeconds ?? 0, trace };
  return { kind: 'dunno', trace };
}
