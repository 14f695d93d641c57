// The seed table over a stream of events: for each outcome of an SMTP attempt — accepted, or
// refused for a reason (each RBL, no rDNS, early talkers, unknown recipients, …) — its count and
// its share of all the attempts counted. Greylisting is split in two by looking ahead in the
// file: deferred attempts whose triplet later passed, and those never followed by a pass.
// Counting rules, so that one attempt is one row:
//   - rejects and defers count per line (Postfix and Exim write one per refused recipient);
//   - postscreen's PREGREET, protocol-test and DENYLISTED lines count per connection, and the
//     "Protocol error" / "Service currently unavailable" reply that follows them (marked by
//     LineParser) is not counted again;
//   - a policy service's own decision lines (postgrey, mxwarden, policyd-weight) only inform
//     the greylisting correlation: smtpd's reject of the same attempt is the row;
//   - dry-run rejections (reject_warning), discards and holds get rows of their own.
// Runtime: pure.

import { ruleLabel } from '../../policy/rules';
import type { ParsedLine, VerdictEvent } from '../events';
import { isReasonClass, reasonLabel } from '../reasons';
import { GreylistEpisodes, type EpisodeOptions } from './greylist-episodes';

export interface SummaryRow {
  /** A rule id, a reason class, 'accepted', 'greylist.passed', 'greylist.never-passed', or one
   * of these prefixed 'dry-run:', 'discarded:', 'held:'. */
  key: string;
  label: string;
  count: number;
  /** Of all the rows' counts, one decimal. */
  percent: number;
}

export interface SummaryReport {
  rows: SummaryRow[];
  total: number;
  lines: number;
  /** Lines that are not empty and not recognised. */
  unknownLines: number;
  emptyLines: number;
  kinds: Record<string, number>;
  /** dnsblog's per-list hits, most first. */
  listHits: { list: string; hits: number }[];
  greylisting: {
    deferredAttempts: number;
    passedAttempts: number;
    neverPassedAttempts: number;
    passedTriplets: number;
    neverPassedTriplets: number;
    /** Seconds from first attempt to pass, where the pass line says (postgrey's delay=). */
    medianDelaySeconds?: number;
  };
}

const PREFIX_LABEL: Record<string, string> = {
  'dry-run': 'dry run, not rejected',
  discarded: 'discarded',
  held: 'held',
};

export function rowLabel(key: string): string {
  if (key === 'accepted') return 'Accepted (messages)';
  if (key === 'greylist.passed') return 'Greylisted, passed on a retry';
  if (key === 'greylist.never-passed') return 'Greylisted, never passed';
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon) : '';
  if (PREFIX_LABEL[prefix]) return `${rowLabel(key.slice(colon + 1))} (${PREFIX_LABEL[prefix]})`;
  if (isReasonClass(key)) return reasonLabel(key);
  return ruleLabel(key);
}

const PASS_EVIDENCE = new Set([
  'triplet-found',
  'client-whitelist',
  'recipient-whitelist',
  'client-awl',
]);

export class LogSummary {
  private readonly rows = new Map<string, number>();
  private readonly kinds: Record<string, number> = {};
  private readonly lists = new Map<string, number>();
  private readonly greylist: GreylistEpisodes;
  private lines = 0;
  private unknown = 0;
  private empty = 0;

  constructor(options: EpisodeOptions = {}) {
    this.greylist = new GreylistEpisodes(options);
  }

  private bump(key: string): void {
    this.rows.set(key, (this.rows.get(key) ?? 0) + 1);
  }

  private verdict(e: VerdictEvent): void {
    if (e.afterFinding) return;
    const key = e.ruleId ?? e.reasonClass;
    switch (e.kind) {
      case 'reject':
      case 'defer':
        if (e.ruleId === 'greylist' && e.clientAddress !== undefined && e.recipient !== undefined) {
          this.greylist.deferred('smtpd', e.clientAddress, e.sender ?? '', e.recipient);
        } else this.bump(key);
        return;
      case 'reject_warning':
        this.bump(`dry-run:${key}`);
        return;
      case 'discard':
        this.bump(`discarded:${key}`);
        return;
      case 'hold':
        this.bump(`held:${key}`);
        return;
      default:
        return;
    }
  }

  add(e: ParsedLine): void {
    this.lines++;
    this.kinds[e.kind] = (this.kinds[e.kind] ?? 0) + 1;
    switch (e.kind) {
      case 'unknown':
        // A blank line is not a line we failed to understand.
        if (e.why === 'empty') this.empty++;
        else this.unknown++;
        return;
      case 'reject':
      case 'defer':
      case 'reject_warning':
      case 'discard':
      case 'hold':
        this.verdict(e);
        return;
      case 'message.accepted':
        this.bump('accepted');
        if (e.clientAddress !== undefined) this.greylist.messageClient(e.queueId, e.clientAddress);
        if (e.sender !== undefined) this.greylist.messageSender(e.queueId, e.sender);
        return;
      case 'message.queued':
        this.greylist.messageSender(e.queueId, e.sender);
        return;
      case 'delivery':
        this.greylist.messageRecipient(e.queueId, e.recipient);
        if (e.origRecipient !== undefined)
          this.greylist.messageRecipient(e.queueId, e.origRecipient);
        return;
      case 'message.removed':
        this.greylist.messageGone(e.queueId);
        return;
      case 'greylist':
        if (e.clientAddress !== undefined && e.recipient !== undefined) {
          this.greylist.deferred('policy', e.clientAddress, e.sender ?? '', e.recipient);
        }
        return;
      case 'greylist.pass':
        if (
          PASS_EVIDENCE.has(e.passClass) &&
          e.clientAddress !== undefined &&
          e.recipient !== undefined
        )
          this.greylist.passed(e.clientAddress, e.sender ?? '', e.recipient, e.delaySeconds);
        return;
      case 'postscreen.pregreet':
        this.bump('postscreen.pregreet');
        return;
      case 'postscreen.protocol':
        this.bump('postscreen.protocol');
        return;
      case 'postscreen.denylisted':
        this.bump('client.deny');
        return;
      case 'protocol.violation':
        // Exim's "input sent without waiting for greeting" is the same early talker.
        if (e.violation === 'pregreet') this.bump('postscreen.pregreet');
        return;
      case 'dnsbl.hit':
        this.lists.set(e.list, (this.lists.get(e.list) ?? 0) + 1);
        return;
      default:
        return;
    }
  }

  report(): SummaryReport {
    const never = this.greylist.neverPassed();
    const counts = new Map(this.rows);
    if (this.greylist.passedAttempts) counts.set('greylist.passed', this.greylist.passedAttempts);
    if (never.attempts) counts.set('greylist.never-passed', never.attempts);
    let total = 0;
    for (const c of counts.values()) total += c;
    const rows = [...counts.entries()]
      .map(([key, count]) => ({
        key,
        label: rowLabel(key),
        count,
        percent: total ? Math.round((count / total) * 1000) / 10 : 0,
      }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    const delays = [...this.greylist.delays].sort((a, b) => a - b);
    const median = delays.length ? delays[Math.floor((delays.length - 1) / 2)] : undefined;
    return {
      rows,
      total,
      lines: this.lines,
      unknownLines: this.unknown,
      emptyLines: this.empty,
      kinds: { ...this.kinds },
      listHits: [...this.lists.entries()]
        .map(([list, hits]) => ({ list, hits }))
        .sort((a, b) => b.hits - a.hits || a.list.localeCompare(b.list)),
      greylisting: {
        deferredAttempts: this.greylist.passedAttempts + never.attempts,
        passedAttempts: this.greylist.passedAttempts,
        neverPassedAttempts: never.attempts,
        passedTriplets: this.greylist.passedTriplets,
        neverPassedTriplets: never.triplets,
        ...(median !== undefined ? { medianDelaySeconds: median } : {}),
      },
    };
  }
}
