// Greylisting at the policy-service stage: its exceptions, then the decision (core/greylist).
// postgrey can express exceptions by client and recipient; SPF-validated senders and "only
// clients without rDNS / listed somewhere" need mxwarden's policy service. Runtime: pure.

import { clientNetwork } from '../net/ip';
import { REPLIES } from '../engine/replies';
import { decide } from '../greylist/decide';
import { normalizeSender, POSTGREY_NORMALIZATION } from '../greylist/normalize-sender';
import { isActive, recipientMatches, senderMatches } from '../policy/address-match';
import { clientMatches, parseClientPattern } from '../policy/client-match';
import { result, type CheckContext, type CheckResult } from './check';

const base = { check: 'greylisting', stage: 'policy' as const, rule: 'greylist' as const };

function exception(ctx: CheckContext): string | undefined {
  const g = ctx.policy.greylisting;
  if (ctx.skip.has('greylisting')) return 'the client allowlist exempts it from greylisting';
  const client = g.exceptions.clients.find((e) => {
    const p = parseClientPattern(e.value);
    return (
      isActive(e, ctx.now) &&
      p.ok &&
      clientMatches(p.pattern, ctx.address, ctx.facts.rdns.verifiedName)
    );
  });
  if (client) return `client exception ${client.value}`;
  const rcpt = ctx.recipient ?? '';
  const r = g.exceptions.recipients.find((e) => recipientMatches(e.value, rcpt));
  if (r) return `recipient exception ${r.value}`;
  return undefined;
}

export function greylistCheck(ctx: CheckContext): CheckResult {
  const g = ctx.policy.greylisting;
  if (!g.enabled && !ctx.forceGreylist)
    return result({
      ...base,
      status: 'skipped',
      outcome: 'continue',
      detail: 'greylisting is off',
    });
  if (ctx.profile.policyService === 'none')
    return result({
      ...base,
      status: 'not-enforced',
      outcome: 'continue',
      detail: `${ctx.profile.name} calls no greylisting policy service`,
    });
  const why = exception(ctx);
  if (why)
    return result({
      ...base,
      status: 'miss',
      outcome: 'continue',
      detail: `not greylisted: ${why}`,
    });

  const mx = ctx.profile.policyService === 'mxwarden';
  const notes: string[] = [];
  const spfSender = ctx.sender
    ? g.exceptions.spfValidatedSenders.find(
        (e) => isActive(e, ctx.now) && senderMatches(e.value, ctx.sender ?? ''),
      )
    : undefined;
  if (spfSender) {
    if (!mx)
      notes.push(
        `the SPF-validated exception for ${spfSender.value} needs mxwarden's policy service`,
      );
    else if (ctx.facts.spf?.result === 'pass')
      return result({
        ...base,
        status: 'miss',
        outcome: 'continue',
        detail: `not greylisted: ${spfSender.value} with SPF pass`,
      });
  }
  if (g.applyTo !== 'all' && !ctx.forceGreylist) {
    if (!mx)
      notes.push(
        `"only ${g.applyTo === 'no-rdns' ? 'clients without reverse DNS' : 'listed clients'}" needs mxwarden's policy service: postgrey greylists everyone`,
      );
    else if (g.applyTo === 'no-rdns' && ctx.facts.rdns.verifiedName)
      return result({
        ...base,
        status: 'miss',
        outcome: 'continue',
        detail: 'not greylisted: the client has forward-confirmed reverse DNS',
      });
    else if (
      g.applyTo === 'dnsbl-listed' &&
      !ctx.facts.lists.some((h) => h.matched && h.list.weight > 0)
    )
      return result({
        ...base,
        status: 'miss',
        outcome: 'continue',
        detail: 'not greylisted: the client is on no list',
      });
  }
  const n = g.normalizeSender;
  if (!mx && !(n.batv && n.plusExtension && n.verpDigits))
    notes.push(
      'postgrey normalises senders (BATV, +extension, VERP numbers) whatever the policy says',
    );
  const note = notes.length ? ` (${notes.join('; ')})` : '';

  if (ctx.sender === undefined || !ctx.recipient || !ctx.greylist) {
    return result({
      ...base,
      status: 'skipped',
      outcome: 'continue',
      detail: `needs a sender and a recipient: a first attempt would be greylisted${note}`,
    });
  }
  const ip = ctx.facts.ip;
  const clientNet = g.perHost ? ip.address : clientNetwork(ip, g.ipv4Prefix, g.ipv6Prefix);
  // postgrey always normalises senders; only mxwarden's policy service follows the policy here.
  const sender = mx
    ? normalizeSender(ctx.sender, g.normalizeSender)
    : normalizeSender(ctx.sender, POSTGREY_NORMALIZATION, 'postgrey');
  const decision = decide(
    ctx.greylist.store,
    { clientNet, clientAddress: ip.address, sender, recipient: ctx.recipient.toLowerCase() },
    {
      delaySeconds: g.delaySeconds,
      retryWindowSeconds: g.retryWindowHours * 3600,
      maxAgeSeconds: g.maxAgeDays * 86400,
      autoWhitelistAfter: g.autoWhitelistAfter,
    },
    ctx.now / 1000,
    ctx.greylist.peek,
  );
  const data: Record<string, unknown> = { ...decision };
  if (decision.action === 'pass') {
    const detail =
      decision.reason === 'client-awl'
        ? `passes: the client is auto-whitelisted after ${decision.passes} deliveries`
        : decision.firstPass
          ? `passes after waiting ${decision.delaySeconds} s (an X-Greylist header is added)`
          : 'passes: this triplet passed before';
    return result({
      ...base,
      status: 'miss',
      outcome: 'continue',
      detail: `${detail}${note}`,
      data,
    });
  }
  const detail =
    decision.reason === 'new'
      ? 'greylisted: first attempt of this triplet'
      : decision.reason === 'early-retry'
        ? `greylisted: retried too early (${decision.missingSeconds} s missing)`
        : 'greylisted: the first retry came after the retry window; starting over';
  if (g.dryRun)
    return result({
      ...base,
      status: 'hit',
      outcome: 'continue',
      dryRun: true,
      detail: `${detail} — dry-run: would defer${note}`,
      data,
    });
  return result(
    { ...base, status: 'hit', outcome: 'greylist', detail: `${detail}${note}`, data },
    REPLIES.greylisted(ctx.recipient),
  );
}
