// Policy validation in words: "line 3 of the client allowlist: 10.0.0.0/33 is not a network".
// Runtime: pure.

import type { z } from 'zod';
import { issuesOf, type ValidationIssue } from '../app/validation';
import { policySchema, type Policy } from './schema';

const LISTS: [string, string][] = [
  ['clients.allow', 'the client allowlist'],
  ['clients.deny', 'the client denylist'],
  ['senders.allow', 'the sender allowlist'],
  ['senders.deny', 'the sender denylist'],
  ['recipients.exempt', 'the recipients exempt from filtering'],
  ['dnsbl.lists', 'the DNS lists'],
  ['greylisting.exceptions.clients', 'the clients exempt from greylisting'],
  [
    'greylisting.exceptions.spfValidatedSenders',
    'the senders exempt from greylisting when SPF passes',
  ],
  ['greylisting.exceptions.recipients', 'the recipients exempt from greylisting'],
  ['helo.ourNames', 'our own names'],
  ['cloudSenders', 'the whitelisted cloud senders'],
];

const FIELDS: Record<string, string> = {
  'dnsbl.threshold': 'DNSBL threshold',
  'dnsbl.allowlistThreshold': 'DNSBL allowlist threshold',
  'greylisting.delaySeconds': 'greylisting delay (seconds)',
  'greylisting.retryWindowHours': 'greylisting retry window (hours)',
  'greylisting.maxAgeDays': 'greylisting maximum age (days)',
  'greylisting.ipv4Prefix': 'greylisting IPv4 prefix',
  'greylisting.ipv6Prefix': 'greylisting IPv6 prefix',
  'greylisting.autoWhitelistAfter': 'auto-whitelist after (passes)',
  'earlyTalker.greetWaitSeconds': 'greet wait (seconds)',
  'helo.invalid': 'invalid HELO check',
  'helo.nonFqdn': 'non-FQDN HELO check',
  'helo.claimsToBeUs': 'HELO claiming to be us check',
  'rdns.action': 'reverse DNS check',
  'spf.fail': 'SPF fail check',
  'spf.softfail': 'SPF softfail check',
  'greylisting.applyTo': 'greylisting applies to',
  'greylisting.normalizeSender': 'sender normalisation',
  'greylisting.enabled': 'greylisting',
  'greylisting.dryRun': 'greylisting dry-run',
  'earlyTalker.action': 'early-talker action',
  'earlyTalker.enabled': 'early-talker test',
  earlyTalker: 'early-talker test',
  'rdns.require': 'reverse DNS requirement',
  'quotas.messagesPerClientPerHour': 'messages per client per hour',
  quotas: 'quotas',
  'reoffenders.rejectionsBeforeBan': 'rejections before a ban',
  'reoffenders.banDays': 'ban length (days)',
  reoffenders: 'reoffender escalation',
  name: 'policy name',
};

/** 'clients.allow.2.value' → 'line 3 of the client allowlist'. */
export function describePath(path: (string | number)[]): string {
  const dotted = path.join('.');
  for (const [prefix, name] of LISTS) {
    if (dotted.startsWith(`${prefix}.`)) {
      const rest = path.slice(prefix.split('.').length);
      const index = rest[0];
      if (typeof index === 'number') {
        const field = rest.slice(1).join('.');
        return `line ${index + 1} of ${name}${field && field !== 'value' ? ` (${field})` : ''}`;
      }
    }
  }
  for (const [field, label] of Object.entries(FIELDS).sort((a, b) => b[0].length - a[0].length)) {
    if (dotted === field || dotted.startsWith(`${field}.`)) {
      const rest = dotted.slice(field.length + 1);
      return rest ? `${label} (${rest})` : label;
    }
  }
  return dotted || 'the policy';
}

export function policyIssues(error: z.ZodError): ValidationIssue[] {
  const described = error.issues.map((i) => describePath(i.path as (string | number)[]));
  return issuesOf(error).map((issue, i) => ({
    path: described[i] ?? issue.path,
    message: issue.message,
    at: error.issues[i]?.path.map((p) => (typeof p === 'number' ? p : String(p))) ?? [],
  }));
}

export type PolicyValidation =
  { ok: true; policy: Policy } | { ok: false; issues: ValidationIssue[] };

export function validatePolicy(input: unknown): PolicyValidation {
  const parsed = policySchema.safeParse(input);
  return parsed.success
    ? { ok: true, policy: parsed.data }
    : { ok: false, issues: policyIssues(parsed.error) };
}

/** One line per problem, for the CLI and error messages. */
export function issueLines(issues: ValidationIssue[]): string[] {
  return issues.map((i) => `${i.path}: ${i.message}`);
}
