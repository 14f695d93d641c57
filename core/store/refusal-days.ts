// Rejections per source, UTC day and seed key, with how many of them belong to a client/sender
// pair that is "covered" — has false-positive evidence or a mark of the admin's. The dashboard's
// false-positive standing over long ranges reads these rows instead of grouping every rejection
// kept (a 90-day query over 20 servers grouped half a million rows). Coverage only ever grows
// (evidence and marks are replaced, never deleted), so it is kept exact with three moves: an
// import counts its rejections as covered or not by the pair's coverage at that moment, new
// evidence adds its pair's earlier rejections, and a new mark adds those of the pairs it is the
// first to cover. Which of the covered were likely or confirmed wanted is asked of the few pairs
// with such evidence or marks when the dashboard reads. The top rejected clients and sender
// domains are counted per day too, per source and for all sources together (source 0: the
// dashboard's usual scope reads one row per client and day, not one per server as well).
// Runtime: Node.

import type { EventRow } from '../stats/batch';
import type { Db } from './database';

export const DAY_MS = 86_400_000;

/** The seed key of a stored rejection: its rule when known, else its reason class. */
const KEY = "CASE WHEN e.rule != '' THEN e.rule ELSE e.reason END";
const REFUSED = "e.metric IN ('reject', 'defer') AND e.client IS NOT NULL";

/** True when the pair (column expressions) has evidence or any mark that applies to it. */
export function coveredSql(client: string, domain: string): string {
  return `(EXISTS (SELECT 1 FROM fp_evidence ev WHERE ev.client = ${client} AND ev.sender_domain = ${domain})
    OR EXISTS (SELECT 1 FROM fp_marks m WHERE (m.client = ${client} OR m.client = '')
      AND (m.sender_domain = ${domain} OR m.sender_domain = '')))`;
}

const ADD_COVERED = `INSERT INTO stats_refusal_days (source_id, day, key, count, covered)
  SELECT e.source_id, e.time / ${DAY_MS}, ${KEY}, 0, count(*) FROM stats_events e
  WHERE ${REFUSED} AND %WHERE% GROUP BY 1, 2, 3
  ON CONFLICT (source_id, day, key) DO UPDATE SET covered = covered + excluded.covered`;

function isRefusal(e: EventRow): boolean {
  return (e.metric === 'reject' || e.metric === 'defer') && e.client !== null;
}

/** The source id of the rows that count all sources together (real ids start at 1). */
export const ALL_SOURCES = 0;

interface Refuser {
  count: number;
  name: string | null;
  lastTime: number | null;
}

/** SQLite's max() of text: NULL only when both are. */
function maxText(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a;
}

/** Counts a batch's rejections (called in the writer's transaction, before or after the rows). */
export class RefusalDays {
  private readonly isCovered;
  private readonly upsert;
  private readonly upsertRefuser;

  constructor(db: Db) {
    this.isCovered = db.prepare(`SELECT ${coveredSql('@client', '@domain')}`).pluck();
    this.upsert = db.prepare(
      `INSERT INTO stats_refusal_days (source_id, day, key, count, covered) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (source_id, day, key)
       DO UPDATE SET count = count + excluded.count, covered = covered + excluded.covered`,
    );
    this.upsertRefuser = db.prepare(
      `INSERT INTO stats_refuser_days (source_id, day, kind, value, count, name, last_time)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, day, kind, value) DO UPDATE SET count = count + excluded.count,
         name = max(coalesce(name, excluded.name), coalesce(excluded.name, name)),
         last_time = max(coalesce(last_time, excluded.last_time),
           coalesce(excluded.last_time, last_time))`,
    );
  }

  private refusers(sourceId: number, events: readonly EventRow[]): void {
    const rows = new Map<string, Refuser>();
    const count = (key: string, name: string | null, time: number | null) => {
      const r = rows.get(key);
      if (!r) rows.set(key, { count: 1, name, lastTime: time });
      else {
        r.count++;
        r.name = maxText(r.name, name);
        if (time !== null && (r.lastTime === null || time > r.lastTime)) r.lastTime = time;
      }
    };
    for (const e of events) {
      if (e.metric !== 'reject' && e.metric !== 'defer') continue;
      const day = Math.floor(e.time / DAY_MS);
      if (e.client !== null) count(`${day}\u0001c\u0001${e.client}`, e.clientName, e.time);
      if (e.senderDomain !== null) count(`${day}\u0001d\u0001${e.senderDomain}`, null, null);
    }
    for (const [key, r] of rows) {
      const [day, kind, value] = key.split('\u0001') as [string, string, string];
      for (const id of [sourceId, ALL_SOURCES])
        this.upsertRefuser.run(id, Number(day), kind, value, r.count, r.name, r.lastTime);
    }
  }

  add(sourceId: number, events: readonly EventRow[]): void {
    this.refusers(sourceId, events);
    // Per pair, then per day and key: coverage is looked up once per pair in the batch.
    const pairs = new Map<string, { client: string; domain: string; rows: Map<string, number> }>();
    for (const e of events) {
      if (!isRefusal(e)) continue;
      const client = e.client as string;
      const domain = e.senderDomain ?? '';
      const pairKey = `${client}\u0001${domain}`;
      let p = pairs.get(pairKey);
      if (!p) pairs.set(pairKey, (p = { client, domain, rows: new Map() }));
      const row = `${Math.floor(e.time / DAY_MS)}\u0001${e.rule || e.reason}`;
      p.rows.set(row, (p.rows.get(row) ?? 0) + 1);
    }
    const totals = new Map<string, { count: number; covered: number }>();
    for (const p of pairs.values()) {
      const covered = this.isCovered.get({ client: p.client, domain: p.domain }) === 1;
      for (const [row, n] of p.rows) {
        const t = totals.get(row) ?? { count: 0, covered: 0 };
        t.count += n;
        if (covered) t.covered += n;
        totals.set(row, t);
      }
    }
    for (const [row, t] of totals) {
      const cut = row.indexOf('\u0001');
      this.upsert.run(sourceId, Number(row.slice(0, cut)), row.slice(cut + 1), t.count, t.covered);
    }
  }
}

/** Before evidence for a pair is first stored: its rejections so far become covered. */
export function coverPairForEvidence(db: Db, client: string, domain: string): void {
  const pair = { client, domain };
  const covered = db
    .prepare(`SELECT ${coveredSql('@client', '@domain')}`)
    .pluck()
    .get(pair);
  if (covered === 1) return;
  db.prepare(
    ADD_COVERED.replace(
      '%WHERE%',
      "e.client = @client AND coalesce(e.sender_domain, '') = @domain",
    ),
  ).run(pair);
}

/** Before a mark (client and/or domain, '' = any) is first stored: the pairs it newly covers. */
export function coverPairsForMark(db: Db, client: string, domain: string): void {
  const where = [
    client === '' ? '1' : 'e.client = @client',
    domain === '' ? '1' : "coalesce(e.sender_domain, '') = @domain",
    `NOT ${coveredSql('e.client', "coalesce(e.sender_domain, '')")}`,
  ].join(' AND ');
  const params = {
    ...(client === '' ? {} : { client }),
    ...(domain === '' ? {} : { domain }),
  };
  db.prepare(ADD_COVERED.replace('%WHERE%', where)).run(params);
}
