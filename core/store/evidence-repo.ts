// False-positive evidence (computed once per rejected client and sender domain, then cached),
// the admin's marks, and the two facts the store itself knows: the addresses a sender domain
// came from (a sending pool) and mail from the client accepted after its first rejection.
// Runtime: Node.

import type { Db } from './database';

export interface StoredEvidence {
  client: string;
  senderDomain: string;
  computedAt: number;
  score: number;
  likely: boolean;
  evidence: unknown;
}

export interface MarkRow {
  id: number;
  client: string;
  senderDomain: string;
  wanted: boolean;
  note: string;
  actor: string;
  markedAt: number;
}

interface RawMark {
  id: number;
  client: string;
  sender_domain: string;
  wanted: number;
  note: string;
  actor: string;
  marked_at: number;
}

const toMark = (r: RawMark): MarkRow => ({
  id: r.id,
  client: r.client,
  senderDomain: r.sender_domain,
  wanted: r.wanted === 1,
  note: r.note,
  actor: r.actor,
  markedAt: r.marked_at,
});

export class EvidenceRepo {
  constructor(private readonly db: Db) {}

  get(client: string, senderDomain: string): StoredEvidence | undefined {
    const r = this.db
      .prepare('SELECT * FROM fp_evidence WHERE client = ? AND sender_domain = ?')
      .get(client, senderDomain) as
      | {
          client: string;
          sender_domain: string;
          computed_at: number;
          score: number;
          likely: number;
          evidence: string;
        }
      | undefined;
    return (
      r && {
        client: r.client,
        senderDomain: r.sender_domain,
        computedAt: r.computed_at,
        score: r.score,
        likely: r.likely === 1,
        evidence: JSON.parse(r.evidence) as unknown,
      }
    );
  }

  put(e: StoredEvidence): void {
    this.db
      .prepare(
        `INSERT INTO fp_evidence (client, sender_domain, computed_at, score, likely, evidence)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (client, sender_domain) DO UPDATE SET computed_at = excluded.computed_at,
           score = excluded.score, likely = excluded.likely, evidence = excluded.evidence`,
      )
      .run(
        e.client,
        e.senderDomain,
        e.computedAt,
        e.score,
        e.likely ? 1 : 0,
        JSON.stringify(e.evidence),
      );
  }

  /** The most specific mark that applies to this client and sender domain ('' in a mark: any). */
  markFor(client: string, senderDomain: string): MarkRow | undefined {
    const r = this.db
      .prepare(
        `SELECT * FROM fp_marks
         WHERE (client = ? OR client = '') AND (sender_domain = ? OR sender_domain = '')
         ORDER BY (client != '') + (sender_domain != '') DESC LIMIT 1`,
      )
      .get(client, senderDomain) as RawMark | undefined;
    return r && toMark(r);
  }

  exactMark(client: string, senderDomain: string): MarkRow | undefined {
    const r = this.db
      .prepare('SELECT * FROM fp_marks WHERE client = ? AND sender_domain = ?')
      .get(client, senderDomain) as RawMark | undefined;
    return r && toMark(r);
  }

  setMark(m: Omit<MarkRow, 'id'>): MarkRow {
    this.db
      .prepare(
        `INSERT INTO fp_marks (client, sender_domain, wanted, note, actor, marked_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (client, sender_domain) DO UPDATE SET wanted = excluded.wanted,
           note = excluded.note, actor = excluded.actor, marked_at = excluded.marked_at`,
      )
      .run(m.client, m.senderDomain, m.wanted ? 1 : 0, m.note, m.actor, m.markedAt);
    return this.exactMark(m.client, m.senderDomain) as MarkRow;
  }

  marks(): MarkRow[] {
    return (
      this.db.prepare('SELECT * FROM fp_marks ORDER BY marked_at DESC').all() as RawMark[]
    ).map(toMark);
  }

  /** The client's first rejection or deferral (greylisting included), Unix ms. */
  firstRefusal(client: string): number | undefined {
    const fromEvents = this.db
      .prepare(
        "SELECT min(time) FROM stats_events WHERE client = ? AND metric IN ('reject', 'defer')",
      )
      .pluck()
      .get(client) as number | null;
    const fromGreylist = this.db
      .prepare('SELECT min(first_at) FROM stats_greylist WHERE client = ?')
      .pluck()
      .get(client) as number | null;
    const all = [fromEvents, fromGreylist].filter((t): t is number => t !== null);
    return all.length ? Math.min(...all) : undefined;
  }

  /** Messages from the client accepted after `time`. */
  acceptedAfter(client: string, time: number): { messages: number; firstAt?: number } {
    const r = this.db
      .prepare(
        "SELECT count(*) AS n, min(time) AS first FROM stats_events WHERE client = ? AND metric = 'accepted' AND time > ?",
      )
      .get(client, time) as { n: number; first: number | null };
    return r.first === null ? { messages: r.n } : { messages: r.n, firstAt: r.first };
  }

  /** Client addresses (with their verified names) the sender domain came from, refused or not. */
  addressesOf(senderDomain: string, limit = 2000): { client: string; name: string | null }[] {
    return this.db
      .prepare(
        `SELECT client, max(name) AS name FROM (
           SELECT client, client_name AS name FROM stats_events
             WHERE sender_domain = ? AND client IS NOT NULL
           UNION ALL
           SELECT client, client_name AS name FROM stats_greylist WHERE sender_domain = ?)
         GROUP BY client LIMIT ?`,
      )
      .all(senderDomain, senderDomain, limit) as { client: string; name: string | null }[];
  }
}
