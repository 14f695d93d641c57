// The engine: what the mail servers will answer a client, and why. Checks run in the order the
// compiled Postfix configuration applies them — postscreen first, then smtpd's restrictions,
// then the policy service — and the first that decides makes the verdict. Every check leaves a
// trace line, so the answer explains itself. Runtime: Node (DNS).

import { AppError } from '../app/result';
import { checkPipeline } from './stages';
import type { CheckContext, CheckResult } from '../checks/check';
import type { DnsClient } from '../net/dns-client';
import { parseIp } from '../net/ip';
import type { GreylistStore } from '../greylist/state';
import { ruleLabel } from '../policy/rules';
import { withCloudSenders } from '../policy/cloud-senders';
import type { Policy } from '../policy/schema';
import { gatherFacts, type FactEvent, type Facts } from './facts';
import { replyLine } from './replies';
import {
  FLEET_PROFILE,
  type CheckTrace,
  type EvaluationRequest,
  type ServerProfile,
  type Verdict,
  type VerdictAction,
} from './types';

export interface EngineDeps {
  dns: DnsClient;
  now?: () => number;
  greylist?: GreylistStore;
  /** Decide greylisting without recording the attempt (Check IP's "what would happen"). */
  peekGreylist?: boolean;
  profile?: ServerProfile;
  /** Each fact as it arrives (per DNS list, rDNS, SPF). */
  onFact?: (e: FactEvent) => void;
}

const ACTION_OF: Record<string, VerdictAction> = {
  reject: 'reject',
  defer: 'defer',
  greylist: 'greylist',
};

export async function evaluate(
  request: EvaluationRequest,
  policy: Policy,
  deps: EngineDeps,
): Promise<Verdict> {
  return (await evaluateWithFacts(request, policy, deps)).verdict;
}

/** The verdict and the facts it was reached from (Check IP shows both). */
export async function evaluateWithFacts(
  request: EvaluationRequest,
  policy: Policy,
  deps: EngineDeps,
): Promise<{ verdict: Verdict; facts: Facts }> {
  const started = performance.now();
  const ip = parseIp(request.address);
  if (!ip)
    throw new AppError(
      'INVALID_REQUEST',
      `${JSON.stringify(request.address)} is not an IPv4 or IPv6 address`,
    );
  const profile = deps.profile ?? FLEET_PROFILE;
  const now = request.time ?? (deps.now ?? Date.now)();
  const facts = await gatherFacts(ip, request, policy.dnsbl.lists, deps.dns, deps.onFact);
  const ctx: CheckContext = {
    address: ip.address,
    helo: request.helo,
    sender: request.sender,
    recipient: request.recipient,
    pregreet: request.pregreet ?? false,
    // The compiler adds whitelisted cloud senders to the allowlist the same way.
    policy: withCloudSenders(policy),
    facts,
    profile,
    now,
    ...(deps.greylist
      ? { greylist: { store: deps.greylist, peek: deps.peekGreylist ?? false } }
      : {}),
    skip: new Set(),
    forceGreylist: false,
    extraScore: [],
  };

  const trace: CheckTrace[] = [];
  let decisive: CheckResult | undefined;
  for (const check of checkPipeline(ctx)) {
    for (const r of check()) {
      trace.push(r.trace);
      if (!decisive && (r.reply || r.trace.outcome === 'accept')) decisive = r;
    }
    if (decisive) break;
  }

  const dryRunHits = trace.filter((t) => t.dryRun && t.status === 'hit');
  const durationMs = Math.round(performance.now() - started);
  if (!decisive || decisive.trace.outcome === 'accept' || !decisive.reply) {
    // Accepted after an allowlist let the client skip checks (greylisting, postscreen's tests):
    // that entry is why, and the verdict names it.
    const because =
      decisive?.trace ?? trace.find((t) => t.status === 'hit' && t.outcome === 'allow' && t.rule);
    const why = because ? `accepted: ${because.detail}` : 'accepted: no check objected';
    const verdict: Verdict = {
      action: 'accept',
      reply: '250 2.1.5 Ok',
      ...(because?.rule
        ? { rule: because.rule, ruleLabel: ruleLabel(because.rule), stage: because.stage }
        : {}),
      summary: why,
      trace,
      dryRunHits,
      profile: profile.name,
      durationMs,
    };
    return { verdict, facts };
  }
  const { reply } = decisive;
  const rule = decisive.trace.rule;
  const action = ACTION_OF[decisive.trace.outcome] ?? 'reject';
  const verb = action === 'reject' ? 'rejected' : action === 'defer' ? 'deferred' : 'greylisted';
  const verdict: Verdict = {
    action,
    code: reply.code,
    enhancedCode: reply.enhanced,
    reply: replyLine(reply),
    ...(rule ? { rule, ruleLabel: ruleLabel(rule) } : {}),
    stage: decisive.trace.stage,
    summary: `${verb} by ${rule ? ruleLabel(rule) : decisive.trace.check}: ${decisive.trace.detail}`,
    trace,
    dryRunHits,
    profile: profile.name,
    durationMs,
  };
  return { verdict, facts };
}
