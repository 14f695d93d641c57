// What a run of log lines adds to the store, gathered in memory and written in one transaction:
// rollup counts per minute, the events kept one by one, greylisting operations in order, and
// line counts. Plain data, so a worker thread can build one and hand it over.
// Runtime: pure.

import type { Metric } from './rollup-key';

/** One rejection, deferral, dry-run or accepted message, as stored. */
export interface EventRow {
  time: number;
  metric: Metric;
  reason: string;
  rule: string;
  client: string | null;
  clientName: string | null;
  helo: string | null;
  sender: string | null;
  /** Organisational domain of the sender (public-suffix aware); null for the null sender. */
  senderDomain: string | null;
  recipient: string | null;
  /** The log line of a rejection or deferral (the review queue's samples); null otherwise. */
  line?: string | null;
}

export type GreylistOp =
  | {
      op: 'defer';
      /** Who logged it: the policy service (postgrey, mxwarden) or smtpd's "Greylisted" reply. */
      by: 'policy' | 'smtpd';
      triplet: string;
      time: number;
      client: string;
      clientName: string | null;
      sender: string;
      senderDomain: string | null;
      recipient: string;
    }
  | { op: 'pass'; triplet: string; time: number; delaySeconds?: number };

export interface StatsBatch {
  /** `${minute}\u0001${metric}\u0001${reason}\u0001${rule}` → count; minute = Unix ms / 60 000. */
  rollups: Map<string, number>;
  events: EventRow[];
  greylist: GreylistOp[];
  lines: number;
  /** Lines no parser recognised (blank lines not included). */
  unknown: number;
  /** Time of the latest line that had one. */
  lastTime: number | undefined;
}

export const SEP = '\u0001';

export function newBatch(): StatsBatch {
  return {
    rollups: new Map(),
    events: [],
    greylist: [],
    lines: 0,
    unknown: 0,
    lastTime: undefined,
  };
}

export function addRollup(
  b: StatsBatch,
  time: number,
  metric: string,
  reason: string,
  rule: string,
  n = 1,
): void {
  const key = `${Math.floor(time / 60_000)}${SEP}${metric}${SEP}${reason}${SEP}${rule}`;
  b.rollups.set(key, (b.rollups.get(key) ?? 0) + n);
}

export function batchIsEmpty(b: StatsBatch): boolean {
  return b.lines === 0 && b.rollups.size === 0 && b.events.length === 0 && b.greylist.length === 0;
}

/** Appends `from` to `into` (from's lines come after into's). */
export function mergeBatch(into: StatsBatch, from: StatsBatch): void {
  for (const [k, v] of from.rollups) into.rollups.set(k, (into.rollups.get(k) ?? 0) + v);
  for (const e of from.events) into.events.push(e);
  for (const g of from.greylist) into.greylist.push(g);
  into.lines += from.lines;
  into.unknown += from.unknown;
  if (from.lastTime !== undefined) into.lastTime = from.lastTime;
}
