// What one event adds to the statistics: the rollup row it counts in (metric, reason class and
// rule), and the metrics that make the seed table. The counting rules are LogSummary's
// (core/logs/summary/summary.ts), so `mxwarden logs summary` and the dashboard agree on a file:
// rejects and defers count per line, postscreen's findings per connection (the "Protocol error"
// reply that follows them is not counted again), policy services' own decision lines only feed
// greylisting, accepted messages per smtpd `client=` line. Runtime: pure.

import type { ParsedLine, VerdictEvent } from '../logs/events';

/** Rollup metrics. Verdict metrics make seed-table rows; the others are counters for charts. */
export const VERDICT_METRICS = ['reject', 'defer', 'dry-run', 'discard', 'hold'] as const;
export type VerdictMetric = (typeof VERDICT_METRICS)[number];

export type Metric =
  | VerdictMetric
  | 'accepted'
  | 'connect'
  | 'disconnect'
  | 'disconnect.noquit'
  | 'postscreen.connect'
  | 'postscreen.pass'
  | 'dnsbl.hit'
  | 'dnsbl.set';

export interface Contribution {
  metric: Metric;
  /** A reason class (core/logs/reasons.ts), '' where none applies. */
  reason: string;
  /** A rule id (core/policy/rules.ts), a list zone for DNSBL metrics, '' where none applies. */
  rule: string;
}

const VERDICT_METRIC: Partial<Record<VerdictEvent['kind'], VerdictMetric>> = {
  reject: 'reject',
  defer: 'defer',
  reject_warning: 'dry-run',
  discard: 'discard',
  hold: 'hold',
};

export function isVerdictMetric(metric: string): metric is VerdictMetric {
  return (VERDICT_METRICS as readonly string[]).includes(metric);
}

/** The seed table's key of a verdict row: the rule when one is known, else the reason class. */
export function seedKey(metric: VerdictMetric, reason: string, rule: string): string {
  const key = rule || reason;
  switch (metric) {
    case 'dry-run':
      return `dry-run:${key}`;
    case 'discard':
      return `discarded:${key}`;
    case 'hold':
      return `held:${key}`;
    default:
      return key;
  }
}

const PREGREET: Contribution = {
  metric: 'reject',
  reason: 'protocol-error',
  rule: 'postscreen.pregreet',
};
const PROTOCOL: Contribution = {
  metric: 'reject',
  reason: 'protocol-error',
  rule: 'postscreen.protocol',
};
const DENYLISTED: Contribution = { metric: 'reject', reason: 'client.access', rule: 'client.deny' };
const ACCEPTED: Contribution = { metric: 'accepted', reason: '', rule: '' };
const CONNECT: Contribution = { metric: 'connect', reason: '', rule: '' };
const POSTSCREEN_CONNECT: Contribution = { metric: 'postscreen.connect', reason: '', rule: '' };
const DISCONNECT: Contribution = { metric: 'disconnect', reason: '', rule: '' };
const NO_QUIT: Contribution = { metric: 'disconnect.noquit', reason: '', rule: '' };

/**
 * The server talking to itself: mxwarden's push verifies each listener after a reload by
 * connecting from the server (127.0.0.1 through the SSH channel) and reading the banner. Those
 * sessions are not the Internet's mail; counted, they would show as quit-less connections.
 */
const OWN_ADDRESSES = new Set(['127.0.0.1', '::1']);

/** Session bookkeeping (no verdict) of the server's own probe connections: counted nowhere. */
function isOwnProbe(e: ParsedLine): boolean {
  switch (e.kind) {
    case 'connect':
    case 'disconnect':
    case 'postscreen.connect':
    case 'postscreen.pass':
      return e.clientAddress !== undefined && OWN_ADDRESSES.has(e.clientAddress);
    default:
      return false;
  }
}

/**
 * The rollup rows one event counts in (most count in none). A disconnect without QUIT counts
 * twice: as a disconnect and as a quit-less one.
 */
export function contributions(e: ParsedLine): readonly Contribution[] {
  if (isOwnProbe(e)) return [];
  switch (e.kind) {
    case 'reject':
    case 'defer':
    case 'reject_warning':
    case 'discard':
    case 'hold': {
      if (e.afterFinding) return [];
      const metric = VERDICT_METRIC[e.kind] as VerdictMetric;
      return [{ metric, reason: e.reasonClass, rule: e.ruleId ?? '' }];
    }
    case 'postscreen.pregreet':
      return [PREGREET];
    case 'postscreen.protocol':
      return [PROTOCOL];
    case 'postscreen.denylisted':
      return [DENYLISTED];
    case 'protocol.violation':
      // Exim's "input sent without waiting for greeting" is the same early talker.
      return e.violation === 'pregreet' ? [PREGREET] : [];
    case 'message.accepted':
      return [ACCEPTED];
    case 'connect':
      return [CONNECT];
    case 'postscreen.connect':
      return [POSTSCREEN_CONNECT];
    case 'postscreen.pass':
      return [{ metric: 'postscreen.pass', reason: e.verdict, rule: '' }];
    case 'disconnect': {
      // Exim's session summaries carry no command counts: they say nothing about QUIT.
      if (e.commands === undefined && e.commandsTotal === undefined) return [];
      const quit = e.commands?.quit;
      return quit !== undefined && quit.ok > 0 ? [DISCONNECT] : [DISCONNECT, NO_QUIT];
    }
    case 'dnsbl.hit':
      return [{ metric: 'dnsbl.hit', reason: '', rule: e.list.toLowerCase() }];
    default:
      return [];
  }
}
