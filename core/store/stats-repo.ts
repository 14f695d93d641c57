// Reading the statistics: rollup rows of a range at one resolution, greylisting episodes, the
// top rejected clients and sender domains, rejections with their false-positive standing, and
// the per-source line counts. Each query takes the range and the sources; the dashboard
// (core/stats/dashboard.ts) makes charts of the rows. Runtime: Node.

import type { Db } from './database';

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

  greylistSummary(scope: Scope): GreylistSummaryRow[] {
    return this.db
      .prepare(
        `SELECT passed_at IS NOT NULL AS passed, count(*) AS triplets,
           sum(max(policy_attempts, smtpd_attempts)) AS attempts
         FROM stats_greylist WHERE first_at >= ? AND first_at < ?${sourceFilter('source_id', scope.sourceIds)}
         GROUP BY passed`,
      )
      .all(scope.from, scope.to, ...scope.sourceIds) as GreylistSummaryRow[];
  }

  /** Delays (seconds) of the triplets that passed, sorted. */
  greylistDelays(scope: Scope, limit = 100_000): number[] {
    return this.db
      .prepare(
        `SELECT delay_s FROM stats_greylist
         WHERE first_at >= ? AND first_at < ? AND passed_at IS NOT NULL AND delay_s IS NOT NULL${sourceFilter('source_id', scope.sourceIds)}
         ORDER BY delay_s LIMIT ?`,
      )
      .pluck()
      .all(scope.from, scope.to, ...scope.sourceIds, limit) as number[];
  }

  topClients(
    scope: Scope,
    limit: number,
  ): { client: string; name: string | null; count: number; lastTime: number }[] {
    return this.db
      .prepare(
        `SELECT client, max(client_name) AS name, count(*) AS count, max(time) AS lastTime
         FROM stats_events
         WHERE time >= ? AND time < ? AND metric IN ('reject', 'defer') AND client IS NOT NULL${sourceFilter('source_id', scope.sourceIds)}
         GROUP BY client ORDER BY count DESC, client LIMIT ?`,
      )
      .all(scope.from, scope.to, ...scope.sourceIds, limit) as {
      client: string;
      name: string | null;
      count: number;
      lastTime: number;
    }[];
  }

  topSenderDomains(scope: Scope, limit: number): { domain: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT sender_domain AS domain, count(*) AS count FROM stats_events
         WHERE time >= ? AND time < ? AND metric IN ('reject', 'defer') AND sender_domain IS NOT NULL${sourceFilter('source_id', scope.sourceIds)}
         GROUP BY sender_domain ORDER BY count DESC, domain LIMIT ?`,
      )
      .all(scope.from, scope.to, ...scope.sourceIds, limit) as { domain: string; count: number }[];
  }

  /**
   * Rejections per bucket and seed key with how many were likely wanted (evidence) or confirmed
   * (the admin's mark), and how many still wait for evidence.
   */
  rejectionStanding(scope: Scope, bucketMs: number): RejectionStanding[] {
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
               FROM (SELECT (e.time / ?) * ? AS bucket,
                       CASE WHEN e.rule != '' THEN e.rule ELSE e.reason END AS key,
                       e.client, coalesce(e.sender_domain, '') AS sender_domain, count(*) AS n
                     FROM stats_events e
                     WHERE e.time >= ? AND e.time < ? AND e.metric IN ('reject', 'defer')
                       AND e.client IS NOT NULL${sourceFilter('e.source_id', scope.sourceIds)}
                     GROUP BY 1, 2, 3, 4) p) g
         LEFT JOIN fp_evidence ev ON ev.client = g.client AND ev.sender_domain = g.sender_domain
         GROUP BY g.bucket, g.key`,
      )
      .all(bucketMs, bucketMs, scope.from, scope.to, ...scope.sourceIds) as RejectionStanding[];
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
