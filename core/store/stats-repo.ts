// Reading the statistics: rollup rows of a range at one resolution, greylisting episodes, the
// top rejected clients and sender domains, rejections with their false-positive standing, and
// the per-source line counts. The false-positive standing of whole days is read from the
// per-day rejection counts (refusal-days.ts); only partial days at a range's ends, and the
// rejections of pairs with likely evidence or a "wanted" mark, are read one by one. Each query takes the range and the sources; the dashboard
// (core/stats/dashboard.ts) makes charts of the rows. Runtime: Node.

import type { Db } from './database';
import { binRange, BIN_SQL, NO_DELAY } from './greylist-days';
import { ALL_SOURCES, DAY_MS } from './refusal-days';

export interface RollupRow {
  bucket: number;
  metric: string;
  reason: string;
  rule: string;
  count: number;
}

export interface Scope {
  /** Unix ms, inclusive / exclusive. */
  from: number;
  to: number;
  /** Empty: every source. */
  sourceIds: number[];
}

/** `AND <column> IN (?, ?, …)` for the chosen sources, or nothing for all. */
function sourceFilter(column: string, ids: number[]): string {
  return ids.length ? ` AND ${column} IN (${ids.map(() => '?').join(',')})` : '';
}

export interface GreylistSummaryRow {
  passed: number;
  triplets: number;
  attempts: number;
}

export interface RejectionStanding {
  bucket: number;
  key: string;
  total: number;
  likely: number;
  confirmed: number;
  pending: number;
}

export interface TopClient {
  client: string;
  name: string | null;
  count: number;
  lastTime: number;
}

export interface TopDomain {
  domain: string;
  count: number;
}

/** SQLite's BINARY order of ASCII text. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface SourceTotals {
  sourceId: number;
  lines: number;
  unknown: number;
  lastTime: number | null;
  updatedAt: number | null;
}

/** The most specific mark for an event's client and sender domain ('' in a mark: any). */
const MARK_OF = `(SELECT m.wanted FROM fp_marks m
   WHERE (m.client = e.client OR m.client = '')
     AND (m.sender_domain = coalesce(e.sender_domain, '') OR m.sender_domain = '')
   ORDER BY (m.client != '') + (m.sender_domain != '') DESC LIMIT 1)`;

/** Rejections from a pair that has likely evidence or that a "wanted" mark names. */
const WANTED = ` AND (e.client IN (SELECT client FROM fp_evidence WHERE likely = 1)
  OR e.client IN (SELECT client FROM fp_marks WHERE wanted = 1 AND client != '')
  OR e.sender_domain IN (SELECT sender_domain FROM fp_marks
    WHERE wanted = 1 AND client = '' AND sender_domain != ''))`;

export class StatsRepo {
  constructor(private readonly db: Db) {}

  rollups(span: number, scope: Scope): RollupRow[] {
    const from = Math.floor(scope.from / 60_000);
    const to = Math.ceil(scope.to / 60_000);
    // Rows whose bucket overlaps the range: buckets start at multiples of the span.
    const first = from - (((from % span) + span) % span);
    return this.db
      .prepare(
        `SELECT bucket, metric, reason, rule, sum(count) AS count FROM stats_rollups
         WHERE span = ? AND bucket >= ? AND bucket < ?${sourceFilter('source_id', scope.sourceIds)}
         GROUP BY bucket, metric, reason, rule`,
      )
      .all(span, first, to, ...scope.sourceIds) as RollupRow[];
  }

  /** The range's whole UTC days [first, end) (Unix ms), if it has any. */
  private wholeDays(scope: Scope): { first: number; end: number } | undefined {
    const first = Math.ceil(scope.from / DAY_MS) * DAY_MS;
    const end = Math.floor(scope.to / DAY_MS) * DAY_MS;
    return first < end ? { first, end } : undefined;
  }

  /** The range's partial days at either end. */
  private edges(scope: Scope, days: { first: number; end: number }): Scope[] {
    const out: Scope[] = [];
    if (scope.from < days.first) out.push({ ...scope, to: days.first });
    if (days.end < scope.to) out.push({ ...scope, from: days.end });
    return out;
  }

  /** Rows of the per-day tables (source 0 holds all sources together). */
  private dayRows<T>(
    table: string,
    select: string,
    where: string,
    scope: Scope,
    days: { first: number; end: number },
    args: unknown[] = [],
  ): T[] {
    const ids = scope.sourceIds.length ? scope.sourceIds : [ALL_SOURCES];
    return this.db
      .prepare(
        `SELECT ${select} FROM ${table}
         WHERE day >= ? AND day < ?${where}${sourceFilter('source_id', ids)} GROUP BY 1`,
      )
      .all(days.first / DAY_MS, days.end / DAY_MS, ...args, ...ids) as T[];
  }

  greylistSummary(scope: Scope): GreylistSummaryRow[] {
    const days = this.wholeDays(scope);
    if (!days) return this.greylistSummaryFromEpisodes(scope);
    const rows = [
      ...this.edges(scope, days).flatMap((e) => this.greylistSummaryFromEpisodes(e)),
      ...this.dayRows<GreylistSummaryRow>(
        'stats_greylist_days',
        'passed, sum(triplets) AS triplets, sum(attempts) AS attempts',
        '',
        scope,
        days,
      ),
    ];
    const merged = new Map<number, GreylistSummaryRow>();
    for (const r of rows) {
      const had = merged.get(r.passed);
      if (!had) merged.set(r.passed, { ...r });
      else {
        had.triplets += r.triplets;
        had.attempts += r.attempts;
      }
    }
    // Counts moved to "passed" leave rows of nothing behind.
    return [...merged.values()].filter((r) => r.triplets > 0).sort((a, b) => a.passed - b.passed);
  }

  greylistSummaryFromEpisodes(scope: Scope): GreylistSummaryRow[] {
    return this.db
      .prepare(
        `SELECT passed_at IS NOT NULL AS passed, count(*) AS triplets,
           sum(max(policy_attempts, smtpd_attempts)) AS attempts
         FROM stats_greylist WHERE first_at >= ? AND first_at < ?${sourceFilter('source_id', scope.sourceIds)}
         GROUP BY passed`,
      )
      .all(scope.from, scope.to, ...scope.sourceIds) as GreylistSummaryRow[];
  }

  /**
   * Delays of the triplets that passed: how many in each 30-second bin (greylist-days.ts),
   * and the median, exact (the lower one of an even count).
   */
  greylistDelays(scope: Scope): { bins: Map<number, number>; count: number; median?: number } {
    const days = this.wholeDays(scope);
    const rows = days
      ? [
          ...this.edges(scope, days).flatMap((e) => this.delayBinsFromEpisodes(e)),
          ...this.dayRows<{ bin: number; n: number }>(
            'stats_greylist_days',
            'bin, sum(triplets) AS n',
            ` AND passed = 1 AND bin != ${NO_DELAY}`,
            scope,
            days,
          ),
        ]
      : this.delayBinsFromEpisodes(scope);
    const bins = new Map<number, number>();
    let count = 0;
    for (const r of rows) {
      if (r.n === 0) continue;
      bins.set(r.bin, (bins.get(r.bin) ?? 0) + r.n);
      count += r.n;
    }
    if (count === 0) return { bins, count };
    let k = Math.floor((count - 1) / 2);
    for (const bin of [...bins.keys()].sort((a, b) => a - b)) {
      const n = bins.get(bin) as number;
      if (k >= n) {
        k -= n;
        continue;
      }
      const [lo, hi] = binRange(bin);
      const median = this.db
        .prepare(
          `SELECT delay_s FROM stats_greylist INDEXED BY stats_greylist_delay
           WHERE ${lo === undefined ? '1' : 'delay_s >= ?'} AND ${hi === undefined ? '1' : 'delay_s < ?'}
             AND first_at >= ? AND first_at < ? AND passed_at IS NOT NULL${sourceFilter('source_id', scope.sourceIds)}
           ORDER BY delay_s LIMIT 1 OFFSET ?`,
        )
        .pluck()
        .get(
          ...[lo, hi].filter((x) => x !== undefined),
          scope.from,
          scope.to,
          ...scope.sourceIds,
          k,
        ) as number;
      return { bins, count, median };
    }
    return { bins, count };
  }

  private delayBinsFromEpisodes(scope: Scope): { bin: number; n: number }[] {
    return this.db
      .prepare(
        `SELECT ${BIN_SQL} AS bin, count(*) AS n FROM stats_greylist
         WHERE first_at >= ? AND first_at < ? AND passed_at IS NOT NULL AND delay_s IS NOT NULL${sourceFilter('source_id', scope.sourceIds)}
         GROUP BY 1`,
      )
      .all(scope.from, scope.to, ...scope.sourceIds) as { bin: number; n: number }[];
  }

  /** Delays (seconds) of the triplets that passed, sorted: the reference of greylistDelays. */
  delaysFromEpisodes(scope: Scope): number[] {
    return this.db
      .prepare(
        `SELECT delay_s FROM stats_greylist
         WHERE first_at >= ? AND first_at < ? AND passed_at IS NOT NULL AND delay_s IS NOT NULL${sourceFilter('source_id', scope.sourceIds)}
         ORDER BY delay_s`,
      )
      .pluck()
      .all(scope.from, scope.to, ...scope.sourceIds) as number[];
  }

  topClients(scope: Scope, limit: number): TopClient[] {
    const merged = new Map<string, TopClient>();
    for (const c of this.inParts(scope, (part) => this.clientsFromEvents(part), 'c')) {
      const had = merged.get(c.client);
      if (!had) merged.set(c.client, { ...c });
      else {
        had.count += c.count;
        if (c.name !== null && (had.name === null || c.name > had.name)) had.name = c.name;
        if (c.lastTime > had.lastTime) had.lastTime = c.lastTime;
      }
    }
    return [...merged.values()]
      .sort((a, b) => b.count - a.count || byText(a.client, b.client))
      .slice(0, limit);
  }

  topSenderDomains(scope: Scope, limit: number): TopDomain[] {
    const merged = new Map<string, TopDomain>();
    for (const d of this.inParts(scope, (part) => this.domainsFromEvents(part), 'd')) {
      const had = merged.get(d.domain);
      if (!had) merged.set(d.domain, { ...d });
      else had.count += d.count;
    }
    return [...merged.values()]
      .sort((a, b) => b.count - a.count || byText(a.domain, b.domain))
      .slice(0, limit);
  }

  /**
   * Rows of a range's partial days at either end from single rejections, and of its whole days
   * from the per-day counts (all sources' own rows when every source is chosen).
   */
  private inParts<T>(scope: Scope, events: (part: Scope) => T[], kind: 'c' | 'd'): T[] {
    const first = Math.ceil(scope.from / DAY_MS) * DAY_MS;
    const end = Math.floor(scope.to / DAY_MS) * DAY_MS;
    if (first >= end) return events(scope);
    const out: T[] = [];
    if (scope.from < first) out.push(...events({ ...scope, to: first }));
    if (end < scope.to) out.push(...events({ ...scope, from: end }));
    const ids = scope.sourceIds.length ? scope.sourceIds : [ALL_SOURCES];
    const column =
      kind === 'c'
        ? 'value AS client, max(name) AS name, sum(count) AS count, max(last_time) AS lastTime'
        : 'value AS domain, sum(count) AS count';
    const rows = this.db
      .prepare(
        `SELECT ${column} FROM stats_refuser_days
         WHERE kind = ? AND day >= ? AND day < ?${sourceFilter('source_id', ids)} GROUP BY value`,
      )
      .all(kind, first / DAY_MS, end / DAY_MS, ...ids) as T[];
    out.push(...rows);
    return out;
  }

  /** Every rejected client of the range with its count (the reference of the per-day rows). */
  clientsFromEvents(scope: Scope): TopClient[] {
    return this.db
      .prepare(
        `SELECT client, max(client_name) AS name, count(*) AS count, max(time) AS lastTime
         FROM stats_events
         WHERE time >= ? AND time < ? AND metric IN ('reject', 'defer') AND client IS NOT NULL${sourceFilter('source_id', scope.sourceIds)}
         GROUP BY client`,
      )
      .all(scope.from, scope.to, ...scope.sourceIds) as TopClient[];
  }

  /** Every sender domain of the range's rejections with its count. */
  domainsFromEvents(scope: Scope): TopDomain[] {
    return this.db
      .prepare(
        `SELECT sender_domain AS domain, count(*) AS count FROM stats_events
         WHERE time >= ? AND time < ? AND metric IN ('reject', 'defer') AND sender_domain IS NOT NULL${sourceFilter('source_id', scope.sourceIds)}
         GROUP BY sender_domain`,
      )
      .all(scope.from, scope.to, ...scope.sourceIds) as TopDomain[];
  }

  /**
   * Rejections per bucket and seed key with how many were likely wanted (evidence) or confirmed
   * (the admin's mark), and how many still wait for evidence.
   */
  rejectionStanding(scope: Scope, bucketMs: number): RejectionStanding[] {
    const first = Math.ceil(scope.from / DAY_MS) * DAY_MS;
    const end = Math.floor(scope.to / DAY_MS) * DAY_MS;
    if (bucketMs !== DAY_MS || first >= end || this.everyPairWanted())
      return this.standingFromEvents(scope, bucketMs);
    const rows = new Map<string, RejectionStanding>();
    const add = (r: RejectionStanding) => {
      const k = `${r.bucket}\u0001${r.key}`;
      const had = rows.get(k);
      if (!had) rows.set(k, { ...r });
      else {
        had.total += r.total;
        had.likely += r.likely;
        had.confirmed += r.confirmed;
        had.pending += r.pending;
      }
    };
    if (scope.from < first) this.standingFromEvents({ ...scope, to: first }, bucketMs).forEach(add);
    if (end < scope.to) this.standingFromEvents({ ...scope, from: end }, bucketMs).forEach(add);
    const days = this.db
      .prepare(
        `SELECT day * ${DAY_MS} AS bucket, key, sum(count) AS total, 0 AS likely, 0 AS confirmed,
           sum(count - covered) AS pending
         FROM stats_refusal_days WHERE day >= ? AND day < ?${sourceFilter('source_id', scope.sourceIds)}
         GROUP BY day, key`,
      )
      .all(first / DAY_MS, end / DAY_MS, ...scope.sourceIds) as RejectionStanding[];
    days.forEach(add);
    // Likely and confirmed can only come from pairs with likely evidence or a "wanted" mark.
    for (const r of this.standingFromEvents({ ...scope, from: first, to: end }, bucketMs, WANTED))
      add({ ...r, total: 0, pending: 0 });
    return [...rows.values()].sort(
      (a, b) => a.bucket - b.bucket || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  }

  /** A "wanted" mark for any client and any domain: every rejection is a candidate. */
  private everyPairWanted(): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM fp_marks WHERE client = '' AND sender_domain = '' AND wanted = 1")
        .get() !== undefined
    );
  }

  /**
   * The standing computed from the rejections kept one by one (`only`: a further condition on
   * them). The reference the per-day counts are tested against.
   */
  standingFromEvents(scope: Scope, bucketMs: number, only = ''): RejectionStanding[] {
    // Written into the SQL as an integer: a bound JavaScript number is a REAL to SQLite, whose
    // division then kept every rejection's own time instead of its bucket's.
    const span = Math.trunc(bucketMs);
    // Grouped by client and sender domain first, so evidence and marks are looked up once per
    // pair and bucket rather than once per rejection; marks only when there are any.
    const anyMarks = this.db.prepare('SELECT 1 FROM fp_marks LIMIT 1').get() !== undefined;
    const wanted = anyMarks ? MARK_OF.replaceAll('e.', 'p.') : 'NULL';
    return this.db
      .prepare(
        `SELECT g.bucket, g.key, sum(g.n) AS total,
           sum(CASE WHEN g.wanted IS NULL AND ev.likely = 1 THEN g.n ELSE 0 END) AS likely,
           sum(CASE WHEN g.wanted = 1 THEN g.n ELSE 0 END) AS confirmed,
           sum(CASE WHEN g.wanted IS NULL AND ev.client IS NULL THEN g.n ELSE 0 END) AS pending
         FROM (SELECT p.*, ${wanted} AS wanted
               FROM (SELECT (e.time / ${span}) * ${span} AS bucket,
                       CASE WHEN e.rule != '' THEN e.rule ELSE e.reason END AS key,
                       e.client, coalesce(e.sender_domain, '') AS sender_domain, count(*) AS n
                     FROM stats_events e
                     WHERE e.time >= ? AND e.time < ? AND e.metric IN ('reject', 'defer')
                       AND e.client IS NOT NULL${only}${sourceFilter('e.source_id', scope.sourceIds)}
                     GROUP BY 1, 2, 3, 4) p) g
         LEFT JOIN fp_evidence ev ON ev.client = g.client AND ev.sender_domain = g.sender_domain
         GROUP BY g.bucket, g.key`,
      )
      .all(scope.from, scope.to, ...scope.sourceIds) as RejectionStanding[];
  }

  /** Rejected client/sender-domain pairs of the range with no evidence yet, most rejected first. */
  pendingEvidence(
    scope: Scope,
    limit: number,
  ): {
    client: string;
    senderDomain: string;
    sender: string | null;
    helo: string | null;
    count: number;
  }[] {
    return this.db
      .prepare(
        `SELECT e.client, coalesce(e.sender_domain, '') AS senderDomain, max(e.sender) AS sender,
           max(e.helo) AS helo, count(*) AS count
         FROM stats_events e
         LEFT JOIN fp_evidence ev
           ON ev.client = e.client AND ev.sender_domain = coalesce(e.sender_domain, '')
         WHERE e.time >= ? AND e.time < ? AND e.metric IN ('reject', 'defer')
           AND e.client IS NOT NULL AND ev.client IS NULL${sourceFilter('e.source_id', scope.sourceIds)}
         GROUP BY e.client, senderDomain ORDER BY count DESC LIMIT ?`,
      )
      .all(scope.from, scope.to, ...scope.sourceIds, limit) as {
      client: string;
      senderDomain: string;
      sender: string | null;
      helo: string | null;
      count: number;
    }[];
  }

  sourceTotals(sourceIds: number[]): SourceTotals[] {
    return this.db
      .prepare(
        `SELECT s.id AS sourceId, coalesce(sum(p.lines), 0) AS lines,
           coalesce(sum(p.unknown), 0) AS unknown, max(p.last_time) AS lastTime,
           max(p.updated_at) AS updatedAt
         FROM log_sources s LEFT JOIN log_positions p ON p.source_id = s.id
         WHERE 1 = 1${sourceFilter('s.id', sourceIds)} GROUP BY s.id`,
      )
      .all(...sourceIds) as SourceTotals[];
  }

  revision(): number {
    return this.db
      .prepare("SELECT value FROM stats_meta WHERE key = 'revision'")
      .pluck()
      .get() as number;
  }
}
