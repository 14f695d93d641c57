// The access lists: recipients exempt from filtering, client allow/deny (postscreen's access
// list for addresses and networks; smtpd's for names too), sender allow/deny.
// Runtime: pure.

import { REPLIES } from '../engine/replies';
import { isActive, recipientMatches, senderMatches } from '../policy/address-match';
import { cloudRule } from '../policy/cloud-senders';
import { clientMatches, describeClientPattern, parseClientPattern } from '../policy/client-match';
import type { ClientEntry } from '../policy/schema';
import { result, type CheckContext, type CheckResult } from './check';

function matching(
  entries: ClientEntry[],
  ctx: CheckContext,
  addressesOnly: boolean,
): ClientEntry[] {
  return entries.filter((e) => {
    if (!isActive(e, ctx.now)) return false;
    const p = parseClientPattern(e.value);
    if (!p.ok) return false;
    if (addressesOnly && p.pattern.kind !== 'ip' && p.pattern.kind !== 'cidr') return false;
    return clientMatches(p.pattern, ctx.address, ctx.facts.rdns.verifiedName);
  });
}

const firstMatch = (entries: ClientEntry[], ctx: CheckContext, addressesOnly: boolean) =>
  matching(entries, ctx, addressesOnly)[0];

/** Allowlist entries name their rule: client.allow, or cloud:<provider> for a cloud sender's. */
const allowRule = (e: ClientEntry) => cloudRule(e) ?? 'client.allow';

/** "allowed: cloud:google — 209.85.128.0/17", or "allowlisted: 192.0.2.1 (note)". */
const allowWords = (e: ClientEntry) => {
  const cloud = cloudRule(e);
  return cloud
    ? `allowed: ${cloud} — ${what(e)}`
    : `allowlisted: ${what(e)}${e.note ? ` (${e.note})` : ''}`;
};

const what = (e: ClientEntry) => {
  const p = parseClientPattern(e.value);
  return p.ok ? describeClientPattern(p.pattern) : e.value;
};

/** postscreen_access_list: postscreen knows no host names, only addresses and networks. */
export function postscreenAccess(ctx: CheckContext): CheckResult {
  const deny = firstMatch(ctx.policy.clients.deny, ctx, true);
  if (deny) {
    return result(
      {
        check: 'postscreen access list',
        stage: 'postscreen',
        status: 'hit',
        outcome: 'reject',
        rule: 'client.deny',
        detail: `denylisted: ${what(deny)}${deny.note ? ` (${deny.note})` : ''}`,
      },
      REPLIES.postscreenDenylisted(),
    );
  }
  const allow = firstMatch(
    // Entries that skip DNS lists skip postscreen too: postscreen's DNSBL test is one of its tests.
    ctx.policy.clients.allow.filter((e) =>
      ['all', 'postscreen', 'dnsbl'].includes(e.scope ?? 'all'),
    ),
    ctx,
    true,
  );
  if (allow) {
    ctx.skip.add('postscreen');
    return result({
      check: 'postscreen access list',
      stage: 'postscreen',
      status: 'hit',
      outcome: 'allow',
      rule: allowRule(allow),
      detail: `${allowWords(allow)}; postscreen's tests are skipped`,
    });
  }
  return result({
    check: 'postscreen access list',
    stage: 'postscreen',
    status: 'miss',
    outcome: 'continue',
    detail: 'not in the client lists',
  });
}

export function recipientExempt(ctx: CheckContext): CheckResult {
  const rcpt = ctx.recipient;
  if (!rcpt)
    return result({
      check: 'exempt recipients',
      stage: 'smtpd',
      status: 'skipped',
      outcome: 'continue',
      detail: 'no recipient given',
    });
  const hit = ctx.policy.recipients.exempt.find((e) => recipientMatches(e.value, rcpt));
  if (hit)
    return result({
      check: 'exempt recipients',
      stage: 'smtpd',
      status: 'hit',
      outcome: 'accept',
      rule: 'recipient.exempt',
      detail: `${rcpt} is exempt from filtering (${hit.value})`,
    });
  return result({
    check: 'exempt recipients',
    stage: 'smtpd',
    status: 'miss',
    outcome: 'continue',
    detail: `${rcpt} is not exempt`,
  });
}

export function clientAccess(ctx: CheckContext): CheckResult {
  const deny = firstMatch(ctx.policy.clients.deny, ctx, false);
  const name = ctx.facts.rdns.verifiedName ?? 'unknown';
  if (deny) {
    return result(
      {
        check: 'client access',
        stage: 'smtpd',
        status: 'hit',
        outcome: 'reject',
        rule: 'client.deny',
        detail: `denylisted: ${what(deny)}${deny.note ? ` (${deny.note})` : ''}`,
      },
      REPLIES.clientDenied(`${name}[${ctx.address}]`),
    );
  }
  // Postfix looks each scope up in its own table (smtpd's client access for "all", postgrey's
  // whitelist, postscreen's access list), so an "all" entry wins wherever it sits in the list and
  // every other matching entry adds what it skips.
  const allows = matching(ctx.policy.clients.allow, ctx, false);
  const all = allows.find((e) => (e.scope ?? 'all') === 'all');
  if (all) {
    return result({
      check: 'client access',
      stage: 'smtpd',
      status: 'hit',
      outcome: 'accept',
      rule: allowRule(all),
      detail: `${allowWords(all)}; no further checks`,
    });
  }
  const allow = allows[0];
  if (!allow)
    return result({
      check: 'client access',
      stage: 'smtpd',
      status: 'miss',
      outcome: 'continue',
      detail: 'not in the client lists',
    });
  const scopes = new Set(allows.map((e) => e.scope ?? 'all'));
  for (const scope of scopes) if (scope === 'greylisting' || scope === 'dnsbl') ctx.skip.add(scope);
  const scopeWords = [...scopes].map((x) => (x === 'dnsbl' ? 'DNS lists' : x)).join(' and ');
  return result({
    check: 'client access',
    stage: 'smtpd',
    status: 'hit',
    outcome: 'allow',
    rule: allowRule(allow),
    detail: `${allowWords(allow)}; skips ${scopeWords}`,
  });
}

/**
 * Postfix's access tables look user+foo@domain up as itself and then as user@domain (access(5),
 * EMAIL ADDRESS EXTENSION; recipient_delimiter = +): an entry for user@domain covers both.
 */
function senderEntryMatches(entry: string, sender: string): boolean {
  const base = sender.replace(/\+[^@]*@/, '@');
  return senderMatches(entry, sender) || (base !== sender && senderMatches(entry, base));
}

export function senderAccess(ctx: CheckContext): CheckResult {
  const sender = ctx.sender;
  if (sender === undefined || sender === '') {
    return result({
      check: 'sender access',
      stage: 'smtpd',
      status: 'skipped',
      outcome: 'continue',
      detail: sender === '' ? 'null sender (a bounce)' : 'no sender given',
    });
  }
  const deny = ctx.policy.senders.deny.find(
    (e) => isActive(e, ctx.now) && senderEntryMatches(e.value, sender),
  );
  if (deny) {
    return result(
      {
        check: 'sender access',
        stage: 'smtpd',
        status: 'hit',
        outcome: 'reject',
        rule: 'sender.deny',
        detail: `sender denylisted: ${deny.value}`,
      },
      REPLIES.senderDenied(sender),
    );
  }
  const allow = ctx.policy.senders.allow.find(
    (e) => isActive(e, ctx.now) && senderEntryMatches(e.value, sender),
  );
  if (!allow)
    return result({
      check: 'sender access',
      stage: 'smtpd',
      status: 'miss',
      outcome: 'continue',
      detail: 'not in the sender lists',
    });
  if (!allow.requireSpf)
    return result({
      check: 'sender access',
      stage: 'smtpd',
      status: 'hit',
      outcome: 'accept',
      rule: 'sender.allow',
      detail: `sender allowlisted: ${allow.value}`,
    });
  if (ctx.profile.policyService !== 'mxwarden' && allow.spfRanges?.length) {
    // Compiled as "this sender, from these addresses" (its SPF ranges pinned when whitelisted).
    const inside = allow.spfRanges.some((r) => {
      const p = parseClientPattern(r);
      return p.ok && clientMatches(p.pattern, ctx.address, undefined);
    });
    return result({
      check: 'sender access',
      stage: 'smtpd',
      status: inside ? 'hit' : 'miss',
      outcome: inside ? 'accept' : 'continue',
      ...(inside ? { rule: 'sender.allow' as const } : {}),
      detail: inside
        ? `sender allowlisted from its SPF ranges: ${allow.value}`
        : `${allow.value} is allowlisted only from its SPF ranges; ${ctx.address} is outside them`,
    });
  }
  if (ctx.profile.policyService !== 'mxwarden') {
    return result({
      check: 'sender access',
      stage: 'smtpd',
      status: 'not-enforced',
      outcome: 'continue',
      rule: 'sender.allow',
      detail: `${allow.value} is allowlisted only with SPF pass, which ${ctx.profile.name} cannot check (it needs mxwarden's policy service)`,
    });
  }
  const spf = ctx.facts.spf?.result;
  return spf === 'pass'
    ? result({
        check: 'sender access',
        stage: 'smtpd',
        status: 'hit',
        outcome: 'accept',
        rule: 'sender.allow',
        detail: `sender allowlisted with SPF pass: ${allow.value}`,
      })
    : result({
        check: 'sender access',
        stage: 'smtpd',
        status: 'miss',
        outcome: 'continue',
        detail: `${allow.value} is allowlisted only with SPF pass; SPF says ${spf ?? 'nothing'}`,
      });
}
