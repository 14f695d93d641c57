// The review queue's reads over the statistics (rejected client/sender-domain pairs of a range,
// their rules and sample lines, the servers that rejected them, greylisting episodes) and its own
// tables: the admin's decisions with their undo, and the strong-evidence alerts given.
// Runtime: Node.

import type { Db } from './database';
import type { ReviewPair } from '../app/types/review';

export interface PairRow {
  client: string;
  senderDomain: string;
  name: string | null;
  count: number;
  first: number;
  last: number;
  sourceIds: number[];
  senders: string[];
}

export interface DecisionRow {
  id: number;
  itemKey: string;
  label: string;
  kind: 'whitelist' | 'dismiss';
  change: unknown;
  versionId: number | null;
  note: string;
  actor: string;
  decidedAt: number;
  undoneAt: number | null;
}

interface RawDecision {
  id: number;
  item_key: string;
  label: string;
  kind: 'whitelist' | 'dismiss';
  change: string;
  version_id: number | null;
  note: string;
  actor: string;
  decided_at: number;
  undone_at: number | null;
}

const toDecision = (r: RawDecision): DecisionRow => ({
  id: r.id,
  itemKey: r.item_key,
  label: r.label,
  kind: r.kind,
  change: JSON.parse(r.change) as unknown,
  versionId: r.version_id,
  note: r.note,
  actor: r.actor,
  decidedAt: r.decided_at,
  undoneAt: r.undone_at,
});

/** `(client = ? AND sender_domain = ?) OR …` for a few pairs, with its parameters. */
function pairFilter(pairs: readonly ReviewPair[]): { sql: string; params: string[] } {
  if (!pairs.length) return { sql: '0', params: [] };
  return {
    sql: pairs.map(() => "(e.client = ? AND coalesce(e.sender_domain, '') = ?)").join(' OR '),
    params: pairs.flatMap((p) => [p.client, p.senderDomain]),
  };
}

/** Greylisting aside (its episodes are the delays view): refusals a sender could be hurt by. */
const REFUSED = "e.metric IN ('reject', 'defer') AND e.rule != 'greylist' AND e.client IS NOT NULL";

export class ReviewRepo {
  constructor(private readonly db: Db) {}

  /** Refused client/sender-domain pairs of the range, most refused first. */
  pairs(from: number, to: number, limit = 5000): PairRow[] {
    const rows = this.db
      .prepare(
        `SELECT e.client, coalesce(e.sender_domain, '') AS senderDomain,
           max(e.client_name) AS name, count(*) AS count, min(e.time) AS first,
           max(e.time) AS last, json_group_array(DISTINCT e.source_id) AS sources,
           json_group_array(DISTINCT e.sender) AS senders
         FROM stats_events e
         WHERE e.time >= ? AND e.time < ? AND ${REFUSED}
         GROUP BY e.client, senderDomain ORDER BY count DESC LIMIT ?`,
      )
      .all(from, to, limit) as {
      client: string;
      senderDomain: string;
      name: string | null;
      count: number;
      first: number;
      last: number;
      sources: string;
      senders: string;
    }[];
    return rows.map((r) => ({
      client: r.client,
      senderDomain: r.senderDomain,
      name: r.name,
      count: r.count,
      first: r.first,
      last: r.last,
      sourceIds: JSON.parse(r.sources) as number[],
      senders: (JSON.parse(r.senders) as (string | null)[]).filter(
        (s): s is string => typeof s === 'string' && s !== '',
      ),
    }));
  }

  /** Refusals per pair and rule (or reason class when no rule applies). */
  rules(
    from: number,
    to: number,
  ): { client: string; senderDomain: string; rule: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT e.client, coalesce(e.sender_domain, '') AS senderDomain,
           CASE WHEN e.rule != '' THEN e.rule ELSE e.reason END AS rule, count(*) AS count
         FROM stats_events e WHERE e.time >= ? AND e.time < ? AND ${REFUSED}
         GROUP BY 1, 2, 3`,
      )
      .all(from, to) as { client: string; senderDomain: string; rule: string; count: number }[];
  }

  /** The newest refusals of some pairs, with their lines. */
  samples(
    pairs: readonly ReviewPair[],
    from: number,
    to: number,
    limit = 10,
  ): {
    time: number;
    sourceId: number;
    rule: string;
    client: string;
    sender: string | null;
    recipient: string | null;
    line: string | null;
  }[] {
    const f = pairFilter(pairs.slice(0, 200));
    return this.db
      .prepare(
        `SELECT e.time, e.source_id AS sourceId,
           CASE WHEN e.rule != '' THEN e.rule ELSE e.reason END AS rule, e.client, e.sender,
           e.recipient, e.line
         FROM stats_events e
         WHERE e.time >= ? AND e.time < ? AND ${REFUSED} AND (${f.sql})
         ORDER BY e.time DESC LIMIT ?`,
      )
      .all(from, to, ...f.params, limit) as ReturnType<ReviewRepo['samples']>;
  }

  /** The managed servers whose logs show refusals of these pairs (ever). */
  serverIdsOf(pairs: readonly ReviewPair[]): number[] {
    const f = pairFilter(pairs.slice(0, 500));
    return this.db
      .prepare(
        `SELECT DISTINCT s.server_id FROM stats_events e JOIN log_sources s ON s.id = e.source_id
         WHERE ${REFUSED} AND s.server_id IS NOT NULL AND (${f.sql})`,
      )
      .pluck()
      .all(...f.params) as number[];
  }

  /** Greylisting episodes that started in the range. */
  greylist(
    from: number,
    to: number,
    limit = 20_000,
  ): {
    client: string;
    clientName: string | null;
    sender: string;
    senderDomain: string;
    recipient: string;
    delay: number | null;
    passed: number;
  }[] {
    return this.db
      .prepare(
        `SELECT client, client_name AS clientName, sender, coalesce(sender_domain, '') AS senderDomain,
           recipient, delay_s AS delay, passed_at IS NOT NULL AS passed
         FROM stats_greylist WHERE first_at >= ? AND first_at < ? ORDER BY first_at DESC LIMIT ?`,
      )
      .all(from, to, limit) as ReturnType<ReviewRepo['greylist']>;
  }

  addDecision(d: Omit<DecisionRow, 'id' | 'undoneAt'>): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO review_decisions (item_key, label, kind, change, version_id, note, actor,
             decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          d.itemKey,
          d.label,
          d.kind,
          JSON.stringify(d.change),
          d.versionId,
          d.note,
          d.actor,
          d.decidedAt,
        ).lastInsertRowid,
    );
  }

  decision(id: number): DecisionRow | undefined {
    const r = this.db.prepare('SELECT * FROM review_decisions WHERE id = ?').get(id) as
      RawDecision | undefined;
    return r && toDecision(r);
  }

  /** The decision in force per item key (the newest not undone). */
  activeDecisions(): Map<string, DecisionRow> {
    const rows = this.db
      .prepare('SELECT * FROM review_decisions WHERE undone_at IS NULL ORDER BY id')
      .all() as RawDecision[];
    return new Map(rows.map((r) => [r.item_key, toDecision(r)]));
  }

  markUndone(id: number, at: number): void {
    this.db.prepare('UPDATE review_decisions SET undone_at = ? WHERE id = ?').run(at, id);
  }

  /** The pair's newest refusal (greylisting aside), Unix ms. */
  lastRefusal(client: string, senderDomain: string): number | undefined {
    const t = this.db
      .prepare(
        `SELECT max(e.time) FROM stats_events e
         WHERE e.client = ? AND coalesce(e.sender_domain, '') = ? AND ${REFUSED}`,
      )
      .pluck()
      .get(client, senderDomain) as number | null;
    return t ?? undefined;
  }

  /** Records an alert for the item; false when one was already given. */
  alertOnce(itemKey: string, at: number): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO review_alerts (item_key, alerted_at) VALUES (?, ?)')
        .run(itemKey, at).changes === 1
    );
  }
}
